"""Unsubmitted drafts (未提交草稿): what a user typed into a dialog or the registration form and
has not saved yet, kept so that Esc, the idle lock or a crash loses nothing (issue 18).

One row per user, kind (which dialog or form) and case (none for the registration form). The
payload is JSON of the form's fields as typed; it may hold a caller's personal data, so only
its owner reads it (``services.drafts``), it never enters the audit log, and it goes when the
case is closed or after ``DRAFT_DAYS`` days.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hotline_desk.store.models.base import Base


class UnsavedDraft(Base):
    """A user's unsubmitted input of one dialog kind on one case (or of the registration form)."""

    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    kind: Mapped[str] = mapped_column(String(40))
    payload: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (
        Index("ix_drafts_owner", "user_id", "kind", "case_id"),
        Index("ix_drafts_updated", "updated_at"),
    )
