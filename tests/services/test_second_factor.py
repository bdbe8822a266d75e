"""Administrators' second factor (TOTP with recovery codes), on both engines: enrolment, the
login step, and the attacks tried on it — no code, a wrong code, a replayed code, a recovery
code used twice, the switch toggled by the wrong people, one administrator resetting another's
factor."""

from __future__ import annotations

import json
from datetime import timedelta
from urllib.parse import parse_qs, unquote, urlparse

import pyotp
import pytest
from sqlalchemy import select, update

from hotline_desk.domain.errors import (
    AuthError,
    ConflictError,
    PermissionDenied,
    SecondFactorRequired,
    SessionEnded,
    ValidationError,
)
from hotline_desk.services.admin import auth, dual_control, office, second_factor, users
from hotline_desk.store.models import AuditLog, RecoveryCode, User
from tests.conftest import add_user
from tests.gui.conftest import PASSWORD


def _admin(ctx, role: str = "sys_admin", username: str = "xitong"):  # type: ignore[no-untyped-def]
    return add_user(ctx, role, username=username, password=PASSWORD)


def _require(ctx) -> None:  # type: ignore[no-untyped-def]
    """The security administrator (with a factor of its own) switches the requirement on."""
    sec = add_user(ctx, "sec_admin", username="anquan0")
    _mark_enrolled(ctx, sec.user_id)
    office.save_setting(ctx, sec, "admin_second_factor", True)


def _mark_enrolled(ctx, user_id: int) -> None:  # type: ignore[no-untyped-def]
    with ctx.uow.write() as uow:
        uow.session.execute(update(User).where(User.id == user_id).values(totp_enabled=True))
        uow.commit()


def _enrol(ctx, clock, actor) -> tuple[str, list[str]]:  # type: ignore[no-untyped-def]
    started = second_factor.begin_enrolment(ctx, actor)
    codes = second_factor.confirm_enrolment(
        ctx, actor, started.secret, pyotp.TOTP(started.secret).at(clock.now)
    )
    clock.now += timedelta(seconds=30)  # the enrolment's code is used up
    return started.secret, codes


def _failed(ctx, username: str) -> int:  # type: ignore[no-untyped-def]
    with ctx.uow.read() as uow:
        return uow.session.execute(
            select(User.failed_logins).where(User.username == username)
        ).scalar_one()


def test_enrolment_uri_names_the_desk_and_the_account(ctx, clock) -> None:  # type: ignore[no-untyped-def]
    admin = _admin(ctx)
    started = second_factor.begin_enrolment(ctx, admin)
    uri = urlparse(started.uri)
    assert uri.scheme == "otpauth" and uri.netloc == "totp"
    assert unquote(uri.path) == f"/{started.issuer}:xitong"
    query = parse_qs(uri.query)
    assert query["secret"] == [started.secret] and query["issuer"] == [started.issuer]
    assert started.issuer == "市长热线办件台" and started.bureau == "某市经济和信息化局"
    assert len(started.secret) == 32
    with ctx.uow.read() as uow:  # nothing stored before a code confirms it
        user = uow.session.get(User, admin.user_id)
        assert user.totp_secret is None and not user.totp_enabled


def test_confirm_stores_the_secret_and_ten_hashed_recovery_codes(ctx, clock) -> None:  # type: ignore[no-untyped-def]
    admin = _admin(ctx)
    started = second_factor.begin_enrolment(ctx, admin)
    with pytest.raises(ValidationError) as wrong:
        second_factor.confirm_enrolment(ctx, admin, started.secret, "000000")
    assert "code" in wrong.value.field_errors
    with pytest.raises(ValidationError):
        second_factor.confirm_enrolment(ctx, admin, "not-a-secret", "123456")
    # the code of the step before still counts (clock drift of one step)
    code = pyotp.TOTP(started.secret).at(clock.now - timedelta(seconds=30))
    codes = second_factor.confirm_enrolment(ctx, admin, started.secret, code)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert all(len(c) == 19 and c.count("-") == 3 for c in codes)
    with ctx.uow.read() as uow:
        s = uow.session
        user = s.get(User, admin.user_id)
        assert user.totp_enabled and user.totp_secret == started.secret
        assert user.totp_enrolled_at == clock.now
        stored = s.scalars(select(RecoveryCode.code_hash)).all()
        assert len(stored) == 10 and len(set(stored)) == 10
        assert not any(c.replace("-", "") in h for h in stored for c in codes)
        assert all(h.startswith("sha256$") for h in stored)
        row = s.execute(select(AuditLog).order_by(AuditLog.id.desc()).limit(1)).scalar_one()
        assert row.action == "totp_enrolled" and row.actor_id == admin.user_id
        assert not any(c in row.detail for c in codes)
    status = second_factor.status(ctx, admin)
    assert status.enabled and status.recovery_left == 10 and not status.required
    with pytest.raises(ConflictError):
        second_factor.begin_enrolment(ctx, admin)


def test_login_without_code_then_with_code(ctx, clock) -> None:  # type: ignore[no-untyped-def]
    admin = _admin(ctx)
    secret, _codes = _enrol(ctx, clock, admin)
    with pytest.raises(SecondFactorRequired):
        auth.login(ctx, "xitong", PASSWORD)
    with pytest.raises(SecondFactorRequired):
        auth.login(ctx, "xitong", PASSWORD, "  ")
    assert _failed(ctx, "xitong") == 0
    with pytest.raises(AuthError, match="用户名或密码不正确"):  # a wrong password: no hint
        auth.login(ctx, "xitong", "Wrong#2026pw", pyotp.TOTP(secret).at(clock.now))
    result = auth.login(ctx, "xitong", PASSWORD, pyotp.TOTP(secret).at(clock.now))
    assert result.actor.user_id == admin.user_id and not result.must_enrol_second_factor
    assert _failed(ctx, "xitong") == 0


def test_wrong_codes_count_towards_the_lockout(ctx, clock) -> None:  # type: ignore[no-untyped-def]
    admin = _admin(ctx)
    secret, _codes = _enrol(ctx, clock, admin)
    with pytest.raises(AuthError, match="用户名或密码不正确"):
        auth.login(ctx, "xitong", "Wrong#2026pw")
    for left in (3, 2, 1):
        with pytest.raises(AuthError, match=f"动态验证码不正确或已用过.再错{left}次") as e:
            auth.login(ctx, "xitong", PASSWORD, "123456")
        assert not isinstance(e.value, SecondFactorRequired)
    with pytest.raises(AuthError, match="已锁定30分钟"):
        auth.login(ctx, "xitong", PASSWORD, "abcd-efgh-jkmn-pqrs")
    with pytest.raises(AuthError, match="已锁定"):  # locked: even the right code
        auth.login(ctx, "xitong", PASSWORD, pyotp.TOTP(secret).at(clock.now))
    clock.now += timedelta(minutes=31)
    assert auth.login(ctx, "xitong", PASSWORD, pyotp.TOTP(secret).at(clock.now)).actor


def test_a_code_is_accepted_once(ctx, clock) -> None:  # type: ignore[no-untyped-def]
    admin = _admin(ctx)
    secret, _codes = _enrol(ctx, clock, admin)
    code = pyotp.TOTP(secret).at(clock.now)
    auth.login(ctx, "xitong", PASSWORD, code)
    clock.now += timedelta(seconds=5)  # same step: replayed
    with pytest.raises(AuthError, match="动态验证码不正确或已用过"):
        auth.login(ctx, "xitong", PASSWORD, code)
    # an older step's code, still inside the drift window, is refused too
    earlier = pyotp.TOTP(secret).at(clock.now - timedelta(seconds=30))
    with pytest.raises(AuthError, match="动态验证码不正确或已用过"):
        auth.login(ctx, "xitong", PASSWORD, earlier)
    clock.now += timedelta(seconds=30)
    assert auth.login(ctx, "xitong", PASSWORD, pyotp.TOTP(secret).at(clock.now)).actor
    with ctx.uow.read() as uow:
        steps = [
            json.loads(d).get("totp_step")
            for d in uow.session.scalars(
                select(AuditLog.detail).where(AuditLog.action == "login").order_by(AuditLog.id)
            )
        ]
    assert steps[1] == steps[0] + 1


def test_the_enrolment_code_cannot_log_in(ctx, clock) -> None:  # type: ignore[no-untyped-def]
    admin = _admin(ctx)
    started = second_factor.begin_enrolment(ctx, admin)
    code = pyotp.TOTP(started.secret).at(clock.now)
    second_factor.confirm_enrolment(ctx, admin, started.secret, code)
    with pytest.raises(AuthError, match="动态验证码不正确或已用过"):
        auth.login(ctx, "xitong", PASSWORD, code)


def test_a_recovery_code_works_once(ctx, clock) -> None:  # type: ignore[no-untyped-def]
    admin = _admin(ctx)
    _secret, codes = _enrol(ctx, clock, admin)
    typed = f" {codes[3].upper().replace('-', ' ')} "  # read off paper, spaced, capitals
    assert auth.login(ctx, "xitong", PASSWORD, typed).actor.user_id == admin.user_id
    with pytest.raises(AuthError, match="动态验证码不正确或已用过"):
        auth.login(ctx, "xitong", PASSWORD, codes[3])
    assert second_factor.status(ctx, admin).recovery_left == 9
    with ctx.uow.read() as uow:
        row = uow.session.execute(
            select(AuditLog).where(AuditLog.action == "recovery_code_used")
        ).scalar_one()
        assert row.actor_id == admin.user_id and json.loads(row.detail) == {"recovery_left": 9}
    assert auth.login(ctx, "xitong", PASSWORD, codes[4]).actor
    other = _admin(ctx, "audit_admin", "shenji")
    _s, other_codes = _enrol(ctx, clock, other)
    with pytest.raises(AuthError, match="动态验证码不正确"):  # another account's code
        auth.login(ctx, "xitong", PASSWORD, other_codes[0])


def test_required_admin_without_factor_must_enrol(ctx, clock) -> None:  # type: ignore[no-untyped-def]
    admin = _admin(ctx)
    clerk = add_user(ctx, "intake", username="dengji", password=PASSWORD)
    assert not auth.login(ctx, "xitong", PASSWORD).must_enrol_second_factor  # switch off
    _require(ctx)
    assert auth.login(ctx, "xitong", PASSWORD).must_enrol_second_factor
    assert not auth.login(ctx, "dengji", PASSWORD).must_enrol_second_factor  # not an admin
    assert second_factor.status(ctx, admin).required
    assert not second_factor.status(ctx, clerk).required
    _secret, _codes = _enrol(ctx, clock, admin)
    with pytest.raises(SecondFactorRequired):
        auth.login(ctx, "xitong", PASSWORD)


def test_an_admin_who_must_enrol_is_refused_by_every_other_service(ctx, clock) -> None:  # type: ignore[no-untyped-def]
    """The attack: ignore ``must_enrol_second_factor`` and call services with the actor the
    login returned. Only the enrolment and the password change pass; a clerk is not concerned;
    after enrolment the same login's actor works."""
    _admin(ctx)
    clerk = add_user(ctx, "intake", username="dengji", password=PASSWORD)
    _require(ctx)
    result = auth.login(ctx, "xitong", PASSWORD)
    assert result.must_enrol_second_factor
    actor = result.actor
    for call in (
        lambda: users.list_users(ctx, actor),  # @signed_in
        lambda: office.list_settings(ctx, actor),
        lambda: users.set_active(ctx, actor, clerk.user_id, False),  # @user_input
    ):
        with pytest.raises(SessionEnded, match="请先绑定动态验证码"):
            call()
    assert second_factor.status(ctx, actor).required  # the enrolment steps pass
    auth.change_password(ctx, actor, PASSWORD, "New#Desk2026pw")
    _enrol(ctx, clock, actor)
    assert [u.username for u in users.list_users(ctx, actor)][0]
    assert second_factor.status(ctx, clerk).enabled is False  # a clerk: never asked to enrol


def test_a_business_user_may_enrol_and_then_needs_the_code(ctx, clock) -> None:  # type: ignore[no-untyped-def]
    clerk = add_user(ctx, "intake", username="dengji", password=PASSWORD)
    secret, _codes = _enrol(ctx, clock, clerk)
    with pytest.raises(SecondFactorRequired):
        auth.login(ctx, "dengji", PASSWORD)
    assert auth.login(ctx, "dengji", PASSWORD, pyotp.TOTP(secret).at(clock.now)).actor


def test_disable_takes_a_code(ctx, clock) -> None:  # type: ignore[no-untyped-def]
    admin = _admin(ctx)
    secret, codes = _enrol(ctx, clock, admin)
    with pytest.raises(ValidationError):
        second_factor.disable_second_factor(ctx, admin, "123456")
    second_factor.disable_second_factor(ctx, admin, pyotp.TOTP(secret).at(clock.now))
    with ctx.uow.read() as uow:
        user = uow.session.get(User, admin.user_id)
        assert not user.totp_enabled and user.totp_secret is None
        assert uow.session.scalars(select(RecoveryCode)).all() == []
    assert auth.login(ctx, "xitong", PASSWORD).actor  # no code any more
    with pytest.raises(ConflictError):
        second_factor.disable_second_factor(ctx, admin, codes[0])


def test_new_recovery_codes_replace_the_old_ones(ctx, clock) -> None:  # type: ignore[no-untyped-def]
    admin = _admin(ctx)
    secret, old = _enrol(ctx, clock, admin)
    auth.login(ctx, "xitong", PASSWORD, old[0])
    with pytest.raises(ValidationError):  # a recovery code cannot renew the recovery codes
        second_factor.new_recovery_codes(ctx, admin, old[1])
    new = second_factor.new_recovery_codes(ctx, admin, pyotp.TOTP(secret).at(clock.now))
    assert len(new) == 10 and not set(new) & set(old)
    assert second_factor.status(ctx, admin).recovery_left == 10
    with pytest.raises(AuthError, match="已用过"):
        auth.login(ctx, "xitong", PASSWORD, old[1])
    with pytest.raises(AuthError, match="已用过"):  # the renewal's code is used up too
        auth.login(ctx, "xitong", PASSWORD, pyotp.TOTP(secret).at(clock.now))
    assert auth.login(ctx, "xitong", PASSWORD, new[9]).actor


def test_only_the_security_admin_switches_it(ctx) -> None:  # type: ignore[no-untyped-def]
    sys_admin = add_user(ctx, "sys_admin")
    sec = add_user(ctx, "sec_admin")
    audit = add_user(ctx, "audit_admin")
    clerk = add_user(ctx, "desk")
    for actor in (sys_admin, audit, clerk):
        with pytest.raises(PermissionDenied):
            office.save_setting(ctx, actor, "admin_second_factor", True)
        with pytest.raises(PermissionDenied):  # not smuggled in with a setting of its own
            office.save_settings(ctx, actor, {"bureau_name": "某局", "admin_second_factor": True})
    assert office.get_setting(ctx, office.ADMIN_SECOND_FACTOR) is False
    assert office.get_setting(ctx, office.BUREAU_NAME) == "某市经济和信息化局"
    with pytest.raises(PermissionDenied):  # and the security admin only its own keys
        office.save_setting(ctx, sec, "bureau_name", "某局")
    assert [i.key for i in office.list_settings(ctx, sec)] == [
        "admin_second_factor", "password_max_age_days", "idle_lock_minutes",
    ]  # fmt: skip
    assert "admin_second_factor" not in [i.key for i in office.list_settings(ctx, sys_admin)]
    with pytest.raises(ValidationError, match="为自己绑定"):  # it would lock itself out
        office.save_setting(ctx, sec, "admin_second_factor", True)
    assert office.get_setting(ctx, office.ADMIN_SECOND_FACTOR) is False
    _mark_enrolled(ctx, sec.user_id)
    assert office.save_setting(ctx, sec, "admin_second_factor", True) is True
    assert office.get_setting(ctx, office.ADMIN_SECOND_FACTOR) is True
    for admin in (sys_admin, audit):  # neither has bound an authenticator yet: enrol first
        with pytest.raises(SessionEnded, match="请先绑定动态验证码"):
            office.list_settings(ctx, admin)


def _factor(ctx, user_id: int) -> tuple[bool, str | None, int, int]:  # type: ignore[no-untyped-def]
    """(totp_enabled, totp_secret, recovery codes kept, session_epoch) of an account."""
    with ctx.uow.read() as uow:
        s = uow.session
        user = s.get(User, user_id)
        codes = s.scalars(select(RecoveryCode).where(RecoveryCode.user_id == user_id)).all()
        return bool(user.totp_enabled), user.totp_secret, len(codes), user.session_epoch


def test_resetting_an_admins_factor_files_a_request_a_second_admin_confirms(ctx, clock) -> None:  # type: ignore[no-untyped-def]
    sec = _admin(ctx, "sec_admin", "anquan")
    target = _admin(ctx)  # xitong, sys_admin
    sys2 = _admin(ctx, "sys_admin", "xitong2")
    sec2 = _admin(ctx, "sec_admin", "anquan2")
    auditor = _admin(ctx, "audit_admin", "shenji")
    secret, _codes = _enrol(ctx, clock, target)
    before = _factor(ctx, target.user_id)
    asked = users.reset_second_factor(ctx, sec, target.user_id)
    assert isinstance(asked, dual_control.AdminRequestInfo)
    assert asked.kind == dual_control.FACTOR and asked.status == "pending"
    assert asked.target_user_id == target.user_id and asked.requested_by == sec.user_id
    assert _factor(ctx, target.user_id) == before, "nothing happens on the request alone"
    with pytest.raises(SecondFactorRequired):  # still asked for a code
        auth.login(ctx, "xitong", PASSWORD)
    with pytest.raises(ValidationError, match="待确认"):  # one pending request per matter
        users.reset_second_factor(ctx, sec, target.user_id)
    with pytest.raises(PermissionDenied, match="自己提出"):  # the requester
        dual_control.confirm_request(ctx, sec, asked.id)
    with pytest.raises(PermissionDenied, match="您本人"):  # the account concerned
        dual_control.confirm_request(ctx, target, asked.id)
    with pytest.raises(PermissionDenied, match="同为该类"):  # the requester's peer
        dual_control.confirm_request(ctx, sec2, asked.id)
    with pytest.raises(PermissionDenied, match="同类"):  # the target's peer
        dual_control.confirm_request(ctx, sys2, asked.id)
    assert _factor(ctx, target.user_id) == before

    decision = dual_control.confirm_request(ctx, auditor, asked.id)  # the third role
    assert decision.temporary_password is None and decision.user_id == target.user_id
    assert decision.request.status == "confirmed"
    enabled, kept_secret, codes_left, epoch = _factor(ctx, target.user_id)
    assert not enabled and kept_secret is None and codes_left == 0
    assert epoch == before[3] + 1, "the target's sessions end"
    with pytest.raises(SessionEnded):
        second_factor.status(ctx, target)
    assert auth.login(ctx, "xitong", PASSWORD).actor.user_id == target.user_id  # no code now
    with ctx.uow.read() as uow:
        row = uow.session.execute(
            select(AuditLog).where(AuditLog.action == "totp_reset")
        ).scalar_one()
        detail = json.loads(row.detail)
        assert row.actor_id == auditor.user_id and row.object_id == str(target.user_id)
        assert detail == {"request": asked.id, "had": True, "requested_by": sec.user_id,
                          "confirmed_by": auditor.user_id}  # fmt: skip
        assert secret not in row.detail
    with pytest.raises(PermissionDenied, match="已处理"):  # once only
        dual_control.confirm_request(ctx, auditor, asked.id)


def test_nobody_resets_their_own_factor_and_only_the_security_admin_files(ctx, clock) -> None:  # type: ignore[no-untyped-def]
    sec = _admin(ctx, "sec_admin", "anquan")
    sysadmin = _admin(ctx)
    unbound = _admin(ctx, "audit_admin", "shenji")
    for actor in (sec, sysadmin):
        _enrol(ctx, clock, actor)
    with pytest.raises(PermissionDenied, match="不能重置自己的动态验证码"):
        users.reset_second_factor(ctx, sec, sec.user_id)
    with pytest.raises(PermissionDenied):  # the system admin may not reset anyone's
        users.reset_second_factor(ctx, sysadmin, sec.user_id)
    with pytest.raises(PermissionDenied):  # nor the audit admin
        users.reset_second_factor(ctx, unbound, sysadmin.user_id)
    with pytest.raises(ConflictError, match="尚未绑定"):  # nothing to reset: no request
        users.reset_second_factor(ctx, sec, unbound.user_id)
    assert dual_control.list_requests(ctx, sec) == []
    assert _factor(ctx, sec.user_id)[0] and _factor(ctx, sysadmin.user_id)[0]


def test_a_refused_factor_request_changes_nothing(ctx, clock) -> None:  # type: ignore[no-untyped-def]
    sec = _admin(ctx, "sec_admin", "anquan")
    target = _admin(ctx, "audit_admin", "shenji")
    sysadmin = _admin(ctx)
    _enrol(ctx, clock, target)
    before = _factor(ctx, target.user_id)
    asked = users.reset_second_factor(ctx, sec, target.user_id)
    listed = dual_control.list_requests(ctx, sysadmin)[0]
    assert listed.id == asked.id and listed.can_decide
    dual_control.refuse_request(ctx, sysadmin, asked.id, "未核实本人")
    assert _factor(ctx, target.user_id) == before


def test_security_admin_resets_a_business_users_factor(ctx, clock) -> None:  # type: ignore[no-untyped-def]
    sec = _admin(ctx, "sec_admin", "anquan")
    clerk = add_user(ctx, "intake", username="dengji", password=PASSWORD)
    _enrol(ctx, clock, clerk)
    clerk_two = add_user(ctx, "desk")
    with pytest.raises(PermissionDenied):  # a business user cannot
        users.reset_second_factor(ctx, clerk_two, clerk.user_id)
    assert users.reset_second_factor(ctx, sec, clerk.user_id) is None  # done at once
    assert auth.login(ctx, "dengji", PASSWORD).actor  # no code asked any more
    with ctx.uow.read() as uow:
        row = uow.session.execute(
            select(AuditLog).where(AuditLog.action == "totp_reset")
        ).scalar_one()
        assert row.actor_id == sec.user_id and row.object_id == str(clerk.user_id)


def test_two_desks_sending_one_code_at_once_get_in_once(ctx, clock) -> None:  # type: ignore[no-untyped-def]
    """The replay check holds between concurrent logins: the user row's lock makes the second
    one read the first one's step (PostgreSQL: FOR UPDATE; SQLite: the write lock)."""
    import threading

    admin = _admin(ctx)
    secret, _codes = _enrol(ctx, clock, admin)
    for _round in range(3):
        clock.now += timedelta(seconds=30)
        code = pyotp.TOTP(secret).at(clock.now)
        start = threading.Barrier(2)
        outcomes: list[str] = []

        def attempt(code: str, start: threading.Barrier, outcomes: list[str]) -> None:
            start.wait()
            try:
                auth.login(ctx, "xitong", PASSWORD, code)
                outcomes.append("in")
            except AuthError as exc:
                outcomes.append(str(exc))

        threads = [threading.Thread(target=attempt, args=(code, start, outcomes)) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert outcomes.count("in") == 1, outcomes
        assert any("已用过" in o for o in outcomes), outcomes
        with ctx.uow.write() as uow:  # the refused attempt counted: reset for the next round
            uow.session.get(User, admin.user_id).failed_logins = 0
            uow.commit()


def test_hostile_codes_are_refused_readably(ctx, clock) -> None:  # type: ignore[no-untyped-def]
    """Arbitrary text as the code, the secret or a recovery code: only refusals come out."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from hotline_desk.domain.errors import DeskError
    from tests.services.test_hostile_input import hostile_text

    admin = _admin(ctx)
    _enrol(ctx, clock, admin)
    other = add_user(ctx, "intake", password=PASSWORD)

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(text=hostile_text, other_text=st.text(max_size=40))
    def run(text: str, other_text: str) -> None:
        for call in (
            lambda: auth.login(ctx, "xitong", PASSWORD, text),
            lambda: second_factor.confirm_enrolment(ctx, other, text, other_text),
            lambda: second_factor.confirm_enrolment(ctx, other, "A" * 32, text),
            lambda: second_factor.disable_second_factor(ctx, admin, text),
        ):
            try:
                call()
            except DeskError:
                pass
        clock.now += timedelta(minutes=31)  # past any lockout the wrong codes caused

    run()
    assert second_factor.status(ctx, admin).enabled
