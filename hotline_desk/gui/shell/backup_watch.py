"""The daily automatic backup while the desk runs (SQLite): checked shortly after the start and
then every ten minutes, run off the GUI thread when the last good automatic backup is a day
old, with only a quiet note in the status bar. A failure is logged and audited by the service;
the system administrator is told in a readable message (others see a status-bar note, and the
administrator finds it on 备份与恢复 and at the next start)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QMessageBox

from hotline_desk.domain.errors import DeskError
from hotline_desk.domain.permissions import Page, pages_for
from hotline_desk.gui.common.errors import error_text
from hotline_desk.gui.common.tasks import CancelToken, TaskRunner
from hotline_desk.gui.common.words import fmt_dt
from hotline_desk.services.backup import backups
from hotline_desk.services.backup.backups import BackupInfo, DeskPlace
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor

log = logging.getLogger("hotline_desk.gui")
CHECK_MS = 10 * 60_000
FIRST_CHECK_MS = 20_000


class AutoBackup(QObject):
    """``finished`` with the backup made, ``failed`` with the readable reason."""

    finished = Signal(object)
    failed = Signal(str)

    def __init__(
        self,
        window: QMainWindow,
        ctx: ServiceContext,
        actor: Actor,
        runner: TaskRunner,
        place: DeskPlace | None,
        interval_ms: int = CHECK_MS,
        first_ms: int = FIRST_CHECK_MS,
    ) -> None:
        super().__init__(window)
        self.window, self.ctx, self.runner, self.place = window, ctx, runner, place
        self.is_admin = Page.BACKUP in pages_for(actor.roles)
        self.running = False
        self.token: CancelToken | None = None
        self.box: QMessageBox | None = None
        self.first = QTimer(self, singleShot=True, interval=first_ms)
        self.first.timeout.connect(self.check)
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        if self.place is None or not self.place.is_sqlite:
            return
        if self.is_admin and (failure := backups.last_failure(self.place)):
            self._tell_admin(
                self.tr("上次备份失败（{at}）：{reason}").format(
                    at=fmt_dt(failure.at), reason=failure.reason
                )
            )
        self.first.start()
        self.timer.start()

    def stop(self) -> None:
        """No more checks; a backup being written is cancelled (its partial copy removed)."""
        self.first.stop()
        self.timer.stop()
        if self.token is not None and self.running:
            self.token.cancel()

    def check(self) -> None:
        place = self.place
        if self.running or place is None or not backups.auto_backup_due(place):
            return
        self.running = True
        ctx = self.ctx
        self.window.statusBar().showMessage(self.tr("正在自动备份数据库…"), 15_000)
        self.token = self.runner.run(
            lambda token: backups.run_backup(ctx, place, backups.BackupKind.AUTO, token=token),
            self._done,
            self._failed,
        )

    def _done(self, info: BackupInfo) -> None:
        self.running = False
        if info.ok:
            self.window.statusBar().showMessage(
                self.tr("已自动备份数据库（{at}）").format(at=fmt_dt(info.made_at)), 10_000
            )
        else:
            self._report(
                self.tr("自动备份 {name} 未通过校验，当前数据库可能已损坏。").format(name=info.name)
            )
        self.finished.emit(info)

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        text = error_text(exc) if isinstance(exc, DeskError) else type(exc).__name__
        log.error("automatic backup failed: %s", text)
        self._report(self.tr("自动备份失败：{reason}").format(reason=text))
        self.failed.emit(text)

    def _report(self, text: str) -> None:
        if self.is_admin:
            self._tell_admin(text)
        else:
            self.window.statusBar().showMessage(
                self.tr("{text}（已记录，请告知系统管理员）").format(text=text), 30_000
            )

    def _tell_admin(self, text: str) -> None:
        """A message that does not stop the work (no modal loop)."""
        self.box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("数据库备份"),
            text + "\n" + self.tr("详情见“备份与恢复”页和日志文件。"),
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        self.box.setModal(False)
        self.box.show()
