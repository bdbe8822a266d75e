"""The data directory holds callers' personal data (the SQLite database, backups, exports):
on POSIX the desk makes it 0700 and the database file 0600, and tightens looser ones it finds
(issue 14: the database was 0644 in a 0755 directory, readable by every local user)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from hotline_desk import bootstrap
from hotline_desk.settings import Paths

pytestmark = pytest.mark.skipif(os.name != "posix", reason="Windows: the profile's ACL")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_desk_keeps_its_data_to_its_user(tmp_path: Path) -> None:
    old = os.umask(0o022)  # the usual umask, under which files come out 0644
    try:
        target = bootstrap.resolve_target(str(tmp_path / "desk"), None)
        ctx = bootstrap.open_target(target)
        ctx.engines.dispose()
    finally:
        os.umask(old)
    paths = target.paths
    for d in (paths.data_dir, paths.logs, paths.backups, paths.exports):
        assert _mode(d) == 0o700, d
    assert _mode(paths.database) == 0o600
    for suffix in ("-wal", "-shm", "-journal"):  # SQLite gives them the file's mode (the
        other = paths.data_dir / f"hotline_desk.db{suffix}"  # -writelock is an empty lock)
        assert not other.exists() or _mode(other) & 0o077 == 0, other


def test_an_existing_loose_directory_and_database_are_tightened(tmp_path: Path) -> None:
    paths = Paths.resolve(tmp_path / "old")
    paths.data_dir.mkdir(mode=0o755)
    paths.data_dir.chmod(0o755)
    paths.database.write_bytes(b"")
    paths.database.chmod(0o644)
    paths.ensure()
    paths.ensure_database_file()
    assert _mode(paths.data_dir) == 0o700 and _mode(paths.database) == 0o600
