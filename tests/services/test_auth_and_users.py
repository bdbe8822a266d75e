"""Login, lockout, first password, password change, user administration, audit chain."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select, text

from hotline_desk.domain.errors import AuthError, PermissionDenied, ValidationError
from hotline_desk.services.admin import auth, password_hash, users
from hotline_desk.services.admin.dual_control import AdminRequestInfo
from hotline_desk.services.audit import check_audit_chain
from hotline_desk.services.audit_query import list_audit
from hotline_desk.store.models import AuditLog
from tests.gui.conftest import PASSWORD, set_password


def test_seeded_admin_sets_own_password_then_logs_in(ctx, setup_code) -> None:  # type: ignore[no-untyped-def]
    assert auth.needs_initial_password(ctx, "admin")
    with pytest.raises(AuthError, match="尚未设置密码"):
        auth.login(ctx, "admin", "")
    with pytest.raises(ValidationError):
        auth.set_initial_password(ctx, "admin", "short", setup_code)
    auth.set_initial_password(ctx, "admin", "Desk#Root2026", setup_code)
    assert not auth.needs_initial_password(ctx, "admin")
    with pytest.raises(AuthError, match="已设置过密码"):
        auth.set_initial_password(ctx, "admin", "Other#Root2026", setup_code)
    result = auth.login(ctx, "admin", "Desk#Root2026")
    assert result.actor.roles == frozenset({"sys_admin"})
    assert not result.must_change_password
    with ctx.uow.read() as uow:
        stored = uow.session.execute(text("SELECT password_hash FROM users WHERE username='admin'"))
        assert stored.scalar_one().startswith("$argon2id$")


def test_five_failures_lock_the_account(ctx, make_actor, clock) -> None:  # type: ignore[no-untyped-def]
    clerk = make_actor("intake", username="dengji")
    set_password(ctx, clerk)
    for attempt in range(4):
        with pytest.raises(AuthError, match=f"再错{4 - attempt}次"):
            auth.login(ctx, "dengji", "wrong")
    with pytest.raises(AuthError, match="已锁定30分钟"):
        auth.login(ctx, "dengji", "wrong")
    with pytest.raises(AuthError, match="已锁定"):
        auth.login(ctx, "dengji", PASSWORD)
    clock.now += timedelta(minutes=31)
    assert auth.login(ctx, "dengji", PASSWORD).actor.username == "dengji"


def _answers(ctx, clock, username: str, password: str, n: int) -> list[str]:  # type: ignore[no-untyped-def]
    answers = []
    for _ in range(n):
        with pytest.raises(AuthError) as refused:
            auth.login(ctx, username, password)
        answers.append(str(refused.value))
        clock.now += timedelta(minutes=1)
    return answers


def test_an_unknown_or_disabled_name_is_answered_word_for_word_like_an_account(
    ctx, make_actor, clock
) -> None:  # type: ignore[no-untyped-def]
    """Issue 14: an unknown name was told "用户名或密码不正确" without the "再错N次" countdown, so
    names could be enumerated; now it counts down and locks like an account."""
    clerk = make_actor("intake", username="dengji")
    set_password(ctx, clerk)
    start = clock.now
    known = _answers(ctx, clock, "dengji", "wrong", 7)
    assert "再错4次" in known[0] and "已锁定30分钟" in known[4] and "请29分钟后再试" in known[6]
    clock.now = start
    assert _answers(ctx, clock, "nobody", "wrong", 7) == known
    assert users.set_active(ctx, make_actor("sys_admin"), clerk.user_id, False) is None
    clock.now = start + timedelta(hours=2)
    assert _answers(ctx, clock, "dengji", PASSWORD, 7) == known, "disabled: no hint either"


def test_change_password(ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    clerk = make_actor("intake", username="dengji")
    set_password(ctx, clerk)
    with pytest.raises(ValidationError) as err:
        auth.change_password(ctx, clerk, "bad-old", "New#Pass2026")
    assert "old_password" in err.value.field_errors
    auth.change_password(ctx, clerk, PASSWORD, "New#Pass2026")
    assert auth.login(ctx, "dengji", "New#Pass2026").actor.user_id == clerk.user_id


def test_admin_creates_user_who_must_change_password(ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    sysadmin = make_actor("sys_admin")
    info, temp = users.create_user(ctx, sysadmin, users.UserInput("chenjb", "陈经办", None,
                                                                  ("handler",)))  # fmt: skip
    assert info.roles == ("handler",) and info.must_change_password
    assert temp is None and not info.has_password  # 三员分立: the security admin issues it
    temp = users.reset_password(ctx, make_actor("sec_admin"), info.id)
    assert auth.login(ctx, "chenjb", temp).must_change_password
    with pytest.raises(ValidationError, match="已存在"):
        users.create_user(ctx, sysadmin, users.UserInput("chenjb", "又一个", None, ("handler",)))
    # on a fresh desk the system admin appoints the first security and audit admins ...
    assert {"sec_admin", "audit_admin"} <= set(users.grantable_roles(ctx, sysadmin))
    users.create_user(ctx, sysadmin, users.UserInput("aud", "审计", None, ("audit_admin",)))
    # ... but once the role was held, granting it is only a request a second admin confirms
    asked = users.create_user(ctx, sysadmin, users.UserInput("aud2", "审计2", None,
                                                             ("audit_admin",)))  # fmt: skip
    assert isinstance(asked, AdminRequestInfo) and asked.status == "pending"
    with pytest.raises(ValidationError, match="三员分立"):
        both = users.UserInput("x1", "x", None, ("audit_admin", "sec_admin"))
        users.create_user(ctx, make_actor("sec_admin"), both)
    handler = make_actor("handler")
    with pytest.raises(PermissionDenied):
        users.list_users(ctx, handler)


def test_reset_and_disable(ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    sysadmin = make_actor("sys_admin")
    info, _ = users.create_user(ctx, sysadmin, users.UserInput("wangdb", "王督办", None, ("desk",)))
    temp = users.reset_password(ctx, make_actor("sec_admin"), info.id)  # the security admin
    assert auth.login(ctx, "wangdb", temp).must_change_password
    users.set_active(ctx, sysadmin, info.id, False)
    with pytest.raises(AuthError):
        auth.login(ctx, "wangdb", temp)
    with pytest.raises(PermissionDenied, match="自己"):
        users.set_active(ctx, sysadmin, sysadmin.user_id, False)


def test_audit_chain_detects_tampering(ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    auditor = make_actor("audit_admin")
    sysadmin = make_actor("sys_admin")
    users.create_user(ctx, sysadmin, users.UserInput("zhangsan", "张三", None, ("intake",)))
    entries = list_audit(ctx, auditor)
    assert entries[0].action == "user_create"
    assert check_audit_chain(ctx, auditor).ok
    with pytest.raises(PermissionDenied):
        list_audit(ctx, sysadmin)
    if not ctx.engines.is_sqlite:
        return  # PostgreSQL: the trigger cannot be dropped by the app's tests cheaply
    with ctx.uow.write() as uow:  # an attacker with file access drops the guard and edits
        uow.session.execute(text("DROP TRIGGER audit_log_no_update"))
        uow.session.execute(text("UPDATE audit_log SET action='nothing' WHERE id=2"))
        uow.commit()
    check = check_audit_chain(ctx, auditor)
    assert not check.ok and check.first_bad_id == 2


def counted_verifies(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """auth's Argon2 verifies from now on, as (stored hash, password) pairs."""
    asked: list[tuple[str, str]] = []
    real = auth.HASHER

    class Counting:
        def verify(self, stored: str, password: str) -> bool:
            asked.append((stored, password))
            return real.verify(stored, password)

        def __getattr__(self, name: str) -> object:
            return getattr(real, name)

    monkeypatch.setattr(auth, "HASHER", Counting())
    return asked


def test_argon2_never_runs_inside_a_transaction(ctx, make_actor, monkeypatch, setup_code) -> None:  # type: ignore[no-untyped-def]
    """Hashing and verifying (~0.1 s each) run with no connection checked out, so no desk's
    write lock, which every other desk's save would wait for, is held meanwhile."""
    sysadmin = make_actor("sys_admin")
    pool = ctx.engines.reader.pool
    calls: list[str] = []
    real = auth.HASHER

    class Watched:
        def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
            attr = getattr(real, name)
            if name not in ("hash", "verify"):
                return attr

            def watched(*args, **kwargs):  # type: ignore[no-untyped-def]
                calls.append(name)
                assert pool.checkedout() == 0, f"{name} inside a transaction"
                return attr(*args, **kwargs)

            return watched

    monkeypatch.setattr(auth, "HASHER", Watched())
    info, _ = users.create_user(ctx, sysadmin, users.UserInput("liudj", "刘登记", None,
                                                               ("intake",)))  # fmt: skip
    temp = users.reset_password(ctx, make_actor("sec_admin"), info.id)
    result = auth.login(ctx, "liudj", temp)
    with pytest.raises(AuthError):
        auth.login(ctx, "liudj", "wrong")
    auth.change_password(ctx, result.actor, temp, "New#Pass2026")
    auth.set_initial_password(ctx, "admin", "Desk#Root2026", setup_code)
    # hash: the issued password, the new one, the administrator's (a business account is
    # created without one); verify: two logins, the old password (the history is empty: the
    # issue replaced no password), all outside a transaction
    assert calls.count("hash") == 3 and calls.count("verify") == 3


def test_a_reset_between_reading_and_writing_is_honoured(ctx, make_actor, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Passwords are checked before the write transaction; when an administrator resets one in
    between, the new hash decides, not the one read first."""
    clerk = make_actor("intake", username="dengji")
    set_password(ctx, clerk, "Old#Pass2026")
    with ctx.uow.read() as uow:
        old_hash = uow.session.execute(
            text("SELECT password_hash FROM users WHERE username='dengji'")
        ).scalar_one()
    set_password(ctx, clerk, "New#Pass2026")
    with monkeypatch.context() as m:  # login read the hash just before the reset
        m.setattr(auth, "_stored_hash", lambda _ctx, _name: old_hash)
        with pytest.raises(AuthError, match="用户名或密码不正确"):
            auth.login(ctx, "dengji", "Old#Pass2026")
        assert auth.login(ctx, "dengji", "New#Pass2026").actor.user_id == clerk.user_id
    new_hash = auth._new_hash

    def reset_meanwhile(context, username: str, password: str) -> str:  # type: ignore[no-untyped-def]
        set_password(ctx, clerk, "Reset#Pass2026")  # the administrator, right now
        return new_hash(context, username, password)

    monkeypatch.setattr(auth, "_new_hash", reset_meanwhile)
    with pytest.raises(AuthError, match="管理员重置"):
        auth.change_password(ctx, clerk, "New#Pass2026", "Mine#Pass2026")
    monkeypatch.undo()
    assert auth.login(ctx, "dengji", "Reset#Pass2026").actor.user_id == clerk.user_id


def test_an_unknown_name_is_checked_like_a_known_one_and_not_kept(ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Issue 14: an unknown name answered in 2–5 ms (no Argon2) against 170–340 ms, so names could
    be enumerated; and what was typed in the name field (often a password) went into the audit."""
    asked = counted_verifies(monkeypatch)
    typed = "Huawei@123secret"
    with pytest.raises(AuthError, match="用户名或密码不正确"):
        auth.login(ctx, typed, "x")
    assert [stored for stored, _pw in asked] == [password_hash.DUMMY_HASH], "one, as for a name"
    with ctx.uow.read() as uow:
        name, text_detail = uow.session.execute(
            select(AuditLog.actor_name, AuditLog.detail)
            .where(AuditLog.action == "login_failed")
            .order_by(AuditLog.id.desc())
        ).first()  # type: ignore[misc]
    assert typed not in name + text_detail and name == auth.UNKNOWN_NAME
    detail = json.loads(text_detail)
    assert detail["name_length"] == len(typed) and len(detail["name_digest"]) == 6


def test_a_verify_made_ahead_counts_only_while_it_holds(ctx, make_actor, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Issue 19's cold start: a password typed while the desk still opens is verified ahead
    (password_hash.check_early) and the login takes that answer instead of a second Argon2; but
    only for the same name, the same password and the hash stored now. Handed a verify of the
    right password, a wrong one, another account or a hash replaced since gets nothing."""
    clerk = make_actor("intake", username="dengji")
    other = make_actor("intake", username="qitaren")
    set_password(ctx, clerk, "Right#Pass2026")
    set_password(ctx, other, "Other#Pass2026")
    with ctx.uow.read() as uow:
        stored = uow.session.execute(
            text("SELECT password_hash FROM users WHERE username='dengji'")
        ).scalar_one()
    ahead = password_hash.verified(" dengji ", stored, "Right#Pass2026")
    assert ahead.ok and "Right" not in repr(ahead)  # the password itself is not kept
    asked = counted_verifies(monkeypatch)
    assert auth.login(ctx, "dengji", "Right#Pass2026", checked=ahead).actor.user_id == clerk.user_id
    assert asked == [], "the verify made ahead is not made twice"
    with pytest.raises(AuthError, match="用户名或密码不正确"):
        auth.login(ctx, "dengji", "Wrong#Pass2026", checked=ahead)
    with pytest.raises(AuthError, match="用户名或密码不正确"):
        auth.login(ctx, "qitaren", "Right#Pass2026", checked=ahead)
    assert [pw for _s, pw in asked] == ["Wrong#Pass2026", "Right#Pass2026"], "by the login"
    set_password(ctx, clerk, "New#Pass2026")  # reset after the verify ahead
    with pytest.raises(AuthError, match="用户名或密码不正确"):
        auth.login(ctx, "dengji", "Right#Pass2026", checked=ahead)
    assert auth.login(ctx, "dengji", "New#Pass2026", checked=ahead).actor.user_id == clerk.user_id
