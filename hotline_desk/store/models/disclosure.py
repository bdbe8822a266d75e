"""The pre-publication review of the 政务公开 list: one row per reviewer decision about one
letter (keep a found text, hide a missed one, confirm the letter), with who decided and when.
Undoing a decision (恢复) keeps the row, closed with who undid it and when."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hotline_desk.store.models.base import Base


class DisclosureDecision(Base):
    """``action`` is ``domain.privacy.disclosure.ReviewAction``; ``kind`` a
    ``privacy.findings.Kind`` for a hidden text (empty otherwise); ``text`` the text kept or hidden
    (empty to confirm)."""

    __tablename__ = "disclosure_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    action: Mapped[str] = mapped_column(String(12))
    text: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(16), default="")
    decided_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime] = mapped_column(DateTime)
    revoked_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)

    __table_args__ = (Index("ix_disclosure_decisions_case", "case_id", "revoked_at"),)
