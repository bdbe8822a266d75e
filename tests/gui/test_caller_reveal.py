"""The detail pane's 显示 and 查看联系电话, clicked: the full values shown, the audit rows
written, masked again when another case is opened or when the callback number's time is up
(the timer is given a short interval and its timeout awaited — no sleeps)."""

from __future__ import annotations

import json
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow
from sqlalchemy import select

from hotline_desk.domain.privacy.masking import mask_address, mask_name, mask_phone
from hotline_desk.gui.cases.detail import CaseDetailPanel
from hotline_desk.services.cases import read_model, registration, reveal
from hotline_desk.services.dto import CaseDetail
from hotline_desk.services.lifecycle import handling, routing
from hotline_desk.services.lifecycle.dto import RouteInput
from hotline_desk.store.models import AuditLog, OrgUnit
from tests.factories import case_input


def masked(case: CaseDetail) -> CaseDetail:
    """The detail as every role gets it once lists and details are masked for all (issue 15);
    a detail already masked is left alone."""
    if case.personal_data_masked:
        return case
    return replace(case, caller_name=mask_name(case.caller_name),
                   caller_phone=mask_phone(case.caller_phone),
                   caller_address=mask_address(case.caller_address),
                   personal_data_masked=True)  # fmt: skip


def audit_rows(ctx, action: str) -> list[tuple[str, str, dict[str, object]]]:  # type: ignore[no-untyped-def]
    with ctx.uow.read() as uow:
        rows = uow.session.execute(
            select(AuditLog.actor_name, AuditLog.object_id, AuditLog.detail)
            .where(AuditLog.action == action).order_by(AuditLog.id)
        ).all()  # fmt: skip
    return [(n, o, json.loads(d)) for n, o, d in rows]


def pane(qtbot, ctx, actor) -> tuple[QMainWindow, CaseDetailPanel]:  # type: ignore[no-untyped-def]
    window = QMainWindow()
    panel = CaseDetailPanel(now=ctx.now, ctx=ctx, actor=actor)
    window.setCentralWidget(panel)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window, panel


def unit(ctx, code: str) -> int:  # type: ignore[no-untyped-def]
    with ctx.uow.read() as uow:
        return uow.session.execute(select(OrgUnit.id).where(OrgUnit.code == code)).scalar_one()


def test_the_desk_clicks_show_and_the_reveal_is_audited(qtbot, app, ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    desk = make_actor("desk", "intake")
    first = registration.register_case(ctx, desk, case_input(ctx))
    second = registration.register_case(
        ctx, desk, case_input(ctx, caller_name="李四", caller_phone="13900001111")
    )
    window, panel = pane(qtbot, ctx, desk)
    panel.show_case(masked(read_model.get_case(ctx, desk, first.id)))
    button = panel.reveal.show_button
    assert button.isVisible() and not panel.reveal.phone_button.isVisible()
    assert panel.values["caller_phone"].text() == "138****5678"
    assert audit_rows(ctx, reveal.REVEAL_ACTION) == []  # opening the case reveals nothing

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert panel.values["caller_name"].text() == "张三明"
    assert panel.values["caller_phone"].text() == "13812345678"
    assert panel.values["caller_address"].text() == "解放路88号3单元"
    assert "审计日志" in window.statusBar().currentMessage()
    assert first.case_no in window.statusBar().currentMessage()
    assert not button.isVisible()
    assert audit_rows(ctx, reveal.REVEAL_ACTION) == [
        (desk.username, first.case_no, {"purpose": "detail",
                                        "shown": ["name", "phone", "address"]}),
    ]  # fmt: skip

    # another case opens masked; the first case opened again is masked again too
    panel.show_case(masked(read_model.get_case(ctx, desk, second.id)))
    assert panel.values["caller_phone"].text() == "139****1111" and button.isVisible()
    panel.show_case(masked(read_model.get_case(ctx, desk, first.id)))
    assert panel.values["caller_phone"].text() == "138****5678"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # a second look: a second row
    assert len(audit_rows(ctx, reveal.REVEAL_ACTION)) == 2


def test_no_show_button_for_a_section_or_an_anonymous_caller(qtbot, app, ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    desk = make_actor("desk", "intake")
    handler = make_actor("handler", unit="CYFZ")
    case = registration.register_case(ctx, desk, case_input(ctx))
    route = RouteInput(tier=2, lead_unit_id=unit(ctx, "CYFZ"), assist_unit_ids=(),
                       opinion="请办理")  # fmt: skip
    routing.route_case(ctx, desk, case.id, case.version, route)
    _window, panel = pane(qtbot, ctx, handler)
    panel.show_case(read_model.get_case(ctx, handler, case.id))
    assert not panel.reveal.show_button.isVisible()  # not signed: no handler yet
    assert not panel.reveal.phone_button.isVisible()
    anonymous = registration.register_case(ctx, desk, case_input(
        ctx, anonymous=True, caller_name="", caller_phone="", caller_address=""))  # fmt: skip
    _w, desk_panel = pane(qtbot, ctx, desk)
    desk_panel.show_case(masked(read_model.get_case(ctx, desk, anonymous.id)))
    assert not desk_panel.reveal.show_button.isVisible()


def test_the_handler_sees_the_number_for_a_while(qtbot, app, ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    desk = make_actor("desk", "intake")
    handler = make_actor("handler", unit="CYFZ")
    colleague = make_actor("handler", unit="CYFZ")
    case = registration.register_case(ctx, desk, case_input(ctx))
    route = RouteInput(tier=2, lead_unit_id=unit(ctx, "CYFZ"), assist_unit_ids=(),
                       opinion="请办理")  # fmt: skip
    d = routing.route_case(ctx, desk, case.id, case.version, route)
    handling.sign_case(ctx, handler, d.id, d.version)

    _w, other_panel = pane(qtbot, ctx, colleague)  # same section, not his case
    other_panel.show_case(read_model.get_case(ctx, colleague, case.id))
    assert not other_panel.reveal.phone_button.isVisible()

    window, panel = pane(qtbot, ctx, handler)
    panel.reveal.timer.setInterval(200)  # the 60 s, shortened for the test
    panel.show_case(read_model.get_case(ctx, handler, case.id))
    button = panel.reveal.phone_button
    assert button.isVisible() and not panel.reveal.show_button.isVisible()
    assert panel.values["caller_phone"].text() == "138****5678"

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert panel.values["caller_phone"].text() == "13812345678"
    assert panel.values["caller_name"].text() != "张三明"  # only the number
    assert not button.isEnabled() and panel.reveal.timer.isActive()
    assert "审计日志" in window.statusBar().currentMessage()
    assert audit_rows(ctx, reveal.CALLBACK_ACTION) == [
        (handler.username, case.case_no, {"purpose": "callback", "shown": ["phone"]})
    ]
    with qtbot.waitSignal(panel.reveal.timer.timeout, timeout=5000):
        pass
    assert panel.values["caller_phone"].text() == "138****5678"
    assert button.isEnabled()


def test_the_real_timer_is_sixty_seconds_and_opening_a_case_stops_it(
    qtbot,
    app,
    ctx,
    make_actor,  # type: ignore[no-untyped-def]
) -> None:
    desk = make_actor("desk", "intake")
    handler = make_actor("handler", unit="CYFZ")
    case = registration.register_case(ctx, desk, case_input(ctx))
    route = RouteInput(tier=2, lead_unit_id=unit(ctx, "CYFZ"), assist_unit_ids=(),
                       opinion="请办理")  # fmt: skip
    d = routing.route_case(ctx, desk, case.id, case.version, route)
    handling.sign_case(ctx, handler, d.id, d.version)
    _window, panel = pane(qtbot, ctx, handler)
    assert panel.reveal.timer.interval() == 60_000
    detail = read_model.get_case(ctx, handler, case.id)
    panel.show_case(detail)
    qtbot.mouseClick(panel.reveal.phone_button, Qt.MouseButton.LeftButton)
    assert panel.values["caller_phone"].text() == "13812345678"
    panel.show_case(None)
    assert not panel.reveal.timer.isActive() and panel.values["caller_phone"].text() == ""
    panel.show_case(detail)
    assert panel.values["caller_phone"].text() == "138****5678"
