"""The first-run assistant (首次设置向导): after the system administrator's first login on a new
desk (not a demo) it leads through the bureau's name (office settings), its sections and units,
the 派单目录 and the first users. It can be left and resumed at the step it was on (an internal
office setting keeps the step), and it is offered until finished or dismissed — both audited.

Sections and topics come as lines (typed in the assistant's tables or read from its XLSX
template, ``org_workbook``); each table is saved in one transaction through the same checks as
the 组织机构 and 派单目录 pages, an error naming the line and the field."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotline_desk.domain.errors import Msg, ValidationError
from hotline_desk.domain.permissions import ORG_ADMIN_ROLES, require
from hotline_desk.services.admin import office, org, topics
from hotline_desk.services.admin.org_workbook import (
    CATEGORY_BY_LABEL,
    KIND_BY_LABEL,
    TopicLine,
    UnitLine,
    codes,
)
from hotline_desk.services.audit import record_audit
from hotline_desk.services.boundary import signed_in, user_input
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.store.models import OrgUnit, Topic, User

STATE = office.OfficeKey("setup_assistant", str, "", "首次设置向导进度（内部）")
"""'' never opened, 'step:N' left at step N, 'done' finished, 'dismissed' not wanted
(internal, not in ``OFFICE_SETTINGS``)."""
STEPS = 5
DONE, DISMISSED = "done", "dismissed"


@dataclass(frozen=True)
class AssistantOffer:
    step: int
    """The step to open at (0 the first; where it was left)."""


@signed_in
def assistant_offer(ctx: ServiceContext, actor: Actor) -> AssistantOffer | None:
    """Whether to offer the assistant to this user now: a system administrator, on a desk
    that is no demo, while it was neither finished nor dismissed."""
    if not actor.has("sys_admin"):
        return None
    with ctx.uow.read() as uow:
        s = uow.session
        state = str(office.read(s, STATE))
        demo = s.scalar(select(User.id).where(User.is_demo).limit(1)) is not None
    if demo or state in (DONE, DISMISSED):
        return None
    step = int(state.removeprefix("step:")) if state.startswith("step:") else 0
    return AssistantOffer(min(max(step, 0), STEPS - 1))


@user_input
def remember_step(ctx: ServiceContext, actor: Actor, step: int) -> None:
    """Keep the step the assistant was left at (opened there next time)."""
    require(actor.roles, ORG_ADMIN_ROLES, "首次设置")
    now = ctx.now()
    with ctx.uow.write() as uow:
        office.write(uow.session, STATE, f"step:{step}", actor.user_id, now)
        record_audit(
            uow.session, now, actor, "setup_step", "setting", STATE.key, {"page": step + 1}
        )
        uow.commit()


@user_input
def close_assistant(ctx: ServiceContext, actor: Actor, finished: bool) -> None:
    """Finish the assistant, or dismiss it (not offered again either way)."""
    require(actor.roles, ORG_ADMIN_ROLES, "首次设置")
    now = ctx.now()
    with ctx.uow.write() as uow:
        office.write(uow.session, STATE, DONE if finished else DISMISSED, actor.user_id, now)
        record_audit(uow.session, now, actor,
                     "setup_finished" if finished else "setup_dismissed", "setting",
                     STATE.key)  # fmt: skip
        uow.commit()


def _line_errors(errors: dict[str, str], n: int, exc: ValidationError) -> None:
    for message in exc.field_errors.values():
        errors.setdefault("rows", "")
        errors["rows"] += Msg("第 {n} 行：{message}", n=n, message=message) + "\n"


def _unit_ids(s: Session) -> dict[str, int]:
    return dict(s.execute(select(OrgUnit.code, OrgUnit.id)).all())  # type: ignore[arg-type]


@user_input
def save_unit_lines(ctx: ServiceContext, actor: Actor, lines: tuple[UnitLine, ...]) -> int:
    """Add or change the units of the table (by code; parents by code, earlier lines or units
    already there), all or none; returns how many lines were saved."""
    require(actor.roles, ORG_ADMIN_ROLES, "维护组织机构")
    now = ctx.now()
    errors: dict[str, str] = {}
    with ctx.uow.write() as uow:
        s = uow.session
        for n, line in enumerate(lines, start=1):
            ids = _unit_ids(s)
            kind = KIND_BY_LABEL.get(line.kind.strip(), line.kind.strip())
            parent = line.parent_code.strip().upper()
            if parent and parent not in ids:
                errors.setdefault("rows", "")
                errors["rows"] += Msg("第 {n} 行：上级代码 {code} 不存在（上级须写在下级之前）",
                                      n=n, code=parent) + "\n"  # fmt: skip
                continue
            existing = ids.get(line.code.strip().upper())
            unit = s.get(OrgUnit, existing) if existing is not None else None
            data = org.UnitInput(line.code, line.name, kind, ids.get(parent),
                                 unit.head_user_id if unit else None, line.head_name,
                                 line.phone)  # fmt: skip
            try:
                with s.begin_nested():
                    org.write_unit(s, now, actor, existing, data, unchanged_ok=True)
            except ValidationError as exc:
                _line_errors(errors, n, exc)
        if errors:
            raise ValidationError(errors)
        uow.commit()
    return len(lines)


@user_input
def save_topic_lines(ctx: ServiceContext, actor: Actor, lines: tuple[TopicLine, ...]) -> int:
    """Add or change the topics of the table (by code; parent, lead and assisting units by
    code), all or none; returns how many lines were saved."""
    require(actor.roles, ORG_ADMIN_ROLES, "维护派单目录")
    now = ctx.now()
    errors: dict[str, str] = {}
    with ctx.uow.write() as uow:
        s = uow.session
        units = _unit_ids(s)
        for n, line in enumerate(lines, start=1):
            topic_ids = dict(s.execute(select(Topic.code, Topic.id)).all())
            unknown = [c for c in codes(line.lead_code) + codes(line.assist_codes)
                       if c not in units]  # fmt: skip
            parent = line.parent_code.strip().upper()
            if parent and parent not in topic_ids:
                unknown.append(parent)
            category = line.limit_category.strip()
            if category and category not in CATEGORY_BY_LABEL:
                unknown.append(category)
            if unknown:
                errors.setdefault("rows", "")
                errors["rows"] += Msg("第 {n} 行：找不到 {codes}", n=n,
                                      codes=tuple(unknown)) + "\n"  # fmt: skip
                continue
            lead = codes(line.lead_code)
            data = topics.TopicInput(
                line.code, line.name, topic_ids.get(parent), units[lead[0]] if lead else None,
                tuple(units[c] for c in codes(line.assist_codes)), line.keywords,
                CATEGORY_BY_LABEL.get(category),
            )  # fmt: skip
            try:
                with s.begin_nested():
                    topics.write_topic(s, now, actor, topic_ids.get(line.code.strip().upper()),
                                       data, unchanged_ok=True)  # fmt: skip
            except ValidationError as exc:
                _line_errors(errors, n, exc)
        if errors:
            raise ValidationError(errors)
        uow.commit()
    return len(lines)
