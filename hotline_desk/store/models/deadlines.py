"""Tables of deadlines and supervision (DESIGN.md §4–5): the working-day calendar, the time-limit
table, extension requests (延期申请) and supervision records (催办, 督办单).

The case's own deadline columns are on ``Case`` (``models.py``); these tables hold the rules
and the tracked requests around them.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hotline_desk.store.models.base import Base


class CalendarDay(Base):
    """One day of the working-day calendar; every day of a maintained year has a row."""

    __tablename__ = "calendar_days"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    is_workday: Mapped[bool] = mapped_column(Boolean)
    name: Mapped[str] = mapped_column(String(32), default="")  # 国庆节, 调休上班(春节), 周末 …
    source: Mapped[str] = mapped_column(String(16), default="package")  # package / admin
    updated_at: Mapped[datetime | None] = mapped_column(DateTime)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class CalendarYear(Base):
    """A year whose days are maintained (seeded from chinesecalendar or entered by the admin).

    A year without a row falls back to Monday–Friday and the desk is told so.
    """

    __tablename__ = "calendar_years"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(16))  # package / admin
    maintained_at: Mapped[datetime] = mapped_column(DateTime)
    maintained_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class TimeLimit(Base):
    """A time-limit rule: for a clock, an urgency/category/channel (None = any) → an amount.

    The most specific active rule applies (``domain.deadlines.pick_limit``).
    """

    __tablename__ = "time_limits"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    clock: Mapped[str] = mapped_column(String(10))  # sign / reply / reopen / callback
    urgency: Mapped[str | None] = mapped_column(String(16))
    category: Mapped[str | None] = mapped_column(String(16))
    channel: Mapped[str | None] = mapped_column(String(16))
    amount: Mapped[int] = mapped_column(Integer)
    unit: Mapped[str] = mapped_column(String(10))  # workdays / hours / minutes
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class Extension(Base):
    """A section's request for more time (延期申请) and the desk's decision."""

    __tablename__ = "extensions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    org_unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"))
    reason: Mapped[str] = mapped_column(Text)
    workdays: Mapped[int] = mapped_column(Integer)
    requested_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    requested_at: Mapped[datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(10))  # pending / approved / denied
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    decision_note: Mapped[str] = mapped_column(Text, default="")
    deadline_before: Mapped[datetime | None] = mapped_column(DateTime)
    deadline_after: Mapped[datetime | None] = mapped_column(DateTime)

    __table_args__ = (
        Index("ix_extensions_case", "case_id", "id"),
        Index("ix_extensions_status", "status", "requested_at"),
        Index("ix_extensions_decided", "decided_at"),
    )


class Supervision(Base):
    """A supervision record: an urge (催办, a note to the section) or an order (督办单).

    Urges are ``sent`` until the section acknowledges them (``acknowledged``); orders are
    ``open`` until the section answers (``answered``) and the desk closes them (``closed``).
    """

    __tablename__ = "supervisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    kind: Mapped[str] = mapped_column(String(8))  # urge / order
    level: Mapped[str | None] = mapped_column(String(8))  # yellow / red (orders)
    org_unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"))
    text: Mapped[str] = mapped_column(Text)  # the urge's note or the order's reason
    issued_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    issued_at: Mapped[datetime] = mapped_column(DateTime)
    response_due: Mapped[datetime | None] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(12))
    response: Mapped[str] = mapped_column(Text, default="")
    responded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    responded_at: Mapped[datetime | None] = mapped_column(DateTime)
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    close_note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        Index("ix_supervisions_case", "case_id", "id"),
        Index("ix_supervisions_unit_status", "org_unit_id", "status"),
        Index("ix_supervisions_kind_issued", "kind", "issued_at"),
        Index("ix_supervisions_status_due", "status", "response_due"),
    )
