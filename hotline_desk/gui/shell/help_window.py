"""The desk's manual (帮助 › 使用手册, F1) and the language switch (系统 › 语言).

The manual is one Markdown page per role under ``resources/help/<language>/`` (``zh_CN`` and
``en``); the window lists the pages on the left (each page's first heading is its name, so the
list is in the manual's language without a translation table) and opens on the page of the
logged-in user's role. The language of the manual is the language the desk runs in (the
translator ``app.py`` installed sets the default locale).

The language is a per-workstation setting (``ui/language`` in settings.json); a new choice
takes effect at the next start (the desk's widgets are built once, in the language they start
in), which the user is told.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hotline_desk.gui.common.fit import fit_to_screen
from hotline_desk.settings import Settings, resources_dir

if TYPE_CHECKING:
    from collections.abc import Iterable

    from hotline_desk.services.dto import Actor

HELP_PAGES: tuple[tuple[str, frozenset[str]], ...] = (
    ("intake", frozenset({"intake"})),
    ("desk", frozenset({"desk"})),
    ("handler", frozenset({"handler"})),
    ("section_head", frozenset({"section_head"})),
    ("leader", frozenset({"leader"})),
    ("admins", frozenset({"sys_admin", "sec_admin", "audit_admin"})),
)
"""The manual's pages (file ``<key>.md``) in the order listed, each with the roles (values of
``domain.enums.Role``) it is written for."""
HELP_LANGUAGES = ("zh_CN", "en")
LANGUAGES = ("zh_CN", "en")
"""The languages of 系统 › 语言."""


def language_name(code: str) -> str:
    """A language named in its own words (简体中文, English), as people look for it in a list
    they may not be able to read."""
    if code == "en":
        return QLocale(QLocale.Language.English).nativeLanguageName().removeprefix("American ")
    return QLocale(code).nativeLanguageName()


def current_language() -> str:
    """The language the desk runs in: "en" under the English translator, else "zh_CN"."""
    return "en" if QLocale().language() == QLocale.Language.English else "zh_CN"


def help_dir(language: str) -> Path:
    return resources_dir() / "help" / ("en" if language == "en" else "zh_CN")


OPENS_ON = ("admins", "leader", "section_head", "desk", "handler", "intake")
"""Which page the manual opens on for a user with several roles: the role with the most to do
in the desk first (a 督办员 who also registers opens on 督办员)."""


def page_for(roles: Iterable[str]) -> str:
    """The manual page for a user's roles."""
    held = set(roles)
    pages = dict(HELP_PAGES)
    for key in OPENS_ON:
        if held & pages[key]:
            return key
    return HELP_PAGES[0][0]


def page_title(text: str) -> str:
    """A page's name: its first heading."""
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return ""


class HelpWindow(QDialog):
    """使用手册: the role pages on the left, the chosen page on the right; not modal."""

    def __init__(self, roles: Iterable[str] = (), language: str | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(self.tr("使用手册"))
        self.language = language or current_language()
        self.pages = QListWidget()
        self.pages.setObjectName("helpPages")
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.texts: dict[str, str] = {}
        folder = help_dir(self.language)
        for key, _roles in HELP_PAGES:
            text = (folder / f"{key}.md").read_text(encoding="utf-8")
            self.texts[key] = text
            item = QListWidgetItem(page_title(text))
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.pages.addItem(item)
        self.pages.setFixedWidth(self.pages.sizeHintForColumn(0) + 28)
        self.pages.currentRowChanged.connect(self._show_row)
        splitter = QSplitter()
        splitter.addWidget(self.pages)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.show_page(page_for(roles))
        fit_to_screen(self, 980, 680)

    @property
    def page(self) -> str:
        item = self.pages.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ""

    def show_page(self, key: str) -> None:
        for row in range(self.pages.count()):
            if self.pages.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.pages.setCurrentRow(row)

    def _show_row(self, row: int) -> None:
        if row >= 0:
            self.browser.setMarkdown(
                self.texts[self.pages.item(row).data(Qt.ItemDataRole.UserRole)]
            )


class HelpLanguageActions:
    """帮助 › 使用手册 (F1) and 系统 › 语言: a mixin of ``MainWindow``."""

    settings: Settings | None
    actor: Actor
    help_window: HelpWindow | None = None
    language_actions: dict[str, QAction]

    def _add_help_entry(self, menu: QMenu) -> QAction:
        owner = self._owner()
        action = QAction(QCoreApplication.translate("MainWindow", "使用手册"), owner)
        action.setShortcut(QKeySequence(Qt.Key.Key_F1))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(self.open_help)
        menu.addAction(action)
        return action

    def _add_language_menu(self, menu: QMenu) -> None:
        """系统 › 语言: the two languages, the stored one checked (only where settings exist)."""
        self.language_actions = {}
        if self.settings is None:
            return
        sub = menu.addMenu(QCoreApplication.translate("MainWindow", "语言"))
        group = QActionGroup(sub)
        group.setExclusive(True)
        chosen = self.settings.get(Settings.LANGUAGE)
        for code in LANGUAGES:
            action = QAction(language_name(code), sub)
            action.setCheckable(True)
            action.setChecked(code == ("en" if chosen == "en" else "zh_CN"))
            action.triggered.connect(lambda _checked=False, c=code: self.choose_language(c))
            group.addAction(action)
            sub.addAction(action)
            self.language_actions[code] = action

    def choose_language(self, code: str) -> None:
        """Store the language for this workstation; it applies at the next start."""
        if self.settings is None or self.settings.get(Settings.LANGUAGE) == code:
            return
        self.settings.set(Settings.LANGUAGE, code)
        QMessageBox.information(
            self._owner(),
            QCoreApplication.translate("MainWindow", "语言"),
            QCoreApplication.translate(
                "MainWindow",
                "界面语言已改为“{language}”，重新启动办件台后生效。\n"
                "The language takes effect when the desk starts again.",
            ).format(language=language_name(code)),
        )

    def open_help(self) -> HelpWindow:
        """F1: the manual, on the page of the logged-in user's role (one window, reused)."""
        owner = self._owner()
        roles = self.actor.roles
        window = self.help_window
        if window is None or window.language != current_language():
            window = HelpWindow(roles, parent=owner)
            self.help_window = window
        else:
            window.show_page(page_for(roles))
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def _owner(self) -> QWidget:
        assert isinstance(self, QWidget)
        return self
