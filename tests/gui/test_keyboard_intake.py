"""Keyboard-first intake (issue 18): a clerk registers a call from 来源渠道 to 保存 with the
keyboard only — Tab visits the fields and skips the check boxes, 受理时间 takes "12-02 17:48",
the topic is found by "tdian" or "停电" and picked with Enter, a message goes as soon as its
field is fixed, the first error is scrolled into view — and the database holds what was typed.

The desk's clock and the form's are one fixed "now" (2026-12-06 09:30), so "12-02 17:48" is in
the past whatever day the test runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import text

from hotline_desk.gui.cases.register_page import RegisterPage
from hotline_desk.services.cases import catalog
from tests.gui.conftest import ime_type

NOW = datetime(2026, 12, 6, 9, 30)


@pytest.fixture
def ctx(sqlite_url, tmp_path, desk_templates):  # type: ignore[no-untyped-def]
    context = desk_templates.open(sqlite_url, tmp_path / "backups", lambda: NOW, NOW)
    yield context
    context.engines.dispose()


@pytest.fixture
def page(qtbot, app, ctx, make_actor) -> Iterator[RegisterPage]:  # type: ignore[no-untyped-def]
    clerk = make_actor("intake", "desk")
    page = RegisterPage(ctx, clerk, catalog.list_topics(ctx))
    page.duplicates.schedule = lambda _query: None  # its own tests drive the look-up
    page.form.received_at.now = lambda: NOW
    page.form.clear()
    qtbot.addWidget(page)
    page.resize(1366 - 180, 768 - 90)  # the page's share of a 1366×768 window
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()
    page.form.channel.setFocus()
    yield page
    assert page.runner.wait(10_000)  # the duplicate look-ups end before the database goes


def _focus() -> QWidget | None:
    return QApplication.focusWidget()


def _tab(qtbot, back: bool = False) -> QWidget | None:  # type: ignore[no-untyped-def]
    key = Qt.Key.Key_Backtab if back else Qt.Key.Key_Tab
    shift = Qt.KeyboardModifier.ShiftModifier if back else Qt.KeyboardModifier.NoModifier
    qtbot.keyClick(_focus(), key, shift)
    return _focus()


def _in(widget: QWidget | None, field: QWidget) -> bool:
    return widget is field or (widget is not None and field.isAncestorOf(widget))


def _cases(ctx) -> list[tuple]:  # type: ignore[no-untyped-def]
    with ctx.uow.read() as uow:
        return list(uow.session.execute(text(
            "SELECT c.channel, c.received_at, c.caller_name, c.caller_phone, c.anonymous,"
            " c.category, t.name, c.urgency, c.important, c.title, c.content"
            " FROM cases c JOIN topics t ON t.id = c.topic_id ORDER BY c.id"
        )).all())  # fmt: skip


def test_focus_order_from_channel_to_save(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    form = page.form
    assert _in(_focus(), form.channel)
    order = [form.received_at, form.platform_ref, form.caller_name, form.caller_phone,
             form.caller_address, form.category, form.topic, form.urgency, form.title,
             form.content, page.save_button]  # fmt: skip
    for field in order:
        got = _tab(qtbot)
        assert _in(got, field), (field, got)
    # back again: Shift+Tab from 联系电话 reaches 匿名; typing there goes on to 联系电话
    form.caller_phone.setFocus()
    assert _tab(qtbot, back=True) is form.anonymous
    qtbot.keyClicks(form.anonymous, "138")
    assert _focus() is form.caller_phone and form.caller_phone.text() == "138"
    assert not form.anonymous.isChecked()
    # the mnemonic ticks it without a mouse
    qtbot.keyClick(form.caller_phone, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(form.anonymous.isChecked)


def test_register_by_keyboard_only(qtbot, ctx, page) -> None:  # type: ignore[no-untyped-def]
    form = page.form
    qtbot.keyClick(form.channel, Qt.Key.Key_Down)  # 市长信箱
    edit = _tab(qtbot)
    assert edit is form.received_at.edit
    edit.selectAll()
    qtbot.keyClicks(edit, "12-02 17:48")
    assert form.received_at.value() == datetime(2026, 12, 2, 17, 48)
    _tab(qtbot)  # 平台工单号 (not needed for a letter)
    _tab(qtbot)
    ime_type(form.caller_name, "王五")
    assert _tab(qtbot) is form.caller_phone
    qtbot.keyClicks(form.caller_phone, "13812345678")
    _tab(qtbot)  # 联系地址
    assert _tab(qtbot) is form.category
    qtbot.keyClick(form.category, Qt.Key.Key_Down)  # 咨询
    assert _in(_tab(qtbot), form.topic)
    qtbot.keyClicks(form.topic.lineEdit(), "tdian")
    popup = form.topic.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert form.topic.candidates() == ["电力保障"]
    assert "停电" in form.topic.matches.item(0).text()  # why it matched is shown
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert form.topic.currentText() == "电力保障" and not popup.isVisible()
    assert "停电" in form.topic.hint.text()
    _tab(qtbot)  # 紧急程度
    assert _tab(qtbot) is form.title
    ime_type(form.title, "园区频繁停电")
    assert _tab(qtbot) is form.content
    ime_type(form.content, "来信反映园区近一个月频繁停电，影响生产。")
    assert _tab(qtbot) is page.save_button
    qtbot.keyClick(page.save_button, Qt.Key.Key_Space)
    rows = _cases(ctx)
    assert len(rows) == 1
    channel, received, *rest = rows[0]
    assert channel == "mailbox"
    assert str(received)[:16] == "2026-12-02 17:48"
    assert rest == ["王五", "13812345678", False, "consult", "电力保障", "normal", False,
                    "园区频繁停电", "来信反映园区近一个月频繁停电，影响生产。"]  # fmt: skip
    assert "已保存" in page.saved_label.text()
    assert form.received_at.text() == "2026-12-06 09:30"  # ready for the next call


def test_typing_the_placeholder_example_shows_the_list(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    topic = page.form.topic
    assert "停电" in topic.lineEdit().placeholderText()
    ime_type(topic.lineEdit(), "停电")
    popup = topic.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert topic.candidates() == ["电力保障"]
    assert topic.topic_id() is None  # nothing taken silently while the list is open
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert topic.currentText() == "电力保障" and topic.topic_id() is not None
    assert "关键字“停电”" in topic.hint.text()


def test_topic_by_code_name_and_initials(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    topic = page.form.topic
    for typed, first in (("DLBZ", "电力保障"), ("dlbz", "电力保障"), ("资金", "资金扶持"),
                         ("zjfc", "资金扶持")):  # fmt: skip
        topic.set_topic(None)
        if typed.isascii():
            topic.lineEdit().setFocus()
            qtbot.keyClicks(topic.lineEdit(), typed)
        else:
            ime_type(topic.lineEdit(), typed)
        assert topic.candidates()[:1] == [first], typed
    topic.set_topic(None)
    qtbot.keyClicks(topic.lineEdit(), "xyzq")
    assert topic.candidates() == [] and "没有匹配" in topic.hint.text()


def test_an_error_goes_when_its_field_is_fixed(qtbot, ctx, page) -> None:  # type: ignore[no-untyped-def]
    form = page.form
    qtbot.keyClick(form.channel, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert _cases(ctx) == []
    pending = form.pending_errors()
    assert {"caller_name", "caller_phone", "category", "topic_id", "title", "content"} <= set(
        pending
    )
    assert f"有 {len(pending)} 处需要修改" in form.summary.text()
    assert form.summary.isVisible()  # beside the buttons, never scrolled away
    ime_type(form.title, "标题")
    assert form.errors["title"].isHidden() and "title" not in form.pending_errors()
    assert f"有 {len(pending) - 1} 处需要修改" in form.summary.text()
    assert "标题" not in form.summary.text().split(":")[-1]
    # a bad time: named with the accepted forms; it goes as soon as the text is a time
    edit = form.received_at.edit
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "1748")
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    message = form.errors["received_at"].text()
    assert "受理时间" in message and "“1748”无法识别" in message
    assert "“17:48”（今天）" in message and "“12-02 17:48”" in message
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "08:15")
    assert form.errors["received_at"].isHidden()  # gone as the text became a possible time
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert edit.text() == "2026-12-06 08:15"  # what was understood, shown in full
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "17:48")  # today, but later than now (09:30)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert "受理时间不能晚于当前时间" in form.errors["received_at"].text()  # as the service says


def test_the_first_error_is_scrolled_into_view(qtbot, ctx, page) -> None:  # type: ignore[no-untyped-def]
    form = page.form
    page.resize(1186, 420)  # short enough that 诉求内容 is below the fold
    qtbot.waitUntil(lambda: page.scroll.verticalScrollBar().maximum() > 0)
    ime_type(form.caller_name, "王五")
    qtbot.keyClicks(form.caller_phone, "13812345678")
    form.category.setCurrentIndex(1)
    ime_type(form.topic.lineEdit(), "资金扶持")
    ime_type(form.title, "标题")
    assert page.scroll.verticalScrollBar().value() == 0
    qtbot.keyClick(form.title, Qt.Key.Key_Return)
    assert form.pending_errors() == ["content"]
    row = form._rows["content"]
    viewport = page.scroll.viewport()
    top = row.mapTo(viewport, row.rect().topLeft()).y()
    assert page.scroll.verticalScrollBar().value() > 0
    assert 0 <= top and top + form.errors["content"].height() <= viewport.height()
    assert _focus() is form.content
