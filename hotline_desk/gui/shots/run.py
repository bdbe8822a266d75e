"""``hotline-desk screenshots --out DIR``: render every main view and dialog offscreen to PNG,
logged in as demo users, so people (and CI) can look at what the desk shows."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from hotline_desk import bootstrap
from hotline_desk.demo.hours import fix_clock
from hotline_desk.domain.errors import DeskError
from hotline_desk.gui.shots.helpers import (
    SIZE,
    loaded,
    login,
    offscreen_platform,
    save,
    wait_until,
)
from hotline_desk.services.cases import queries
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import CaseFilter


def render_all(ctx: ServiceContext, out: Path, database: str, paths=None) -> list[Path]:  # type: ignore[no-untyped-def]
    from hotline_desk.gui.actions.edit import EditCaseDialog
    from hotline_desk.gui.pages.users import NewUserDialog
    from hotline_desk.gui.shell.connection import ConnectionDialog
    from hotline_desk.gui.shell.login import LoginDialog, PasswordDialog
    from hotline_desk.gui.shell.main_window import MainWindow
    from hotline_desk.services.cases import read_model

    out.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    dialog = LoginDialog(ctx, database, "duban")
    shots.append(save(dialog, out, "login"))
    dialog.close()
    dialog = LoginDialog(None, "", "duban")  # 登录 pressed while the database still opens
    dialog.password.setText("Demo@2026")
    dialog.try_login()
    shots.append(save(dialog, out, "login_connecting"))
    dialog.close()

    desk = login(ctx, "duban")
    window = MainWindow(ctx, desk, None, database)
    window.resize(*SIZE)
    window.show()
    shots.append(_inbox_shot(window, out, "inbox_desk", "to_route"))
    window.show_page("cases")
    panel = window.case_panel
    assert panel is not None
    wait_until(lambda: panel.model.rowCount() > 0 and panel.model.total is not None)
    if panel.model.rowCount():
        panel.table.selectRow(0)
        wait_until(lambda: window.detail is not None and window.detail.case is not None)
    shots.append(save(window, out, "main_cases"))

    closed = queries.list_cases(ctx, desk, CaseFilter(statuses=("closed",)), limit=1).rows
    if closed:
        window.open_case(closed[0].id)
        shots.append(save(window, out, "case_detail_timeline"))

    window.show_page("register")
    shots.append(save(window, out, "register"))
    page = window.register_page
    assert page is not None
    page.form.caller_name.setText("张三")
    page.form.caller_phone.setText("12345")
    page.form.title.setText("标" * 105)
    page.save()
    shots.append(save(window, out, "register_errors"))
    page.form.clear()

    registered = queries.list_cases(ctx, desk, CaseFilter(statuses=("registered",)), limit=1)
    if registered.rows:
        detail = read_model.get_case(ctx, desk, registered.rows[0].id)
        edit = EditCaseDialog(ctx, desk, window.topics, detail)
        shots.append(save(edit, out, "edit_case"))
        edit.close()
    shots.append(
        save(PasswordDialog(ctx, desk, desk.username, forced=True), out, "password_change")
    )
    if paths is not None:
        shots.append(save(ConnectionDialog(paths), out, "connection"))
    from hotline_desk.gui.shots.closing import render_closing_shots

    shots += render_closing_shots(ctx, out, window, desk)
    from hotline_desk.gui.shots.attachments import render_attachment_shots

    shots += render_attachment_shots(ctx, out, window, desk)
    window.close()

    handler = login(ctx, "jingban")
    section_window = MainWindow(ctx, handler, None, database)
    section_window.resize(*SIZE)
    section_window.show()
    sp = section_window.case_panel
    assert sp is not None
    wait_until(lambda: sp.model.rowCount() > 0)
    if sp.model.rowCount():
        sp.table.selectRow(0)
    shots.append(save(section_window, out, "main_section_masked"))
    section_window.close()

    shots += _lifecycle_shots(ctx, out, database)
    from hotline_desk.gui.shots.deadlines import render_deadline_shots

    shots += render_deadline_shots(ctx, out, database)
    from hotline_desk.gui.shots.stats import render_stats

    shots += render_stats(ctx, desk, out, database)
    from hotline_desk.gui.shots.disclosure import render_disclosure

    shots += render_disclosure(ctx, desk, out, database)

    admin = login(ctx, "sysadmin")
    admin_window = MainWindow(ctx, admin, None, database)
    admin_window.show_page("templates")
    shots.append(save(admin_window, out, "reply_templates", SIZE))
    admin_window.show_page("users")
    shots.append(save(admin_window, out, "users", SIZE))
    shots.append(save(NewUserDialog(ctx, admin, window.units), out, "new_user"))
    admin_window.close()
    from hotline_desk.gui.shots.backup import render_backup_shots

    shots += render_backup_shots(ctx, admin, out, database)
    from hotline_desk.gui.shots.org_setup import render_org_setup

    shots += render_org_setup(ctx, admin, out, database)

    from hotline_desk.gui.shots.printing import render_print_shots

    shots += render_print_shots(ctx, desk, admin, out)

    from hotline_desk.gui.shots.intake import render_intake_shots

    shots += render_intake_shots(ctx, desk, out)
    from hotline_desk.gui.shots.layouts import render_layout_shots

    shots += render_layout_shots(ctx, desk, out, database)
    from hotline_desk.gui.shots.drafts import render_draft_shots

    shots += render_draft_shots(ctx, desk, out, database)

    from hotline_desk.gui.shots.help import render_help_shots

    shots += render_help_shots(ctx, out, database)
    from hotline_desk.gui.shots.search import render_search_shots

    shots += render_search_shots(ctx, out, database)

    auditor = login(ctx, "auditadmin")
    audit_window = MainWindow(ctx, auditor, None, database)
    audit_page = audit_window.page("audit")
    audit_page.verify()  # type: ignore[attr-defined]
    wait_until(lambda: audit_page.last_check is not None)  # type: ignore[attr-defined]
    shots.append(save(audit_window, out, "audit", SIZE))
    audit_window.close()
    return shots


def _inbox_shot(window, out: Path, name: str, queue: str) -> Path:  # type: ignore[no-untyped-def]
    """The 我的待办 page on ``queue`` with its first case open."""
    inbox = window.inbox
    assert inbox is not None
    window.show_page("inbox")
    wait_until(lambda: bool(inbox.counts))
    if queue in inbox.buttons:
        inbox.select(queue)
    model = inbox.workspace.model
    wait_until(lambda: loaded(model))
    if model.rowCount():
        inbox.workspace.panel.table.selectRow(0)
        wait_until(lambda: inbox.workspace.detail.case is not None)
    return save(window, out, name)


def _lifecycle_shots(ctx: ServiceContext, out: Path, database: str) -> list[Path]:
    """A section head's inbox, a case's 办理与答复 record, and the action dialogs."""
    from hotline_desk.gui.shell.main_window import MainWindow
    from hotline_desk.services.cases import read_model

    shots: list[Path] = []
    head = login(ctx, "kezhang")
    window = MainWindow(ctx, head, None, database)
    window.resize(*SIZE)
    window.show()
    shots.append(_inbox_shot(window, out, "inbox_section_head", "to_approve"))
    replied = queries.list_cases(ctx, head, CaseFilter(statuses=("replied", "closed")),
                                      limit=1).rows  # fmt: skip
    if replied:
        window.show_page("cases")
        cases_panel = window.case_panel
        assert cases_panel is not None
        wait_until(lambda: loaded(cases_panel.model))
        window.open_case(replied[0].id)
        assert window.detail is not None
        window.detail.tabs.setCurrentIndex(1)
        shots.append(save(window, out, "case_work_record"))
    window.close()
    try:
        from hotline_desk.gui.shots.actions import render_dialogs
    except ImportError:
        return shots
    desk = login(ctx, "duban")
    registered = queries.list_cases(ctx, desk, CaseFilter(statuses=("registered",)),
                                         limit=1).rows  # fmt: skip
    if registered:
        detail = read_model.get_case(ctx, desk, registered[0].id)
        shots += render_dialogs(ctx, desk, detail, out)
    return shots


def run_screenshots(data_dir: str | None, database_url: str | None, out_dir: str) -> int:
    from hotline_desk.gui.shell.app import create_application, shutdown_application

    with tempfile.TemporaryDirectory() as scratch:
        if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
            # dialogs size themselves to the screen: take the pictures on a 1366×768 one
            os.environ["QT_QPA_PLATFORM"] = offscreen_platform(Path(scratch))
        create_application()
    try:
        target = bootstrap.resolve_target(data_dir, database_url)
        ctx = bootstrap.open_target(target)
        fix_clock(ctx)  # one "now" after the demo's last record for every picture
        shots = render_all(ctx, Path(out_dir), target.display, target.paths)
        ctx.engines.dispose()
        done = QCoreApplication.translate("screenshots", "已生成 {count} 张截图：{folder}")
    except DeskError as exc:
        hint = QCoreApplication.translate(
            "screenshots", "（截图需要演示库：先运行 hotline-desk demo --cases N）"
        )
        print(f"{exc.message}\n{hint}", file=sys.stderr)
        return 1
    finally:
        shutdown_application()
    print(done.format(count=len(shots), folder=out_dir))
    return 0
