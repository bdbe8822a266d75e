"""drafts: unsubmitted input kept per user, dialog kind and case (issue 18, no lost work)

A new table ``drafts`` (user, case or none for the registration form, kind, JSON payload,
updated_at) with ``ix_drafts_owner`` (user, kind, case: the one look-up, which also serves the
``user_id`` foreign key), ``ix_drafts_updated`` (the purge of drafts older than
``services.drafts.DRAFT_DAYS``) and the partial ``ix_drafts_case_id`` under the nullable
``case_id`` foreign key (removing a closed case's drafts). Existing databases start empty.

Revision ID: 0016_drafts
Revises: 0013_platform_import
Create Date: 2026-12-06 02:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016_drafts"
down_revision = "0013_platform_import"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id")),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_drafts_owner", "drafts", ["user_id", "kind", "case_id"])
    op.create_index("ix_drafts_updated", "drafts", ["updated_at"])
    where = sa.text("case_id IS NOT NULL")
    op.create_index("ix_drafts_case_id", "drafts", ["case_id"], sqlite_where=where,
                    postgresql_where=where)  # fmt: skip


def downgrade() -> None:
    op.drop_index("ix_drafts_case_id", "drafts")
    op.drop_index("ix_drafts_updated", "drafts")
    op.drop_index("ix_drafts_owner", "drafts")
    op.drop_table("drafts")
