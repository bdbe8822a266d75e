"""Keeping what a month that is over will always read: the open cases at each month boundary
(``marks.py``) and every count of every cell of the month (``fact_month_cells``), so reading a
past month, a quarter, a year or the trend costs a few rows per month instead of a pass over
the month's facts — however many facts the month holds.

A month is kept once it has been over for ``SETTLE`` (its facts, dated when they happened,
are then final); a fact written later with an earlier date (a case registered with an earlier
receipt time) drops what was kept from its month on (``store/fact_recorder.py``), and the next
read keeps it again.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

from hotline_desk.domain.facts import SETTLE
from hotline_desk.domain.kpi import Breakdown
from hotline_desk.domain.periods import Period
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.stats.marks import keep_marks
from hotline_desk.services.stats.sql import encode_value, run_groups
from hotline_desk.store.models.facts import CaseFact, FactMonth, FactMonthCell


def _months_to_keep(ctx: ServiceContext, limit: datetime) -> list[Period]:
    """The months after the last kept one (from the first fact's), over by ``limit``."""
    with ctx.uow.read() as uow:
        s = uow.session
        kept = s.execute(select(func.max(FactMonth.month))).scalar()
        first = s.execute(select(func.min(CaseFact.at))).scalar()
    if first is None or first >= limit:
        return []
    months = Period(first.date(), limit.date()).months()
    return [m for m in months if m.end <= limit and (kept is None or m.start > kept)]


def keep_months(ctx: ServiceContext, upto: datetime) -> int:
    """Keep the boundaries' open cases and the counts of every month over by ``upto`` (and by
    ``SETTLE`` before now) not kept yet; returns how many months were added."""
    limit = min(upto, ctx.now() - SETTLE)
    keep_marks(ctx, limit)
    todo = _months_to_keep(ctx, limit)
    if not todo:
        return 0
    with ctx.uow.write() as uow:
        s = uow.session
        for month in todo:
            groups = run_groups(s, month, tuple(Breakdown), month.end)  # not kept yet: counted
            s.add(FactMonth(month=month.start, made_at=ctx.now()))
            rows = [
                {"month": month.start, "breakdown": b.value, "value": encode_value(value),
                 "counts": json.dumps({k: v for k, v in counts.items() if v}, sort_keys=True)}
                for b, by_value in groups.items() for value, counts in by_value.items()
                if any(counts.values())
            ]  # fmt: skip
            if rows:
                s.execute(insert(FactMonthCell), rows)
        try:
            uow.commit()
        except IntegrityError:  # another desk kept them first
            return 0
    return len(todo)
