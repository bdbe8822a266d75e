"""``hotline-desk slip|notice|letter --user NAME``: PDFs from the command line on the demo
database, masked unless the user may and asks to reveal, and plain messages (no traceback) for
what cannot be printed. The refusals without a login are in test_cli_login.py."""

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
    assert main(["--data-dir", str(folder), "demo", "--cases", "200", "--seed", "3"]) == 0
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


@pytest.fixture(autouse=True)
def demo_password(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("HOTLINE_DESK_PASSWORD", DEMO_PASSWORD)


def test_slip_is_masked_unless_revealed(demo: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    case_no, name = _case(demo, "in_progress")
    out = tmp_path / "slip.pdf"
    argv = ["--data-dir", str(demo), "slip", case_no, "--out", str(out), "--user", "duban"]
    assert main(argv) == 0
    text = text_of(out.read_bytes())
    assert case_no in text and name not in text and typeset("打印人：王督办") in text
    said = capsys.readouterr().out
    assert "交办单 1 件" in said and "个人信息已脱敏" in said


def test_a_desk_user_may_reveal(demo: Path, tmp_path: Path) -> None:
    case_no, name = _case(demo, "in_progress")
    out = tmp_path / "slip.pdf"
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
    desk = ["--user", "duban"]
    x = str(tmp_path / "x.pdf")
    assert main([*base, "letter", closed, "--out", str(out), *desk]) == 0
    assert closed in text_of(out.read_bytes())
    assert main([*base, "letter", opened, "--out", x, *desk]) == 1
    assert "尚无审核通过的答复" in capsys.readouterr().err
    assert main([*base, "notice", opened, "--out", x, *desk]) == 1
    assert "没有督办单" in capsys.readouterr().err
    assert main([*base, "slip", "RX19990101-0001", "--out", x, *desk]) == 1
    # the leader sees every case but never the callers in full
    assert main([*base, "slip", opened, "--reveal", "--out", x, "--user", "lingdao"]) == 1
    assert "个人信息" in capsys.readouterr().err
    monkeypatch.setenv("HOTLINE_DESK_PASSWORD", "wrong")
    assert main([*base, "slip", opened, "--out", x, *desk]) == 1
    assert "用户名或密码不正确" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_letter_as_word(demo: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    import io

    from docx import Document

    closed, _name = _case(demo, "closed")
    base = ["--data-dir", str(demo)]
    out = tmp_path / "letter.docx"
    assert main([*base, "letter", closed, "--out", str(out), "--user", "duban"]) == 0
    assert "Word" in capsys.readouterr().out
    text = [p.text for p in Document(io.BytesIO(out.read_bytes())).paragraphs]
    assert any(closed in t for t in text) and any("的答复" in t for t in text)
    forced = tmp_path / "letter.bin"
    assert main([*base, "letter", closed, "--docx", "--out", str(forced), "--user", "duban"]) == 0
    assert forced.read_bytes()[:2] == b"PK"  # a .docx is a zip
    two = [*base, "letter", closed, closed, "--out", str(out), "--user", "duban"]
    assert main(two) == 2
    opened, _name = _case(demo, "in_progress")
    x = tmp_path / "x.docx"
    assert main([*base, "letter", opened, "--out", str(x), "--user", "duban"]) == 1
    assert "尚无审核通过的答复" in capsys.readouterr().err and not x.exists()
    ctx = open_desk(sqlite_url(demo / "hotline_desk.db"))
    with ctx.uow.read() as uow:
        outputs = uow.session.execute(
            select(AuditLog.detail).where(AuditLog.action == "print_letter",
                                          AuditLog.object_id == closed)
        ).scalars().all()  # fmt: skip
    ctx.engines.dispose()
    assert sum('"docx_file"' in d for d in outputs) == 2
