"""Screenshots of deadlines and supervision (for ``hotline-desk screenshots``): the supervision
board as it opens and with a case chosen, a section's overdue case with its deadline strip, the
extension, urge and order dialogs, the work calendar (a maintained year and one that is not)
and the time-limit table."""

from __future__ import annotations

from pathlib import Path

from hotline_desk.gui.shots.helpers import SIZE, loaded, login, save, wait_until
from hotline_desk.services.cases import read_model
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.supervision import board
from hotline_desk.services.supervision.board import BoardFilter


def render_deadline_shots(ctx: ServiceContext, out: Path, database: str) -> list[Path]:
    from hotline_desk.gui.actions.supervision import (
        ExtensionDecisionDialog,
        OrderDialog,
        RequestExtensionDialog,
        UrgeDialog,
    )
    from hotline_desk.gui.shell.main_window import MainWindow

    shots: list[Path] = []
    desk = login(ctx, "duban")
    window = MainWindow(ctx, desk, None, database)
    window.resize(*SIZE)
    window.show()
    window.show_page("board")
    page = window.page("board")
    model = page.model  # type: ignore[union-attr]
    wait_until(lambda: loaded(model) and page.counts is not None)  # type: ignore[union-attr]
    shots.append(save(window, out, "supervision_board_opened"))  # as it opens: no case chosen
    if model.rowCount():
        page.table.selectRow(0)  # type: ignore[union-attr]
        wait_until(lambda: page.detail.case is not None)  # type: ignore[union-attr]
    shots.append(save(window, out, "supervision_board"))

    red = board.board_page(ctx, desk, BoardFilter(level="red", clock="reply"), limit=20).rows
    target = next((r for r in red if r.urge_count == 0), red[0] if red else None)
    if target is not None:
        detail = read_model.get_case(ctx, desk, target.id)
        shots.append(save(UrgeDialog(ctx, desk, detail), out, "urge_dialog"))
        shots.append(save(OrderDialog(ctx, desk, detail), out, "order_dialog"))
    pending = _case_with_pending_extension(ctx, desk)
    if pending is not None:
        shots.append(save(ExtensionDecisionDialog(ctx, desk, pending), out, "extension_decision"))
    window.close()

    handler = login(ctx, "jingban")
    section = MainWindow(ctx, handler, None, database)
    section.resize(*SIZE)
    section.show()
    inbox = section.inbox
    if inbox is not None:
        section.show_page("inbox")
        wait_until(lambda: bool(inbox.counts))
        queue = "supervised" if inbox.counts.get("supervised") else "in_progress"
        inbox.select(queue)
        wait_until(lambda: loaded(inbox.workspace.model))
        if inbox.workspace.model.rowCount():
            inbox.workspace.panel.table.selectRow(0)
            wait_until(lambda: inbox.workspace.detail.case is not None)
        shots.append(save(section, out, "inbox_section_supervised"))
        current = inbox.workspace.detail.case
        if current is not None and current.work and current.work.may("request_extension"):
            dialog = RequestExtensionDialog(ctx, handler, current)
            shots.append(save(dialog, out, "extension_request"))
    section.close()

    admin = login(ctx, "sysadmin")
    admin_window = MainWindow(ctx, admin, None, database)
    admin_window.resize(*SIZE)
    admin_window.show()
    admin_window.show_page("calendar")
    calendar_page = admin_window.page("calendar")
    shots.append(save(admin_window, out, "work_calendar"))
    calendar_page.year.setValue(ctx.now().year + 1)  # type: ignore[union-attr]
    shots.append(save(admin_window, out, "work_calendar_unmaintained"))
    admin_window.show_page("limits")
    shots.append(save(admin_window, out, "time_limits"))
    admin_window.close()
    return shots


def _case_with_pending_extension(ctx: ServiceContext, desk):  # type: ignore[no-untyped-def]
    from hotline_desk.services.cases.queries import list_cases
    from hotline_desk.services.dto import CaseFilter

    rows = list_cases(ctx, desk, CaseFilter(queue="extensions"), limit=1).rows
    if not rows:
        return None
    return read_model.get_case(ctx, desk, rows[0].id)
