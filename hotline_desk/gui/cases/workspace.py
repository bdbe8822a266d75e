"""A case workspace: the lazy case list and the detail pane sharing the screen, with its own
model. The 全部办件 page is one; 我的待办 holds another limited to an inbox queue.

The detail sits below the list or beside it (``gui.cases.split``). The detail scrolls inside
its own area, so a small share never squeezes its fields into each other, and beside the list
it stacks its fields above the timeline (``narrow``). Its ~150 widgets are made
``DETAIL_AFTER_MS`` after the first rows are in (or when a case is chosen sooner) and put in
place when the first case is shown: until then its place says to choose one.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from hotline_desk.domain.changes import CASES
from hotline_desk.gui.cases.detail import CaseDetailPanel
from hotline_desk.gui.cases.list_panel import CaseListPanel
from hotline_desk.gui.cases.model import CaseTableModel
from hotline_desk.gui.cases.split import TableDetailSplit
from hotline_desk.gui.common.bus import subscribe
from hotline_desk.gui.common.errors import show_error
from hotline_desk.gui.common.tasks import TaskRunner
from hotline_desk.services.cases import queries
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, OrgUnitInfo, TopicInfo
from hotline_desk.services.search import service as search

DETAIL_AFTER_MS = 100
"""The detail's widgets are made this long after the first rows are in (while the user reads
them), hidden until the first case is shown."""


class CaseWorkspace(TableDetailSplit):
    caseActivated = Signal(int)
    actionRequested = Signal(str, object)
    """The detail's: an action code and its CaseDetail (the detail may not be made yet)."""
    printRequested = Signal(object)
    caseLinkActivated = Signal(int)

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
        super().__init__(parent)
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
        self.panel = CaseListPanel(self.model, topics, units, self)  # made in place
        self.panel.queue = queue
        self.ctx, self.actor = ctx, actor
        self._made: CaseDetailPanel | None = None
        self.hold(self.panel, self.panel.table, None)  # the detail comes with the first case
        self.panel.caseActivated.connect(self.caseActivated)
        subscribe(self, (CASES,), self.model.refresh)
        self.model.after_rows(self, self._make, DETAIL_AFTER_MS)

    @property
    def detail(self) -> CaseDetailPanel:
        """The case detail, put in place when first asked for (a case shown)."""
        detail = self._make()
        if self._detail is None:
            self.put_detail(detail)
        return detail

    def _make(self) -> CaseDetailPanel:
        if self._made is None:  # a hidden child of its place until put in (not of the split:
            # a QSplitter takes every child widget for one of its panes)
            self._made = CaseDetailPanel(self.detail_area.viewport(), now=self.ctx.now,
                                         ctx=self.ctx, actor=self.actor)  # fmt: skip
            self._made.hide()
            self._made.actionRequested.connect(self.actionRequested)
            self._made.printRequested.connect(self.printRequested)
            self._made.caseLinkActivated.connect(self.caseLinkActivated)
        return self._made

    # --- layout -----------------------------------------------------------------------------
    def arrange(self, beside: bool) -> None:
        super().arrange(beside)
        self.panel.set_narrow(beside)

    # --- cases ------------------------------------------------------------------------------
    def set_queue(self, queue: str | None) -> None:
        self.panel.queue = queue
        if self._detail is not None:  # no case chosen yet: its place already says so
            self._detail.show_case(None)
        self.panel.apply_filter()

    def start(self) -> None:
        self.model.set_query(self.panel.current_filter())
