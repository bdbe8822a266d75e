"""Files kept with a case (附件): scans of letters, photos, call recordings, closing papers and
signed replies.

A file is two rows: ``attachments`` holds what lists and slips show (name, kind, size, type,
SHA-256, who added it, whether it was withdrawn) and ``attachment_blobs`` holds the bytes, so
listing a case's files never reads their content. Both engines keep the bytes in the database
(PostgreSQL: every workstation sees them; SQLite: one file to back up and restore). Rows are
never deleted: withdrawing (撤回) stamps who, when and why and keeps the bytes.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hotline_desk.store.models.base import Base


class Attachment(Base):
    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    kind: Mapped[str] = mapped_column(String(20))  # domain.enums.AttachmentKind
    file_name: Mapped[str] = mapped_column(String(200))
    mime: Mapped[str] = mapped_column(String(100))
    extension: Mapped[str] = mapped_column(String(10))  # as the content says, not the name
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    added_at: Mapped[datetime] = mapped_column(DateTime)
    added_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime)
    withdrawn_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    withdraw_reason: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_attachments_case_id", "case_id", "id"),)


class AttachmentBlob(Base):
    """The bytes of one attachment (read only when the file is opened or saved)."""

    __tablename__ = "attachment_blobs"

    attachment_id: Mapped[int] = mapped_column(ForeignKey("attachments.id"), primary_key=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)
