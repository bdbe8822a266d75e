"""审计日志 queries and export (``services.audit_query``) and the system's chain check
(``services.audit.verify_audit_chain``), on both engines: rows in words with user names, the
filters, paging, the auditor's own reads audited, the export read back with openpyxl, and one
``audit_chain_broken`` event per break however often it is found."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import inspect, select, text

from hotline_desk.domain.errors import DeskError, PermissionDenied, ValidationError
from hotline_desk.services import audit, audit_query
from hotline_desk.services.admin import auth, users
from hotline_desk.services.audit_query import AuditFilter
from hotline_desk.services.cases import duplicates, registration
from hotline_desk.services.context import ServiceContext
from hotline_desk.store.models import AuditLog
from tests.conftest import add_user
from tests.factories import case_input


class Stop(Exception):
    pass


class Cancelled:
    """A token whose user has pressed 取消."""

    def check(self) -> None:
        raise Stop()


def _rows(ctx: ServiceContext, action: str) -> list:  # type: ignore[type-arg]
    with ctx.uow.read() as uow:
        return list(
            uow.session.execute(
                select(AuditLog.id, AuditLog.actor_id, AuditLog.actor_name, AuditLog.detail)
                .where(AuditLog.action == action).order_by(AuditLog.id)
            ).all()
        )  # fmt: skip


def tamper(ctx: ServiceContext, row_id: int, action: str = "nothing") -> None:
    """What an attacker with the database's owner rights does: switch the guards off, edit."""
    with ctx.uow.write() as uow:
        s = uow.session
        if ctx.engines.is_sqlite:
            for (name,) in s.execute(text(
                "SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='audit_log'"
            )):  # fmt: skip
                s.execute(text(f'DROP TRIGGER "{name}"'))
        else:
            s.execute(text("SET LOCAL session_replication_role = replica"))
        s.execute(text("UPDATE audit_log SET action=:a WHERE id=:i"), {"a": action, "i": row_id})
        uow.commit()


@pytest.fixture
def office(ctx, clock):  # type: ignore[no-untyped-def]
    """An auditor, a sysadmin who made an account, a clerk who registered two cases, a failed
    login under a name no account has."""
    auditor = add_user(ctx, "audit_admin", username="shenji", display_name="审计员甲")
    admin = add_user(ctx, "sys_admin", username="xitong", display_name="系统员乙")
    clerk = add_user(ctx, "intake", username="dengji", display_name="登记员丙")
    clock.now += timedelta(hours=1)
    users.create_user(ctx, admin, users.UserInput("wangwu", "王五", None, ("intake",)))
    clock.now += timedelta(days=1)
    first = registration.register_case(ctx, clerk, case_input(ctx))
    second = registration.register_case(ctx, clerk, case_input(ctx, title="另一件诉求的标题"))
    with pytest.raises(Exception):  # noqa: B017 - AuthError; only its audit row matters
        auth.login(ctx, "Secret#Typed1", "whatever")
    return auditor, admin, clerk, first, second


def test_rows_in_words_with_user_names(ctx, office) -> None:  # type: ignore[no-untyped-def]
    auditor, _admin, _clerk, first, _second = office
    page = audit_query.search_audit(ctx, auditor, AuditFilter())
    by_action = {r.action: r for r in page.rows}
    made = by_action["user_create"]
    assert (made.user, made.action_name, made.object_name) == ("系统员乙(xitong)", "新建用户",
                                                               "用户")  # fmt: skip
    assert made.object_ref == "王五(wangwu)" and made.detail == "待发放密码：是；角色：登记员"
    registered = [r for r in page.rows if r.action == "case_register"]
    assert {r.object_ref for r in registered} >= {first.case_no}
    assert registered[0].user == "登记员丙(dengji)" and registered[0].action_name == "登记办件"
    failed = by_action["login_failed"]
    assert failed.user == "（未知用户名）" and failed.object_ref == "（未知用户名）"
    assert "Secret" not in failed.detail and "用户名不存在" in failed.detail
    seed = next(r for r in page.rows if r.action == "seed")
    assert seed.user == "系统"
    assert page.total == len(page.rows) and not page.more


def test_filters_by_user_action_case_and_time(ctx, office, clock) -> None:  # type: ignore[no-untyped-def]
    auditor, admin, clerk, first, second = office
    mine = audit_query.search_audit(ctx, auditor, AuditFilter(user_id=clerk.user_id)).rows
    assert mine and {r.action for r in mine} == {"case_register"}
    by_name = audit_query.search_audit(ctx, auditor, AuditFilter(username="xitong")).rows
    assert [r.action for r in by_name] == ["user_create"]
    created = audit_query.search_audit(ctx, auditor, AuditFilter(action="user_create")).rows
    assert [r.user for r in created] == ["系统员乙(xitong)"]
    case = audit_query.search_audit(ctx, auditor, AuditFilter(case_no=second.case_no)).rows
    assert [(r.action, r.object_ref) for r in case] == [("case_register", second.case_no)]
    lower = audit_query.search_audit(ctx, auditor, AuditFilter(case_no=first.case_no.lower()))
    assert [r.object_ref for r in lower.rows] == [first.case_no]
    day = clock.now.replace(hour=0, minute=0, second=0)
    today = audit_query.search_audit(ctx, auditor, AuditFilter(since=day)).rows
    assert {r.action for r in today} == {"case_register", "login_failed", "audit_read"}
    before = audit_query.search_audit(ctx, auditor, AuditFilter(upto=day)).rows
    assert "case_register" not in {r.action for r in before}
    both = AuditFilter(user_id=clerk.user_id, action="user_create")
    assert audit_query.search_audit(ctx, auditor, both).rows == ()


def test_case_filter_finds_the_link_naming_the_case_and_uses_the_indexes(ctx, office) -> None:  # type: ignore[no-untyped-def]
    auditor, _admin, clerk, first, second = office
    duplicates.link_cases(ctx, add_user(ctx, "desk"), first.id, second.id)
    rows = audit_query.search_audit(ctx, auditor, AuditFilter(case_no=second.case_no)).rows
    found = {(r.action, r.object_ref) for r in rows}
    assert found == {("case_register", second.case_no), ("case_link", first.case_no)}
    with ctx.engines.reader.connect() as conn:
        indexes = {i["name"] for i in inspect(conn).get_indexes("audit_log")}
    assert {"ix_audit_log_object", "ix_audit_log_action"} <= indexes


def test_paging_and_every_query_audited_once(ctx, office) -> None:  # type: ignore[no-untyped-def]
    auditor, _admin, clerk, _first, _second = office
    flt = AuditFilter(user_id=clerk.user_id)
    reads_before = len(_rows(ctx, "audit_read"))
    page = audit_query.search_audit(ctx, auditor, AuditFilter(), limit=3)
    assert len(page.rows) == 3 and page.more and page.total > 3
    own = _rows(ctx, "audit_read")[-1].id
    assert page.rows[0].id < own  # the query's own row is not among its results
    rest = audit_query.search_audit(ctx, auditor, AuditFilter(), limit=500,
                                    before_id=page.rows[-1].id)  # fmt: skip
    assert rest.rows[0].id < page.rows[-1].id
    audit_query.search_audit(ctx, auditor, flt)
    reads = _rows(ctx, "audit_read")
    assert len(reads) == reads_before + 3
    assert reads[-1].actor_id == auditor.user_id
    assert json.loads(reads[-1].detail) == {"filter": {"user": clerk.user_id}}
    assert json.loads(reads[-2].detail)["before_id"] == page.rows[-1].id
    assert audit.check_audit_chain(ctx, auditor).ok


def test_only_the_audit_admin_reads_and_input_is_checked(ctx, office) -> None:  # type: ignore[no-untyped-def]
    auditor, admin, clerk, _first, _second = office
    for other in (admin, clerk, add_user(ctx, "sec_admin")):
        with pytest.raises(PermissionDenied):
            audit_query.search_audit(ctx, other, AuditFilter())
        with pytest.raises(PermissionDenied):
            audit_query.audit_users(ctx, other)
    with pytest.raises(ValidationError) as bad:
        audit_query.search_audit(ctx, auditor, AuditFilter(case_no="A\x00B"))
    assert "办件编号" in str(bad.value.field_errors["case_no"])
    with pytest.raises(ValidationError):
        audit_query.search_audit(ctx, auditor, AuditFilter(action="drop table"))
    pct = audit_query.search_audit(ctx, auditor, AuditFilter(case_no="%_"))
    assert pct.rows == ()
    names = [u.label for u in audit_query.audit_users(ctx, auditor)]
    assert "登记员丙(dengji)" in names


def test_export_reads_back_in_chinese_and_is_audited(ctx, office, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    auditor, _admin, clerk, first, _second = office
    path = tmp_path / "审计.xlsx"
    steps: list[tuple[int, int]] = []
    flt = AuditFilter(user_id=clerk.user_id)
    rows = audit_query.export_audit(
        ctx, auditor, flt, path, report=lambda d, t: steps.append((d, t))
    )
    assert rows == 2 and steps[-1] == (2, 2)
    sheet = openpyxl.load_workbook(path).active
    values = [[c.value for c in r] for r in sheet.iter_rows()]
    assert values[0] == ["序号", "时间", "用户", "操作", "对象", "对象编号", "详情"]
    assert {v[5] for v in values[1:]} >= {first.case_no}
    assert all(v[2] == "登记员丙(dengji)" and v[3] == "登记办件" for v in values[1:])
    exported = _rows(ctx, "audit_export")[-1]
    assert json.loads(exported.detail) == {"filter": {"user": clerk.user_id}, "rows": 2,
                                           "file": "审计.xlsx"}  # fmt: skip
    gone = tmp_path / "cancelled.xlsx"
    with pytest.raises(Stop):
        audit_query.export_audit(ctx, auditor, AuditFilter(), gone, token=Cancelled())
    assert not gone.exists() and len(_rows(ctx, "audit_export")) == 1


def test_a_break_is_one_audit_event_however_often_found(ctx, office) -> None:  # type: ignore[no-untyped-def]
    auditor = office[0]
    assert audit.verify_audit_chain(ctx).ok and _rows(ctx, "audit_chain_broken") == []
    target = _rows(ctx, "case_register")[0].id
    tamper(ctx, target)
    for _ in range(3):
        check = audit.verify_audit_chain(ctx)
        assert not check.ok and check.first_bad_id == target
    events = _rows(ctx, "audit_chain_broken")
    assert len(events) == 1 and events[0].actor_name == "system"
    assert json.loads(events[0].detail)["first_bad_id"] == target
    shown = audit_query.search_audit(ctx, auditor, AuditFilter(action="audit_chain_broken"))
    assert shown.rows[0].detail.startswith(f"首个异常记录：{target}")
    assert shown.rows[0].user == "系统"


def test_hostile_filters_are_refused_never_crash(ctx, office) -> None:  # type: ignore[no-untyped-def]
    """The filter fields fed like every other service's input (tests/services/
    test_hostile_input.py): only refusals the user reads come out."""
    from hypothesis import HealthCheck, given, settings

    from tests.services.test_hostile_input import EXAMPLES, hostile_int, hostile_text, hostile_time

    auditor = office[0]

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(text=hostile_text, number=hostile_int, at=hostile_time)
    def one(text: str, number: int, at) -> None:  # type: ignore[no-untyped-def]
        for flt, before in (
            (AuditFilter(username=text, case_no=text), None),
            (AuditFilter(action=text, user_id=number), number),
            (AuditFilter(since=at, upto=at), None),
        ):
            try:
                audit_query.search_audit(ctx, auditor, flt, limit=number, before_id=before)
            except DeskError:  # a refusal, never a crash
                pass

    one()
