"""Accounts: the system administrator creates users and grants business roles; the security
administrator unlocks and resets passwords and grants the admin roles (三员分立)."""

from __future__ import annotations

import re
import secrets
import string
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotline_desk.domain.enums import ADMIN_ROLES, Role
from hotline_desk.domain.errors import Msg, NotFound, PermissionDenied, ValidationError
from hotline_desk.domain.permissions import (
    ACCOUNT_ACTIVATION_ROLES,
    USER_ADMIN_ROLES,
    admin_role_conflict,
    require,
)
from hotline_desk.services.admin.auth import hash_password
from hotline_desk.services.admin.password_rules import new_password_problems, remember_password
from hotline_desk.services.admin.sessions import end_sessions
from hotline_desk.services.audit import record_audit
from hotline_desk.services.boundary import signed_in, user_input
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, UserInfo
from hotline_desk.store.models import OrgUnit, User, UserRole

_USERNAME = re.compile(r"^[A-Za-z][A-Za-z0-9_.]{1,31}$")


@dataclass(frozen=True)
class UserInput:
    username: str
    display_name: str
    org_unit_id: int | None
    roles: tuple[str, ...]


def temporary_password() -> str:
    """A policy-conforming one-time password the user must change at first login (drawn again
    in the rare case zxcvbn would find it guessable, so it passes the same checks as a chosen
    one)."""
    alphabet = string.ascii_letters + string.digits
    while True:
        core = "".join(secrets.choice(alphabet) for _ in range(8))
        password = f"Hd{core}#{secrets.randbelow(10)}"
        if not new_password_problems(password, ""):
            return password


def _unfilled_admin_roles(s: Session) -> set[str]:
    held = set(
        s.scalars(
            select(UserRole.role)
            .join(User, User.id == UserRole.user_id)
            .where(User.active, UserRole.role.in_([r.value for r in ADMIN_ROLES]))
        )
    )
    return {r.value for r in ADMIN_ROLES} - held


def _grantable(s: Session, actor: Actor) -> set[str]:
    """Business roles by the system admin; admin roles by the security admin, except that the
    system admin may appoint the first holder of an admin role nobody holds (initial setup)."""
    roles: set[str] = set()
    if actor.has(Role.SYS_ADMIN):
        roles |= {r.value for r in Role if r not in ADMIN_ROLES} | _unfilled_admin_roles(s)
    if actor.has(Role.SEC_ADMIN):
        roles |= {r.value for r in ADMIN_ROLES}
    return roles


@signed_in
def grantable_roles(ctx: ServiceContext, actor: Actor) -> list[str]:
    """The roles this administrator may give a new account, in display order."""
    with ctx.uow.read() as uow:
        allowed = _grantable(uow.session, actor)
    return [r.value for r in Role if r.value in allowed]


def _check_role_grant(s: Session, actor: Actor, roles: set[str]) -> None:
    refused = roles - _grantable(s, actor)
    if refused & {r.value for r in ADMIN_ROLES}:
        raise PermissionDenied("管理员角色只能由安全管理员授予")
    if refused:
        raise PermissionDenied("业务角色只能由系统管理员授予")


def _info(s: Session, u: User) -> UserInfo:
    unit = s.get(OrgUnit, u.org_unit_id) if u.org_unit_id else None
    return UserInfo(
        id=u.id, username=u.username, display_name=u.display_name, org_unit_id=u.org_unit_id,
        org_unit_name=unit.name if unit else "", roles=tuple(r.role for r in u.roles),
        active=u.active, locked=u.locked_until is not None,
        must_change_password=u.must_change_password,
        last_login_at=u.last_login_at, is_demo=u.is_demo,
    )  # fmt: skip


@signed_in
def list_users(ctx: ServiceContext, actor: Actor) -> list[UserInfo]:
    require(actor.roles, USER_ADMIN_ROLES, "管理用户")
    with ctx.uow.read() as uow:
        users = uow.session.execute(select(User).order_by(User.id)).scalars().all()
        return [_info(uow.session, u) for u in users]


def _validate(data: UserInput) -> None:
    errors: dict[str, str] = {}
    if not _USERNAME.match(data.username.strip()):
        errors["username"] = "用户名须以字母开头,由2-32位字母、数字、下划线或点组成"
    if not data.display_name.strip() or len(data.display_name.strip()) > 64:
        errors["display_name"] = "请填写姓名(最多64个字)"
    if not data.roles:
        errors["roles"] = "请至少选择一个角色"
    unknown = [r for r in data.roles if r not in Role._value2member_map_]
    if unknown:
        errors["roles"] = Msg("未知角色:{roles}", roles=tuple(unknown))
    conflict = admin_role_conflict(data.roles)
    if conflict:
        errors["roles"] = conflict
    if errors:
        raise ValidationError(errors)


@user_input
def create_user(ctx: ServiceContext, actor: Actor, data: UserInput) -> tuple[UserInfo, str]:
    """Create an account with a temporary password; returns it once for handing over."""
    require(actor.roles, USER_ADMIN_ROLES, "新建用户")
    _validate(data)
    password = temporary_password()
    password_hash = hash_password(password)  # Argon2 before the write lock, not inside it
    now = ctx.now()
    with ctx.uow.write() as uow:
        s = uow.session
        _check_role_grant(s, actor, set(data.roles))
        username = data.username.strip()
        if s.execute(select(User.id).where(User.username == username)).first():
            raise ValidationError({"username": Msg("用户名 {username} 已存在", username=username)})
        if data.org_unit_id is not None and s.get(OrgUnit, data.org_unit_id) is None:
            raise ValidationError({"org_unit_id": "请选择有效的所属部门"})
        user = User(
            username=username, display_name=data.display_name.strip(),
            password_hash=password_hash, must_change_password=True,
            org_unit_id=data.org_unit_id, active=True, failed_logins=0, is_demo=False,
            created_at=now,
        )  # fmt: skip
        user.roles = [UserRole(role=r) for r in sorted(set(data.roles))]
        s.add(user)
        s.flush()
        record_audit(s, now, actor, "user_create", "user", user.id, {"roles": sorted(data.roles)})
        uow.commit()
        return _info(s, user), password


@user_input
def reset_password(ctx: ServiceContext, actor: Actor, user_id: int) -> str:
    """Issue a new temporary password (and unlock); the user must change it at next login."""
    require(actor.roles, USER_ADMIN_ROLES, "重置密码")
    password = temporary_password()
    password_hash = hash_password(password)  # Argon2 before the write lock, not inside it
    with ctx.uow.write() as uow:
        user = uow.session.get(User, user_id)
        if user is None:
            raise NotFound("用户不存在")
        remember_password(uow.session, user, ctx.now())
        user.password_hash = password_hash
        user.must_change_password = True
        end_sessions(user)
        user.locked_until = None
        user.failed_logins = 0
        record_audit(uow.session, ctx.now(), actor, "password_reset", "user", user.id)
        uow.commit()
    return password


@user_input
def set_active(ctx: ServiceContext, actor: Actor, user_id: int, active: bool) -> None:
    require(actor.roles, ACCOUNT_ACTIVATION_ROLES, "停用/启用账号")
    if user_id == actor.user_id and not active:
        raise PermissionDenied("不能停用自己的账号")
    with ctx.uow.write() as uow:
        user = uow.session.get(User, user_id)
        if user is None:
            raise NotFound("用户不存在")
        user.active = active
        if not active:
            end_sessions(user)
        record_audit(uow.session, ctx.now(), actor, "user_enable" if active else "user_disable",
                     "user", user.id)  # fmt: skip
        uow.commit()
