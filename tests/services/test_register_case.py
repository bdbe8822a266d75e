"""register_case / update_case / get_case on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import func, select, text

from hotline_desk.domain.errors import ConflictError, PermissionDenied, ValidationError
from hotline_desk.services.audit import verify_chain
from hotline_desk.services.cases import read_model, registration
from hotline_desk.services.cases.reveal import reveal_caller
from hotline_desk.store.models import AuditLog, Case, CaseEvent
from tests.factories import case_input


def _count(ctx, model) -> int:  # type: ignore[no-untyped-def]
    with ctx.uow.read() as uow:
        return int(uow.session.scalar(select(func.count()).select_from(model)))


def test_register_numbers_per_channel_per_day(ctx, make_actor, clock) -> None:  # type: ignore[no-untyped-def]
    clerk = make_actor("intake")
    first = registration.register_case(ctx, clerk, case_input(ctx))
    second = registration.register_case(ctx, clerk, case_input(ctx))
    letter = registration.register_case(ctx, clerk, case_input(ctx, channel="mailbox"))
    day = clock.now - timedelta(minutes=5)
    assert first.case_no == f"RX{day:%Y%m%d}-0001"
    assert second.case_no == f"RX{day:%Y%m%d}-0002"
    assert letter.case_no == f"XX{day:%Y%m%d}-0001"
    assert first.query_code.isdigit() and len(first.query_code) == 6
    assert first.status == "registered"
    assert [e.kind for e in first.events] == ["registered"]
    assert first.events[0].actor_name == clerk.display_name


def test_register_writes_case_event_and_audit_in_one_go(ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    clerk = make_actor("intake")
    audit_before = _count(ctx, AuditLog)
    detail = registration.register_case(ctx, clerk, case_input(ctx))
    assert _count(ctx, Case) == 1
    assert _count(ctx, CaseEvent) == 1
    assert _count(ctx, AuditLog) == audit_before + 1
    with ctx.uow.read() as uow:
        row = uow.session.execute(select(AuditLog).order_by(AuditLog.id.desc())).scalars().first()
        assert row.action == "case_register" and row.object_id == detail.case_no
        assert "13812345678" not in row.detail and "张三明" not in row.detail
        assert verify_chain(uow.session).ok


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"caller_phone": "12345"}, "caller_phone"),
        ({"caller_phone": "1381234567"}, "caller_phone"),
        ({"caller_phone": ""}, "caller_phone"),
        ({"caller_name": "  "}, "caller_name"),
        ({"title": ""}, "title"),
        ({"title": "长" * 101}, "title"),
        ({"content": ""}, "content"),
        ({"content": "字" * 10_001}, "content"),
        ({"topic_id": None}, "topic_id"),
        ({"topic_id": 99999}, "topic_id"),
        ({"channel": "fax"}, "channel"),
        ({"category": "gossip"}, "category"),
        ({"channel": "platform"}, "platform_ref"),
        ({"platform_ref": "12 34"}, "platform_ref"),
    ],
)
def test_bad_input_saves_nothing(ctx, make_actor, overrides, field) -> None:  # type: ignore[no-untyped-def]
    clerk = make_actor("intake")
    audit_before = _count(ctx, AuditLog)
    with pytest.raises(ValidationError) as err:
        registration.register_case(ctx, clerk, case_input(ctx, **overrides))
    assert field in err.value.field_errors
    assert err.value.field_errors[field]  # a Chinese message naming what is allowed
    assert _count(ctx, Case) == 0
    assert _count(ctx, CaseEvent) == 0
    assert _count(ctx, AuditLog) == audit_before


def test_future_received_time_is_refused(ctx, make_actor, clock) -> None:  # type: ignore[no-untyped-def]
    clerk = make_actor("intake")
    with pytest.raises(ValidationError) as err:
        data = case_input(ctx, received_at=clock.now + timedelta(hours=1))
        registration.register_case(ctx, clerk, data)
    assert "不能晚于当前时间" in err.value.field_errors["received_at"]


def test_anonymous_needs_no_name_or_phone(ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    clerk = make_actor("intake")
    detail = registration.register_case(
        ctx, clerk, case_input(ctx, anonymous=True, caller_name="", caller_phone="")
    )
    assert detail.anonymous and detail.caller_name == ""


def test_phone_is_normalised(ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    clerk = make_actor("intake")
    detail = registration.register_case(ctx, clerk, case_input(ctx, caller_phone="057187654321"))
    assert detail.caller_phone == "0571-****4321"  # masked for every role (issue 15)
    assert reveal_caller(ctx, clerk, detail.id, "edit").phone == "0571-87654321"


def test_duplicate_platform_ref_is_refused(ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    clerk = make_actor("intake")
    first = registration.register_case(
        ctx, clerk, case_input(ctx, channel="platform", platform_ref="GD2026112200031")
    )
    assert first.case_no.startswith("PT")
    with pytest.raises(ValidationError) as err:
        registration.register_case(
            ctx, clerk, case_input(ctx, channel="platform", platform_ref="GD2026112200031")
        )
    assert first.case_no in err.value.field_errors["platform_ref"]
    assert _count(ctx, Case) == 1


def test_roles_without_intake_cannot_register(ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    admin = make_actor("sys_admin")
    with pytest.raises(PermissionDenied):
        registration.register_case(ctx, admin, case_input(ctx))


def test_personal_data_masked_for_sections(ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    clerk = make_actor("intake")
    detail = registration.register_case(ctx, clerk, case_input(ctx))
    with ctx.uow.write() as uow:
        unit = uow.session.execute(text("SELECT id FROM org_units WHERE code='ZHK'")).scalar_one()
        uow.session.execute(
            text("UPDATE cases SET lead_unit_id=:u, status='in_progress' WHERE id=:i"),
            {"u": unit, "i": detail.id},
        )
        uow.commit()
    handler = make_actor("handler", unit="ZHK")
    seen = read_model.get_case(ctx, handler, detail.id)
    assert seen.personal_data_masked
    assert seen.caller_phone == "138****5678"
    assert seen.caller_name == "张*明"
    assert "解放路" not in seen.caller_address or seen.caller_address.endswith("****")
    other = make_actor("handler", unit="FGK")
    with pytest.raises(Exception, match="无权查看"):
        read_model.get_case(ctx, other, detail.id)


def test_stale_edit_is_refused_not_overwritten(ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    clerk_a = make_actor("intake")
    clerk_b = make_actor("desk")
    detail = registration.register_case(ctx, clerk_a, case_input(ctx))
    base = case_input(ctx, received_at=detail.received_at)
    edited = registration.update_case(
        ctx, clerk_b, detail.id, detail.version, replace(base, title="关于专项资金申报时间的咨询")
    )
    assert edited.version == detail.version + 1
    assert edited.events[-1].kind == "edited"
    assert "标题" in edited.events[-1].changes
    with pytest.raises(ConflictError, match=clerk_b.display_name):
        changed = replace(base, title="别的标题")
        registration.update_case(ctx, clerk_a, detail.id, detail.version, changed)
    now = read_model.get_case(ctx, clerk_a, detail.id)
    assert now.title == "关于专项资金申报时间的咨询"


def test_concurrent_sessions_second_writer_loses(ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    """Two sessions load the same version; the ORM version check refuses the later flush.

    SQLite serialises writers with BEGIN IMMEDIATE, so two open write sessions cannot exist
    there; the expected-version check of update_case covers it (test above).
    """
    if ctx.engines.is_sqlite:
        pytest.skip("SQLite serialises writers; see test_stale_edit_is_refused_not_overwritten")
    clerk = make_actor("intake")
    detail = registration.register_case(ctx, clerk, case_input(ctx))
    s1 = ctx.uow._write()
    s2 = ctx.uow._write()
    try:
        c1 = s1.get(Case, detail.id)
        c2 = s2.get(Case, detail.id)
        c1.title = "第一个人的修改"
        s1.commit()
        c2.title = "第二个人的修改"
        from sqlalchemy.orm.exc import StaleDataError

        with pytest.raises(StaleDataError):
            s2.commit()
    finally:
        s1.close()
        s2.close()
    assert read_model.get_case(ctx, clerk, detail.id).title == "第一个人的修改"


def test_audit_log_rejects_update_and_delete(ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    clerk = make_actor("intake")
    registration.register_case(ctx, clerk, case_input(ctx))
    for stmt in ("UPDATE audit_log SET action='x'", "DELETE FROM audit_log"):
        with pytest.raises(Exception, match="append-only"), ctx.uow.write() as uow:
            uow.session.execute(text(stmt))
            uow.commit()


def test_two_workstations_registering_at_once_never_collide(ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    """Two threads (two workstations) register at the same time: numbers stay unique."""
    import threading

    clerks = [make_actor("intake"), make_actor("intake")]
    numbers: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def work(clerk) -> None:  # type: ignore[no-untyped-def]
        try:
            for _ in range(10):
                detail = registration.register_case(ctx, clerk, case_input(ctx))
                with lock:
                    numbers.append(detail.case_no)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(c,)) for c in clerks]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(int(n[-4:]) for n in numbers) == list(range(1, 21))
    assert _count(ctx, Case) == 20
