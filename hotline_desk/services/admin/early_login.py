"""The login's Argon2 check, done early: when 登录 is pressed while the desk still opens
(SQLAlchemy and the store load for ~0.3 s on a worker), the password is checked on another
thread against the hash read straight from the file (store/login_hash.py), so the two overlap
(Argon2 lets go of the GIL). ``auth.login`` then uses the answer only for the very same account,
hash and password — the hash it reads itself in its own transaction must be byte-identical (a
reset in between makes it check again) — and does everything else as always: the account's
state, the lockout, the second factor, the audit rows.

Nothing here imports SQLAlchemy; argon2 loads on the checking thread."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from pathlib import Path

_KEY = secrets.token_bytes(32)
"""Per process: what ``EarlyCheck`` keeps of the password is a keyed digest, not the text."""


def _digest(password: str) -> bytes:
    return hmac.new(_KEY, password.encode("utf-8", "surrogatepass"), hashlib.sha256).digest()


@dataclass(frozen=True)
class EarlyCheck:
    """Whether ``password`` (kept as a keyed digest) matches ``stored``, the hash of ``username``
    read before the login's own transaction."""

    username: str
    stored: str
    digest: bytes
    ok: bool

    def answer(self, username: str, stored: str | None, password: str) -> bool | None:
        """The early answer when it was for this account, this hash and this password; None
        (check again) otherwise."""
        if stored is None or stored != self.stored or username.strip() != self.username:
            return None
        if not hmac.compare_digest(self.digest, _digest(password)):
            return None
        return self.ok


def check(username: str, stored: str, password: str) -> EarlyCheck:
    """Verify ``password`` against ``stored`` (Argon2id, the parameters the hash names)."""
    from argon2 import PasswordHasher
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        ok = bool(PasswordHasher().verify(stored, password))
    except (VerificationError, InvalidHashError):
        ok = False
    return EarlyCheck(username.strip(), stored, _digest(password), ok)


def check_file(database: Path, username: str, password: str) -> EarlyCheck | None:
    """``check`` against the account's hash in the SQLite file; None without one."""
    from hotline_desk.store.login_hash import password_hash

    stored = password_hash(database, username)
    return None if stored is None else check(username, stored, password)
