"""The 统计 page: pick a period (month, quarter, year or a custom range) and a breakdown; the
table of every KPI with its totals row, the charts, the red/black lists; freeze or unfreeze the
month (月报锁定); export the report (XLSX, PDF); open the 政务公开 list's preview and review
(``disclosure_dialog``), which exports it. The report is computed in the background; switching
the breakdown shows another table of the same report at once. Activating a figure asks the
main window to open the cases behind it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import (
    QDate,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hotline_desk.domain.actions import PeriodAction, period_actions_for
from hotline_desk.domain.changes import REPORTS
from hotline_desk.domain.kpi import (
    BREAKDOWN_LABELS,
    KPI_BY_KEY,
    Breakdown,
)
from hotline_desk.domain.periods import PERIOD_KIND_LABELS, Period, PeriodKind, previous_month
from hotline_desk.domain.permissions import CASE_ROLES, DISCLOSURE_ROLES, STATS_ROLES, has_any
from hotline_desk.gui.common.bus import subscribe
from hotline_desk.gui.common.errors import show_error
from hotline_desk.gui.common.tasks import TaskRunner
from hotline_desk.gui.common.widgets import ChoiceCombo
from hotline_desk.gui.common.words import kpi_text, list_separator, render
from hotline_desk.gui.common.writes import write
from hotline_desk.gui.pages.disclosure_dialog import DisclosureDialog
from hotline_desk.gui.pages.stats_charts import CategoryChart, SectionRatesChart, TrendChart
from hotline_desk.gui.pages.stats_table import StatsTableModel, period_text
from hotline_desk.reports.stats_data import MonthlyReport
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.services.output import exports
from hotline_desk.services.stats import figures, freeze


class StatsPage(QWidget):
    kpiRequested = Signal(object)  # a KpiSelection
    reportShown = Signal()

    def __init__(
        self,
        ctx: ServiceContext,
        actor: Actor,
        runner: TaskRunner,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.actor, self.runner = ctx, actor, runner
        self.report: MonthlyReport | None = None
        self.loading = False
        self.disclosure_dialog: DisclosureDialog | None = None
        subscribe(self, (REPORTS,), self._frozen_changed)
        month = previous_month(today or ctx.now().date())
        self.kind = ChoiceCombo(
            [(k.value, kpi_text(PERIOD_KIND_LABELS[k.value])) for k in PeriodKind]
        )
        self.anchor = QDateEdit(QDate(month.first.year, month.first.month, 1))
        self.anchor.setCalendarPopup(True)
        self.until = QDateEdit(QDate(month.last.year, month.last.month, month.last.day))
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("yyyy-MM-dd")
        self.breakdown = ChoiceCombo(
            [(k, kpi_text(v)) for k, v in BREAKDOWN_LABELS.items() if k != "bureau"]
            + [("bureau", kpi_text(BREAKDOWN_LABELS["bureau"]))]
        )
        self.refresh_button = QPushButton(self.tr("统计"))
        self.freeze_button = QPushButton(self.tr("锁定月报"))
        self.unfreeze_button = QPushButton(self.tr("解除锁定…"))
        self.xlsx_button = QPushButton(self.tr("导出 Excel…"))
        self.pdf_button = QPushButton(self.tr("导出 PDF…"))
        self.disclosure_button = QPushButton(self.tr("政务公开清单…"))
        self.state = QLabel()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = StatsTableModel()
        self.table = QTableView()
        self.trend_chart, self.section_chart = TrendChart(), SectionRatesChart()
        self.category_chart = CategoryChart()
        self.lists = QTextBrowser()
        self.tabs = QTabWidget()
        self._build()
        self._wire()
        self._kind_changed()

    def _build(self) -> None:
        bar = QHBoxLayout()
        for widget in (
            QLabel(self.tr("统计期间")),
            self.kind,
            self.anchor,
            self.until,
            QLabel(self.tr("分组")),
            self.breakdown,
            self.refresh_button,
        ):
            bar.addWidget(widget)
        bar.addStretch(1)
        for button in (
            self.freeze_button,
            self.unfreeze_button,
            self.xlsx_button,
            self.pdf_button,
            self.disclosure_button,
        ):
            bar.addWidget(button)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setAlternatingRowColors(True)
        charts = QWidget()
        grid = QGridLayout(charts)
        grid.addWidget(self.trend_chart, 0, 0, 1, 2)
        grid.addWidget(self.section_chart, 1, 0)
        grid.addWidget(self.category_chart, 1, 1)
        self.tabs.addTab(self.table, self.tr("统计表"))
        self.tabs.addTab(charts, self.tr("图表"))
        self.tabs.addTab(self.lists, self.tr("红黑榜"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.state)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        roles = self.actor.roles
        period_actions = period_actions_for(self.actor.roles)
        self.freeze_button.setVisible(PeriodAction.FREEZE in period_actions)
        self.unfreeze_button.setVisible(PeriodAction.UNFREEZE in period_actions)
        self.disclosure_button.setVisible(has_any(roles, DISCLOSURE_ROLES))
        self.xlsx_button.setVisible(has_any(roles, STATS_ROLES))
        self._drill = has_any(roles, CASE_ROLES)  # the cases behind a figure

    def _wire(self) -> None:
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.refresh_button.clicked.connect(self.refresh)
        self.breakdown.currentIndexChanged.connect(lambda _i: self._show_table())
        self.table.activated.connect(self._on_activated)
        self.table.doubleClicked.connect(self._on_activated)
        self.freeze_button.clicked.connect(self.freeze)
        self.unfreeze_button.clicked.connect(self.unfreeze)
        self.xlsx_button.clicked.connect(lambda: self.export_report("xlsx"))
        self.pdf_button.clicked.connect(lambda: self.export_report("pdf"))
        self.disclosure_button.clicked.connect(self.export_disclosure)

    # --- period --------------------------------------------------------------------------------
    def _kind_changed(self) -> None:
        kind = self.kind.value()
        self.anchor.setDisplayFormat(
            {"month": "yyyy-MM", "quarter": "yyyy-MM", "year": "yyyy"}.get(kind, "yyyy-MM-dd")
        )
        self.until.setVisible(kind == PeriodKind.CUSTOM.value)

    def period(self) -> Period:
        d = self.anchor.date()
        first = date(d.year(), d.month(), d.day())
        kind = self.kind.value()
        if kind == PeriodKind.MONTH.value:
            return Period.month(first.year, first.month)
        if kind == PeriodKind.QUARTER.value:
            return Period.quarter(first.year, (first.month - 1) // 3 + 1)
        if kind == PeriodKind.YEAR.value:
            return Period.year(first.year)
        u = self.until.date()
        return Period.custom(first, date(u.year(), u.month(), u.day()))

    def _frozen_changed(self) -> None:
        if not self.loading:
            self.refresh()

    def set_period(self, period: Period) -> None:
        """Show ``period`` (and compute it)."""
        self.kind.set_value(period.kind.value)
        self.anchor.setDate(QDate(period.first.year, period.first.month, period.first.day))
        self.until.setDate(QDate(period.last.year, period.last.month, period.last.day))
        self.refresh()

    # --- computing -----------------------------------------------------------------------------
    def refresh(self) -> None:
        try:
            period = self.period()
        except Exception as exc:  # noqa: BLE001 - a ValidationError naming the field
            show_error(self, exc)
            return
        self.loading = True
        self.state.setText(self.tr("正在统计 {period}…").format(period=render(period.label)))
        self.refresh_button.setEnabled(False)
        ctx, actor = self.ctx, self.actor
        self.runner.run(
            lambda: figures.monthly_report(ctx, actor, period), self._arrived, self._failed
        )

    def _failed(self, exc: BaseException) -> None:
        self.loading = False
        self.refresh_button.setEnabled(True)
        self.state.setText("")
        show_error(self, exc)

    def _arrived(self, report: MonthlyReport) -> None:
        self.loading = False
        self.refresh_button.setEnabled(True)
        self.report = report
        if report.frozen is not None:
            self.state.setText(
                self.tr("{period}月报已锁定（{at}，{who}）：显示锁定时的数据").format(
                    period=period_text(report.period_key),
                    at=f"{report.frozen.frozen_at:%Y-%m-%d %H:%M}",
                    who=report.frozen.frozen_by,
                )
            )
            self.state.setStyleSheet("color: #1565c0; font-weight: bold;")
        else:
            self.state.setText(
                self.tr("{period}：实时数据（生成于 {at}）").format(
                    period=period_text(report.period_key),
                    at=f"{report.generated_at:%Y-%m-%d %H:%M}",
                )
            )
            self.state.setStyleSheet("color: gray;")
        from hotline_desk.reports.stats_pdf import summary_text

        self.summary.setText(render(summary_text(report)))
        is_month = report.period_key.count("-") == 1 and "Q" not in report.period_key
        self.freeze_button.setEnabled(is_month and report.frozen is None)
        self.unfreeze_button.setEnabled(report.frozen is not None)
        self._show_table()
        self.trend_chart.show_trend(report.trend)
        if Breakdown.SECTION in report.tables:
            self.section_chart.show_table(report.tables[Breakdown.SECTION])
        if "category" in report.tables:
            self.category_chart.show_table(report.tables["category"])
        self.lists.setHtml(self._lists_html(report))
        self.reportShown.emit()

    def _show_table(self) -> None:
        if self.report is not None:
            self.model.set_table(
                self.report.tables.get(self.breakdown.value()), self.report.definitions
            )

    def _lists_html(self, report: MonthlyReport) -> str:
        floor = self.tr("达标线：{floor}").format(floor=f"{report.ranking_floor:.0%}")
        parts = [f"<p>{floor}</p>"]
        for ranking in report.rankings:
            label = kpi_text(KPI_BY_KEY[ranking.kpi].label)
            for title, items, color in (
                (self.tr("红榜"), ranking.red, "#c62828"),
                (self.tr("黑榜"), ranking.black, "#212121"),
            ):
                names = list_separator().join(
                    self.tr("{name}（{value}）").format(name=r.name, value=f"{r.value:.1%}")
                    for r in items
                ) or self.tr("无")
                line = self.tr("{kpi}{list}：{names}").format(kpi=label, list=title, names=names)
                parts.append(f"<p style='color:{color}'>{line}</p>")
        return "".join(parts)

    def _on_activated(self, index: QModelIndex) -> None:
        selection = self.model.selection(index)
        if selection is not None and self._drill:
            self.kpiRequested.emit(selection)

    # --- freezing and exports ----------------------------------------------------------------
    def freeze(self) -> None:
        write(self, self.ctx, lambda: freeze.freeze_month(self.ctx, self.actor, self.period()))

    def unfreeze(self) -> None:
        reason, ok = QInputDialog.getText(
            self, self.tr("解除月报锁定"), self.tr("解除锁定的原因（将记入审计日志）：")
        )
        if not ok:
            return
        period = self.period()
        write(self, self.ctx, lambda: freeze.unfreeze_month(self.ctx, self.actor, period, reason))

    def _ask_path(self, title: str, name: str, pattern: str) -> Path | None:
        path, _f = QFileDialog.getSaveFileName(self, title, name, pattern)
        return Path(path) if path else None

    def export_report(self, kind: str) -> None:
        period = self.period()
        pattern = (
            self.tr("Excel 工作簿 (*.xlsx)") if kind == "xlsx" else self.tr("PDF 文件 (*.pdf)")
        )
        path = self._ask_path(
            self.tr("导出统计报表"),
            self.tr("办件统计-{period}.{suffix}").format(period=period.key, suffix=kind),
            pattern,
        )
        if path is None:
            return
        ctx, actor = self.ctx, self.actor
        args = {"xlsx": path} if kind == "xlsx" else {"pdf": path}
        self.runner.run(
            lambda: exports.export_monthly_report(ctx, actor, period, **args),
            lambda _r: self._saved(path),
            lambda exc: show_error(self, exc),
        )

    def export_disclosure(self) -> None:
        """政务公开: the preview and review first; the list is exported from there."""
        dialog = DisclosureDialog(self.ctx, self.actor, self.runner, self.period(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.disclosure_dialog = dialog
        dialog.open()

    def _saved(self, path: Path) -> None:
        self.state.setText(self.tr("已导出：{path}").format(path=str(path)))
