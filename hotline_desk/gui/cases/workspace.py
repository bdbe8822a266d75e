"""A case workspace: the lazy case list and the detail pane sharing the screen, with its own
model. The 全部办件 page is one; 我的待办 holds another limited to an inbox queue.

The detail sits below the list or beside it (``gui.cases.split``). The detail scrolls inside
its own area, so a small share never squeezes its fields into each other, and beside the list
it stacks its fields above the timeline (``narrow``).
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


class CaseWorkspace(TableDetailSplit):
    caseActivated = Signal(int)

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
        self.hold(self.panel, self.panel.table, CaseDetailPanel(now=ctx.now, ctx=ctx, actor=actor))
        self.panel.caseActivated.connect(self.caseActivated)
        subscribe(self, (CASES,), self.model.refresh)

    # --- layout -----------------------------------------------------------------------------
    def arrange(self, beside: bool) -> None:
        super().arrange(beside)
        self.panel.set_narrow(beside)

    # --- cases ------------------------------------------------------------------------------
    def set_queue(self, queue: str | None) -> None:
        self.panel.queue = queue
        self.detail.show_case(None)
        self.panel.apply_filter()

    def start(self) -> None:
        self.model.set_query(self.panel.current_filter())
