"""The case read model: a case as one user may see it — ``CaseDetail`` with its timeline and,
with ``CaseWork``, its whole lifecycle record and the actions the user may take now — built
inside the caller's transaction; opening a case by id or by number."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotline_desk.domain.errors import NotFound, msg_from_json
from hotline_desk.domain.lifecycle import allowed_actions
from hotline_desk.services.admin.calendar import load_calendar
from hotline_desk.services.boundary import user_input
from hotline_desk.services.callbacks.read import closing_of
from hotline_desk.services.cases.visibility import visible_to
from hotline_desk.services.context import ServiceContext, local_now
from hotline_desk.services.dto import Actor, CaseDetail, CaseEventInfo
from hotline_desk.services.lifecycle.dto import (
    AssignmentInfo,
    CaseWork,
    DraftInfo,
    InstructionInfo,
    NoteInfo,
    ReturnInfo,
    ReviewInfo,
)
from hotline_desk.services.lifecycle.facts import case_facts
from hotline_desk.services.privacy import Shield, shield_case
from hotline_desk.services.supervision.read import case_deadlines, extensions_of, supervisions_of
from hotline_desk.store.models import (
    Case,
    CaseAssignment,
    CaseEvent,
    HandlingNote,
    Instruction,
    OrgUnit,
    ReplyDraft,
    ReplyReview,
    ReturnRequest,
    Topic,
    User,
)
from hotline_desk.store.models.cases import SUMMARY_KEY


def _summary(text: str, stored: object) -> str:
    """The event's summary as a ``Msg`` (the GUI translates it) when its template was kept,
    else the stored Chinese text."""
    if not isinstance(stored, dict):
        return text
    try:
        return msg_from_json(stored)
    except (KeyError, IndexError, TypeError, ValueError):  # not ours: show the text
        return text


def build_detail(
    s: Session, case: Case, actor: Actor, with_work: bool = False, now: datetime | None = None
) -> CaseDetail:
    topic = s.get(Topic, case.topic_id) if case.topic_id else None
    lead = s.get(OrgUnit, case.lead_unit_id) if case.lead_unit_id else None
    registrar = s.get(User, case.registered_by) if case.registered_by else None
    names: dict[int, str] = {}
    rows = s.execute(
        select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id)
    ).scalars()
    shown = shield_case(actor, case)
    events = []
    for ev in rows:
        if ev.actor_id is not None and ev.actor_id not in names:
            u = s.get(User, ev.actor_id)
            names[ev.actor_id] = u.display_name if u else ""
        events.append(event_info(shown, ev.id, ev.at, names.get(ev.actor_id or 0, "系统"), ev.kind,
                                 ev.from_status, ev.to_status, ev.summary, ev.changes))  # fmt: skip
    work = build_work(s, case, actor, now, shown) if with_work else None
    return assemble_detail(case, shown, topic.name if topic else "", lead.name if lead else "",
                           registrar.display_name if registrar else "", events, work)  # fmt: skip


def event_info(shown: Shield, event_id: int, at: datetime, actor_name: str, kind: str,
               from_status: str | None, to_status: str | None, summary: str,
               changes_json: str | None) -> CaseEventInfo:  # fmt: skip
    """A timeline line as stored, shown to one user (``shown``: masked as their roles say)."""
    changes = json.loads(changes_json or "{}")
    text = shown.msg(_summary(summary, changes.pop(SUMMARY_KEY, None)))
    return CaseEventInfo(event_id, at, actor_name, kind, from_status, to_status, text,
                         shown.changes(changes))  # fmt: skip


def assemble_detail(case: Case, shown: Shield, topic_name: str, lead_name: str,
                    registrar_name: str, events: list[CaseEventInfo],
                    work: CaseWork | None = None) -> CaseDetail:  # fmt: skip
    """``CaseDetail`` from the case's values and the names it refers to (``build_detail`` reads
    them; the registration has them at hand)."""
    return CaseDetail(
        id=case.id,
        case_no=case.case_no,
        query_code=case.query_code,
        channel=case.channel,
        received_at=case.received_at,
        platform_ref=case.platform_ref or "",
        caller_name=shown.name(case.caller_name),
        caller_phone=shown.phone(case.caller_phone),
        caller_address=shown.address(case.caller_address),
        anonymous=case.anonymous,
        confidential=case.confidential,
        publish_consent=case.publish_consent,
        category=case.category,
        topic_id=case.topic_id,
        topic_name=topic_name,
        urgency=case.urgency,
        important=case.important,
        title=shown.text(case.title),
        content=shown.text(case.content),
        status=case.status,
        tier=case.tier,
        lead_unit_name=lead_name,
        registered_by_name=registrar_name,
        created_at=case.created_at,
        updated_at=case.updated_at,
        version=case.version,
        personal_data_masked=True,
        events=tuple(events),
        work=work,
    )


@user_input
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


@user_input
def find_case_id(ctx: ServiceContext, actor: Actor, case_no: str) -> int | None:
    with ctx.uow.read() as uow:
        return uow.session.execute(
            select(Case.id).where(Case.case_no == case_no.strip().upper(), visible_to(actor))
        ).scalar_one_or_none()


class Names:
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


def build_work(
    s: Session, case: Case, actor: Actor, now: datetime | None = None, shown: Shield | None = None
) -> CaseWork:
    """The lifecycle record as ``actor`` may see it: its free text through the case's
    ``Shield``, the person replied to masked like the caller's name."""
    shown = shown or shield_case(actor, case)
    n = Names(s)
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

    return shown.dto(CaseWork(
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
        reply_to=shown.name(case.reply_to),
        replied_at=case.replied_at,
        replied_by_name=n.user(case.replied_by), assignments=assignments, returns=returns,
        notes=notes, drafts=drafts, instructions=instructions,
        allowed_actions=tuple(a.value for a in allowed_actions(facts, actor)),
        deadlines=case_deadlines(case, now, load_calendar(s)),
        extensions=extensions_of(s, case.id, n),
        supervisions=supervisions_of(s, case.id, n),
        closing=closing_of(s, case, actor, n, now or local_now()),
    ))  # fmt: skip
