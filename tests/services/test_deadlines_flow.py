"""Clocks on the lifecycle and extensions, on SQLite and PostgreSQL: dispatch starts the sign
and reply clocks, signing switches to the reply clock, the reply starts the callback clock;
extensions approved, denied, too late, too long; the office settings that steer the clocks."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from hotline_desk.domain.calendar import END_OF_DAY
from hotline_desk.domain.errors import PermissionDenied, ValidationError
from hotline_desk.services.admin import office
from hotline_desk.services.cases import read_model
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import CaseDetail
from hotline_desk.services.lifecycle import handling, replies, routing
from hotline_desk.services.lifecycle.dto import CaseDeadlines, RouteInput
from hotline_desk.services.supervision import extensions
from hotline_desk.store.models import AuditLog, Case, CaseEvent
from tests.conftest import Clock, MakeActor
from tests.services.test_lifecycle_paths import Office, unit_id


@pytest.fixture
def people(ctx: ServiceContext, make_actor: MakeActor) -> Office:
    return Office(ctx, make_actor)


def eod(y: int, m: int, d: int) -> datetime:
    return datetime.combine(datetime(y, m, d).date(), END_OF_DAY)


def clocks(detail: CaseDetail) -> CaseDeadlines:
    assert detail.work is not None and detail.work.deadlines is not None
    return detail.work.deadlines


def routed(people: Office, **overrides: object) -> CaseDetail:
    ctx = people.ctx
    case = people.register(**overrides)
    route = RouteInput(tier=2, lead_unit_id=unit_id(ctx, "CYFZ"), opinion="请核实答复")
    return routing.route_case(ctx, people.desk, case.id, case.version, route)


def test_dispatch_starts_the_sign_and_reply_clocks(people: Office, clock: Clock) -> None:
    # Friday 20 Nov 10:00; a consultation by hotline: reply in 3 working days from receipt
    case = routed(people)
    d = clocks(case)
    assert d.sign_deadline == eod(2026, 11, 23), "one working day after the Friday dispatch"
    assert d.reply_deadline == d.reply_deadline_original == eod(2026, 11, 25)
    assert d.reply_limit == "3个工作日"
    assert (d.due_clock, d.due_at, d.level) == ("sign", d.sign_deadline, "normal")
    clock.now = datetime(2026, 11, 23, 9, 0)  # Monday: the sign deadline's last day
    signed = handling.sign_case(people.ctx, people.handler, case.id, case.version)
    d = clocks(signed)
    assert (d.due_clock, d.due_at) == ("reply", eod(2026, 11, 25))
    assert not d.signed_late


def test_urgent_and_critical_cases_run_on_clock_hours(people: Office) -> None:
    urgent = clocks(routed(people, urgency="urgent"))
    start = people.ctx.now()
    assert urgent.sign_deadline == start + timedelta(hours=2)
    registered = people.ctx.now() - timedelta(minutes=5)
    assert urgent.reply_deadline == registered + timedelta(hours=24)
    critical = clocks(routed(people, urgency="critical"))
    assert critical.sign_deadline == start + timedelta(minutes=30)
    assert critical.reply_limit == "2小时"


def test_the_recorded_reply_starts_the_callback_clock(people: Office, clock: Clock) -> None:
    ctx = people.ctx
    case = people.register()
    direct = routing.route_case(ctx, people.desk, case.id, case.version, RouteInput(tier=1))
    assert clocks(direct).due_clock == "reply" and clocks(direct).sign_deadline is None
    drafted = replies.submit_reply(ctx, people.desk, case.id, direct.version, "您好，已答复。")
    approved = replies.approve_reply(ctx, people.office_head, case.id, drafted.version, "")
    clock.now = datetime(2026, 11, 24, 15, 0)
    replied = replies.record_reply(
        ctx, people.desk, case.id, approved.version, "phone", clock.now, "张先生"
    )
    d = clocks(replied)
    assert d.callback_deadline == eod(2026, 11, 25)
    assert (d.due_clock, d.due_at) == ("callback", d.callback_deadline)
    assert not d.replied_late
    with ctx.uow.read() as uow:
        row = uow.session.get(Case, case.id)
        assert row is not None and row.reply_workdays == 2 and row.callback_status == "pending"


def test_approved_extension_moves_the_effective_deadline_only(people: Office) -> None:
    ctx = people.ctx
    case = routed(people, category="complaint")  # 15 working days: Fri 11 Dec
    signed = handling.sign_case(ctx, people.handler, case.id, case.version)
    assert clocks(signed).reply_deadline == eod(2026, 12, 11)
    asked = extensions.request_extension(ctx, people.handler, case.id, 5, "需现场核查多家企业")
    assert asked.work is not None and asked.work.pending_extension is not None
    assert asked.version == signed.version, "asking does not change the case itself"
    assert "approve_extension" not in asked.work.allowed_actions, "the section cannot approve"
    with pytest.raises(PermissionDenied, match="待办公室审批"):
        extensions.request_extension(ctx, people.handler, case.id, 2, "再延两天")
    desk_view = read_model.get_case(ctx, people.desk, case.id)
    assert desk_view.work is not None and "approve_extension" in desk_view.work.allowed_actions
    done = extensions.approve_extension(ctx, people.desk, case.id, desk_view.version, "同意")
    d = clocks(done)
    assert d.reply_deadline == eod(2026, 12, 18) and d.extension_days == 5
    assert d.reply_deadline_original == eod(2026, 12, 11), "the original stays for statistics"
    assert d.due_at == d.reply_deadline
    assert done.work is not None and done.work.extensions[0].status == "approved"
    assert done.work.extensions[0].deadline_after == eod(2026, 12, 18)
    kinds = [e.kind for e in done.events]
    assert kinds[-2:] == ["extension_requested", "extension_approved"]
    with ctx.uow.read() as uow:
        actions = uow.session.execute(select(AuditLog.action)).scalars().all()
    assert "case_request_extension" in actions and "case_approve_extension" in actions


def test_denied_extension_keeps_the_deadline(people: Office) -> None:
    ctx = people.ctx
    case = routed(people)
    signed = handling.sign_case(ctx, people.handler, case.id, case.version)
    extensions.request_extension(ctx, people.handler, case.id, 3, "等待企业提供材料")
    with pytest.raises(ValidationError) as info:
        extensions.deny_extension(ctx, people.desk, case.id, signed.version, "  ")
    assert "note" in info.value.field_errors
    denied = extensions.deny_extension(
        ctx, people.desk, case.id, signed.version, "咨询件可先行答复"
    )
    assert clocks(denied).reply_deadline == eod(2026, 11, 25)
    assert denied.work is not None and denied.work.extensions[0].status == "denied"
    again = extensions.request_extension(ctx, people.handler, case.id, 2, "材料仍未到")
    assert again.work is not None and len(again.work.extensions) == 2


def test_extension_after_the_deadline_or_too_long_is_refused(people: Office, clock: Clock) -> None:
    ctx = people.ctx
    case = routed(people)
    handling.sign_case(ctx, people.handler, case.id, case.version)
    with pytest.raises(ValidationError) as info:
        extensions.request_extension(ctx, people.handler, case.id, 16, "情况复杂")
    assert "1–15" in info.value.field_errors["workdays"]
    clock.now = datetime(2026, 11, 26, 9, 0)  # the reply deadline was Wed 25 Nov
    with pytest.raises(PermissionDenied, match="已过"):
        extensions.request_extension(ctx, people.handler, case.id, 3, "情况复杂")
    with ctx.uow.read() as uow:
        n = uow.session.execute(
            select(func.count())
            .select_from(CaseEvent)
            .where(CaseEvent.case_id == case.id, CaseEvent.kind == "extension_requested")
        ).scalar_one()
    assert n == 0, "nothing was saved"


def test_reply_clock_can_start_at_dispatch(people: Office, make_actor: MakeActor) -> None:
    ctx = people.ctx
    admin = make_actor("sys_admin")
    office.save_setting(ctx, admin, "reply_clock_from", "dispatched")
    case = people.register(received_at=datetime(2026, 11, 16, 9, 0))  # Monday
    routed_case = routing.route_case(
        ctx,
        people.desk,
        case.id,
        case.version,
        RouteInput(tier=2, lead_unit_id=unit_id(ctx, "CYFZ")),
    )
    assert clocks(routed_case).reply_deadline == eod(2026, 11, 25), "3 days after Fri 20 Nov"
    with pytest.raises(ValidationError):
        office.save_setting(ctx, admin, "reply_clock_from", "tomorrow")
    with pytest.raises(PermissionDenied):
        office.save_setting(ctx, people.desk, "bureau_name", "某局")


def test_two_desks_deciding_one_extension_the_second_is_refused(
    people: Office, make_actor: MakeActor
) -> None:
    from hotline_desk.domain.errors import ConflictError

    ctx = people.ctx
    other_desk = make_actor("desk", unit="BGS")
    case = routed(people)
    signed = handling.sign_case(ctx, people.handler, case.id, case.version)
    extensions.request_extension(ctx, people.handler, case.id, 3, "等待企业材料")
    seen = signed.version  # both desks opened the case at this version
    extensions.approve_extension(ctx, people.desk, case.id, seen, "同意")
    with pytest.raises(ConflictError, match="同意延期"):
        extensions.deny_extension(ctx, other_desk, case.id, seen, "不同意")
    with ctx.uow.read() as uow:
        row = uow.session.get(Case, case.id)
        assert row is not None and row.extension_days == 3, "the first decision stands"
