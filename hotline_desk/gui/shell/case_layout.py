"""Where each user wants the case detail: below the list or beside it (视图 › 详情在列表右侧),
and where they left the splitter between them, per page (全部办件, 我的待办, 督办台, 回访) and
orientation.

Kept per user in the workstation's ``settings.json`` under ``ui/case_layout/<username>`` (two
clerks sharing a desk each get their own), written when the choice changes, a few moments
after the splitter was moved and when the window closes; a new window reads it back. Until
the user chooses, a short screen (1366×768) starts with the detail beside the list.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QGuiApplication

from hotline_desk.gui.cases.split import ListDetailSplit
from hotline_desk.settings import Setting, Settings

SAVE_MS = 500
SHORT_SCREEN = 900
"""Below this available height the detail starts beside the list (1366×768: a list of 12
rows leaves too little for the detail below it); the user's choice overrides it."""


def default_place() -> str:
    screen = QGuiApplication.primaryScreen()
    short = screen is not None and screen.availableGeometry().height() < SHORT_SCREEN
    return "beside" if short else "below"


def layout_setting(username: str) -> Setting[dict[str, Any]]:
    return Setting(f"ui/case_layout/{username}", dict, {}, "case list/detail layout of a user")


class CaseLayouts(QObject):
    """The window's case workspaces laid out as the user chose, and that choice remembered."""

    def __init__(self, parent: QObject, settings: Settings | None, username: str) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setting = layout_setting(username)
        self.kept: dict[str, Any] = dict(settings.get(self.setting)) if settings else {}
        self.workspaces: dict[str, ListDetailSplit] = {}
        self.toggle = QAction(self.tr("详情在列表右侧"), self)
        self.toggle.setCheckable(True)
        self.toggle.setShortcut("Ctrl+Shift+D")
        self.toggle.setChecked(self.kept.get("detail", default_place()) == "beside")
        self.toggle.toggled.connect(self.set_beside)
        self._save = QTimer(self, singleShot=True, interval=SAVE_MS)
        self._save.timeout.connect(self.save)

    @property
    def beside(self) -> bool:
        return self.toggle.isChecked()

    def attach(self, name: str, workspace: ListDetailSplit) -> None:
        """Lay ``workspace`` out as kept for ``name`` and remember where the user moves it."""
        self.workspaces[name] = workspace
        places = self.kept.get(name)
        if isinstance(places, dict):
            workspace.kept = {
                k: [int(x) for x in v]
                for k, v in places.items()
                if isinstance(v, list) and all(isinstance(x, int) for x in v)
            }
        workspace.set_beside(self.beside)
        workspace.layoutChanged.connect(self._save.start)

    def set_beside(self, beside: bool) -> None:
        if self.toggle.isChecked() != beside:
            self.toggle.setChecked(beside)  # comes back here through ``toggled``
            return
        for workspace in self.workspaces.values():
            workspace.set_beside(beside)
        self.save()

    def save(self) -> None:
        self._save.stop()
        self.kept["detail"] = "beside" if self.beside else "below"
        for name, workspace in self.workspaces.items():
            self.kept[name] = {k: list(v) for k, v in workspace.kept.items()}
        if self.settings is not None:
            self.settings.set(self.setting, dict(self.kept))
