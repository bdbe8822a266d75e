"""Whoever comes second is told who came first — also when the refusal is a guard's or an
overlay's — while additive actions and the desk's urges never make anyone's save fail; a
transaction the database aborts is run again, and one that keeps failing is refused in Chinese.
On SQLite and PostgreSQL, one after the other (the concurrency suite races them)."""

from __future__ import annotations

import psycopg.errors
import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from hotline_desk.domain.enums.handling import CaseStatus
from hotline_desk.domain.errors import ConflictError, PermissionDenied
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import CaseDetail
from hotline_desk.services.lifecycle import handling, pipeline, replies, routing
from hotline_desk.services.lifecycle.dto import RouteInput
from hotline_desk.services.supervision import extensions, supervise
from hotline_desk.store.models import AuditLog, Case, CaseEvent
from hotline_desk.store.models.deadlines import Extension
from tests.conftest import MakeActor
from tests.services.test_lifecycle_paths import Office, _dispatched, unit_id


@pytest.fixture
def office(ctx: ServiceContext, make_actor: MakeActor) -> Office:
    return Office(ctx, make_actor)


def _signed(ctx: ServiceContext, office: Office) -> CaseDetail:
    d = _dispatched(ctx, office)
    return handling.sign_case(ctx, office.handler, d.id, d.version)


def _rows(ctx: ServiceContext, case: CaseDetail) -> tuple[int, int, int]:
    """The case's timeline events, audit rows and pending extension requests."""
    with ctx.uow.read() as uow:
        s = uow.session
        return (
            s.scalar(select(func.count()).where(CaseEvent.case_id == case.id)) or 0,
            s.scalar(select(func.count()).where(AuditLog.object_id == case.case_no)) or 0,
            s.scalar(select(func.count()).where(Extension.case_id == case.id,
                                                Extension.status == "pending")) or 0,
        )  # fmt: skip


def test_the_second_extension_request_names_the_first(
    ctx: ServiceContext, office: Office, make_actor: MakeActor
) -> None:
    colleague = make_actor("handler", unit="CYFZ")
    seen = _signed(ctx, office)
    extensions.request_extension(ctx, office.handler, seen.id, 3, "需协调财务科",
                                 seen_event=seen.last_event_id)  # fmt: skip
    before = _rows(ctx, seen)
    with pytest.raises(ConflictError) as info:
        extensions.request_extension(ctx, colleague, seen.id, 5, "需协调",
                                     seen_event=seen.last_event_id)  # fmt: skip
    message = info.value.message
    assert office.handler.display_name in message and "“申请延期”" in message
    assert "已有一份延期申请待办公室审批" in message and "您的操作未执行" in message
    assert _rows(ctx, seen) == before and before[2] == 1
    with pytest.raises(PermissionDenied, match="已有一份延期申请"):  # no view known: plain
        extensions.request_extension(ctx, colleague, seen.id, 5, "需协调")


def test_notes_opinions_and_urges_never_make_anyone_fail(
    ctx: ServiceContext, office: Office, make_actor: MakeActor
) -> None:
    colleague = make_actor("handler", unit="CYFZ")
    seen = _signed(ctx, office)
    handling.add_note(ctx, office.handler, seen.id, "contact", "已联系来电人",
                      seen_event=seen.last_event_id)  # fmt: skip
    supervise.urge_case(ctx, office.desk, seen.id, "请加快", seen_event=seen.last_event_id)
    handling.add_note(ctx, colleague, seen.id, "site_check", "已现场核查",
                      seen_event=seen.last_event_id)  # fmt: skip
    d = replies.submit_reply(ctx, office.handler, seen.id, seen.version, "答复稿")
    assert d.status == CaseStatus.AWAITING_APPROVAL and d.version > seen.version


def test_a_section_acting_on_a_case_moved_out_of_its_sight_is_told_who_moved_it(
    ctx: ServiceContext, office: Office
) -> None:
    seen = _signed(ctx, office)
    route = RouteInput(tier=2, lead_unit_id=unit_id(ctx, "ZXQY"), reason="调整主办")
    routing.reroute_case(ctx, office.desk, seen.id, seen.version, route)
    with pytest.raises(ConflictError) as versioned:
        replies.submit_reply(ctx, office.handler, seen.id, seen.version, "答复稿")
    with pytest.raises(ConflictError) as overlay:
        handling.add_note(ctx, office.handler, seen.id, "contact", "已联系",
                          seen_event=seen.last_event_id)  # fmt: skip
    for info in (versioned, overlay):
        assert office.desk.display_name in info.value.message and "“改派”" in info.value.message


def test_the_desks_second_decision_on_a_return_names_the_first(
    ctx: ServiceContext, office: Office, make_actor: MakeActor
) -> None:
    second_desk = make_actor("desk", unit="BGS")
    seen = _signed(ctx, office)
    seen = handling.request_return(ctx, office.handler, seen.id, seen.version, "overlap", "交叉")
    routing.reject_return(ctx, office.desk, seen.id, seen.version, "属本科职责")
    route = RouteInput(tier=2, lead_unit_id=unit_id(ctx, "ZXQY"))
    with pytest.raises(ConflictError) as info:
        routing.approve_return(ctx, second_desk, seen.id, seen.version, route)
    assert office.desk.display_name in info.value.message and "驳回退回" in info.value.message


def _deadlock() -> OperationalError:
    return OperationalError("SELECT …", {}, psycopg.errors.DeadlockDetected("deadlock detected"))


def test_a_deadlock_is_run_again_and_written_once(
    ctx: ServiceContext, office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = _dispatched(ctx, office)
    before = _rows(ctx, d)
    real, failures = pipeline.case_facts, [_deadlock()]

    def facts_after_one_deadlock(s, case):  # type: ignore[no-untyped-def]
        if failures:
            raise failures.pop()
        return real(s, case)

    monkeypatch.setattr(pipeline, "case_facts", facts_after_one_deadlock)
    signed = handling.sign_case(ctx, office.handler, d.id, d.version)
    assert signed.status == CaseStatus.IN_PROGRESS
    assert _rows(ctx, d) == (before[0] + 1, before[1] + 1, 0)


def test_one_that_keeps_deadlocking_is_refused_in_chinese_and_nothing_written(
    ctx: ServiceContext, office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = _dispatched(ctx, office)
    before = _rows(ctx, d)

    def always(_s, _case):  # type: ignore[no-untyped-def]
        raise _deadlock()

    monkeypatch.setattr(pipeline, "case_facts", always)
    with pytest.raises(ConflictError, match="您的操作未执行"):
        handling.sign_case(ctx, office.handler, d.id, d.version)
    assert _rows(ctx, d) == before


def test_a_pending_row_gone_missing_is_the_rules_refusal_not_a_crash(
    ctx: ServiceContext, office: Office
) -> None:
    d = _signed(ctx, office)
    with ctx.uow.write() as uow:
        case = uow.session.get(Case, d.id)
        assert case is not None
        with pytest.raises(PermissionDenied, match="没有待审批的延期申请"):
            extensions._pending(uow.session, case)
        with pytest.raises(PermissionDenied, match="没有待审核的退回申请"):
            routing._pending_return(uow.session, case)
