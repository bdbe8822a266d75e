"""``hotline-desk slip|notice|letter``: PDFs from the command line, masked without a user, the
user's rights with ``--user``, and plain messages (no traceback) for what cannot be printed."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from hotline_desk.cli.main import main
from hotline_desk.demo.generate import DEMO_PASSWORD
from hotline_desk.reports.fonts import available_fonts
from hotline_desk.reports.pdf_common import typeset
from hotline_desk.services.admin.setup import open_desk
from hotline_desk.store.engine import sqlite_url
from hotline_desk.store.models import AuditLog, Case
from tests.pdf_check import text_of

pytestmark = pytest.mark.skipif(not available_fonts(), reason="no embeddable CJK font")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    assert main(["--data-dir", str(folder), "demo", "--cases", "80", "--seed", "3"]) == 0
    return folder


def _case(folder: Path, status: str) -> tuple[str, str]:
    ctx = open_desk(sqlite_url(folder / "hotline_desk.db"))
    with ctx.uow.read() as uow:
        row = uow.session.execute(
            select(Case.case_no, Case.caller_name).where(Case.status == status,
                                                        ~Case.confidential,
                                                        Case.caller_name != "").limit(1)
        ).one()  # fmt: skip
    ctx.engines.dispose()
    return row[0], row[1]


def test_slip_without_a_user_is_masked(demo: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    case_no, name = _case(demo, "in_progress")
    out = tmp_path / "slip.pdf"
    assert main(["--data-dir", str(demo), "slip", case_no, "--out", str(out)]) == 0
    text = text_of(out.read_bytes())
    assert case_no in text and name not in text and typeset("打印人:命令行") in text
    said = capsys.readouterr().out
    assert "交办单 1 件" in said and "个人信息已脱敏" in said


def test_a_desk_user_may_reveal(demo: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    case_no, name = _case(demo, "in_progress")
    out = tmp_path / "slip.pdf"
    monkeypatch.setenv("HOTLINE_DESK_PASSWORD", DEMO_PASSWORD)
    argv = ["--data-dir", str(demo), "slip", case_no, "--out", str(out), "--user", "duban"]
    assert main([*argv, "--reveal"]) == 0
    assert name in text_of(out.read_bytes())
    ctx = open_desk(sqlite_url(demo / "hotline_desk.db"))
    with ctx.uow.read() as uow:
        actions = uow.session.execute(
            select(AuditLog.action).where(AuditLog.object_id == case_no, AuditLog.actor_name
                                          == "duban").order_by(AuditLog.id)
        ).scalars().all()  # fmt: skip
    ctx.engines.dispose()
    assert actions[-2:] == ["print_slip", "personal_reveal"]


def test_letter_and_refusals(demo: Path, tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    closed, _name = _case(demo, "closed")
    opened, _name = _case(demo, "in_progress")
    out = tmp_path / "letter.pdf"
    base = ["--data-dir", str(demo)]
    assert main([*base, "letter", closed, "--out", str(out)]) == 0
    assert closed in text_of(out.read_bytes())
    assert main([*base, "letter", opened, "--out", str(tmp_path / "x.pdf")]) == 1
    assert "尚无审核通过的答复" in capsys.readouterr().err
    assert main([*base, "notice", opened, "--out", str(tmp_path / "x.pdf")]) == 1
    assert "没有督办单" in capsys.readouterr().err
    assert main([*base, "slip", "RX19990101-0001", "--out", str(tmp_path / "x.pdf")]) == 1
    assert main([*base, "slip", opened, "--reveal", "--out", str(tmp_path / "x.pdf")]) == 2
    monkeypatch.setenv("HOTLINE_DESK_PASSWORD", "wrong")
    assert main([*base, "slip", opened, "--user", "duban", "--out", str(tmp_path / "x.pdf")]) == 1
    assert "用户名或密码不正确" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
