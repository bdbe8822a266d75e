"""Reading a case's clocks, extension requests and supervision records into plain DTOs (the
work record's ``deadlines``, ``extensions`` and ``supervisions``)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotline_desk.domain.calendar import WorkCalendar
from hotline_desk.domain.deadlines import level_at, overdue_workdays
from hotline_desk.services.context import local_now
from hotline_desk.services.lifecycle.dto import CaseDeadlines, ExtensionInfo, SupervisionInfo
from hotline_desk.store.models import Case
from hotline_desk.store.models.deadlines import Extension, Supervision


class Names(Protocol):
    def user(self, user_id: int | None) -> str: ...
    def unit(self, unit_id: int | None) -> str: ...


def case_deadlines(
    case: Case, now: datetime | None = None, cal: WorkCalendar | None = None
) -> CaseDeadlines:
    """The case's clocks; with ``cal`` also how many working days the running one is overdue."""
    at = now or local_now()
    late = None
    if cal is not None and case.due_at is not None and case.due_at < at:
        late = overdue_workdays(cal, case.due_at, at)
    return CaseDeadlines(
        sign_deadline=case.sign_deadline,
        reply_deadline=case.reply_deadline,
        reply_deadline_original=case.reply_deadline_original,
        reply_limit=case.reply_limit,
        extension_days=case.extension_days,
        callback_deadline=case.callback_deadline,
        due_at=case.due_at,
        due_clock=case.due_clock,
        level=level_at(at, case.due_at, case.warn_at).value,
        urge_count=case.urge_count,
        order_level=case.order_level,
        signed_late=bool(
            case.sign_deadline and case.signed_at and case.signed_at > case.sign_deadline
        ),
        replied_late=bool(
            case.reply_deadline and case.replied_at and case.replied_at > case.reply_deadline
        ),
        external_deadline=case.external_deadline,
        overdue_workdays=late,
    )


def extension_info(e: Extension, n: Names) -> ExtensionInfo:
    return ExtensionInfo(
        id=e.id,
        unit_name=n.unit(e.org_unit_id),
        reason=e.reason,
        workdays=e.workdays,
        requested_by_name=n.user(e.requested_by),
        requested_at=e.requested_at,
        status=e.status,
        decided_by_name=n.user(e.decided_by),
        decided_at=e.decided_at,
        decision_note=e.decision_note,
        deadline_before=e.deadline_before,
        deadline_after=e.deadline_after,
    )


def supervision_info(x: Supervision, n: Names) -> SupervisionInfo:
    return SupervisionInfo(
        id=x.id,
        case_id=x.case_id,
        kind=x.kind,
        level=x.level,
        unit_name=n.unit(x.org_unit_id),
        text=x.text,
        issued_by_name=n.user(x.issued_by),
        issued_at=x.issued_at,
        response_due=x.response_due,
        status=x.status,
        response=x.response,
        responded_by_name=n.user(x.responded_by),
        responded_at=x.responded_at,
        closed_by_name=n.user(x.closed_by),
        closed_at=x.closed_at,
        close_note=x.close_note,
    )


def extensions_of(s: Session, case_id: int, n: Names) -> tuple[ExtensionInfo, ...]:
    rows = s.execute(
        select(Extension).where(Extension.case_id == case_id).order_by(Extension.id)
    ).scalars()
    return tuple(extension_info(e, n) for e in rows)


def supervisions_of(s: Session, case_id: int, n: Names) -> tuple[SupervisionInfo, ...]:
    rows = s.execute(
        select(Supervision).where(Supervision.case_id == case_id).order_by(Supervision.id)
    ).scalars()
    return tuple(supervision_info(x, n) for x in rows)
