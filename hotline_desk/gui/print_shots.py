"""Offscreen pictures of printing for ``hotline-desk screenshots``: the print preview of a
case's 交办单, of its 答复函, and the 单位设置 page where the administrator picks the bureau's
name and the PDF font. Each rendered preview is audited like any other (output "preview")."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from hotline_desk.gui.print_preview import PrintPreviewDialog
from hotline_desk.gui.tasks import TaskRunner
from hotline_desk.services import case_queries
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseFilter

Wait = Callable[[Callable[[], bool]], bool]


def _grab(widget: QWidget, path: Path) -> Path:
    widget.show()
    QApplication.processEvents()
    widget.grab().save(str(path))
    print(path)
    return path


def _preview(ctx: ServiceContext, actor: Actor, runner: TaskRunner, case_id: int, kind: str,
             path: Path, wait: Wait) -> Path | None:  # fmt: skip
    dialog = PrintPreviewDialog(ctx, actor, runner, case_id, kind)
    dialog.resize(900, 1000)
    dialog.show()
    ready = wait(lambda: dialog.job is not None and dialog.doc.pageCount() > 0)
    shot = _grab(dialog, path) if ready else None
    dialog.close()
    dialog.deleteLater()
    return shot


def render_print_shots(ctx: ServiceContext, desk: Actor, admin: Actor, out: Path,
                       wait: Wait) -> list[Path]:  # fmt: skip
    """print_preview_slip.png, print_preview_letter.png and office_settings.png."""
    from hotline_desk.gui.office_page import OfficeSettingsPage

    # The runner lives in a widget that shutdown deletes while Python is still alive (one owned
    # by the QApplication outlives the interpreter's objects, and PySide6 aborts at exit).
    holder = QWidget()
    runner = TaskRunner(holder)
    shots: list[Path] = []
    opened = case_queries.list_cases(ctx, desk, CaseFilter(statuses=("in_progress",)), limit=1)
    replied = case_queries.list_cases(ctx, desk, CaseFilter(statuses=("closed",)), limit=1)
    for rows, kind, name in ((opened.rows, "slip", "print_preview_slip"),
                             (replied.rows, "letter", "print_preview_letter")):  # fmt: skip
        if rows:
            shot = _preview(ctx, desk, runner, rows[0].id, kind, out / f"{name}.png", wait)
            shots += [shot] if shot else []
    page = OfficeSettingsPage(ctx, admin)
    page.resize(900, 560)
    shots.append(_grab(page, out / "office_settings.png"))
    page.close()
    runner.wait()
    holder.deleteLater()
    return shots
