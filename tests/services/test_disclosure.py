"""The 政务公开 list and its pre-publication review on the hand-built dataset, on both engines:
the preview (findings by letter), decisions (keep, hide, confirm, undo) stored with reviewer
and time and audited without the text, who may review, and the export written from the
reviewed texts (header rows, counts in the audit row, formula injection, cancel)."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from hotline_desk.domain.errors import NotFound, PermissionDenied, ValidationError
from hotline_desk.domain.periods import Period
from hotline_desk.domain.privacy.disclosure import ReviewAction
from hotline_desk.domain.privacy.findings import Kind
from hotline_desk.domain.privacy.redact import ID_NUMBER, LANDLINE, MOBILE
from hotline_desk.reports.disclosure_xlsx import COLUMNS, HEAD_ROWS
from hotline_desk.services.output import disclosure
from hotline_desk.store.models import AuditLog, Case, DisclosureDecision
from tests import stats_data
from tests.conftest import Clock

NOV = Period.month(2026, 11)
CONTENT = ("本人王建国，住人民路12号，手机13912345678。小区东门老张家的狗夜里一直叫，"
           "老张家不听劝。")  # fmt: skip
REPLY = "王建国您好：经核实，老张家已承诺管好犬只。如有疑问请拨打0512-66881234。"


@pytest.fixture
def data(ctx, clock: Clock) -> dict[int, int]:  # type: ignore[no-untyped-def]
    clock.now = datetime(2026, 12, 5, 9, 0)
    ids = stats_data.build(ctx)
    with ctx.uow.write() as uow:
        letter = uow.session.get(Case, ids[30])
        letter.title = '=HYPERLINK("http://x","点我")'
        letter.content, letter.reply_text = CONTENT, REPLY
        letter.caller_name, letter.caller_address = "王建国", "人民路12号"
        secret = uow.session.get(Case, ids[25])  # a mailbox letter asking for confidentiality
        secret.publish_consent, secret.confidential = True, True
        uow.commit()
    return ids


def _case_no(ctx, case_id: int) -> str:  # type: ignore[no-untyped-def]
    with ctx.uow.read() as uow:
        return str(uow.session.get(Case, case_id).case_no)


def _audits(ctx, prefix: str) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    with ctx.uow.read() as uow:
        return [tuple(r) for r in uow.session.execute(  # type: ignore[misc]
            select(AuditLog.action, AuditLog.object_id, AuditLog.detail)
            .where(AuditLog.action.like(f"{prefix}%")).order_by(AuditLog.id))]  # fmt: skip


def test_preview_lists_the_letters_with_their_findings(ctx, make_actor, data) -> None:  # type: ignore[no-untyped-def]
    preview = disclosure.disclosure_preview(ctx, make_actor("desk"), NOV)
    assert [x.case_id for x in preview.letters] == [data[30]]  # not the confidential one
    letter = preview.letters[0]
    assert not letter.reviewed and preview.reviewed == 0
    content = letter.text("content")
    assert content.original == CONTENT
    found = {s.found: s.kind for s in content.spans}
    assert found["王建国"] == Kind.NAME and found["13912345678"] == Kind.PHONE
    for span in content.spans:
        assert CONTENT[span.start : span.end] == span.found
    assert "王建国" not in content.published and "13912345678" not in content.published
    assert "老张家" in content.published  # the detector's first cut misses it


def test_decisions_change_the_published_texts_and_are_kept(ctx, make_actor, data) -> None:  # type: ignore[no-untyped-def]
    desk = make_actor("desk", username="gk_reviewer")
    no = _case_no(ctx, data[30])
    letter = disclosure.decide_disclosure(ctx, desk, no, "hide", "老张家", "name")
    assert "老张家" not in letter.text("content").published
    assert "老张家" not in letter.text("reply_text").published  # everywhere in the letter
    assert letter.text("content").published.count("某某") >= 2 and letter.added == 3
    assert letter.reviewed
    name = next(s for s in letter.text("content").spans if s.kind == Kind.NAME and not s.added)
    letter = disclosure.decide_disclosure(ctx, desk, no, "keep", name.found)
    assert name.found in letter.text("content").published and letter.undone >= 1
    again = disclosure.decide_disclosure(ctx, desk, no, "keep", name.found)  # recorded once
    assert len(again.decisions) == 2
    letter = disclosure.decide_disclosure(ctx, desk, no, "check")
    assert [d.action for d in letter.decisions] == [ReviewAction.HIDE, ReviewAction.KEEP,
                                                    ReviewAction.CHECK]  # fmt: skip
    assert {d.username for d in letter.decisions} == {"gk_reviewer"}
    assert all(d.at == datetime(2026, 12, 5, 9, 0) for d in letter.decisions)
    hide = letter.decisions[0]
    letter = disclosure.revoke_disclosure_decision(ctx, desk, hide.id)
    assert "老张家" in letter.text("content").published and letter.added == 0
    # reopened: what was decided is read back from the database
    reopened = disclosure.disclosure_preview(ctx, desk, NOV).letters[0]
    assert [d.action for d in reopened.decisions] == [ReviewAction.KEEP, ReviewAction.CHECK]
    with ctx.uow.read() as uow:
        rows = uow.session.execute(select(DisclosureDecision).order_by(DisclosureDecision.id))
        stored = [(d.action, d.text, d.revoked_at is not None) for d in rows.scalars()]
    assert stored == [("hide", "老张家", True), ("keep", name.found, False), ("check", "", False)]
    audits = _audits(ctx, "disclosure_")
    assert [a for a, _o, _d in audits] == ["disclosure_hide", "disclosure_keep",
                                           "disclosure_check", "disclosure_revoke"]  # fmt: skip
    assert {o for _a, o, _d in audits} == {no}
    for _a, _o, detail in audits:  # the audit names the kind and length, never the text
        assert "老张家" not in detail and name.found not in detail
    assert json.loads(audits[0][2]) == {"decision": hide.id, "chars": 3, "kind": "name"}


def test_refused_decisions(ctx, make_actor, data) -> None:  # type: ignore[no-untyped-def]
    desk = make_actor("desk")
    no = _case_no(ctx, data[30])
    with pytest.raises(ValidationError):
        disclosure.decide_disclosure(ctx, desk, no, "keep", "东门")  # not a replacement
    with pytest.raises(ValidationError):
        disclosure.decide_disclosure(ctx, desk, no, "hide", "不在信里的字", "name")
    with pytest.raises(ValidationError):
        disclosure.decide_disclosure(ctx, desk, no, "hide", "东门", "nickname")
    with pytest.raises(ValidationError):
        disclosure.decide_disclosure(ctx, desk, no, "publish")
    with pytest.raises(NotFound):  # confidential: not on the list, not reviewable
        disclosure.decide_disclosure(ctx, desk, _case_no(ctx, data[25]), "check")
    with pytest.raises(NotFound):
        disclosure.revoke_disclosure_decision(ctx, desk, 999)
    assert _audits(ctx, "disclosure_") == []
    # a letter made confidential after its review leaves the list: no more decisions on it
    checked = disclosure.decide_disclosure(ctx, desk, no, "check").decisions[0]
    with ctx.uow.write() as uow:
        uow.session.get(Case, data[30]).confidential = True
        uow.commit()
    with pytest.raises(NotFound):
        disclosure.revoke_disclosure_decision(ctx, desk, checked.id)
    with pytest.raises(NotFound):
        disclosure.decide_disclosure(ctx, desk, no, "hide", "老张家", "name")
    assert [a for a, _o, _d in _audits(ctx, "disclosure_")] == ["disclosure_check"]
    assert disclosure.disclosure_preview(ctx, desk, NOV).letters == ()


@pytest.mark.parametrize("roles", [("handler",), ("section_head",), ("sys_admin",),
                                   ("leader",), ("intake",)])  # fmt: skip
def test_only_the_desk_reviews_and_exports(ctx, make_actor, data, roles, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    other = make_actor(*roles, unit="FGK")
    no = _case_no(ctx, data[30])
    decided = disclosure.decide_disclosure(ctx, make_actor("desk"), no, "check")
    with pytest.raises(PermissionDenied):
        disclosure.disclosure_preview(ctx, other, NOV)
    with pytest.raises(PermissionDenied):
        disclosure.decide_disclosure(ctx, other, no, "hide", "老张家", "name")
    with pytest.raises(PermissionDenied):
        disclosure.revoke_disclosure_decision(ctx, other, decided.decisions[0].id)
    with pytest.raises(PermissionDenied):
        disclosure.export_disclosure(ctx, other, NOV, tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()


def test_export_writes_the_reviewed_texts(ctx, make_actor, data, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    desk = make_actor("desk", username="gk_reviewer")
    no = _case_no(ctx, data[30])
    path = tmp_path / "gk.xlsx"
    with pytest.raises(ValidationError, match="1 件来信未审核"):
        disclosure.export_disclosure(ctx, desk, NOV, path, require_reviewed=True)
    assert not path.exists()
    disclosure.decide_disclosure(ctx, desk, no, "hide", "老张家", "name")
    result = disclosure.export_disclosure(ctx, desk, NOV, path, require_reviewed=True)
    assert (result.rows, result.reviewed, result.added, result.reviewers) == (
        1, 1, 3, ("gk_reviewer",))  # fmt: skip
    ws = openpyxl.load_workbook(path).active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert "2026年11月" in rows[0][0] and "政务公开" in rows[0][0]
    assert "已审核 1 件" in rows[1][0] and "导出人" in rows[1][0]
    assert rows[HEAD_ROWS - 1] == [h for h, _w in COLUMNS] and len(rows) == HEAD_ROWS + 1
    assert ws.freeze_panes == f"A{HEAD_ROWS + 1}"
    letter = rows[HEAD_ROWS]
    assert letter[0] == no and letter[4] == '\'=HYPERLINK("http://x","点我")'
    text = " ".join(str(v) for v in letter if v is not None)
    for pattern in (MOBILE, LANDLINE, ID_NUMBER):
        assert not pattern.search(text), pattern.pattern
    assert not re.search(r"1[3-9]\d{9}", text)
    assert "王建国" not in text and "人民路12号" not in text and "老张家" not in text
    (action, obj, detail), = _audits(ctx, "export_disclosure")  # fmt: skip
    assert obj == "gk.xlsx"
    counts = json.loads(detail)
    assert counts["rows"] == 1 and counts["reviewed"] == 1 and counts["unreviewed"] == 0
    assert counts["added"] == 3 and counts["undone"] == 0 and counts["reviewers"] == ["gk_reviewer"]
    assert counts["replacements"] == result.replacements >= 6 and counts["period"] == "2026-11"


def test_cancelled_export_leaves_no_file(ctx, make_actor, data, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    class Stop(Exception):
        pass

    class Token:
        def check(self) -> None:
            raise Stop

    path = tmp_path / "gk.xlsx"
    with pytest.raises(Stop):
        disclosure.export_disclosure(ctx, make_actor("desk"), NOV, path, token=Token())
    assert not path.exists() and _audits(ctx, "export_disclosure") == []
