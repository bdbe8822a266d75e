"""Case use cases of the foundation: register, correct before dispatch, open, timeline."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from hotline_desk.domain.enums import CaseStatus, Channel, EventKind
from hotline_desk.domain.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from hotline_desk.domain.masking import mask_address, mask_name, mask_phone
from hotline_desk.domain.numbering import case_no_key, format_case_no, new_query_code
from hotline_desk.domain.permissions import (
    PERSONAL_DATA_ROLES,
    REGISTER_ROLES,
    has_any,
    require,
)
from hotline_desk.domain.validation import FIELD_LABELS, CaseInput, validate_case_input
from hotline_desk.services.audit import record_audit
from hotline_desk.services.case_queries import visible_to
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseDetail, CaseEventInfo
from hotline_desk.services.phones import normalise_cn_phone
from hotline_desk.services.work_dto import CaseWork
from hotline_desk.store.models import Case, CaseEvent, CaseNoCounter, OrgUnit, Topic, User

EDITABLE_FIELDS = (
    "channel",
    "received_at",
    "platform_ref",
    "caller_name",
    "caller_phone",
    "caller_address",
    "anonymous",
    "confidential",
    "publish_consent",
    "category",
    "topic_id",
    "urgency",
    "important",
    "title",
    "content",
)
_DUPLICATE_REF = "平台工单号已存在,同一工单不能重复登记"
PERSONAL_FIELDS = frozenset({"caller_name", "caller_phone", "caller_address"})


def _next_seq(s: Session, key: str) -> int:
    """Bump the day's counter inside the current transaction (atomic on SQLite and PostgreSQL)."""
    if s.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    stmt = (
        insert(CaseNoCounter)
        .values(key=key, last_seq=1)
        .on_conflict_do_update(
            index_elements=[CaseNoCounter.key],
            set_={"last_seq": CaseNoCounter.last_seq + 1},
        )
        .returning(CaseNoCounter.last_seq)
    )
    return int(s.execute(stmt).scalar_one())


def _check_references(s: Session, data: CaseInput, exclude_case_id: int | None = None) -> None:
    errors: dict[str, str] = {}
    topic = s.get(Topic, data.topic_id) if data.topic_id is not None else None
    if topic is None or not topic.active:
        errors["topic_id"] = "请从派单目录中选择一个有效的事项分类"
    if data.platform_ref:
        query = select(Case.case_no).where(Case.platform_ref == data.platform_ref)
        if exclude_case_id is not None:
            query = query.where(Case.id != exclude_case_id)
        existing = s.execute(query).scalar_one_or_none()
        if existing:
            errors["platform_ref"] = f"平台工单号已存在(办件 {existing}),同一工单不能重复登记"
    if errors:
        raise ValidationError(errors)


def _event(
    s: Session,
    case: Case,
    actor: Actor,
    kind: EventKind,
    summary: str = "",
    from_status: str | None = None,
    changes: dict[str, list[str]] | None = None,
) -> None:
    s.add(
        CaseEvent(
            case_id=case.id,
            at=case.updated_at,
            actor_id=actor.user_id,
            kind=kind.value,
            from_status=from_status,
            to_status=case.status,
            summary=summary,
            changes=json.dumps(changes or {}, ensure_ascii=False),
        )
    )


def register_case(ctx: ServiceContext, actor: Actor, data: CaseInput) -> CaseDetail:
    """登记: validate, number and store a case with its first timeline event and audit row."""
    require(actor.roles, REGISTER_ROLES, "登记办件")
    now = ctx.now()
    clean = validate_case_input(data, now, normalise_cn_phone)
    with ctx.uow.write() as uow:
        s = uow.session
        case = insert_case(s, actor, clean, now)
        detail = build_detail(
            s, case, actor, now=now
        )  # inside the transaction: no second BEGIN IMMEDIATE
        uow.commit()
        return detail


def insert_case(s: Session, actor: Actor, clean: CaseInput, now: datetime) -> Case:
    """Number and store a validated case with its 登记 event and audit row, inside the caller's
    transaction (``register_case``; ``duplicates.register_duplicate`` merges it in the same one)."""
    channel = Channel(clean.channel)
    _check_references(s, clean)
    assert clean.received_at is not None
    key = case_no_key(channel, clean.received_at.date())
    case = Case(
        case_no=format_case_no(key, _next_seq(s, key)),
        query_code=new_query_code(),
        status=CaseStatus.REGISTERED.value,
        platform_ref=clean.platform_ref or None,
        registered_by=actor.user_id,
        created_at=now,
        updated_at=now,
        updated_by=actor.user_id,
        **{k: v for k, v in asdict(clean).items() if k != "platform_ref"},
    )
    s.add(case)
    try:
        s.flush()
    except IntegrityError:
        raise ValidationError({"platform_ref": _DUPLICATE_REF}) from None
    _event(s, case, actor, EventKind.REGISTERED, f"{channel.label}登记")
    record_audit(s, now, actor, "case_register", "case", case.case_no)
    return case


def update_case(
    ctx: ServiceContext, actor: Actor, case_id: int, expected_version: int, data: CaseInput
) -> CaseDetail:
    """Correct a registered case before it is dispatched; refuses a stale version."""
    require(actor.roles, REGISTER_ROLES, "修改办件")
    now = ctx.now()
    clean = validate_case_input(data, now, normalise_cn_phone)
    with ctx.uow.write() as uow:
        s = uow.session
        case = s.get(Case, case_id)
        if case is None:
            raise NotFound("办件不存在")
        if case.version != expected_version:
            raise _conflict(s, case)
        if case.status != CaseStatus.REGISTERED.value:
            raise PermissionDenied(f"办件已{CaseStatus(case.status).label},不能再修改登记信息")
        _check_references(s, clean, exclude_case_id=case.id)
        new_values = asdict(clean)
        new_values["platform_ref"] = clean.platform_ref or None
        changes: dict[str, list[str]] = {}
        for name in EDITABLE_FIELDS:
            old, new = getattr(case, name), new_values[name]
            if old != new:
                changes[FIELD_LABELS.get(name, name)] = [_text(old), _text(new)]
                setattr(case, name, new)
        if not changes:
            return build_detail(s, case, actor, with_work=True, now=now)
        case.updated_at = now
        case.updated_by = actor.user_id
        try:
            s.flush()
        except StaleDataError:
            raise ConflictError("办件刚被其他人修改,请刷新后重试") from None
        _event(s, case, actor, EventKind.EDITED, "修改登记信息", case.status, changes)
        record_audit(s, now, actor, "case_edit", "case", case.case_no, {"fields": sorted(changes)})
        detail = build_detail(s, case, actor, with_work=True, now=now)
        uow.commit()
        return detail


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def _conflict(s: Session, case: Case) -> ConflictError:
    who = s.get(User, case.updated_by) if case.updated_by else None
    name = who.display_name if who else "其他用户"
    return ConflictError(
        f"办件 {case.case_no} 已于 {case.updated_at:%m-%d %H:%M} 被{name}修改,"
        "您的修改未保存。请刷新查看最新内容后再操作。"
    )


def may_see_personal(actor: Actor) -> bool:
    return has_any(actor.roles, PERSONAL_DATA_ROLES)


def build_detail(
    s: Session, case: Case, actor: Actor, with_work: bool = False, now: datetime | None = None
) -> CaseDetail:
    topic = s.get(Topic, case.topic_id) if case.topic_id else None
    lead = s.get(OrgUnit, case.lead_unit_id) if case.lead_unit_id else None
    registrar = s.get(User, case.registered_by) if case.registered_by else None
    names: dict[int, str] = {}
    events = []
    rows = s.execute(
        select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id)
    ).scalars()
    masked = not may_see_personal(actor)
    for ev in rows:
        if ev.actor_id is not None and ev.actor_id not in names:
            u = s.get(User, ev.actor_id)
            names[ev.actor_id] = u.display_name if u else ""
        changes = json.loads(ev.changes or "{}")
        if masked:
            changes = {
                k: ["***", "***"] if k in {FIELD_LABELS[f] for f in PERSONAL_FIELDS} else v
                for k, v in changes.items()
            }
        events.append(
            CaseEventInfo(
                ev.id,
                ev.at,
                names.get(ev.actor_id or 0, "系统"),
                ev.kind,
                ev.from_status,
                ev.to_status,
                ev.summary,
                changes,
            )
        )
    show = (lambda v, f: f(v) if v else "") if masked else (lambda v, f: v)
    return CaseDetail(
        id=case.id,
        case_no=case.case_no,
        query_code=case.query_code,
        channel=case.channel,
        received_at=case.received_at,
        platform_ref=case.platform_ref or "",
        caller_name=show(case.caller_name, mask_name),
        caller_phone=show(case.caller_phone, mask_phone),
        caller_address=show(case.caller_address, mask_address),
        anonymous=case.anonymous,
        confidential=case.confidential,
        publish_consent=case.publish_consent,
        category=case.category,
        topic_id=case.topic_id,
        topic_name=topic.name if topic else "",
        urgency=case.urgency,
        important=case.important,
        title=case.title,
        content=case.content,
        status=case.status,
        tier=case.tier,
        lead_unit_name=lead.name if lead else "",
        registered_by_name=registrar.display_name if registrar else "",
        created_at=case.created_at,
        updated_at=case.updated_at,
        version=case.version,
        personal_data_masked=masked,
        events=tuple(events),
        work=_work(s, case, actor, now) if with_work else None,
    )


def _work(s: Session, case: Case, actor: Actor, now: datetime | None) -> CaseWork:
    from hotline_desk.services.case_work import build_work

    return build_work(s, case, actor, now)


def get_case(ctx: ServiceContext, actor: Actor, case_id: int) -> CaseDetail:
    """打开办件: all fields (masked as the actor's roles require) and the timeline."""
    with ctx.uow.read() as uow:
        s = uow.session
        case = s.execute(
            select(Case).where(Case.id == case_id, visible_to(actor))
        ).scalar_one_or_none()
        if case is None:
            raise NotFound("办件不存在或您无权查看")
        return build_detail(s, case, actor, with_work=True, now=ctx.now())


def find_case_id(ctx: ServiceContext, actor: Actor, case_no: str) -> int | None:
    with ctx.uow.read() as uow:
        return uow.session.execute(
            select(Case.id).where(Case.case_no == case_no.strip().upper(), visible_to(actor))
        ).scalar_one_or_none()
