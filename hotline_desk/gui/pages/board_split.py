"""The 督办台's parts sharing the screen: the per-section counts and the case list, and the
case detail below them or beside them, as the user chose for every case list (视图 ›
详情在列表右侧). Beside, the section counts go above the list so the list keeps its width."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QTableView, QTableWidget, QWidget

from hotline_desk.gui.cases.split import TableDetailSplit

SECTION_ROWS_BESIDE = 3
"""Rows of the section counts shown above the list when the detail is beside it."""


class BoardSplit(TableDetailSplit):
    """The detail comes when the first case is chosen (``BoardPage.detail``): until then its
    place says to choose one (``placeholder``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.top = QSplitter(Qt.Orientation.Horizontal, self)
        """The section counts and the list (``hold_parts``): made in it, then held."""
        self.sections: QTableWidget | None = None

    def hold_parts(self, sections: QTableWidget, listing: QWidget, table: QTableView) -> None:
        """The parts made in ``top`` put in their places, the detail's place saying to choose."""
        self.sections = sections
        self.hold(self.top, table, None)  # the detail's place says to choose a case
        self.top.addWidget(sections)
        self.top.addWidget(listing)
        self.top.setChildrenCollapsible(False)
        self.top.setStretchFactor(1, 1)  # the list takes what the window gains
        self.top.setSizes([300, 1000])

    def arrange(self, beside: bool) -> None:
        super().arrange(beside)
        if beside:
            assert self.sections is not None
            self.top.setOrientation(Qt.Orientation.Vertical)
            rows = self.sections.verticalHeader().defaultSectionSize() * SECTION_ROWS_BESIDE
            counts = self.sections.horizontalHeader().height() + rows
            self.top.setSizes([counts, max(1, self.top.height() - counts)])
        else:
            self.top.setOrientation(Qt.Orientation.Horizontal)
            self.top.setSizes([300, max(1, self.top.width() - 300)])
