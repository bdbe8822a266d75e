"""The login's verify made before SQLAlchemy loads (issue 19's cold start): the hash is read
from the SQLite file read-only, a file that is missing or not yet a desk's gives no answer (the
login then verifies itself) and is never created, and a name with no account is verified
against the dummy hash like any other (services/admin/password_hash.py)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hotline_desk.services.admin.password_hash import HASHER, check_early
from hotline_desk.settings import embedded_database


def _desk_file(tmp_path: Path) -> Path:
    db = tmp_path / "hotline_desk.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE users (username TEXT, password_hash TEXT)")
    con.execute("INSERT INTO users VALUES ('dengji', ?), ('new', NULL)",
                (HASHER.hash("Right#Pass2026"),))  # fmt: skip
    con.commit()
    con.close()
    return db


def test_the_hash_is_read_from_the_file_and_verified(tmp_path: Path) -> None:
    db = _desk_file(tmp_path)
    right = check_early(db, "dengji ", "Right#Pass2026")
    wrong = check_early(db, "dengji", "Wrong#Pass2026")
    assert right is not None and right.ok and right.username == "dengji"
    assert wrong is not None and not wrong.ok and wrong.stored == right.stored
    for name in ("nobody", "new"):  # no account, no password: no match, the same work
        answer = check_early(db, name, "Right#Pass2026")
        assert answer is not None and answer.stored is None and not answer.ok


def test_a_file_that_is_no_desk_yet_gives_no_answer_and_is_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "hotline_desk.db"
    assert check_early(missing, "dengji", "Right#Pass2026") is None
    assert not missing.exists()
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()
    assert check_early(empty, "dengji", "Right#Pass2026") is None  # no users table yet


def test_only_a_sqlite_file_is_read_ahead(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    assert embedded_database(data, None) == Path(data).resolve() / "hotline_desk.db"
    assert embedded_database(data, f"sqlite+pysqlite:///{tmp_path / 'x.db'}") == tmp_path / "x.db"
    assert embedded_database(data, "postgresql+psycopg://desk@db.example/hotline") is None
    assert embedded_database(data, "sqlite:///x.db?timeout=5") is None
