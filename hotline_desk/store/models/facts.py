"""The statistics' facts (``domain/facts.py``): ``case_facts``, append-only, one row per thing
that happened to a case, with the cell it counted in and the case's state right after; and the
open cases at each past month boundary (``fact_marks``), kept once computed because facts are
only ever added at the moment they happen, so the state at a past instant cannot change."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hotline_desk.domain.facts import Fact
from hotline_desk.store.models.base import Base

CELL = ("section_id", "category", "channel", "topic_id", "tier")
"""The columns a fact counts in (a statistics breakdown each), as they stood."""


class CaseFact(Base):
    __tablename__ = "case_facts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    kind: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(DateTime)
    round: Mapped[int] = mapped_column(Integer, default=0)
    section_id: Mapped[int | None] = mapped_column(Integer)  # lead section then (returns: asker)
    category: Mapped[str | None] = mapped_column(String(16))
    channel: Mapped[str | None] = mapped_column(String(16))
    topic_id: Mapped[int | None] = mapped_column(Integer)
    tier: Mapped[int | None] = mapped_column(Integer)
    due_at: Mapped[datetime | None] = mapped_column(DateTime)
    on_time: Mapped[bool | None] = mapped_column(Boolean)
    workdays: Mapped[int | None] = mapped_column(Integer)
    outcome: Mapped[str | None] = mapped_column(String(16))
    rating: Mapped[str | None] = mapped_column(String(12))
    resolved: Mapped[bool | None] = mapped_column(Boolean)
    # The case right after this fact.
    is_open: Mapped[bool] = mapped_column(Boolean)
    replied: Mapped[bool] = mapped_column(Boolean)
    reply_due: Mapped[datetime | None] = mapped_column(DateTime)

    __table_args__ = (
        # A period's counts: one range over ``at``, covering what they read.
        Index(
            "ix_case_facts_at",
            "at",
            "kind",
            *CELL,
            "on_time",
            "workdays",
            "rating",
            "resolved",
            "outcome",
        ),  # fmt: skip
        # 回访率: callback rounds by their deadline.
        Index("ix_case_facts_due", "due_at", "kind", "at", "outcome", *CELL),
        Index("ix_case_facts_case", "case_id", "at", "id"),
    )


class FactInstant(Base):
    """A past instant (a month boundary) whose open cases are in ``fact_marks``."""

    __tablename__ = "fact_instants"

    instant: Mapped[datetime] = mapped_column(DateTime, primary_key=True)
    made_at: Mapped[datetime] = mapped_column(DateTime)


class FactMonth(Base):
    """A month whose every count is kept (``fact_month_cells``): once it is over, its facts
    and its open cases at both ends cannot change."""

    __tablename__ = "fact_months"

    month: Mapped[datetime] = mapped_column(DateTime, primary_key=True)  # its first instant
    made_at: Mapped[datetime] = mapped_column(DateTime)


class FactMonthCell(Base):
    """One group of one breakdown of a kept month (the bureau total: breakdown ``bureau``, no
    value) with its counts (``domain.kpi.COUNT_KEYS``, the non-zero ones, as JSON)."""

    __tablename__ = "fact_month_cells"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[datetime] = mapped_column(DateTime)
    breakdown: Mapped[str] = mapped_column(String(10))
    value: Mapped[str | None] = mapped_column(String(40))  # the group's value as text
    counts: Mapped[str] = mapped_column(Text)

    __table_args__ = (Index("ix_fact_month_cells_month", "month", "breakdown"),)


class FactMark(Base):
    """A case open at ``instant``, with its state then (from its latest fact before it)."""

    __tablename__ = "fact_marks"

    instant: Mapped[datetime] = mapped_column(DateTime, primary_key=True)
    case_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    section_id: Mapped[int | None] = mapped_column(Integer)
    category: Mapped[str | None] = mapped_column(String(16))
    channel: Mapped[str | None] = mapped_column(String(16))
    topic_id: Mapped[int | None] = mapped_column(Integer)
    tier: Mapped[int | None] = mapped_column(Integer)
    replied: Mapped[bool] = mapped_column(Boolean)
    reply_due: Mapped[datetime | None] = mapped_column(DateTime)


def fact_row(case_id: int, f: Fact) -> dict[str, object]:
    """The ``case_facts`` row of a fact."""
    cell, state = f.cell, f.state
    return {
        "case_id": case_id, "kind": f.kind.value, "at": f.at, "round": f.round,
        "section_id": cell.section_id, "category": cell.category, "channel": cell.channel,
        "topic_id": cell.topic_id, "tier": cell.tier, "due_at": f.due_at, "on_time": f.on_time,
        "workdays": f.workdays, "outcome": f.outcome, "rating": f.rating, "resolved": f.resolved,
        "is_open": state.is_open, "replied": state.replied, "reply_due": state.reply_due,
    }  # fmt: skip
