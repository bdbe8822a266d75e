"""The audit log's hash chain as stored: how a row's hash is computed and the check that
recomputes every hash from the seed row to the head.

Since schema 0009 every row's hash is HMAC-SHA256 under the database's audit key (kept outside
the database, ``store/audit_key.py``) over every field of the row, its id and the previous
row's hash. The chain must start at the seed row (``prev_hash`` = ``GENESIS``, action
``seed``): every database has one, so an emptied log is a break too. Databases before 0009
carried a plain SHA-256 chain (``legacy_digest``); a copy of one (the backup taken before the
upgrade) is still checked the old way, and migration 0009 re-chains it under the new key.

It lives with the store (not the audit service) so that a database copy — a backup being
written or a backup being restored — is checked by the same code as the live database.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import String, inspect, select, text, type_coerce
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from hotline_desk.domain.errors import DeskError, Msg
from hotline_desk.store import audit_anchor, audit_key
from hotline_desk.store.models import AuditLog

GENESIS = "0" * 64
_PAYLOAD = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
"""``json.dumps(…, ensure_ascii=False, separators=(",", ":"))`` without a new encoder a row."""
SEED_ACTION = "seed"


def legacy_digest(
    prev: str,
    at: datetime,
    actor_id: int | None,
    action: str,
    obj_type: str,
    obj_id: str,
    detail: str,
) -> str:
    """The plain SHA-256 of schemas before 0009 (no key, no id, no actor name)."""
    payload = "\x1f".join(
        [prev, at.isoformat(), str(actor_id or ""), action, obj_type, obj_id, detail]
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def digest(
    key: bytes,
    row_id: int,
    prev: str,
    at: datetime,
    actor_id: int | None,
    actor_name: str,
    action: str,
    obj_type: str,
    obj_id: str,
    detail: str,
) -> str:
    """HMAC-SHA256 over every field of the row (a JSON array, so no field can leak into the
    next), its id and the previous hash."""
    payload = _PAYLOAD(
        [row_id, prev, at.isoformat(), actor_id, actor_name, action, obj_type, obj_id, detail]
    )
    return hmac.new(key, payload.encode("utf-8"), hashlib.sha256).hexdigest()


class ChainBroken(DeskError):
    """The old chain was broken before the upgrade: the upgrade is refused (rolled back)."""


@dataclass(frozen=True)
class ChainCheck:
    """``first_bad_id``: None when sound; the first row that does not match (or the missing
    seed row's id 1 for an emptied log); -1 when the head does not point at the last row; 0
    when the chain could not be checked (no key or the wrong key here: ``key_problem``).
    ``reason`` says it in Chinese."""

    rows: int
    first_bad_id: int | None
    head: str = GENESIS
    reason: str = ""
    key_problem: bool = False

    @property
    def ok(self) -> bool:
        return self.first_bad_id is None


@dataclass(frozen=True)
class Anchor:
    """What the database keeps about its chain: the head, its id and the key's fingerprint."""

    last_hash: str
    db_id: str
    key_fp: str


def is_keyed(conn: Connection) -> bool:
    """Whether the schema is at 0009 or later (``audit_head.db_id`` exists)."""
    return any(c["name"] == "db_id" for c in inspect(conn).get_columns("audit_head"))


KEYED_REVISION = 9  # 0009_audit_guard: from here on the keyed chain is required
DOWNGRADED = "该数据库曾启用审计密钥，现被改回旧版本结构，可能遭篡改；请从备份恢复或联系审计管理员"
HEAD_UNKEYED = (
    "审计链头缺少密钥标识（数据库结构为 0009 及以后，却没有密钥链）：日志可能被改回无密钥的旧链"
)


def schema_revision(conn: Connection) -> int | None:
    """The number of the database's alembic revision (``0009_audit_guard`` -> 9), or None
    when the database has no ``alembic_version`` (a bare schema in tests)."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    value = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    try:
        return int(str(value).split("_", 1)[0])
    except (TypeError, ValueError):
        return None


def key_required(conn: Connection) -> bool:
    """Whether this database must carry the keyed chain: decided by its recorded revision,
    never by the shape of ``audit_head`` (which whoever holds the file can change)."""
    rev = schema_revision(conn)
    return rev is not None and rev >= KEYED_REVISION


def read_anchor(conn: Connection) -> Anchor | None:
    row = conn.execute(
        text("SELECT last_hash, db_id, key_fp FROM audit_head WHERE id = 1")
    ).one_or_none()
    return Anchor(row[0], row[1] or "", row[2] or "") if row else None


def _rows(conn: Connection) -> Iterable[Any]:
    """Every row in id order, typed by the model (SQLite's stored text becomes datetimes)."""
    t = AuditLog.__table__
    # ``at`` as stored: a SQLite cell that is no date must be a named break, not a crash
    cols = [type_coerce(c, String()).label("at") if c.name == "at" else c for c in t.c]
    return conn.execute(select(*cols).order_by(t.c.id)).yield_per(2000)


def _bad_row(count: int, row_id: int, prev: str) -> ChainCheck:
    return ChainCheck(
        count, row_id, prev, Msg("第 {row} 行的字段类型或格式不对（被篡改）", row=row_id)
    )


def _at(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def verify_legacy(conn: Connection) -> ChainCheck:
    """The plain chain of a schema before 0009."""
    prev, count = GENESIS, 0
    for r in _rows(conn):
        count += 1
        try:
            expected = legacy_digest(prev, _at(r.at), r.actor_id, r.action, r.object_type,
                                     r.object_id, r.detail)  # fmt: skip
        except (TypeError, ValueError, AttributeError):
            return _bad_row(count, r.id, prev)
        if r.prev_hash != prev or r.hash != expected:
            return ChainCheck(
                count, r.id, prev, Msg("第 {row} 行的哈希或链接与前一行不符", row=r.id)
            )
        prev = r.hash
    head = conn.execute(text("SELECT last_hash FROM audit_head WHERE id = 1")).scalar()
    if head is not None and head != prev:
        return ChainCheck(count, -1, head, Msg("链头与最后一行不符（日志尾部被截断或链头被改）"))
    return ChainCheck(count, None, prev)


def verify_rows(conn: Connection, key: bytes, anchor: Anchor) -> ChainCheck:
    """Recompute every keyed hash from the seed row; then the head."""
    prev, count = GENESIS, 0
    for r in _rows(conn):
        count += 1
        if count == 1 and r.action != SEED_ACTION:
            return ChainCheck(
                count,
                r.id,
                prev,
                Msg("日志不是从初始化记录开始：第 {row} 行之前的记录被删除", row=r.id),
            )
        try:
            expected = digest(key, r.id, prev, _at(r.at), r.actor_id, r.actor_name, r.action,
                              r.object_type, r.object_id, r.detail)  # fmt: skip
        except (TypeError, ValueError, AttributeError):
            return _bad_row(count, r.id, prev)
        if not isinstance(r.hash, str):
            return _bad_row(count, r.id, prev)
        if r.prev_hash != prev:
            return ChainCheck(
                count,
                r.id,
                prev,
                Msg("第 {row} 行与前一行的链接断开（其前的记录被删除或插入）", row=r.id),
            )
        if not hmac.compare_digest(r.hash, expected):
            return ChainCheck(
                count,
                r.id,
                prev,
                Msg("第 {row} 行的内容与其密钥哈希不符（被修改或伪造）", row=r.id),
            )
        prev = r.hash
    if count == 0:
        return ChainCheck(
            0, 1, anchor.last_hash, Msg("审计日志为空：每个数据库都有初始化记录，日志已被清空")
        )
    if anchor.last_hash != prev:
        return ChainCheck(
            count, -1, anchor.last_hash, Msg("链头与最后一行不符（日志尾部被截断或链头被改）")
        )
    return ChainCheck(count, None, prev)


def verify_connection(conn: Connection, key: bytes | None = None) -> ChainCheck:
    """The keyed check; the plain one only for a copy whose revision is before 0009."""
    required = key_required(conn)
    if not is_keyed(conn):
        if required:
            return ChainCheck(0, -1, GENESIS, Msg(HEAD_UNKEYED))
        if audit_anchor.was_keyed(conn):  # this machine keyed it: set back to 0008
            return ChainCheck(0, -1, GENESIS, Msg(DOWNGRADED))
        return verify_legacy(conn)
    anchor = read_anchor(conn)
    if anchor is None:
        return ChainCheck(0, -1, GENESIS, Msg("审计链头记录被删除"))
    if required and not (anchor.db_id and anchor.key_fp):
        return ChainCheck(0, -1, anchor.last_hash, Msg(HEAD_UNKEYED))
    if key is None:
        key = audit_key.find_key(anchor.db_id)
    if key is None:
        return ChainCheck(0, 0, anchor.last_hash, Msg("本机没有此数据库的审计密钥，无法校验；"
                          "请用 hotline-desk audit key import 导入"), key_problem=True)  # fmt: skip
    if anchor.key_fp and audit_key.fingerprint(key) != anchor.key_fp:
        return ChainCheck(0, 0, anchor.last_hash,
                          Msg("本机审计密钥的指纹 {have} 与数据库记录的 {want} 不符，无法校验",
                              have=audit_key.fingerprint(key), want=anchor.key_fp),
                          key_problem=True)  # fmt: skip
    check = verify_rows(conn, key, anchor)
    if not check.ok:
        return check
    remembered = audit_anchor.checkpoint(conn, anchor.db_id)
    if remembered is not None:
        last_id, last_hash = remembered
        t = AuditLog.__table__
        found = conn.execute(select(t.c.hash).where(t.c.id == last_id)).scalar()
        if found != last_hash:
            return ChainCheck(check.rows, last_id, check.head, Msg(
                "审计日志在第 {row} 行之后被截断或改写（与本机记录的检查点不符）", row=last_id
            ))  # fmt: skip
    return check


def note_sound(conn: Connection) -> None:
    """The live chain was just verified sound: its last row becomes this machine's local
    checkpoint (``audit_anchor``)."""
    anchor = read_anchor(conn)
    if anchor is None or not anchor.db_id:
        return
    t = AuditLog.__table__
    last = conn.execute(select(t.c.id, t.c.hash).order_by(t.c.id.desc()).limit(1)).first()
    if last is not None:
        audit_anchor.note_checkpoint(conn, anchor.db_id, last[0], last[1])


def verify_chain(session: Session, key: bytes | None = None) -> ChainCheck:
    """Recompute every hash; report the first row whose hash or link does not match."""
    return verify_connection(session.connection(), key)


def rechain(conn: Connection, key: bytes) -> tuple[int, str]:
    """Re-chain a verified plain chain under ``key`` (migration 0009; the caller has lifted
    the append-only guard). Returns (rows, new head). Refuses a broken old chain."""
    old = verify_legacy(conn)
    if not old.ok:
        where = Msg("链头") if old.first_bad_id == -1 else Msg("第 {row} 行", row=old.first_bad_id)
        raise ChainBroken(
            Msg(
                "升级前的审计日志已损坏（{where}）：{reason}。拒绝升级，请先从备份恢复。",
                where=where,
                reason=old.reason,
            )
        )
    prev, count, updates = GENESIS, 0, []
    for r in list(_rows(conn)):
        count += 1
        new = digest(key, r.id, prev, _at(r.at), r.actor_id, r.actor_name, r.action,
                     r.object_type, r.object_id, r.detail)  # fmt: skip
        updates.append({"i": r.id, "p": prev, "h": new})
        prev = new
    for start in range(0, len(updates), 5000):
        conn.execute(
            text("UPDATE audit_log SET prev_hash = :p, hash = :h WHERE id = :i"),
            updates[start : start + 5000],
        )
    return count, prev


def rechain_legacy(conn: Connection) -> None:
    """Back to the plain chain of schemas before 0009 (migration 0009's downgrade, after the
    keyed chain was verified and the guard lifted)."""
    prev, updates = GENESIS, []
    for r in list(_rows(conn)):
        new = legacy_digest(prev, _at(r.at), r.actor_id, r.action, r.object_type, r.object_id,
                            r.detail)  # fmt: skip
        updates.append({"i": r.id, "p": prev, "h": new})
        prev = new
    for start in range(0, len(updates), 5000):
        conn.execute(
            text("UPDATE audit_log SET prev_hash = :p, hash = :h WHERE id = :i"),
            updates[start : start + 5000],
        )
    conn.execute(text("UPDATE audit_head SET last_hash = :h WHERE id = 1"), {"h": prev})
