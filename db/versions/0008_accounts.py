"""accounts for 等保: sessions that end, password history, second factor, dual control (issue 14)

- ``users.session_epoch`` (0): raised when an account is disabled, its password reset or its
  roles changed; a session carries the value it logged in with and ends at its next action
  once they differ;
- ``users.totp_secret``, ``totp_enabled`` (false), ``totp_enrolled_at``: the administrators'
  second factor (TOTP), with ``recovery_codes`` (hashed, one use each);
- ``password_history``: the hashes an account had before, so the last three are not reused;
- ``admin_requests``: a change to an administrator account asked for by one administrator and
  confirmed (or refused) by a second, different one.

Existing accounts keep their passwords; nobody has a second factor until they enrol.

Revision ID: 0008_accounts
Revises: 0007_upgrade_fill
Create Date: 2026-12-05 20:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_accounts"
down_revision = "0007_upgrade_fill"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMN (no batch copy of ``users``, which the other tables' keys point at)
    op.add_column(
        "users", sa.Column("session_epoch", sa.Integer, nullable=False, server_default="0")
    )
    op.add_column("users", sa.Column("totp_secret", sa.String(64)))
    op.add_column(
        "users",
        sa.Column("totp_enabled", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.add_column("users", sa.Column("totp_enrolled_at", sa.DateTime))
    op.create_table(
        "password_history",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("password_hash", sa.String(256), nullable=False),
        sa.Column("replaced_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_password_history_user_id", "password_history", ["user_id"])
    op.create_table(
        "recovery_codes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("code_hash", sa.String(256), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("used_at", sa.DateTime),
    )
    op.create_index("ix_recovery_codes_user_id", "recovery_codes", ["user_id"])
    op.create_table(
        "admin_requests",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("target_user_id", sa.Integer, sa.ForeignKey("users.id")),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("requested_by", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("requested_at", sa.DateTime, nullable=False),
        sa.Column("decided_by", sa.Integer, sa.ForeignKey("users.id")),
        sa.Column("decided_at", sa.DateTime),
        sa.Column("note", sa.Text, nullable=False),
    )
    op.create_index("ix_admin_requests_status", "admin_requests", ["status"])


def downgrade() -> None:
    op.drop_index("ix_admin_requests_status", "admin_requests")
    op.drop_table("admin_requests")
    op.drop_index("ix_recovery_codes_user_id", "recovery_codes")
    op.drop_table("recovery_codes")
    op.drop_index("ix_password_history_user_id", "password_history")
    op.drop_table("password_history")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("totp_enrolled_at")
        batch.drop_column("totp_enabled")
        batch.drop_column("totp_secret")
        batch.drop_column("session_epoch")
