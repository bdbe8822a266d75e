"""Reading what closing the loop left on a case: the facts the lifecycle guards need (how many
different days the caller could not be reached), the attempts, links and the caller's history
for the work record (``CaseWork.closing``)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from hotline_desk.domain.enums.callbacks import CallbackOutcome, CallbackStatus
from hotline_desk.domain.enums.handling import CaseStatus
from hotline_desk.domain.privacy.masking import mask_phone
from hotline_desk.services.admin import office
from hotline_desk.services.callbacks.dto import (
    CallbackInfo,
    CallerHistory,
    CaseClosing,
    HistoryRow,
    LinkInfo,
)
from hotline_desk.services.dto import Actor
from hotline_desk.store.models import Case
from hotline_desk.store.models.callbacks import Callback, CaseLink

HISTORY_DAYS = 365
HISTORY_ROWS = 20


class Names(Protocol):
    def user(self, user_id: int | None) -> str: ...


def failed_days(s: Session, case_id: int, round_: int) -> int:
    """Different days on which this round's attempts did not reach the caller."""
    stamps = s.execute(
        select(Callback.at).where(
            Callback.case_id == case_id,
            Callback.round == round_,
            Callback.outcome == CallbackOutcome.UNREACHED.value,
        )
    ).scalars()
    return len({at.date() for at in stamps})


def callback_facts(s: Session, case: Case) -> dict[str, int]:
    """The lifecycle facts of a case waiting for its callback (empty for any other case, so
    other actions pay no query)."""
    if case.status != CaseStatus.REPLIED or case.callback_status != CallbackStatus.PENDING:
        return {}
    return {
        "failed_callback_days": failed_days(s, case.id, case.reopen_count),
        "callback_max_attempts": int(office.read(s, office.CALLBACK_MAX_ATTEMPTS)),
    }


def callbacks_of(s: Session, case_id: int, n: Names) -> tuple[CallbackInfo, ...]:
    rows = s.execute(
        select(Callback).where(Callback.case_id == case_id).order_by(Callback.id)
    ).scalars()
    return tuple(
        CallbackInfo(
            c.round,
            c.attempt_no,
            c.at,
            n.user(c.caller_id),
            c.outcome,
            c.satisfaction,
            c.resolved,
            c.words,
            c.note,
        )  # fmt: skip
        for c in rows
    )


def links_of(s: Session, case: Case, actor: Actor) -> tuple[LinkInfo, ...]:
    """Every case linked to ``case`` (either side of the link), oldest link first; each title
    as ``actor`` may read it, through the linked case's own caller fields."""
    from hotline_desk.services.privacy import shield_case

    rows = s.execute(
        select(CaseLink)
        .where(or_(CaseLink.case_id == case.id, CaseLink.other_case_id == case.id))
        .order_by(CaseLink.id)
    ).scalars()
    found: list[LinkInfo] = []
    for link in rows:
        other_id = link.other_case_id if link.case_id == case.id else link.case_id
        other = s.get(Case, other_id)
        if other is None:  # pragma: no cover - foreign keys
            continue
        direction = "link"
        if link.kind == "duplicate" and case.merged_into_id == other_id:
            direction = "merged_into"
        elif link.kind == "duplicate" and other.merged_into_id == case.id:
            direction = "merged_from"
        title = shield_case(actor, other).text(other.title)
        found.append(LinkInfo(other.id, other.case_no, title, other.status, link.kind,
                              direction, link.note, link.created_at))  # fmt: skip
    return tuple(found)


def phone_window(phone: str, since: datetime) -> list[ColumnElement[bool]]:
    """Cases from ``phone`` received since ``since`` (by the (caller_phone, id) index)."""
    return [Case.caller_phone == phone, Case.received_at >= since]


def caller_history(
    s: Session, phone: str, now: datetime, masked: bool, exclude_case_id: int | None = None
) -> CallerHistory:
    since = now - timedelta(days=HISTORY_DAYS)
    where = phone_window(phone, since)
    if exclude_case_id is not None:
        where.append(Case.id != exclude_case_id)
    count = int(s.execute(select(func.count()).select_from(Case).where(*where)).scalar_one())
    rows = s.execute(
        select(Case.id, Case.case_no, Case.received_at, Case.channel, Case.status, Case.title)
        .where(*where)
        .order_by(Case.id.desc())
        .limit(HISTORY_ROWS)
    ).all()
    return CallerHistory(
        phone=mask_phone(phone) if masked else phone,
        days=HISTORY_DAYS,
        count=count,
        rows=tuple(HistoryRow(*r) for r in rows),
    )


def closing_of(s: Session, case: Case, actor: Actor, n: Names, now: datetime) -> CaseClosing:
    from hotline_desk.services.cases.visibility import may_see_personal

    history = None
    if may_see_personal(actor) and case.caller_phone:
        # the caller's earlier cases for the desk; the number masked there as in every list
        history = caller_history(s, case.caller_phone, now, True, exclude_case_id=case.id)
    facts = callback_facts(s, case)
    return CaseClosing(
        callback_status=case.callback_status,
        callback_attempts=case.callback_attempts,
        failed_days=facts.get("failed_callback_days", 0),
        max_attempts=facts.get("callback_max_attempts")
        or int(office.read(s, office.CALLBACK_MAX_ATTEMPTS)),
        satisfaction=case.satisfaction,
        resolved=case.resolved,
        screening=case.screening,
        reopen_count=case.reopen_count,
        reopened_at=case.reopened_at,
        closed_at=case.closed_at,
        close_reason=case.close_reason,
        merged_into_id=case.merged_into_id,
        callbacks=callbacks_of(s, case.id, n),
        links=links_of(s, case, actor),
        history=history,
    )
