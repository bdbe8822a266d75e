"""The supervision board (督办台) for the desk and leaders: counts by warning level and by section,
the escalation suggestions, and the open cases most urgent first in a lazy list above the case
detail, where the desk urges, issues orders and decides extensions.

What the board shows first comes first (issue 19: the open within 1.5× the bare queries and a
plain table painting the same rows): the table paints cells made once per row in C++ items
(``BoardCells``), and the case detail (~150 widgets) waits until a case is chosen, its place
saying to choose one; its widgets are made while the user looks at the board (``detail``)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hotline_desk.domain.changes import CALENDAR, CASES, LIMITS
from hotline_desk.domain.enums.org import OrgKind
from hotline_desk.domain.enums.supervision import Clock, Level
from hotline_desk.gui.cases.deadline_view import LEVEL_COLORS, count_rule
from hotline_desk.gui.cases.detail import CaseDetailPanel
from hotline_desk.gui.common.bus import subscribe
from hotline_desk.gui.common.errors import show_error
from hotline_desk.gui.common.tasks import CancelToken, TaskRunner, run_later
from hotline_desk.gui.common.widgets import ChoiceCombo
from hotline_desk.gui.common.words import choices
from hotline_desk.gui.pages.board_model import BOARD_COLUMNS, BoardCells, BoardModel
from hotline_desk.gui.pages.board_split import BoardSplit
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, OrgUnitInfo
from hotline_desk.services.supervision import board
from hotline_desk.services.supervision.board import BoardCounts, BoardFilter

REFRESH_MS = 60_000
DETAIL_AFTER_MS = 100
"""The rest of the board (the cells below the fold, the detail's widgets) is made this long
after the counts are shown (once they are painted, while the user reads the board)."""
UNROUTED = "unrouted"  # the section choice of cases no section leads yet
__all__ = ["BOARD_COLUMNS", "BoardModel", "BoardPage"]


class BoardPage(QWidget):
    caseActivated = Signal(int)
    actionRequested = Signal(str, object)
    """The detail's ``actionRequested`` (action code, CaseDetail), once the detail is made."""

    def __init__(
        self,
        ctx: ServiceContext,
        actor: Actor,
        runner: TaskRunner,
        units: list[OrgUnitInfo],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.actor, self.runner = ctx, actor, runner
        self.model = BoardModel(
            lambda flt, _sort, after, _progress=None: board.board_page(ctx, actor, flt, after),
            None,  # the total is read off the counts (``_show_counts``)
            runner,
            ctx.now,
        )
        self.model.loadFailed.connect(lambda exc: show_error(self, exc))
        self.cells = BoardCells(self.model)  # what the table paints
        self.counts: BoardCounts | None = None
        self._token: CancelToken | None = None
        self._query(BoardFilter())  # read while the widgets are made (the filters' defaults)
        self.level_buttons: dict[str | None, QPushButton] = {}
        self.suggest_buttons: dict[str, QPushButton] = {}
        self.filter_group = QButtonGroup(self)
        self.filter_group.setExclusive(True)
        # each part made in its place (a part moved into another is walked against the style
        # sheet again): the filters on the page, the section counts and list in ``_build``
        self.clock = ChoiceCombo(choices(Clock), self.tr("全部环节"), self)
        sections = [(u.id, u.name) for u in units if u.kind in (OrgKind.OFFICE, OrgKind.SECTION)]
        self.section = ChoiceCombo(
            [*sections, (UNROUTED, self.tr("（未分办）"))], self.tr("全部科室"), self
        )
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("办件编号 / 来电号码 / 标题关键字"))
        self.search.setClearButtonEnabled(True)
        self._detail: CaseDetailPanel | None = None
        self._level: str | None = None
        self._suggestion: str | None = None
        self._build()
        self._debounce = QTimer(self, singleShot=True, interval=350)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.clock.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.section.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.timer = QTimer(self, interval=REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()

    # --- layout -----------------------------------------------------------------------------
    def _tile(self, key: str | None, text: str, color: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setCheckable(True)
        button.setObjectName(f"level_{key or 'all'}")
        button.setStyleSheet(f"QPushButton {{ color: {color}; font-weight: bold; }}")
        button.clicked.connect(lambda _c=False, k=key: self.show_level(k))
        button.setToolTip(count_rule())
        self.filter_group.addButton(button)
        return button

    def _build(self) -> None:
        # top down, each part put into its final place before anything sizes it: sizing a part
        # polishes it against the style sheet, and moving a polished part polishes it again
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        tiles = QHBoxLayout()
        tiles.addWidget(QLabel(self.tr("督办台："), self))
        for key, color in (
            (None, "#37474f"),
            (Level.RED, LEVEL_COLORS[Level.RED][0]),
            (Level.YELLOW, LEVEL_COLORS[Level.YELLOW][0]),
            (Level.NORMAL, LEVEL_COLORS[Level.NORMAL][0]),
        ):
            self.level_buttons[key] = self._tile(key, "", color)
            tiles.addWidget(self.level_buttons[key])
        tiles.addSpacing(16)
        for key in board.SUGGESTIONS:
            button = QPushButton(self)
            button.setCheckable(True)
            button.setObjectName(f"suggest_{key}")
            button.clicked.connect(lambda _c=False, k=key: self.show_suggestion(k))
            self.filter_group.addButton(button)
            self.suggest_buttons[key] = button
            tiles.addWidget(button)
        tiles.addStretch(1)
        self.level_buttons[None].setChecked(True)
        self._show_tiles(None)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.clock, 1)
        filters.addWidget(self.section, 1)

        self.split = BoardSplit(self)
        self.sections = QTableWidget(0, 5, self.split.top)
        listing = QWidget(self.split.top)
        self.table = QTableView(listing)
        self.total_label = QLabel(listing)
        self._show_total("…")
        self.sections.setHorizontalHeaderLabels(
            [
                self.tr("科室"),
                self.tr("超期"),
                self.tr("临期"),
                self.tr("正常"),
                self.tr("合计"),
            ]
        )
        self.sections.setToolTip(count_rule())
        self.sections.verticalHeader().hide()
        self.sections.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sections.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.sections.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.sections.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, 5):
            self.sections.setColumnWidth(col, 46)
        self.sections.setMinimumWidth(290)
        self.sections.cellClicked.connect(self._section_clicked)

        self.table.setModel(self.cells)
        # the scroll bar there from the first paint: appearing with the first rows it narrowed
        # the table, and the stretched title column had every row painted a second time
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for col, width in enumerate([60, 128, 0, 88, 40, 124, 108, 72, 36, 56, 72]):
            if width:
                self.table.setColumnWidth(col, width)
        header = self.table.horizontalHeader()
        header.setSectionsClickable(False)  # one order: the service's, shown by the indicator
        header.setSortIndicatorShown(True)
        header.setSortIndicator(*self.model.indicator())
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.verticalScrollBar().valueChanged.connect(lambda _v: self._fill_scrolled())
        self.model.totalCounted.connect(self._show_total)

        column = QVBoxLayout(listing)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.table, 1)
        column.addWidget(self.total_label)
        self.split.hold_parts(self.sections, listing, self.table)
        layout.addLayout(tiles)
        layout.addLayout(filters)
        layout.addWidget(self.split, 1)

    @property
    def detail(self) -> CaseDetailPanel:
        """The case detail below (or beside) the list, put in place when first asked for (a
        case chosen); until then its place says to choose one (``BoardSplit.placeholder``).
        Its ~150 widgets are made ``DETAIL_AFTER_MS`` after the board's counts are shown (the
        board is complete then), or when first asked for if that is sooner."""
        detail = self._detail or self._make_detail()
        if self.split.detail is None:
            self.split.put_detail(detail)
        return detail

    def _complete(self) -> None:
        """While the user reads the board: the cells below the fold, the detail's widgets."""
        self.cells.fill()
        self._make_detail()

    def _fill_scrolled(self) -> None:
        if self.cells.fill():  # scrolled before ``_complete``: paint what came into sight
            self.table.viewport().update()

    def _make_detail(self) -> CaseDetailPanel:
        if self._detail is None:  # a hidden child until put in place
            self._detail = CaseDetailPanel(self, now=self.ctx.now, ctx=self.ctx, actor=self.actor)
            self._detail.actionRequested.connect(self.actionRequested)
        return self._detail

    # --- querying ---------------------------------------------------------------------------
    def current_filter(self) -> BoardFilter:
        return BoardFilter(
            level=self._level,
            lead_unit_id=None if self.section.value() == UNROUTED else self.section.value(),
            unrouted=self.section.value() == UNROUTED,
            clock=self.clock.value(),
            suggestion=self._suggestion,
            text=self.search.text().strip(),
        )

    def start(self) -> None:
        """Follow the changes (the first rows and counts are read since ``__init__``)."""
        subscribe(self, (CASES, CALENDAR, LIMITS), self.refresh)

    def apply_filter(self) -> None:
        if self._detail is not None and self._detail.case is not None:
            self._detail.show_case(None)
        self._query(self.current_filter())

    def _query(self, flt: BoardFilter) -> None:
        self.model.set_query(flt)  # type: ignore[arg-type]
        self.refresh_counts()

    def refresh(self) -> None:
        self.model.refresh()
        self.refresh_counts()

    def refresh_counts(self) -> None:
        """The tiles and the section table, and the list's total read off them (one
        background call; a suggestion within one section counts its total apart)."""
        if self._token is not None:
            self._token.cancel()
        ctx, actor, listed = self.ctx, self.actor, self.model.filter
        assert isinstance(listed, BoardFilter)

        def counts() -> tuple[BoardCounts, int | None]:
            found = board.board_counts(ctx, actor, listed)
            total = board.total_from_counts(found, listed)
            return found, board.board_total(ctx, actor, listed) if total is None else total

        self._token = self.runner.run(
            counts, lambda got: self._show_counts(*got), lambda exc: show_error(self, exc)
        )

    def show_level(self, level: str | None) -> None:
        self._level, self._suggestion = level, None
        self.level_buttons[level].setChecked(True)
        self.apply_filter()

    def show_suggestion(self, kind: str) -> None:
        self._level, self._suggestion = None, kind
        self.suggest_buttons[kind].setChecked(True)
        self.apply_filter()

    def _section_clicked(self, row: int, _column: int) -> None:
        item = self.sections.item(row, 0)
        if item is not None:
            self.section.set_value(item.data(Qt.ItemDataRole.UserRole))

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.caseActivated.emit(self.model.row(current.row()).id)

    # --- showing ----------------------------------------------------------------------------
    def _show_counts(self, counts: BoardCounts, total: int | None = None) -> None:
        if total is not None:
            self.model.set_total(total)
        self.counts = counts
        self._show_tiles(counts)
        if self._detail is None or not self.cells.filled:  # the board is complete: the rest
            run_later(self, DETAIL_AFTER_MS, self._complete)
        self.sections.setRowCount(len(counts.by_section))
        for r, x in enumerate(counts.by_section):
            name = QTableWidgetItem(x.unit_name or self.tr("（未分办）"))
            name.setData(Qt.ItemDataRole.UserRole, UNROUTED if x.unit_id is None else x.unit_id)
            self.sections.setItem(r, 0, name)
            for c, (value, level) in enumerate(
                (
                    (x.red, Level.RED),
                    (x.yellow, Level.YELLOW),
                    (x.normal, Level.NORMAL),
                    (x.total, None),
                ),
                start=1,
            ):
                item = QTableWidgetItem(str(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if level and value:
                    item.setForeground(QBrush(QColor(LEVEL_COLORS[level][0])))
                self.sections.setItem(r, c, item)

    def _show_tiles(self, counts: BoardCounts | None) -> None:
        """The tiles' words and numbers; "…" for the numbers until the first counts come (the
        words are there from the first paint, so the tiles do not grow when they come)."""
        numbers: tuple[int | str, ...] = ("…",) * 6
        if counts is not None:
            numbers = (counts.total, counts.red, counts.yellow, counts.normal,
                       counts.suggest_urge, counts.suggest_order)  # fmt: skip
        total, red, yellow, normal, urge, order = numbers
        texts = {
            None: self.tr("全部 {n}").format(n=total),
            Level.RED: self.tr("红牌（超期）{n}").format(n=red),
            Level.YELLOW: self.tr("黄牌（临期）{n}").format(n=yellow),
            Level.NORMAL: self.tr("正常 {n}").format(n=normal),
        }
        for key, text in texts.items():
            self.level_buttons[key].setText(text)
        self.suggest_buttons["urge"].setText(self.tr("建议催办 {n}").format(n=urge))
        self.suggest_buttons["order"].setText(self.tr("建议红牌督办 {n}").format(n=order))

    def _show_total(self, n: int | str) -> None:
        self.total_label.setText(self.tr("共 {n} 件（按期限先后排列）").format(n=n))
