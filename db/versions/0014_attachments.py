"""attachments: files kept with a case (issue 17)

- ``attachments``: one row per file — case, kind (来信扫描件, 照片, 通话录音, 办结材料,
  签发的答复函, 其他), name, content type and extension as sniffed from the bytes, size,
  SHA-256, who added it and when, and the withdrawal (who, when, why; the row and its bytes
  stay);
- ``attachment_blobs``: the bytes, one row per attachment, apart so that listing a case's files
  never reads them. Kept in the database on both engines, so backups carry them.

Revision ID: 0014_attachments
Revises: 0016_drafts
Create Date: 2026-12-06 02:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_attachments"
down_revision = "0016_drafts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("file_name", sa.String(200), nullable=False),
        sa.Column("mime", sa.String(100), nullable=False),
        sa.Column("extension", sa.String(10), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("added_at", sa.DateTime, nullable=False),
        sa.Column("added_by", sa.Integer, sa.ForeignKey("users.id")),
        sa.Column("withdrawn_at", sa.DateTime),
        sa.Column("withdrawn_by", sa.Integer, sa.ForeignKey("users.id")),
        sa.Column("withdraw_reason", sa.Text, nullable=False),
    )
    op.create_index("ix_attachments_case_id", "attachments", ["case_id", "id"])
    for column in ("added_by", "withdrawn_by"):
        where = sa.text(f"{column} IS NOT NULL")
        op.create_index(f"ix_attachments_{column}", "attachments", [column],
                        sqlite_where=where, postgresql_where=where)  # fmt: skip
    op.create_table(
        "attachment_blobs",
        sa.Column("attachment_id", sa.Integer, sa.ForeignKey("attachments.id"), primary_key=True),
        sa.Column("content", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("attachment_blobs")
    op.drop_index("ix_attachments_withdrawn_by", "attachments")
    op.drop_index("ix_attachments_added_by", "attachments")
    op.drop_index("ix_attachments_case_id", "attachments")
    op.drop_table("attachments")
