"""the bureau sets itself up (issue 18): a head and a phone on each org unit, a time-limit
category on each topic

- ``org_units.head_user_id``: the unit's 负责人 when it is an account of the desk (else NULL);
  ``org_units.head_name``: the 负责人 by name when the person has no account (or a note);
  ``org_units.phone``: the unit's phone;
- ``topics.limit_category``: the 诉求类型 (which keys the time limits) a case of the topic takes
  at intake unless the clerk chose one; NULL leaves it to the clerk.

Existing rows get blanks and NULLs: nobody was named before.

Revision ID: 0017_org_setup
Revises: 0014_attachments
Create Date: 2026-12-06 02:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017_org_setup"
down_revision = "0014_attachments"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMN (no batch copy of ``org_units``, which many tables' keys point at);
    # SQLite takes a REFERENCES clause on a column added with a NULL default, but Alembic
    # would try a separate ALTER of constraints there, which SQLite has not
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE org_units ADD COLUMN head_user_id INTEGER"
            " CONSTRAINT fk_org_units_head_user_id REFERENCES users (id)"
        )
    else:
        op.add_column(
            "org_units",
            sa.Column(
                "head_user_id",
                sa.Integer,
                sa.ForeignKey("users.id", name="fk_org_units_head_user_id"),
            ),
        )
    op.add_column(
        "org_units", sa.Column("head_name", sa.String(64), nullable=False, server_default="")
    )
    op.add_column("org_units", sa.Column("phone", sa.String(32), nullable=False, server_default=""))
    op.add_column("topics", sa.Column("limit_category", sa.String(16)))
    where = sa.text("head_user_id IS NOT NULL")
    op.create_index("ix_org_units_head_user_id", "org_units", ["head_user_id"],
                    sqlite_where=where, postgresql_where=where)  # fmt: skip


def downgrade() -> None:
    op.drop_index("ix_org_units_head_user_id", table_name="org_units")
    # plain DROP COLUMN (SQLite ≥ 3.35, as the upgrade's plain ADD COLUMN): a batch copy would
    # drop and rename ``topics`` and ``org_units``, which seeded rows and accounts point at
    for table, column in (("topics", "limit_category"), ("org_units", "phone"),
                          ("org_units", "head_name"), ("org_units", "head_user_id")):  # fmt: skip
        op.drop_column(table, column)
