"""Login, first-time password, password change, lockout and the idle lock's unlock, with
Argon2id hashes. A login whose password is temporary or expired must change it before anything
else (``LoginResult.reason`` says why; the services refuse everything else meanwhile)."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from hotline_desk.domain.enums.org import ADMIN_ROLES, Role
from hotline_desk.domain.errors import AuthError, Msg, ValidationError
from hotline_desk.domain.passwords import Attempts
from hotline_desk.services.admin import second_factor
from hotline_desk.services.admin import setup_code as codes
from hotline_desk.services.admin.password_hash import HASHER, CheckedPassword, matches
from hotline_desk.services.admin.password_rules import (
    TEMPORARY,
    checked_new_password,
    expiry_reason,
    remember_password,
)
from hotline_desk.services.admin.sessions import check_session
from hotline_desk.services.audit import record_audit
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, LoginResult
from hotline_desk.store.models import AuditLog, OrgUnit, User

UNKNOWN_NAME = "（未知用户名）"
_ROLE_VALUES = frozenset(r.value for r in Role)


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
        session_epoch=user.session_epoch or 0,
    )


def _user_by_name(session: Session, username: str) -> User | None:
    return session.execute(
        select(User).where(User.username == username.strip())
    ).scalar_one_or_none()


def _is_seeded_admin(user: User) -> bool:
    """The seeded administrator is the one account without a password that holds an
    administrator role: a business account the system administrator created also has none
    until the security administrator issues it one, and must never be claimed at first start."""
    return any(Role(r.role) in ADMIN_ROLES for r in user.roles if r.role in _ROLE_VALUES)


def needs_initial_password(ctx: ServiceContext, username: str) -> bool:
    """True only for the seeded administrator, before it has a password and while this
    database's setup code is pending (the login dialog then offers the first-start flow)."""
    with ctx.uow.read() as uow:
        user = _user_by_name(uow.session, username)
        if not (user and user.active and user.password_hash is None):
            return False
        return _is_seeded_admin(user) and codes.stored_hash(uow.session) is not None


def _matches(stored: str | None, password: str) -> bool:
    return matches(stored, password, HASHER)


def typed_name(username: str) -> dict[str, object]:
    """What the audit keeps of a name typed at login that is no account's: its length and a
    short digest (enough to see the same name tried again), never the text — users type their
    password into the name field."""
    digest = hashlib.sha256(username.strip().encode("utf-8", "replace")).hexdigest()[:6]
    return {"reason": "unknown", "name_length": len(username.strip()), "name_digest": digest}


def _stored_hash(ctx: ServiceContext, username: str) -> str | None:
    """The account's hash, read before the write: Argon2 (~0.1 s) never runs while this desk
    holds the write lock, which every other desk's save would wait for."""
    with ctx.uow.read() as uow:
        user = _user_by_name(uow.session, username)
        return user.password_hash if user is not None else None


def _unknown_attempts(s: Session, key: str, now: datetime) -> Attempts:
    """The wrong passwords in a row for a name that is no account's (or a disabled one's): kept
    in its latest ``login_failed`` audit row of the last day, so the answer counts down and
    locks exactly as for an account and does not tell which names exist."""
    detail = s.execute(
        select(AuditLog.detail)
        .where(
            AuditLog.at >= now - timedelta(days=1),
            AuditLog.action == "login_failed",
            AuditLog.object_id == key,
        )
        .order_by(AuditLog.id.desc())
        .limit(1)
    ).scalar()
    if not detail:
        return Attempts()
    data = json.loads(detail)
    until = data.get("locked_until")
    return Attempts(int(data.get("failed", 0)), datetime.fromisoformat(until) if until else None)


def _refuse_unknown(s: Session, user: User | None, username: str, now: datetime) -> Msg:
    """Count a wrong login for a name without a usable account, like one for an account."""
    typed = typed_name(username)
    key = f"?{typed['name_digest']}"
    state = _unknown_attempts(s, key, now)
    locked = state.locked_message(now)
    if locked is not None:
        return locked
    state, message = state.after_failure(now)
    reason = {"reason": "unknown" if user is None else "inactive"}
    until = state.locked_until.isoformat() if state.locked_until else None
    detail = {**typed, **reason, "failed": state.failed, "locked_until": until}
    name = UNKNOWN_NAME if user is None else user.username
    if state.locked_until is not None and state.failed == 0:
        record_audit(s, now, None, "lockout", "user", key, detail, actor_name=name)
    record_audit(s, now, None, "login_failed", "user", key, detail, actor_name=name)
    return message


def login(ctx: ServiceContext, username: str, password: str, otp: str | None = None,
          checked: CheckedPassword | None = None) -> LoginResult:  # fmt: skip
    """Log in; an account with a second factor also needs ``otp`` (a dynamic code or a
    recovery code), else ``SecondFactorRequired`` (services/admin/second_factor.py).

    ``checked``: the verify made while the desk was still opening (password_hash.check_early),
    used only when it answers for this name, this password and the hash stored now."""
    now = ctx.now()
    stored = _stored_hash(ctx, username)
    if checked is not None and checked.answers(username, stored, password):
        ok = checked.ok
    else:
        ok = _matches(stored, password)
    rehash = hash_password(password) if ok and HASHER.check_needs_rehash(stored) else None
    with ctx.uow.write() as uow:
        s = uow.session
        user = _user_by_name(s, username)
        if user is not None and user.active and user.password_hash is None:
            record_audit(s, now, None, "login_failed", "user", user.id,
                         {"reason": "no_password"}, actor_name=user.username)  # fmt: skip
            uow.commit()
            if _is_seeded_admin(user):
                raise AuthError("该账号尚未设置密码，请先设置初始密码")
            raise AuthError("该账号尚未发放初始密码，请联系安全管理员")
        if user is None or not user.active:
            message = _refuse_unknown(s, user, username, now)
            uow.commit()
            raise AuthError(message)
        attempts = Attempts(user.failed_logins, user.locked_until)
        locked = attempts.locked_message(now)
        if locked is not None:
            raise AuthError(locked)
        if user.password_hash != stored:  # changed since it was read (a reset): check again
            ok, rehash = _matches(user.password_hash, password), None
        factor = second_factor.at_login(s, user, otp, now) if ok else None
        if not ok or (factor is not None and factor.refused):
            attempts, message = attempts.after_failure(now)
            detail = {"failed": user.failed_logins + 1}
            if factor is not None:  # the password was right, the code was not
                message, detail = second_factor.refusal(message), {**detail, **factor.detail}
            user.failed_logins, user.locked_until = attempts.failed, attempts.locked_until
            if attempts.failed == 0:
                record_audit(
                    s, now, None, "lockout", "user", user.id, detail, actor_name=user.username
                )
            record_audit(
                s, now, None, "login_failed", "user", user.id, detail, actor_name=user.username
            )
            uow.commit()
            raise AuthError(message) from None
        if rehash is not None:
            user.password_hash = rehash
        user.failed_logins = 0
        user.locked_until = None
        user.last_login_at = now
        expired = expiry_reason(s, user, now)
        if expired is not None:
            user.must_change_password = True  # every door refuses until it is changed
        reason = expired or (TEMPORARY if user.must_change_password else "")
        actor = actor_for(s, user)
        detail = {**(factor.detail if factor else {}), **({"expired": True} if expired else {})}
        record_audit(s, now, actor, "login", "user", user.id, detail or None)
        second_factor.after_login(s, now, actor, factor)
        uow.commit()
        return LoginResult(
            actor,
            user.must_change_password,
            must_enrol_second_factor=bool(factor and factor.must_enrol),
            reason=reason,
        )


def _new_hash(ctx: ServiceContext, username: str, new_password: str) -> str:
    """The policy, strength and history checks and the hash of a new password, before the
    write transaction."""
    checked_new_password(ctx, username, new_password, _matches)
    return hash_password(new_password)


def _set_password(user: User, new_hash: str, ctx: ServiceContext) -> None:
    session = object_session(user)
    if session is not None:
        remember_password(session, user, ctx.now())
    user.password_hash = new_hash
    user.must_change_password = False
    user.password_changed_at = ctx.now()
    user.failed_logins = 0
    user.locked_until = None


def set_initial_password(
    ctx: ServiceContext, username: str, new_password: str, setup_code: str
) -> None:
    """First start: the seeded administrator chooses its own password — only with the one-time
    setup code the desk wrote on first start (``setup_code``); wrong codes count and lock."""
    now = ctx.now()
    with ctx.uow.read() as uow:
        user = _user_by_name(uow.session, username)
        if user is None or not user.active or user.password_hash is not None:
            raise AuthError("该账号已设置过密码，请直接登录")
        if not _is_seeded_admin(user):  # a clerk waiting for its first password
            raise AuthError("该账号尚未发放初始密码，请联系安全管理员")
        stored = codes.stored_hash(uow.session)
        _state, tries = codes.attempts(uow.session)
    if not stored:
        raise AuthError("本数据库没有可用的安装码，不能设置初始密码；请联系创建数据库的管理员")
    locked = codes.locked_message(tries, now)
    if locked is not None:
        raise AuthError(locked)
    if not codes.matches(stored, setup_code):
        with ctx.uow.write() as uow:
            state, tries = codes.attempts(uow.session, lock=True)
            message = codes.locked_message(tries, now) or codes.record_failure(
                uow.session, state, tries, now
            )
            record_audit(uow.session, now, None, "setup_code_failed", "database", "",
                         {"failed": tries.failed + 1}, actor_name=UNKNOWN_NAME)  # fmt: skip
            uow.commit()
        raise AuthError(message)
    new_hash = _new_hash(ctx, username, new_password)
    with ctx.uow.write() as uow:
        s = uow.session
        state, tries = codes.attempts(s, lock=True)
        if state.get("hash") != stored:  # used meanwhile on another desk
            raise AuthError("该账号已设置过密码，请直接登录")
        user = _user_by_name(s, username)
        if user is None or user.password_hash is not None:  # set meanwhile on another desk
            raise AuthError("该账号已设置过密码，请直接登录")
        _set_password(user, new_hash, ctx)
        codes.use_up(s, state, setup_code, now)
        record_audit(s, now, actor_for(s, user), "password_set", "user", user.id,
                     {"setup_code": True})  # fmt: skip
        uow.commit()


def setup_code_hint(ctx: ServiceContext) -> codes.SetupCodeHint:
    """Where this database's setup code is (for the first-start dialog)."""
    with ctx.uow.read() as uow:
        return codes.hint(uow.session)


def change_password(
    ctx: ServiceContext, actor: Actor, old_password: str, new_password: str
) -> None:
    """The user's own change (the one thing a session that must change its password may do)."""
    check_session(ctx, actor, changing_password=True)
    with ctx.uow.read() as uow:
        user = uow.session.get(User, actor.user_id)
        stored = user.password_hash if user is not None else None
    if stored is None:
        raise AuthError("账号不存在")
    if not _matches(stored, old_password):
        raise ValidationError({"old_password": "原密码不正确"})
    if old_password == new_password:
        raise ValidationError({"new_password": "新密码不能与原密码相同"})
    new_hash = _new_hash(ctx, actor.username, new_password)
    with ctx.uow.write() as uow:
        user = uow.session.get(User, actor.user_id)
        if user is None or user.password_hash != stored:  # reset meanwhile by an administrator
            raise AuthError("您的密码刚被管理员重置，请用新密码重新登录后再修改")
        _set_password(user, new_hash, ctx)
        record_audit(uow.session, ctx.now(), actor, "password_changed", "user", user.id)
        uow.commit()


def logout(ctx: ServiceContext, actor: Actor) -> None:
    """注销 / 切换用户: audited (no session check: an ended session may always log out)."""
    with ctx.uow.write() as uow:
        record_audit(uow.session, ctx.now(), actor, "logout", "user", actor.user_id)
        uow.commit()


def unlock(ctx: ServiceContext, actor: Actor, password: str) -> None:
    """The idle lock's unlock: ``actor``'s own password, checked like a login (a wrong one
    counts towards the lockout, audited as ``unlock_failed``); audited as ``unlock``."""
    check_session(ctx, actor, changing_password=True)
    now = ctx.now()
    stored = _stored_hash(ctx, actor.username)
    ok = _matches(stored, password)
    with ctx.uow.write() as uow:
        s = uow.session
        user = s.get(User, actor.user_id)
        if user is None or not user.active:
            raise AuthError("账号已停用，请重新登录")
        attempts = Attempts(user.failed_logins, user.locked_until)
        locked = attempts.locked_message(now)
        if locked is not None:
            raise AuthError(locked)
        if user.password_hash != stored:
            ok = _matches(user.password_hash, password)
        if not ok:
            attempts, message = attempts.after_failure(now)
            detail = {"failed": user.failed_logins + 1}
            user.failed_logins, user.locked_until = attempts.failed, attempts.locked_until
            if attempts.failed == 0:
                record_audit(s, now, actor, "lockout", "user", user.id, detail)
            record_audit(s, now, actor, "unlock_failed", "user", user.id, detail)
            uow.commit()
            raise AuthError(message)
        user.failed_logins, user.locked_until = 0, None
        record_audit(s, now, actor, "unlock", "user", user.id)
        uow.commit()
