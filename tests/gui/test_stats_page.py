"""pytest-qt: the 统计 page on the hand-built dataset — switching period and breakdown, a figure
opening its cases, every KPI's definition and reading in the tooltips, freezing the month,
exporting the report, and a case-list export with progress."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextDocumentFragment
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QToolTip
from sqlalchemy import select

from hotline_desk.domain.kpi import KPI_BY_KEY, KPIS, SATISFACTION_NOTE_BASIC
from hotline_desk.domain.periods import Period
from hotline_desk.gui.cases import export_dialog
from hotline_desk.gui.pages.stats import StatsPage
from hotline_desk.gui.shell.main_window import MainWindow
from hotline_desk.store.models.office import ReportSnapshot
from tests import stats_data

NOV = Period.month(2026, 11)
CJK = re.compile(r"[\u4e00-\u9fff]")
COL = {k.key: i + 1 for i, k in enumerate(KPIS)}


def _window(qtbot, ctx, actor) -> tuple[MainWindow, StatsPage]:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, actor)
    qtbot.addWidget(window)
    window.show_page("stats")
    page = window.page("stats")
    assert isinstance(page, StatsPage)
    qtbot.waitUntil(lambda: page.report is not None)
    page.set_period(NOV)
    qtbot.waitUntil(lambda: page.report is not None and page.report.period_key == "2026-11"
                    and not page.loading)  # fmt: skip
    return window, page


def _cell(page: StatsPage, label: str, kpi: str) -> str:
    model = page.model
    row = next(r for r in range(model.rowCount()) if model.data(model.index(r, 0)) == label)
    return str(model.data(model.index(row, COL[kpi])))


def test_period_breakdown_and_drill_down(qtbot, app, ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    stats_data.build(ctx)
    window, page = _window(qtbot, ctx, make_actor("desk"))
    assert _cell(page, "综合科", "ontime_rate") == "80.0%"
    assert _cell(page, "合计", "received") == "18"
    assert "2026年11月" in page.state.text() and "受理量18" in page.summary.text()
    page.breakdown.set_value("channel")  # another table of the same report, at once
    assert _cell(page, "市长信箱", "received") == "2"
    page.kind.set_value("quarter")
    qtbot.mouseClick(page.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.report is not None and page.report.period_key == "2026-Q4")
    assert _cell(page, "合计", "received") == "39"  # October 20, November 18, December 1
    assert not page.freeze_button.isEnabled()  # only months are frozen
    page.set_period(NOV)
    qtbot.waitUntil(lambda: page.report is not None and page.report.period_key == "2026-11")
    page.breakdown.set_value("section")
    model = page.model
    row = next(r for r in range(model.rowCount()) if model.data(model.index(r, 0)) == "财务科")
    page.table.doubleClicked.emit(model.index(row, COL["sign_rate"]))  # 按时签收率 of 财务科
    panel = window.case_panel
    qtbot.waitUntil(lambda: panel.model.total == 1 and panel.model.rowCount() == 1)
    assert panel.model.row(0).case_no[-4:] == "0025"  # signed a day late
    assert "财务科" in panel.kpi_label.text() and panel.kpi_label.isVisibleTo(window)
    qtbot.mouseClick(panel.kpi_clear, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.model.total == len(stats_data.CASES))


def _plain(tooltip: object) -> str:
    """A rich-text tooltip as the user reads it."""
    assert isinstance(tooltip, str) and tooltip
    return QTextDocumentFragment.fromHtml(tooltip).toPlainText()


def test_tooltips_give_every_kpis_definition_and_reading(qtbot, app, ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    stats_data.build(ctx)
    _window_, page = _window(qtbot, ctx, make_actor("desk"))
    model, header = page.model, page.table.horizontalHeader()
    tooltip = Qt.ItemDataRole.ToolTipRole
    for kpi in KPIS:
        assert kpi.definition and kpi.reading, kpi.key
        text = _plain(model.headerData(COL[kpi.key], Qt.Orientation.Horizontal, tooltip))
        assert kpi.definition in text and f"计算说明：{kpi.reading}" in text, kpi.key
        assert text.startswith(f"{kpi.label}：")
        assert _plain(model.data(model.index(0, COL[kpi.key]), tooltip)) == text
    assert model.headerData(0, Qt.Orientation.Horizontal, tooltip) is None
    # the period's 基本满意 setting is part of 满意率's definition, as in the notes sheet
    assert SATISFACTION_NOTE_BASIC in _plain(
        model.headerData(COL["satisfaction_rate"], Qt.Orientation.Horizontal, tooltip)
    )
    # hovering the 办结率 header shows the tooltip itself, wrapped rather than screen-wide
    column = COL["close_rate"]
    page.table.scrollTo(model.index(0, column))
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    at = QPoint(x, header.height() // 2)
    event = QHelpEvent(QEvent.Type.ToolTip, at, header.viewport().mapToGlobal(at))
    QApplication.sendEvent(header.viewport(), event)
    qtbot.waitUntil(QToolTip.isVisible)
    shown = _plain(QToolTip.text())
    kpi = KPI_BY_KEY["close_rate"]
    assert kpi.definition in shown and kpi.reading in shown
    tip = next(w for w in QApplication.topLevelWidgets()
               if w.metaObject().className() == "QTipLabel" and w.isVisible())  # fmt: skip
    assert tip.width() < 1366 // 2
    QToolTip.hideText()


def test_freeze_and_export_the_report(qtbot, app, ctx, make_actor, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    stats_data.build(ctx)
    _window_, page = _window(qtbot, ctx, make_actor("desk"))
    assert page.freeze_button.isEnabled() and not page.unfreeze_button.isVisibleTo(page)
    qtbot.mouseClick(page.freeze_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.report is not None and page.report.frozen is not None)
    assert "已锁定" in page.state.text() and not page.freeze_button.isEnabled()
    with ctx.uow.read() as uow:
        assert uow.session.execute(select(ReportSnapshot.period)).scalars().all() == ["2026-11"]
    target = tmp_path / "nov.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(page.xlsx_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已导出" in page.state.text())
    sheet = openpyxl.load_workbook(target)["全局汇总"]
    assert "已锁定" in sheet["A1"].value and sheet["B4"].value == 18


def test_case_list_export_with_progress(
    qtbot, app, ctx, make_actor, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    stats_data.build(ctx)
    window = MainWindow(ctx, make_actor("desk"))
    qtbot.addWidget(window)
    window.show_page("cases")
    panel = window.case_panel
    qtbot.waitUntil(lambda: panel.model.total == len(stats_data.CASES))
    target = tmp_path / "list.csv"
    steps: list[tuple[int, int]] = []

    def accept(dialog: export_dialog.ExportDialog) -> int:
        dialog.csv.setChecked(True)
        dialog.path.setText(str(target))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(export_dialog.ExportDialog, "exec", accept)
    original = export_dialog.CaseExport._step
    monkeypatch.setattr(
        export_dialog.CaseExport,
        "_step",
        lambda job, d, t: (steps.append((d, t)), original(job, d, t)),
    )
    qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    job = window.last_export
    assert isinstance(job, export_dialog.CaseExport)
    qtbot.waitUntil(lambda: job.finished)
    assert job.result is not None and job.result.rows == len(stats_data.CASES)
    assert steps[-1] == (len(stats_data.CASES), len(stats_data.CASES))
    assert target.read_text(encoding="utf-8-sig").count("\n") == len(stats_data.CASES) + 1
    assert "139****5678" in target.read_text(encoding="utf-8-sig")


def test_summary_and_period_in_english(qtbot, app, ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    """The summary paragraph and the period come from the domain as templates (``Msg``) and are
    shown in the UI language; the PDF report keeps the Chinese text."""
    from hotline_desk.gui.shell.app import _install_translators
    from hotline_desk.reports.stats_pdf import summary_text

    stats_data.build(ctx)
    assert _install_translators(app, "en")
    try:
        _window_, page = _window(qtbot, ctx, make_actor("desk"))
        assert page.state.text().startswith("11/2026")
        summary = page.summary.text()
        assert summary.startswith("11/2026, ") and "18 cases received" in summary
        assert not CJK.search(summary.replace(page.report.bureau_name, ""))
        assert "受理量18" in summary_text(page.report)
        page.breakdown.set_value("tier")
        assert _cell(page, "Handled directly", "received")  # tier rows: the enum's labels
    finally:
        _install_translators(app, "zh_CN")
