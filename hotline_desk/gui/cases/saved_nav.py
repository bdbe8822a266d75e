"""保存的查询 in the navigation (issue 16): the user's saved searches under the page list; a
click shows 全部办件 with the search run, 删除 (context menu or the Delete key) asks first and
deletes it (audited by the service). The list follows every change to saved searches."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from hotline_desk.domain.changes import USERS
from hotline_desk.gui.common.bus import subscribe
from hotline_desk.gui.common.errors import show_error
from hotline_desk.gui.common.writes import write
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseFilter
from hotline_desk.services.search import saved


class SavedSearchNav(QWidget):
    def __init__(
        self,
        ctx: ServiceContext,
        actor: Actor,
        run: Callable[[CaseFilter], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.actor, self._run = ctx, actor, run
        self.title = QLabel(self.tr("保存的查询"))
        self.title.setStyleSheet("color: gray; padding-top: 6px;")
        self.list = QListWidget()
        self.list.setObjectName("savedSearches")
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.delete_action = QAction(self.tr("删除"), self.list)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.list.addAction(self.delete_action)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 1)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        self.delete_action.triggered.connect(self.delete_current)
        subscribe(self, (USERS,), self._followed)
        self.reload()

    def _followed(self) -> None:
        """A change to saved searches: reloaded while the window is on screen. A window closed
        (signed out, or a test's) stays alive until Qt deletes it and must not query its ended
        session, nor raise an error box over the desk in use (the bus drops most such
        subscriptions; a window never shown keeps its own)."""
        if self.window().isVisible():
            self.reload()

    def reload(self) -> None:
        try:
            searches = saved.list_saved(self.ctx, self.actor)
        except Exception as exc:  # noqa: BLE001 - a session that ended, a lost server
            show_error(self, exc)
            return
        self.list.clear()
        for search in searches:
            item = QListWidgetItem(search.name)
            item.setData(Qt.ItemDataRole.UserRole, search)
            item.setToolTip(search.filter.text or search.name)
            self.list.addItem(item)
        self.setVisible(bool(searches))

    def _activated(self, item: QListWidgetItem) -> None:
        self._run(item.data(Qt.ItemDataRole.UserRole).filter)

    def delete_current(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        search = item.data(Qt.ItemDataRole.UserRole)
        sure = QMessageBox.question(
            self, self.tr("删除保存的查询"),
            self.tr("删除保存的查询“{name}”？").format(name=search.name),
        )  # fmt: skip
        if sure == QMessageBox.StandardButton.Yes:
            write(self, self.ctx, lambda: saved.delete_saved(self.ctx, self.actor, search.id))
