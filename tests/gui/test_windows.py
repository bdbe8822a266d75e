"""pytest-qt tests of the other windows: lazy list paging, edit conflicts, first admin
password, connection settings, user administration, audit page, screenshots command."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFontMetrics, QImage
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox
from sqlalchemy import text

from hotline_desk.demo.generate import generate_demo
from hotline_desk.gui.actions.edit import EditCaseDialog
from hotline_desk.gui.common.tasks import TaskRunner
from hotline_desk.gui.pages.audit import AuditPage
from hotline_desk.gui.pages.users import NewUserDialog, UsersPage
from hotline_desk.gui.shell.connection import ConnectionDialog
from hotline_desk.gui.shell.login import PasswordDialog
from hotline_desk.gui.shell.main_window import MainWindow
from hotline_desk.services.admin import auth, users
from hotline_desk.services.cases import catalog, read_model, registration
from hotline_desk.settings import Paths, Settings
from tests.factories import case_input
from tests.gui.conftest import ime_type


def test_app_font_has_chinese_glyphs(app) -> None:  # type: ignore[no-untyped-def]
    metrics = QFontMetrics(app.font())
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "市长热线办件台登记")


def test_case_list_fetches_pages_lazily(qtbot, app, ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    generate_demo(ctx, 260, seed=1)
    window = MainWindow(ctx, make_actor("desk"))
    qtbot.addWidget(window)
    model = window.case_panel.model
    qtbot.waitUntil(lambda: model.rowCount() == 100 and model.total == 260)
    assert window.case_panel.total_label.text() == "共 260 件，已载入 100 件（向下滚动自动载入）"
    assert model.canFetchMore(QModelIndex())
    with qtbot.waitSignal(model.pageLoaded):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 200
    ids = [model.row(i).id for i in range(200)]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == 200
    # filtering by channel resets and counts again
    panel = window.case_panel
    panel.channel.set_value("mailbox")
    with ctx.uow.read() as uow:
        mailbox = uow.session.execute(
            text("SELECT COUNT(*) FROM cases WHERE channel='mailbox'")
        ).scalar_one()
    qtbot.waitUntil(lambda: model.total == mailbox)
    qtbot.waitUntil(lambda: model.rowCount() == min(mailbox, 100))
    assert {model.row(i).channel for i in range(model.rowCount())} == {"mailbox"}
    # sorting by a header click
    panel.table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.AscendingOrder)
    panel._on_header(1)
    qtbot.waitUntil(lambda: model.sort_key.column == "received_at" and model.rowCount() > 1)
    times = [model.row(i).received_at for i in range(model.rowCount())]
    assert times == sorted(times)


def test_scanned_case_number_opens_the_case(qtbot, app, ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    clerk = make_actor("intake")
    detail = registration.register_case(ctx, clerk, case_input(ctx))
    window = MainWindow(ctx, clerk)
    qtbot.addWidget(window)
    qtbot.keyClicks(window.case_panel.search, detail.case_no)  # a USB scanner types + Enter
    qtbot.keyClick(window.case_panel.search, Qt.Key.Key_Return)
    assert window.detail.case is not None and window.detail.case.case_no == detail.case_no


def test_edit_dialog_saves_and_refuses_stale_version(
    qtbot, app, ctx, make_actor, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    clerk, other = make_actor("intake"), make_actor("desk")
    topics = catalog.list_topics(ctx)
    detail = registration.register_case(ctx, clerk, case_input(ctx))
    dialog = EditCaseDialog(ctx, clerk, topics, detail)
    qtbot.addWidget(dialog)
    dialog.form.title.clear()
    ime_type(dialog.form.title, "咨询专项资金申报截止时间")
    qtbot.keyClick(dialog.form.title, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert read_model.get_case(ctx, clerk, detail.id).title == "咨询专项资金申报截止时间"

    # someone else saves first; the stale dialog is refused and says who
    stale = read_model.get_case(ctx, clerk, detail.id)
    theirs = replace(case_input(ctx, received_at=stale.received_at), title="他人的修改")
    registration.update_case(ctx, other, detail.id, stale.version, theirs)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    dialog2 = EditCaseDialog(ctx, clerk, topics, stale)
    qtbot.addWidget(dialog2)
    ime_type(dialog2.form.content, "补充内容")
    dialog2.save()
    assert shown and other.display_name in shown[0]
    assert read_model.get_case(ctx, clerk, detail.id).title == "他人的修改"


def test_first_admin_password_dialog(qtbot, app, ctx, setup_code) -> None:  # type: ignore[no-untyped-def]
    dialog = PasswordDialog(ctx, None, "admin")
    qtbot.addWidget(dialog)
    assert "setup-code.txt" in dialog.findChild(QLabel, "setupCodeHint").text()
    for w in (dialog.new, dialog.repeat):
        qtbot.keyClicks(w, "Desk#Root2026")
    dialog.save()
    assert "安装码" in dialog.code_error.text()  # none typed
    qtbot.keyClicks(dialog.code, "22222-22222")
    dialog.save()
    assert "安装码不正确" in dialog.code_error.text()
    assert auth.needs_initial_password(ctx, "admin")
    dialog.code.clear()
    qtbot.keyClicks(dialog.code, setup_code)
    for w in (dialog.new, dialog.repeat):
        w.clear()
        qtbot.keyClicks(w, "abc")
    dialog.save()
    assert "至少8位" in dialog.new_error.text()
    for w in (dialog.new, dialog.repeat):
        w.clear()
        qtbot.keyClicks(w, "Desk#Root2026")
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert auth.login(ctx, "admin", "Desk#Root2026").actor.username == "admin"


def test_connection_dialog_keeps_password_out_of_settings(
    qtbot, app, tmp_path: Path, monkeypatch, memory_keyring
) -> None:  # type: ignore[no-untyped-def]
    from hotline_desk import bootstrap

    paths = Paths.resolve(tmp_path)
    monkeypatch.setattr(bootstrap, "check_postgres", lambda url, pw: None)
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    dialog = ConnectionDialog(paths)
    qtbot.addWidget(dialog)
    dialog.server.setChecked(True)
    qtbot.keyClicks(dialog.host, "192.168.1.20")
    dialog.password.setText("pg-Secret-1")
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = Settings(paths.settings_file).get(Settings.DATABASE_URL)
    assert saved.startswith("postgresql+psycopg://hotline@192.168.1.20:5432/")
    assert "pg-Secret-1" not in paths.settings_file.read_text(encoding="utf-8")
    assert "pg-Secret-1" in memory_keyring.store.values()


def test_users_page_creates_a_user(qtbot, app, ctx, make_actor, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    sysadmin = make_actor("sys_admin")
    make_actor("audit_admin")
    units = catalog.list_org_units(ctx)
    page = UsersPage(ctx, sysadmin, units)
    qtbot.addWidget(page)
    before = page.table.rowCount()
    dialog = NewUserDialog(ctx, sysadmin, units)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.username, "zhaokz")
    ime_type(dialog.display_name, "赵科长")
    dialog.unit.set_value(next(u.id for u in units if u.name == "产业发展科"))
    dialog.role_boxes["section_head"].setChecked(True)
    assert "audit_admin" in dialog.role_boxes  # held already: only a request (dual control)
    dialog.save()
    assert dialog.created is not None
    page.refresh()
    assert page.table.rowCount() == before + 1
    info, password = dialog.created
    assert password is None and not info.has_password  # the security admin issues it
    temp = users.reset_password(ctx, make_actor("sec_admin"), info.id)
    assert auth.login(ctx, "zhaokz", temp).must_change_password


def test_audit_page_verifies_chain(qtbot, app, ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    page = AuditPage(ctx, make_actor("audit_admin"), TaskRunner())
    qtbot.addWidget(page)
    assert page.table.rowCount() >= 1
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.last_check is not None)
    assert "校验通过" in page.result.text()


def test_screenshots_render_every_view(qtbot, app, ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from hotline_desk.gui.shots.run import render_all

    generate_demo(ctx, 300, seed=9)
    shots = render_all(ctx, tmp_path / "shots", "test.db", Paths.resolve(tmp_path))
    names = {p.stem for p in shots}
    assert {"login", "main_cases", "register", "register_errors", "users", "audit",
            "main_section_masked", "connection", "password_change", "search_results",
            "advanced_search"} <= names  # fmt: skip
    assert all(p.stat().st_size > 5_000 for p in shots)
    # dialogs are saved at the size they open with, which fits the 1366×728 test screen
    dialogs = {"login", "connection", "password_change", "new_user", "edit_case",
               "route_dialog", "reply_dialog", "review_dialog", "print_preview_slip"}  # fmt: skip
    sizes = {p.stem: QImage(str(p)).size() for p in shots if p.stem in dialogs}
    assert {"login", "edit_case", "print_preview_slip"} <= set(sizes)
    too_big = {n: s for n, s in sizes.items() if s.width() > 1350 or s.height() > 689}
    assert not too_big
