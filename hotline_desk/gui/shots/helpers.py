"""The screenshot tool's public helpers: log in as a demo user, open the main window as them,
wait for background work, and save a window or dialog as a PNG at its real size.

Every ``shots`` module renders its capability's views with these and nothing private of
another module: ``run.py`` calls each module's ``render_*`` in turn.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDeadlineTimer, QEventLoop
from PySide6.QtWidgets import QApplication, QWidget

from hotline_desk.demo.rows import DEMO_PASSWORD
from hotline_desk.services.admin import auth
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor

if TYPE_CHECKING:
    from hotline_desk.gui.shell.main_window import MainWindow

SIZE = (1366, 740)
"""A 1366×768 screen less the Windows taskbar: every main view is looked at this size."""

SCREEN = (1366, 728)
"""The offscreen screen the pictures are taken on: 1366×768 less a 40 px taskbar, so each
dialog opens at the size it would take on a clerk's screen (``fit_to_screen``)."""


def offscreen_platform(folder: Path) -> str:
    """``QT_QPA_PLATFORM`` for an offscreen screen of ``SCREEN`` at 100 % (the offscreen
    plugin's default is 800×800): writes its configuration file into ``folder``."""
    config = folder / "offscreen-screen.json"
    screen = {"name": "desk", "x": 0, "y": 0, "width": SCREEN[0], "height": SCREEN[1],
              "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}  # fmt: skip
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    return f"offscreen:configfile={config}"


def wait_until(condition: Callable[[], bool], timeout_ms: int = 10_000) -> bool:
    """Spin the event loop until ``condition`` holds (background pages arriving)."""
    deadline = QDeadlineTimer(timeout_ms)
    while not condition():
        if deadline.hasExpired():
            return False
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    return True


def loaded(model: Any) -> bool:
    """A lazy list model has counted its rows and shows the first page (or there are none)."""
    return model.total is not None and not model.loading and (model.rowCount() > 0 or
                                                              model.total == 0)  # fmt: skip


def save(widget: QWidget, out: Path, name: str, size: tuple[int, int] | None = None) -> Path:
    """Show ``widget`` (at ``size`` if given: main windows; a dialog keeps the size it opens
    with), let it paint, write ``out/name.png``; the widget stays open (a main window is reused
    for the next shot)."""
    if size:
        widget.resize(*size)
    widget.show()
    QApplication.processEvents()
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print(path)
    return path


def grab(widget: QWidget, path: Path, *, close: bool = True) -> Path:
    """Show a dialog at its own size, write ``path``, then close and delete it (unless
    ``close`` is False)."""
    widget.show()
    QApplication.processEvents()
    widget.grab().save(str(path))
    print(path)
    if close:
        widget.close()
        widget.deleteLater()
    return path


def login(ctx: ServiceContext, username: str) -> Actor:
    """A demo user (``hotline-desk demo`` made them all with the same password)."""
    return auth.login(ctx, username, DEMO_PASSWORD).actor


def open_window(ctx: ServiceContext, user: str | Actor, database: str) -> MainWindow:
    """The main window as a demo user, at ``SIZE`` and shown."""
    from hotline_desk.gui.shell.main_window import MainWindow

    actor = login(ctx, user) if isinstance(user, str) else user
    window = MainWindow(ctx, actor, None, database)
    window.resize(*SIZE)
    window.show()
    return window
