"""The one-time setup code that the first administrator password needs (a first start that
cannot be claimed by whoever comes first).

When the desk seeds a new database it makes a code of ``LENGTH`` characters from an alphabet
without look-alikes (no 0/O, 1/I/L), shown in groups of five; it writes it to ``setup-code.txt``
in the data directory of the machine that created the database, created with ``os.open(...,
0o600)`` so only the user who started the desk can read it (on Windows the mode bits mean
little: the data directory lies in the user's profile, whose ACL admits only that user and the
system), and prints it on the console (stderr). The database keeps only an Argon2id hash (an
internal office setting, with the file's path and the host name as a hint for the other
workstations of a PostgreSQL office, which have no file and must type the code). Wrong codes
count and lock like wrong passwords (``Attempts``: five, then 30 minutes); after its use the
code is void and the file deleted. A desk opened without a data directory (tests, tools) makes
no code, so its seeded administrator cannot be claimed at all.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from hotline_desk.domain.errors import Msg
from hotline_desk.domain.passwords import LOCK_MINUTES, MAX_FAILED_LOGINS, Attempts
from hotline_desk.services.admin import office
from hotline_desk.store.models.office import OfficeSetting

FILE_NAME = "setup-code.txt"
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 10
"""31 symbols, 10 of them: about 49.5 bits, typed as ``ABCDE-FGHJK``."""
SETUP_CODE = office.OfficeKey("setup_code", dict, {}, "首次启动安装码（内部）")
_HASHER = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
"""The 等保 floor of DESIGN.md §10 (~20 ms): a copy of a fresh database does not give the code
away, and the seed of every test database stays quick."""


@dataclass(frozen=True)
class SetupCodeHint:
    """Where the code of this database is: the file on the machine that created it."""

    pending: bool
    file: str
    host: str


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def normalise(typed: str) -> str:
    """What a user typed, as the code: case, spaces and dashes do not matter."""
    return "".join(ch for ch in typed.upper() if ch not in " -\t")


def code_file(data_dir: Path) -> Path:
    return data_dir / FILE_NAME


def write_code_file(data_dir: Path, code: str) -> Path:
    """The code in ``setup-code.txt``, readable by its owner only (a stale file is replaced)."""
    path = code_file(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(f"{code}\n")
        f.write("市长热线办件台首次启动安装码：设置管理员 admin 的初始密码时输入，用后作废。\n")
    return path


def read_code_file(data_dir: Path) -> str | None:
    """The code this machine wrote (the demo generator and tests use it), or None."""
    try:
        first = code_file(data_dir).read_text(encoding="utf-8").splitlines()[0]
    except (OSError, IndexError):
        return None
    return first.strip() or None


def issue(s: Session, data_dir: Path | None, now: datetime) -> str | None:
    """Make the code for a database being seeded (inside the seed's transaction): store its
    hash and where its file will be; the caller hands it out (``hand_out``) after the commit,
    so a seed that lost a race to another desk leaves no file of a code never stored. Without
    a data directory, nothing (see the module)."""
    if data_dir is None:
        return None
    code = new_code()
    state = {"hash": _HASHER.hash(normalise(code)), "file": str(code_file(data_dir)),
             "host": socket.gethostname(), "failed": 0, "locked_until": None}  # fmt: skip
    office.write(s, SETUP_CODE, state, None, now)
    return code


def hand_out(data_dir: Path, code: str) -> Path:
    """Write the code's file and print it on the console (stderr)."""
    path = write_code_file(data_dir, code)
    if sys.stderr is not None:  # pythonw has no console
        print(f"首次启动安装码（设置管理员初始密码时输入）：{code}\n  已保存到 {path}",
              file=sys.stderr, flush=True)  # fmt: skip
    return path


def _state(s: Session, lock: bool = False) -> dict[str, Any]:
    query = select(OfficeSetting.value).where(OfficeSetting.key == SETUP_CODE.key)
    raw = s.execute(query.with_for_update() if lock else query).scalar()
    return dict(json.loads(raw)) if raw else {}


def hint(s: Session) -> SetupCodeHint:
    state = _state(s)
    return SetupCodeHint(bool(state.get("hash")), state.get("file", ""), state.get("host", ""))


def stored_hash(s: Session) -> str | None:
    return _state(s).get("hash") or None


def matches(stored: str | None, typed: str) -> bool:
    """Argon2 check, run before the write transaction (as logins do)."""
    if not stored:
        return False
    try:
        return bool(_HASHER.verify(stored, normalise(typed)))
    except (VerificationError, InvalidHashError):
        return False


def attempts(s: Session, lock: bool = False) -> tuple[dict[str, Any], Attempts]:
    state = _state(s, lock)
    until = state.get("locked_until")
    return state, Attempts(int(state.get("failed", 0)),
                           datetime.fromisoformat(until) if until else None)  # fmt: skip


def locked_message(tries: Attempts, now: datetime) -> Msg | None:
    if tries.locked_until is None or tries.locked_until <= now:
        return None
    minutes = int((tries.locked_until - now).total_seconds() // 60) + 1
    return Msg("安装码输错次数过多，已锁定，请{minutes}分钟后再试", minutes=minutes)


def record_failure(s: Session, state: dict[str, Any], tries: Attempts, now: datetime) -> Msg:
    """Count one wrong code (five in a row lock it for 30 minutes); returns the message."""
    after, _ = tries.after_failure(now)
    until = after.locked_until.isoformat() if after.locked_until else None
    office.write(s, SETUP_CODE, {**state, "failed": after.failed, "locked_until": until}, None,
                 now)  # fmt: skip
    if after.locked_until is not None and after.failed == 0:
        return Msg("连续{n}次输错安装码，已锁定{minutes}分钟", n=MAX_FAILED_LOGINS,
                   minutes=LOCK_MINUTES)  # fmt: skip
    return Msg("安装码不正确（再错{left}次将锁定）", left=MAX_FAILED_LOGINS - after.failed)


def use_up(s: Session, state: dict[str, Any], code: str, now: datetime) -> None:
    """The code is void once used; this machine's file (if it is this code's) is deleted."""
    office.write(s, SETUP_CODE, {"used_at": now.isoformat(), "host": state.get("host", "")},
                 None, now)  # fmt: skip
    path = Path(state.get("file", ""))
    found = read_code_file(path.parent) if path.name == FILE_NAME else None
    if found is not None and normalise(found) == normalise(code):
        path.unlink(missing_ok=True)
