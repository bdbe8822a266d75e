"""One account's stored password hash, read with the standard library's sqlite3 from the local
database file before SQLAlchemy and the desk's store have loaded: the login pressed while the
desk still opens starts its Argon2 check on it at once (gui/shell/opening.py,
services/admin/early_login.py). Read-only (``mode=ro``: a missing file is not created); any
trouble answers None and the login reads the hash itself as always."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def password_hash(database: Path, username: str) -> str | None:
    """``users.password_hash`` of ``username`` in the SQLite file, or None."""
    try:
        conn = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True, timeout=1)
    except (sqlite3.Error, ValueError, OSError):
        return None
    try:
        row = conn.execute(
            "SELECT password_hash FROM users WHERE username = ?", (username.strip(),)
        ).fetchone()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return row[0] if row is not None and isinstance(row[0], str) else None
