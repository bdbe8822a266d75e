"""The audit chain's automatic check: shortly after the start and then daily, off the GUI
thread, every desk recomputes the chain (``services.audit.verify_audit_chain``, which records
one ``audit_chain_broken`` event per distinct break whoever's desk finds it). The 审计管理员 sees
a red banner naming the first bad row, with a button to the 审计日志 page; other users see
nothing (the log is not theirs to read). The same task asks what weakens the audit tables'
database guard for this desk's login (``services.audit_guard``: a superuser or CREATEROLE login,
the owner role, a dropped trigger ...); the audit admin's banner names it too."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from hotline_desk.domain.permissions import Page, pages_for
from hotline_desk.gui.common.tasks import TaskRunner
from hotline_desk.services import audit, audit_guard
from hotline_desk.services.audit import ChainCheck
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor

log = logging.getLogger("hotline_desk.gui")
DAY_MS = 24 * 3600_000
FIRST_CHECK_MS = 8_000
BANNER_STYLE = (
    "QFrame#auditBanner { background: #c62828; border-radius: 3px; }"
    "QFrame#auditBanner QLabel { color: white; font-weight: bold; }"
)


class AuditBanner(QFrame):
    """The red banner: what is broken and 打开审计日志."""

    def __init__(self, open_log: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditBanner")
        self.setStyleSheet(BANNER_STYLE)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.open_button = QPushButton(self.tr("打开审计日志"))
        self.open_button.clicked.connect(open_log)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.text, 1)
        row.addWidget(self.open_button)
        self.hide()


class AuditWatch(QObject):
    """``checked`` with each ``ChainCheck``; the banner shows a break to the audit admin."""

    checked = Signal(object)

    def __init__(self, ctx: ServiceContext, actor: Actor, runner: TaskRunner,
                 open_log: Callable[[], None], parent: QObject | None = None,
                 interval_ms: int = DAY_MS, first_ms: int = FIRST_CHECK_MS) -> None:  # fmt: skip
        super().__init__(parent)
        self.ctx, self.runner = ctx, runner
        self.is_auditor = Page.AUDIT in pages_for(actor.roles)
        self.banner = AuditBanner(open_log)
        self.last: ChainCheck | None = None
        self.guard: list[str] = []
        self.running = False
        self.first = QTimer(self, singleShot=True, interval=first_ms)
        self.first.timeout.connect(self.check)
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self.first.start()
        self.timer.start()

    def stop(self) -> None:
        self.first.stop()
        self.timer.stop()

    def check(self) -> None:
        if self.running:
            return
        self.running = True
        ctx = self.ctx
        self.runner.run(lambda: _both(ctx), self._done, self._failed)

    def _done(self, result: tuple[ChainCheck, list[str]]) -> None:
        check, guard = result
        self.running = False
        self.last, self.guard = check, guard
        if not check.ok:
            log.error("audit chain broken at row %s", check.first_bad_id)
        if guard:
            log.warning("audit guard weak: %d problem(s)", len(guard))
        if self.is_auditor:
            lines = []
            if not check.ok:
                # the 审计日志 page's words, imported only for a break: the page pulls in its
                # export (reportlab, xlsxwriter), which the start does not need
                from hotline_desk.gui.pages.audit import chain_text

                lines.append(
                    self.tr(
                        "{result}。请核查数据库访问记录，并保留当前数据库和备份作为证据。"
                    ).format(result=chain_text(check))
                )
            if guard:
                lines.append(self.tr("审计日志的数据库保护未生效：{problems}").format(
                    problems="".join(guard)))  # fmt: skip
            self.banner.text.setText("\n".join(lines))
            self.banner.setVisible(bool(lines))
        self.checked.emit(check)

    def _failed(self, exc: BaseException) -> None:
        """The server away a moment: the next day's check tries again."""
        self.running = False
        log.warning("audit chain check failed: %s", type(exc).__name__)


def _both(ctx: ServiceContext) -> tuple[ChainCheck, list[str]]:
    """Off the GUI thread: the chain's check, then the guard's."""
    return audit.verify_audit_chain(ctx), audit_guard.audit_guard_report(ctx)
