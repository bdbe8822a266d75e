"""case list indexes for a section's cases by date

A section's users (and the desk filtering by section) look at one section's cases within a date
range; with only (lead_unit_id, id) SQLite walked the section's whole history for an old or
narrow range (170 ms at 1 M cases). (lead_unit_id, received_at, id) answers it from the range.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 06:20:00
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_cases_lead_received", "cases", ["lead_unit_id", "received_at", "id"])
    bind = op.get_bind()
    if (
        bind.dialect.name == "sqlite"
        and bind.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first()
    ):
        # The database has planner statistics (a demo or an analysed desk): add the new index's,
        # from a full pass (a sampled ANALYZE gave row counts so wrong that SQLite chose a
        # 600 ms plan for a channel view).
        op.execute("ANALYZE cases")


def downgrade() -> None:
    op.drop_index("ix_cases_lead_received", table_name="cases")
