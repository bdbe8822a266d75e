"""Errors shown as readable dialogs: a DeskError's message in the UI language, or for anything
unexpected a short notice while the details go to the log (no personal data there).

The domain and the services write their refusals in Chinese as ``Msg`` templates with
parameters (``domain/errors.py``); ``words.render`` translates the template in the context
``domain`` and fills in the parameters, enum members by their translated label. The templates
are listed for the .ts by ``tools/domain_messages.py``.

A ``SessionEnded`` (the account was disabled, its password reset, its roles changed) is handled
here for every door of the GUI: its message is shown once, however many calls fail, and
``session_watch().ended`` tells the main window to go back to the login.
"""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from hotline_desk.domain.errors import ConflictError, DeskError, SessionEnded, ValidationError
from hotline_desk.gui.common.words import render

log = logging.getLogger("hotline_desk.gui")


def error_text(exc: DeskError) -> str:
    """A refusal's message in the UI language (a ValidationError: its field messages)."""
    if isinstance(exc, ValidationError) and exc.field_errors:
        separator = QCoreApplication.translate("errors", "；", "separator between messages")
        return separator.join(render(m) for m in exc.field_errors.values())
    return render(exc.message)


class SessionWatch(QObject):
    """Where a ended session is announced (one per application)."""

    ended = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ending = False
        """True from the first ``SessionEnded`` until a new session starts (``begin``)."""

    def begin(self) -> None:
        self.ending = False


_WATCH: list[SessionWatch] = []


def session_watch() -> SessionWatch:
    """The application's watch (made on first use, owned by the QApplication)."""
    app = QApplication.instance()
    if not _WATCH or _WATCH[0].parent() is not app:
        _WATCH[:] = [SessionWatch(app)]
    return _WATCH[0]


def session_ended(parent: QWidget | None, exc: SessionEnded) -> None:
    """Tell the user once why the session ended, then announce it (back to the login)."""
    watch = session_watch()
    if watch.ending:
        return
    watch.ending = True
    QMessageBox.warning(
        parent,
        QCoreApplication.translate("errors", "请重新登录"),
        error_text(exc),
    )
    watch.ended.emit(error_text(exc))


def show_error(parent: QWidget | None, exc: BaseException, title: str | None = None) -> None:
    if isinstance(exc, SessionEnded):
        session_ended(parent, exc)
    elif isinstance(exc, ConflictError):
        QMessageBox.warning(
            parent, QCoreApplication.translate("errors", "他人已修改"), error_text(exc)
        )
    elif isinstance(exc, DeskError):
        QMessageBox.warning(
            parent, title or QCoreApplication.translate("errors", "操作未完成"), error_text(exc)
        )
    else:
        log.error("unexpected error: %s", "".join(traceback.format_exception(exc)).rstrip())
        QMessageBox.critical(
            parent,
            QCoreApplication.translate("errors", "程序错误"),
            QCoreApplication.translate(
                "errors",
                "发生了意外错误，操作未完成，已写入日志。\n"
                "错误类型：{error_type}\n请将日志文件发送给系统管理员。",
            ).format(error_type=type(exc).__name__),
        )


def install_excepthook() -> None:
    """Turn uncaught exceptions in slots into a dialog instead of a crash or a traceback."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        parent = QApplication.activeWindow()
        show_error(parent, exc)

    sys.excepthook = hook
