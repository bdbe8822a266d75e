"""the masked caller stored with each case's search row (issue 19: a CSV export at speed)

- ``case_search.masked_name`` and ``case_search.masked_phone``: the caller's name and phone as
  every list shows them (``domain.privacy.masking.masked_caller``: ``张*明``, ``138****5678``;
  blank when the field is), written with the row at every write of the caller like the masked
  title (``store/search_index.py``), so an export masks no caller per row. A confidential
  case's ``（保密）`` is still decided when it is read (the flag is not a searched field).

The masked callers of existing cases are computed here, in batches with progress on stderr
(a few microseconds a case: well under a minute at 1,000,000 cases).

Revision ID: 0025_csv_demo
Revises: 0020_masked_title
Create Date: 2026-12-06 08:20:00
"""

from __future__ import annotations

import sys

import sqlalchemy as sa
from alembic import op

revision = "0025_csv_demo"
down_revision = "0020_masked_title"
branch_labels = None
depends_on = None

BATCH = 20_000
COLUMNS = ("masked_name", "masked_phone")


def _progress(done: int, total: int) -> None:
    print(f"\r来电人脱敏:{done:,}/{total:,}", end="" if done < total else "\n", file=sys.stderr)


def upgrade() -> None:
    from hotline_desk.domain.privacy.masking import masked_caller

    for column in COLUMNS:
        op.add_column("case_search", sa.Column(column, sa.Text(), server_default="",
                                               nullable=False))  # fmt: skip
    conn = op.get_bind()
    total = conn.execute(sa.text("SELECT count(*) FROM case_search")).scalar_one()
    read = sa.text(
        "SELECT c.id, c.caller_name, c.caller_phone FROM cases c "
        "JOIN case_search s ON s.case_id = c.id WHERE c.id > :after ORDER BY c.id LIMIT :n"
    )
    write = sa.text("UPDATE case_search SET masked_name = :n, masked_phone = :p "
                    "WHERE case_id = :id")  # fmt: skip
    after, done = 0, 0
    while True:
        rows = conn.execute(read, {"after": after, "n": BATCH}).all()
        if not rows:
            break
        params = []
        for case_id, name, phone in rows:
            if name or phone:  # blank callers keep the column's default ""
                masked_name, masked_phone = masked_caller(name, phone)
                params.append({"id": case_id, "n": masked_name, "p": masked_phone})
        if params:
            conn.execute(write, params)
        after, done = rows[-1][0], done + len(rows)
        if total > BATCH:
            _progress(done, total)


def downgrade() -> None:
    # plain DROP COLUMN (SQLite ≥ 3.35): a batch copy would drop the FTS5 table's content
    for column in reversed(COLUMNS):
        op.drop_column("case_search", column)
