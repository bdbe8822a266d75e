"""系统 › 语言 and 帮助 › 使用手册 (F1): the language choice is kept per workstation and applied by
the next start; the manual opens on the page of the user's role, in the desk's language; the
navigation never scrolls sideways in English; every role's manual page exists in both
languages and names only menu entries, pages and buttons the desk really has."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QGroupBox, QMenu, QTabWidget

from hotline_desk.domain.actions import SPECS
from hotline_desk.gui.shell import help_window
from hotline_desk.gui.shell.app import _install_translators, create_application
from hotline_desk.gui.shell.help_window import HELP_LANGUAGES, HELP_PAGES, HelpWindow, help_dir
from hotline_desk.gui.shell.main_window import MainWindow
from hotline_desk.services.cases import queues
from hotline_desk.settings import Paths, Settings

QUOTED = re.compile(r"「([^」]+)」")


@pytest.fixture
def chinese_after(app) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Whatever a test switches to, the next test starts in Chinese."""
    yield
    _install_translators(app, "zh_CN")


@pytest.fixture
def told(monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    """The information boxes shown (a modal box would block the test)."""
    shown: list[str] = []
    monkeypatch.setattr(help_window.QMessageBox, "information",
                        lambda _parent, _title, text: shown.append(text))  # fmt: skip
    return shown


def _window(qtbot, ctx, actor, paths: Paths | None = None) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, actor, paths, "test")
    qtbot.addWidget(window)
    window.resize(1366, 740)
    window.show()
    qtbot.waitExposed(window)
    return window


def _language_menu(window: MainWindow) -> QMenu:
    system = window.menuBar().actions()[1].menu()
    sub = next(a.menu() for a in system.actions() if a.menu() is not None)
    return sub


def test_choosing_english_holds_and_the_next_start_is_english(
    qtbot, app, ctx, make_actor, tmp_path, told, chinese_after
) -> None:  # type: ignore[no-untyped-def]
    paths = Paths.resolve(tmp_path)
    window = _window(qtbot, ctx, make_actor("desk", "intake"), paths)
    menu = _language_menu(window)
    assert menu.title() == "语言"
    assert [a.text() for a in menu.actions()] == ["简体中文", "English"]
    assert [a.isChecked() for a in menu.actions()] == [True, False]

    menu.actions()[1].trigger()  # the user picks English
    assert Settings(paths.settings_file).get(Settings.LANGUAGE) == "en"
    assert window.language_actions["en"].isChecked()
    assert len(told) == 1 and "重新启动" in told[0]
    assert window.nav.item(1).text() == "全部办件"  # this window stays Chinese until restart

    # the next start: app.run_gui reads the setting and installs that translator
    create_application(language=Settings(paths.settings_file).get(Settings.LANGUAGE))
    assert QCoreApplication.translate("MainWindow", "全部办件") == "All cases"
    english = _window(qtbot, ctx, make_actor("desk", username="desk2"), paths)
    assert english.nav.item(1).text() == "All cases"
    assert english.language_actions["en"].isChecked()

    english.language_actions["zh_CN"].trigger()  # and back to Chinese
    assert Settings(paths.settings_file).get(Settings.LANGUAGE) == "zh_CN"
    create_application(language=Settings(paths.settings_file).get(Settings.LANGUAGE))
    assert QCoreApplication.translate("MainWindow", "全部办件") == "全部办件"
    again = _window(qtbot, ctx, make_actor("desk", username="desk3"), paths)
    assert again.nav.item(1).text() == "全部办件"
    assert len(told) == 2


def test_no_language_menu_without_a_settings_file(qtbot, app, ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, ctx, make_actor("desk"))
    system = window.menuBar().actions()[1].menu()
    assert all(a.menu() is None for a in system.actions())  # nothing to keep the choice in


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_navigation_never_scrolls_sideways(
    qtbot, app, ctx, make_actor, language, chinese_after, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    _install_translators(app, language)
    for roles in (("desk", "intake"), ("sys_admin",), ("leader",)):
        window = _window(qtbot, ctx, make_actor(*roles))
        window.resize(1366, 740)
        window.show()
        nav = window.nav
        window._set_nav_text("inbox", window.nav.item(0).text() + " (1234)")
        QApplication.processEvents()
        assert not nav.horizontalScrollBar().isVisible(), (language, roles)
        widest = max(nav.visualItemRect(nav.item(r)).width() for r in range(nav.count()))
        assert widest <= nav.viewport().width()
        metrics = nav.fontMetrics()
        for row in range(nav.count()):
            text = nav.item(row).text()
            assert metrics.horizontalAdvance(text) + 24 <= nav.viewport().width(), text
        assert nav.width() <= 240
        window.grab().save(str(tmp_path / f"nav_{language}_{roles[0]}.png"))
        window.close()


def test_f1_opens_the_manual_on_the_users_role(qtbot, app, ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, ctx, make_actor("handler", unit="CYFZ"))
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.help_window is not None and window.help_window.isVisible())
    manual = window.help_window
    assert manual.page == "handler"
    assert manual.pages.currentItem().text() == "经办人"
    assert "签收" in manual.browser.toPlainText()
    names = [manual.pages.item(r).text() for r in range(manual.pages.count())]
    assert names[:5] == ["登记员", "督办员", "经办人", "科室负责人", "领导"]
    assert names[5] == "三员（系统管理员、安全管理员、审计管理员）"

    qtbot.mouseClick(manual.pages.viewport(), Qt.MouseButton.LeftButton,
                     pos=manual.pages.visualItemRect(manual.pages.item(1)).center())  # fmt: skip
    assert manual.page == "desk"
    assert manual.browser.toPlainText().startswith("督办员")
    assert "督办台" in manual.browser.toPlainText()

    help_menu = window.menuBar().actions()[-1].menu()
    entry = next(a for a in help_menu.actions() if a.text() == "使用手册")
    assert entry.shortcut().toString() == "F1"
    entry.trigger()  # from the menu: the same window, back on the user's page
    assert window.help_window is manual and manual.page == "handler"


def test_a_user_with_several_roles_gets_the_busier_page() -> None:
    assert help_window.page_for(["intake", "desk"]) == "desk"
    assert help_window.page_for(["handler", "section_head"]) == "section_head"
    assert help_window.page_for(["audit_admin"]) == "admins"
    assert help_window.page_for(["intake"]) == "intake"


def test_f1_from_any_page(qtbot, app, ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, ctx, make_actor("sys_admin"))
    window.show_page("calendar")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.stack.currentWidget(), Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.help_window is not None and window.help_window.isVisible())
    assert window.help_window.page == "admins"


def test_the_manual_is_english_when_the_desk_is(qtbot, app, ctx, make_actor, chinese_after) -> None:  # type: ignore[no-untyped-def]
    _install_translators(app, "en")
    window = _window(qtbot, ctx, make_actor("section_head", unit="CYFZ"))
    manual = window.open_help()
    assert manual.language == "en"
    assert manual.pages.currentItem().text() == "Section head"
    assert manual.windowTitle() == "User manual" or manual.windowTitle() == "使用手册"
    assert "approve" in manual.browser.toPlainText()


@pytest.mark.parametrize("language", HELP_LANGUAGES)
def test_every_role_has_a_page(language: str) -> None:
    folder = help_dir(language)
    names = {p.stem for p in folder.glob("*.md")}
    assert names == {key for key, _roles in HELP_PAGES}
    for key, _roles in HELP_PAGES:
        text = (folder / f"{key}.md").read_text(encoding="utf-8")
        assert text.startswith("# "), key
        assert len(text) > 400, f"{language}/{key}.md is too short to be of use"
        if language == "zh_CN":
            assert "F1" in text and "Ctrl+L" in text, key


def _normal(text: str) -> str:
    """A widget text as a manual names it: no mnemonic, no count badge."""
    text = re.sub(r"\(&\w\)", "", text).replace("&&", "&").replace("&", "")
    return re.sub(r"\s*[(（]\d+[)）]$", "", text).strip()


def _desk_texts(qtbot, ctx, make_actor) -> set[str]:  # type: ignore[no-untyped-def]
    """Every menu entry, page, tab and button text the desk shows any role."""
    found: set[str] = set()
    roles = [("intake",), ("desk",), ("handler", "section_head"), ("leader",), ("sys_admin",),
             ("sec_admin",), ("audit_admin",)]  # fmt: skip
    for n, held in enumerate(roles):
        unit = "CYFZ" if "handler" in held else "BGS"
        window = MainWindow(ctx, make_actor(*held, unit=unit, username=f"u{n}"))
        qtbot.addWidget(window)
        stack = [window.menuBar()]
        while stack:
            for action in stack.pop().actions():
                found.add(_normal(action.text()))
                if action.menu() is not None:
                    stack.append(action.menu())
        for row in range(window.nav.count()):
            found.add(_normal(window.nav.item(row).text()))
            window.page(window.nav.item(row).data(Qt.ItemDataRole.UserRole))
        found |= {_normal(b.text()) for b in window.findChildren(QAbstractButton)}
        found |= {_normal(g.title()) for g in window.findChildren(QGroupBox)}
        for tabs in window.findChildren(QTabWidget):
            found |= {_normal(tabs.tabText(i)) for i in range(tabs.count())}
        window.runner.wait()
        window.close()
    found |= {s.button_text for s in SPECS} | set(queues.QUEUE_LABELS.values())
    return found


def test_the_chinese_manual_names_only_what_the_desk_has(qtbot, app, ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    texts = _desk_texts(qtbot, ctx, make_actor)
    missing = []
    for key, _roles in HELP_PAGES:
        page = (help_dir("zh_CN") / f"{key}.md").read_text(encoding="utf-8")
        missing += [f"{key}: 「{name}」" for name in QUOTED.findall(page) if name not in texts]
    assert missing == [], "the manual names entries the desk does not have"


def test_the_help_window_shows_markdown(qtbot, app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    manual = HelpWindow(["intake"], "zh_CN")
    qtbot.addWidget(manual)
    manual.show()
    qtbot.waitExposed(manual)
    assert manual.page == "intake"
    assert "#" not in manual.browser.toPlainText().splitlines()[0]  # rendered, not raw Markdown
    assert manual.width() <= 1366 and manual.height() <= 728


def test_the_manual_covers_every_role_once() -> None:
    from hotline_desk.domain.enums.org import Role

    listed = [role for _key, roles in HELP_PAGES for role in roles]
    assert sorted(listed) == sorted(r.value for r in Role)
