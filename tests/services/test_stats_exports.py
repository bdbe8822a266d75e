"""Exports on the hand-built dataset: the monthly report read back with openpyxl, the PDF (its
footnote of definitions and readings), the notes a frozen month keeps, case lists as CSV/XLSX
(masking, reveal audit, formula injection, cancel) and ``hotline-desk stats`` (the table and
``--json``). The 政务公开 list: test_disclosure.py."""

from __future__ import annotations

import csv
import json
import re
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from hotline_desk.cli import main as cli
from hotline_desk.cli.login import ENV_PASSWORD
from hotline_desk.domain.errors import PermissionDenied
from hotline_desk.domain.kpi import COUNT_KEYS, KPIS, KpiKind, definitions, kpi_values
from hotline_desk.domain.periods import Period
from hotline_desk.domain.privacy.redact import safe_cell, scrub_text
from hotline_desk.services.dto import CaseFilter
from hotline_desk.services.output import exports
from hotline_desk.services.stats import figures, freeze
from hotline_desk.services.stats.snapshots import active_snapshot
from hotline_desk.store.models import AuditLog, Case
from tests import stats_data
from tests.conftest import Clock, add_user
from tests.pdf_check import artifacts_dir, page_texts, render_page, text_of
from tests.services.test_stats import NOV_COUNTS

NOV = Period.month(2026, 11)


@pytest.fixture
def data(ctx, clock: Clock) -> dict[int, int]:  # type: ignore[no-untyped-def]
    clock.now = datetime(2026, 12, 5, 9, 0)
    return stats_data.build(ctx)


def _audits(ctx, action: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    with ctx.uow.read() as uow:
        return [tuple(r) for r in uow.session.execute(  # type: ignore[misc]
            select(AuditLog.object_id, AuditLog.detail).where(AuditLog.action == action)
            .order_by(AuditLog.id))]  # fmt: skip


def test_report_workbook_reads_back(ctx, make_actor, data, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    leader = make_actor("leader")
    path = tmp_path / "report.xlsx"
    exports.export_monthly_report(ctx, leader, NOV, xlsx=path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["全局汇总", "按科室", "按诉求类型", "按来源渠道", "按事项分类",
                               "按办理层级", "红黑榜", "月度趋势", "指标说明"]  # fmt: skip
    table = figures.compute_table(ctx, leader, NOV)
    ws = book["按科室"]
    assert [c.value for c in ws[2]] == ["主办科室"] + [k.label for k in KPIS]
    assert ws.freeze_panes == "B3"
    rows = {r[0].value: r for r in ws.iter_rows(min_row=3)}
    for row in (*table.rows, table.total):
        cells = rows[row.label]
        for i, kpi in enumerate(KPIS, start=1):
            want = row.values[kpi.key]
            expected = None if want is None else pytest.approx(want)
            assert cells[i].value == expected, (row.label, kpi.label)
    assert rows["合计"][1].value == NOV_COUNTS["received"]
    assert rows["综合科"][7].number_format == "0.0%" and rows["综合科"][7].value == 0.8
    summary = {r[0].value: r[1].value for r in book["全局汇总"].iter_rows(min_row=4)}
    assert summary["受理量"] == 18 and summary["满意率"] == pytest.approx(12 / 13)
    notes_sheet = book["指标说明"]
    assert [c.value for c in notes_sheet[2]] == ["指标", "口径说明", "计算说明"]
    notes = {r[0].value: (r[1].value, r[2].value) for r in notes_sheet.iter_rows(min_row=3)}
    for kpi in KPIS:
        definition, reading = notes[kpi.label]
        assert definition.startswith(kpi.definition) and reading == kpi.reading, kpi.key
    assert "基本满意" in notes["满意率"][0]
    report = figures.monthly_report(ctx, leader, NOV)
    rows_written = len(KPIS) + sum(len(t.rows) + 1 for k, t in report.tables.items()
                                   if k != "bureau")  # fmt: skip
    detail = f'{{"format": "xlsx", "frozen": false, "rows": {rows_written}}}'
    assert _audits(ctx, "export_report") == [("2026-11", detail)]
    with zipfile.ZipFile(path) as z:  # native Excel charts (openpyxl does not read them back)
        assert len([n for n in z.namelist() if n.startswith("xl/charts/chart")]) == 3


def test_report_pdf(ctx, make_actor, data, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "report.pdf"
    written = exports.export_monthly_report(ctx, make_actor("desk"), NOV, pdf=path)
    assert path.read_bytes()[:5] == b"%PDF-" and written["pdf"] > 20
    assert b"/FontFile2" in path.read_bytes()  # the CJK TrueType subset is embedded
    assert _audits(ctx, "export_report")[0][0] == "2026-11"
    # the footnote: every KPI's definition, and under it the reading
    data = path.read_bytes()
    pages = page_texts(data)
    start = next(i for i, t in enumerate(pages) if "指标口径" in "".join(t.split()))
    footnote = "".join("".join(t.split()) for t in pages[start:])
    for kpi in KPIS:
        assert "".join(f"{kpi.label}：{kpi.definition}".split()) in footnote, kpi.key
        assert "".join(f"计算说明：{kpi.reading}".split()) in footnote, kpi.key
    assert footnote.index("受理量：") < footnote.index("计算说明：按受理时间计入所在月份")
    assert text_of(data).count("计算说明：") == len(KPIS)
    for page in range(start + 1, len(pages) + 1):  # a picture to look at
        render_page(data, artifacts_dir(tmp_path), f"report_notes_{page}", dpi=100, page=page)


def test_a_frozen_month_keeps_the_notes_it_was_issued_with(ctx, make_actor, data) -> None:  # type: ignore[no-untyped-def]
    desk = make_actor("desk")
    freeze.freeze_month(ctx, desk, NOV)
    with ctx.uow.write() as uow:  # as if the readings had been reworded since
        row = active_snapshot(uow.session, NOV.key)
        assert row is not None
        stored = json.loads(row.figures)
        assert [n["reading"] for n in stored["definitions"]] == [k.reading for k in KPIS]
        stored["definitions"][0]["reading"] = "锁定时的计算说明"
        row.figures = json.dumps(stored, ensure_ascii=False)
        uow.commit()
    report = figures.monthly_report(ctx, desk, NOV)
    assert report.frozen is not None
    assert report.definitions[0].reading == "锁定时的计算说明"
    assert report.definitions[1:] == tuple(definitions(True))[1:]
    # a month frozen before the notes were stored shows today's notes
    with ctx.uow.write() as uow:
        row = active_snapshot(uow.session, NOV.key)
        assert row is not None
        stored = json.loads(row.figures)
        del stored["definitions"]
        row.figures = json.dumps(stored, ensure_ascii=False)
        uow.commit()
    report = figures.monthly_report(ctx, desk, NOV)
    assert report.frozen is not None and report.definitions == tuple(definitions(True))


def test_case_list_csv_masked_and_escaped(ctx, make_actor, data, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with ctx.uow.write() as uow:
        uow.session.get(Case, data[23]).title = '=HYPERLINK("http://x","点我")'
        uow.session.get(Case, data[24]).title = "@SUM(1+1)"
        uow.commit()
    desk = make_actor("desk")
    path = tmp_path / "cases.csv"
    november = CaseFilter(received_from=NOV.first, received_to=NOV.last)
    result = exports.export_cases(ctx, desk, november, path, "csv")
    assert result.rows == 18 and result.masked
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, so Excel reads Chinese
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))
    assert rows[0][:3] == ["办件编号", "受理时间", "来源渠道"] and len(rows) == 19
    titles = {r[0]: r[6] for r in rows[1:]}
    assert titles["RX20261102-0023"] == '\'=HYPERLINK("http://x","点我")'
    assert titles["RX20261103-0024"] == "'@SUM(1+1)"
    phones = {r[8] for r in rows[1:] if r[8]}
    assert phones == {"139****5678"}, "masked unless revealed"
    assert all(not r[7] or "*" in r[7] for r in rows[1:])
    assert _audits(ctx, "personal_data_reveal") == []
    assert '"rows": 18' in _audits(ctx, "export_cases")[0][1]


def test_case_list_xlsx_revealed_is_audited(ctx, make_actor, data, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    desk, handler = make_actor("desk"), make_actor("handler", unit="FGK")
    path = tmp_path / "cases.xlsx"
    result = exports.export_cases(ctx, desk, CaseFilter(statuses=("closed",)), path, reveal=True)
    ws = openpyxl.load_workbook(path).active
    assert ws.freeze_panes == "A2" and ws.max_row == result.rows + 1
    assert {c.value for c in ws["I"][1:] if c.value} == {"13912345678"}
    assert [o for o, _d in _audits(ctx, "personal_data_reveal")] == ["cases.xlsx"]
    with pytest.raises(PermissionDenied):
        exports.export_cases(ctx, handler, CaseFilter(), tmp_path / "h.xlsx", reveal=True)
    mine = exports.export_cases(ctx, handler, CaseFilter(), tmp_path / "h.xlsx")
    assert mine.rows == 8  # 法规科's cases only: 4, 11, 15, 18, 22, 27, 33, 34


def test_cancelled_export_leaves_no_file(ctx, make_actor, data, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    class Stop(Exception):
        pass

    class Token:
        def check(self) -> None:
            raise Stop

    path = tmp_path / "c.xlsx"
    with pytest.raises(Stop):
        exports.export_cases(ctx, make_actor("desk"), CaseFilter(), path, token=Token())
    assert not path.exists() and _audits(ctx, "export_cases") == []


def test_scrub_and_safe_cell_rules() -> None:
    assert scrub_text("李四电话13912345678", ("李四",)) == "某某电话（电话已隐去）"
    assert scrub_text("报修电话(0512)6688123", ()) == "报修电话（电话已隐去）"
    assert scrub_text("编号110101199003077777号", ()) == "编号（证件号已隐去）号"
    assert safe_cell("-1") == "'-1" and safe_cell(-1) == -1 and safe_cell("a=b") == "a=b"


@pytest.fixture
def leader_login(ctx, monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    """``--user`` of a leader who can log in, the password in the environment."""
    leader = add_user(ctx, "leader", password="Stats-Leader#26")
    monkeypatch.setenv(ENV_PASSWORD, "Stats-Leader#26")
    return ["--user", leader.username]


def test_stats_command(ctx, data, db_url, leader_login, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "m.xlsx"
    assert cli.main(["--database-url", db_url, "--data-dir", str(tmp_path / "d"), "stats",
                     "--month", "2026-11", "--xlsx", str(out), *leader_login]) == 0  # fmt: skip
    printed = capsys.readouterr().out
    assert "2026年11月" in printed and out.exists()
    line = next(ln for ln in printed.splitlines() if ln.startswith("受理量"))
    assert line.split()[1:] == ["18", "20"]
    assert _audits(ctx, "export_report")[0][0] == "2026-11"
    assert cli.main(["--database-url", db_url, "stats", "--month", "2026-13", *leader_login]) == 1


def _stats_json(db_url: str, capsys, *extra: str) -> dict:  # type: ignore[no-untyped-def, type-arg]
    capsys.readouterr()
    assert cli.main(["--database-url", db_url, "stats", "--month", "2026-11", "--json",
                     *extra]) == 0  # fmt: skip
    return json.loads(capsys.readouterr().out)


def test_stats_command_as_json(ctx, make_actor, data, db_url, leader_login, tmp_path: Path,
                               capsys) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    # stdout: JSON only
    out = _stats_json(db_url, capsys, *leader_login, "--xlsx", str(tmp_path / "m.xlsx"))
    assert (out["period"], out["frozen"], out["basically_counts"]) == ("2026-11", False, True)
    assert list(out["breakdowns"]) == ["bureau", "section", "category", "channel", "topic",
                                       "tier"]  # fmt: skip
    total = out["breakdowns"]["bureau"]["total"]
    assert list(total["counts"]) == list(COUNT_KEYS)
    assert list(total["kpis"]) == [k.key for k in KPIS]
    assert total["counts"]["received"] == 18 and total["kpis"]["received"] == 18
    assert total["kpis"]["satisfaction_rate"] == pytest.approx(12 / 13)
    assert [(d["key"], d["reading"]) for d in out["definitions"]] == [(k.key, k.reading)
                                                                      for k in KPIS]  # fmt: skip
    for name, table in out["breakdowns"].items():
        for row in (*table["rows"], table["total"]):
            want = kpi_values(row["counts"], out["basically_counts"])
            for kpi in KPIS:  # plain numbers: counts as int, rates as float, null for none
                value, expected = row["kpis"][kpi.key], want[kpi.key]
                if expected is None:
                    assert value is None, (name, kpi.key)
                    continue
                kind = int if kpi.kind == KpiKind.COUNT else float
                assert isinstance(value, kind), (name, kpi.key)
                assert value == pytest.approx(expected), (name, kpi.key)
        assert table["total"]["counts"] == total["counts"], name
    sections = out["breakdowns"]["section"]
    assert len(sections["rows"]) > 1
    for key in COUNT_KEYS:  # every count of the sections adds up to the total
        assert sum(r["counts"][key] for r in sections["rows"]) == sections["total"]["counts"][key]
    assert any(r["kpis"]["satisfaction_rate"] is None for r in sections["rows"])  # null, not "—"
    # a frozen month answers from its snapshot, with the same figures
    freeze.freeze_month(ctx, make_actor("desk"), NOV)
    frozen = _stats_json(db_url, capsys, *leader_login)
    assert frozen["frozen"] is True and frozen["frozen_at"]
    assert frozen["breakdowns"] == out["breakdowns"]


def test_report_pdf_pages_are_numbered_and_end_on_a_real_page(ctx, make_actor, data,  # type: ignore[no-untyped-def]
                                                               tmp_path: Path) -> None:  # fmt: skip
    path = tmp_path / "report.pdf"
    exports.export_monthly_report(ctx, make_actor("desk"), NOV, pdf=path)
    data_ = path.read_bytes()
    pages = ["".join(t.split()) for t in page_texts(data_)]
    total = len(pages)
    for number, page in enumerate(pages[1:], 2):  # the cover carries no number
        assert f"第{number}页共{total}页" in page
    assert "共" not in pages[0].replace("市长热线·市长信箱", "")
    # the last page is a page, not four stray lines: at least a third of the notes' end
    assert len(pages[-1]) > 250, len(pages[-1])
    assert "生成时间" in pages[0] and not re.search(r"\d{4}年0\d月", pages[0])
    out = artifacts_dir(tmp_path)
    for page in range(1, total + 1):
        render_page(data_, out, f"report_page_{page}", dpi=70, page=page)
