"""The monthly report as a PDF (reportlab, embedded CJK font from ``reports.fonts``): a cover
with the bureau and the month, a summary paragraph comparing with the previous month, the
figures by section, category and channel, charts (12-month volume by channel, on-time and
satisfaction rates per section, category mix), the red/black lists, and the footnote with every
KPI's definition and reading."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from hotline_desk.domain.errors import Msg
from hotline_desk.domain.kpi import KPI_BY_KEY, KPIS, change_text, format_value
from hotline_desk.domain.periods import Period
from hotline_desk.reports.fonts import cjk_font
from hotline_desk.reports.pdf_common import fmt_day, fmt_dt
from hotline_desk.reports.stats_data import MonthlyReport, StatsTable
from hotline_desk.reports.trace import Trace, watermarking_canvas

PALETTE = [colors.HexColor(c) for c in ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                                        "#8c564b", "#e377c2", "#7f7f7f")]  # fmt: skip
SECTION_KPIS = ("received", "closed", "sign_rate", "ontime_rate", "close_rate", "overdue",
                "callback_rate", "satisfaction_rate", "avg_workdays")  # fmt: skip
SHORT_KPIS = ("received", "closed", "ontime_rate", "overdue", "satisfaction_rate")


class _Styles:
    def __init__(self, body: str, heading: str) -> None:
        self.font = body
        self.cover = ParagraphStyle("cover", fontName=heading, fontSize=24, leading=34,
                                    alignment=TA_CENTER)  # fmt: skip
        self.sub = ParagraphStyle("sub", fontName=body, fontSize=14, leading=22,
                                  alignment=TA_CENTER)  # fmt: skip
        self.h1 = ParagraphStyle("h1", fontName=heading, fontSize=14, leading=20, spaceBefore=8,
                                 spaceAfter=6)  # fmt: skip
        self.body = ParagraphStyle("body", fontName=body, fontSize=10.5, leading=17,
                                   firstLineIndent=21)  # fmt: skip
        self.cell = ParagraphStyle("cell", fontName=body, fontSize=8, leading=10)
        self.note = ParagraphStyle("note", parent=self.cell, spaceBefore=3)
        self.reading = ParagraphStyle("reading", parent=self.cell, leftIndent=16,
                                      textColor=colors.HexColor("#444444"))  # fmt: skip


HEAD = ParagraphStyle("head", fontSize=7.5, leading=9, alignment=TA_CENTER)


def _table(data: list[list[Any]], font: str, widths: list[float] | None = None,
           total: bool = False, text_columns: int = 1) -> Table:  # fmt: skip
    """A grid with a wrapped header row and a shaded totals row; the first ``text_columns``
    columns (names) are left-aligned, the figures after them right-aligned."""
    head = ParagraphStyle("h", parent=HEAD, fontName=font)
    data = [[Paragraph(str(c), head) for c in data[0]], *data[1:]]
    t = Table(data, colWidths=widths, repeatRows=1)
    style = [
        ("FONT", (0, 0), (-1, -1), font, 8),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DCE6F1")),
        ("ALIGN", (text_columns, 1), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    if total:
        style.append(("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#F2F2F2")))
    t.setStyle(TableStyle(style))
    return t


def _breakdown_table(table: StatsTable, keys: tuple[str, ...], font: str) -> Table:
    kpis = [KPI_BY_KEY[k] for k in keys]
    data: list[list[Any]] = [[table.header] + [k.label for k in kpis]]
    for row in (*table.rows, table.total):
        data.append([row.label] + [format_value(k, row.values[k.key]) for k in kpis])
    first = 32 * mm
    return _table(data, font, [first] + [(170 * mm - first) / len(kpis)] * len(kpis), True)


def summary_text(report: MonthlyReport) -> str:
    """The report's opening paragraph (also shown on screen)."""
    t = report.total.values
    p = report.previous.values if report.previous else {}

    def value(key: str) -> str:
        return format_value(KPI_BY_KEY[key], t[key])

    def change(key: str) -> str:
        return change_text(KPI_BY_KEY[key], t[key], p.get(key))

    return Msg(
        "{period}，{bureau}共受理量{received}（比上月{received_change}），上月结转{carried}件；"
        "办结量{closed}（比上月{closed_change}）；按时办结率{ontime}（比上月{ontime_change}）；"
        "满意率{satisfaction}（比上月{satisfaction_change}）；超期件数{overdue}件，"
        "平均办理时长{workdays}个工作日。",
        period=Period.parse(report.period_key).label, bureau=report.bureau_name,
        received=value("received"), received_change=change("received"),
        carried=value("carried_over"), closed=value("closed"), closed_change=change("closed"),
        ontime=value("ontime_rate"), ontime_change=change("ontime_rate"),
        satisfaction=value("satisfaction_rate"), satisfaction_change=change("satisfaction_rate"),
        overdue=value("overdue"), workdays=value("avg_workdays"),
    )  # fmt: skip


def _legend(font: str, x: float, y: float, items: list[tuple[Any, str]]) -> Legend:
    legend = Legend()
    legend.x, legend.y = x, y
    legend.fontName, legend.fontSize = font, 7
    legend.alignment = "right"
    legend.columnMaximum = 8
    legend.colorNamePairs = items
    return legend


def _trend_chart(report: MonthlyReport, font: str) -> Drawing:
    trend = report.trend
    d = Drawing(170 * mm, 70 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 12 * mm, 12 * mm, 125 * mm, 50 * mm
    chart.categoryAxis.style = "stacked"
    chart.data = [list(trend.received[v]) for v, _l in trend.channels]
    chart.categoryAxis.categoryNames = [m[2:] for m in trend.labels]
    chart.categoryAxis.labels.fontName = chart.valueAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    for i in range(len(trend.channels)):
        chart.bars[i].fillColor = PALETTE[i % len(PALETTE)]
    d.add(chart)
    d.add(String(12 * mm, 65 * mm, "近12个月受理量（按来源渠道）", fontName=font, fontSize=9))
    d.add(_legend(font, 142 * mm, 60 * mm,
                  [(PALETTE[i % len(PALETTE)], label)
                   for i, (_v, label) in enumerate(trend.channels)]))  # fmt: skip
    return d


def _section_chart(table: StatsTable, font: str) -> Drawing:
    keyed = set(table.ranked_keys)
    rows = [r for r in table.rows if r.key in keyed and r.counts["replied"]]
    d = Drawing(170 * mm, 75 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 12 * mm, 18 * mm, 130 * mm, 48 * mm
    chart.data = [[(r.values[k] or 0) * 100 for r in rows] or [0]
                  for k in ("ontime_rate", "satisfaction_rate")]  # fmt: skip
    chart.categoryAxis.categoryNames = [r.label for r in rows] or [""]
    chart.categoryAxis.labels.fontName = chart.valueAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = chart.valueAxis.labels.fontSize = 7
    chart.categoryAxis.labels.angle = 30
    chart.categoryAxis.labels.boxAnchor = "ne"
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, 100
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.bars[0].fillColor, chart.bars[1].fillColor = PALETTE[0], PALETTE[2]
    d.add(chart)
    d.add(String(12 * mm, 70 * mm, "各科室按时办结率、满意率（%）", fontName=font, fontSize=9))
    d.add(_legend(font, 148 * mm, 60 * mm, [(PALETTE[0], "按时办结率"), (PALETTE[2], "满意率")]))
    return d


PIE_LABEL_MIN = 0.08  # a slice smaller than this carries no label (the legend names it)


def _category_chart(table: StatsTable, font: str) -> Drawing:
    """The category mix as a pie: every category with its share and count in the legend at the
    right, a share printed on a slice only where the slice has room for it."""
    rows = [r for r in table.rows if r.counts["received"]]
    d = Drawing(170 * mm, 70 * mm)
    pie = Pie()
    pie.x, pie.y, pie.width, pie.height = 30 * mm, 8 * mm, 48 * mm, 48 * mm
    pie.data = [r.counts["received"] for r in rows] or [1]
    total = sum(pie.data)
    shares = [n / total for n in pie.data]
    pie.labels = [f"{share:.0%}" if share >= PIE_LABEL_MIN else "" for share in shares]
    if not rows:
        pie.labels = ["无"]
    pie.simpleLabels = 1
    pie.slices.fontName, pie.slices.fontSize = font, 7
    pie.slices.labelRadius = 0.7
    pie.slices.fontColor = colors.white
    pie.slices.strokeColor, pie.slices.strokeWidth = colors.white, 0.5
    for i in range(len(pie.data)):
        pie.slices[i].fillColor = PALETTE[i % len(PALETTE)]
    d.add(pie)
    d.add(String(12 * mm, 66 * mm, "诉求类型构成（受理量）", fontName=font, fontSize=9))
    items = [(PALETTE[i % len(PALETTE)], f"{r.label}  {share:.1%}（{r.counts['received']}件）")
             for i, (r, share) in enumerate(zip(rows, shares, strict=True))]  # fmt: skip
    legend = _legend(font, 95 * mm, 52 * mm, items)
    legend.alignment, legend.fontSize, legend.deltay = "right", 8, 11
    d.add(legend)
    return d


def _rankings(report: MonthlyReport, st: _Styles) -> list[Any]:
    out: list[Any] = [Paragraph(f"四、红榜与黑榜（达标线 {report.ranking_floor:.0%}）", st.h1)]
    for ranking in report.rankings:
        kpi = KPI_BY_KEY[ranking.kpi]
        data: list[list[Any]] = [["榜单", "名次", "科室", kpi.label, "基数"]]
        for title, items in (("红榜", ranking.red), ("黑榜", ranking.black)):
            if not items:
                data.append([title, "—", "无", "", ""])
            for i, item in enumerate(items, start=1):
                data.append([title, str(i), item.name, f"{item.value:.1%}", str(item.base)])
        widths = [22 * mm, 14 * mm, 50 * mm, 30 * mm, 20 * mm]
        grid = _table(data, st.font, widths, text_columns=3)
        grid.setStyle(TableStyle([("ALIGN", (1, 1), (1, -1), "CENTER")]))  # 名次
        out += [Paragraph(kpi.label, st.cell), grid, Spacer(1, 4 * mm)]
    return out


NOTES_KEPT = 10  # the footnote's last paragraphs, kept together: no last page of a few lines


def _notes(report: MonthlyReport, st: _Styles) -> list[Any]:
    """The footnote: every KPI's definition, and under it how the desk reads it. Its last
    paragraphs go over the page together, so the report never ends on a page of four lines."""
    out: list[Any] = [Paragraph("指标口径", st.h1)]
    for note in report.definitions:
        out.append(Paragraph(escape(f"{note.label}：{note.definition}"), st.note))
        if note.reading:
            out.append(Paragraph(escape(f"计算说明：{note.reading}"), st.reading))
    if len(out) > NOTES_KEPT + 1:
        out[-NOTES_KEPT:] = [KeepTogether(out[-NOTES_KEPT:])]
    return out


def write_report_pdf(report: MonthlyReport, path: Path, preferred_font: str = "",
                     trace: Trace | None = None) -> int:  # fmt: skip
    """Write the PDF, every page watermarked with ``trace`` when given; returns the number of
    table rows (for the audit row)."""
    font = cjk_font(preferred_font)
    st = _Styles(font.body, font.heading)
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                            topMargin=18 * mm, bottomMargin=18 * mm,
                            title=f"{report.bureau_name} {report.period_label} 办件统计月报",
                            author=report.bureau_name)  # fmt: skip
    frozen = ""
    if report.frozen is not None:
        frozen = f"（已于 {fmt_day(report.frozen.frozen_at)} 锁定，{report.frozen.frozen_by}）"
    story: list[Any] = [
        Spacer(1, 60 * mm), Paragraph(report.bureau_name, st.cover), Spacer(1, 8 * mm),
        Paragraph("市长热线 · 市长信箱办件统计月报", st.cover), Spacer(1, 14 * mm),
        Paragraph(report.period_label, st.sub), Spacer(1, 60 * mm),
        Paragraph(f"生成时间：{fmt_dt(report.generated_at)}{frozen}", st.sub),
        PageBreak(),
        Paragraph("一、总体情况", st.h1), Paragraph(summary_text(report), st.body),
        Spacer(1, 4 * mm),
    ]  # fmt: skip
    p = report.previous.values if report.previous else {}
    data: list[list[Any]] = [["指标", report.period_label, report.previous_label, "比上期"]]
    for kpi in KPIS:
        now = report.total.values[kpi.key]
        data.append([kpi.label, format_value(kpi, now), format_value(kpi, p.get(kpi.key)),
                     change_text(kpi, now, p.get(kpi.key))])  # fmt: skip
    story += [_table(data, font.body, [40 * mm, 35 * mm, 35 * mm, 60 * mm]), Spacer(1, 4 * mm),
              _trend_chart(report, font.body)]  # fmt: skip
    rows = len(data)
    sections = report.tables.get("section")
    if sections is not None:
        story += [PageBreak(), Paragraph("二、分科室办理情况", st.h1),
                  _breakdown_table(sections, SECTION_KPIS, font.body), Spacer(1, 4 * mm),
                  _section_chart(sections, font.body)]  # fmt: skip
        rows += len(sections.rows) + 1
    story.append(Paragraph("三、分类型、分渠道情况", st.h1))
    for key in ("category", "channel", "tier"):
        table = report.tables.get(key)
        if table is not None:
            story += [_breakdown_table(table, SHORT_KPIS, font.body), Spacer(1, 3 * mm)]
            rows += len(table.rows) + 1
    if "category" in report.tables:
        story.append(_category_chart(report.tables["category"], font.body))
    story += _rankings(report, st)
    story += _notes(report, st)
    base = Canvas if trace is None else watermarking_canvas(trace, font.body)
    doc.build(story, canvasmaker=_numbered_canvas(base, font.body))
    return rows


def _numbered_canvas(base: type[Canvas], font: str) -> type[Canvas]:
    """``base`` (the watermarking canvas, when the export is traced) that keeps every page
    until the end and then writes "第 N 页  共 M 页" at its foot (the cover has none)."""

    class NumberedCanvas(base):  # type: ignore[valid-type, misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                if number > 1:
                    self.saveState()
                    self.setFont(font, 8.5)
                    self.setFillColor(colors.HexColor("#555555"))
                    self.drawCentredString(A4[0] / 2, 10 * mm, f"第 {number} 页  共 {total} 页")
                    self.restoreState()
                base.showPage(self)
            Canvas.save(self)

    return NumberedCanvas
