"""Starting the desk: QApplication with a CJK font, translations and the stylesheet, then
database, login and the main window (again after 注销 or 切换用户).

The login window is painted first: the database (SQLAlchemy, the schema check, the seed) opens
behind it on a worker thread (opening.py), and the main window's modules load after the login.
Nothing this module imports at the top may pull in SQLAlchemy, Alembic or reportlab
(tests/unit/test_cold_start_imports.py).

The UI's source language is Simplified Chinese; ``resources/translations/hotline_desk_<lang>.qm``
(see the README there) translates it when the ``ui/language`` setting names another language.
"""

from __future__ import annotations

import gc
import logging
import sys
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, Qt, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from hotline_desk import __version__
from hotline_desk.domain.errors import DeskError
from hotline_desk.gui.common.discard import GuardedDialog
from hotline_desk.gui.common.errors import error_text, install_excepthook, show_error
from hotline_desk.gui.shell.collector import MainThreadCollector
from hotline_desk.settings import Paths, Settings, resources_dir

if TYPE_CHECKING:
    from collections.abc import Callable

    from hotline_desk.services.context import ServiceContext
    from hotline_desk.services.dto import LoginResult

log = logging.getLogger("hotline_desk.gui")
CJK_FONTS = ["Microsoft YaHei UI", "Microsoft YaHei", "SimHei", "PingFang SC",
             "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
             "SimSun"]  # fmt: skip


def _pick_font() -> QFont | None:
    families = set(QFontDatabase.families())
    for name in CJK_FONTS:
        if name in families:
            font = QFont(name)
            font.setPointSize(10)
            return font
    return None


TRANSLATOR_NAME = "hotline_desk_translator"


def _install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Switch to ``language`` (zh_CN or en): replaces the translators installed before."""
    for old in app.findChildren(QTranslator, TRANSLATOR_NAME):
        app.removeTranslator(old)
        old.setParent(None)  # now owned by Python, freed with its last reference
    locale = "zh_CN" if language != "en" else "en"
    QLocale.setDefault(QLocale(locale))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ours = str(resources_dir() / "translations")
    installed: list[QTranslator] = []
    for name, folder in ((f"qtbase_{locale}", qt_dir), (f"hotline_desk_{locale}", ours)):
        translator = QTranslator(app)
        translator.setObjectName(TRANSLATOR_NAME)
        if translator.load(name, folder):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            translator.setParent(None)
    return installed


def create_application(argv: list[str] | None = None, language: str = "zh_CN") -> QApplication:
    """The configured QApplication (reused if one exists, e.g. under pytest-qt)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        QApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(argv if argv is not None else sys.argv[:1])
    QCoreApplication.setApplicationName("hotline_desk")
    QCoreApplication.setApplicationVersion(__version__)
    _install_translators(app, language)
    app.setApplicationDisplayName(QCoreApplication.translate("app", "市长热线办件台"))
    font = _pick_font()
    if font is not None:
        app.setFont(font)
    style = resources_dir() / "style.qss"
    if style.exists():
        app.setStyleSheet(style.read_text(encoding="utf-8"))
    if app.findChild(MainThreadCollector) is None:
        MainThreadCollector(app).start()
    return app


def _collector(app: QApplication) -> MainThreadCollector:
    found = app.findChild(MainThreadCollector)
    return found if found is not None else MainThreadCollector(app)


def shutdown_application() -> None:
    """Delete every window, then the QApplication, while Python is still fully alive.

    Left to the interpreter's exit, PySide6 destroys the QApplication first and the windows
    after it; a widget destructor then reaches into the dead application and the process ends
    with a segmentation fault (exit code 139) even though everything before it succeeded.
    """
    app = QApplication.instance()
    if app is None or not shiboken6.isValid(app):
        return
    collector = app.findChild(MainThreadCollector)
    if collector is not None:
        collector.stop()
    gc.collect()  # garbage windows go now, on this thread, before the rest is torn down
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    for widget in QApplication.topLevelWidgets():
        if shiboken6.isValid(widget):
            if isinstance(widget, GuardedDialog):
                widget.discard()  # the desk is exiting: no 是否放弃 question any more
            widget.close()
            if widget.windowType() == Qt.WindowType.Popup:
                continue  # a completer's list: its completer deletes it (twice would crash)
            widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    shiboken6.delete(app)


def run_gui(data_dir: str | None, database_url: str | None) -> int:
    paths = Paths.resolve(data_dir)
    settings = Settings(paths.settings_file)
    app = create_application(language=settings.get(Settings.LANGUAGE))
    _collector(app).hold()  # released once the main window's first page is on screen
    install_excepthook()
    try:
        code = _run_desk(app, paths, settings, data_dir, database_url)
    finally:
        shutdown_application()
    if code == RESTART:
        relaunch()
        return 0
    return code


STARTED_MS = 1500
"""How long after the main window shows its background work starts (its first page first)."""

PRIVACY_WARM_UP_MS = 3000
"""How long after the main window shows the personal-data detector starts loading."""

RESTART = 75
"""``_run_desk``'s code when a restore replaced the database and the desk must start again."""


def relaunch() -> None:
    """Start the desk again as a new process with the same command line (after this one has
    let go of the database and its windows)."""
    import subprocess

    if getattr(sys, "frozen", False):  # the PyInstaller build
        args = [sys.executable, *sys.argv[1:]]
    else:
        args = [sys.executable, *sys.orig_argv[1:]]
    log.info("restarting the desk after a restore")
    subprocess.Popen(args, close_fds=True, start_new_session=sys.platform != "win32")


def _run_desk(app: QApplication, paths: Paths, settings: Settings, data_dir: str | None,
              database_url: str | None) -> int:  # fmt: skip
    """Login (the database opening behind it), main window; returns the exit code."""
    from hotline_desk.gui.shell.login import LoginDialog
    from hotline_desk.gui.shell.opening import DeskOpening

    while True:
        opening = DeskOpening(data_dir, database_url)
        dialog = LoginDialog(None, "", settings.get(Settings.LAST_USERNAME))
        dialog.early_password = opening.early_password
        # The database opens as soon as the login is on screen (in any case within a second)
        dialog.painted.connect(opening.start)
        QTimer.singleShot(1000, opening.start)
        opening.opened.connect(dialog.set_context)
        opening.failed.connect(dialog.database_failed)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted and dialog.result_login
        if accepted and opening.ctx is not None and opening.target is not None:
            opening.wait()  # the rest of its work: the main window's modules (opening.py)
            ctx, target = opening.ctx, opening.target
            break
        opening.close()  # the login closed: wait for the worker, let go of its database
        if (exc := opening.error) is not None:
            if not _opening_failed(paths, exc):
                return 1
            continue
        if dialog.wants_connection_settings:
            from hotline_desk.gui.shell.connection import ConnectionDialog

            ConnectionDialog(paths).exec()
            continue
        return 0
    login = dialog.result_login
    try:
        return run_sessions(app, ctx, login, paths, settings, target.display)
    finally:
        ctx.engines.dispose()


def _opening_failed(paths: Paths, exc: BaseException) -> bool:
    """Why the database did not open; True when the user changed the connection (try again)."""
    if not isinstance(exc, DeskError):
        show_error(None, exc)  # shown as a dialog, details logged
        return False
    from hotline_desk.gui.shell.connection import ConnectionDialog

    QMessageBox.warning(None, QCoreApplication.translate("app", "无法打开数据库"), error_text(exc))
    return ConnectionDialog(paths).exec() == QDialog.DialogCode.Accepted


def run_sessions(app: QApplication, ctx: ServiceContext, login: LoginResult, paths: Paths,
                 settings: Settings, database: str,
                 event_loop: Callable[[], int] | None = None) -> int:  # fmt: skip
    """One main window per login; 注销, 切换用户 or a session the services ended shows the
    login again (切换用户 with the name field empty). Returns the exit code (``RESTART`` after
    a restore). ``event_loop`` is ``app.exec`` (a test drives it instead)."""
    from hotline_desk.gui.shell.login import LoginDialog, ask_password_change
    from hotline_desk.gui.shell.main_window import MainWindow

    run = event_loop or app.exec
    while True:
        settings.set(Settings.LAST_USERNAME, login.actor.username)
        if login.must_change_password and not ask_password_change(ctx, login.actor, login.reason):
            return 0
        if login.must_enrol_second_factor:
            from hotline_desk.gui.shell.second_factor import ask_enrolment

            if not ask_enrolment(ctx, login.actor):
                return 0
        window = MainWindow(ctx, login.actor, paths, database)
        restart: list[bool] = []
        window.restartRequested.connect(lambda flag=restart: (flag.append(True), app.quit()))
        window.signedOut.connect(lambda _kind: app.quit())
        window.show()
        # after the first rows (their loading needs the GIL): the collector, the daily backup
        # (SQLite) and the audit chain's check, at the start and daily, off the GUI thread;
        # the window's own by timers that are its children, so a sign-out before they fire
        # stops them with the window's other timers (``release_database``)
        from hotline_desk.gui.common.tasks import run_later

        QTimer.singleShot(STARTED_MS, app, _collector(app).release)
        run_later(window, STARTED_MS, window.auto_backup.start)
        run_later(window, STARTED_MS, window.audit_watch.start)
        # the personal-data detector's dictionary, off the GUI thread once the first rows are
        # on screen (importing it holds the GIL the first page's loading needs for a second)
        run_later(window, PRIVACY_WARM_UP_MS, window.warm_up_privacy)
        run_later(window, STARTED_MS, window.setup_assistant)  # 首次设置, a new desk
        code = run()
        kind = window.signed_out
        window.deleteLater()
        if restart:
            return RESTART
        if not kind:
            return int(code)
        name = "" if kind == "switch" else login.actor.username
        dialog = LoginDialog(ctx, database, name)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_login is None:
            return 0
        login = dialog.result_login
