"""list speed: covering indexes for the board's suggestion counts and a section's alerts (issue 19)

Partial indexes over the cases whose clock runs (``due_at IS NOT NULL``, a few per cent of all
cases), each holding every column its count reads, so that the count is answered from the index
without reading the cases' rows:

* ``ix_cases_overdue`` (due_at, warn_at, due_clock, tier, urge_count, order_level): the desk's
  red/yellow/normal counts, 建议催办 and 建议红牌督办 — a range on ``due_at`` (overdue since
  before a day) and the other columns;
* ``ix_cases_lead_clock`` (lead_unit_id, due_clock, due_at, warn_at) and
  ``ix_cases_handling_clock`` (handling_unit_id, due_clock, due_at, warn_at, lead_unit_id): a
  section's red/yellow/normal counts (the badge and the minute's alert check), as one count of
  the cases the section leads plus one of those it handles but does not lead.

Revision ID: 0022_list_speed
Revises: 0015_search_index
Create Date: 2026-12-06 05:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0022_list_speed"
down_revision = "0015_search_index"
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_cases_overdue", ["due_at", "warn_at", "due_clock", "tier", "urge_count", "order_level"]),
    ("ix_cases_lead_clock", ["lead_unit_id", "due_clock", "due_at", "warn_at"]),
    ("ix_cases_handling_clock",
     ["handling_unit_id", "due_clock", "due_at", "warn_at", "lead_unit_id"]),
)  # fmt: skip


def upgrade() -> None:
    where = sa.text("due_at IS NOT NULL")
    for name, columns in INDEXES:
        op.create_index(name, "cases", columns, sqlite_where=where, postgresql_where=where)


def downgrade() -> None:
    for name, _columns in INDEXES:
        op.drop_index(name, table_name="cases")
