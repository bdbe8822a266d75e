"""The hash-chained audit log: append a row inside the caller's transaction; verify the chain.

Rows never carry personal data: only ids, case numbers, actions and counts.

Each row's hash is HMAC-SHA256 under the database's audit key (``store/audit_key.py``, kept
outside the database) over every field and the row id (``store/audit_chain.py``). On SQLite
the row and the head are written here under the triggers of migration 0009; on PostgreSQL the
desk's login may only call ``audit_lock_head()`` and ``audit_append(...)`` (SECURITY DEFINER
functions owned by ``hotline_audit_owner``), inside the caller's transaction as before, the
head still locked last. A machine without the key refuses writes (``AuditKeyMissing``).

``verify_audit_chain`` is the system's own check (start-up, daily): one ``audit_chain_broken``
event per distinct break. Signed checkpoints (``export_checkpoint``) given back to
``check_audit_chain`` catch a history re-chained by someone holding the key, or a cut tail.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from hotline_desk.domain.enums.org import Role
from hotline_desk.domain.errors import DeskError, Msg, ValidationError
from hotline_desk.domain.permissions import require
from hotline_desk.services.boundary import signed_in, user_input
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.store import audit_chain, audit_key, audit_rows
from hotline_desk.store.audit_chain import ChainCheck, verify_chain
from hotline_desk.store.audit_chain import digest as chain_digest
from hotline_desk.store.models import AuditHead, AuditLog

__all__ = [
    "ChainCheck",
    "Checkpoint",
    "check_audit_chain",
    "export_checkpoint",
    "record_audit",
    "verify_audit_chain",
    "verify_chain",
]

REFUSE_UNKEYED = "审计链头缺少密钥标识（数据库结构为 0009 及以后）：拒绝写入无密钥的审计记录"
_KEYED: weakref.WeakSet[Engine] = weakref.WeakSet()  # engines whose schema is at 0009+


def _keyed(conn: Connection) -> bool:
    """Schema 0009 or later (once seen, remembered per engine: the check costs a query)."""
    engine = conn.engine
    if engine in _KEYED:
        return True
    if audit_chain.is_keyed(conn):
        _KEYED.add(engine)
        return True
    if audit_chain.key_required(conn):
        raise DeskError(REFUSE_UNKEYED)
    return False


APPEND = ("SELECT audit_append(:id, :at, :actor_id, :actor_name, :action, :object_type,"
          " :object_id, :detail, :prev_hash, :hash)")  # fmt: skip
_COLUMNS = audit_rows.COLUMNS
_DETAIL = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
"""``json.dumps(…, ensure_ascii=False, sort_keys=True)`` without a new encoder a row (a batch's
rows are many)."""


def _lock_head(session: Session) -> tuple[bool, str, int, bytes]:
    """Lock the chain head (last in the transaction): (PostgreSQL?, its hash, the next row id,
    the audit key)."""
    pg = session.get_bind().dialect.name == "postgresql"
    if pg:
        lock = "SELECT o_last_hash, o_next_id, o_db_id, o_key_fp FROM audit_lock_head()"
    else:
        lock = ("SELECT h.last_hash, (SELECT coalesce(max(id), 0) + 1 FROM audit_log), "
                "h.db_id, h.key_fp FROM audit_head h WHERE h.id = 1")  # fmt: skip
    prev, row_id, db_id, key_fp = session.execute(text(lock)).one()
    if not (db_id and key_fp):
        raise DeskError(REFUSE_UNKEYED)
    return pg, prev, row_id, audit_key.require_key(db_id, key_fp)


def warm_key(ctx: ServiceContext) -> None:
    """Find this database's audit key now (the keyring, else the key file) so that the first
    audit row — the login's — does not look for it on the GUI thread; a missing key is left for
    that row to report."""
    with ctx.uow.read() as uow:
        row = uow.session.execute(text("SELECT db_id FROM audit_head WHERE id = 1")).first()
    if row is not None and row[0]:
        audit_key.find_key(row[0])


def record_audit(
    session: Session,
    at: datetime,
    actor: Actor | None,
    action: str,
    object_type: str = "",
    object_id: str | int = "",
    detail: dict[str, Any] | None = None,
    actor_name: str | None = None,
) -> None:
    """Append one audit row chained to the previous one (locks the chain head, last)."""
    body = json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)
    actor_id = actor.user_id if actor else None
    name = actor_name if actor_name is not None else (actor.username if actor else "")
    obj_id = str(object_id)
    if not _keyed(session.connection()):
        _record_legacy(session, at, actor_id, name, action, object_type, obj_id, body)
        return
    pg, prev, row_id, key = _lock_head(session)
    digest = chain_digest(key, row_id, prev, at, actor_id, name, action, object_type, obj_id, body)
    values = {"id": row_id, "at": at, "actor_id": actor_id, "actor_name": name,
              "action": action, "object_type": object_type, "object_id": obj_id,
              "detail": body, "prev_hash": prev, "hash": digest}  # fmt: skip
    if pg:
        session.execute(text(APPEND), values)
    else:
        session.execute(insert(AuditLog.__table__).values(**values))
        session.execute(text("UPDATE audit_head SET last_hash = :h WHERE id = 1"), {"h": digest})


def record_audits(
    session: Session, at: datetime, actor: Actor | None,
    entries: Sequence[tuple[str, str, str | int, dict[str, Any] | None]],
) -> None:  # fmt: skip
    """Append several rows (action, object type, object id, detail) at once, each chained to
    the one before exactly as ``record_audit`` one by one would chain them: the head locked
    once, the rows sent together (PostgreSQL: one call of ``audit_append_rows``, or where this
    login may not run it ``audit_append`` in one round of executemany; SQLite: each row and the
    head on the driver's cursor, under the same triggers)."""
    if not entries:
        return
    if not _keyed(session.connection()):
        for action, object_type, object_id, detail in entries:
            record_audit(session, at, actor, action, object_type, object_id, detail)
        return
    pg, prev, row_id, key = _lock_head(session)
    actor_id = actor.user_id if actor else None
    name = actor.username if actor else ""
    values: list[dict[str, Any]] = []
    for action, object_type, object_id, detail in entries:
        body = _DETAIL(detail) if detail else "{}"
        obj_id = str(object_id)
        digest = chain_digest(key, row_id, prev, at, actor_id, name, action, object_type, obj_id,
                              body)  # fmt: skip
        values.append({"id": row_id, "at": at, "actor_id": actor_id, "actor_name": name,
                       "action": action, "object_type": object_type, "object_id": obj_id,
                       "detail": body, "prev_hash": prev, "hash": digest})  # fmt: skip
        prev, row_id = digest, row_id + 1
    conn = session.connection()
    if pg and len(values) > 1 and audit_rows.may_append_rows(conn):
        audit_rows.append_rows(conn, values)
        return
    if pg:
        session.execute(text(APPEND), values)
        return
    stamp = AuditLog.__table__.c.at.type.bind_processor(conn.dialect)
    stamped = stamp(at) if stamp else at  # every row's time is ``at``: formatted once
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    insert_row = (f"INSERT INTO audit_log ({', '.join(_COLUMNS)}) "
                  f"VALUES ({', '.join('?' * len(_COLUMNS))})")  # fmt: skip
    try:
        for v in values:
            v["at"] = stamped
            cursor.execute(insert_row, tuple([v[c] for c in _COLUMNS]))
            cursor.execute("UPDATE audit_head SET last_hash = ? WHERE id = 1", (v["hash"],))
    finally:
        cursor.close()


def _record_legacy(
    session: Session, at: datetime, actor_id: int | None, name: str, action: str,
    object_type: str, obj_id: str, body: str,
) -> None:  # fmt: skip
    """A schema before 0009 (a migration such as 0007 writing during the upgrade)."""
    head = session.execute(
        select(AuditHead.__table__.c.last_hash).where(AuditHead.__table__.c.id == 1)
        .with_for_update()
    ).scalar_one()  # fmt: skip
    digest = audit_chain.legacy_digest(head, at, actor_id, action, object_type, obj_id, body)
    session.execute(insert(AuditLog.__table__).values(
        at=at, actor_id=actor_id, actor_name=name, action=action, object_type=object_type,
        object_id=obj_id, detail=body, prev_hash=head, hash=digest))  # fmt: skip
    session.execute(text("UPDATE audit_head SET last_hash = :h WHERE id = 1"), {"h": digest})


@dataclass(frozen=True)
class Checkpoint:
    """A signed point of the chain: the row ``last_id`` had ``hash`` when exported at ``at``.
    ``signature`` is HMAC-SHA256 under the audit key, so a checkpoint cannot be forged."""

    db_id: str
    last_id: int
    hash: str
    at: datetime
    signature: str

    def payload(self) -> bytes:
        return json.dumps([self.db_id, self.last_id, self.hash, self.at.isoformat()]).encode()

    def to_text(self) -> str:
        return json.dumps(
            {"kind": CHECKPOINT_KIND, "db_id": self.db_id, "last_id": self.last_id,
             "hash": self.hash, "at": self.at.isoformat(), "signature": self.signature},
            ensure_ascii=False, indent=1,
        )  # fmt: skip

    def printable(self) -> str:
        """For paper: what the auditor signs and files."""
        return (
            f"办件台审计日志检查点\n数据库标识：{self.db_id}\n"
            f"导出时间：{self.at:%Y-%m-%d %H:%M:%S}\n"
            f"最后一行编号：{self.last_id}\n该行哈希：{self.hash}\n签名：{self.signature}\n"
        )

    @classmethod
    def from_text(cls, raw: str) -> Checkpoint:
        try:
            d = json.loads(raw)
            if d.get("kind") != CHECKPOINT_KIND:
                raise ValueError
            return cls(str(d["db_id"]), int(d["last_id"]), str(d["hash"]),
                       datetime.fromisoformat(d["at"]), str(d["signature"]))  # fmt: skip
        except (ValueError, KeyError, TypeError, AttributeError):
            raise ValidationError({"checkpoint": "不是办件台导出的审计检查点文件"}) from None


CHECKPOINT_KIND = "hotline_desk audit checkpoint"


def _sign(key: bytes, cp: Checkpoint) -> str:
    return hmac.new(key, cp.payload(), hashlib.sha256).hexdigest()


@signed_in
def export_checkpoint(ctx: ServiceContext, actor: Actor) -> Checkpoint:
    """The chain's current end, signed; the caller writes it to a file or prints it."""
    require(actor.roles, frozenset({Role.AUDIT_ADMIN}), "导出审计检查点")
    with ctx.uow.write() as uow:
        s = uow.session
        anchor = audit_chain.read_anchor(s.connection())
        if anchor is None:
            raise DeskError("审计链头记录缺失，无法导出检查点")
        key = audit_key.require_key(anchor.db_id, anchor.key_fp)
        # the export's own row first: the checkpoint covers it (cutting it off is caught too)
        record_audit(s, ctx.now(), actor, "audit_checkpoint_exported", "audit_log")
        last = s.execute(select(AuditLog.id, AuditLog.hash).order_by(AuditLog.id.desc())
                         .limit(1)).one()  # fmt: skip
        cp = Checkpoint(anchor.db_id, last[0], last[1], ctx.now().replace(microsecond=0), "")
        cp = Checkpoint(cp.db_id, cp.last_id, cp.hash, cp.at, _sign(key, cp))
        uow.commit()
    return cp


def _against(
    conn: Connection, key: bytes, db_id: str, cp: Checkpoint, last_id: int
) -> ChainCheck | None:
    """None when the chain still holds ``cp``; else the break it shows."""
    if not hmac.compare_digest(_sign(key, cp), cp.signature):
        return ChainCheck(
            0,
            cp.last_id,
            cp.hash,
            Msg("检查点（第 {row} 行）的签名不符：检查点是伪造的或属于其他密钥", row=cp.last_id),
        )
    if cp.db_id != db_id:
        return ChainCheck(0, cp.last_id, cp.hash, Msg("检查点属于另一个数据库"))
    if cp.last_id > last_id:
        return ChainCheck(
            0,
            last_id + 1,
            cp.hash,
            Msg(
                "检查点记录到第 {row} 行，日志却只到第 {last} 行：尾部被截断",
                row=cp.last_id,
                last=last_id,
            ),
        )
    found = conn.execute(select(AuditLog.hash).where(AuditLog.id == cp.last_id)).scalar()
    if found != cp.hash:
        return ChainCheck(
            0,
            cp.last_id,
            cp.hash,
            Msg(
                "第 {row} 行与 {at} 的检查点不符：此前的日志被改写",
                row=cp.last_id,
                at=f"{cp.at:%Y-%m-%d %H:%M}",
            ),
        )
    return None


@user_input
def check_audit_chain(
    ctx: ServiceContext, actor: Actor, checkpoints: list[Checkpoint] | None = None
) -> ChainCheck:
    """The audit administrator's check: the chain, then each checkpoint given back."""
    require(actor.roles, frozenset({Role.AUDIT_ADMIN}), "校验审计日志")
    with ctx.uow.read() as uow:
        conn = uow.session.connection()
        check = audit_chain.verify_connection(conn)
        if check.ok:
            audit_chain.note_sound(conn)
        if not check.ok or not checkpoints:
            return check
        anchor = audit_chain.read_anchor(conn)
        assert anchor is not None  # a sound keyed chain has its head
        key = audit_key.require_key(anchor.db_id, anchor.key_fp)
        last_id = (
            conn.execute(select(AuditLog.id).order_by(AuditLog.id.desc()).limit(1)).scalar() or 0
        )
        for cp in checkpoints:
            broken = _against(conn, key, anchor.db_id, cp, last_id)
            if broken is not None:
                return ChainCheck(check.rows, broken.first_bad_id, check.head, broken.reason)
        return check


def verify_audit_chain(ctx: ServiceContext) -> ChainCheck:
    """The system's own check (start-up in the background, daily): a break is recorded as ONE
    ``audit_chain_broken`` event per distinct first bad row, not again at every start. A
    missing or wrong key is no break (nothing is recorded; the check says why)."""
    with ctx.uow.read() as uow:
        check = verify_chain(uow.session)
        if check.ok:
            audit_chain.note_sound(uow.session.connection())
    if check.ok or check.key_problem:
        return check
    try:
        _record_break(ctx, check)
    except DeskError:  # a head stripped of its key marks takes no row: the check says so
        pass
    return check


def _record_break(ctx: ServiceContext, check: ChainCheck) -> None:
    """One ``audit_chain_broken`` event per distinct first bad row."""
    with ctx.uow.write() as uow:
        s = uow.session
        seen = s.execute(
            select(AuditLog.detail).where(AuditLog.action == "audit_chain_broken")
        ).scalars()
        for raw in seen:
            try:
                if json.loads(raw).get("first_bad_id") == check.first_bad_id:
                    return
            except ValueError:
                continue
        at_break = s.execute(
            select(AuditLog.action).where(AuditLog.id == check.first_bad_id)
        ).scalar()
        if at_break == "audit_chain_broken":  # our own report, chained onto a forged head
            return
        record_audit(s, ctx.now(), None, "audit_chain_broken", "audit_log",
                     check.first_bad_id or 0, {"first_bad_id": check.first_bad_id,
                                               "rows": check.rows},
                     actor_name="system")  # fmt: skip
        uow.commit()


@signed_in
def export_key(ctx: ServiceContext, actor: Actor) -> str:
    """The audit key as a file's text, for another workstation of the same database (audit or
    system administrator, on the machine that has the key); audited."""
    require(actor.roles, frozenset({Role.AUDIT_ADMIN, Role.SYS_ADMIN}), "导出审计密钥")
    with ctx.uow.write() as uow:
        s = uow.session
        anchor = audit_chain.read_anchor(s.connection())
        if anchor is None:
            raise DeskError("审计链头记录缺失，无法导出密钥")
        key = audit_key.require_key(anchor.db_id, anchor.key_fp)
        record_audit(s, ctx.now(), actor, "audit_key_exported", "database", anchor.db_id,
                     {"key_fp": anchor.key_fp})  # fmt: skip
        uow.commit()
    return audit_key.export_text(anchor.db_id, key)


@user_input
def import_key(ctx: ServiceContext, text: str, username: str, replace: bool = False) -> str:
    """Keep an exported key on this machine (no login: without the key nobody here can log in,
    as a login writes an audit row). Only the key of THIS database, with its fingerprint, is
    accepted; the import is then audited under ``username`` (the operating-system user, as
    ``os:NAME``). Returns where the key is kept."""
    db_id, key = audit_key.parse_export(text)
    with ctx.uow.read() as uow:
        anchor = audit_chain.read_anchor(uow.session.connection())
    if anchor is None or anchor.db_id != db_id:
        raise audit_key.AuditKeyMissing(Msg("该密钥文件属于另一个数据库，未导入"))
    if anchor.key_fp and audit_key.fingerprint(key) != anchor.key_fp:
        raise audit_key.AuditKeyMissing(Msg("该密钥的指纹与数据库记录的不符，未导入"))
    kept = audit_key.stored_key(db_id)
    replaced = kept is not None and not hmac.compare_digest(kept, key)
    if replaced and not replace:  # the 8-hex fingerprint alone does not tell two keys apart
        raise audit_key.AuditKeyMissing(
            Msg(
                "本机已保存此数据库的另一把审计密钥，未导入；"
                "确需替换请加 --replace（将记入审计日志）"
            )
        )
    where = audit_key.store_key(db_id, key)
    with ctx.uow.write() as uow:
        record_audit(uow.session, ctx.now(), None, "audit_key_imported", "database", db_id,
                     {"key_fp": anchor.key_fp, "replaced": replaced},
                     actor_name=username[:64])  # fmt: skip
        uow.commit()
    return where
