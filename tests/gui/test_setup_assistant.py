"""首次设置向导 driven as a new bureau's system administrator would: the bureau's name, a section
and a unit typed into the table, left with 稍后继续 and resumed at that step, the 派单目录 from
the saved-then-filled XLSX template, the first users (the security administrator's temporary
password shown once), finished — each checked in the database and the audit log. Dismissing it
ends the offer; a demo desk is never offered it."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemDelegate, QMessageBox
from sqlalchemy import select

from hotline_desk.gui.shell.setup_assistant import SetupAssistant
from hotline_desk.services.admin import office, setup_assistant
from hotline_desk.store.models import AuditLog, OrgUnit, Topic, User
from tests.conftest import add_user
from tests.gui.conftest import ime_type


def actions(ctx) -> list[str]:  # type: ignore[no-untyped-def]
    with ctx.uow.read() as uow:
        return list(uow.session.execute(select(AuditLog.action)).scalars())


def cell(table, row: int, column: int, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type into a table cell the way a user does: open its editor, type, commit."""
    table.setCurrentCell(row, column)
    table.editItem(table.item(row, column))
    editor = table.focusWidget()
    editor.clear()
    ime_type(editor, text)
    table.commitData(editor)
    table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)


@pytest.fixture(autouse=True)
def no_discard_question(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A wizard a failed test leaves open closes without asking (no modal box to hang on)."""
    from hotline_desk.gui.common import discard

    monkeypatch.setattr(discard, "ask_discard", lambda *_a, **_k: True)


@pytest.fixture
def admin(ctx):  # type: ignore[no-untyped-def]
    return add_user(ctx, "sys_admin", username="xitong")


def test_the_assistant_sets_the_bureau_up_and_resumes_where_left(
    qtbot, app, ctx, admin, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    offer = setup_assistant.assistant_offer(ctx, admin)
    assert offer is not None and offer.step == 0
    wizard = SetupAssistant(ctx, admin, offer.step, tmp_path)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.name_step.bureau_name.clear()
    ime_type(wizard.name_step.bureau_name, "某市工业和信息化局")
    wizard.name_step.bureau_short.clear()
    ime_type(wizard.name_step.bureau_short, "工信局")
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert office.get_setting(ctx, office.BUREAU_NAME) == "某市工业和信息化局"
    assert wizard.stack.currentWidget() is wizard.units_step

    table = wizard.units_step.table
    qtbot.mouseClick(wizard.units_step.add_button, Qt.MouseButton.LeftButton)
    row = table.rowCount() - 1
    for column, text in enumerate(["数据管理科", "SJGL", "科室", "", "周科长", "0571-1234"]):
        cell(table, row, column, text)
    qtbot.mouseClick(wizard.units_step.add_button, Qt.MouseButton.LeftButton)
    for column, text in enumerate(["市大数据中心", "DSJ", "直属单位", "SJGL", "", ""]):
        cell(table, row + 1, column, text)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    with ctx.uow.read() as uow:
        got = {u.code: (u.name, u.kind, u.parent_id, u.head_name, u.phone)
               for u in uow.session.execute(select(OrgUnit)).scalars()}  # fmt: skip
    assert got["SJGL"][:2] == ("数据管理科", "section") and got["SJGL"][3:] == (
        "周科长",
        "0571-1234",
    )
    assert got["DSJ"][1] == "unit" and got["DSJ"][2] is not None

    qtbot.mouseClick(wizard.later_button, Qt.MouseButton.LeftButton)  # leave it at 派单目录
    assert not wizard.isVisible()
    offer = setup_assistant.assistant_offer(ctx, admin)
    assert offer is not None and offer.step == 2

    again = SetupAssistant(ctx, admin, offer.step, tmp_path)
    qtbot.addWidget(again)
    again.show()
    assert again.stack.currentWidget() is again.topics_step
    template = tmp_path / "模板.xlsx"
    again.write_template(template)
    book = load_workbook(template)
    assert [ws.title for ws in book.worksheets] == ["组织机构", "派单目录"]
    assert any(r[1] == "SJGL" for r in book["组织机构"].iter_rows(values_only=True))
    book["派单目录"].append(["数据开放", "SJKF", "", "SJGL", "DSJ", "公共数据 开放 共享", "咨询"])
    book.save(template)
    again.read_template(template)
    assert again.topics_step.edit.isChecked()
    qtbot.mouseClick(again.next_button, Qt.MouseButton.LeftButton)
    with ctx.uow.read() as uow:
        topic = uow.session.execute(select(Topic).where(Topic.code == "SJKF")).scalar_one()
        assert (topic.name, topic.keywords, topic.limit_category) == (
            "数据开放", "公共数据 开放 共享", "consult")  # fmt: skip

    users = again.users_step.table
    for column, text in enumerate(["孙安全", "anquan", "BGS", "安全管理员"]):
        cell(users, 0, column, text)
    for column, text in enumerate(["钱登记", "qiandj", "BGS", "登记员"]):
        cell(users, 1, column, text)
    qtbot.mouseClick(again.next_button, Qt.MouseButton.LeftButton)
    assert again.stack.currentWidget() is again.done_step
    with ctx.uow.read() as uow:
        made = {u.username: (u.display_name, u.password_hash is not None)
                for u in uow.session.execute(select(User)).scalars()}  # fmt: skip
    assert made["anquan"] == ("孙安全", True) and made["qiandj"] == ("钱登记", False)
    assert "anquan：" in again.done_step.summary.text()  # its temporary password, shown once

    qtbot.mouseClick(again.next_button, Qt.MouseButton.LeftButton)  # 完成
    assert not again.isVisible()
    assert "setup_finished" in actions(ctx)
    assert setup_assistant.assistant_offer(ctx, admin) is None


def test_a_bad_line_is_named_and_nothing_of_the_table_saved(
    qtbot, app, ctx, admin, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    wizard = SetupAssistant(ctx, admin, 1, tmp_path)
    qtbot.addWidget(wizard)
    wizard.show()
    table = wizard.units_step.table
    qtbot.mouseClick(wizard.units_step.add_button, Qt.MouseButton.LeftButton)
    for column, text in enumerate(["孤儿单位", "GEDW", "直属单位", "NOPE", "", ""]):
        cell(table, table.rowCount() - 1, column, text)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.stack.currentWidget() is wizard.units_step
    assert f"第 {table.rowCount()} 行" in wizard.units_step.error.text()
    assert "NOPE" in wizard.units_step.error.text()


def test_dismissed_it_is_not_offered_and_a_demo_desk_never(
    qtbot, app, ctx, admin, monkeypatch, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    wizard = SetupAssistant(ctx, admin, 0, tmp_path)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.mouseClick(wizard.dismiss_button, Qt.MouseButton.LeftButton)
    assert setup_assistant.assistant_offer(ctx, admin) is None
    assert "setup_dismissed" in actions(ctx)
    clerk = add_user(ctx, "intake")
    assert setup_assistant.assistant_offer(ctx, clerk) is None


def test_a_demo_desk_is_not_offered_it(ctx, admin) -> None:  # type: ignore[no-untyped-def]
    with ctx.uow.write() as uow:
        uow.session.get(User, admin.user_id).is_demo = True
        uow.commit()
    assert setup_assistant.assistant_offer(ctx, admin) is None


def test_the_window_offers_it_to_the_new_desks_administrator_only(
    qtbot, app, ctx, admin, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from hotline_desk.gui.shell.main_window import MainWindow

    opened: list[int] = []
    monkeypatch.setattr(SetupAssistant, "exec", lambda d: opened.append(d.stack.currentIndex()))
    window = MainWindow(ctx, admin)
    qtbot.addWidget(window)
    window.setup_assistant()
    assert opened == [0]
    setup_assistant.remember_step(ctx, admin, 3)
    window.setup_assistant()
    assert opened == [0, 3]  # resumed where it was left
    setup_assistant.close_assistant(ctx, admin, True)
    window.setup_assistant()
    assert opened == [0, 3]  # finished: not offered at the start any more
    window.setup_assistant(asked=True)  # 系统 → 首次设置向导… still opens it
    assert opened == [0, 3, 0]
    clerk = MainWindow(ctx, add_user(ctx, "intake"))
    qtbot.addWidget(clerk)
    clerk.setup_assistant()
    assert opened == [0, 3, 0]
