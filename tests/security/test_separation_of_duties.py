"""三员分立 that holds indirectly, and a first start that cannot be claimed (issue 14).

Every test tries an indirect take-over as an administrator (or the first comer at a fresh
desk) would, and checks in the database that nothing changed; ``ATTACKS`` counts them for the
note. Both engines, through the ``ctx`` fixture.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from datetime import timedelta

import pyotp
import pytest
from sqlalchemy import select, text

from hotline_desk.domain.errors import AuthError, PermissionDenied, ValidationError
from hotline_desk.services.admin import auth, dual_control, second_factor, setup_code, users
from hotline_desk.services.admin.dual_control import AdminRequestInfo
from hotline_desk.services.admin.setup import open_desk
from hotline_desk.store.models import AdminRequest, AuditLog, User, UserRole
from tests.conftest import add_user

ROOT_PW = "Desk#Root2026"


def _hash(ctx, user_id: int) -> str | None:  # type: ignore[no-untyped-def]
    with ctx.uow.read() as uow:
        return uow.session.get(User, user_id).password_hash


def _user(ctx, user_id: int) -> tuple[bool, set[str], int]:  # type: ignore[no-untyped-def]
    with ctx.uow.read() as uow:
        u = uow.session.get(User, user_id)
        return u.active, {r.role for r in u.roles}, u.session_epoch


def _names(ctx) -> set[str]:  # type: ignore[no-untyped-def]
    with ctx.uow.read() as uow:
        return set(uow.session.scalars(select(User.username)))


def _actions(ctx, action: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(object_id, detail) of the audit rows of ``action``, oldest first."""
    with ctx.uow.read() as uow:
        query = select(AuditLog.object_id, AuditLog.detail).where(AuditLog.action == action)
        rows = uow.session.execute(query.order_by(AuditLog.id))
        return [(r[0], r[1]) for r in rows]


@pytest.fixture
def staff(ctx):  # type: ignore[no-untyped-def]
    """One of each administrator (with passwords) and a clerk."""
    return {
        "sys": add_user(ctx, "sys_admin", username="sysadmin", password=ROOT_PW),
        "sys2": add_user(ctx, "sys_admin", username="sysadmin2", password=ROOT_PW),
        "sec": add_user(ctx, "sec_admin", username="secadmin", password=ROOT_PW),
        "sec2": add_user(ctx, "sec_admin", username="secadmin2", password=ROOT_PW),
        "audit": add_user(ctx, "audit_admin", username="auditadmin", password=ROOT_PW),
        "clerk": add_user(ctx, "intake", username="dengji", password=ROOT_PW),
    }


# --- the attacks of the issue ------------------------------------------------------------


def test_sys_admin_resetting_the_audit_admin_only_files_a_request(ctx, staff) -> None:  # type: ignore[no-untyped-def]
    before = _hash(ctx, staff["audit"].user_id)
    result = users.reset_password(ctx, staff["sys"], staff["audit"].user_id)
    assert isinstance(result, AdminRequestInfo) and result.status == "pending"
    assert _hash(ctx, staff["audit"].user_id) == before, "no password handed to the requester"
    assert [r[0] for r in _actions(ctx, "admin_request")] == [str(result.id)]


def test_sec_admin_resetting_the_sys_admin_only_files_a_request(ctx, staff) -> None:  # type: ignore[no-untyped-def]
    before = _hash(ctx, staff["sys"].user_id)
    result = users.reset_password(ctx, staff["sec"], staff["sys"].user_id)
    assert isinstance(result, AdminRequestInfo)
    assert _hash(ctx, staff["sys"].user_id) == before


def test_sys_admin_cannot_reset_a_clerk(ctx, staff) -> None:  # type: ignore[no-untyped-def]
    before = _hash(ctx, staff["clerk"].user_id)
    with pytest.raises(PermissionDenied, match="安全管理员"):
        users.reset_password(ctx, staff["sys"], staff["clerk"].user_id)
    assert _hash(ctx, staff["clerk"].user_id) == before
    temp = users.reset_password(ctx, staff["sec"], staff["clerk"].user_id)  # who may
    assert isinstance(temp, str) and auth.login(ctx, "dengji", temp).must_change_password


def test_sec_admin_cannot_take_over_an_admin_by_resetting_its_password_and_factor(
    ctx, staff, clock
) -> None:  # type: ignore[no-untyped-def]
    """Password and second factor both reset by the security administrator would hand it the
    system administrator's account: each is only a request, and a peer of either side (the
    other security or system administrator) cannot confirm; the audit administrator who may is
    the one shown the password."""
    sysadmin = staff["sys"]
    started = second_factor.begin_enrolment(ctx, sysadmin)
    second_factor.confirm_enrolment(ctx, sysadmin, started.secret,
                                    pyotp.TOTP(started.secret).at(clock.now))  # fmt: skip
    before = _hash(ctx, sysadmin.user_id)
    password = users.reset_password(ctx, staff["sec"], sysadmin.user_id)
    factor = users.reset_second_factor(ctx, staff["sec"], sysadmin.user_id)
    assert isinstance(password, AdminRequestInfo) and isinstance(factor, AdminRequestInfo)
    assert factor.kind == dual_control.FACTOR
    for accomplice in (staff["sec2"], staff["sys2"], staff["sec"], sysadmin):
        with pytest.raises(PermissionDenied):
            dual_control.confirm_request(ctx, accomplice, factor.id)
    with ctx.uow.read() as uow:
        assert uow.session.get(User, sysadmin.user_id).totp_enabled
    assert _hash(ctx, sysadmin.user_id) == before
    with pytest.raises(PermissionDenied, match="自己"):  # nor its own, to hide a lost phone
        users.reset_second_factor(ctx, staff["sec"], staff["sec"].user_id)
    dual_control.confirm_request(ctx, staff["audit"], factor.id)
    with ctx.uow.read() as uow:
        assert not uow.session.get(User, sysadmin.user_id).totp_enabled
    assert [json.loads(d)["confirmed_by"] for _id, d in _actions(ctx, "totp_reset")] == [
        staff["audit"].user_id
    ]


def test_disabling_every_audit_admin_does_not_reopen_the_first_appointment(ctx, staff) -> None:  # type: ignore[no-untyped-def]
    sysadmin, audit = staff["sys"], staff["audit"]
    asked = users.set_active(ctx, sysadmin, audit.user_id, False)
    assert isinstance(asked, AdminRequestInfo) and _user(ctx, audit.user_id)[0], "still active"
    dual_control.confirm_request(ctx, staff["sec"], asked.id)  # even once a 2nd admin agrees
    assert not _user(ctx, audit.user_id)[0]
    mine = users.UserInput("myaudit", "自己人", None, ("audit_admin",))
    result = users.create_user(ctx, sysadmin, mine)  # ... appointing its own is only a request
    assert isinstance(result, AdminRequestInfo) and "myaudit" not in _names(ctx)
    with pytest.raises(ValidationError, match="三员分立"):  # and never combined with desk
        users.create_user(ctx, sysadmin, users.UserInput("myaudit2", "自己人", None,
                                                         ("audit_admin", "desk")))  # fmt: skip
    assert "myaudit2" not in _names(ctx)


def test_sec_admin_creating_an_audit_admin_gets_no_account_and_no_password(ctx, staff) -> None:  # type: ignore[no-untyped-def]
    result = users.create_user(ctx, staff["sec"], users.UserInput("puppet", "傀儡", None,
                                                                  ("audit_admin",)))  # fmt: skip
    assert isinstance(result, AdminRequestInfo) and "puppet" not in _names(ctx)
    decision = dual_control.confirm_request(ctx, staff["sys"], result.id)  # a different role
    assert decision.temporary_password and "puppet" in _names(ctx)
    assert auth.login(ctx, "puppet", decision.temporary_password).must_change_password


def test_the_requester_cannot_confirm_its_own_request(ctx, staff) -> None:  # type: ignore[no-untyped-def]
    asked = users.reset_password(ctx, staff["sec"], staff["sys"].user_id)
    with pytest.raises(PermissionDenied, match="自己提出"):
        dual_control.confirm_request(ctx, staff["sec"], asked.id)
    with pytest.raises(PermissionDenied, match="自己提出"):
        dual_control.refuse_request(ctx, staff["sec"], asked.id, "")


def test_the_account_concerned_cannot_confirm(ctx, staff) -> None:  # type: ignore[no-untyped-def]
    asked = users.reset_password(ctx, staff["sec"], staff["audit"].user_id)
    with pytest.raises(PermissionDenied, match="您本人"):
        dual_control.confirm_request(ctx, staff["audit"], asked.id)


def test_a_peer_of_the_requester_cannot_confirm(ctx, staff) -> None:  # type: ignore[no-untyped-def]
    asked = users.reset_password(ctx, staff["sec"], staff["audit"].user_id)
    with pytest.raises(PermissionDenied, match="同为该类"):
        dual_control.confirm_request(ctx, staff["sec2"], asked.id)


def test_a_peer_of_the_target_cannot_take_its_password(ctx, staff) -> None:  # type: ignore[no-untyped-def]
    """sysadmin2 confirming a reset of sysadmin would get a second sys_admin account."""
    asked = users.reset_password(ctx, staff["sec"], staff["sys"].user_id)
    with pytest.raises(PermissionDenied, match="同类"):
        dual_control.confirm_request(ctx, staff["sys2"], asked.id)
    before = _hash(ctx, staff["sys"].user_id)
    epoch = _user(ctx, staff["sys"].user_id)[2]
    decision = dual_control.confirm_request(ctx, staff["audit"], asked.id)  # the third role
    assert decision.temporary_password and _hash(ctx, staff["sys"].user_id) != before
    assert _user(ctx, staff["sys"].user_id)[2] == epoch + 1, "its other sessions end"
    confirmed = _actions(ctx, "admin_request_confirmed")[-1][1]
    assert f'"confirmed_by": {staff["audit"].user_id}' in confirmed
    assert f'"requested_by": {staff["sec"].user_id}' in confirmed
    with pytest.raises(PermissionDenied, match="已处理"):  # once only
        dual_control.confirm_request(ctx, staff["audit"], asked.id)


def test_no_role_change_gives_an_admin_role_with_another_role(ctx, staff) -> None:  # type: ignore[no-untyped-def]
    for who, roles in ((staff["sys"], ("audit_admin", "desk")),
                       (staff["sec"], ("sec_admin", "intake")),
                       (staff["sys"], ("sys_admin", "sec_admin"))):  # fmt: skip
        with pytest.raises(ValidationError, match="三员分立"):
            users.set_roles(ctx, who, staff["clerk"].user_id, roles)
    with pytest.raises(ValidationError, match="三员分立"):  # its own account too
        users.set_roles(ctx, staff["sys"], staff["sys"].user_id, ("sys_admin", "desk"))
    assert _user(ctx, staff["clerk"].user_id)[1] == {"intake"}
    assert _user(ctx, staff["sys"].user_id)[1] == {"sys_admin"}


def test_a_forged_request_mixing_roles_is_refused_at_confirmation(ctx, staff) -> None:  # type: ignore[no-untyped-def]
    """The check also runs on what the database would hold (a payload edited in the table)."""
    asked = users.set_roles(ctx, staff["sec"], staff["clerk"].user_id, ("audit_admin",))
    with ctx.uow.write() as uow:
        uow.session.execute(text("UPDATE admin_requests SET payload = :p WHERE id = :i"),
                            {"p": '{"roles": ["audit_admin", "desk"]}', "i": asked.id})  # fmt: skip
        uow.commit()
    with pytest.raises(ValidationError, match="三员分立"):
        dual_control.confirm_request(ctx, staff["sys"], asked.id)
    assert _user(ctx, staff["clerk"].user_id)[1] == {"intake"}


def test_a_clerk_made_an_administrator_needs_a_second_admin(ctx, staff) -> None:  # type: ignore[no-untyped-def]
    asked = users.set_roles(ctx, staff["sys"], staff["clerk"].user_id, ("audit_admin",))
    assert isinstance(asked, AdminRequestInfo) and _user(ctx, staff["clerk"].user_id)[1] == {
        "intake"
    }
    before = _hash(ctx, staff["clerk"].user_id)  # the requester may know it (it made the clerk)
    decision = dual_control.confirm_request(ctx, staff["sec"], asked.id)
    assert _user(ctx, staff["clerk"].user_id)[1] == {"audit_admin"}
    assert decision.temporary_password and _hash(ctx, staff["clerk"].user_id) != before
    with pytest.raises(AuthError):
        auth.login(ctx, "dengji", ROOT_PW)
    # business roles of a business account: the system administrator alone
    users.set_roles(ctx, staff["sys"], add_user(ctx, "handler").user_id, ("handler", "desk"))
    with pytest.raises(PermissionDenied, match="系统管理员"):
        users.set_roles(ctx, staff["sec"], add_user(ctx, "handler").user_id, ("desk",))


def test_nobody_acts_on_their_own_account_through_a_request(ctx, staff) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied, match="自己的账号"):
        users.reset_password(ctx, staff["sec"], staff["sec"].user_id)
    with pytest.raises(PermissionDenied, match="自己"):
        users.set_active(ctx, staff["sys"], staff["sys"].user_id, False)


def test_other_roles_cannot_administer_accounts(ctx, staff) -> None:  # type: ignore[no-untyped-def]
    for who in (staff["audit"], staff["clerk"]):
        with pytest.raises(PermissionDenied):
            users.reset_password(ctx, who, staff["clerk"].user_id)
        with pytest.raises(PermissionDenied):
            users.create_user(ctx, who, users.UserInput("zz", "某", None, ("intake",)))
    with pytest.raises(PermissionDenied, match="系统管理员"):  # sec creates no business users
        users.create_user(ctx, staff["sec"], users.UserInput("zz", "某", None, ("intake",)))
    asked = users.reset_password(ctx, staff["sec"], staff["audit"].user_id)
    with pytest.raises(PermissionDenied):  # a clerk cannot decide
        dual_control.confirm_request(ctx, staff["clerk"], asked.id)


def test_a_request_expires_after_three_days(ctx, staff, clock) -> None:  # type: ignore[no-untyped-def]
    asked = users.reset_password(ctx, staff["sec"], staff["sys"].user_id)
    clock.now += timedelta(days=dual_control.REQUEST_DAYS, minutes=1)
    assert dual_control.list_requests(ctx, staff["audit"])[0].status == "expired"
    with pytest.raises(PermissionDenied, match="过期"):
        dual_control.confirm_request(ctx, staff["audit"], asked.id)
    with ctx.uow.read() as uow:
        assert uow.session.get(AdminRequest, asked.id).status == "expired"
    assert _actions(ctx, "admin_request_expired")


def test_a_disabled_requester_s_request_cannot_be_confirmed(ctx, staff) -> None:  # type: ignore[no-untyped-def]
    asked = users.reset_password(ctx, staff["sec2"], staff["sys"].user_id)
    off = users.set_active(ctx, staff["sys"], staff["sec2"].user_id, False)
    dual_control.confirm_request(ctx, staff["audit"], off.id)
    with pytest.raises(PermissionDenied, match="请求人已停用"):
        dual_control.confirm_request(ctx, staff["audit"], asked.id)


def test_refusal_and_withdrawal(ctx, staff) -> None:  # type: ignore[no-untyped-def]
    asked = users.reset_password(ctx, staff["sec"], staff["sys"].user_id)
    with pytest.raises(PermissionDenied, match="请求人本人"):
        dual_control.withdraw_request(ctx, staff["audit"], asked.id)
    dual_control.refuse_request(ctx, staff["audit"], asked.id, "未核实本人")
    seen = dual_control.list_requests(ctx, staff["sec"])[0]
    assert seen.status == "refused" and seen.note == "未核实本人" and not seen.can_decide
    again = users.reset_password(ctx, staff["sec"], staff["sys"].user_id)
    with pytest.raises(ValidationError):  # one pending request per matter
        users.reset_password(ctx, staff["sec"], staff["sys"].user_id)
    dual_control.withdraw_request(ctx, staff["sec"], again.id)
    with pytest.raises(PermissionDenied):
        dual_control.confirm_request(ctx, staff["audit"], again.id)
    assert _actions(ctx, "admin_request_refused") and _actions(ctx, "admin_request_withdrawn")


def test_list_explains_in_chinese_why_the_viewer_may_not_decide(ctx, staff) -> None:  # type: ignore[no-untyped-def]
    users.reset_password(ctx, staff["sec"], staff["sys"].user_id)
    by = {k: dual_control.list_requests(ctx, staff[k])[0] for k in ("sec", "sec2", "sys2",
                                                                   "audit")}  # fmt: skip
    assert by["audit"].can_decide and by["audit"].why_not == ""
    assert "自己提出" in by["sec"].why_not and "同为该类" in by["sec2"].why_not
    assert "同类的管理员账号" in by["sys2"].why_not


# --- setting up a desk -------------------------------------------------------------------


def test_a_fresh_desk_appoints_its_first_admins_then_only_by_request(ctx, setup_code) -> None:  # type: ignore[no-untyped-def]
    auth.set_initial_password(ctx, "admin", "Desk#Root2026", setup_code)
    root = auth.login(ctx, "admin", "Desk#Root2026").actor
    assert {"sec_admin", "audit_admin"} <= set(users.grantable_roles(ctx, root))
    sec, _ = users.create_user(ctx, root, users.UserInput("sec1", "安全", None, ("sec_admin",)))
    users.create_user(ctx, root, users.UserInput("aud1", "审计", None, ("audit_admin",)))
    second = users.create_user(ctx, root, users.UserInput("aud2", "审计二", None,
                                                          ("audit_admin",)))  # fmt: skip
    assert isinstance(second, AdminRequestInfo)
    with ctx.uow.write() as uow:  # even when every holder has gone from the table
        uow.session.execute(text("DELETE FROM user_roles WHERE role = 'audit_admin'"))
        uow.commit()
    third = users.create_user(ctx, root, users.UserInput("aud3", "审计三", None,
                                                         ("audit_admin",)))  # fmt: skip
    assert isinstance(third, AdminRequestInfo) and "aud3" not in _names(ctx)
    assert sum("first_holder" in d for _i, d in _actions(ctx, "user_create")) == 2


# --- the setup code ----------------------------------------------------------------------


@pytest.fixture
def fresh(db_url, clock, tmp_path):  # type: ignore[no-untyped-def]
    """A new desk opened the way the application opens one: with its data directory."""
    here = tmp_path / "machine_a"
    context = open_desk(db_url, backup_dir=here / "backups", clock=clock, setup_dir=here)
    yield context, here
    context.engines.dispose()


def test_the_first_comer_cannot_claim_admin_without_the_code(fresh) -> None:  # type: ignore[no-untyped-def]
    ctx, _here = fresh
    for typed in ("", "AAAAA-AAAAA"):
        with pytest.raises(AuthError):
            auth.set_initial_password(ctx, "admin", ROOT_PW, typed)
    assert auth.needs_initial_password(ctx, "admin")


def test_wrong_codes_lock_like_wrong_passwords(fresh, clock) -> None:  # type: ignore[no-untyped-def]
    ctx, here = fresh
    code = setup_code.read_code_file(here)
    answers = []
    for _ in range(5):
        with pytest.raises(AuthError) as refused:
            auth.set_initial_password(ctx, "admin", ROOT_PW, "22222-22222")
        answers.append(str(refused.value))
    assert "再错4次" in answers[0] and "已锁定30分钟" in answers[4]
    with pytest.raises(AuthError, match="锁定"):  # the right code too, while locked
        auth.set_initial_password(ctx, "admin", ROOT_PW, code)
    assert len(_actions(ctx, "setup_code_failed")) == 5
    clock.now += timedelta(minutes=31)
    auth.set_initial_password(ctx, "admin", ROOT_PW, code)
    assert auth.login(ctx, "admin", ROOT_PW).actor.username == "admin"


def test_the_code_is_written_for_its_owner_only_used_once_and_kept_hashed(fresh, capfd) -> None:  # type: ignore[no-untyped-def]
    ctx, here = fresh
    path = here / setup_code.FILE_NAME
    code = setup_code.read_code_file(here)
    assert code and len(setup_code.normalise(code)) == setup_code.LENGTH
    assert set(setup_code.normalise(code)) <= set(setup_code.ALPHABET)
    if sys.platform != "win32":
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    with ctx.uow.read() as uow:
        stored = uow.session.execute(text("SELECT value FROM office_settings")).scalars().all()
    assert not any(setup_code.normalise(code) in v or code in v for v in stored)
    with pytest.raises(ValidationError):  # a weak password spends no attempt and not the code
        auth.set_initial_password(ctx, "admin", "short", code)
    auth.set_initial_password(ctx, "admin", ROOT_PW, code.lower().replace("-", " "))
    assert not path.exists(), "the file goes with its use"
    with pytest.raises(AuthError):
        auth.set_initial_password(ctx, "other", ROOT_PW, code)


def test_another_workstation_has_no_file_and_must_type_the_code(db_url, clock, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """On PostgreSQL the machine that created the schema shows the code; another one opening
    the same database writes no file and learns only where the code is."""
    a, b = tmp_path / "machine_a", tmp_path / "machine_b"
    first = open_desk(db_url, clock=clock, setup_dir=a)
    other = open_desk(db_url, clock=clock, setup_dir=b)
    try:
        assert (a / setup_code.FILE_NAME).exists() and not (b / setup_code.FILE_NAME).exists()
        where = auth.setup_code_hint(other)
        assert where.pending and where.file == str(a / setup_code.FILE_NAME) and where.host
        auth.set_initial_password(other, "admin", ROOT_PW, setup_code.read_code_file(a))
        assert not auth.setup_code_hint(other).pending
    finally:
        first.engines.dispose()
        other.engines.dispose()


def test_a_desk_opened_without_a_data_directory_cannot_be_claimed(ctx) -> None:  # type: ignore[no-untyped-def]
    assert not auth.setup_code_hint(ctx).pending
    with pytest.raises(AuthError, match="没有可用的安装码"):
        auth.set_initial_password(ctx, "admin", ROOT_PW, "ABCDE-FGHJK")


def test_a_demo_database_claims_its_admin_with_the_code(fresh) -> None:  # type: ignore[no-untyped-def]
    from hotline_desk.demo.generate import DEMO_ADMIN_PASSWORD, generate_demo

    ctx, here = fresh
    generate_demo(ctx, 5, seed=1, setup_code=setup_code.read_code_file(here))
    assert not auth.needs_initial_password(ctx, "admin")
    assert auth.login(ctx, "admin", DEMO_ADMIN_PASSWORD).actor.roles == frozenset({"sys_admin"})
    assert not (here / setup_code.FILE_NAME).exists()


def test_no_account_holds_an_admin_role_with_another_one(ctx, staff) -> None:  # type: ignore[no-untyped-def]
    """After all of the above kinds of change, the table itself: the invariant as a query."""
    with ctx.uow.read() as uow:
        rows = uow.session.execute(select(UserRole.user_id, UserRole.role)).all()
    held: dict[int, set[str]] = {}
    for user_id, role in rows:
        held.setdefault(user_id, set()).add(role)
    admin = {"sys_admin", "sec_admin", "audit_admin"}
    assert all(len(r) == 1 for r in held.values() if r & admin)
