"""Reading the lifecycle: a case's work record (``CaseWork``), the inbox queues and their counts,
and reply templates filled in for a case."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, and_, exists, false, func, or_, select, true
from sqlalchemy.orm import Session

from hotline_desk.domain.enums import CaseStatus, Role
from hotline_desk.domain.errors import PermissionDenied, ValidationError
from hotline_desk.domain.lifecycle import allowed_actions
from hotline_desk.domain.masking import mask_name
from hotline_desk.domain.permissions import PERSONAL_DATA_ROLES, has_any, require
from hotline_desk.domain.routing import render_template, template_values, text_error
from hotline_desk.services.audit import record_audit
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.services.work_dto import (
    AssignmentInfo,
    CaseWork,
    DraftInfo,
    InstructionInfo,
    NoteInfo,
    QueueCount,
    ReturnInfo,
    ReviewInfo,
    TemplateInfo,
)
from hotline_desk.store.models import (
    Case,
    CaseAssignment,
    HandlingNote,
    Instruction,
    OrgUnit,
    ReplyDraft,
    ReplyReview,
    ReplyTemplate,
    ReturnRequest,
    User,
)
from hotline_desk.store.models_time import Extension, Supervision

S = CaseStatus


class _Names:
    """User and unit names by id, each looked up once per build."""

    def __init__(self, s: Session) -> None:
        self.s = s
        self.users: dict[int, str] = {}
        self.units: dict[int, str] = {}

    def user(self, user_id: int | None) -> str:
        if user_id is None:
            return ""
        if user_id not in self.users:
            u = self.s.get(User, user_id)
            self.users[user_id] = u.display_name if u else ""
        return self.users[user_id]

    def unit(self, unit_id: int | None) -> str:
        if unit_id is None:
            return ""
        if unit_id not in self.units:
            u = self.s.get(OrgUnit, unit_id)
            self.units[unit_id] = u.name if u else ""
        return self.units[unit_id]


def may_see_personal(actor: Actor) -> bool:
    return has_any(actor.roles, PERSONAL_DATA_ROLES)


def build_work(s: Session, case: Case, actor: Actor, now: datetime | None = None) -> CaseWork:
    """The lifecycle record as ``actor`` may see it (the person replied to is masked for those
    who may not see personal data, like the caller's fields)."""
    from hotline_desk.services.workflow import case_facts

    n = _Names(s)
    by_case = case.id
    assignments = tuple(
        AssignmentInfo(
            a.org_unit_id,
            n.unit(a.org_unit_id),
            a.role,
            a.active,
            a.opinion,
            a.opinion_at,
            n.user(a.opinion_by),
        )  # fmt: skip
        for a in s.execute(
            select(CaseAssignment)
            .where(CaseAssignment.case_id == by_case)
            .order_by(CaseAssignment.id)
        ).scalars()  # fmt: skip
    )
    returns = tuple(
        ReturnInfo(
            r.id,
            n.unit(r.org_unit_id),
            r.reason,
            r.basis,
            n.user(r.requested_by),
            r.requested_at,
            r.decision,
            n.user(r.decided_by),
            r.decided_at,
            r.decision_note,
        )  # fmt: skip
        for r in s.execute(
            select(ReturnRequest).where(ReturnRequest.case_id == by_case).order_by(ReturnRequest.id)
        ).scalars()
    )
    notes = tuple(
        NoteInfo(x.id, x.kind, x.text, x.at, n.user(x.author_id))
        for x in s.execute(
            select(HandlingNote).where(HandlingNote.case_id == by_case).order_by(HandlingNote.id)
        ).scalars()
    )
    reviews: dict[int, list[ReviewInfo]] = {}
    for r in s.execute(
        select(ReplyReview).where(ReplyReview.case_id == by_case).order_by(ReplyReview.id)
    ).scalars():
        reviews.setdefault(r.draft_id, []).append(
            ReviewInfo(r.step, r.decision, r.comment, n.user(r.reviewer_id), r.at)
        )
    drafts = tuple(
        DraftInfo(
            d.id,
            d.seq,
            d.text,
            n.user(d.author_id),
            d.submitted_at,
            d.outcome,
            tuple(reviews.get(d.id, ())),
        )  # fmt: skip
        for d in s.execute(
            select(ReplyDraft).where(ReplyDraft.case_id == by_case).order_by(ReplyDraft.seq)
        ).scalars()
    )
    instructions = tuple(
        InstructionInfo(i.text, n.user(i.leader_id), i.at)
        for i in s.execute(
            select(Instruction).where(Instruction.case_id == by_case).order_by(Instruction.id)
        ).scalars()
    )
    facts = case_facts(s, case)
    from hotline_desk.services.closing_read import closing_of
    from hotline_desk.services.context import local_now
    from hotline_desk.services.supervision_read import (
        case_deadlines,
        extensions_of,
        supervisions_of,
    )

    return CaseWork(
        case_id=case.id, version=case.version, status=case.status, tier=case.tier,
        important=case.important, approval_step=case.approval_step,
        lead_unit_id=case.lead_unit_id, lead_unit_name=n.unit(case.lead_unit_id),
        handling_unit_id=case.handling_unit_id,
        handling_unit_name=n.unit(case.handling_unit_id),
        handler_id=case.handler_id, handler_name=n.user(case.handler_id),
        office_opinion=case.office_opinion, reject_reason=case.reject_reason,
        return_count=case.return_count, reroute_count=case.reroute_count,
        reply_sent_back=case.reply_sent_back, dispatched_at=case.dispatched_at,
        signed_at=case.signed_at, reply_text=case.reply_text, reply_method=case.reply_method,
        reply_to=case.reply_to if may_see_personal(actor) else mask_name(case.reply_to),
        replied_at=case.replied_at,
        replied_by_name=n.user(case.replied_by), assignments=assignments, returns=returns,
        notes=notes, drafts=drafts, instructions=instructions,
        allowed_actions=tuple(a.value for a in allowed_actions(facts, actor)),
        deadlines=case_deadlines(case, now), extensions=extensions_of(s, case.id, n),
        supervisions=supervisions_of(s, case.id, n),
        closing=closing_of(s, case, actor, n, now or local_now()),
    )  # fmt: skip


# --- inbox queues -----------------------------------------------------------------------------

QUEUE_LABELS = {
    "to_route": "待转办",
    "returns": "退回待审",
    "to_sign": "待签收",
    "in_progress": "办理中",
    "to_approve": "待审核",
    "sent_back": "被退回",
    "assisting": "待协办",
    "to_record": "待登记答复",
    "supervised": "催办督办",
    "extensions": "延期待批",
}
SECTION = frozenset({Role.HANDLER, Role.SECTION_HEAD})


def _own_unit(actor: Actor) -> ColumnElement[bool]:
    unit = actor.org_unit_id
    if unit is None:
        return false()
    return or_(Case.lead_unit_id == unit, Case.handling_unit_id == unit)


def queues_for(actor: Actor) -> list[str]:
    """The inbox queues that make sense for the actor's roles, in display order.

    The desk's own unit is the office, the lead unit of 直办 cases, so "办理中" and "被退回"
    mean the same for the desk and for a section.
    """
    roles = actor.roles
    desk, section = Role.DESK in roles, has_any(roles, SECTION)
    wanted = {
        "to_route": desk,
        "returns": desk,
        "to_sign": section,
        "in_progress": desk or section,
        "to_approve": Role.SECTION_HEAD in roles or Role.LEADER in roles,
        "sent_back": desk or section,
        "assisting": section,
        "to_record": desk or section,
        "supervised": section,
        "extensions": desk,
    }
    return [key for key in QUEUE_LABELS if wanted[key]]


def queue_condition(actor: Actor, queue: str) -> ColumnElement[bool]:
    """The cases waiting for ``actor`` in ``queue`` (on top of the usual visibility)."""
    roles = actor.roles
    if queue not in queues_for(actor):
        return false()
    if queue == "to_route":
        return Case.status == S.REGISTERED
    if queue == "returns":
        return Case.status == S.RETURN_REQUESTED
    if queue == "to_sign":
        return and_(Case.status == S.DISPATCHED, _own_unit(actor))
    if queue == "in_progress":
        return and_(Case.status == S.IN_PROGRESS, _own_unit(actor))
    if queue == "sent_back":
        return and_(Case.status == S.IN_PROGRESS, _own_unit(actor), Case.reply_sent_back)
    if queue == "to_approve":
        section = and_(Case.approval_step == "section", Case.lead_unit_id == actor.org_unit_id)
        step = or_(
            section if Role.SECTION_HEAD in roles else false(),
            Case.approval_step == "leader" if Role.LEADER in roles else false(),
        )
        return and_(Case.status == S.AWAITING_APPROVAL, step)
    if queue == "to_record":
        mine = true() if Role.DESK in roles else _own_unit(actor)
        return and_(Case.status == S.APPROVED, mine)
    if queue == "supervised":
        waiting = (
            select(Supervision.id)
            .where(
                Supervision.case_id == Case.id,
                Supervision.org_unit_id == actor.org_unit_id,
                or_(
                    and_(Supervision.kind == "urge", Supervision.status == "sent"),
                    and_(Supervision.kind == "order", Supervision.status == "open"),
                ),
            )
            .correlate(Case)
        )
        return exists(waiting)
    if queue == "extensions":
        pending = (
            select(Extension.id)
            .where(Extension.case_id == Case.id, Extension.status == "pending")
            .correlate(Case)
        )
        return exists(pending)
    if queue == "assisting":
        waiting = (
            select(CaseAssignment.id)
            .where(
                CaseAssignment.case_id == Case.id,
                CaseAssignment.org_unit_id == actor.org_unit_id,
                CaseAssignment.role == "assist",
                CaseAssignment.active,
                CaseAssignment.opinion_at.is_(None),
            )
            .correlate(Case)
        )
        open_states = [S.DISPATCHED, S.IN_PROGRESS, S.AWAITING_APPROVAL]
        return and_(Case.status.in_(open_states), exists(waiting))
    return false()


def inbox_counts(ctx: ServiceContext, actor: Actor) -> list[QueueCount]:
    """我的待办: how many cases wait for the actor in each of their queues."""
    from hotline_desk.services.case_queries import visible_to

    counts = []
    with ctx.uow.read() as uow:
        for key in queues_for(actor):
            n = uow.session.execute(
                select(func.count()).select_from(Case)
                .where(visible_to(actor), queue_condition(actor, key))
            ).scalar_one()  # fmt: skip
            counts.append(QueueCount(key, QUEUE_LABELS[key], int(n)))
    return counts


# --- reply templates --------------------------------------------------------------------------


def list_templates(ctx: ServiceContext, include_inactive: bool = False) -> list[TemplateInfo]:
    with ctx.uow.read() as uow:
        query = select(ReplyTemplate).order_by(ReplyTemplate.category, ReplyTemplate.id)
        if not include_inactive:
            query = query.where(ReplyTemplate.active)
        return [
            TemplateInfo(t.id, t.category, t.name, t.body, t.active)
            for t in uow.session.execute(query).scalars()
        ]


def save_template(
    ctx: ServiceContext, actor: Actor, template_id: int | None, category: str, name: str,
    body: str, active: bool = True,
) -> TemplateInfo:  # fmt: skip
    """Create or change a reply template (系统管理员)."""
    require(actor.roles, frozenset({Role.SYS_ADMIN}), "维护答复模板")
    errors = {
        k: v
        for k, v in (
            ("name", text_error("模板名称", name, 40)),
            ("body", text_error("模板正文", body, 5000)),
        )  # fmt: skip
        if v
    }
    from hotline_desk.domain.enums import Category

    if category not in {c.value for c in Category}:
        errors["category"] = "请选择诉求类型"
    if errors:
        raise ValidationError(errors)
    now = ctx.now()
    with ctx.uow.write() as uow:
        s = uow.session
        if template_id is None:
            t = ReplyTemplate(category=category, name="", body="")
            s.add(t)
        else:
            found = s.get(ReplyTemplate, template_id)
            if found is None:
                raise ValidationError({"name": "模板不存在"})
            t = found
        t.category, t.name, t.body, t.active = category, name.strip(), body, active
        t.updated_at, t.updated_by = now, actor.user_id
        s.flush()
        record_audit(s, now, actor, "template_save", "reply_template", str(t.id))
        info = TemplateInfo(t.id, t.category, t.name, t.body, t.active)
        uow.commit()
        return info


def fill_template(ctx: ServiceContext, actor: Actor, case_id: int, template_id: int) -> str:
    """The template's text with the case's fields filled in (for the reply editor)."""
    from hotline_desk.services.workflow import load_visible

    with ctx.uow.read() as uow:
        s = uow.session
        case = load_visible(s, actor, case_id)
        template = s.get(ReplyTemplate, template_id)
        if template is None or not template.active:
            raise PermissionDenied("答复模板不存在或已停用")
        unit = s.get(OrgUnit, case.lead_unit_id) if case.lead_unit_id else None
        values = template_values(
            case_no=case.case_no, title=case.title, received_at=case.received_at,
            unit_name=unit.name if unit else "", caller_name=case.caller_name,
            anonymous=case.anonymous, confidential=case.confidential,
        )  # fmt: skip
        return render_template(template.body, values)
