"""full-text search (issue 16): ``case_search`` with the engine's index, filled for every case

- ``case_search``: one row per case, the search form of its public text (title, content,
  platform reference, opinions, notes, replies, callback remarks, instructions) and of its
  caller's fields, apart;
- SQLite: the FTS5 trigram table ``case_search_fts`` (external content) and its triggers;
  PostgreSQL: ``pg_trgm`` (created if missing: needs a role allowed to create extensions) and
  GIN trigram indexes on both texts;
- ``saved_searches``: each user's saved searches.

The rows of existing cases are written here, in batches with progress on stderr
(``store/search_index.rebuild``); at 1,000,000 cases this takes minutes (benchmarks/README.md).

Revision ID: 0015_search_index
Revises: 0017_org_setup
Create Date: 2026-12-06 02:00:00
"""

from __future__ import annotations

import sys

import sqlalchemy as sa
from alembic import op

revision = "0015_search_index"
down_revision = "0017_org_setup"
branch_labels = None
depends_on = None


def _progress(done: int, total: int) -> None:
    print(f"\r建立检索索引:{done:,}/{total:,}", end="" if done < total else "\n", file=sys.stderr)


def upgrade() -> None:
    from hotline_desk.store import search_index

    op.create_table(
        "case_search",
        sa.Column("case_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("public_text", sa.Text(), nullable=False),
        sa.Column("personal_text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("case_id"),
    )
    op.create_table(
        "saved_searches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("query", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_saved_searches_user", "saved_searches", ["user_id", "name"], unique=True)
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        for statement in search_index.sqlite_ddl():
            conn.exec_driver_sql(statement)
    else:
        search_index.create_postgresql_index(conn)
    total = conn.execute(sa.text("SELECT count(*) FROM cases")).scalar_one()
    search_index.rebuild(
        conn, progress=_progress if total > search_index.BATCH else None, masked=False
    )  # its column comes with 0020_masked_title


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("DROP TABLE IF EXISTS case_search_fts")
    op.drop_index("ix_saved_searches_user", table_name="saved_searches")
    op.drop_table("saved_searches")
    op.drop_table("case_search")
