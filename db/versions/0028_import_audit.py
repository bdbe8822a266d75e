"""import audit: PostgreSQL appends a batch of chained audit rows in one call (issue 17)

``audit_append_rows(ids, ats, …, prev_hashes, hashes)`` (arrays, one element per row) checks
what ``audit_append`` checks of one row for each row in order — the first links to the locked
chain head, each next one to the row before it, every id above the last, every hash 64 hex
digits, the arrays of one length — then inserts the rows in one statement and sets the head
once. ``audit_append`` per row set the head 10,000 times in an import of 10,000 cases, and each
call found the head row again behind the versions the transaction had already left (PostgreSQL
keeps them until the transaction ends): some 0.7 s of the server's time.

The function belongs to whoever owns ``audit_append`` (``hotline_audit_owner`` where 0009 could
hand the tables over) and may be run by whoever may run ``audit_append`` (and nobody else). When
this login cannot hand it to that owner the function is not installed, and the desk appends row
by row as before (``store/audit_rows.py`` looks for it). SQLite: nothing (no functions; its rows
are appended under the triggers of 0009).

Revision ID: 0028_import_audit
Revises: 0020_masked_title
Create Date: 2026-12-06 09:00:00
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
from alembic import op

revision = "0028_import_audit"
down_revision = "0025_csv_demo"
branch_labels = None
depends_on = None

log = logging.getLogger("hotline_desk.migrations")
ARGS = "integer[], timestamp[], integer[], text[], text[], text[], text[], text[], text[], text[]"
SIGNATURE = f"audit_append_rows({ARGS})"
APPEND = "audit_append(integer, timestamp, integer, text, text, text, text, text, text, text)"

FUNCTION = """
CREATE FUNCTION audit_append_rows(p_id integer[], p_at timestamp[], p_actor_id integer[],
    p_actor_name text[], p_action text[], p_object_type text[], p_object_id text[],
    p_detail text[], p_prev_hash text[], p_hash text[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {path} AS $$
DECLARE
    n integer := coalesce(cardinality(p_id), 0);
    head_hash text;
    top integer;
    r record;
BEGIN
    IF n = 0 THEN
        RETURN;
    END IF;
    IF coalesce(cardinality(p_at), -1) <> n OR coalesce(cardinality(p_actor_id), -1) <> n
       OR coalesce(cardinality(p_actor_name), -1) <> n OR coalesce(cardinality(p_action), -1) <> n
       OR coalesce(cardinality(p_object_type), -1) <> n
       OR coalesce(cardinality(p_object_id), -1) <> n OR coalesce(cardinality(p_detail), -1) <> n
       OR coalesce(cardinality(p_prev_hash), -1) <> n OR coalesce(cardinality(p_hash), -1) <> n
    THEN
        RAISE EXCEPTION 'audit_append_rows: the arrays must be of one length';
    END IF;
    SELECT h.last_hash INTO head_hash FROM audit_head h WHERE h.id = 1 FOR UPDATE;
    SELECT coalesce(max(l.id), 0) INTO top FROM audit_log l;
    -- the rows checked are the rows inserted: both read the same unnest, in the arrays' order
    FOR r IN SELECT t.id, t.prev_hash, t.hash
               FROM unnest(p_id, p_prev_hash, p_hash) WITH ORDINALITY AS t(id, prev_hash, hash, ord)
              ORDER BY t.ord LOOP
        IF head_hash IS DISTINCT FROM r.prev_hash THEN
            RAISE EXCEPTION 'audit_append_rows: prev_hash of row % is not the chain head', r.id;
        END IF;
        IF r.id IS NULL OR r.id <= top THEN
            RAISE EXCEPTION 'audit_append_rows: id % must exceed every existing id', r.id;
        END IF;
        IF r.hash IS NULL OR r.hash !~ '^[0-9a-f]{{64}}$' THEN
            RAISE EXCEPTION 'audit_append_rows: row % has no hash', r.id;
        END IF;
        head_hash := r.hash;
        top := r.id;
    END LOOP;
    INSERT INTO audit_log (id, at, actor_id, actor_name, action, object_type, object_id,
                           detail, prev_hash, hash)
    SELECT t.id, t.at, t.actor_id, t.actor_name, t.action, t.object_type, t.object_id,
           t.detail, t.prev_hash, t.hash
      FROM unnest(p_id, p_at, p_actor_id, p_actor_name, p_action, p_object_type, p_object_id,
                  p_detail, p_prev_hash, p_hash) WITH ORDINALITY
           AS t(id, at, actor_id, actor_name, action, object_type, object_id, detail,
                prev_hash, hash, ord)
     ORDER BY t.ord;
    UPDATE audit_head SET last_hash = head_hash WHERE id = 1;
END $$;
"""


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = bind.execute(sa.text("SELECT current_schema()")).scalar_one()
    append = bind.execute(
        sa.text("SELECT p.proowner::regrole::text, p.proacl IS NULL FROM pg_proc p "
                "WHERE p.oid = to_regprocedure(:f)"), {"f": APPEND}
    ).one_or_none()  # fmt: skip
    if append is None:  # no keyed chain here (cannot be after 0009): nothing to speed up
        return
    owner, public = append
    me = bind.execute(sa.text("SELECT current_user")).scalar_one()
    superuser = bind.execute(
        sa.text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    ).scalar()
    joined = owner != me and not superuser  # joins the owner role for the moment, as 0009 does
    nested = bind.begin_nested()
    try:
        op.execute(FUNCTION.format(path=f'"{schema}", pg_temp'))
        if joined:
            op.execute(f'GRANT {owner} TO "{me}"')
        if owner != me:
            op.execute(f"ALTER FUNCTION {SIGNATURE} OWNER TO {owner}")
        if not public:  # run by exactly those who may run audit_append
            op.execute(f"REVOKE ALL ON FUNCTION {SIGNATURE} FROM PUBLIC")
            runners = bind.execute(
                sa.text("SELECT DISTINCT a.grantee::regrole::text FROM pg_proc p, "
                        "aclexplode(p.proacl) a WHERE p.oid = to_regprocedure(:f) "
                        "AND a.privilege_type = 'EXECUTE' AND a.grantee <> 0"), {"f": APPEND}
            ).scalars()  # fmt: skip
            for role in list(runners):
                op.execute(f"GRANT EXECUTE ON FUNCTION {SIGNATURE} TO {role}")
        if joined:
            op.execute(f'REVOKE {owner} FROM "{me}"')
        nested.commit()
    except sa.exc.DBAPIError as exc:
        nested.rollback()
        log.warning("audit_append_rows not installed (%s): the audit rows are appended one by "
                    "one", type(exc.orig).__name__)  # fmt: skip


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP FUNCTION IF EXISTS {SIGNATURE}")
