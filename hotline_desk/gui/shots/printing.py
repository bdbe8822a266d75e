"""Offscreen pictures of printing for ``hotline-desk screenshots``: the print preview of a
case's 交办单, of a 督办通知单 and of a 答复函, and the 单位设置 page where the administrator
picks the bureau's name and the PDF font. Each rendered preview is audited like any other
(output "preview")."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from hotline_desk.gui.common.tasks import TaskRunner
from hotline_desk.gui.printing.preview import PrintPreviewDialog
from hotline_desk.gui.shots.helpers import grab, wait_until
from hotline_desk.services.cases import queries
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseFilter
from hotline_desk.services.output import printing


def _has_ink(widget: QWidget, step: int = 12) -> bool:
    """Whether the widget shows anything dark yet (QPdfView paints pages asynchronously)."""
    image = widget.grab().toImage()
    return any(
        image.pixelColor(x, y).lightness() < 100
        for y in range(0, image.height(), step)
        for x in range(0, image.width(), step)
    )


def _preview(ctx: ServiceContext, actor: Actor, runner: TaskRunner, case_id: int, kind: str,
             path: Path) -> Path | None:  # fmt: skip
    dialog = PrintPreviewDialog(ctx, actor, runner, case_id, kind)
    dialog.show()
    ready = wait_until(lambda: dialog.job is not None and dialog.doc.pageCount() > 0)
    ready = ready and wait_until(lambda: _has_ink(dialog.view.viewport()))  # pages render later
    shot = grab(dialog, path, close=False) if ready else None
    dialog.close()
    dialog.deleteLater()
    return shot


def _case_with_order(ctx: ServiceContext, desk: Actor, look_at: int = 100) -> int | None:
    """An open case that has a 督办单 (demo data issues some), among the newest ``look_at``."""
    for status in ("in_progress", "dispatched"):
        rows = queries.list_cases(ctx, desk, CaseFilter(statuses=(status,)), limit=look_at)
        for row in rows.rows:
            if "notice" in printing.print_choices(ctx, desk, row.id).kinds:
                return row.id
    return None


def render_print_shots(ctx: ServiceContext, desk: Actor, admin: Actor, out: Path) -> list[Path]:
    """print_preview_slip.png, print_preview_letter.png and office_settings.png."""
    from hotline_desk.gui.pages.office import OfficeSettingsPage

    # The runner lives in a widget that shutdown deletes while Python is still alive (one owned
    # by the QApplication outlives the interpreter's objects, and PySide6 aborts at exit).
    holder = QWidget()
    runner = TaskRunner(holder)
    shots: list[Path] = []
    opened = queries.list_cases(ctx, desk, CaseFilter(statuses=("in_progress",)), limit=1)
    replied = queries.list_cases(ctx, desk, CaseFilter(statuses=("closed",)), limit=1)
    ordered = _case_with_order(ctx, desk)
    for case_id, kind, name in ((opened.rows[0].id if opened.rows else None, "slip", "slip"),
                                (ordered, "notice", "notice"),
                                (replied.rows[0].id if replied.rows else None, "letter",
                                 "letter")):  # fmt: skip
        if case_id is not None:
            path = out / f"print_preview_{name}.png"
            shot = _preview(ctx, desk, runner, case_id, kind, path)
            shots += [shot] if shot else []
    page = OfficeSettingsPage(ctx, admin)
    page.resize(900, 560)
    shots.append(grab(page, out / "office_settings.png", close=False))
    page.close()
    runner.wait()
    holder.deleteLater()
    return shots
