"""Revealing a caller through the services, on SQLite and PostgreSQL: the desk's 显示 and the
handler's 查看联系电话, each audited per case and per user, and the attacks on them — another
section's case, a case not the handler's own, a confidential caller, ids out of range, an
administrator, a stale session."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from sqlalchemy import select

from hotline_desk.domain.errors import AuthError, NotFound, PermissionDenied
from hotline_desk.services.cases import reveal
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import CaseDetail
from hotline_desk.services.lifecycle import handling, replies, routing
from hotline_desk.services.lifecycle.dto import RouteInput
from hotline_desk.store.models import AuditLog
from tests.services.test_lifecycle_paths import Office, unit_id


@pytest.fixture
def office_(ctx: ServiceContext, make_actor) -> Office:  # type: ignore[no-untyped-def]
    return Office(ctx, make_actor)


def signed(ctx: ServiceContext, o: Office, **overrides: object) -> CaseDetail:
    """A case routed to 产业发展科 (财务科 assisting) and signed by its handler."""
    case = o.register(**overrides)
    route = RouteInput(tier=2, lead_unit_id=unit_id(ctx, "CYFZ"),
                       assist_unit_ids=(unit_id(ctx, "CWK"),), opinion="请牵头办理")  # fmt: skip
    d = routing.route_case(ctx, o.desk, case.id, case.version, route)
    return handling.sign_case(ctx, o.handler, d.id, d.version)


def rows(ctx: ServiceContext, case_no: str) -> list[tuple[str, str, dict[str, object]]]:
    with ctx.uow.read() as uow:
        found = uow.session.execute(
            select(AuditLog.action, AuditLog.actor_name, AuditLog.detail)
            .where(AuditLog.object_id == case_no,
                   AuditLog.action.in_([reveal.REVEAL_ACTION, reveal.CALLBACK_ACTION]))
            .order_by(AuditLog.id)
        ).all()  # fmt: skip
    return [(a, n, json.loads(d)) for a, n, d in found]


def test_the_desk_reveals_a_caller_and_each_reveal_is_audited(
    ctx: ServiceContext,
    office_: Office,
    make_actor,  # type: ignore[no-untyped-def]
) -> None:
    d = signed(ctx, office_)
    shown = reveal.reveal_caller(ctx, office_.desk, d.id)
    assert (shown.name, shown.phone, shown.address) == ("张三明", "13812345678", "解放路88号3单元")
    assert shown.case_no == d.case_no
    intake = make_actor("intake", unit="BGS")
    reveal.reveal_caller(ctx, intake, d.id)
    reveal.reveal_caller(ctx, office_.desk, d.id)  # again: another row
    fields = ["name", "phone", "address"]
    detail = {"purpose": "detail", "shown": fields}
    assert rows(ctx, d.case_no) == [
        (reveal.REVEAL_ACTION, office_.desk.username, detail),
        (reveal.REVEAL_ACTION, intake.username, detail),
        (reveal.REVEAL_ACTION, office_.desk.username, detail),
    ]
    # the row names the case and the fields, never the values
    with ctx.uow.read() as uow:
        bodies = uow.session.execute(select(AuditLog.detail)).scalars().all()
    assert not any("13812345678" in b or "张三明" in b for b in bodies)


def test_the_desk_sees_a_confidential_caller_and_the_row_says_so(
    ctx: ServiceContext, office_: Office
) -> None:
    d = signed(ctx, office_, confidential=True)
    assert reveal.reveal_caller(ctx, office_.desk, d.id).phone == "13812345678"
    assert rows(ctx, d.case_no)[0][2]["confidential"] is True


def test_no_one_else_reveals_a_caller(ctx: ServiceContext, office_: Office, make_actor) -> None:  # type: ignore[no-untyped-def]
    d = signed(ctx, office_)
    admins = [make_actor(r, unit="BGS") for r in ("sys_admin", "sec_admin", "audit_admin")]
    for actor in (office_.handler, office_.head, office_.finance, office_.leader, *admins):
        with pytest.raises(PermissionDenied):
            reveal.reveal_caller(ctx, actor, d.id)
    with pytest.raises(PermissionDenied):  # another section: refused before it learns anything
        reveal.reveal_caller(ctx, office_.other_handler, d.id)
    assert rows(ctx, d.case_no) == []


def test_ids_out_of_range_and_unknown_cases(ctx: ServiceContext, office_: Office) -> None:
    for bad in (0, -1, 2**31, 2**63, 10**30):
        with pytest.raises(NotFound):
            reveal.reveal_caller(ctx, office_.desk, bad)
        with pytest.raises(NotFound):
            reveal.reveal_callback_phone(ctx, office_.handler, bad)
    with pytest.raises(NotFound):
        reveal.reveal_caller(ctx, office_.desk, 987654)


def test_an_anonymous_case_has_nothing_to_reveal(ctx: ServiceContext, office_: Office) -> None:
    d = signed(ctx, office_, anonymous=True, caller_name="", caller_phone="", caller_address="")
    with pytest.raises(NotFound, match="匿名"):
        reveal.reveal_caller(ctx, office_.desk, d.id)
    assert rows(ctx, d.case_no) == []


def test_the_handler_gets_the_phone_while_working_the_case(
    ctx: ServiceContext, office_: Office
) -> None:
    d = signed(ctx, office_)
    assert reveal.reveal_callback_phone(ctx, office_.handler, d.id) == "13812345678"
    d = replies.submit_reply(ctx, office_.handler, d.id, d.version, "您好！已核实。")
    assert reveal.reveal_callback_phone(ctx, office_.handler, d.id) == "13812345678"
    d = replies.approve_reply(ctx, office_.head, d.id, d.version, "同意")
    assert reveal.reveal_callback_phone(ctx, office_.handler, d.id) == "13812345678"
    detail = {"purpose": "callback", "shown": ["phone"]}
    assert rows(ctx, d.case_no) == [(reveal.CALLBACK_ACTION, office_.handler.username, detail)] * 3
    d = replies.record_reply(ctx, office_.handler, d.id, d.version, "phone", ctx.now(), "张先生")
    with pytest.raises(PermissionDenied, match="不在办理中"):  # the callback is the desk's now
        reveal.reveal_callback_phone(ctx, office_.handler, d.id)


def test_the_callback_phone_is_refused_to_everyone_but_the_cases_handler(
    ctx: ServiceContext,
    office_: Office,
    make_actor,  # type: ignore[no-untyped-def]
) -> None:
    d = signed(ctx, office_)
    colleague = make_actor("handler", unit="CYFZ")  # same section, not his case
    with pytest.raises(PermissionDenied, match="经办人"):
        reveal.reveal_callback_phone(ctx, colleague, d.id)
    with pytest.raises(PermissionDenied):  # the head has not made himself the handler
        reveal.reveal_callback_phone(ctx, office_.head, d.id)
    with pytest.raises(PermissionDenied):  # the assisting section sees the case, not the phone
        reveal.reveal_callback_phone(ctx, office_.finance, d.id)
    with pytest.raises(NotFound):  # another section does not even see the case
        reveal.reveal_callback_phone(ctx, office_.other_handler, d.id)
    for actor in (office_.desk, office_.leader, make_actor("sys_admin", unit="BGS")):
        with pytest.raises((PermissionDenied, NotFound)):
            reveal.reveal_callback_phone(ctx, actor, d.id)
    # the handler moved to another section keeps no key to his old cases
    moved = replace(office_.handler, org_unit_id=unit_id(ctx, "ZXQY"))
    with pytest.raises((PermissionDenied, NotFound, AuthError)):
        reveal.reveal_callback_phone(ctx, moved, d.id)
    assert rows(ctx, d.case_no) == []


def test_a_confidential_callers_phone_never_reaches_the_section(
    ctx: ServiceContext, office_: Office
) -> None:
    d = signed(ctx, office_, confidential=True)
    with pytest.raises(PermissionDenied, match="保密"):
        reveal.reveal_callback_phone(ctx, office_.handler, d.id)
    assert rows(ctx, d.case_no) == []


def test_before_signing_there_is_no_handler_to_give_the_phone(
    ctx: ServiceContext, office_: Office
) -> None:
    case = office_.register()
    route = RouteInput(tier=2, lead_unit_id=unit_id(ctx, "CYFZ"), assist_unit_ids=(),
                       opinion="请办理")  # fmt: skip
    d = routing.route_case(ctx, office_.desk, case.id, case.version, route)
    with pytest.raises(PermissionDenied):
        reveal.reveal_callback_phone(ctx, office_.handler, d.id)


def test_a_stale_session_reveals_nothing(ctx: ServiceContext, office_: Office) -> None:
    d = signed(ctx, office_)
    forged = replace(office_.desk, session_epoch=office_.desk.session_epoch + 1)
    with pytest.raises(AuthError):
        reveal.reveal_caller(ctx, forged, d.id)
    forged_handler = replace(office_.handler, user_id=office_.head.user_id)
    with pytest.raises((AuthError, PermissionDenied)):
        reveal.reveal_callback_phone(ctx, forged_handler, d.id)
    assert rows(ctx, d.case_no) == []
