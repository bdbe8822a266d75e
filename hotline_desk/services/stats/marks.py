"""The cases open at an instant, with their state then — what 上月结转 (open at a period's start)
and the open part of 超期件数 (open, unreplied and past the deadline at its end) read.

The state of a case at instant ``t`` is the state recorded with its latest fact before ``t``.
Facts are only added at the moment they happen, so the open cases at a past instant never
change: once computed they are kept (``fact_marks``), and the next boundary is computed from
the previous one plus the facts in between — one month's facts and the open cases, however
many years the database holds. An instant less than ``SETTLE`` ago is computed but not kept
(a transaction begun just before it may still commit a fact dated before it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Subquery, and_, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hotline_desk.domain.facts import SETTLE, CaseState, overdue_at
from hotline_desk.domain.periods import Period
from hotline_desk.services.context import ServiceContext
from hotline_desk.store.models.facts import CELL, CaseFact, FactInstant, FactMark

CellKey = tuple[object, ...]


@dataclass(frozen=True)
class OpenCase:
    case_id: int
    cell: CellKey  # section, category, channel, topic, tier then
    replied: bool
    reply_due: datetime | None

    def overdue(self, instant: datetime) -> bool:
        return overdue_at(CaseState(True, self.replied, self.reply_due), instant)


def _stored(s: Session, instant: datetime) -> dict[int, OpenCase] | None:
    if s.get(FactInstant, instant) is None:
        return None
    columns = [getattr(FactMark, c) for c in ("case_id", *CELL, "replied", "reply_due")]
    rows = s.execute(select(*columns).where(FactMark.instant == instant))
    return {r[0]: OpenCase(r[0], tuple(r[1:6]), bool(r[6]), r[7]) for r in rows}


def latest_facts(since: datetime | None, until: datetime) -> Subquery:
    """Each case's latest fact in [since, until) (``rn`` = 1), with its cell and the state it
    left the case in — the state of every case at ``until`` that had a fact in the range."""
    window = [CaseFact.at < until] + ([CaseFact.at >= since] if since is not None else [])
    return (
        select(
            CaseFact.case_id, *(getattr(CaseFact, c) for c in CELL), CaseFact.is_open,
            CaseFact.replied, CaseFact.reply_due,
            func.row_number().over(partition_by=CaseFact.case_id,
                                   order_by=(CaseFact.at.desc(), CaseFact.id.desc())).label("rn"),
        ).where(and_(*window)).subquery()
    )  # fmt: skip


def _latest_facts(s: Session, since: datetime | None, until: datetime) -> Iterable[tuple]:  # type: ignore[type-arg]
    """(case_id, *cell, is_open, replied, reply_due) of each case's latest fact in the range."""
    ranked = latest_facts(since, until)
    return s.execute(select(*(c for c in ranked.c if c.key != "rn")).where(ranked.c.rn == 1)).all()


def _advance(s: Session, base: dict[int, OpenCase], since: datetime | None,
             until: datetime) -> dict[int, OpenCase]:  # fmt: skip
    out = dict(base)
    for row in _latest_facts(s, since, until):
        case_id, cell, (is_open, replied, due) = row[0], tuple(row[1:6]), row[6:9]
        if is_open:
            out[case_id] = OpenCase(case_id, cell, bool(replied), due)
        else:
            out.pop(case_id, None)
    return out


def _previous(s: Session, instant: datetime) -> datetime | None:
    return s.execute(  # type: ignore[no-any-return]
        select(func.max(FactInstant.instant)).where(FactInstant.instant < instant)
    ).scalar()


def open_at(s: Session, instant: datetime) -> dict[int, OpenCase]:
    """The cases open at ``instant`` (kept marks where there are, else computed)."""
    kept = _stored(s, instant)
    if kept is not None:
        return kept
    before = _previous(s, instant)
    if before is None:
        first = s.execute(select(func.min(CaseFact.at))).scalar()
        if first is None or instant <= first:
            return {}  # before anything happened (the planner would walk every fact to see it)
    base = _stored(s, before) if before is not None else None
    return _advance(s, base or {}, before, instant)


def _boundaries(first: datetime, last: datetime) -> list[datetime]:
    """Every month start after ``first`` up to ``last``."""
    if last <= first:
        return []
    months = Period(first.date(), last.date()).months()[1:]
    return [m.start for m in months if m.start <= last]


def keep_marks(ctx: ServiceContext, upto: datetime) -> int:
    """Compute and keep the open cases at every month boundary up to ``upto`` not kept yet
    (stopping ``SETTLE`` before now); returns how many boundaries were added."""
    limit = min(upto, ctx.now() - SETTLE)
    with ctx.uow.read() as uow:
        s = uow.session
        kept = s.execute(select(func.max(FactInstant.instant))).scalar()
        first = kept or s.execute(select(func.min(CaseFact.at))).scalar()
    if first is None:
        return 0
    todo = [t for t in _boundaries(first, limit) if kept is None or t > kept]
    if not todo:
        return 0
    with ctx.uow.write() as uow:
        s = uow.session
        base = _stored(s, kept) if kept is not None else {}
        since = kept
        for t in todo:
            base = _advance(s, base or {}, since, t)
            s.add(FactInstant(instant=t, made_at=ctx.now()))
            if base:
                s.execute(insert(FactMark), [
                    {"instant": t, "case_id": o.case_id, **dict(zip(CELL, o.cell, strict=True)),
                     "replied": o.replied, "reply_due": o.reply_due} for o in base.values()
                ])  # fmt: skip
            since = t
        try:
            uow.commit()
        except IntegrityError:  # another desk kept them first
            return 0
    return len(todo)
