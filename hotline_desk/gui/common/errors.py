"""Errors shown as readable dialogs: a DeskError's message in the UI language, or for anything
unexpected a short notice while the details go to the log (no personal data there).

The domain and the services write their refusals in Chinese as ``Msg`` templates with
parameters (``domain/errors.py``); ``words.render`` translates the template in the context
``domain`` and fills in the parameters, enum members by their translated label. The templates
are listed for the .ts by ``tools/domain_messages.py``.
"""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from hotline_desk.domain.errors import ConflictError, DeskError, ValidationError
from hotline_desk.gui.common.words import render

log = logging.getLogger("hotline_desk.gui")


def error_text(exc: DeskError) -> str:
    """A refusal's message in the UI language (a ValidationError: its field messages)."""
    if isinstance(exc, ValidationError) and exc.field_errors:
        separator = QCoreApplication.translate("errors", ";", "separator between messages")
        return separator.join(render(m) for m in exc.field_errors.values())
    return render(exc.message)


def show_error(parent: QWidget | None, exc: BaseException, title: str | None = None) -> None:
    if isinstance(exc, ConflictError):
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
                "发生了意外错误,操作未完成,已写入日志。\n"
                "错误类型:{error_type}\n请将日志文件发送给系统管理员。",
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
