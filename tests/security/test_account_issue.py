"""三员分立 at account creation (issue 14, finding S1): the system administrator creates a
business account and grants its roles but never learns a password for it — the security
administrator issues the first one — so it cannot log in as the new clerk and read callers.
Both engines, through the ``ctx`` fixture; each test tries the attack."""

from __future__ import annotations

import pytest

from hotline_desk.domain.errors import AuthError, PermissionDenied
from hotline_desk.services.admin import auth, password_hash, users
from hotline_desk.store.models import AuditLog, User
from tests.conftest import add_user

ROOT_PW = "Desk#Root2026"


def _new_clerk(ctx):  # type: ignore[no-untyped-def]
    sysadmin = add_user(ctx, "sys_admin", username="sysadmin", password=ROOT_PW)
    created = users.create_user(ctx, sysadmin, users.UserInput("xinren", "新人", None, ("desk",)))
    assert isinstance(created, tuple)
    return sysadmin, created


def test_the_system_administrator_gets_no_password_for_a_business_account(ctx) -> None:  # type: ignore[no-untyped-def]
    sysadmin, (info, password) = _new_clerk(ctx)
    assert password is None and not info.has_password and info.must_change_password
    with ctx.uow.read() as uow:
        user = uow.session.get(User, info.id)
        assert user.password_hash is None and user.must_change_password
    for guess in ("", "whatever", ROOT_PW):
        with pytest.raises(AuthError, match="尚未发放初始密码，请联系安全管理员"):
            auth.login(ctx, "xinren", guess)
    with pytest.raises(PermissionDenied):  # nor may it issue one itself
        users.reset_password(ctx, sysadmin, info.id)
    assert [u.has_password for u in users.list_users(ctx, sysadmin) if u.id == info.id] == [False]


def test_a_clerk_without_a_password_cannot_be_claimed_with_the_setup_code(ctx, setup_code) -> None:  # type: ignore[no-untyped-def]
    """While the seeded administrator's setup code is pending, the first-start flow is still
    the administrator's alone: a clerk who has no password is not offered it and cannot use it."""
    _sysadmin, (info, _) = _new_clerk(ctx)
    assert auth.needs_initial_password(ctx, "admin")
    assert not auth.needs_initial_password(ctx, "xinren")
    with pytest.raises(AuthError, match="尚未发放初始密码"):
        auth.set_initial_password(ctx, "xinren", "Mine#Clerk2026", setup_code)
    with ctx.uow.read() as uow:
        assert uow.session.get(User, info.id).password_hash is None
    assert auth.needs_initial_password(ctx, "admin")  # the code was not used up


def test_without_a_pending_code_nobody_is_offered_the_first_start(ctx) -> None:  # type: ignore[no-untyped-def]
    assert not auth.setup_code_hint(ctx).pending
    assert not auth.needs_initial_password(ctx, "admin")


def test_the_security_administrator_issues_the_first_password(ctx) -> None:  # type: ignore[no-untyped-def]
    _sysadmin, (info, _) = _new_clerk(ctx)
    sec = add_user(ctx, "sec_admin", username="secadmin", password=ROOT_PW)
    issued = users.reset_password(ctx, sec, info.id)
    assert isinstance(issued, str) and issued
    result = auth.login(ctx, "xinren", issued)
    assert result.must_change_password and result.actor.roles == frozenset({"desk"})
    with ctx.uow.read() as uow:
        row = uow.session.query(AuditLog).filter_by(action="password_reset").one()
        assert row.object_id == str(info.id) and '"first": true' in row.detail


def test_a_name_without_a_password_is_checked_against_the_dummy_hash(ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The answer takes as long as a wrong password's: Argon2 runs on the dummy hash."""
    _new_clerk(ctx)
    checked: list[str] = []
    real = auth.HASHER

    class Watched:
        def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
            return getattr(real, name)

        def verify(self, stored: str, password: str) -> bool:
            checked.append(stored)
            return real.verify(stored, password)

    monkeypatch.setattr(auth, "HASHER", Watched())
    with pytest.raises(AuthError):
        auth.login(ctx, "xinren", "whatever")
    assert checked == [password_hash.DUMMY_HASH]
