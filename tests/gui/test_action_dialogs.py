"""The lifecycle dialogs driven as users drive them: the desk routes (tier 2 with an assisting
section, tier 3 to a unit under its section), re-routes only with a reason, rejects; a section
asks to return a case and the desk re-routes it; the handler drafts from a template; the head
sends it back with a required comment and then approves; the reply is recorded. Every outcome
is checked through the services afterwards."""

from __future__ import annotations

import sys
import types
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QMessageBox

from hotline_desk.domain.actions import BUTTON_ORDER, SPEC, SPECS, Action
from hotline_desk.domain.enums.handling import CaseStatus
from hotline_desk.gui.actions.basic import RejectDialog, RequestReturnDialog
from hotline_desk.gui.actions.catalog import action_text, registered_actions
from hotline_desk.gui.actions.registry import (
    build_dialog,
    run_action,
    with_caller,
)
from hotline_desk.gui.actions.replies import RecordReplyDialog, ReplyDialog, ReviewDialog
from hotline_desk.gui.actions.route import RouteDialog
from hotline_desk.services.cases import catalog, read_model, registration
from hotline_desk.services.dto import CaseDetail
from hotline_desk.services.lifecycle import handling, replies, routing, templates
from hotline_desk.services.lifecycle.dto import RouteInput, RouteSuggestion
from tests.factories import case_input, topic_id
from tests.gui.conftest import ime_type

SUGGEST_MODULE = "hotline_desk.services.lifecycle.routing_suggest"


class Office:
    """A desk officer, a section (产业发展科) with handler and head, and the reference data."""

    def __init__(self, ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
        self.ctx = ctx
        self.desk = make_actor("desk", "intake", unit="BGS")
        self.handler = make_actor("handler", unit="CYFZ")
        self.head = make_actor("section_head", unit="CYFZ")
        self.topics = catalog.list_topics(ctx)
        self.units = catalog.list_org_units(ctx)
        self.unit = {u.name: u.id for u in self.units}

    def register(self, topic: str = "资金扶持", **overrides: object) -> CaseDetail:
        data = case_input(self.ctx, topic_id=topic_id(self.ctx, topic), **overrides)
        return registration.register_case(self.ctx, self.desk, data)

    def get(self, case_id: int, actor=None) -> CaseDetail:  # type: ignore[no-untyped-def]
        return read_model.get_case(self.ctx, actor or self.desk, case_id)

    def routed(self, lead: str = "产业发展科", **overrides: object) -> CaseDetail:
        case = self.register(**overrides)
        route = RouteInput(tier=2, lead_unit_id=self.unit[lead])
        return routing.route_case(self.ctx, self.desk, case.id, case.version, route)

    def in_progress(self, **overrides: object) -> CaseDetail:
        d = self.routed(**overrides)
        return handling.sign_case(self.ctx, self.handler, d.id, d.version)

    def awaiting(self) -> CaseDetail:
        d = self.in_progress()
        return replies.submit_reply(self.ctx, self.handler, d.id, d.version, "第一稿答复内容。")


@pytest.fixture
def office(ctx, make_actor) -> Office:  # type: ignore[no-untyped-def]
    return Office(ctx, make_actor)


@pytest.fixture
def no_suggester(monkeypatch):  # type: ignore[no-untyped-def]
    """The routing suggestion service absent: the dialog falls back to the 派单目录."""
    monkeypatch.setitem(sys.modules, SUGGEST_MODULE, None)


def _show(qtbot, dialog: QDialog) -> QDialog:  # type: ignore[no-untyped-def]
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def pick(qtbot, combo: QComboBox, text: str) -> None:  # type: ignore[no-untyped-def]
    """Choose an entry by keyboard: Home, then Down until it shows ``text``."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText() == text:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == text, [combo.itemText(i) for i in range(combo.count())]


def check_assist(qtbot, dialog: RouteDialog, name: str) -> None:  # type: ignore[no-untyped-def]
    """Tick an assisting section with the keyboard (Space on its box)."""
    (box,) = [b for b in dialog.assist_boxes.values() if b.text() == name]
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)


def combo_texts(combo: QComboBox) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


# --- routing ----------------------------------------------------------------------------------


def test_route_tier2_with_assisting_section(qtbot, app, office, no_suggester) -> None:  # type: ignore[no-untyped-def]
    case = office.register(topic="资金扶持")
    dialog = _show(qtbot, RouteDialog(office.ctx, office.desk, case, Action.ROUTE,
                                      office.topics, office.units))  # fmt: skip
    # the 派单目录's default lead is suggested and pre-selected
    assert "派单目录默认主办：财务科" in dialog.suggestion_label.text()
    assert dialog.lead.currentText() == "财务科" and dialog.tier() == 2
    assert not dialog.unit.isEnabled()

    pick(qtbot, dialog.lead, "产业发展科")
    disabled = [b.text() for b in dialog.assist_boxes.values() if not b.isEnabled()]
    assert disabled == ["产业发展科"]  # the lead cannot assist itself
    check_assist(qtbot, dialog, "财务科")
    ime_type(dialog.opinion, "请产业发展科牵头，会同财务科核实资金拨付进度")
    qtbot.keyClick(dialog.opinion, Qt.Key.Key_Return)

    assert dialog.result() == QDialog.DialogCode.Accepted
    d = office.get(case.id)
    assert d.status == CaseStatus.DISPATCHED and d.tier == 2
    assert d.lead_unit_name == "产业发展科"
    assert d.work is not None
    active = {(a.unit_name, a.role) for a in d.work.assignments if a.active}
    assert active == {("产业发展科", "lead"), ("财务科", "assist")}
    assert d.work.office_opinion.startswith("请产业发展科牵头")
    assert dialog.result_case is not None and dialog.result_case.version == d.version


def test_route_tier3_lists_only_the_sections_units(qtbot, app, office, no_suggester) -> None:  # type: ignore[no-untyped-def]
    case = office.register(topic="中小企业服务")
    dialog = _show(qtbot, RouteDialog(office.ctx, office.desk, case, Action.ROUTE,
                                      office.topics, office.units))  # fmt: skip
    qtbot.mouseClick(dialog.tier_buttons[3], Qt.MouseButton.LeftButton)
    assert dialog.tier() == 3 and dialog.unit.isEnabled()
    pick(qtbot, dialog.lead, "节能与综合利用科")
    assert combo_texts(dialog.unit) == ["市节能监察中心"]
    pick(qtbot, dialog.lead, "产业发展科")
    assert combo_texts(dialog.unit) == ["该科室没有直属单位"] and dialog.unit.value() is None
    qtbot.keyClick(dialog.lead, Qt.Key.Key_Return)  # a unit is required: refused inline
    assert dialog.isVisible() and dialog.errors["handling_unit_id"].isVisible()
    assert "直属单位" in dialog.errors["handling_unit_id"].text()
    assert office.get(case.id).status == CaseStatus.REGISTERED

    pick(qtbot, dialog.lead, "中小企业科")
    assert combo_texts(dialog.unit) == ["市中小企业服务中心"]
    qtbot.keyClick(dialog.lead, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    d = office.get(case.id)
    assert d.tier == 3 and d.work is not None
    assert d.work.lead_unit_name == "中小企业科"
    assert d.work.handling_unit_name == "市中小企业服务中心"


def test_route_shows_and_preselects_the_suggestion_service(qtbot, app, office, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    case = office.register(topic="资金扶持")
    cyfz, cwk, zxqy = (office.unit[n] for n in ("产业发展科", "财务科", "中小企业科"))
    fake = types.ModuleType(SUGGEST_MODULE)
    fake.suggest_route = lambda ctx, actor, **kw: RouteSuggestion(  # type: ignore[attr-defined]
        cyfz, "产业发展科", (cwk,), "相似办件 8 件中 6 件由产业发展科办理",
        ((cyfz, "产业发展科", 0.75), (zxqy, "中小企业科", 0.25)), 8,
    )  # fmt: skip
    monkeypatch.setitem(sys.modules, SUGGEST_MODULE, fake)
    dialog = _show(qtbot, RouteDialog(office.ctx, office.desk, case, Action.ROUTE,
                                      office.topics, office.units))  # fmt: skip
    text = dialog.suggestion_label.text()
    assert "建议主办：产业发展科" in text and "相似办件 8 件中 6 件由产业发展科办理" in text
    assert "中小企业科" in text  # the runner-up
    assert dialog.lead.value() == cyfz and dialog.assist_ids() == (cwk,)


def test_reroute_refuses_an_empty_reason_inline(qtbot, app, office, no_suggester) -> None:  # type: ignore[no-untyped-def]
    d = office.routed(lead="产业发展科")
    dialog = _show(qtbot, RouteDialog(office.ctx, office.desk, d, Action.REROUTE,
                                      office.topics, office.units))  # fmt: skip
    assert 1 not in dialog.tier_buttons  # 改派 never goes to 直办
    assert dialog.lead.currentText() == "财务科"  # not the section it is leaving
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result_case is None
    assert dialog.errors["reason"].isVisible()
    assert dialog.errors["reason"].text() == "请填写改派原因"
    assert office.get(d.id).lead_unit_name == "产业发展科"  # nothing saved

    ime_type(dialog.reason, "资金拨付属财务科职责")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    after = office.get(d.id)
    assert after.lead_unit_name == "财务科" and after.work is not None
    assert after.work.reroute_count == 1
    assert "资金拨付属财务科职责" in after.events[-1].summary


def test_reject_with_reason_through_run_action(qtbot, app, office, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    case = office.register()

    def user_fills_in(dialog: QDialog) -> int:
        assert isinstance(dialog, RejectDialog)
        dialog.show()
        qtbot.keyClick(dialog.note, Qt.Key.Key_Return)  # no reason chosen yet
        assert dialog.errors["reason"].isVisible()
        pick(qtbot, dialog.reason, "诉讼/仲裁/行政复议")
        ime_type(dialog.note, "已告知来电人依法向人民法院起诉")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(QDialog, "exec", user_fills_in)
    d = run_action(None, office.ctx, office.desk, case, "reject", office.topics, office.units)  # type: ignore[arg-type]
    assert d is not None and d.status == CaseStatus.REJECTED
    fresh = office.get(case.id)
    assert fresh.status == CaseStatus.REJECTED and fresh.work is not None
    assert fresh.work.reject_reason == "litigation"
    assert "已告知来电人依法向人民法院起诉" in fresh.events[-1].summary


def test_a_stale_case_is_refused_and_nothing_saved(qtbot, app, office, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    case = office.register()
    routing.route_case(office.ctx, office.desk, case.id, case.version,
                        RouteInput(tier=2, lead_unit_id=office.unit["产业发展科"]))  # fmt: skip
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    dialog = _show(qtbot, RejectDialog(office.ctx, office.desk, case))
    pick(qtbot, dialog.reason, "信访事项")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected and dialog.result_case is None
    assert shown and "转办" in shown[0] and case.case_no in shown[0]
    assert office.get(case.id).status == CaseStatus.DISPATCHED


# --- returns ----------------------------------------------------------------------------------


def test_request_return_then_desk_approves_and_reroutes(qtbot, app, office, no_suggester) -> None:  # type: ignore[no-untyped-def]
    d = office.routed(lead="产业发展科")
    d = office.get(d.id, office.handler)
    dialog = _show(qtbot, RequestReturnDialog(office.ctx, office.handler, d))
    pick(qtbot, dialog.reason, "不属本单位职责")
    qtbot.keyClick(dialog.basis, Qt.Key.Key_Return)
    assert dialog.errors["basis"].text() == "请填写退回依据"
    ime_type(dialog.basis, "专项资金拨付由财务科负责")
    qtbot.keyClick(dialog.basis, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    d = office.get(d.id)
    assert d.status == CaseStatus.RETURN_REQUESTED

    approve = _show(qtbot, RouteDialog(office.ctx, office.desk, d, Action.APPROVE_RETURN,
                                       office.topics, office.units))  # fmt: skip
    notes = " ".join(w.text() for w in approve.findChildren(type(approve.suggestion_label)))
    assert "不属本单位职责" in notes and "专项资金拨付由财务科负责" in notes
    assert approve.lead.currentText() == "财务科"
    qtbot.keyClick(approve.lead, Qt.Key.Key_Return)
    assert approve.result() == QDialog.DialogCode.Accepted
    d = office.get(d.id)
    assert d.status == CaseStatus.DISPATCHED and d.lead_unit_name == "财务科"
    assert d.work is not None and d.work.returns[-1].decision == "approved"


# --- the reply --------------------------------------------------------------------------------


def test_submit_reply_from_a_template(qtbot, app, office) -> None:  # type: ignore[no-untyped-def]
    d = office.in_progress()
    d = office.get(d.id, office.handler)
    dialog = _show(qtbot, ReplyDialog(office.ctx, office.handler, d))
    # only the templates of the case's category (咨询)
    assert combo_texts(dialog.template) == ["咨询答复"]
    assert not dialog.review_notice.isVisible()
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    text = dialog.editor.text()
    assert d.case_no in text and "产业发展科" in text and "尊敬的张先生/女士" in text
    assert dialog.editor.count.text() == f"{len(text)}/5000 字"
    qtbot.keyClick(dialog.editor.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    fresh = office.get(d.id)
    assert fresh.status == CaseStatus.AWAITING_APPROVAL
    assert fresh.work is not None and fresh.work.drafts[-1].text == text


def test_send_back_needs_a_comment_then_approve(qtbot, app, office) -> None:  # type: ignore[no-untyped-def]
    d = office.get(office.awaiting().id, office.head)
    review = _show(qtbot, ReviewDialog(office.ctx, office.head, d, Action.SEND_BACK))
    assert review.draft_view.toPlainText() == "第一稿答复内容。"
    assert review.draft_view.isReadOnly()
    qtbot.mouseClick(review.send_back_button, Qt.MouseButton.LeftButton)
    assert review.isVisible() and review.errors["comment"].text() == "请填写退回修改意见"
    assert office.get(d.id).status == CaseStatus.AWAITING_APPROVAL
    ime_type(review.comment.edit, "请补充资金到账的具体时间")
    qtbot.mouseClick(review.send_back_button, Qt.MouseButton.LeftButton)
    assert review.result() == QDialog.DialogCode.Accepted
    d = office.get(d.id, office.handler)
    assert d.status == CaseStatus.IN_PROGRESS and d.work is not None and d.work.reply_sent_back

    # the handler starts from the draft, the comment in plain view
    again = _show(qtbot, ReplyDialog(office.ctx, office.handler, d))
    assert again.review_notice.isVisible()
    assert "请补充资金到账的具体时间" in again.review_notice.text()
    assert again.editor.text() == "第一稿答复内容。"
    again.editor.edit.moveCursor(again.editor.edit.textCursor().MoveOperation.End)
    ime_type(again.editor.edit, "资金预计12月15日前到账。")
    qtbot.mouseClick(again.ok_button, Qt.MouseButton.LeftButton)
    assert again.result() == QDialog.DialogCode.Accepted

    d = office.get(d.id, office.head)
    approve = _show(qtbot, ReviewDialog(office.ctx, office.head, d))
    assert approve.draft_view.toPlainText() == "第一稿答复内容。资金预计12月15日前到账。"
    history = approve.history.toPlainText()
    assert "第 1 稿" in history and "请补充资金到账的具体时间" in history
    qtbot.mouseClick(approve.ok_button, Qt.MouseButton.LeftButton)
    assert approve.result() == QDialog.DialogCode.Accepted
    d = office.get(d.id)
    assert d.status == CaseStatus.APPROVED and d.work is not None
    assert d.work.reply_text == "第一稿答复内容。资金预计12月15日前到账。"


def test_record_reply(qtbot, app, office) -> None:  # type: ignore[no-untyped-def]
    d = office.awaiting()
    d = replies.approve_reply(office.ctx, office.head, d.id, d.version)
    d = with_caller(office.ctx, office.desk, office.get(d.id), Action.RECORD_REPLY)  # audited
    dialog = _show(qtbot, RecordReplyDialog(office.ctx, office.desk, d))
    assert dialog.replied_to.text() == "张三明"  # the desk sees the caller's name
    assert dialog.reply_view.toPlainText() == "第一稿答复内容。"
    pick(qtbot, dialog.method, "书面")
    dialog.replied_at.setDateTime(dialog.replied_at.dateTime().addSecs(-60))
    qtbot.keyClick(dialog.replied_to, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    d = office.get(d.id)
    assert d.status == CaseStatus.REPLIED and d.work is not None
    assert (d.work.reply_method, d.work.reply_to) == ("written", "张*明")  # shown masked
    assert stored_reply_to(office, d.id) == "张三明"
    assert d.work.replied_at is not None
    assert office.ctx.now() - d.work.replied_at < timedelta(minutes=3)


def test_section_sees_a_masked_caller_and_may_type_the_name(qtbot, app, office) -> None:  # type: ignore[no-untyped-def]
    d = office.awaiting()
    d = replies.approve_reply(office.ctx, office.head, d.id, d.version)
    d = office.get(d.id, office.handler)
    dialog = _show(qtbot, RecordReplyDialog(office.ctx, office.handler, d))
    assert dialog.replied_to.text() == d.caller_name != "张三明"  # masked
    dialog.replied_to.clear()
    ime_type(dialog.replied_to, "张先生")
    qtbot.keyClick(dialog.replied_to, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert office.get(d.id).work.reply_to == "张*生"  # type: ignore[union-attr]
    assert stored_reply_to(office, d.id) == "张先生"


def stored_reply_to(office, case_id: int) -> str:  # type: ignore[no-untyped-def]
    from hotline_desk.store.models import Case

    with office.ctx.uow.read() as uow:
        case = uow.session.get(Case, case_id)
        assert case is not None
        return case.reply_to


# --- the entry point --------------------------------------------------------------------------


def test_sign_asks_first(qtbot, app, office, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    d = office.get(office.routed().id, office.handler)
    asked: list[str] = []

    def answer(parent, title, text):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.No if len(asked) == 1 else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    assert run_action(None, office.ctx, office.handler, d, "sign", [], []) is None  # type: ignore[arg-type]
    assert office.get(d.id).status == CaseStatus.DISPATCHED
    signed = run_action(None, office.ctx, office.handler, d, "sign", [], [])  # type: ignore[arg-type]
    assert signed is not None and signed.status == CaseStatus.IN_PROGRESS
    assert asked[0] == f"确认签收办件 {d.case_no}？"


def test_every_action_but_sign_has_a_dialog(qtbot, app, office, no_suggester) -> None:  # type: ignore[no-untyped-def]
    d = office.get(office.awaiting().id)
    no_button = {s.action for s in SPECS if s.order is None}
    assert set(BUTTON_ORDER) == set(Action) - no_button
    assert all(SPEC[a].via in BUTTON_ORDER for a in no_button), "offered through another's dialog"
    assert registered_actions() == set(Action) - {Action.SIGN}, "every action finds its dialog"
    registered = office.register()  # the edit dialog loads the caller only while editable
    for action in Action:
        if action == Action.SIGN:
            continue
        case = registered if action == Action.EDIT else d
        dialog = build_dialog(None, office.ctx, office.desk, case, action.value,
                              office.topics, office.units)  # fmt: skip
        qtbot.addWidget(dialog)
        assert dialog.windowTitle().endswith(case.case_no)
    assert action_text("route") == "转办"
    assert action_text("approve_return") == "同意退回并改派"
    assert templates.list_templates(office.ctx)  # the seeded templates exist
