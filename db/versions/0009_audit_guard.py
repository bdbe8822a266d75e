"""audit guard: keyed chain (HMAC-SHA256, key outside the database), guarded head (issue 14)

- ``audit_head.db_id`` (a random id naming the database; the audit key is kept under it in the
  OS keyring or the data directory's ``audit.key``) and ``audit_head.key_fp`` (the key's
  fingerprint, so a wrong key is told apart from tampering);
- the key is made HERE (new database or upgrade): an existing log is first verified as the old
  plain SHA-256 chain (a broken one refuses the upgrade, naming the row), then re-chained under
  the key in this migration, and an ``audit_rekeyed`` event records how many rows;
- SQLite: triggers so ``audit_head`` cannot be deleted, re-inserted or set to anything but the
  newest row's hash, and an ``audit_log`` INSERT must link to the head and take an id above
  every existing one (which defeats ``INSERT OR REPLACE``); UPDATE/DELETE stay refused (0001);
- PostgreSQL: the audit tables belong to the NOLOGIN role ``hotline_audit_owner``; the desk's
  login keeps SELECT and appends only through the SECURITY DEFINER functions
  ``audit_lock_head()`` and ``audit_append(...)``; UPDATE/DELETE/TRUNCATE revoked, and statement
  triggers refuse TRUNCATE. Without CREATEROLE (or superuser) the tables stay the login's own,
  with the functions and triggers, and a warning is logged (README: PostgreSQL).

Revision ID: 0009_audit_guard
Revises: 0008_accounts
Create Date: 2026-12-05 21:00:00
"""

from __future__ import annotations

import logging
import uuid

import sqlalchemy as sa
from alembic import op

revision = "0009_audit_guard"
down_revision = "0008_accounts"
branch_labels = None
depends_on = None

log = logging.getLogger("hotline_desk.migrations")
OWNER = "hotline_audit_owner"
APPEND_ARGS = "integer, timestamp, integer, text, text, text, text, text, text, text"

SQLITE_TRIGGERS = (
    """CREATE TRIGGER audit_log_insert_guard BEFORE INSERT ON audit_log BEGIN
    SELECT RAISE(ABORT, 'audit_log: prev_hash must be the chain head')
     WHERE NEW.prev_hash IS NOT (SELECT last_hash FROM audit_head WHERE id = 1);
    SELECT RAISE(ABORT, 'audit_log: id must exceed every existing id')
     WHERE NEW.id IS NULL OR NEW.id <= (SELECT coalesce(max(id), 0) FROM audit_log);
    END""",
    """CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head BEGIN
    SELECT RAISE(ABORT, 'audit_head cannot be deleted'); END""",
    """CREATE TRIGGER audit_head_insert_guard BEFORE INSERT ON audit_head BEGIN
    SELECT RAISE(ABORT, 'audit_head: one row, consistent with audit_log')
     WHERE (SELECT count(*) FROM audit_head) > 0
        OR NEW.last_hash IS NOT coalesce(
             (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '{genesis}');
    END""",
    """CREATE TRIGGER audit_head_update_guard BEFORE UPDATE ON audit_head BEGIN
    SELECT RAISE(ABORT, 'audit_head: only the newest row''s hash')
     WHERE NEW.id IS NOT OLD.id OR NEW.db_id IS NOT OLD.db_id OR NEW.key_fp IS NOT OLD.key_fp
        OR NEW.last_hash IS NOT (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1);
    END""",
)
SQLITE_TRIGGER_NAMES = (
    "audit_log_insert_guard",
    "audit_head_no_delete",
    "audit_head_insert_guard",
    "audit_head_update_guard",
)

PG_FUNCTIONS = """
CREATE FUNCTION audit_lock_head(OUT o_last_hash text, OUT o_next_id integer,
                                OUT o_db_id text, OUT o_key_fp text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {path} AS $$
BEGIN
    SELECT h.last_hash, h.db_id, h.key_fp INTO o_last_hash, o_db_id, o_key_fp
      FROM audit_head h WHERE h.id = 1 FOR UPDATE;
    SELECT coalesce(max(l.id), 0) + 1 INTO o_next_id FROM audit_log l;
END $$;

CREATE FUNCTION audit_append(p_id integer, p_at timestamp, p_actor_id integer,
    p_actor_name text, p_action text, p_object_type text, p_object_id text, p_detail text,
    p_prev_hash text, p_hash text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {path} AS $$
DECLARE
    head_hash text;
    top integer;
BEGIN
    SELECT h.last_hash INTO head_hash FROM audit_head h WHERE h.id = 1 FOR UPDATE;
    IF head_hash IS DISTINCT FROM p_prev_hash THEN
        RAISE EXCEPTION 'audit_append: prev_hash is not the chain head';
    END IF;
    SELECT coalesce(max(l.id), 0) INTO top FROM audit_log l;
    IF p_id IS NULL OR p_id <= top THEN
        RAISE EXCEPTION 'audit_append: id must exceed every existing id';
    END IF;
    IF p_hash IS NULL OR p_hash !~ '^[0-9a-f]{{64}}$' THEN
        RAISE EXCEPTION 'audit_append: not a hash';
    END IF;
    INSERT INTO audit_log (id, at, actor_id, actor_name, action, object_type, object_id,
                           detail, prev_hash, hash)
    VALUES (p_id, p_at, p_actor_id, p_actor_name, p_action, p_object_type, p_object_id,
            p_detail, p_prev_hash, p_hash);
    UPDATE audit_head SET last_hash = p_hash WHERE id = 1;
END $$;

CREATE FUNCTION audit_refuse() RETURNS trigger
LANGUAGE plpgsql SET search_path = {path} AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END $$;

CREATE FUNCTION audit_head_guard() RETURNS trigger
LANGUAGE plpgsql SET search_path = {path} AS $$
BEGIN
    IF NEW.id IS DISTINCT FROM OLD.id OR NEW.db_id IS DISTINCT FROM OLD.db_id
       OR NEW.key_fp IS DISTINCT FROM OLD.key_fp
       OR NEW.last_hash IS DISTINCT FROM
          (SELECT l.hash FROM audit_log l ORDER BY l.id DESC LIMIT 1) THEN
        RAISE EXCEPTION 'audit_head: only the newest row''s hash';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse();
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse();
CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
    FOR EACH ROW EXECUTE FUNCTION audit_refuse();
CREATE TRIGGER audit_head_update_guard BEFORE UPDATE ON audit_head
    FOR EACH ROW EXECUTE FUNCTION audit_head_guard();
"""
PG_FUNCTION_SIGNATURES = (
    "audit_lock_head()",
    f"audit_append({APPEND_ARGS})",
    "audit_refuse()",
    "audit_head_guard()",
)


def upgrade() -> None:
    from sqlalchemy.orm import Session

    from hotline_desk.services.audit import record_audit
    from hotline_desk.services.context import local_now
    from hotline_desk.store import audit_anchor, audit_chain, audit_key

    bind = op.get_bind()
    if audit_anchor.was_keyed(bind):  # alembic_version set back to re-key a forged history
        raise audit_chain.ChainBroken(audit_chain.DOWNGRADED)
    pg = bind.dialect.name == "postgresql"
    op.add_column("audit_head", sa.Column("db_id", sa.String(32)))
    op.add_column("audit_head", sa.Column("key_fp", sa.String(8)))
    db_id = uuid.uuid4().hex
    key = audit_key.new_database_key(db_id)
    _lift_old_guard(pg)
    rows, head = audit_chain.rechain(bind, key)  # refuses a broken old chain
    bind.execute(
        sa.text("UPDATE audit_head SET last_hash = :h, db_id = :d, key_fp = :f WHERE id = 1"),
        {"h": head, "d": db_id, "f": audit_key.fingerprint(key)},
    )
    _restore_old_guard(pg)
    audit_anchor.note_keyed(bind, db_id)
    if pg:
        _guard_postgres(bind)
    else:
        for sql in SQLITE_TRIGGERS:
            op.execute(sql.replace("{genesis}", audit_chain.GENESIS))
    if rows:
        session = Session(bind=bind)
        try:
            record_audit(session, local_now(), None, "audit_rekeyed", "database", revision,
                         {"rows": rows, "key_fp": audit_key.fingerprint(key)},
                         actor_name="system")  # fmt: skip
            session.flush()
        finally:
            session.close()


def _lift_old_guard(pg: bool) -> None:
    if pg:
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update ON audit_log")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")


def _restore_old_guard(pg: bool) -> None:
    if pg:
        op.execute(
            "CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"
        )
    else:
        op.execute(
            "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
        )


def _guard_postgres(bind: sa.engine.Connection) -> None:
    schema = bind.execute(sa.text("SELECT current_schema()")).scalar_one()
    path = f'"{schema}", pg_temp'
    op.execute(PG_FUNCTIONS.format(path=path))
    me = bind.execute(sa.text("SELECT current_user")).scalar_one()
    can = bind.execute(
        sa.text("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user")
    ).scalar()
    if not can:
        log.warning(
            "login %s lacks CREATEROLE: the audit tables stay its own (functions and triggers "
            "installed; see README, PostgreSQL)",
            me,
        )
        return
    nested = bind.begin_nested()
    try:
        exists = bind.execute(
            sa.text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": OWNER}
        ).scalar()
        if not exists:
            op.execute(f"CREATE ROLE {OWNER} NOLOGIN")
        op.execute(f'GRANT USAGE, CREATE ON SCHEMA "{schema}" TO {OWNER}')
        super_ = bind.execute(
            sa.text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        ).scalar()
        if not super_:
            op.execute(f'GRANT {OWNER} TO "{me}"')
        for table in ("audit_log", "audit_head"):
            op.execute(f"ALTER TABLE {table} OWNER TO {OWNER}")
        for fn in PG_FUNCTION_SIGNATURES:
            op.execute(f"ALTER FUNCTION {fn} OWNER TO {OWNER}")
        for fn in PG_FUNCTION_SIGNATURES[:2]:
            op.execute(f"REVOKE ALL ON FUNCTION {fn} FROM PUBLIC")
            op.execute(f'GRANT EXECUTE ON FUNCTION {fn} TO "{me}"')
        op.execute("REVOKE ALL ON audit_log, audit_head FROM PUBLIC")
        op.execute(f'REVOKE ALL ON audit_log, audit_head FROM "{me}"')
        op.execute(f'GRANT SELECT ON audit_log, audit_head TO "{me}"')
        if not super_:
            op.execute(f'REVOKE {OWNER} FROM "{me}"')
        nested.commit()
    except sa.exc.DBAPIError as exc:
        nested.rollback()
        log.warning("audit tables not handed to %s (%s); they stay %s's own", OWNER,
                    type(exc.orig).__name__, me)  # fmt: skip


def downgrade() -> None:
    """Back to 0008: the keyed chain is verified (a broken one, or no key here, refuses the
    downgrade), the guard lifted, the rows re-chained as plain SHA-256, the tables returned to
    the migrating login."""
    from hotline_desk.store import audit_anchor, audit_chain

    bind = op.get_bind()
    check = audit_chain.verify_connection(bind)
    never_written = check.rows == 0 and check.head == audit_chain.GENESIS  # not yet seeded
    if not check.ok and not never_written:
        raise audit_chain.ChainBroken(
            "审计日志无法校验或已损坏,拒绝降级:{reason}", reason=check.reason
        )
    head = audit_chain.read_anchor(bind)
    if head is not None and head.db_id:
        audit_anchor.forget(head.db_id)  # a verified downgrade by the key's holder
    pg = bind.dialect.name == "postgresql"
    if pg:
        me = bind.execute(sa.text("SELECT current_user")).scalar_one()
        for table in ("audit_log", "audit_head"):
            op.execute(f'ALTER TABLE {table} OWNER TO "{me}"')
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log")
        op.execute("DROP TRIGGER IF EXISTS audit_head_no_truncate ON audit_head")
        op.execute("DROP TRIGGER IF EXISTS audit_head_no_delete ON audit_head")
        op.execute("DROP TRIGGER IF EXISTS audit_head_update_guard ON audit_head")
        for fn in PG_FUNCTION_SIGNATURES:
            op.execute(f"DROP FUNCTION IF EXISTS {fn}")
    else:
        for name in SQLITE_TRIGGER_NAMES:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    _lift_old_guard(pg)
    audit_chain.rechain_legacy(bind)
    _restore_old_guard(pg)
    op.drop_column("audit_head", "key_fp")
    op.drop_column("audit_head", "db_id")
