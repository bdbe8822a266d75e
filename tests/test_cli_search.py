"""``hotline-desk search "TERM" --user NAME [--limit N] [--json]`` and ``--rebuild`` on both
engines: the hits with their snippets, the reason of an empty result, a caller's name found only
by a user who may see callers, and who may rebuild the index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from hotline_desk.cli import main as cli
from hotline_desk.cli.login import ENV_PASSWORD
from hotline_desk.services.cases import registration
from hotline_desk.store.models import AuditLog
from tests.conftest import add_user
from tests.factories import case_input

PASSWORD = "Search-Desk#2026"


def _run(db_url: str, tmp_path: Path, *args: str) -> int:
    return cli.main(["--database-url", db_url, "--data-dir", str(tmp_path / "d"), "search", *args])


@pytest.fixture
def cases(ctx, monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    desk = add_user(ctx, "desk", "intake", username="s_desk", password=PASSWORD)
    add_user(ctx, "leader", username="s_leader", password=PASSWORD)
    monkeypatch.setenv(ENV_PASSWORD, PASSWORD)
    made = [
        registration.register_case(ctx, desk, case_input(ctx, caller_name="张建国", content=c))
        for c in ("小区电梯停运三天，物业负责人不接电话。", "路口红绿灯损坏，早高峰拥堵。")
    ]
    return [c.case_no for c in made]


def test_hits_with_snippets_and_reasons(ctx, db_url, cases, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert _run(db_url, tmp_path, "负责人", "--user", "s_desk") == 0
    out = capsys.readouterr().out
    assert cases[0] in out and "【负责人】" in out and "共 1 件" in out and cases[1] not in out
    assert _run(db_url, tmp_path, "电梯", "--user", "s_desk", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total"] == 1 and data["hits"][0]["case_no"] == cases[0]
    assert data["hits"][0]["snippet"].startswith("小区【电梯】")
    assert _run(db_url, tmp_path, "梯", "--user", "s_desk") == 0
    assert "太短" in capsys.readouterr().out
    # the caller's name: found by the desk, not by a leader (who sees every case, not callers)
    assert _run(db_url, tmp_path, "张建国", "--user", "s_desk", "--limit", "1") == 0
    assert "共 2 件，显示前 1 件" in capsys.readouterr().out
    assert _run(db_url, tmp_path, "张建国", "--user", "s_leader") == 0
    assert capsys.readouterr().out.strip() == "共 0 件：没有找到包含这些词的办件"


def test_rebuild_by_the_desk_only(ctx, db_url, cases, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert _run(db_url, tmp_path, "--rebuild", "--user", "s_leader") == 1
    assert "重建检索索引" in capsys.readouterr().err
    assert _run(db_url, tmp_path, "--rebuild", "--user", "s_desk") == 0
    assert "已重建检索索引：2 件" in capsys.readouterr().out
    with ctx.uow.read() as uow:
        audited = select(func.count()).where(AuditLog.action == "search_rebuilt")
        assert uow.session.execute(audited).scalar_one() == 1
