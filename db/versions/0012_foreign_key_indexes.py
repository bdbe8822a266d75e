"""an index under every foreign key (issue 19)

Without one, the database scans the referencing table on every check a delete of the
referenced row makes (cases.merged_into_id: ~1 s per deleted case at 1,000,000 cases) and on
every "who did this" look-up. Nullable columns get a partial index over their non-null rows.
The list is this revision's own copy (a migration does not change when the models do).

Revision ID: 0012_foreign_key_indexes
Revises: 0011_disclosure_review
Create Date: 2026-12-05 23:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_foreign_key_indexes"
down_revision = "0011_disclosure_review"
branch_labels = None
depends_on = None

INDEXES: tuple[tuple[str, str, bool], ...] = (
    ("org_units", "parent_id", True),
    ("topics", "lead_unit_id", True),
    ("topics", "parent_id", True),
    ("users", "org_unit_id", True),
    ("admin_requests", "requested_by", False),
    ("admin_requests", "decided_by", True),
    ("admin_requests", "target_user_id", True),
    ("calendar_days", "updated_by", True),
    ("calendar_years", "maintained_by", True),
    ("cases", "replied_by", True),
    ("cases", "updated_by", True),
    ("cases", "merged_into_id", True),
    ("cases", "registered_by", True),
    ("office_settings", "updated_by", True),
    ("reply_templates", "updated_by", True),
    ("report_snapshots", "frozen_by", True),
    ("report_snapshots", "unfrozen_by", True),
    ("time_limits", "updated_by", True),
    ("topic_assist_units", "org_unit_id", False),
    ("callbacks", "caller_id", True),
    ("case_assignments", "assigned_by", True),
    ("case_assignments", "opinion_by", True),
    ("case_events", "actor_id", True),
    ("case_links", "created_by", True),
    ("extensions", "org_unit_id", True),
    ("extensions", "requested_by", True),
    ("extensions", "decided_by", True),
    ("handling_notes", "author_id", True),
    ("instructions", "leader_id", True),
    ("reply_drafts", "author_id", True),
    ("return_requests", "decided_by", True),
    ("return_requests", "org_unit_id", False),
    ("return_requests", "requested_by", True),
    ("supervisions", "closed_by", True),
    ("supervisions", "issued_by", True),
    ("supervisions", "responded_by", True),
    ("reply_reviews", "reviewer_id", True),
    ("disclosure_decisions", "decided_by", False),
    ("disclosure_decisions", "revoked_by", True),
    ("reply_reviews", "draft_id", False),
)


def upgrade() -> None:
    for table, column, nullable in INDEXES:
        where = sa.text(f"{column} IS NOT NULL") if nullable else None
        op.create_index(f"ix_{table}_{column}", table, [column], sqlite_where=where,
                        postgresql_where=where)  # fmt: skip


def downgrade() -> None:
    for table, column, _nullable in INDEXES:
        op.drop_index(f"ix_{table}_{column}", table_name=table)
