"""``hotline-desk audit verify / checkpoint / key export / key import`` on both engines: the audit
administrator logs in; a sound chain exits 0 with its row count, a tampered one exits 2 naming
the first bad row in Chinese, a checkpoint given back catches a cut tail; other roles are
refused; the key travels to a second machine by export and import."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from hotline_desk.cli.login import ENV_PASSWORD
from hotline_desk.cli.main import main
from hotline_desk.services.context import ServiceContext
from hotline_desk.store import audit_key
from tests.conftest import add_user
from tests.security.audit_attacks import fill, last_two, raw

PASSWORD = "Cli-Audit#2026q"


@pytest.fixture
def cli(ctx: ServiceContext, db_url: str, tmp_path: Path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv(ENV_PASSWORD, PASSWORD)
    auditor = add_user(ctx, "audit_admin", password=PASSWORD)
    fill(ctx, 3)
    base = ["--database-url", db_url, "--data-dir", str(tmp_path / "data")]

    def run(*argv: str) -> int:
        return main([*base, "audit", *argv])

    return run, auditor


def test_verify_sound_then_tampered(cli, ctx: ServiceContext, capsys) -> None:  # type: ignore[no-untyped-def]
    run, auditor = cli
    assert run("verify", "--user", auditor.username) == 0
    assert "审计日志完好" in capsys.readouterr().out
    with raw(ctx) as conn:
        conn.execute(text("UPDATE audit_log SET actor_name = 'nobody' WHERE id = 3"))
    assert run("verify", "--user", auditor.username) == 2
    out = capsys.readouterr().out
    assert "第 3 行" in out and "损坏" in out


def test_checkpoint_catches_a_cut_tail(cli, ctx: ServiceContext, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    run, auditor = cli
    cp = tmp_path / "cp.json"
    assert run("checkpoint", "--user", auditor.username, "--out", str(cp)) == 0
    assert "审计日志检查点" in capsys.readouterr().out and cp.exists()
    assert run("verify", "--user", auditor.username, "--checkpoint", str(cp)) == 0
    assert "检查点一致" in capsys.readouterr().out
    with raw(ctx) as conn:  # an attacker cuts the last rows and sets the head consistently
        for _ in range(3):
            (top, _h), (_b, before) = last_two(conn)
            conn.execute(text("DELETE FROM audit_log WHERE id = :i"), {"i": top})
            conn.execute(text("UPDATE audit_head SET last_hash = :h"), {"h": before})
    assert run("verify", "--user", auditor.username, "--checkpoint", str(cp)) == 2
    assert "截断" in capsys.readouterr().out
    cp.write_text("{}", encoding="utf-8")
    assert run("verify", "--user", auditor.username, "--checkpoint", str(cp)) == 1
    assert "检查点" in capsys.readouterr().err


def test_other_roles_and_no_user_are_refused(cli, ctx: ServiceContext, capsys) -> None:  # type: ignore[no-untyped-def]
    run, _auditor = cli
    admin = add_user(ctx, "sys_admin", password=PASSWORD)
    assert run("verify", "--user", admin.username) == 1
    assert "审计管理员" in capsys.readouterr().err
    assert run("verify") == 1
    assert "--user" in capsys.readouterr().err


def test_key_export_and_import(  # type: ignore[no-untyped-def]
    cli, ctx: ServiceContext, tmp_path: Path, monkeypatch, memory_keyring, capsys
) -> None:
    run, auditor = cli
    monkeypatch.delenv(audit_key.ENV_AUDIT_KEY)
    monkeypatch.setattr(audit_key, "_directory", tmp_path / "keys")
    audit_key.forget_cached()
    # this machine holds the database's key (as if it had created it): the test key, kept
    with ctx.uow.read() as uow:
        db_id = uow.session.execute(text("SELECT db_id FROM audit_head")).scalar_one()
    from tests.conftest import TEST_AUDIT_KEY

    audit_key.store_key(db_id, bytes.fromhex(TEST_AUDIT_KEY))
    out = tmp_path / "key.json"
    admin = add_user(ctx, "sys_admin", password=PASSWORD)
    assert run("key", "export", "--user", admin.username, "--out", str(out)) == 0
    memory_keyring.store.clear()  # the second machine
    audit_key.forget_cached()
    assert run("verify", "--user", auditor.username) == 1
    assert "audit key import" in capsys.readouterr().err
    assert run("key", "import", str(out)) == 0
    assert "已导入" in capsys.readouterr().out
    assert run("verify", "--user", auditor.username) == 0
    audit_key.forget_cached()


def test_a_checkpoint_file_that_is_not_utf8_is_a_plain_refusal(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, capsys
) -> None:
    run, auditor = cli
    bad = tmp_path / "cp.bin"
    bad.write_bytes(b"\xff\xfe\x00garbage\x80")
    assert run("verify", "--user", auditor.username, "--checkpoint", str(bad)) == 1
    err = capsys.readouterr().err
    assert "不是 UTF-8 文本" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "tamper",
    [
        "UPDATE audit_log SET at = 'not a date' WHERE id = 3",
        "UPDATE audit_log SET hash = X'00FF' WHERE id = 3",
    ],
    ids=["at_not_a_date", "hash_a_blob"],
)
def test_a_row_of_the_wrong_type_is_a_break_at_that_row(  # type: ignore[no-untyped-def]
    cli, ctx: ServiceContext, capsys, tamper: str
) -> None:
    if ctx.engines.writer.dialect.name != "sqlite":
        pytest.skip("PostgreSQL's typed columns refuse such values")
    run, auditor = cli
    with raw(ctx) as conn:
        conn.execute(text(tamper))
    assert run("verify", "--user", auditor.username) == 2
    out = capsys.readouterr().out
    assert "第 3 行" in out and "损坏" in out


def test_verify_warns_when_the_database_guard_does_not_hold(
    cli, ctx: ServiceContext, capsys
) -> None:  # type: ignore[no-untyped-def]
    """The suite's PostgreSQL login is a superuser (it could take the audit tables' owner role);
    on SQLite a dropped guard trigger: either way a sound chain still exits 0, with a warning."""
    run, auditor = cli
    if ctx.engines.is_sqlite:
        with ctx.engines.writer.begin() as conn:
            conn.execute(text("DROP TRIGGER audit_log_no_delete"))
    assert run("verify", "--user", auditor.username) == 0
    captured = capsys.readouterr()
    assert "审计日志完好" in captured.out
    assert "警告：审计日志的数据库保护未生效" in captured.err
