"""Saved searches (issue 16): a user keeps a search — its text and the list's filters — under a
name, finds it in the navigation and runs it again. Each user sees, saves and deletes only their
own; saving and deleting are audited. Also the index's rebuild, the machine owner's repair."""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from sqlalchemy import delete, select

from hotline_desk.domain.errors import Msg, NotFound, ValidationError
from hotline_desk.domain.permissions import CASE_ROLES, require
from hotline_desk.services.audit import record_audit
from hotline_desk.services.boundary import user_input
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseFilter
from hotline_desk.store.models import SavedSearch

NAME_MAX = 40
MAX_SAVED = 50
_DATES = ("received_from", "received_to")
_KEPT = ("statuses", "channel", "category", "topic_id", "lead_unit_id", "urgency", *_DATES, "text")
"""The filter's fields a saved search keeps (not an inbox queue or a statistics drill)."""


@dataclass(frozen=True)
class SavedSearchView:
    id: int
    name: str
    filter: CaseFilter


def filter_to_json(flt: CaseFilter) -> str:
    data: dict[str, Any] = {}
    for name in _KEPT:
        value = getattr(flt, name)
        if value in (None, "", ()):
            continue
        data[name] = value.isoformat() if isinstance(value, date) else value
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def filter_from_json(text: str) -> CaseFilter:
    data = json.loads(text)
    known = {f.name for f in fields(CaseFilter)} & set(_KEPT)
    values: dict[str, Any] = {k: v for k, v in data.items() if k in known}
    for name in _DATES:
        if values.get(name):
            values[name] = date.fromisoformat(values[name])
    if "statuses" in values:
        values["statuses"] = tuple(values["statuses"])
    return CaseFilter(**values)


@user_input
def list_saved(ctx: ServiceContext, actor: Actor) -> tuple[SavedSearchView, ...]:
    """The actor's saved searches, by name."""
    with ctx.uow.read() as uow:
        rows = uow.session.execute(
            select(SavedSearch)
            .where(SavedSearch.user_id == actor.user_id)
            .order_by(SavedSearch.name)
        ).scalars()
        return tuple(SavedSearchView(r.id, r.name, filter_from_json(r.query)) for r in rows)


@user_input
def save_search(ctx: ServiceContext, actor: Actor, name: str, flt: CaseFilter) -> SavedSearchView:
    """Keep ``flt`` under ``name`` for the actor (a name used already is refused)."""
    require(actor.roles, CASE_ROLES, "保存查询")
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": "请填写查询名称"})
    if len(name) > NAME_MAX:
        raise ValidationError({"name": Msg("查询名称不能超过 {limit} 个字", limit=NAME_MAX)})
    query = filter_to_json(flt)
    if query == "{}":
        raise ValidationError({"name": "没有可保存的查询条件"})
    now = ctx.now()
    with ctx.uow.write() as uow:
        s = uow.session
        mine = s.execute(select(SavedSearch.name).where(SavedSearch.user_id == actor.user_id))
        names = set(mine.scalars())
        if name in names:
            raise ValidationError({"name": Msg("已有名为“{name}”的查询", name=name)})
        if len(names) >= MAX_SAVED:
            raise ValidationError(
                {"name": Msg("最多保存 {limit} 个查询，请先删除不用的", limit=MAX_SAVED)}
            )
        row = SavedSearch(user_id=actor.user_id, name=name, query=query, created_at=now)
        s.add(row)
        s.flush()
        record_audit(s, now, actor, "search_saved", "saved_search", row.id,
                     {"name": name, "query": json.loads(query)})  # fmt: skip
        uow.commit()
        return SavedSearchView(row.id, name, filter_from_json(query))


@user_input
def delete_saved(ctx: ServiceContext, actor: Actor, saved_id: int) -> None:
    """Delete one of the actor's saved searches (another user's is "not found")."""
    now = ctx.now()
    with ctx.uow.write() as uow:
        s = uow.session
        row = s.get(SavedSearch, saved_id)
        if row is None or row.user_id != actor.user_id:
            raise NotFound("没有这个保存的查询")
        record_audit(s, now, actor, "search_deleted", "saved_search", row.id, {"name": row.name})
        s.execute(delete(SavedSearch).where(SavedSearch.id == saved_id))
        uow.commit()
