"""What the two admin trees — 组织机构 (``OrgUnit``) and 派单目录 (``Topic``) — share: a row's
siblings in display order, moving a row up or down among them (with its audit row), the rows
below a row (so a move cannot put a row under itself), the next free place at the end of a
parent's list, and what a save changed (for its audit row; an empty save is refused)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hotline_desk.domain.errors import ConflictError, Msg, ValidationError
from hotline_desk.services.audit import record_audit
from hotline_desk.services.dto import Actor
from hotline_desk.store.models import OrgUnit, Topic

TreeRow = OrgUnit | Topic


def _parent_is(model: Any, parent_id: int | None) -> Any:
    return model.parent_id.is_(None) if parent_id is None else model.parent_id == parent_id


def siblings(s: Session, model: Any, parent_id: int | None) -> list[Any]:
    """The rows under ``parent_id`` (None: the top level) in display order."""
    query = select(model).where(_parent_is(model, parent_id))
    return list(s.execute(query.order_by(model.sort_order, model.id)).scalars())


def next_place(s: Session, model: Any, parent_id: int | None) -> int:
    """A sort order after every row under ``parent_id``."""
    last = s.scalar(select(func.max(model.sort_order)).where(_parent_is(model, parent_id)))
    return int(last if last is not None else -1) + 1


def shift(s: Session, row: TreeRow, step: int) -> None:
    """Move ``row`` one place up (``step`` -1) or down (+1) among its siblings; the siblings are
    numbered 0, 1, 2 … afresh so equal or sparse orders of older data do not matter."""
    rows = siblings(s, type(row), row.parent_id)
    at = rows.index(row)
    to = at + (1 if step > 0 else -1)
    if not 0 <= to < len(rows):
        raise ConflictError("已经在最前" if step < 0 else "已经在最后")
    rows[at], rows[to] = rows[to], rows[at]
    for place, each in enumerate(rows):
        if each.sort_order != place:
            each.sort_order = place


def shift_audited(s: Session, now: datetime, actor: Actor, row: TreeRow, step: int, action: str,
                  object_type: str) -> None:  # fmt: skip
    """``shift`` and its audit row (``action``: the caller's literal, see test_audit_names)."""
    shift(s, row, step)
    record_audit(s, now, actor, action, object_type, row.id,
                 {"direction": "上移" if step < 0 else "下移"})  # fmt: skip


def changed_fields(old: dict[str, Any], new: dict[str, Any], unchanged_ok: bool) -> dict[str, Any]:
    """The audit detail's ``fields`` of a saved row: each changed field's old and new value.
    Nothing changed is refused unless ``unchanged_ok`` (then the result is empty)."""
    changed = {k: {"old": old[k], "new": v} for k, v in new.items() if old[k] != v}
    if not changed and not unchanged_ok:
        raise ValidationError({"name": Msg("没有需要保存的修改")})
    return changed


def descendants(s: Session, model: Any, row_id: int) -> set[int]:
    """The ids of every row below ``row_id`` (the trees are small: read them whole)."""
    children: dict[int | None, list[int]] = {}
    for id_, parent in s.execute(select(model.id, model.parent_id)):
        children.setdefault(parent, []).append(id_)
    found: set[int] = set()
    todo = list(children.get(row_id, []))
    while todo:
        id_ = todo.pop()
        if id_ not in found:
            found.add(id_)
            todo.extend(children.get(id_, []))
    return found
