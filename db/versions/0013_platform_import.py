"""platform intake: the 12345 platform's work orders imported and their results sent back (issue 17)

- ``cases.external_deadline``: the platform's own deadline (市截止时间/办理时限), kept beside the
  desk's deadlines and never used by the desk's clocks;
- ``cases.platform_dispatched_at``: when the city platform dispatched the work order (市派单时间);
- ``cases.platform_fingerprint``: a digest of the platform row as last imported, so importing
  the same file again finds the unchanged rows without comparing every field;
- ``cases.platform_sent_at``: when the case's result went back to the platform (办理结果回传),
  so the next export holds only what is new; ``ix_cases_platform_sent`` serves that export.

Existing cases get NULLs: none of them came from an import.

Revision ID: 0013_platform_import
Revises: 0012_foreign_key_indexes
Create Date: 2026-12-05 23:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_platform_import"
down_revision = "0012_foreign_key_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMN (no batch copy of ``cases``, which many tables' keys point at)
    op.add_column("cases", sa.Column("external_deadline", sa.DateTime))
    op.add_column("cases", sa.Column("platform_dispatched_at", sa.DateTime))
    op.add_column("cases", sa.Column("platform_fingerprint", sa.String(64)))
    op.add_column("cases", sa.Column("platform_sent_at", sa.DateTime))
    op.create_index("ix_cases_platform_sent", "cases", ["platform_sent_at", "platform_ref"])


def downgrade() -> None:
    op.drop_index("ix_cases_platform_sent", "cases")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("platform_sent_at")
        batch.drop_column("platform_fingerprint")
        batch.drop_column("platform_dispatched_at")
        batch.drop_column("external_deadline")
