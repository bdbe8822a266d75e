"""A whole case through the real windows, each user in their own main window: the desk routes
it from 我的待办, the handler signs and drafts, the head sends it back, the handler revises, the
head approves, the desk records the reply — the database is checked after every step."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMessageBox

from hotline_desk.domain.enums.handling import CaseStatus
from hotline_desk.gui.actions.replies import RecordReplyDialog, ReplyDialog, ReviewDialog
from hotline_desk.gui.actions.route import RouteDialog
from hotline_desk.gui.shell.main_window import MainWindow
from hotline_desk.services.cases import read_model, registration
from hotline_desk.services.dto import Actor, CaseDetail
from tests.factories import case_input, topic_id
from tests.gui.conftest import ime_type
from tests.gui.test_action_dialogs import check_assist, pick

Fill = Callable[[QDialog], None]


class Desk:
    """Opens a user's main window, picks a queue and a case, presses an action button; the
    dialog that opens is filled in by ``fill`` as the user would."""

    def __init__(self, qtbot, ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
        self.qtbot, self.ctx, self.monkeypatch = qtbot, ctx, monkeypatch

    def window(self, actor: Actor) -> MainWindow:
        window = MainWindow(self.ctx, actor)
        self.qtbot.addWidget(window)
        window.resize(1366, 740)
        window.show()
        return window

    def open_in_inbox(self, window: MainWindow, queue: str, case_no: str) -> None:
        inbox = window.inbox
        assert inbox is not None
        window.show_page("inbox")
        # 刷新列表 (F5): others changed the case on their desks
        (refresh,) = [a for a in window.findChildren(QAction) if a.shortcut() == QKeySequence("F5")]
        refresh.trigger()
        self.qtbot.waitUntil(lambda: inbox.counts.get(queue, 0) >= 1)  # counted off the GUI thread
        self.qtbot.mouseClick(inbox.buttons[queue], Qt.MouseButton.LeftButton)
        model = inbox.workspace.model
        self.qtbot.waitUntil(lambda: model.total is not None and model.rowCount() > 0)
        row = next(r for r in range(model.rowCount()) if model.row(r).case_no == case_no)
        inbox.workspace.panel.table.selectRow(row)
        detail = inbox.workspace.detail
        self.qtbot.waitUntil(lambda: detail.case is not None and detail.case.case_no == case_no)

    def press(self, window: MainWindow, action: str, fill: Fill) -> None:
        assert window.inbox is not None
        bar = window.inbox.workspace.detail.actions
        button = bar.buttons[action]
        assert button.isVisible(), f"{action} not offered"

        def user(dialog: QDialog) -> int:
            dialog.show()
            fill(dialog)
            return dialog.result()

        self.monkeypatch.setattr(QDialog, "exec", user)
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def case(self, case_id: int, actor: Actor) -> CaseDetail:
        return read_model.get_case(self.ctx, actor, case_id)


@pytest.fixture
def desk_ui(qtbot, ctx, monkeypatch) -> Desk:  # type: ignore[no-untyped-def]
    return Desk(qtbot, ctx, monkeypatch)


def test_a_case_from_routing_to_reply(qtbot, app, ctx, make_actor, desk_ui, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    officer = make_actor("desk", "intake", unit="BGS")
    handler = make_actor("handler", unit="CYFZ")
    head = make_actor("section_head", unit="CYFZ")
    finance = make_actor("handler", unit="CWK")
    data = case_input(ctx, topic_id=topic_id(ctx, "资金扶持"))
    case = registration.register_case(ctx, officer, data)

    # 1. the desk routes it to 产业发展科 with 财务科 assisting
    w = desk_ui.window(officer)
    desk_ui.open_in_inbox(w, "to_route", case.case_no)

    def route(dialog: QDialog) -> None:
        assert isinstance(dialog, RouteDialog)
        pick(qtbot, dialog.lead, "产业发展科")
        check_assist(qtbot, dialog, "财务科")
        ime_type(dialog.opinion, "请产业发展科牵头办理")
        qtbot.keyClick(dialog.opinion, Qt.Key.Key_Return)

    desk_ui.press(w, "route", route)
    d = desk_ui.case(case.id, officer)
    assert d.status == CaseStatus.DISPATCHED and d.lead_unit_name == "产业发展科"
    assert w.inbox is not None and w.inbox.workspace.detail.case.status == CaseStatus.DISPATCHED  # type: ignore[union-attr]
    assert "已保存" in w.statusBar().currentMessage()

    # 2. the handler signs and drafts the reply from the template
    hw = desk_ui.window(handler)
    desk_ui.open_in_inbox(hw, "to_sign", case.case_no)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)  # fmt: skip
    assert hw.inbox is not None
    qtbot.mouseClick(hw.inbox.workspace.detail.actions.buttons["sign"], Qt.MouseButton.LeftButton)
    assert desk_ui.case(case.id, handler).status == CaseStatus.IN_PROGRESS
    desk_ui.open_in_inbox(hw, "in_progress", case.case_no)

    def draft(dialog: QDialog) -> None:
        assert isinstance(dialog, ReplyDialog)
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
        assert case.case_no in dialog.editor.text()
        dialog.editor.edit.setFocus()
        qtbot.keyClick(dialog.editor.edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        ime_type(dialog.editor.edit, "专项资金将于下月拨付。")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    desk_ui.press(hw, "submit_reply", draft)
    d = desk_ui.case(case.id, head)
    assert d.status == CaseStatus.AWAITING_APPROVAL and d.work is not None
    assert d.work.drafts[-1].text.endswith("专项资金将于下月拨付。")

    # 3. the head sends it back with a comment
    kw = desk_ui.window(head)
    desk_ui.open_in_inbox(kw, "to_approve", case.case_no)

    def send_back(dialog: QDialog) -> None:
        assert isinstance(dialog, ReviewDialog)
        ime_type(dialog.comment.edit, "请写明拨付的具体日期")
        qtbot.mouseClick(dialog.send_back_button, Qt.MouseButton.LeftButton)

    desk_ui.press(kw, "approve_reply", send_back)
    d = desk_ui.case(case.id, handler)
    assert d.status == CaseStatus.IN_PROGRESS and d.work is not None and d.work.reply_sent_back
    assert d.work.drafts[-1].reviews[-1].comment == "请写明拨付的具体日期"

    # 4. the handler revises (the editor starts from the last draft, the comment is shown)
    desk_ui.open_in_inbox(hw, "sent_back", case.case_no)

    def revise(dialog: QDialog) -> None:
        assert isinstance(dialog, ReplyDialog)
        assert "请写明拨付的具体日期" in dialog.review_notice.text()
        dialog.editor.replace_text(dialog.editor.text().replace("下月", "12月15日前"))
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    desk_ui.press(hw, "submit_reply", revise)
    d = desk_ui.case(case.id, head)
    assert d.status == CaseStatus.AWAITING_APPROVAL and len(d.work.drafts) == 2  # type: ignore[union-attr]

    # 5. the head approves
    desk_ui.open_in_inbox(kw, "to_approve", case.case_no)

    def approve(dialog: QDialog) -> None:
        assert isinstance(dialog, ReviewDialog)
        ime_type(dialog.comment.edit, "同意")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    desk_ui.press(kw, "approve_reply", approve)
    d = desk_ui.case(case.id, officer)
    assert d.status == CaseStatus.APPROVED and "12月15日前" in d.work.reply_text  # type: ignore[union-attr]

    # 6. the desk records the reply as given by phone
    desk_ui.open_in_inbox(w, "to_record", case.case_no)

    def record(dialog: QDialog) -> None:
        assert isinstance(dialog, RecordReplyDialog)
        pick(qtbot, dialog.method, "电话")
        qtbot.keyClick(dialog.replied_to, Qt.Key.Key_Return)

    desk_ui.press(w, "record_reply", record)
    d = desk_ui.case(case.id, officer)
    assert d.status == CaseStatus.REPLIED and d.work is not None
    assert (d.work.reply_method, d.work.reply_to) == ("phone", "张*明")  # shown masked
    kinds = [e.kind for e in d.events]
    assert kinds == ["registered", "dispatched", "signed", "reply_submitted", "reply_sent_back",
                     "reply_submitted", "reply_approved", "replied"]  # fmt: skip
    # the assisting section still sees the case; the timeline tab shows it all
    assert read_model.get_case(ctx, finance, case.id).status == CaseStatus.REPLIED
    tabs = w.inbox.workspace.detail.tabs  # type: ignore[union-attr]
    assert tabs.count() == 4  # 流转记录, 办理与答复, 回访与关联, 附件
    assert "请写明拨付的具体日期" in w.inbox.workspace.detail.work_view.toPlainText()  # type: ignore[union-attr]
