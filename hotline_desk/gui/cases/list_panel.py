"""The 全部办件 page: filter bar, lazy case table, and the total in a status line.

The search box searches everything a case holds (issue 16: ``services/search``) — a full case
number or a slip's QR code still opens the case at once — and a search shows the 匹配内容
column (the snippet, its match highlighted). "共 0 件" says why; a two-character search walks
the cases in the background with its progress and a 停止检索 button. 高级查询… sets every
filter at once and can save the search (``search_dialog.py``)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hotline_desk.domain.numbering import looks_like_case_no, parse_slip_code
from hotline_desk.domain.text_input import SEARCH_MAX
from hotline_desk.gui.cases.model import COLUMNS, LABELLED, SNIPPET_COLUMN, CaseTableModel
from hotline_desk.gui.cases.snippet_delegate import SnippetDelegate
from hotline_desk.gui.common.case_filters import CaseFilterFields
from hotline_desk.gui.common.widgets import text_width
from hotline_desk.gui.common.words import label_texts
from hotline_desk.services.cases.queries import searched_terms
from hotline_desk.services.dto import CaseFilter, KpiSelection, OrgUnitInfo, TopicInfo
from hotline_desk.services.search.service import NoHit

TITLE_COLUMN = 4


class CaseListPanel(QWidget, CaseFilterFields):
    caseActivated = Signal(int)  # case id
    caseNumberEntered = Signal(str)  # a full case number typed or scanned + Enter

    def __init__(
        self,
        model: CaseTableModel,
        topics: list[TopicInfo],
        units: list[OrgUnitInfo],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.queue: str | None = None  # an inbox queue the list is limited to (我的待办)
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            self.tr(
                "办件编号 / 来电号码 / 任意关键字：标题、内容、意见、答复…"
                "（Ctrl+F，扫码枪可直接扫交办单）"
            )
        )
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(SEARCH_MAX)  # what the service accepts (domain/text_input.py)
        self.build_filter_fields(topics, units)
        self.reset_button = QPushButton(self.tr("重置"))
        self.export_button = QPushButton(self.tr("导出…"))
        self.advanced_button = QPushButton(self.tr("高级查询…"))
        self.stop_button = QPushButton(self.tr("停止检索"))
        self.stop_button.hide()
        self.kpi: KpiSelection | None = None  # the cases behind a statistics figure
        self.kpi_label = QLabel()
        self.kpi_clear = QPushButton(self.tr("取消统计明细"))
        self.total_label = QLabel()
        self.table = QTableView()
        self._build()
        self._debounce = QTimer(self, singleShot=True, interval=350)
        self._debounce.timeout.connect(self.apply_filter)
        self._wire()

    def _build(self) -> None:
        self.grid = grid = QGridLayout()
        self.dates = QHBoxLayout()
        self.dates.addWidget(self.date_from)
        self.dates.addWidget(QLabel(self.tr("至", "date range: from … to …")))
        self.dates.addWidget(self.date_to)
        self.dates_label = QLabel(self.tr("受理日期"))
        self.set_narrow(False)
        for combo in self.filter_combos():
            # narrow enough to leave the detail room beside the list; the popup stays wide
            combo.setSizeAdjustPolicy(combo.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(4)
        self.search.setMinimumWidth(120)

        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(*self.model.indicator())  # Qt's default ▲ would be on 办件编号
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TITLE_COLUMN, QHeaderView.ResizeMode.Stretch)
        widths = [140, 120, 100, 66, 0, 64, 104, 100, 100, 66, 92, 380]
        for col, width in enumerate(widths):
            attr = COLUMNS[col][0]
            if width and attr in LABELLED:
                width = text_width(self.table, label_texts(attr), width)
            if width:
                self.table.setColumnWidth(col, width)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(grid)
        kpi_bar = QHBoxLayout()
        kpi_bar.addWidget(self.kpi_label, 1)
        kpi_bar.addWidget(self.kpi_clear)
        self.kpi_label.setStyleSheet("color: #1565c0; font-weight: bold;")
        layout.addLayout(kpi_bar)
        self._show_kpi()
        layout.addWidget(self.table, 1)
        status = QHBoxLayout()
        status.addWidget(self.total_label, 1)
        status.addWidget(self.stop_button)
        layout.addLayout(status)
        self.table.setItemDelegateForColumn(SNIPPET_COLUMN, SnippetDelegate(self.table))
        self.table.setColumnHidden(SNIPPET_COLUMN, True)
        header.moveSection(SNIPPET_COLUMN, 1)  # beside the case number: in view when narrow

    def set_narrow(self, narrow: bool) -> None:
        """The filters in two rows across the page, or in three narrower ones when the detail is
        beside the list."""
        grid = self.grid
        for widget in (self.search, self.status, self.channel, self.category, self.urgency,
                       self.topic, self.section, self.dates_label, self.reset_button,
                       self.export_button, self.advanced_button):  # fmt: skip
            grid.removeWidget(widget)
        grid.removeItem(self.dates)
        right = Qt.AlignmentFlag.AlignRight
        if narrow:
            grid.addWidget(self.search, 0, 0, 1, 3)
            grid.addWidget(self.export_button, 0, 3)
            grid.addWidget(self.reset_button, 0, 4)
            for col, combo in enumerate((self.status, self.channel, self.category, self.urgency,
                                         self.topic)):  # fmt: skip
                grid.addWidget(combo, 1, col)
            grid.addWidget(self.section, 2, 0)
            grid.addWidget(self.dates_label, 2, 1, alignment=right)
            grid.addLayout(self.dates, 2, 2, 1, 2)
            grid.addWidget(self.advanced_button, 2, 4)
        else:
            grid.addWidget(self.search, 0, 0, 1, 4)
            for col, combo in enumerate((self.status, self.channel, self.category, self.urgency)):
                grid.addWidget(combo, 0, 4 + col)
            grid.addWidget(self.topic, 1, 0)
            grid.addWidget(self.section, 1, 1)
            grid.addWidget(self.dates_label, 1, 2, alignment=right)
            grid.addLayout(self.dates, 1, 3, 1, 2)
            grid.addWidget(self.advanced_button, 1, 5)
            grid.addWidget(self.export_button, 1, 6)
            grid.addWidget(self.reset_button, 1, 7)
        for col in range(8):
            grid.setColumnStretch(col, (1 if col < 5 else 0) if narrow else (2 if col == 0 else 1))

    def _wire(self) -> None:
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self._on_return)
        for combo in self.filter_combos():
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.date_from.dateChanged.connect(lambda _d: self.apply_filter())
        self.date_to.dateChanged.connect(lambda _d: self.apply_filter())
        self.reset_button.clicked.connect(self.reset_filter)
        self.kpi_clear.clicked.connect(lambda: self.set_kpi(None))
        self.table.horizontalHeader().sectionClicked.connect(self._on_header)
        self.table.activated.connect(self._on_activated)
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: (
                cur.isValid() and self.caseActivated.emit(self.model.row(cur.row()).id)
            )
        )
        self.model.totalCounted.connect(lambda _n: self._update_total())
        self.model.pageLoaded.connect(lambda _n: self._update_total())
        self.model.modelReset.connect(self._update_total)
        self.model.explained.connect(lambda _r: self._update_total())
        self.model.scanProgress.connect(lambda _d, _t: self._update_total())
        self.stop_button.clicked.connect(self.model.stop)

    def current_filter(self) -> CaseFilter:
        return self.fields_filter(self.search.text().strip(), queue=self.queue, kpi=self.kpi)

    def set_kpi(self, selection: KpiSelection | None) -> None:
        """Limit the list to the cases behind a statistics figure (None: back to the list)."""
        self.kpi = selection
        self._show_kpi()
        self.apply_filter()

    def _show_kpi(self) -> None:
        if self.kpi is not None:
            self.kpi_label.setText(self.tr("统计明细：{caption}").format(caption=self.kpi.caption))
        self.kpi_label.setVisible(self.kpi is not None)
        self.kpi_clear.setVisible(self.kpi is not None)

    def apply_filter(self) -> None:
        self._debounce.stop()
        flt = self.current_filter()
        self.table.setColumnHidden(SNIPPET_COLUMN, not searched_terms(flt.text))
        self.model.set_query(flt)

    def set_filter(self, flt: CaseFilter) -> None:
        """Show ``flt`` in the filter bar (a saved or advanced search) and run it."""
        self.show_filter_fields(flt, quiet=True)
        self.search.blockSignals(True)
        self.search.setText(flt.text)
        self.search.blockSignals(False)
        self.apply_filter()

    def reset_filter(self) -> None:
        self.show_filter_fields(None, quiet=True)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.apply_filter()

    def selected_case_ids(self) -> list[int]:
        """The ids of the selected rows, top to bottom (for batch printing)."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.row(r).id for r in rows]

    def _on_return(self) -> None:
        text = self.search.text().strip().upper()
        scanned = parse_slip_code(text)  # a slip's QR code read by a USB scanner
        if scanned is not None:
            text = scanned[0]
            self.search.blockSignals(True)
            self.search.setText(text)
            self.search.blockSignals(False)
        if looks_like_case_no(text) and len(text) >= 15:
            self.caseNumberEntered.emit(text)
        self.apply_filter()

    def _on_header(self, column: int) -> None:
        header = self.table.horizontalHeader()
        if self.model.sortable(column):
            self.model.sort(column, header.sortIndicatorOrder())
        self.sync_sort_indicator()

    def sync_sort_indicator(self) -> None:
        """The ▲/▼ on the column the rows are sorted by (none for 登记顺序)."""
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(*self.model.indicator())
        header.blockSignals(False)

    def _on_activated(self, index) -> None:  # type: ignore[no-untyped-def]
        if index.isValid():
            self.caseActivated.emit(self.model.row(index.row()).id)

    def _update_total(self) -> None:
        model = self.model
        loaded = model.rowCount()
        self.stop_button.setVisible(model.scanning)
        if model.stopped:
            text = self.tr("已停止检索，已找到 {loaded} 件").format(loaded=f"{loaded:,}")
        elif model.scanning:
            text = self.tr("正在逐件检索（两个字的词）… 已找到 {loaded} 件").format(
                loaded=f"{loaded:,}"
            )
        elif model.total is None:
            text = self.tr("正在统计… 已载入 {loaded} 件").format(loaded=f"{loaded:,}")
        elif model.total == 0 and self.search.text().strip():
            text = self.tr("共 0 件：{why}").format(why=self._why(model.reason))
        elif loaded >= model.total:  # everything is on the list: nothing more to scroll to
            text = self.tr("共 {total} 件").format(total=f"{model.total:,}")
        else:
            text = self.tr("共 {total} 件，已载入 {loaded} 件（向下滚动自动载入）").format(
                total=f"{model.total:,}", loaded=f"{loaded:,}"
            )
        self.total_label.setText(text)

    def _why(self, reason: object) -> str:
        if reason == NoHit.TOO_SHORT:
            return self.tr("检索词太短，每个词至少 2 个字")
        if reason == NoHit.FILTERED:
            return self.tr("有办件包含“{text}”，但被其他筛选条件排除，可点“重置”").format(
                text=self.search.text().strip()
            )
        if reason == NoHit.NOTHING:
            return self.tr("没有找到包含“{text}”的办件").format(text=self.search.text().strip())
        return self.tr("正在查找原因…")
