"""Every callback path through the services, on SQLite and PostgreSQL: reached and satisfied;
unsatisfied and reasonable → reopened to the same section → replied again → satisfied;
unsatisfied and unreasonable; three days without reaching the caller; refused; anonymous and
confidential cases not called back; reopening a closed case; the callback queue."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from hotline_desk.domain.enums.handling import CaseStatus
from hotline_desk.domain.errors import PermissionDenied, ValidationError
from hotline_desk.domain.lifecycle import InvalidTransition
from hotline_desk.services.admin import office
from hotline_desk.services.callbacks import closing as callbacks
from hotline_desk.services.callbacks import queue as callback_queue
from hotline_desk.services.callbacks.dto import CallbackInput
from hotline_desk.services.cases import read_model
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import CaseDetail
from hotline_desk.services.lifecycle import handling, replies, routing
from hotline_desk.services.lifecycle.dto import RouteInput
from hotline_desk.store.models import AuditLog, Case, CaseEvent
from hotline_desk.store.models.callbacks import Callback
from tests.conftest import Clock
from tests.services.test_lifecycle_paths import Office, unit_id

S = CaseStatus


@pytest.fixture
def office_(ctx: ServiceContext, make_actor) -> Office:  # type: ignore[no-untyped-def]
    return Office(ctx, make_actor)


def replied(ctx: ServiceContext, o: Office, **overrides: object) -> CaseDetail:
    """A tier-2 case of 产业发展科 taken to 已答复(待回访)."""
    case = o.register(**overrides)
    route = RouteInput(tier=2, lead_unit_id=unit_id(ctx, "CYFZ"))
    d = routing.route_case(ctx, o.desk, case.id, case.version, route)
    return reply_again(ctx, o, handling.sign_case(ctx, o.handler, d.id, d.version))


def reply_again(ctx: ServiceContext, o: Office, d: CaseDetail, text: str = "答复") -> CaseDetail:
    d = replies.submit_reply(ctx, o.handler, d.id, d.version, text)
    d = replies.approve_reply(ctx, o.head, d.id, d.version)
    d = replies.record_reply(ctx, o.desk, d.id, d.version, "phone", ctx.now(), "张先生")
    assert d.status == S.REPLIED
    return d


def row(ctx: ServiceContext, case_id: int) -> Case:
    with ctx.uow.read() as uow:
        case = uow.session.get(Case, case_id)
        assert case is not None
        uow.session.expunge(case)
        return case


def attempts(ctx: ServiceContext, case_id: int) -> list[tuple[int, int, str, str | None]]:
    with ctx.uow.read() as uow:
        return [
            (r.round, r.attempt_no, r.outcome, r.satisfaction)
            for r in uow.session.execute(
                select(Callback).where(Callback.case_id == case_id).order_by(Callback.id)
            ).scalars()
        ]


def reached(ctx: ServiceContext, satisfaction: str, resolved: bool = True,
            words: str = "") -> CallbackInput:  # fmt: skip
    return CallbackInput("reached", ctx.now(), satisfaction, resolved, words)


def test_reached_satisfied_then_closed(ctx: ServiceContext, office_: Office) -> None:
    d = replied(ctx, office_)
    case = row(ctx, d.id)
    assert case.callback_status == "pending" and case.due_clock == "callback"
    assert d.work is not None and d.work.may("record_callback")
    assert not d.work.may("close")
    d = callbacks.record_callback(ctx, office_.desk, d.id, d.version,
                                  reached(ctx, "basically", True, "答复清楚,基本满意"))  # fmt: skip
    assert d.status == S.REPLIED and d.work is not None and d.work.may("close")
    case = row(ctx, d.id)
    assert (case.callback_status, case.callback_attempts, case.satisfaction, case.resolved) == (
        "reached", 1, "basically", True)  # fmt: skip
    assert case.screening is None and case.due_at is None  # the callback clock stopped
    d = callbacks.close_case(ctx, office_.desk, d.id, d.version)
    case = row(ctx, d.id)
    assert d.status == S.CLOSED
    assert case.close_reason == "satisfied" and case.closed_at == ctx.now() == case.ended_at
    assert attempts(ctx, d.id) == [(0, 1, "reached", "basically")]
    kinds = [e.kind for e in d.events][-2:]
    assert kinds == ["callback", "closed"]
    assert "基本满意" in d.events[-2].summary and "答复清楚" in d.events[-2].summary
    assert d.work is not None and d.work.closing is not None
    assert d.work.closing.callbacks[0].caller_name == office_.desk.display_name
    with ctx.uow.read() as uow:
        audits = (
            uow.session.execute(
                select(AuditLog.action).where(AuditLog.object_id == d.case_no).order_by(AuditLog.id)
            )
            .scalars()
            .all()
        )
    assert audits[-2:] == ["case_record_callback", "case_close"]


def test_unsatisfied_reasonable_reopens_to_the_same_section(
    ctx: ServiceContext, office_: Office, clock: Clock
) -> None:
    d = replied(ctx, office_, category="complaint")  # 15 working days to reply
    first_reply = row(ctx, d.id)
    with pytest.raises(ValidationError) as info:  # the citizen's words are needed to screen it
        callbacks.record_callback(ctx, office_.desk, d.id, d.version,
                                  reached(ctx, "unsatisfied", False))  # fmt: skip
    assert "words" in info.value.field_errors
    d = callbacks.record_callback(ctx, office_.desk, d.id, d.version,
                                  reached(ctx, "unsatisfied", False, "问题没有解决"))  # fmt: skip
    assert row(ctx, d.id).screening == "pending"
    with pytest.raises(PermissionDenied):  # not closed before screening
        callbacks.close_case(ctx, office_.desk, d.id, d.version)
    assert office_.counts(office_.handler)["in_progress"] == 0
    clock.now += timedelta(hours=2)
    d = callbacks.screen_case(ctx, office_.desk, d.id, d.version, True, "企业诉求合理，未落实")
    case = row(ctx, d.id)
    assert d.status == S.IN_PROGRESS and d.lead_unit_name == "产业发展科"
    assert (case.reopen_count, case.reopened_at, case.screening) == (1, ctx.now(), "reasonable")
    assert case.callback_status is None and case.callback_attempts == 0
    assert case.satisfaction is None and case.callback_deadline is None
    assert case.reply_limit == "3个工作日" and case.reply_clock_start == ctx.now()  # 重办时限
    assert first_reply.reply_limit == "15个工作日"
    assert case.reply_deadline is not None and case.reply_deadline < first_reply.reply_deadline
    assert case.due_clock == "reply" and case.due_at == case.reply_deadline
    assert d.events[-1].kind == "reopened" and "第1次重办" in d.events[-1].summary
    assert office_.counts(office_.handler)["in_progress"] == 1  # back in the section's inbox

    clock.now += timedelta(days=1)
    d = reply_again(ctx, office_, d, "重新核实后答复")
    case = row(ctx, d.id)
    assert case.callback_status == "pending" and case.callback_deadline is not None
    d = callbacks.record_callback(ctx, office_.desk, d.id, d.version, reached(ctx, "satisfied"))
    d = callbacks.close_case(ctx, office_.desk, d.id, d.version)
    assert d.status == S.CLOSED
    assert attempts(ctx, d.id) == [(0, 1, "reached", "unsatisfied"), (1, 1, "reached", "satisfied")]
    assert row(ctx, d.id).reopen_count == 1


def test_unsatisfied_unreasonable_is_closed_with_the_reason(
    ctx: ServiceContext, office_: Office
) -> None:
    d = replied(ctx, office_)
    d = callbacks.record_callback(ctx, office_.desk, d.id, d.version,
                                  reached(ctx, "unsatisfied", True, "要求额外补偿"))  # fmt: skip
    with pytest.raises(ValidationError):
        callbacks.screen_case(ctx, office_.desk, d.id, d.version, False, " ")
    d = callbacks.screen_case(ctx, office_.desk, d.id, d.version, False, "诉求超出政策规定")
    case = row(ctx, d.id)
    assert d.status == S.CLOSED
    assert (case.screening, case.close_reason, case.satisfaction) == (
        "unreasonable", "unreasonable", "unsatisfied")  # fmt: skip
    assert "诉求超出政策规定" in d.events[-1].summary and d.events[-1].kind == "closed"


def test_three_days_without_reaching_the_caller(
    ctx: ServiceContext, office_: Office, clock: Clock
) -> None:
    d = replied(ctx, office_)
    unreached = CallbackInput("unreached", ctx.now(), note="无人接听")
    d = callbacks.record_callback(ctx, office_.desk, d.id, d.version, unreached)
    clock.now += timedelta(hours=3)  # a second try the same day counts as the same day
    d = callbacks.record_callback(ctx, office_.desk, d.id, d.version,
                                  CallbackInput("unreached", ctx.now()))  # fmt: skip
    assert d.work is not None and d.work.closing is not None
    assert (d.work.closing.failed_days, d.work.closing.max_attempts) == (1, 3)
    with pytest.raises(PermissionDenied) as info:
        callbacks.close_unreachable(ctx, office_.desk, d.id, d.version, "多次未接通")
    assert "3个不同的日子" in info.value.message
    for _ in range(2):
        clock.now += timedelta(days=1)
        d = callbacks.record_callback(ctx, office_.desk, d.id, d.version,
                                      CallbackInput("unreached", ctx.now()))  # fmt: skip
    assert d.work is not None and d.work.may("close_unreachable")
    with pytest.raises(ValidationError):  # a note is required
        callbacks.close_unreachable(ctx, office_.desk, d.id, d.version, "")
    d = callbacks.close_unreachable(ctx, office_.desk, d.id, d.version, "电话停机")
    case = row(ctx, d.id)
    assert d.status == S.CLOSED
    assert (case.callback_status, case.close_reason, case.callback_attempts) == (
        "unreachable", "unreachable", 4)  # fmt: skip
    assert "3天共4次" in d.events[-1].summary


def test_the_number_of_days_is_an_office_setting(
    ctx: ServiceContext, office_: Office, make_actor
) -> None:  # type: ignore[no-untyped-def]
    office.save_setting(ctx, make_actor("sys_admin"), "callback_max_attempts", 1)
    d = replied(ctx, office_)
    d = callbacks.record_callback(ctx, office_.desk, d.id, d.version,
                                  CallbackInput("unreached", ctx.now()))  # fmt: skip
    assert d.work is not None and d.work.may("close_unreachable")


def test_refused_callback_does_not_count_and_closes(ctx: ServiceContext, office_: Office) -> None:
    d = replied(ctx, office_)
    refused = CallbackInput("refused", ctx.now(), note="称不需要回访")
    d = callbacks.record_callback(ctx, office_.desk, d.id, d.version, refused)
    assert row(ctx, d.id).callback_status == "not_required"
    d = callbacks.close_case(ctx, office_.desk, d.id, d.version)
    assert row(ctx, d.id).close_reason == "not_required"


@pytest.mark.parametrize("flag", ["anonymous", "confidential"])
def test_anonymous_and_confidential_are_not_called_back(
    ctx: ServiceContext, office_: Office, flag: str
) -> None:
    extra = {"caller_name": "", "caller_phone": ""} if flag == "anonymous" else {}
    d = replied(ctx, office_, **{flag: True}, **extra)
    assert d.work is not None and d.work.allowed_actions[0] == "no_callback"
    with pytest.raises(PermissionDenied):
        callbacks.record_callback(ctx, office_.desk, d.id, d.version, reached(ctx, "satisfied"))
    d = callbacks.mark_no_callback(ctx, office_.desk, d.id, d.version)
    case = row(ctx, d.id)
    assert d.status == S.CLOSED
    assert (case.callback_status, case.close_reason) == ("not_required", "not_required")
    reason = "匿名来电" if flag == "anonymous" else "来电人要求保密"
    assert attempts(ctx, d.id) == [(0, 1, "not_required", None)]
    assert reason in d.events[-1].summary


def test_callbacks_only_in_the_right_states(ctx: ServiceContext, office_: Office) -> None:
    case = office_.register()
    with pytest.raises(InvalidTransition):
        callbacks.record_callback(ctx, office_.desk, case.id, case.version,
                                  reached(ctx, "satisfied"))  # fmt: skip
    with pytest.raises(InvalidTransition):
        callbacks.close_case(ctx, office_.desk, case.id, case.version)
    d = replied(ctx, office_)
    with pytest.raises(PermissionDenied):  # a section does not call back
        callbacks.record_callback(ctx, office_.handler, d.id, d.version, reached(ctx, "satisfied"))
    early = CallbackInput("reached", ctx.now() + timedelta(hours=1))
    with pytest.raises(ValidationError) as info:
        callbacks.record_callback(ctx, office_.desk, d.id, d.version, early)
    assert set(info.value.field_errors) == {"at", "satisfaction", "resolved"}
    with ctx.uow.read() as uow:
        assert (
            uow.session.execute(
                select(func.count()).select_from(Callback).where(Callback.case_id == d.id)
            ).scalar_one()
            == 0
        )  # nothing half-saved
        last = (
            uow.session.execute(
                select(CaseEvent.kind)
                .where(CaseEvent.case_id == d.id)
                .order_by(CaseEvent.id.desc())
            )
            .scalars()
            .first()
        )
    assert last == "replied"


def test_a_closed_case_can_be_reopened(ctx: ServiceContext, office_: Office) -> None:
    d = replied(ctx, office_)
    d = callbacks.record_callback(ctx, office_.desk, d.id, d.version, reached(ctx, "satisfied"))
    d = callbacks.close_case(ctx, office_.desk, d.id, d.version)
    assert d.work is not None and d.work.allowed_actions == ("reopen", "link")
    d = callbacks.reopen_case(ctx, office_.desk, d.id, d.version, "12345平台回访不满意退回")
    case = row(ctx, d.id)
    assert d.status == S.IN_PROGRESS
    assert case.closed_at is None and case.ended_at is None and case.close_reason is None
    assert case.reopen_count == 1 and case.due_clock == "reply"


def test_the_callback_queue(ctx: ServiceContext, office_: Office, make_actor, clock: Clock) -> None:  # type: ignore[no-untyped-def]
    late = replied(ctx, office_, title="第一件")  # Friday: due by the end of Monday
    clock.now += timedelta(days=4)
    soon = replied(ctx, office_, title="第二件")
    quiet = replied(ctx, office_, title="匿名件", anonymous=True)
    rated = replied(ctx, office_, title="待甄别件")
    callbacks.record_callback(ctx, office_.desk, rated.id, rated.version,
                              reached(ctx, "unsatisfied", False, "不满意"))  # fmt: skip
    page = callback_queue.callback_queue(ctx, office_.desk, "pending")
    assert [r.title for r in page.rows] == ["第一件", "第二件", "匿名件"]  # by callback deadline
    assert page.rows[0].overdue and not page.rows[1].overdue
    assert page.rows[0].caller_phone == "138****5678"  # lists are masked for every role
    assert page.rows[2].anonymous
    counts = {c.key: c.count for c in callback_queue.callback_counts(ctx, office_.desk)}
    assert counts == {"pending": 3, "screening": 1, "to_close": 0}
    screening = callback_queue.callback_queue(ctx, office_.desk, "screening")
    assert [r.id for r in screening.rows] == [rated.id] and screening.rows[0].satisfaction
    leader = callback_queue.callback_queue(ctx, office_.leader, "pending")
    assert leader.rows[0].caller_phone == "138****5678"  # masked for who may not see it
    with pytest.raises(PermissionDenied):
        callback_queue.callback_queue(ctx, office_.handler, "pending")
    first = callback_queue.callback_queue(ctx, office_.desk, "pending", limit=2)
    rest = callback_queue.callback_queue(ctx, office_.desk, "pending", after=first.cursor)
    assert [r.id for r in first.rows + rest.rows] == [late.id, soon.id, quiet.id]
    assert rest.cursor is None
    assert read_model.get_case(ctx, office_.desk, late.id).work is not None
