"""``hotline-desk disclosure --month M --out F.xlsx --user NAME [--review-file R]`` on the
hand-built dataset, on both engines: the review file's decisions stored and audited before the
export, a bad file refused whole (nothing stored, no file), ``--require-reviewed``, and who may
run it (the desk's role, logged in)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from hotline_desk.cli import main as cli
from hotline_desk.cli.disclosure import REVIEW_FORMAT
from hotline_desk.cli.login import ENV_PASSWORD
from hotline_desk.reports.disclosure_xlsx import HEAD_ROWS
from hotline_desk.store.models import AuditLog, Case, DisclosureDecision
from tests import stats_data
from tests.conftest import Clock, add_user

CONTENT = "本人王建国，住人民路12号。东门老张家的狗夜里一直叫，找过居委会主任李红梅。"
REPLY = "王建国您好：李红梅主任已上门协调，老张家承诺管好犬只。"


@pytest.fixture
def letter(ctx, clock: Clock) -> str:  # type: ignore[no-untyped-def]
    clock.now = datetime(2026, 12, 5, 9, 0)
    ids = stats_data.build(ctx)
    with ctx.uow.write() as uow:
        case = uow.session.get(Case, ids[30])
        case.content, case.reply_text = CONTENT, REPLY
        case.caller_name, case.reply_to = "王建国", "李红梅"  # a "handle" the detector masks
        no = case.case_no
        uow.commit()
    return str(no)


@pytest.fixture
def desk_login(ctx, monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    add_user(ctx, "desk", username="gk_desk", password="Disclose-Desk#26")
    monkeypatch.setenv(ENV_PASSWORD, "Disclose-Desk#26")
    return ["--user", "gk_desk"]


def _run(db_url: str, tmp_path: Path, *extra: str) -> int:
    return cli.main(["--database-url", db_url, "--data-dir", str(tmp_path / "d"), "disclosure",
                     "--month", "2026-11", *extra])  # fmt: skip


def _stored(ctx) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    with ctx.uow.read() as uow:
        rows = uow.session.execute(select(DisclosureDecision).order_by(DisclosureDecision.id))
        return [(d.action, d.text, d.kind) for d in rows.scalars()]


def test_review_file_then_export(ctx, db_url, letter, desk_login, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    review = tmp_path / "review.json"
    review.write_text(json.dumps({letter: {"keep": ["李红梅"],
                                           "hide": [{"text": "老张家", "kind": "name"}],
                                           "check": True}}, ensure_ascii=False),
                      encoding="utf-8")  # fmt: skip
    out = tmp_path / "gk.xlsx"
    assert _run(db_url, tmp_path, "--out", str(out), "--review-file", str(review),
                "--require-reviewed", *desk_login) == 0  # fmt: skip
    said = capsys.readouterr().out
    assert "已应用审核决定 3 条" in said and "已审核 1 件，未审核 0 件" in said
    assert _stored(ctx) == [("keep", "李红梅", ""), ("hide", "老张家", "name"), ("check", "", "")]
    rows = [[c.value for c in r] for r in openpyxl.load_workbook(out).active.iter_rows()]
    assert "2026年11月" in rows[0][0] and rows[HEAD_ROWS][0] == letter
    content, reply = rows[HEAD_ROWS][5], rows[HEAD_ROWS][8]
    assert "李红梅" in content and "李红梅" in reply  # the official's name kept
    assert "老张家" not in content + reply and "王建国" not in content + reply
    with ctx.uow.read() as uow:
        audits = uow.session.execute(select(AuditLog.action, AuditLog.actor_name, AuditLog.detail)
                                     .where(AuditLog.action.like("%disclosure%"))
                                     .order_by(AuditLog.id)).all()  # fmt: skip
    assert [(a, u) for a, u, _d in audits] == [
        ("disclosure_keep", "gk_desk"), ("disclosure_hide", "gk_desk"),
        ("disclosure_check", "gk_desk"), ("export_disclosure", "gk_desk"),
    ]  # fmt: skip
    detail = json.loads(audits[-1][2])
    assert (detail["reviewed"], detail["undone"], detail["added"]) == (1, 2, 2)
    # the same file again: nothing new is stored
    assert _run(db_url, tmp_path, "--out", str(out), "--review-file", str(review),
                *desk_login) == 0  # fmt: skip
    assert len(_stored(ctx)) == 3


@pytest.mark.parametrize("content, message", [
    ("[1, 2]", "以办件编号为键"),
    ("{not json", "不是有效的"),
    ('{"CASE": {"keep": ["李红梅"]}, "XX1": {"hide": [{"text": "x", "kind": "pet"}]}}', "类别"),
    ('{"CASE": {"keep": ["东门"]}}', "不是被隐去的文字"),
    ('{"CASE": {"hide": [{"text": "不在信中", "kind": "name"}]}}', "不在该来信"),
    ('{"XX20990101-0001": {"check": true}}', "不在 2026-11 的政务公开清单中"),
])  # fmt: skip
def test_a_bad_review_file_changes_nothing(ctx, db_url, letter, desk_login, tmp_path: Path,
                                           capsys, content: str, message: str) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    review = tmp_path / "review.json"
    review.write_text(content.replace("CASE", letter), encoding="utf-8")
    out = tmp_path / "gk.xlsx"
    assert _run(db_url, tmp_path, "--out", str(out), "--review-file", str(review),
                *desk_login) == 1  # fmt: skip
    assert message in capsys.readouterr().err
    assert _stored(ctx) == [] and not out.exists()


def test_refusals(ctx, db_url, letter, desk_login, tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "gk.xlsx"
    assert _run(db_url, tmp_path, "--out", str(out), "--require-reviewed", *desk_login) == 1
    assert "1 件来信未审核" in capsys.readouterr().err and not out.exists()
    assert _run(db_url, tmp_path, "--out", str(out)) == 1  # no login, no door
    assert "--user" in capsys.readouterr().err and not out.exists()
    add_user(ctx, "leader", username="lead", password="Disclose-Desk#26")
    assert _run(db_url, tmp_path, "--out", str(out), "--user", "lead") == 1
    assert not out.exists()
    assert _run(db_url, tmp_path, "--out", str(out), *desk_login) == 0 and out.exists()


def test_help_documents_the_review_file(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit):
        cli.main(["disclosure", "--help"])
    said = capsys.readouterr().out
    assert '"hide": [{"text": "老张家", "kind": "name"}]' in said and "--review-file" in said
    assert "keep" in REVIEW_FORMAT and "bank_card" in REVIEW_FORMAT
