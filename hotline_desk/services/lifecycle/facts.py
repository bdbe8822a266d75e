"""What the lifecycle rules need to know about a case (``CaseFacts``), read inside the acting
transaction: its assisting sections, a pending return, extension or supervision, and the callback
round."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotline_desk.domain.enums.handling import AssignmentRole, CaseStatus
from hotline_desk.domain.enums.supervision import ExtensionStatus, SupervisionStatus
from hotline_desk.domain.lifecycle import CaseFacts
from hotline_desk.services.callbacks.read import callback_facts
from hotline_desk.store.models import Case, CaseAssignment, ReturnRequest
from hotline_desk.store.models.deadlines import Extension, Supervision


def case_facts(s: Session, case: Case) -> CaseFacts:
    rows = s.execute(
        select(CaseAssignment.org_unit_id, CaseAssignment.opinion_at).where(
            CaseAssignment.case_id == case.id,
            CaseAssignment.active,
            CaseAssignment.role == AssignmentRole.ASSIST,
        )
    ).all()
    return_from = None
    if case.status == CaseStatus.RETURN_REQUESTED:
        return_from = s.execute(
            select(ReturnRequest.from_status)
            .where(ReturnRequest.case_id == case.id, ReturnRequest.decision.is_(None))
            .order_by(ReturnRequest.id.desc())
            .limit(1)
        ).scalar_one_or_none()
    pending_extension = (
        s.execute(
            select(Extension.id)
            .where(Extension.case_id == case.id, Extension.status == ExtensionStatus.PENDING)
            .limit(1)
        ).first()
        is not None
    )
    supervision = set(
        s.execute(
            select(Supervision.status)
            .where(Supervision.case_id == case.id, Supervision.status != SupervisionStatus.CLOSED)
            .distinct()
        ).scalars()
    )
    return CaseFacts(
        status=case.status,
        tier=case.tier,
        important=case.important,
        approval_step=case.approval_step,
        lead_unit_id=case.lead_unit_id,
        handling_unit_id=case.handling_unit_id,
        assist_unit_ids=frozenset(r[0] for r in rows),
        opinion_unit_ids=frozenset(r[0] for r in rows if r[1] is not None),
        return_from=return_from,
        pending_extension=pending_extension,
        unread_urge=SupervisionStatus.SENT in supervision,
        open_order=SupervisionStatus.OPEN in supervision,
        answered_order=SupervisionStatus.ANSWERED in supervision,
        anonymous=case.anonymous,
        confidential=case.confidential,
        callback_status=case.callback_status,
        satisfaction=case.satisfaction,
        screening=case.screening,
        **callback_facts(s, case),
    )
