"""Argon2id password hashes: the parameters, the verify, and a verify done before the desk's
database layer has loaded.

A login typed while the desk is still opening need not wait for SQLAlchemy before Argon2 starts:
``check_early`` reads the account's hash from the SQLite file (``store/login_hash.py``) and
verifies it on a thread (Argon2 lets go of the GIL, so it runs beside the imports). The login
(``auth.login``) then takes the answer only for the same name, the same stored hash and the
same password (``CheckedPassword.answers``); any difference and it verifies again itself. Every
rule of the login (lockout, disabled accounts, second factor, audit) stays in ``auth.login``.
Nothing here imports SQLAlchemy.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from hotline_desk.store.login_hash import read_password_hash

log = logging.getLogger(__name__)

# Argon2id, 64 MiB, t=3: above the 19 MiB / t=2 floor of DESIGN.md §10.
HASHER = PasswordHasher(time_cost=3, memory_cost=65536, parallelism=2)
DUMMY_HASH = (
    "$argon2id$v=19$m=65536,t=3,p=2$9uB7VUcI1KclxrnWl7D/WQ"
    "$OvSKwob0kVpDEVTcfHi7FvCPOPk9lLwakcdSn5BN2yc"
)
"""A hash of a random password nobody knows, with HASHER's parameters: a name that has no
password (unknown, or never set) is checked against it, so its answer takes as long as a known
user's and the time does not tell which names exist."""

_TAG_KEY = secrets.token_bytes(32)
"""This process's key for ``CheckedPassword.password_tag``: the password itself is not kept."""


def matches(stored: str | None, password: str, hasher: PasswordHasher = HASHER) -> bool:
    """Whether ``password`` is the one ``stored`` was made from (a missing hash never matches,
    but takes as long to say so)."""
    try:
        return bool(hasher.verify(stored or DUMMY_HASH, password)) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def _tag(password: str) -> bytes:
    return hmac.new(_TAG_KEY, password.encode("utf-8", "surrogatepass"), hashlib.sha256).digest()


@dataclass(frozen=True)
class CheckedPassword:
    """One verify done ahead of the login: for ``username`` against ``stored``."""

    username: str
    stored: str | None
    ok: bool
    password_tag: bytes = field(repr=False)

    def answers(self, username: str, stored: str | None, password: str) -> bool:
        """True when this verify is the one the login would make now."""
        return (
            self.username == username.strip()
            and self.stored == stored
            and hmac.compare_digest(self.password_tag, _tag(password))
        )


def verified(username: str, stored: str | None, password: str) -> CheckedPassword:
    """Verify ``password`` against ``stored`` (the hash read for ``username``)."""
    return CheckedPassword(username.strip(), stored, matches(stored, password), _tag(password))


def check_early(database: Path, username: str, password: str) -> CheckedPassword | None:
    """Verify ``password`` against the hash in the SQLite file ``database`` (None when the file
    cannot be read yet; the login then verifies as usual)."""
    try:
        stored = read_password_hash(database, username)
    except (sqlite3.Error, OSError) as exc:
        log.info("no early password check: %s", type(exc).__name__)
        return None
    return verified(username, stored, password)
