"""The hash-chained audit log and the head of its chain."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hotline_desk.store.models.base import Base


class AuditLog(Base):
    """Append-only, hash-chained audit trail; never holds personal data."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    actor_id: Mapped[int | None] = mapped_column(Integer)
    actor_name: Mapped[str] = mapped_column(String(64), default="")
    action: Mapped[str] = mapped_column(String(40))
    object_type: Mapped[str] = mapped_column(String(24), default="")
    object_id: Mapped[str] = mapped_column(String(40), default="")
    detail: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    __table_args__ = (
        Index("ix_audit_log_at", "at"),
        Index("ix_audit_log_object", "object_type", "object_id"),  # 0010
        Index("ix_audit_log_action", "action", "at"),  # 0010
    )


class AuditHead(Base):
    """The single row holding the chain's tip; updating it serialises audit writers. Since
    0009 it also names the database (``db_id``, under which the audit key is kept outside the
    database) and the key's fingerprint (``key_fp``)."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_hash: Mapped[str] = mapped_column(String(64))
    db_id: Mapped[str | None] = mapped_column(String(32))
    key_fp: Mapped[str | None] = mapped_column(String(8))
