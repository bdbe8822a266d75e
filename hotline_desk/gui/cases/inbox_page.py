"""我的待办: the user's queues with their counts (待签收, 办理中, 待审核, 被退回 …) as buttons above
a case workspace limited to the chosen queue. Counts are fetched off the GUI thread, the
first time once the first rows are in, and refreshed after every change."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from hotline_desk.domain.changes import CASES
from hotline_desk.gui.cases.workspace import CaseWorkspace
from hotline_desk.gui.common.bus import subscribe
from hotline_desk.gui.common.errors import show_error
from hotline_desk.gui.common.tasks import CancelToken, TaskRunner
from hotline_desk.gui.common.widgets import show_queue_counts
from hotline_desk.services.cases import queues
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, OrgUnitInfo, TopicInfo
from hotline_desk.services.lifecycle.dto import QueueCount

REFRESH_MS = 60_000

# The queue names come from queues.QUEUE_LABELS; listed here so lupdate extracts them.
# Keep in step with that table (tests/gui/test_translation.py checks it).
QUEUE_LABELS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("InboxPage", "待转办"),
    QT_TRANSLATE_NOOP("InboxPage", "退回待审"),
    QT_TRANSLATE_NOOP("InboxPage", "待签收"),
    QT_TRANSLATE_NOOP("InboxPage", "办理中"),
    QT_TRANSLATE_NOOP("InboxPage", "待审核"),
    QT_TRANSLATE_NOOP("InboxPage", "被退回"),
    QT_TRANSLATE_NOOP("InboxPage", "待协办"),
    QT_TRANSLATE_NOOP("InboxPage", "待登记答复"),
    QT_TRANSLATE_NOOP("InboxPage", "催办督办"),
    QT_TRANSLATE_NOOP("InboxPage", "延期待批"),
)


def queue_text(key: str) -> str:
    return QCoreApplication.translate("InboxPage", queues.QUEUE_LABELS[key])


class InboxPage(QWidget):
    countsChanged = Signal(int)  # cases in any queue, each once (the navigation count)

    def __init__(
        self,
        ctx: ServiceContext,
        actor: Actor,
        runner: TaskRunner,
        topics: list[TopicInfo],
        units: list[OrgUnitInfo],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.actor, self.runner = ctx, actor, runner
        self.keys = queues.queues_for(actor)
        self.counts: dict[str, int] = {}
        self.total = 0  # the navigation count: cases in any queue, each once
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("我的待办：")))
        for key in self.keys:
            button = QPushButton(queue_text(key))
            button.setCheckable(True)
            button.setObjectName(f"queue_{key}")
            button.clicked.connect(lambda _c=False, k=key: self.select(k))
            self.group.addButton(button)
            self.buttons[key] = button
            bar.addWidget(button)
        bar.addStretch(1)
        self.workspace = CaseWorkspace(ctx, actor, runner, topics, units, None, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addLayout(bar)
        layout.addWidget(self.workspace, 1)
        self._token: CancelToken | None = None
        self._stopped = False
        self.current: str | None = None
        if self.keys:
            self.select(self.keys[0])
        # the counts once the first rows are painted: at the start that query goes first (a
        # count can read the whole cases table, a second at 1,000,000 cases)
        self.workspace.model.after_rows(self, self.refresh_counts)
        subscribe(self, (CASES,), self.refresh_counts)
        # Other workstations change cases too: recount now and then (a few indexed COUNTs).
        self.timer = QTimer(self, interval=REFRESH_MS)
        self.timer.timeout.connect(self.refresh_counts)
        self.timer.start()

    def select(self, key: str) -> None:
        self.current = key
        self.buttons[key].setChecked(True)
        self.workspace.set_queue(key)

    def refresh(self) -> None:
        self.refresh_counts()
        self.workspace.model.refresh()

    def stop(self) -> None:
        """No more recounts (the window closes or signs out)."""
        self._stopped = True
        self.timer.stop()

    def refresh_counts(self) -> None:
        if self._stopped:
            return
        if self._token is not None:
            self._token.cancel()
        ctx, actor = self.ctx, self.actor
        self._token = self.runner.run(
            lambda: (queues.inbox_counts(ctx, actor), queues.inbox_total(ctx, actor)),
            lambda both: self._show_counts(*both),
            lambda exc: show_error(self, exc),
        )

    def _show_counts(self, counts: list[QueueCount], total: int | None = None) -> None:
        self.counts = {c.key: c.count for c in counts}
        show_queue_counts(self.buttons, self.counts, queue_text)
        self.total = sum(self.counts.values()) if total is None else total
        self.countsChanged.emit(self.total)
