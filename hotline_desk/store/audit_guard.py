"""What weakens the database's own protection of the audit log, seen from the desk's login.

Schema 0009 hands ``audit_log`` and ``audit_head`` on PostgreSQL to the NOLOGIN role
``hotline_audit_owner``; the desk's login appends only through SECURITY DEFINER functions and
triggers refuse TRUNCATE and a forged head. That holds only if the login the desk uses is not a
superuser, has no CREATEROLE (it could grant itself the owner role), is no member of the owner
role and owns neither table (an owner may disable the triggers), and the triggers are in place
and enabled. On SQLite the triggers are all there is (whoever can write the file can drop them,
which this reports afterwards).

``guard_problems`` returns one Chinese sentence per weakness, empty when the guard holds.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

OWNER = "hotline_audit_owner"
TABLES = ("audit_log", "audit_head")
PG_TRIGGERS = (
    ("audit_log", "audit_log_no_update"),
    ("audit_log", "audit_log_no_truncate"),
    ("audit_head", "audit_head_no_truncate"),
    ("audit_head", "audit_head_no_delete"),
    ("audit_head", "audit_head_update_guard"),
)
SQLITE_TRIGGERS = (
    "audit_log_no_update",
    "audit_log_no_delete",
    "audit_log_insert_guard",
    "audit_head_no_delete",
    "audit_head_insert_guard",
    "audit_head_update_guard",
)
REWRITES = ("UPDATE", "DELETE", "TRUNCATE")


def guard_problems(connection: Connection) -> list[str]:
    """The weaknesses of the audit tables' guard for this connection's login (Chinese)."""
    if connection.dialect.name == "postgresql":
        return _postgres(connection)
    return _sqlite(connection)


def _sqlite(conn: Connection) -> list[str]:
    present = set(
        conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars()
    )
    missing = [name for name in SQLITE_TRIGGERS if name not in present]
    if not missing:
        return []
    return [f"审计表的保护触发器缺失：{'、'.join(missing)}，审计日志可被改写或删除。"]


def _postgres(conn: Connection) -> list[str]:
    login, superuser, createrole = conn.execute(
        text("SELECT rolname, rolsuper, rolcreaterole FROM pg_roles WHERE rolname = session_user")
    ).one()
    problems: list[str] = []
    if superuser:
        problems.append(
            f"当前数据库登录 {login} 是超级用户，可以关闭审计表的触发器并改写审计日志。"
        )
    if createrole and not superuser:
        problems.append(
            f"当前数据库登录 {login} 具有 CREATEROLE 权限，可以把自己加入审计表的属主角色 "
            f"{OWNER}，再改写审计日志。"
        )
    owner_exists = conn.execute(
        text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": OWNER}
    ).scalar()
    member = False
    if owner_exists and not superuser:
        member = bool(
            conn.execute(
                text("SELECT pg_has_role(session_user, :r, 'MEMBER')"), {"r": OWNER}
            ).scalar()
        )
        if member:
            problems.append(
                f"当前数据库登录 {login} 是审计表属主角色 {OWNER} 的成员，可以改写审计日志。"
            )
    owners = dict(
        conn.execute(
            text(
                "SELECT tablename, tableowner FROM pg_tables "
                "WHERE schemaname = current_schema() AND tablename IN ('audit_log', 'audit_head')"
            )
        ).all()
    )
    owned = [t for t in TABLES if owners.get(t) == login]
    if owned:
        problems.append(
            f"当前数据库登录 {login} 拥有审计表 {'、'.join(owned)}，可以关闭其触发器并改写审计日志"
            f"（应由数据库管理员执行升级，使审计表归 {OWNER} 所有）。"
        )
    if not superuser and not member:  # else the grants are the owner role's own
        problems += _rewrite_grants(
            conn, login, [t for t in TABLES if t in owners and t not in owned]
        )
    problems += _pg_triggers(conn)
    return problems


def _rewrite_grants(conn: Connection, login: str, tables: list[str]) -> list[str]:
    found = []
    for table in tables:
        for verb in REWRITES:
            if conn.execute(
                text("SELECT has_table_privilege(session_user, :t, :p)"),
                {"t": table, "p": verb},
            ).scalar():
                found.append(f"{table} 的 {verb}")
    if not found:
        return []
    return [f"当前数据库登录 {login} 有审计表的改写权限：{'、'.join(found)}。"]


def _pg_triggers(conn: Connection) -> list[str]:
    rows = conn.execute(
        text(
            "SELECT c.relname, t.tgname, t.tgenabled FROM pg_trigger t "
            "JOIN pg_class c ON c.oid = t.tgrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relname IN ('audit_log', 'audit_head') "
            "AND NOT t.tgisinternal"
        )
    ).all()
    state = {(table, name): str(enabled) for table, name, enabled in rows}
    missing = [key[1] for key in PG_TRIGGERS if key not in state]
    disabled = [key[1] for key in PG_TRIGGERS if state.get(key) == "D"]
    problems = []
    if missing:
        problems.append(f"审计表的保护触发器缺失：{'、'.join(missing)}，审计日志可被改写或清空。")
    if disabled:
        problems.append(
            f"审计表的保护触发器已被停用：{'、'.join(disabled)}，审计日志可被改写或清空。"
        )
    return problems
