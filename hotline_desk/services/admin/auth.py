"""Login, first-time password, password change and lockout, with Argon2id hashes."""

from __future__ import annotations

from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from hotline_desk.domain.errors import AuthError, Msg, ValidationError, joined, msg
from hotline_desk.domain.passwords import (
    LOCK_MINUTES,
    MAX_FAILED_LOGINS,
    PasswordPolicy,
    password_problems,
)
from hotline_desk.services.audit import record_audit
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, LoginResult
from hotline_desk.store.models import OrgUnit, User

# Argon2id, 64 MiB, t=3: above the 19 MiB / t=2 floor of DESIGN.md §10.
HASHER = PasswordHasher(time_cost=3, memory_cost=65536, parallelism=2)
_WRONG = Msg("用户名或密码不正确")


def hash_password(password: str) -> str:
    return HASHER.hash(password)


def actor_for(session: Session, user: User) -> Actor:
    unit = session.get(OrgUnit, user.org_unit_id) if user.org_unit_id else None
    return Actor(
        user_id=user.id,
        username=user.username,
        display_name=user.display_name,
        roles=frozenset(r.role for r in user.roles),
        org_unit_id=user.org_unit_id,
        org_unit_name=unit.name if unit else "",
    )


def _user_by_name(session: Session, username: str) -> User | None:
    return session.execute(
        select(User).where(User.username == username.strip())
    ).scalar_one_or_none()


def needs_initial_password(ctx: ServiceContext, username: str) -> bool:
    """True for an account that has never had a password (the seeded administrator)."""
    with ctx.uow.read() as uow:
        user = _user_by_name(uow.session, username)
        return bool(user and user.active and user.password_hash is None)


def login(ctx: ServiceContext, username: str, password: str) -> LoginResult:
    now = ctx.now()
    with ctx.uow.write() as uow:
        s = uow.session
        user = _user_by_name(s, username)
        if user is None or not user.active or user.password_hash is None:
            record_audit(
                s,
                now,
                None,
                "login_failed",
                "user",
                "",
                {"reason": "unknown"},
                actor_name=username.strip()[:64],
            )
            uow.commit()
            if user is not None and user.active and user.password_hash is None:
                raise AuthError("该账号尚未设置密码,请先设置初始密码")
            raise AuthError(_WRONG)
        if user.locked_until and user.locked_until > now:
            minutes = int((user.locked_until - now).total_seconds() // 60) + 1
            raise AuthError(
                "连续输错密码次数过多,账号已锁定,请{minutes}分钟后再试或联系安全管理员",
                minutes=minutes,
            )
        try:
            HASHER.verify(user.password_hash, password)
        except (VerificationError, InvalidHashError):
            user.failed_logins += 1
            detail = {"failed": user.failed_logins}
            message = _WRONG
            if user.failed_logins >= MAX_FAILED_LOGINS:
                user.locked_until = now + timedelta(minutes=LOCK_MINUTES)
                user.failed_logins = 0
                record_audit(
                    s, now, None, "lockout", "user", user.id, detail, actor_name=user.username
                )
                message = Msg(
                    "连续{n}次输错密码,账号已锁定{minutes}分钟",
                    n=MAX_FAILED_LOGINS,
                    minutes=LOCK_MINUTES,
                )
            else:
                left = MAX_FAILED_LOGINS - user.failed_logins
                message = Msg("{wrong}(再错{left}次将锁定账号)", wrong=msg(_WRONG), left=left)
            record_audit(
                s, now, None, "login_failed", "user", user.id, detail, actor_name=user.username
            )
            uow.commit()
            raise AuthError(message) from None
        if HASHER.check_needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        user.failed_logins = 0
        user.locked_until = None
        user.last_login_at = now
        actor = actor_for(s, user)
        record_audit(s, now, actor, "login", "user", user.id)
        uow.commit()
        return LoginResult(actor, user.must_change_password)


def _set_password(s: Session, user: User, new_password: str, ctx: ServiceContext) -> None:
    problems = password_problems(new_password, user.username, PasswordPolicy())
    if problems:
        raise ValidationError({"new_password": joined(problems)})
    user.password_hash = hash_password(new_password)
    user.must_change_password = False
    user.password_changed_at = ctx.now()
    user.failed_logins = 0
    user.locked_until = None


def set_initial_password(ctx: ServiceContext, username: str, new_password: str) -> None:
    """First start: the seeded administrator chooses its own password."""
    with ctx.uow.write() as uow:
        user = _user_by_name(uow.session, username)
        if user is None or user.password_hash is not None:
            raise AuthError("该账号已设置过密码,请直接登录")
        _set_password(uow.session, user, new_password, ctx)
        record_audit(
            uow.session, ctx.now(), actor_for(uow.session, user), "password_set", "user", user.id
        )
        uow.commit()


def change_password(
    ctx: ServiceContext, actor: Actor, old_password: str, new_password: str
) -> None:
    with ctx.uow.write() as uow:
        user = uow.session.get(User, actor.user_id)
        if user is None or user.password_hash is None:
            raise AuthError("账号不存在")
        try:
            HASHER.verify(user.password_hash, old_password)
        except (VerificationError, InvalidHashError):
            raise ValidationError({"old_password": "原密码不正确"}) from None
        if old_password == new_password:
            raise ValidationError({"new_password": "新密码不能与原密码相同"})
        _set_password(uow.session, user, new_password, ctx)
        record_audit(uow.session, ctx.now(), actor, "password_changed", "user", user.id)
        uow.commit()
