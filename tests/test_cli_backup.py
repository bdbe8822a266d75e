"""``hotline-desk backup`` / ``restore`` on both engines, the backup an upgrade takes first
(SQLite: a checked copy, a damaged file is not upgraded; PostgreSQL: a fresh pg_dump, or a
refusal that says how to go on), the whole-database restore on a PostgreSQL server, and the
desk's restart after a restore."""

from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from hotline_desk.cli.main import main
from hotline_desk.domain.errors import DeskError
from hotline_desk.services.admin.setup import open_desk, seed_bureau
from hotline_desk.services.backup import restore
from hotline_desk.services.backup.backups import DeskPlace, list_backups
from hotline_desk.services.context import ServiceContext
from hotline_desk.store import migrate
from hotline_desk.store.backup import layout
from hotline_desk.store.backup.make import ENV_UPGRADE_WITHOUT_DUMP
from hotline_desk.store.engine import make_engines
from tests.conftest import PG_URL
from tests.services.test_backup import drop_kept, previous_revision


def _at_revision(url: str, revision: str) -> None:
    """A database as the release at ``revision`` left it: migrated and seeded (its first audit
    row written; a keyed chain with no row at all reads as a truncated log)."""
    engines = make_engines(url)
    cfg = migrate.alembic_config()
    with engines.writer.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    seed_bureau(ServiceContext.for_engines(engines))
    engines.dispose()


def test_backup_and_restore_commands(db_url: str, tmp_path: Path, capsys, request) -> None:  # type: ignore[no-untyped-def]
    open_desk(db_url, backup_dir=tmp_path / "backups").engines.dispose()
    where = ["--data-dir", str(tmp_path), "--database-url", db_url]
    assert main([*where, "backup"]) == 0
    out = capsys.readouterr().out
    assert "已备份" in out and "通过  审计日志哈希链" in out and "未通过" not in out
    (made,) = list_backups(DeskPlace(db_url, tmp_path))
    assert made.ok and made.made_by.startswith("命令行")
    assert main([*where, "restore", str(made.path), "--verify-only"]) == 0
    out = capsys.readouterr().out
    assert "校验通过" in out and "cases" in out and "未通过" not in out
    assert main([*where, "backup", "--out", str(tmp_path / "usb" / "weekly")]) == 0
    assert (tmp_path / "usb" / "weekly" / "manifest.json").exists()
    assert main([*where, "restore", str(tmp_path / "usb" / "weekly"), "--yes"]) == 0
    out = capsys.readouterr().out
    kept = out.split("原数据库保留为：")[1].split()[0]
    request.addfinalizer(lambda: drop_kept(DeskPlace(db_url, tmp_path), kept))
    assert kept and "已恢复" in out
    assert main([*where, "restore", str(tmp_path / "missing")]) == 1
    assert "找不到备份" in capsys.readouterr().err


def test_a_truncated_backup_is_refused_by_the_command(sqlite_url: str, tmp_path: Path,
                                                      capsys) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    open_desk(sqlite_url).engines.dispose()
    assert main(["--data-dir", str(tmp_path), "backup"]) == 0
    (made,) = list_backups(DeskPlace(sqlite_url, tmp_path))
    copy = made.path / layout.SQLITE_FILE
    copy.write_bytes(copy.read_bytes()[:8192])
    assert main(["--data-dir", str(tmp_path), "restore", str(made.path)]) == 2
    captured = capsys.readouterr()
    assert "未通过" in captured.out and "不能恢复" in captured.err
    assert "Traceback" not in captured.err


def test_the_commands_speak_chinese() -> None:
    for command_name in ("backup", "restore"):
        args = [sys.executable, "-m", "hotline_desk", command_name, "--help"]
        done = subprocess.run(args, capture_output=True, text=True, encoding="utf-8", check=True)
        assert "备份" in done.stdout
    assert "--verify-only" in done.stdout and "只校验备份" in done.stdout


def test_an_upgrade_of_sqlite_backs_up_and_checks_first(sqlite_url: str, tmp_path: Path) -> None:
    _at_revision(sqlite_url, previous_revision())
    engines = make_engines(sqlite_url)
    assert migrate.upgrade(engines, tmp_path / "backups")
    engines.dispose()
    (made,) = list_backups(DeskPlace(sqlite_url, tmp_path))
    assert made.kind == "before-upgrade" and made.ok and made.schema_revision == previous_revision()


def test_a_damaged_sqlite_file_is_not_upgraded(tmp_path: Path) -> None:
    from tests.services.test_backup_drills import _damage

    db = tmp_path / "hotline_desk.db"
    url = f"sqlite+pysqlite:///{db}"
    ctx = open_desk(url)
    from hotline_desk.demo.generate import generate_demo

    generate_demo(ctx, 300, seed=3)
    _damage(DeskPlace(url, tmp_path), ctx)
    engines = make_engines(url)
    with engines.writer.begin() as conn:  # pretend the schema is behind
        conn.execute(
            text("UPDATE alembic_version SET version_num = :r"), {"r": previous_revision()}
        )
    with pytest.raises(DeskError, match="未通过校验"):
        migrate.upgrade(engines, tmp_path / "backups")
    assert migrate.current_revision(engines) == previous_revision(), "nothing upgraded"
    engines.dispose()


@pytest.fixture
def pg_schema_url() -> str:  # type: ignore[misc]
    from tests.conftest import _pg_schema_url

    yield from _pg_schema_url()


@pytest.mark.postgres
def test_postgresql_upgrade_dumps_first_or_refuses(pg_schema_url: str, tmp_path: Path,
                                                   monkeypatch) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    _at_revision(pg_schema_url, previous_revision())
    engines = make_engines(pg_schema_url)
    with pytest.raises(DeskError, match=ENV_UPGRADE_WITHOUT_DUMP):
        migrate.upgrade(engines)  # no backup directory: no dump, no upgrade
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv("HOTLINE_DESK_PG_BIN", raising=False)
    with pytest.raises(DeskError) as refused:
        migrate.upgrade(engines, tmp_path / "backups")
    assert "找不到 PostgreSQL 客户端程序 pg_dump" in refused.value.message
    assert ENV_UPGRADE_WITHOUT_DUMP in refused.value.message
    assert migrate.current_revision(engines) == previous_revision(), "refused: nothing upgraded"
    monkeypatch.undo()
    assert migrate.upgrade(engines, tmp_path / "backups")
    (made,) = list_backups(DeskPlace(pg_schema_url, tmp_path))
    assert made.kind == "before-upgrade" and made.ok and made.engine == "postgresql"
    assert made.schema_revision == previous_revision()
    engines.dispose()


@pytest.mark.postgres
def test_postgresql_upgrade_without_dump_when_the_office_says_so(pg_schema_url: str,
                                                                 tmp_path: Path,
                                                                 monkeypatch) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    _at_revision(pg_schema_url, previous_revision())
    monkeypatch.setenv(ENV_UPGRADE_WITHOUT_DUMP, "1")
    engines = make_engines(pg_schema_url)
    assert migrate.upgrade(engines)
    assert migrate.current_revision(engines) == migrate.SCHEMA_HEAD
    engines.dispose()


@pytest.mark.postgres
def test_a_whole_postgresql_database_is_restored_beside_and_renamed(tmp_path: Path) -> None:
    if not PG_URL:
        pytest.skip("no PostgreSQL server")
    name = f"h13_{uuid.uuid4().hex[:10]}"
    server = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        ctx = open_desk(url, backup_dir=tmp_path / "backups")
        place = DeskPlace(url, tmp_path)
        from hotline_desk.services.backup.backups import BackupKind, run_backup

        made = run_backup(ctx, place, BackupKind.MANUAL, actor_name="t")
        check = restore.prepare_restore(place, made.path, actor_name="t", live=ctx)
        assert check.ok and check.prepared.startswith(f"{name}_restore_")
        swapped = restore.swap_in(place, check, actor_name="t", live=ctx)
        assert swapped.kept.startswith(f"{name}_before_restore_")
        with server.connect() as conn:
            names = set(conn.execute(text("SELECT datname FROM pg_database")).scalars())
        assert {name, swapped.kept} <= names and check.prepared not in names
    finally:
        with server.connect() as conn:
            for db in conn.execute(text("SELECT datname FROM pg_database WHERE datname LIKE :p"),
                                   {"p": f"{name}%"}).scalars().all():  # fmt: skip
                conn.execute(text(f'DROP DATABASE "{db}" WITH (FORCE)'))
        server.dispose()


def test_the_desk_restarts_with_its_own_command_line(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from hotline_desk.gui.shell import app

    started: list[list[str]] = []
    monkeypatch.setattr(subprocess, "Popen", lambda args, **_kw: started.append(args))
    monkeypatch.setattr(sys, "orig_argv", [sys.executable, "-m", "hotline_desk", "--data-dir", "D"])
    app.relaunch()
    assert started == [[sys.executable, "-m", "hotline_desk", "--data-dir", "D"]]
