"""The command line, target resolution, keyring rules, migrations and network-share refusal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import keyring
import pytest
from sqlalchemy import create_engine, inspect, text

from hotline_desk import __version__, bootstrap
from hotline_desk.cli.main import main
from hotline_desk.demo.rows import DEMO_PASSWORD
from hotline_desk.demo.text import DEMO_USERS
from hotline_desk.domain.errors import DeskError
from hotline_desk.domain.kpi import COUNT_KEYS, KPIS
from hotline_desk.domain.periods import previous_month
from hotline_desk.settings import Paths, Settings
from hotline_desk.store import migrate
from hotline_desk.store.engine import check_sqlite_path, make_engines, sqlite_url


def test_version_answers() -> None:
    out = subprocess.run([sys.executable, "-m", "hotline_desk", "--version"],
                         capture_output=True, text=True, check=True)  # fmt: skip
    assert out.stdout.strip() == f"hotline-desk {__version__}"


def test_demo_creates_database_in_data_dir(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--data-dir", str(tmp_path), "demo", "--cases", "300", "--seed", "5"]) == 0
    db = tmp_path / "hotline_desk.db"
    assert db.exists()
    engine = create_engine(sqlite_url(db))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM cases")).scalar_one() == 300
        statuses = {r[0] for r in conn.execute(text("SELECT DISTINCT status FROM cases"))}
        demo_users = conn.execute(text("SELECT COUNT(*) FROM users WHERE is_demo")).scalar_one()
        pragmas = conn.execute(text("PRAGMA journal_mode")).scalar_one()
    engine.dispose()
    from hotline_desk.domain.enums.handling import CaseStatus

    assert "closed" in statuses and len(statuses) >= 4
    assert statuses <= {s.value for s in CaseStatus}
    assert demo_users == len(DEMO_USERS)
    assert pragmas == "wal"
    assert "Demo@2026" in capsys.readouterr().out


def test_stats_as_json_on_the_demo_database(tmp_path: Path) -> None:
    """``stats --json`` through the real entry point, on a console that is not UTF-8 (a Chinese
    Windows console is GBK): stdout is UTF-8 JSON whose groups add up to their totals."""
    assert main(["--data-dir", str(tmp_path), "demo", "--cases", "300", "--seed", "7"]) == 0
    month = previous_month(date.today()).key  # the demo fills the last 12 months
    env = {**os.environ, "PYTHONIOENCODING": "gbk", "HOTLINE_DESK_PASSWORD": DEMO_PASSWORD}
    done = subprocess.run([sys.executable, "-m", "hotline_desk", "--data-dir", str(tmp_path),
                           "stats", "--month", month, "--json", "--user", "lingdao"],
                          capture_output=True, env=env, check=True)  # fmt: skip
    text = done.stdout.decode("utf-8")
    assert "合计" in text and "\\u" not in text  # Chinese as is, not escaped
    out = json.loads(text)
    assert out["period"] == month and out["frozen"] is False
    assert [d["key"] for d in out["definitions"]] == [k.key for k in KPIS]
    total = out["breakdowns"]["bureau"]["total"]["counts"]
    assert total["received"] > 0
    for name, table in out["breakdowns"].items():
        assert table["total"]["counts"] == total, name
        if name == "bureau":
            continue
        assert table["rows"], name
        for key in COUNT_KEYS:  # computed, not written down: the groups add up to the total
            assert sum(r["counts"][key] for r in table["rows"]) == total[key], (name, key)
    assert len(out["breakdowns"]["section"]["rows"]) > 3


def test_demo_refuses_a_real_database(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from hotline_desk.services.admin.auth import actor_for
    from hotline_desk.services.admin.setup import open_desk
    from hotline_desk.services.cases import registration
    from hotline_desk.store.models import User, UserRole
    from tests.factories import case_input

    ctx = open_desk(sqlite_url(tmp_path / "hotline_desk.db"))
    with ctx.uow.write() as uow:
        user = User(username="clerk", display_name="登记", password_hash=None,
                    must_change_password=False, active=True, failed_logins=0, is_demo=False,
                    created_at=ctx.now())  # fmt: skip
        user.roles = [UserRole(role="intake")]
        uow.session.add(user)
        uow.session.flush()
        actor = actor_for(uow.session, user)
        uow.commit()
    registration.register_case(ctx, actor, case_input(ctx))
    ctx.engines.dispose()
    assert main(["demo", "--data-dir", str(tmp_path), "--cases", "5"]) == 1
    assert "正式办件" in capsys.readouterr().err


def test_env_var_and_flag_choose_the_database(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("HOTLINE_DESK_DATA_DIR", str(tmp_path / "d"))
    target = bootstrap.resolve_target(None, None)
    assert target.url.endswith(str(tmp_path / "d" / "hotline_desk.db"))
    monkeypatch.setenv("HOTLINE_DESK_DATABASE_URL", "postgresql+psycopg://desk@db.local/hd")
    assert bootstrap.resolve_target(None, None).display.startswith("postgresql+psycopg://desk@")
    flag = bootstrap.resolve_target(None, "sqlite:////tmp/x.db")
    assert flag.url == "sqlite:////tmp/x.db"


def test_postgres_password_lives_in_keyring_not_settings(tmp_path: Path) -> None:
    paths = Paths.resolve(tmp_path)
    url = bootstrap.build_postgres_url("10.0.0.5", 5432, "hotline", "desk")
    bootstrap.save_connection(paths, url, "s3cret-pw")
    assert "s3cret-pw" not in paths.settings_file.read_text(encoding="utf-8")
    assert Settings(paths.settings_file).get(Settings.DATABASE_URL) == url
    target = bootstrap.resolve_target(str(tmp_path), None)
    assert "s3cret-pw" in target.url and "s3cret-pw" not in target.display


def test_plaintext_or_null_keyring_is_refused(tmp_path: Path) -> None:
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    with pytest.raises(DeskError, match="密钥环"):
        bootstrap.check_keyring_backend()
    url = bootstrap.build_postgres_url("db.local", 5432, "hd", "desk")
    with pytest.raises(DeskError, match="密钥环"):
        bootstrap.save_connection(Paths.resolve(tmp_path), url, "pw")
    assert not (tmp_path / "settings.json").exists()
    # a password-less URL (trust / .pgpass) still opens without a keyring
    assert bootstrap.password_from_keyring(url) == url


def test_network_share_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """More cases, by file-system type, in tests/unit/test_network_fs.py."""
    from hotline_desk.store import network_fs

    monkeypatch.setattr(network_fs.sys, "platform", "win32")
    monkeypatch.setattr(network_fs, "_drive_type", lambda _root: 3)
    with pytest.raises(DeskError, match="PostgreSQL"):
        check_sqlite_path(Path("//fileserver/share/hotline_desk.db"))
    with pytest.raises(DeskError):
        make_engines("sqlite:///" + r"\\fileserver\share\hotline_desk.db")


def test_migrations_downgrade_and_upgrade_with_backup(db_url: str, tmp_path: Path) -> None:
    engines = make_engines(db_url)
    assert migrate.upgrade(engines, tmp_path / "bk") is True
    assert migrate.upgrade(engines, tmp_path / "bk") is False
    tables = set(inspect(engines.reader).get_table_names())
    assert {"cases", "case_events", "audit_log", "users", "topics", "org_units"} <= tables
    from alembic import command

    cfg = migrate.alembic_config()
    with engines.writer.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    assert "cases" not in set(inspect(engines.reader).get_table_names())
    with engines.writer.begin() as conn:  # an older schema: the upgrade backs up first
        conn.execute(text("CREATE TABLE IF NOT EXISTS alembic_version (version_num VARCHAR(32))"))
        conn.execute(text("DELETE FROM alembic_version"))
    migrate.upgrade(engines, tmp_path / "bk")
    assert migrate.current_revision(engines) == migrate.head_revision()
    engines.dispose()
