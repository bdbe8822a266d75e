"""statistics: covering indexes that start with each period column

The monthly statistics (services/stats_sql.py) count cases per period by one date column at a
time (received, dispatched, replied, closed, ended, callback due; callbacks by time; returns by
decision time), grouped by section, category, channel, topic and tier. With single-column date
indexes every counted case was a table lookup (~130 ms per statement for one month at 1 M
cases); these indexes start with the same date column — so they still serve every query the
narrow ones did — and carry the columns the counts read, so a month is an index-only range
(~15–45 ms). ``ix_cases_groups`` answers the group columns of a case joined from callbacks,
extensions and events without touching the table. The narrow 0004 indexes of the same names
are replaced, not duplicated.

Revision ID: 0005_i7
Revises: 0004
Create Date: 2026-12-01 20:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0005_i7"
down_revision = "0004"
branch_labels = None
depends_on = None

GROUPS = ["lead_unit_id", "category", "channel", "topic_id", "tier"]
WIDENED = {
    # name: (table, narrow columns of 0004, covering columns)
    "ix_cases_dispatched": ("cases", ["dispatched_at"],
                            ["dispatched_at", "signed_at", "sign_deadline", *GROUPS]),
    "ix_cases_replied": ("cases", ["replied_at"],
                         ["replied_at", "reply_deadline", "reply_workdays", *GROUPS]),
    "ix_cases_closed": ("cases", ["closed_at"], ["closed_at", *GROUPS]),
    "ix_cases_ended": ("cases", ["ended_at"],
                       ["ended_at", "received_at", "reply_deadline", "replied_at", "reopened_at",
                        *GROUPS]),
    "ix_cases_callback_due": ("cases", ["callback_deadline"],
                              ["callback_deadline", "callback_status", "anonymous", *GROUPS]),
    "ix_callbacks_at": ("callbacks", ["at"],
                        ["at", "outcome", "satisfaction", "resolved", "case_id"]),
}  # fmt: skip
NEW = {
    "ix_cases_received_stats": ("cases", ["received_at", "merged_into_id", *GROUPS]),
    "ix_cases_groups": ("cases", ["id", *GROUPS]),
    "ix_return_requests_decided": ("return_requests", ["decided_at"]),
    # 回访率 leaves out cases whose citizen refused: an index-only probe per case due
    "ix_callbacks_case_outcome": ("callbacks", ["case_id", "outcome"]),
}


def _analyze() -> None:
    bind = op.get_bind()
    if (
        bind.dialect.name == "sqlite"
        and bind.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first()
    ):
        op.execute("ANALYZE")  # an analysed desk: give the planner the new indexes' figures


def upgrade() -> None:
    for name, (table, _narrow, columns) in WIDENED.items():
        op.drop_index(name, table_name=table)
        op.create_index(name, table, columns)
    for name, (table, columns) in NEW.items():
        op.create_index(name, table, columns)
    _analyze()


def downgrade() -> None:
    for name, (table, _columns) in NEW.items():
        op.drop_index(name, table_name=table)
    for name, (table, narrow, _columns) in WIDENED.items():
        op.drop_index(name, table_name=table)
        op.create_index(name, table, narrow)
