"""A list and a case's detail sharing the screen: below it or beside it (the user's choice,
视图 › 详情在列表右侧, remembered by ``gui.shell.case_layout``), the splitter between them kept
where the user put it, per orientation. Until the user moves it, below the list gets room for
``LIST_ROWS`` rows and the detail the rest; beside, the list gets ``BESIDE_LIST_SHARE``.

``TableDetailSplit`` puts a table (or a widget holding it) and a case detail in such a split:
``CaseWorkspace`` (全部办件, 我的待办), the 回访 page and the 督办台 use it; each says how its
parts rearrange (``arrange``). The detail scrolls inside its own area, so a small share never
squeezes its fields into each other."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSplitter, QTableView, QWidget

from hotline_desk.gui.cases.detail import CaseDetailPanel, choose_case_text

LIST_ROWS = 12
"""Rows the list shows by default above the detail (the floor is 12 at 1366×768)."""
BESIDE_LIST_SHARE = 0.55


class ListDetailSplit(QSplitter):
    layoutChanged = Signal()
    """The user moved the splitter (the window remembers it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.kept: dict[str, list[int]] = {}
        """Where the user put the splitter, per orientation ("below"/"beside")."""
        self._placed = False
        self.splitterMoved.connect(self._moved)

    def list_table(self) -> QTableView:
        """The table whose rows are counted for the default place."""
        raise NotImplementedError

    def arrange(self, beside: bool) -> None:
        """Rearrange the parts for the detail beside the list (True) or below it."""

    @property
    def beside(self) -> bool:
        return self.orientation() == Qt.Orientation.Horizontal

    @property
    def place(self) -> str:
        return "beside" if self.beside else "below"

    def set_beside(self, beside: bool) -> None:
        """The detail beside the list (True) or below it, at the place kept for that choice."""
        if beside != self.beside:
            self.setOrientation(Qt.Orientation.Horizontal if beside else Qt.Orientation.Vertical)
        self.arrange(beside)
        self.place_splitter()

    def place_splitter(self) -> None:
        """Where the user left it for this orientation, or the default."""
        kept = self.kept.get(self.place)
        if kept and len(kept) == 2 and min(kept) > 0:
            self.setSizes(kept)
        elif self.isVisible():
            self.setSizes(self.default_sizes())
        self._placed = self.isVisible()

    def default_sizes(self) -> list[int]:
        total = sum(self.sizes()) or (self.width() if self.beside else self.height())
        if self.beside:
            first = int(total * BESIDE_LIST_SHARE)
            return [first, total - first]
        listing, table = self.widget(0), self.list_table()
        if listing.layout() is not None:
            listing.layout().activate()  # the filters may have just changed rows
        chrome = listing.height() - table.viewport().height()
        wanted = chrome + LIST_ROWS * table.verticalHeader().defaultSectionSize()
        first = min(wanted, total - self.widget(1).minimumSizeHint().height())
        return [first, total - first]

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._placed:
            QTimer.singleShot(0, self.place_splitter)  # once laid out at its real size

    def _moved(self, _pos: int, _index: int) -> None:
        self.kept[self.place] = self.sizes()
        self.layoutChanged.emit()


class TableDetailSplit(ListDetailSplit):
    """``first`` (the table, or a widget holding it) and a case detail in a scroll area, put in
    by ``hold`` once the subclass has built them. A page may hold no detail yet and put it in
    later (``put_detail``): the 督办台 and the case lists put theirs in when the first case is
    chosen (its ~150 widgets cost the start ~25 ms); until then its place says to choose one,
    in the detail's own heading (``placeholder``)."""

    table: QTableView
    _detail: CaseDetailPanel | None = None

    @property
    def detail(self) -> CaseDetailPanel | None:
        """The detail, None until put in (``put_detail``)."""
        return self._detail

    def hold(self, first: QWidget, table: QTableView, detail: CaseDetailPanel | None) -> None:
        self.table, self._detail = table, None
        self.detail_area = QScrollArea()
        self.detail_area.setWidgetResizable(True)
        self.detail_area.setFrameShape(QFrame.Shape.NoFrame)
        self.addWidget(first)
        self.addWidget(self.detail_area)  # in place first: moving a filled area costs more
        self.setChildrenCollapsible(False)
        self.setStretchFactor(0, 1)
        if detail is not None:
            self.put_detail(detail)
        else:
            self.placeholder = QLabel(choose_case_text(self.beside))
            self.placeholder.setObjectName("caseHeading")  # as the detail's heading looks
            self.placeholder.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            self.placeholder.setContentsMargins(6, 6, 6, 6)
            self.placeholder.setWordWrap(True)
            self.detail_area.setWidget(self.placeholder)  # replaced (deleted) by the detail

    def put_detail(self, detail: CaseDetailPanel) -> None:
        """The detail into its scroll area, laid out for where the split has it."""
        self._detail = detail
        if detail.narrow != self.beside:  # the split was arranged before the detail came
            detail.set_narrow(self.beside)
        self.detail_area.setWidget(detail)

    def list_table(self) -> QTableView:
        return self.table

    def arrange(self, beside: bool) -> None:
        if self._detail is not None:
            self._detail.set_narrow(beside)
        else:
            self.placeholder.setText(choose_case_text(beside))
