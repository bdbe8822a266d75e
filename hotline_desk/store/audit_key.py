"""The audit chain's key: 32 random bytes made when the database is created (migration 0009),
kept OUTSIDE the database so that a copy of the database alone cannot re-chain a rewritten log.

Where the key is looked for, in this order:

1. ``HOTLINE_DESK_AUDIT_KEY`` (64 hex digits): overrides everything (tests, scripted installs);
2. the OS keyring, when it is one the desk trusts (``keyring_trust``), under the service
   ``hotline_desk/audit_key`` and the database's random id (``audit_head.db_id``) as user name;
3. the file ``audit.key`` in the data directory (JSON ``{db_id: hex}``), readable by its owner
   only (0600; on Windows the user profile's ACL protects the data directory).

A new key goes to the keyring when a trusted one exists, otherwise to the file. The database
stores the database id and the key's fingerprint (first 8 hex digits of its SHA-256), never the
key: a wrong key is told apart from a tampered log by the fingerprint.

A workstation without the key (a second PC of a PostgreSQL office) reads but refuses every write
(each write appends an audit row) with :class:`AuditKeyMissing`, whose message says to import
the key with ``hotline-desk audit key import F`` after ``audit key export`` on the machine that
has it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
import sys
import threading
from pathlib import Path

from hotline_desk.domain.errors import DeskError, Msg

log = logging.getLogger(__name__)

ENV_AUDIT_KEY = "HOTLINE_DESK_AUDIT_KEY"
KEYRING_SERVICE = "hotline_desk/audit_key"
KEY_FILE_NAME = "audit.key"
KEY_BYTES = 32
EXPORT_KIND = "hotline_desk audit key"

_directory: Path | None = None
_cache: dict[str, bytes] = {}
_looking = threading.Lock()
"""One look-up at a time: the login's audit row waits for the one the desk's opening started
behind the login (gui/shell/opening.py) instead of asking the keyring a second time."""


class AuditKeyMissing(DeskError):
    """This machine has no audit key for the database (or the wrong one): writes are refused."""


def use_directory(path: Path | str) -> None:
    """Where ``audit.key`` lives: the desk's data directory (bootstrap sets it)."""
    global _directory
    _directory = Path(path)


def key_directory() -> Path:
    if _directory is not None:
        return _directory
    from hotline_desk.settings import Paths

    return Paths.resolve().data_dir


def key_file() -> Path:
    return key_directory() / KEY_FILE_NAME


def fingerprint(key: bytes) -> str:
    return hashlib.sha256(key).hexdigest()[:8]


def _env_key() -> bytes | None:
    raw = os.environ.get(ENV_AUDIT_KEY, "").strip()
    if not raw:
        return None
    try:
        key = bytes.fromhex(raw)
    except ValueError:
        key = b""
    if len(key) != KEY_BYTES:
        raise AuditKeyMissing(Msg("环境变量 {env} 不是 64 位十六进制的审计密钥", env=ENV_AUDIT_KEY))
    return key


def _keyring():  # type: ignore[no-untyped-def]
    """The trusted OS keyring, or None (Linux servers, CI: the file is used instead)."""
    from hotline_desk.keyring_trust import trusted_keyring

    try:
        return trusted_keyring()
    except DeskError:
        return None
    except Exception:  # noqa: BLE001 - a keyring that cannot even be asked is no keyring
        return None


def _read_file() -> dict[str, str]:
    path = key_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("audit key file %s unreadable: %s", path, type(exc).__name__)
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def write_private_json(path: Path, data: object) -> Path:
    """Write ``data`` as JSON readable by its owner only (0600; on Windows the profile's ACL),
    replacing the file in one step so a crash never leaves half of it: the key file and the
    audit anchor beside it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".new")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=1, sort_keys=True)
    if sys.platform != "win32":
        os.chmod(tmp, 0o600)
    os.replace(tmp, path)
    return path


def _write_file(keys: dict[str, str]) -> Path:
    return write_private_json(key_file(), keys)


def find_key(db_id: str) -> bytes | None:
    """The key for database ``db_id`` on this machine, or None."""
    env = _env_key()
    if env is not None:
        return env
    with _looking:
        if db_id in _cache:
            return _cache[db_id]
        key = stored_key(db_id)
        if key is not None:
            _cache[db_id] = key
        return key


def stored_key(db_id: str) -> bytes | None:
    """The key kept for ``db_id`` in the keyring or the key file (not the environment's)."""
    found: str | None = None
    backend = _keyring()
    if backend is not None:
        try:
            found = backend.get_password(KEYRING_SERVICE, db_id)
        except Exception:  # noqa: BLE001 - a locked keyring: fall back to the file
            found = None
    if not found:
        found = _read_file().get(db_id)
    if not found:
        return None
    try:
        key = bytes.fromhex(found)
    except ValueError:
        return None
    if len(key) != KEY_BYTES:
        return None
    return key


def store_key(db_id: str, key: bytes) -> str:
    """Keep ``key`` for ``db_id`` on this machine; returns where (for messages and logs)."""
    _cache[db_id] = key
    backend = _keyring()
    if backend is not None:
        try:
            backend.set_password(KEYRING_SERVICE, db_id, key.hex())
            return "系统密钥环"
        except Exception as exc:  # noqa: BLE001 - the file is the documented fallback
            log.warning("keyring refused the audit key (%s); using the key file", exc)
    keys = _read_file()
    keys[db_id] = key.hex()
    return str(_write_file(keys))


def new_database_key(db_id: str) -> bytes:
    """The key of a database being created or upgraded: the environment's when set (not
    stored anywhere), else 32 fresh random bytes kept in the keyring or the key file."""
    env = _env_key()
    if env is not None:
        return env
    key = secrets.token_bytes(KEY_BYTES)
    where = store_key(db_id, key)
    log.info("audit key for database %s made and kept in %s", db_id, where)
    return key


def require_key(db_id: str, expected_fp: str | None) -> bytes:
    """The key, checked against the database's fingerprint; AuditKeyMissing otherwise."""
    key = find_key(db_id)
    if key is None:
        raise AuditKeyMissing(
            Msg(
                "本机没有此数据库的审计密钥，不能写入（可以查看）。请在保存密钥的电脑上由审计管理员"
                "或系统管理员运行 hotline-desk audit key export --out 文件，再在本机运行 "
                "hotline-desk audit key import 文件。"
            )
        )
    if expected_fp and fingerprint(key) != expected_fp:
        raise AuditKeyMissing(
            Msg(
                "本机的审计密钥（指纹 {have}）与数据库记录的指纹 {want} 不符，不能写入。"
                "请从保存此数据库密钥的电脑导入正确的密钥（hotline-desk audit key import 文件）。",
                have=fingerprint(key),
                want=expected_fp,
            )
        )
    return key


def forget_cached() -> None:
    """Drop the in-process cache (tests that move keys around)."""
    _cache.clear()


def export_text(db_id: str, key: bytes) -> str:
    return json.dumps(
        {"kind": EXPORT_KIND, "db_id": db_id, "fingerprint": fingerprint(key), "key": key.hex()},
        indent=1,
    )


def parse_export(text: str) -> tuple[str, bytes]:
    """(db_id, key) from an exported key file; AuditKeyMissing when it is not one."""
    try:
        data = json.loads(text)
        key = bytes.fromhex(data["key"])
        db_id = str(data["db_id"])
        ok = data.get("kind") == EXPORT_KIND and len(key) == KEY_BYTES
        ok = ok and data.get("fingerprint") == fingerprint(key)
    except (ValueError, KeyError, TypeError, AttributeError):
        ok = False
    if not ok:
        raise AuditKeyMissing(Msg("该文件不是办件台导出的审计密钥文件，或已损坏"))
    return db_id, key
