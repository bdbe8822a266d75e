"""This machine's own memory of the keyed audit chains it has seen, kept OUTSIDE the database
(``audit.anchor`` in the data directory, next to ``audit.key``), so that whoever holds only the
database file cannot undo it:

- when migration 0009 keys a database it notes that database's location (SQLite: the file's
  path, relative to the data directory when inside it, so a copied or moved data directory
  keeps it; PostgreSQL: the URL without password) under its ``db_id``: a later attempt to
  set ``alembic_version`` back to 0008 (to have 0009 re-key a forged plain history) is refused;
- each time the live chain is verified sound, the last (id, hash) is noted as an automatic local
  checkpoint; the check then reports a break when that row is gone or has another hash (a cut
  tail with the head reset). Rows written after the last sound check can still be cut unseen.

Only a desk that was told its data directory (``audit_key.use_directory``, done by bootstrap)
keeps the file; without one (a bare ``alembic`` run, most tests) nothing is noted or compared.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL, Connection, make_url

from hotline_desk.store import audit_key

log = logging.getLogger(__name__)

ANCHOR_FILE_NAME = "audit.anchor"


def anchor_file() -> Path | None:
    directory = audit_key._directory  # noqa: SLF001 - set only by bootstrap (the data dir)
    return None if directory is None else directory / ANCHOR_FILE_NAME


def db_label(conn: Connection) -> str:
    """Where the database is: a SQLite file's resolved path, else the URL without password."""
    return url_label(conn.engine.url)


def url_label(url: URL | str) -> str:
    url = make_url(url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        path = Path(url.database).resolve()
        home = audit_key._directory  # noqa: SLF001
        if home is not None and path.is_relative_to(home.resolve()):
            return path.relative_to(home.resolve()).as_posix()  # the data dir moves as a whole
        return str(path)
    return url.render_as_string(hide_password=True)


def _read() -> dict[str, dict[str, Any]]:
    path = anchor_file()
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("audit anchor file %s unreadable: %s", path, type(exc).__name__)
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): v for k, v in data.items() if isinstance(v, dict)}


def _write(entries: dict[str, dict[str, Any]]) -> None:
    path = anchor_file()
    if path is not None:
        audit_key.write_private_json(path, entries)


def note_keyed(conn: Connection, db_id: str) -> None:
    """Migration 0009 keyed this database: remember where it is."""
    entries = _read()
    entries[db_id] = {"db": db_label(conn), "last_id": None, "last_hash": None}
    _write(entries)


def forget(db_id: str) -> None:
    """A verified downgrade to 0008 (the key's holder did it): forget the database."""
    entries = _read()
    if entries.pop(db_id, None) is not None:
        _write(entries)


def was_keyed(conn: Connection) -> bool:
    """Whether this machine has keyed the database at this location before."""
    label = db_label(conn)
    return any(e.get("db") == label for e in _read().values())


def note_checkpoint(conn: Connection, db_id: str, last_id: int, last_hash: str) -> None:
    """The live chain was verified sound up to ``last_id``: remember it."""
    if anchor_file() is None:
        return
    entries = _read()
    entries[db_id] = {"db": db_label(conn), "last_id": last_id, "last_hash": last_hash}
    _write(entries)


def checkpoint(conn: Connection, db_id: str) -> tuple[int, str] | None:
    """The remembered (id, hash) of this database at this location, if any."""
    entry = _read().get(db_id)
    if not entry or entry.get("db") != db_label(conn):
        return None
    last_id, last_hash = entry.get("last_id"), entry.get("last_hash")
    if isinstance(last_id, int) and isinstance(last_hash, str):
        return last_id, last_hash
    return None


def forget_location(url: URL | str) -> None:
    """A backup was restored in place (the key's holder did it): what this machine remembers
    of the database there no longer holds (an older copy, maybe from before 0009)."""
    label = url_label(url)
    entries = _read()
    kept = {k: v for k, v in entries.items() if v.get("db") != label}
    if len(kept) != len(entries):
        _write(kept)
