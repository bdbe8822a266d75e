"""Deadlines and supervision through the real widgets: a section asks for an extension and the
desk decides it; the desk urges an overdue case from the supervision board and issues an order
the section answers; the admin edits the work calendar and the time limits; the banner and the
alert badge. Each step is checked in the database afterwards."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from sqlalchemy import select

from hotline_desk.gui.actions.supervision import (
    AnswerOrderDialog,
    ExtensionDecisionDialog,
    OrderDialog,
    RequestExtensionDialog,
    UrgeDialog,
)
from hotline_desk.gui.common.tasks import TaskRunner
from hotline_desk.gui.pages.calendar import CalendarPage, DayDialog
from hotline_desk.gui.pages.limits import LimitDialog, LimitsPage
from hotline_desk.gui.shell.main_window import MainWindow
from hotline_desk.services.admin import calendar, time_limits
from hotline_desk.services.supervision import extensions
from hotline_desk.store.models import Case
from hotline_desk.store.models.deadlines import CalendarDay, Supervision
from tests.conftest import Clock
from tests.gui.conftest import ime_type
from tests.gui.test_action_dialogs import Office, _show


@pytest.fixture
def office(ctx, make_actor) -> Office:  # type: ignore[no-untyped-def]
    return Office(ctx, make_actor)


def overdue(office: Office):  # type: ignore[no-untyped-def]
    """A consultation received ten days ago, signed by the section: its reply is overdue."""
    return office.in_progress(received_at=office.ctx.now() - timedelta(days=10))


def case_row(office: Office, case_id: int) -> SimpleNamespace:
    """The case's stored columns (read in a transaction of their own)."""
    with office.ctx.uow.read() as uow:
        row = uow.session.get(Case, case_id)
        assert row is not None
        return SimpleNamespace(**{c.key: getattr(row, c.key) for c in Case.__table__.columns})


def test_extension_asked_by_the_section_and_approved_by_the_desk(qtbot, app, office) -> None:  # type: ignore[no-untyped-def]
    d = office.get(office.in_progress(category="complaint").id, office.handler)
    before = case_row(office, d.id).reply_deadline
    ask = _show(qtbot, RequestExtensionDialog(office.ctx, office.handler, d))
    ask.workdays.selectAll()
    qtbot.keyClicks(ask.workdays, "3")
    qtbot.keyClick(ask.reason.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert ask.isVisible() and ask.errors["reason"].text() == "请填写延期理由"
    ime_type(ask.reason.edit, "需会同区经信局现场核查")
    qtbot.keyClick(ask.reason.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert ask.result() == QDialog.DialogCode.Accepted

    desk_view = office.get(d.id)
    assert desk_view.work is not None and desk_view.work.pending_extension is not None
    decide = _show(qtbot, ExtensionDecisionDialog(office.ctx, office.desk, desk_view))
    assert "申请延期 3 个工作日" in decide.request_note.text()
    qtbot.mouseClick(decide.deny_button, Qt.MouseButton.LeftButton)
    assert decide.isVisible() and decide.errors["note"].text() == "请填写不同意的理由"
    qtbot.mouseClick(decide.ok_button, Qt.MouseButton.LeftButton)  # approve needs no note
    assert decide.result() == QDialog.DialogCode.Accepted
    row = case_row(office, d.id)
    assert row.extension_days == 3 and row.reply_deadline > before  # type: ignore[operator]
    assert row.reply_deadline_original == before


def test_a_colleague_asking_second_is_told_who_asked_first(  # type: ignore[no-untyped-def]
    qtbot, app, office, make_actor, monkeypatch
) -> None:
    """The dialog passes the newest timeline line it showed; the colleague's request after it
    turns the refusal into who did what, and nothing of the second request is saved."""
    colleague = make_actor("handler", unit="CYFZ")
    d = office.get(office.in_progress(category="complaint").id, colleague)
    ask = _show(qtbot, RequestExtensionDialog(office.ctx, colleague, d))
    extensions.request_extension(office.ctx, office.handler, d.id, 5, "需现场核查")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    ime_type(ask.reason.edit, "需协调财务科")
    qtbot.keyClick(ask.reason.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert ask.result() == QDialog.DialogCode.Rejected and ask.result_case is None
    assert shown and office.handler.display_name in shown[0] and "申请延期" in shown[0]
    assert "已有一份延期申请待办公室审批" in shown[0]
    pending = office.get(d.id).work
    assert pending is not None and pending.pending_extension is not None
    assert pending.pending_extension.workdays == 5


def test_the_board_urges_an_overdue_case_through_the_detail(
    qtbot, app, office, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    late = overdue(office)
    calm = office.in_progress(category="complaint")
    window = MainWindow(office.ctx, office.desk)
    qtbot.addWidget(window)
    window.show()
    # the login's alert (1 已超期) first: without a tray it is shown in the status bar, where
    # the urge's 已保存 is looked for below
    qtbot.waitUntil(lambda: window.alerts.last is not None)
    window.show_page("board")
    page = window.page("board")
    qtbot.waitUntil(lambda: page.counts is not None and page.model.total == 2)
    assert page.level_buttons["red"].text().endswith("1")
    assert page.suggest_buttons["urge"].text().endswith("1")
    qtbot.mouseClick(page.level_buttons["red"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.total == 1 and page.model.rowCount() == 1)
    assert page.model.row(0).id == late.id and calm.id != late.id
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.detail.case is not None and page.detail.case.id == late.id)
    assert "超期" in page.detail.deadline.text()
    button = page.detail.actions.buttons["urge"]
    assert button.isVisible()

    def urge(dialog: QDialog) -> int:
        assert isinstance(dialog, UrgeDialog)
        dialog.show()
        dialog.text.edit.clear()
        ime_type(dialog.text.edit, "请今日内反馈办理进展")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(QDialog, "exec", urge)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert case_row(office, late.id).urge_count == 1
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.model.row(0).urge_count == 1)
    qtbot.waitUntil(lambda: page.counts is not None and page.counts.suggest_urge == 0)
    assert "已保存" in window.statusBar().currentMessage()


def test_the_board_lists_an_unrouted_overdue_case(qtbot, app, office) -> None:  # type: ignore[no-untyped-def]
    """Issue 12: a consultation nobody routed is on the 督办台, red, under (未分办)."""
    waiting = office.register(received_at=office.ctx.now() - timedelta(days=20))
    window = MainWindow(office.ctx, office.desk)
    qtbot.addWidget(window)
    window.show()
    window.show_page("board")
    page = window.page("board")
    qtbot.waitUntil(lambda: page.counts is not None and page.model.total == 1)
    assert page.level_buttons["red"].text().endswith("1")
    assert page.suggest_buttons["urge"].text().endswith("0"), "the desk routes it, not urges"
    assert (
        page.sections.item(0, 0).text() == "（未分办）" and page.sections.item(0, 1).text() == "1"
    )
    qtbot.mouseClick(page.level_buttons["red"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.total == 1 and page.model.rowCount() == 1)
    row = page.model.row(0)
    assert (row.id, row.level, row.status, row.due_clock) == (
        waiting.id,
        "red",
        "registered",
        "reply",
    )
    texts = [page.model.index(0, c).data() for c in range(page.model.columnCount())]
    assert texts[0] == "红牌超期" and texts[3] == "" and texts[4] == "答复" and "超期" in texts[6]
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.detail.case is not None and page.detail.case.id == waiting.id)
    assert "超期" in page.detail.deadline.text()
    assert page.detail.actions.buttons["route"].isVisible()


def test_an_order_issued_and_answered_in_the_dialogs(qtbot, app, office) -> None:  # type: ignore[no-untyped-def]
    late = office.get(overdue(office).id)
    order = _show(qtbot, OrderDialog(office.ctx, office.desk, late))
    assert order.red.isChecked(), "an overdue case gets a red order by default"
    ime_type(order.reason.edit, "超期未答复，红牌督办")
    qtbot.mouseClick(order.ok_button, Qt.MouseButton.LeftButton)
    assert order.result() == QDialog.DialogCode.Accepted
    section_view = office.get(late.id, office.handler)
    assert section_view.work is not None and section_view.work.may("answer_order")
    answer = _show(qtbot, AnswerOrderDialog(office.ctx, office.handler, section_view))
    ime_type(answer.response.edit, "已联系企业,周五前答复")
    qtbot.keyClick(answer.response.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert answer.result() == QDialog.DialogCode.Accepted
    with office.ctx.uow.read() as uow:
        row = uow.session.execute(
            select(Supervision).where(Supervision.case_id == late.id)
        ).scalar_one()
        assert (row.level, row.status, row.response) == ("red", "answered", "已联系企业,周五前答复")


def test_the_admin_changes_a_day_of_an_unmaintained_year(
    qtbot, app, office, make_actor, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    admin = make_actor("sys_admin")
    year = max(calendar.package_years()) + 1
    page = CalendarPage(office.ctx, admin)
    qtbot.addWidget(page)
    page.show()
    page.year.setValue(year)
    assert page.banner.isVisible() and str(year) in page.banner.text()
    january = page.months[0]
    first = date(year, 1, 1)
    row, col = divmod(first.weekday(), 7)
    assert january.item(row, col).text() == "1"

    def holiday(dialog: QDialog) -> int:
        assert isinstance(dialog, DayDialog)
        dialog.show()
        if dialog.workday.isChecked():
            qtbot.mouseClick(dialog.workday, Qt.MouseButton.LeftButton)
        dialog.name.clear()
        ime_type(dialog.name, "元旦")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(QDialog, "exec", holiday)
    january.cellClicked.emit(row, col)
    with office.ctx.uow.read() as uow:
        day = uow.session.get(CalendarDay, first)
        assert day is not None and not day.is_workday and day.name == "元旦"
    assert not page.banner.isVisible(), "the year now counts as maintained"
    assert january.item(row, col).toolTip() == "元旦"


def test_the_admin_edits_a_time_limit_and_applies_it(
    qtbot, app, office, make_actor, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    admin = make_actor("sys_admin")
    case = office.in_progress()
    old = case_row(office, case.id).reply_deadline
    runner = TaskRunner()
    page = LimitsPage(office.ctx, admin, runner)
    qtbot.addWidget(page)
    consult = next(i for i, r in enumerate(page.rules)
                   if (r.clock, r.category, r.channel) == ("reply", "consult", None))  # fmt: skip
    page.table.selectRow(consult)

    def four_days(dialog: QDialog) -> int:
        assert isinstance(dialog, LimitDialog)
        dialog.show()
        dialog.amount.selectAll()
        qtbot.keyClicks(dialog.amount, "4")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(QDialog, "exec", four_days)
    page.edit()
    assert page.table.item(consult, 4).text() == "4个工作日"
    assert case_row(office, case.id).reply_deadline == old, "open cases keep their deadline"
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: told.append(a[2]))
    page.apply_to_open()
    qtbot.waitUntil(lambda: bool(told), timeout=10_000)
    assert "1 件" in told[0]
    assert case_row(office, case.id).reply_deadline > old  # type: ignore[operator]
    assert [r.amount for r in time_limits.list_limits(office.ctx) if r.category == "consult"
            and r.channel is None] == [4]  # fmt: skip


def test_calendar_banner_for_the_desk_near_an_unknown_year(qtbot, app, office) -> None:  # type: ignore[no-untyped-def]
    year = max(calendar.package_years())
    office.ctx.clock = Clock(datetime(year, 12, 21, 10, 0))  # the next year has no data yet
    window = MainWindow(office.ctx, office.desk)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.calendar_banner.isVisibleTo(window))  # after the first rows
    assert f"{year + 1}年节假日安排尚未维护" in window.calendar_banner.text()
    handler = MainWindow(office.ctx, office.handler)
    qtbot.addWidget(handler)
    first, loaded = handler.first_case_model(), []
    assert first is not None
    first.once_loaded(lambda: loaded.append(True))  # after the window's own (connected first)
    qtbot.waitUntil(lambda: bool(loaded))
    assert not handler.calendar_banner.isVisibleTo(handler), "sections are not bothered"


def test_alert_badge_and_notification_for_the_section(qtbot, app, office) -> None:  # type: ignore[no-untyped-def]
    from hotline_desk.services.supervision import supervise as supervision

    late = overdue(office)
    supervision.urge_case(office.ctx, office.desk, late.id, "请尽快答复")
    window = MainWindow(office.ctx, office.handler)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.alert_label.isVisible())
    text = window.alert_label.text()
    assert "超期 1" in text and "催办 1" in text
    assert window.notifier.shown and "1 件已超期" in window.notifier.shown[0][1]


def test_the_badge_does_not_wait_for_a_first_page_that_hangs(  # type: ignore[no-untyped-def]
    qtbot, app, office, monkeypatch
) -> None:
    """A first page held up (a busy server) does not hold back the alert check for longer
    than ``START_LATEST_MS``: the badge comes while the list is still loading."""
    import threading

    from hotline_desk.gui.shell import notices
    from hotline_desk.services.cases import queries

    overdue(office)
    release, listing = threading.Event(), queries.list_cases

    def held(*args, **kwargs):  # type: ignore[no-untyped-def]
        release.wait(30)
        return listing(*args, **kwargs)

    monkeypatch.setattr(queries, "list_cases", held)
    monkeypatch.setattr(notices, "START_LATEST_MS", 50)
    window = MainWindow(office.ctx, office.handler)
    qtbot.addWidget(window)
    window.show()
    first = window.first_case_model()
    assert first is not None and first.loading
    try:
        qtbot.waitUntil(lambda: window.alert_label.isVisible())
        assert "超期 1" in window.alert_label.text() and first.loading  # the page still held
    finally:
        with qtbot.waitSignal(first.pageLoaded):  # and the page comes when it comes
            release.set()


def test_a_day_made_a_holiday_in_the_editor_moves_a_new_cases_deadline(  # type: ignore[no-untyped-def]
    qtbot, app, office, make_actor, monkeypatch
) -> None:
    admin = make_actor("sys_admin")
    before = case_row(office, office.routed().id).reply_deadline
    today = office.ctx.now().date()
    tomorrow = calendar.calendar(office.ctx).add_workdays(today, 1)  # inside that reply window
    page = CalendarPage(office.ctx, admin)
    qtbot.addWidget(page)
    page.show()
    page.year.setValue(tomorrow.year)
    grid = page.months[tomorrow.month - 1]
    row, col = divmod(date(tomorrow.year, tomorrow.month, 1).weekday() + tomorrow.day - 1, 7)
    assert grid.item(row, col).text() == str(tomorrow.day)

    def day_off(dialog: QDialog) -> int:
        assert isinstance(dialog, DayDialog) and dialog.workday.isChecked()
        dialog.show()
        qtbot.mouseClick(dialog.workday, Qt.MouseButton.LeftButton)
        ime_type(dialog.name, "临时停工")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(QDialog, "exec", day_off)
    grid.cellClicked.emit(row, col)
    after = case_row(office, office.routed().id).reply_deadline
    cal = calendar.calendar(office.ctx)
    assert not cal.is_workday(tomorrow)
    assert after.date() == cal.add_workdays(before.date(), 1), "one working day later"
