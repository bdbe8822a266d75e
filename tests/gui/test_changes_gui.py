"""Changes travel with the write: one window's save refreshes every other view that shows it,
through the application bus and nothing else; errors after a write are mapped one way; a
cancelled long write still announces what it committed."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from hotline_desk.domain import changes as topics
from hotline_desk.domain.changes import CASES, TEMPLATES, Changes
from hotline_desk.domain.errors import PermissionDenied, ValidationError
from hotline_desk.gui.actions.edit import EditCaseDialog
from hotline_desk.gui.cases.model import COLUMNS
from hotline_desk.gui.common.bus import OTHER_DESK, _Subscription, app_bus, subscribe
from hotline_desk.gui.common.tasks import TaskRunner
from hotline_desk.gui.common.writes import Written, write, write_in_background
from hotline_desk.gui.pages.templates import TemplatePage
from hotline_desk.gui.shell.main_window import MainWindow
from hotline_desk.services.admin import auth
from hotline_desk.services.cases import registration
from hotline_desk.services.dto import CaseDetail
from hotline_desk.services.lifecycle import templates
from tests.factories import case_input
from tests.gui.conftest import ime_type
from tests.gui.test_intake_flow import _fill


def test_a_case_registered_in_one_window_appears_in_the_other(qtbot, app, ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    reader = MainWindow(ctx, make_actor("desk"))
    clerk_window = MainWindow(ctx, make_actor("intake", "desk"))
    for window in (reader, clerk_window):
        qtbot.addWidget(window)
        window.show()
    reader.show_page("cases")
    model = reader.splitter.model
    qtbot.waitUntil(lambda: model.total == 0)
    page = clerk_window.register_page
    _fill(qtbot, page.form, name="张三明", phone="13812345678", title="专项资金何时拨付",
          content="企业申报的专项资金至今未到账")  # fmt: skip
    registered: list[CaseDetail] = []
    page.registered.connect(registered.append)
    with qtbot.waitSignal(app_bus().changed) as announced:
        qtbot.keyClick(page.form.title, Qt.Key.Key_Return)
    detail = registered[0]
    assert detail is not None
    changes, initiator = announced.args
    assert changes.touches_case(detail.id) and initiator is page
    qtbot.waitUntil(lambda: model.total == 1 and model.rowCount() == 1, timeout=3000)
    assert model.data(model.index(0, 0)) == detail.case_no


def test_write_maps_every_error_one_way(qtbot, app, ctx, monkeypatch, caplog) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, t, m: shown.append(("warning", m)))
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, t, m: shown.append(("critical", m)))
    announced: list[Changes] = []

    def heard(changes: Changes, _initiator: object) -> None:
        announced.append(changes)

    app_bus().changed.connect(heard)
    fields: list[dict[str, str]] = []

    def invalid() -> None:
        raise ValidationError({"title": "标题不能为空"})

    assert write(parent, ctx, invalid, field_errors=fields.append) is None
    assert fields == [{}, {"title": "标题不能为空"}] and shown == []

    def refused() -> None:
        raise PermissionDenied("您没有“转办”的权限")

    assert write(parent, ctx, refused) is None
    assert shown == [("warning", "您没有“转办”的权限")]

    def broken() -> None:
        raise RuntimeError("电话 13812345678 出错")

    with caplog.at_level(logging.ERROR):
        assert write(parent, ctx, broken) is None
    assert shown[-1][0] == "critical" and "RuntimeError" in shown[-1][1]
    assert "13812345678" not in shown[-1][1], "no raw error text reaches the user"
    assert announced == [], "nothing was committed, nothing announced"

    written = write(parent, ctx, lambda: 42)
    assert written == Written(42) and announced == []
    app_bus().changed.disconnect(heard)


def test_a_cancelled_background_write_still_announces_what_it_committed(
    qtbot, app, ctx, make_actor
) -> None:  # type: ignore[no-untyped-def]
    clerk = make_actor("intake")
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = TaskRunner(parent)
    registered: list[int] = []

    def work(token) -> None:  # type: ignore[no-untyped-def]
        registered.append(registration.register_case(ctx, clerk, case_input(ctx)).id)
        token.cancel()
        token.check()

    outcomes: list[Written[object]] = []
    with qtbot.waitSignal(app_bus().changed) as announced:
        write_in_background(runner, parent, ctx, work, outcomes.append)
    qtbot.waitUntil(lambda: bool(outcomes))
    assert outcomes[0].cancelled and outcomes[0].result is None
    assert announced.args[0].touches_case(registered[0])
    runner.wait()


def test_a_template_changed_elsewhere_reloads_the_page_but_not_its_own_save(
    qtbot, app, ctx, make_actor
) -> None:  # type: ignore[no-untyped-def]
    admin = make_actor("sys_admin")
    page = TemplatePage(ctx, admin)
    qtbot.addWidget(page)
    before = page.list.count()
    with qtbot.waitSignal(app_bus().changed):
        written = write(None, ctx, lambda: templates.save_template(
            ctx, admin, None, "consult", "政策咨询通用", "您好，经核实……"))  # fmt: skip
    assert written is not None and TEMPLATES in written.changes.topics
    assert page.list.count() == before + 1, "another window's save shows here"


def test_a_subscription_ends_with_its_view(qtbot, app) -> None:  # type: ignore[no-untyped-def]
    calls: list[str] = []

    class View(QWidget):
        def reload(self) -> None:
            calls.append("reload")

    view = View()
    subscribe(view, (CASES,), view.reload)
    app_bus().announce(Changes.of(TEMPLATES), None)
    app_bus().announce(Changes.of(CASES, case_ids=(1,)), OTHER_DESK)
    assert calls == ["reload"]
    view.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app_bus().announce(Changes.of(CASES), None)
    assert calls == ["reload"], "a deleted view is not called"


def test_a_closed_windows_views_stop_following_changes(qtbot, app, ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    """A signed-out window not yet deleted: a change announced afterwards runs none of its
    views' refreshes (they would query the ended session) and drops their subscriptions."""
    actor = make_actor("desk", "intake")
    window = MainWindow(ctx, actor)
    qtbot.addWidget(window)
    window.show()
    window.show_page("cases")
    model = window.splitter.model
    qtbot.waitUntil(lambda: model.total is not None and not model.loading)
    every = Changes.of(CASES, topics.USERS, topics.ORG, topics.CALENDAR, topics.LIMITS,
                       TEMPLATES, topics.REPORTS, all_cases=True)  # fmt: skip
    ran: list[str] = []
    subscriptions = window.findChildren(_Subscription)
    assert len(subscriptions) >= 3  # the main window, the inbox, the case list, …
    real = {id(sub): sub.refresh for sub in subscriptions}
    for sub in subscriptions:  # the slots the bus calls, each noting that it ran
        sub.refresh = lambda sub=sub: (ran.append(type(sub.owner).__name__), real[id(sub)]())
    app_bus().announce(every, OTHER_DESK)
    assert "CaseWorkspace" in ran and "SavedSearchNav" in ran, ran
    qtbot.waitUntil(lambda: not model.loading)
    ran.clear()

    window.close()
    auth.logout(ctx, actor)
    app_bus().announce(every, OTHER_DESK)
    assert ran == [], "a closed window's views are not refreshed"
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert window.findChildren(_Subscription) == [], "and their subscriptions are dropped"
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    assert not any(box.isVisible() for box in boxes)


def test_editing_through_the_action_bar_refreshes_the_list(
    qtbot, app, ctx, make_actor, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """修改 is an action like the others: its button comes from the spec and the transition table,
    its dialog from the registry, and the list shows the new title after the commit."""
    clerk = make_actor("intake", "desk")
    case = registration.register_case(ctx, clerk, case_input(ctx, title="咨询专项资金"))
    window = MainWindow(ctx, clerk)
    qtbot.addWidget(window)
    window.show()
    window.show_page("cases")
    model = window.splitter.model
    qtbot.waitUntil(lambda: model.total == 1)
    window.open_case(case.id)
    button = window.detail.actions.buttons["edit"]
    assert button.isVisible() and button.text() == "修改"

    def retitle(dialog) -> int:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, EditCaseDialog)
        dialog.form.title.clear()
        ime_type(dialog.form.title, "咨询专项资金拨付进度")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(EditCaseDialog, "exec", retitle)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    title = [c[0] for c in COLUMNS].index("title")
    qtbot.waitUntil(lambda: model.data(model.index(0, title)) == "咨询专项资金拨付进度")
    assert "已保存" in window.statusBar().currentMessage()
