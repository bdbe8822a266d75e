"""Case use cases of the foundation: register, correct before dispatch, open, timeline.

A registered case's reply clock starts here when the office counts it from receipt, and a
correction before routing recomputes it (``supervision.clocks.on_registration``)."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from hotline_desk.domain.actions import Action
from hotline_desk.domain.enums.handling import CaseStatus, EventKind
from hotline_desk.domain.enums.intake import Channel
from hotline_desk.domain.errors import (
    ConflictError,
    Msg,
    NotFound,
    ValidationError,
)
from hotline_desk.domain.lifecycle import CaseFacts, decide
from hotline_desk.domain.numbering import new_query_code
from hotline_desk.domain.permissions import (
    REGISTER_ROLES,
    require,
)
from hotline_desk.domain.privacy.masking import mask_address, mask_name, mask_phone
from hotline_desk.domain.validation import FIELD_LABELS, CaseInput, validate_case_input
from hotline_desk.services.audit import record_audit
from hotline_desk.services.boundary import user_input
from hotline_desk.services.cases import new_case
from hotline_desk.services.cases.phones import normalise_cn_phone
from hotline_desk.services.cases.read_model import assemble_detail, build_detail, event_info
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseDetail
from hotline_desk.services.lifecycle.conflicts import conflict_message
from hotline_desk.services.privacy import CALLER_FIELDS, CONFIDENTIAL_MARK, shield_case
from hotline_desk.services.supervision import clocks
from hotline_desk.store.locks import lock_cases
from hotline_desk.store.models import Case, CaseEvent, Topic
from hotline_desk.store.models.cases import event_changes
from hotline_desk.store.retry import with_retries

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


def _check_references(s: Session, data: CaseInput, exclude_case_id: int | None = None) -> None:
    topic = s.get(Topic, data.topic_id) if data.topic_id is not None else None
    kept = (
        exclude_case_id is not None
        and topic is not None
        and s.scalar(select(Case.topic_id).where(Case.id == exclude_case_id)) == topic.id
    )  # an edited case keeps a topic deactivated since (派单目录)
    existing = None
    if data.platform_ref:
        query = select(Case.case_no).where(Case.platform_ref == data.platform_ref)
        if exclude_case_id is not None:
            query = query.where(Case.id != exclude_case_id)
        existing = s.execute(query).scalar_one_or_none()
    new_case.check_references(topic is not None and (topic.active or kept), existing)


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
            summary=str(summary),  # the Chinese text; the template goes in changes
            changes=json.dumps(event_changes(summary, changes), ensure_ascii=False),
        )
    )


@user_input
def register_case(ctx: ServiceContext, actor: Actor, data: CaseInput) -> CaseDetail:
    """登记: validate, number and store a case with its first timeline event and audit row.

    One transaction of few statements (``new_case``): the topic, settings and platform number
    read at once, the counter, the case, its event, the audit row, its facts; the detail
    returned is built from what was written, not read back."""
    require(actor.roles, REGISTER_ROLES, "登记办件")
    now = ctx.now()
    clean = validate_case_input(data, now, normalise_cn_phone)

    def attempt() -> CaseDetail:
        with ctx.uow.write() as uow:
            s = uow.session
            context = new_case.read_context(s, clean.topic_id, clean.platform_ref,
                                            new_case.day_key(clean))  # fmt: skip
            new_case.check_references(context.topic_name is not None, context.existing_ref)
            case = new_case.new_case(actor, clean, now, new_case.number(s, clean, context))
            event_id = new_case.write_case(s, actor, case, context.rules)
            record_audit(s, now, actor, "case_register", "case", case.case_no)
            uow.commit()
        shown = shield_case(actor, case)
        row = new_case.event_row(case, actor, EventKind.REGISTERED,
                                 new_case.registered_summary(case))  # fmt: skip
        event = event_info(shown, event_id, row["at"], actor.display_name, row["kind"],
                           None, case.status, row["summary"], row["changes"])  # fmt: skip
        return assemble_detail(case, shown, context.topic_name or "", "", actor.display_name,
                               [event])  # fmt: skip

    return with_retries(attempt)


def insert_case(s: Session, actor: Actor, clean: CaseInput, now: datetime) -> Case:
    """Number and store a validated case with its 登记 event and audit row, inside the caller's
    transaction (``register_case``; ``duplicates.register_duplicate`` merges it in the same one)."""
    channel = Channel(clean.channel)
    _check_references(s, clean)
    case = Case(
        case_no=new_case.number(s, clean),
        query_code=new_query_code(),
        status=CaseStatus.REGISTERED.value,
        platform_ref=clean.platform_ref or None,
        registered_by=actor.user_id,
        created_at=now,
        updated_at=now,
        updated_by=actor.user_id,
        **{k: v for k, v in asdict(clean).items() if k != "platform_ref"},
    )
    clocks.on_registration(s, case)  # before adding it: the rules' queries would flush it
    s.add(case)
    try:
        s.flush()
    except IntegrityError:
        raise ValidationError({"platform_ref": new_case.DUPLICATE_REF}) from None
    _event(s, case, actor, EventKind.REGISTERED, Msg("{channel}登记", channel=channel))
    record_audit(s, now, actor, "case_register", "case", case.case_no)
    return case


@user_input
def update_case(
    ctx: ServiceContext, actor: Actor, case_id: int, expected_version: int, data: CaseInput
) -> CaseDetail:
    """Correct a registered case before it is dispatched; refuses a stale version naming who
    moved the case. Locks the case first, like every action (store/locks.py)."""
    now = ctx.now()
    clean = validate_case_input(data, now, normalise_cn_phone)
    return with_retries(lambda: _update(ctx, actor, case_id, expected_version, clean, now))


def _update(
    ctx: ServiceContext, actor: Actor, case_id: int, expected_version: int, clean: CaseInput,
    now: datetime,
) -> CaseDetail:  # fmt: skip
    with ctx.uow.write() as uow:
        s = uow.session
        lock_cases(s, (case_id,))
        case = s.get(Case, case_id)
        if case is None:
            raise NotFound("办件不存在")
        if case.version != expected_version:
            raise ConflictError(conflict_message(s, case))
        decide(CaseFacts(status=case.status), actor, Action.EDIT)
        _check_references(s, clean, exclude_case_id=case.id)
        new_values = asdict(clean)
        new_values["platform_ref"] = clean.platform_ref or None
        changes: dict[str, list[str]] = {}
        changed: set[str] = set()
        for name in EDITABLE_FIELDS:
            old, new = getattr(case, name), new_values[name]
            if shown_as(name, old, new):  # a masked value sent back is no change
                continue
            if old != new:
                changes[FIELD_LABELS.get(name, name)] = [_text(old), _text(new)]
                changed.add(name)
                setattr(case, name, new)
        if not changes:
            return build_detail(s, case, actor, with_work=True, now=now)
        case.updated_at = now
        case.updated_by = actor.user_id
        try:
            if changed & clocks.UNROUTED_CLOCK_FIELDS:  # its class or receipt changed
                clocks.on_registration(s, case)
            s.flush()
        except StaleDataError:
            raise ConflictError("办件刚被其他人修改，请刷新后重试") from None
        _event(s, case, actor, EventKind.EDITED, Msg("修改登记信息"), case.status, changes)
        record_audit(s, now, actor, "case_edit", "case", case.case_no, {"fields": sorted(changes)})
        detail = build_detail(s, case, actor, with_work=True, now=now)
        uow.commit()
        return detail


def shown_as(field: str, stored: object, sent: object) -> bool:
    """``sent`` is how a list or detail shows the stored caller field (masked, ``(保密)``), not
    a correction: a form loaded from the masked detail must not overwrite the caller."""
    if field not in CALLER_FIELDS or not stored or not sent or stored == sent:
        return False
    masked = {"caller_name": mask_name, "caller_address": mask_address,
              "caller_phone": mask_phone}[field](str(stored))  # fmt: skip
    return sent in (masked, CONFIDENTIAL_MARK)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)
