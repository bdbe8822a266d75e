"""The monthly report as an Excel workbook (xlsxwriter): a summary sheet (the bureau total with
the previous period and the change), one sheet per breakdown (Chinese headers, frozen header
row, column widths, percentage formats, totals row), the red/black lists, the 12-month trend,
native Excel charts for the main figures, and a notes sheet with every KPI's definition and
reading.

Every sheet opens with a title row naming the bureau, the sheet and the period, prints landscape
on A4 one page wide with its title and header rows repeated, leaves a figure that has no value
(a rate of nothing) as a real blank cell, and writes "无" under an empty 红榜/黑榜."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import xlsxwriter

from hotline_desk.domain.kpi import (
    KPI_BY_KEY,
    KPIS,
    Kpi,
    KpiKind,
    change_text,
)
from hotline_desk.reports.stats_data import MonthlyReport, StatsTable
from hotline_desk.reports.trace import Trace

SHEET_NAMES = {"section": "按科室", "category": "按诉求类型", "channel": "按来源渠道",
               "topic": "按事项分类", "tier": "按办理层级"}  # fmt: skip
SUMMARY, RANKING, TREND, NOTES = "全局汇总", "红黑榜", "月度趋势", "指标说明"


class _Formats:
    def __init__(self, book: xlsxwriter.Workbook) -> None:
        base = {"font_name": "宋体", "font_size": 10, "border": 1, "valign": "vcenter"}
        self.title = book.add_format({"font_name": "黑体", "font_size": 14, "bold": True})
        self.note = book.add_format({"font_name": "宋体", "font_size": 9, "italic": True})
        self.header = book.add_format({**base, "bold": True, "bg_color": "#DCE6F1",
                                       "align": "center", "text_wrap": True})  # fmt: skip
        self.text = book.add_format(base)
        self.wrap = book.add_format({**base, "text_wrap": True, "valign": "top"})
        self.count = book.add_format({**base, "num_format": "#,##0"})
        self.rate = book.add_format({**base, "num_format": "0.0%"})
        self.mean = book.add_format({**base, "num_format": "0.0"})
        bold = {"bold": True, "bg_color": "#F2F2F2"}
        self.total_text = book.add_format({**base, **bold})
        self.total = {
            KpiKind.COUNT: book.add_format({**base, **bold, "num_format": "#,##0"}),
            KpiKind.RATE: book.add_format({**base, **bold, "num_format": "0.0%"}),
            KpiKind.MEAN: book.add_format({**base, **bold, "num_format": "0.0"}),
        }

    def value(self, kpi: Kpi) -> Any:
        return {KpiKind.COUNT: self.count, KpiKind.RATE: self.rate, KpiKind.MEAN: self.mean}[
            kpi.kind
        ]


HEAD = 1
"""The header row of a table sheet (row 0 is the title row)."""


def _cell(ws: Any, row: int, col: int, value: object, fmt: Any) -> None:
    if value is None:
        ws.write_blank(row, col, None, fmt)  # a blank, never text in a number column
    else:
        ws.write_number(row, col, float(value), fmt)  # type: ignore[arg-type]


def _titled(ws: Any, f: _Formats, report: MonthlyReport, sheet: str, last_col: int) -> None:
    """The title row (bureau, sheet, period) and the print set-up: A4 landscape, one page wide,
    the title and header rows on every page."""
    frozen = "（已锁定）" if report.frozen else ""
    name = f"{report.bureau_name} 市长热线·市长信箱办件统计"
    title = f"{name} · {sheet} · {report.period_label}{frozen}"
    ws.write_string(0, 0, title, f.title)
    ws.set_row(0, 24)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0, HEAD)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)


def _summary(book: xlsxwriter.Workbook, f: _Formats, report: MonthlyReport) -> None:
    ws = book.add_worksheet(SUMMARY)
    _titled(ws, f, report, SUMMARY, 3)
    ws.repeat_rows(0, 2)
    headers = ["指标", report.period_label, report.previous_label or "上期", "比上期"]
    ws.write_row(2, 0, headers, f.header)
    ws.freeze_panes(3, 0)
    for i, kpi in enumerate(KPIS):
        now, before = report.total.values[kpi.key], None
        if report.previous is not None:
            before = report.previous.values[kpi.key]
        ws.write_string(3 + i, 0, kpi.label, f.text)
        _cell(ws, 3 + i, 1, now, f.value(kpi))
        _cell(ws, 3 + i, 2, before, f.value(kpi))
        ws.write_string(3 + i, 3, change_text(kpi, now, before), f.text)
    ws.set_column(0, 0, 16)
    ws.set_column(1, 2, 14)
    ws.set_column(3, 3, 22)
    ws.write_string(4 + len(KPIS), 0, f"生成时间：{report.generated_at:%Y-%m-%d %H:%M}", f.note)


def _breakdown(book: xlsxwriter.Workbook, f: _Formats, report: MonthlyReport, table: StatsTable,
               name: str) -> Any:  # fmt: skip
    ws = book.add_worksheet(name)
    _titled(ws, f, report, name, len(KPIS))
    ws.write_row(HEAD, 0, [table.header] + [k.label for k in KPIS], f.header)
    ws.set_row(HEAD, 30)
    ws.freeze_panes(HEAD + 1, 1)
    for r, row in enumerate(table.rows, start=HEAD + 1):
        ws.write_string(r, 0, row.label, f.text)
        for c, kpi in enumerate(KPIS, start=1):
            _cell(ws, r, c, row.values[kpi.key], f.value(kpi))
    last = len(table.rows) + HEAD + 1
    ws.write_string(last, 0, table.total.label, f.total_text)
    for c, kpi in enumerate(KPIS, start=1):
        _cell(ws, last, c, table.total.values[kpi.key], f.total[kpi.kind])
    width = max([len(table.header)] + [len(r.label) for r in table.rows]) * 2 + 2
    ws.set_column(0, 0, min(max(width, 10), 30))
    ws.set_column(1, len(KPIS), 11)
    ws.autofilter(HEAD, 0, HEAD + len(table.rows), len(KPIS))
    return ws


def _chart_of(book: xlsxwriter.Workbook, kind: dict[str, str], sheet: str, rows: int,
              columns: list[int], title: str, percent: bool = False) -> Any:  # fmt: skip
    chart = book.add_chart(kind)  # type: ignore[arg-type]
    for col in columns:
        chart.add_series({
            "name": [sheet, HEAD, col], "categories": [sheet, HEAD + 1, 0, HEAD + rows, 0],
            "values": [sheet, HEAD + 1, col, HEAD + rows, col],
            **({"data_labels": {"value": True, "num_format": "0%"}} if percent else {}),
        })  # fmt: skip
    chart.set_title({"name": title, "name_font": {"name": "黑体", "size": 12}})
    chart.set_legend({"position": "bottom"})
    if percent:
        chart.set_y_axis({"num_format": "0%", "max": 1, "min": 0})
    chart.set_size({"width": 760, "height": 320})
    return chart


def _trend(book: xlsxwriter.Workbook, f: _Formats, report: MonthlyReport) -> None:
    trend = report.trend
    ws = book.add_worksheet(TREND)
    _titled(ws, f, report, TREND, len(trend.channels) + 2)
    channels = [label for _v, label in trend.channels]
    ws.write_row(HEAD, 0, ["月份", *channels, "受理合计", "办结量"], f.header)
    ws.freeze_panes(HEAD + 1, 1)
    for i, month in enumerate(trend.labels):
        r = HEAD + 1 + i
        ws.write_string(r, 0, month, f.text)
        for c, (value, _label) in enumerate(trend.channels, start=1):
            ws.write_number(r, c, trend.received[value][i], f.count)
        ws.write_number(r, len(trend.channels) + 1, trend.received_total[i], f.count)
        ws.write_number(r, len(trend.channels) + 2, trend.closed[i], f.count)
    ws.set_column(0, 0, 10)
    ws.set_column(1, len(trend.channels) + 2, 13)
    n = len(trend.labels)
    chart = _chart_of(
        book,
        {"type": "column", "subtype": "stacked"},
        TREND,
        n,
        list(range(1, len(trend.channels) + 1)),
        "近12个月受理量（按来源渠道）",
    )
    ws.insert_chart(HEAD + n + 3, 0, chart)


def _ranking(book: xlsxwriter.Workbook, f: _Formats, report: MonthlyReport) -> None:
    ws = book.add_worksheet(RANKING)
    _titled(ws, f, report, f"红榜/黑榜（达标线 {report.ranking_floor:.0%}）", 3)
    ws.repeat_rows(0, 0)
    row = 2
    if not report.rankings:
        ws.write_string(row, 0, "无", f.text)
    for ranking in report.rankings:
        kpi = KPI_BY_KEY[ranking.kpi]
        for title, items in (("红榜", ranking.red), ("黑榜", ranking.black)):
            ws.write_row(row, 0, [f"{kpi.label}{title}", "科室", kpi.label, "基数"], f.header)
            row += 1
            if not items:  # an empty list says so across its row
                ws.merge_range(row, 0, row, 3, "无", f.text)
                row += 1
            for i, item in enumerate(items, start=1):
                ws.write_number(row, 0, i, f.count)
                ws.write_string(row, 1, item.name, f.text)
                ws.write_number(row, 2, item.value, f.rate)
                ws.write_number(row, 3, item.base, f.count)
                row += 1
            row += 1
    ws.set_column(0, 0, 16)
    ws.set_column(1, 1, 20)
    ws.set_column(2, 3, 12)


def _notes(book: xlsxwriter.Workbook, f: _Formats, report: MonthlyReport) -> None:
    ws = book.add_worksheet(NOTES)
    _titled(ws, f, report, NOTES, 2)
    ws.write_row(HEAD, 0, ["指标", "口径说明", "计算说明"], f.header)
    ws.freeze_panes(HEAD + 1, 0)
    for r, note in enumerate(report.definitions, start=HEAD + 1):
        ws.write_string(r, 0, note.label, f.text)
        ws.write_string(r, 1, note.definition, f.wrap)
        ws.write_string(r, 2, note.reading, f.wrap)
    r = len(report.definitions) + HEAD + 2
    ws.write_string(r, 0, "说明", f.text)
    ws.write_string(
        r,
        1,
        "统计期间按日历月（或所选期间）起止日零点划分；时限均指有效时限（含经批准的"
        "延期）；分科室统计按现主办科室，退单按提出退回的科室。",
        f.wrap,
    )
    ws.set_column(0, 0, 16)
    ws.set_column(1, 2, 60)


def write_report_xlsx(report: MonthlyReport, path: Path, trace: Trace | None = None) -> int:
    """Write the workbook (with ``trace``: who exported it and when in its properties and every
    sheet's print header); returns the number of data rows written (for the audit row)."""
    book = xlsxwriter.Workbook(str(path))
    title = f"{report.bureau_name} {report.period_label} 办件统计"
    props = {"title": title, "author": report.bureau_name, "company": report.bureau_name}
    if trace is not None:
        props.update(trace.xlsx_properties(title))
    book.set_properties(props)
    f = _Formats(book)
    _summary(book, f, report)
    rows = len(KPIS)
    for key, name in SHEET_NAMES.items():
        table = report.tables.get(key)
        if table is None:
            continue
        _breakdown(book, f, report, table, name)
        rows += len(table.rows) + 1
        if key == "section":
            n = len(table.rows)
            ontime = 1 + [k.key for k in KPIS].index("ontime_rate")
            satisfaction = 1 + [k.key for k in KPIS].index("satisfaction_rate")
            chart = _chart_of(book, {"type": "column"}, name, n, [ontime, satisfaction],
                              "各科室按时办结率、满意率", percent=True)  # fmt: skip
            book.get_worksheet_by_name(name).insert_chart(HEAD + n + 3, 1, chart)
        if key == "category":
            chart = book.add_chart({"type": "pie"})
            n = len(table.rows)
            chart.add_series({"name": "诉求类型构成",
                              "categories": [name, HEAD + 1, 0, HEAD + n, 0],
                              "values": [name, HEAD + 1, 1, HEAD + n, 1],
                              "data_labels": {"percentage": True}})  # fmt: skip
            chart.set_title({"name": "诉求类型构成（受理量）"})
            book.get_worksheet_by_name(name).insert_chart(HEAD + n + 3, 1, chart)
    _ranking(book, f, report)
    _trend(book, f, report)
    _notes(book, f, report)
    if trace is not None:
        for sheet in book.worksheets():
            sheet.set_header(trace.xlsx_header())
    book.close()
    return rows
