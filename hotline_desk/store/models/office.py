"""Office-wide tables: settings every workstation shares (bureau name, rules' switches) and
frozen monthly reports (月报锁定). Per-workstation settings stay in ``settings.json``."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hotline_desk.store.models.base import Base


class OfficeSetting(Base):
    """One office-wide setting; ``value`` is JSON. Keys and defaults: ``services.office``."""

    __tablename__ = "office_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class ReportSnapshot(Base):
    """A period's statistics as issued (frozen); ``figures`` is JSON. Unfreezing keeps the row
    (``active`` false) so what was issued stays on record."""

    __tablename__ = "report_snapshots"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    period: Mapped[str] = mapped_column(String(24))  # 2026-11, 2026-Q4, 2026, 20261101-20261115
    figures: Mapped[str] = mapped_column(Text)
    frozen_at: Mapped[datetime] = mapped_column(DateTime)
    frozen_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    unfrozen_at: Mapped[datetime | None] = mapped_column(DateTime)
    unfrozen_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    unfreeze_reason: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_report_snapshots_period", "period", "active"),)
