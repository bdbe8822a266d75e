"""audit look-up by object: the 审计日志 page's 办件编号 filter without a full scan (issue 14)

- ``ix_audit_log_object`` on ``audit_log (object_type, object_id)``: a case's own rows;
- ``ix_audit_log_action`` on ``audit_log (action, at)``: the merge and link rows that name the
  other case in their detail, and the page's action filter.

On PostgreSQL the audit tables belong to ``hotline_audit_owner`` (0009); the migrating login
takes that role for the two statements exactly as 0009 did, and gives it back. A login that
cannot (no CREATEROLE) leaves the indexes out with a warning: the filter still works, scanning.

Revision ID: 0010_audit_object_index
Revises: 0009_audit_guard
Create Date: 2026-12-05 23:00:00
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
from alembic import op

revision = "0010_audit_object_index"
down_revision = "0009_audit_guard"
branch_labels = None
depends_on = None

log = logging.getLogger("hotline_desk.migrations")
OWNER = "hotline_audit_owner"
INDEXES = {
    "ix_audit_log_object": ("object_type", "object_id"),
    "ix_audit_log_action": ("action", "at"),
}


def upgrade() -> None:
    _as_owner(lambda: [op.create_index(n, "audit_log", list(c)) for n, c in INDEXES.items()])


def downgrade() -> None:
    _as_owner(lambda: [op.drop_index(n, table_name="audit_log") for n in INDEXES])


def _as_owner(statements) -> None:  # type: ignore[no-untyped-def]
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        statements()
        return
    owner, me, super_ = bind.execute(
        sa.text(
            "SELECT pg_get_userbyid(c.relowner), current_user, r.rolsuper FROM pg_class c, "
            "pg_roles r WHERE c.oid = 'audit_log'::regclass AND r.rolname = current_user"
        )
    ).one()
    if owner == me or super_:
        statements()
        return
    nested = bind.begin_nested()
    try:
        op.execute(f'GRANT {OWNER} TO "{me}"')
        statements()
        op.execute(f'REVOKE {OWNER} FROM "{me}"')
        nested.commit()
    except sa.exc.DBAPIError as exc:
        nested.rollback()
        log.warning("audit indexes left out: %s cannot act as %s (%s)", me, OWNER,
                    type(exc.orig).__name__)  # fmt: skip
