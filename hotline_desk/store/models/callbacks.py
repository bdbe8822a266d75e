"""Tables of closing the loop (DESIGN.md §2–3): callback attempts (回访) and links between cases
(并单 duplicates, related cases). The case's own callback and closing columns are on ``Case``."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hotline_desk.store.models.base import Base


class Callback(Base):
    """One callback attempt; append-only."""

    __tablename__ = "callbacks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    round: Mapped[int] = mapped_column(Integer, default=0)  # the case's reopen_count then
    attempt_no: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(DateTime)
    caller_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # who called
    outcome: Mapped[str] = mapped_column(String(12))  # reached/unreached/refused/not_required
    satisfaction: Mapped[str | None] = mapped_column(String(12))  # satisfied/basically/unsatisfied
    resolved: Mapped[bool | None] = mapped_column(Boolean)
    words: Mapped[str] = mapped_column(Text, default="")  # the citizen's words
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        Index("ix_callbacks_case", "case_id", "id"),
        Index("ix_callbacks_at", "at", "outcome", "satisfaction", "resolved", "case_id"),
        Index("ix_callbacks_case_outcome", "case_id", "outcome"),
    )


class CaseLink(Base):
    """A link between two cases: ``duplicate`` (the case was merged into or repeats ``other``)
    or ``related``."""

    __tablename__ = "case_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    other_case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    kind: Mapped[str] = mapped_column(String(10))  # duplicate / related
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (
        Index("ix_case_links_case", "case_id", "id"),
        Index("ix_case_links_other", "other_case_id", "id"),
    )
