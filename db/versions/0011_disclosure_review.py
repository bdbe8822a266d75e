"""the 政务公开 list's pre-publication review (issue 15)

- ``disclosure_decisions``: one row per reviewer decision about one letter (case): ``keep`` a
  text the detector found, ``hide`` a text it missed (with its kind), ``check`` the letter as
  read; who decided and when, and who undid it and when (the row stays).

Nothing existing changes; every letter starts unreviewed.

Revision ID: 0011_disclosure_review
Revises: 0010_audit_object_index
Create Date: 2026-12-06 00:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_disclosure_review"
down_revision = "0010_audit_object_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "disclosure_decisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("action", sa.String(12), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("decided_by", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("decided_at", sa.DateTime, nullable=False),
        sa.Column("revoked_by", sa.Integer, sa.ForeignKey("users.id")),
        sa.Column("revoked_at", sa.DateTime),
    )
    op.create_index(
        "ix_disclosure_decisions_case", "disclosure_decisions", ["case_id", "revoked_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_disclosure_decisions_case", "disclosure_decisions")
    op.drop_table("disclosure_decisions")
