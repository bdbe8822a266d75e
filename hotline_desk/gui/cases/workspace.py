"""A case workspace: the lazy case list and the detail pane sharing the screen, with its own
model. The 全部办件 page is one; 我的待办 holds another limited to an inbox queue.

The detail sits below the list or beside it (``set_beside``, the user's choice, remembered by
``gui.shell.case_layout``); the splitter between them keeps where the user put it, per
orientation. Until the user moves it, the list gets room for ``LIST_ROWS`` rows and the detail
the rest. The detail scrolls inside its own area, so a small share never squeezes its fields
into each other, and beside the list it stacks its fields above the timeline (``narrow``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QSplitter, QWidget

from hotline_desk.domain.changes import CASES
from hotline_desk.gui.cases.detail import CaseDetailPanel
from hotline_desk.gui.cases.list_panel import CaseListPanel
from hotline_desk.gui.cases.model import CaseTableModel
from hotline_desk.gui.common.bus import subscribe
from hotline_desk.gui.common.errors import show_error
from hotline_desk.gui.common.tasks import TaskRunner
from hotline_desk.services.cases import queries
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, OrgUnitInfo, TopicInfo
from hotline_desk.services.search import service as search

LIST_ROWS = 12
"""Rows the list shows by default below the detail's share (the floor is 12 at 1366×768)."""
BESIDE_LIST_SHARE = 0.55
"""The list's share of the width by default when the detail is beside it."""


class CaseWorkspace(QSplitter):
    caseActivated = Signal(int)
    layoutChanged = Signal()
    """The user moved the splitter (the window remembers it)."""

    def __init__(
        self,
        ctx: ServiceContext,
        actor: Actor,
        runner: TaskRunner,
        topics: list[TopicInfo],
        units: list[OrgUnitInfo],
        queue: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.model = CaseTableModel(
            lambda flt, sort, after, progress: queries.list_cases(
                ctx, actor, flt, sort, after, progress=progress, snippets=False
            ),
            lambda flt: queries.count_cases(ctx, actor, flt),
            runner,
            lambda flt: search.explain_empty(ctx, actor, flt),
            lambda ids, text: queries.case_snippets(ctx, actor, ids, text),
        )
        self.model.loadFailed.connect(lambda exc: show_error(self, exc))
        self.panel = CaseListPanel(self.model, topics, units)
        self.panel.queue = queue
        self.detail = CaseDetailPanel(now=ctx.now, ctx=ctx, actor=actor)
        self.detail_area = QScrollArea()
        self.detail_area.setWidgetResizable(True)
        self.detail_area.setFrameShape(QFrame.Shape.NoFrame)
        self.detail_area.setWidget(self.detail)
        self.addWidget(self.panel)
        self.addWidget(self.detail_area)
        self.setChildrenCollapsible(False)
        self.setStretchFactor(0, 1)
        self.kept: dict[str, list[int]] = {}
        """Where the user put the splitter, per orientation ("below"/"beside")."""
        self._placed = False
        self.panel.caseActivated.connect(self.caseActivated)
        self.splitterMoved.connect(self._moved)
        subscribe(self, (CASES,), self.model.refresh)

    # --- layout -----------------------------------------------------------------------------
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
        self.detail.set_narrow(beside)
        self.panel.set_narrow(beside)
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
        table = self.panel.table
        self.panel.layout().activate()  # the filters may have just changed rows
        chrome = self.panel.height() - table.viewport().height()
        wanted = chrome + LIST_ROWS * table.verticalHeader().defaultSectionSize()
        first = min(wanted, total - self.detail_area.minimumSizeHint().height())
        return [first, total - first]

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._placed:
            QTimer.singleShot(0, self.place_splitter)  # once laid out at its real size

    def _moved(self, _pos: int, _index: int) -> None:
        self.kept[self.place] = self.sizes()
        self.layoutChanged.emit()

    # --- cases ------------------------------------------------------------------------------
    def set_queue(self, queue: str | None) -> None:
        self.panel.queue = queue
        self.detail.show_case(None)
        self.panel.apply_filter()

    def start(self) -> None:
        self.model.set_query(self.panel.current_filter())
