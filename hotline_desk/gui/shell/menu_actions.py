"""The main window's menu entries that open a dialog of their own — 导入平台工单…, 导出办理结果…,
首次设置向导, 修改密码, 双因素认证, 数据库连接, 关于 — and the start-up warm-up of the
personal-data detector.
A mixin of ``MainWindow`` (it uses ``ctx``, ``actor``, ``paths`` and ``runner``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from hotline_desk import __version__
from hotline_desk.domain.errors import DeskError
from hotline_desk.gui.common.errors import show_error
from hotline_desk.gui.shell.login import PasswordDialog

if TYPE_CHECKING:
    from hotline_desk.gui.common.tasks import TaskRunner
    from hotline_desk.services.context import ServiceContext
    from hotline_desk.services.dto import Actor
    from hotline_desk.settings import Paths


class MenuActions:
    ctx: ServiceContext
    actor: Actor
    paths: Paths | None
    runner: TaskRunner

    def _folder(self) -> Path:
        return self.paths.exports if self.paths is not None else Path.home()

    def import_platform(self) -> None:
        """导入平台工单…: the 12345 platform's export, previewed then imported."""
        from hotline_desk.gui.intake.import_dialog import ImportDialog

        ImportDialog(self.ctx, self.actor, self._folder(), self._widget()).exec()

    def export_results(self) -> None:
        """导出办理结果…: the platform cases' results, for the platform to take back."""
        from hotline_desk.gui.intake.results_dialog import ResultsDialog

        ResultsDialog(self.ctx, self.actor, self._folder(), self._widget()).exec()

    def warm_up_privacy(self) -> None:
        """Load the personal-data detector in the background (the first scrubbed text would
        otherwise wait about a second for its dictionary); a failure only costs that second."""
        from hotline_desk.services import privacy

        self.runner.run(privacy.warm_up, lambda _r: None, lambda _e: None)

    def setup_assistant(self, asked: bool = False) -> None:
        """首次设置向导: offered after a system administrator's login on a new desk until it is
        finished or dismissed (``asked``: opened from the menu, also after that, at the start)."""
        from hotline_desk.services.admin import setup_assistant

        try:
            offer = setup_assistant.assistant_offer(self.ctx, self.actor)
        except DeskError as exc:  # the session ended meanwhile: said once, as everywhere
            show_error(self._widget(), exc)
            return
        if offer is None and not asked:
            return  # (the usual start: the wizard's window is not even imported)
        from hotline_desk.gui.shell.setup_assistant import SetupAssistant

        start = offer.step if offer is not None else 0
        SetupAssistant(self.ctx, self.actor, start, self._folder(), self._widget()).exec()

    def change_password(self) -> None:
        PasswordDialog(self.ctx, self.actor, self.actor.username, self._widget()).exec()

    def second_factor(self) -> None:
        from hotline_desk.gui.shell.second_factor import SecondFactorDialog

        SecondFactorDialog(self.ctx, self.actor, self._widget()).exec()

    def connection_settings(self) -> None:
        from hotline_desk.gui.shell.connection import ConnectionDialog

        assert self.paths is not None
        ConnectionDialog(self.paths, self._widget()).exec()

    def about(self) -> None:
        text = QCoreApplication.translate(
            "MainWindow",
            "市长热线 · 市长信箱 办件台 {version}\n登记、分级转办、督办、审核答复、回访与统计。",
        ).format(version=__version__)
        QMessageBox.about(self._widget(), QCoreApplication.translate("MainWindow", "关于"), text)

    def _widget(self) -> QWidget:
        assert isinstance(self, QWidget)
        return self
