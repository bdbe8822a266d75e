"""``hotline-desk import`` and ``hotline-desk platform-export`` on both engines: a desk user
logs in; ``--dry-run --json`` writes nothing and says what would happen; the import exits 3
naming the refused rows (and writes the error report), importing again adds nothing; a handler
is refused; the export writes the month's results."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from hotline_desk.cli.login import ENV_PASSWORD
from hotline_desk.cli.main import main
from hotline_desk.services.context import ServiceContext
from hotline_desk.store.models import Case
from tests.conftest import add_user
from tests.platform_files import row, write_csv

PASSWORD = "Cli-Import#2026q"


def _count(ctx: ServiceContext) -> int:
    with ctx.uow.read() as uow:
        return uow.session.execute(select(func.count()).select_from(Case)).scalar_one()


@pytest.fixture
def cli(ctx: ServiceContext, db_url: str, tmp_path: Path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv(ENV_PASSWORD, PASSWORD)
    base = ["--database-url", db_url, "--data-dir", str(tmp_path / "data")]

    def run(*argv: str) -> int:
        return main([argv[0], *base, *argv[1:]])

    return run


def test_import_dry_run_then_for_real_then_again(cli, ctx: ServiceContext, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                 capsys) -> None:  # fmt: skip
    desk = add_user(ctx, "desk", "intake", password=PASSWORD)
    rows = [row(i) for i in range(1, 11)]
    rows[4] = row(5, 来电号码="12345")
    f = write_csv(tmp_path / "工单.csv", rows, "gb18030")
    assert cli("import", str(f), "--user", desk.username, "--dry-run", "--json") == 3
    result = json.loads(capsys.readouterr().out)
    assert result["dry_run"] and result["preview"] == {"new": 9, "unchanged": 0, "changed": 0,
                                                       "refused": 1}  # fmt: skip
    assert result["refused"][0]["field"] == "来电号码"
    assert _count(ctx) == 0
    errors = tmp_path / "errors.xlsx"
    assert cli("import", str(f), "--user", desk.username, "--errors", str(errors)) == 3
    out = capsys.readouterr().out
    assert "新增 9 件" in out and "第 6 行" in out and errors.exists()
    assert _count(ctx) == 9
    assert cli("import", str(f), "--user", desk.username) == 3  # the bad row is still bad
    assert "新增 0 件" in capsys.readouterr().out and _count(ctx) == 9


def test_a_handler_is_refused_and_export_writes_the_month(  # type: ignore[no-untyped-def]
    cli, ctx: ServiceContext, tmp_path: Path, capsys
) -> None:
    handler = add_user(ctx, "handler", unit="CYFZ", password=PASSWORD)
    f = write_csv(tmp_path / "a.csv", [row(1)])
    assert cli("import", str(f), "--user", handler.username) == 1
    assert "导入平台工单" in capsys.readouterr().err
    desk = add_user(ctx, "desk", "intake", password=PASSWORD)
    out = tmp_path / "回传.xlsx"
    assert cli("platform-export", "--month", "2026-11", "--out", str(out),
               "--user", desk.username) == 0  # fmt: skip
    assert "办理结果 0 件" in capsys.readouterr().out and out.exists()
