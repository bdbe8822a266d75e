"""The one read a login can make before SQLAlchemy has loaded: an account's password hash
straight from the SQLite file, read-only (``services/admin/password_hash.py`` verifies it while
the rest of the desk loads). Nothing else of the store is imported here."""

from __future__ import annotations

import sqlite3
from pathlib import Path

NO_ACCOUNT = None
"""What ``read_password_hash`` returns for a name that is no account's, or has no password."""


def read_password_hash(database: Path, username: str) -> str | None:
    """The hash stored for ``username`` (None: no such account, or no password set).

    Raises ``sqlite3.Error`` or ``OSError`` when the file cannot be read as a desk's database
    (missing, locked, not yet migrated): the caller then leaves the check to the login itself.
    The file is opened read-only and never created.
    """
    uri = f"{database.resolve().as_uri()}?mode=ro"
    con = sqlite3.connect(uri, uri=True, timeout=0.5, check_same_thread=False)
    try:
        row = con.execute(
            "SELECT password_hash FROM users WHERE username = ?", (username.strip(),)
        ).fetchone()
    finally:
        con.close()
    return row[0] if row is not None and isinstance(row[0], str) else NO_ACCOUNT
