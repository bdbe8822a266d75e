"""Accounts under 三员分立.

Business accounts: the system administrator creates them, grants business roles and disables
or re-enables them; the security administrator resets their passwords (and so unlocks them) —
the system administrator no longer resets anyone, or it could log in as a clerk and read
personal data. Administrator accounts (and any grant of an administrator role): no
administrator acts alone; the call files a request that a second, different administrator
confirms (``dual_control``). An administrator role is always held alone.

Second factor: the security administrator unbinds a business user's lost authenticator at
once; an administrator's is a request too (``dual_control.FACTOR``). This lives here, not in
``second_factor``, which ``auth`` imports and ``dual_control`` (through ``auth``) depends on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotline_desk.domain.enums.org import ADMIN_ROLES, Role
from hotline_desk.domain.errors import (
    ConflictError,
    Msg,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from hotline_desk.domain.permissions import (
    ACCOUNT_ACTIVATION_ROLES,
    BUSINESS_ACCOUNT_ROLES,
    PASSWORD_RESET_ROLES,
    SECOND_FACTOR_RESET_ROLES,
    USER_ADMIN_ROLES,
    admin_role_conflict,
    has_any,
    require,
)
from hotline_desk.services.admin import accounts
from hotline_desk.services.admin import dual_control as dual
from hotline_desk.services.admin.auth import hash_password
from hotline_desk.services.admin.dual_control import AdminRequestInfo
from hotline_desk.services.admin.password_rules import remember_password
from hotline_desk.services.admin.second_factor import clear_second_factor
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


_ADMIN = frozenset(r.value for r in ADMIN_ROLES)
_BUSINESS = frozenset(r.value for r in Role if r not in ADMIN_ROLES)


def _grantable(s: Session, actor: Actor) -> set[str]:
    """What this administrator may put on a new account's form: business roles for the system
    administrator (granted alone) plus, for the system administrator, the first holder of an
    administrator role never held (setting up a desk); the administrator roles for both user
    administrators (granted only by a second administrator's confirmation)."""
    roles: set[str] = set()
    if actor.has(Role.SYS_ADMIN):
        roles |= _BUSINESS | (_ADMIN - dual.ever_held(s))
    if has_any(actor.roles, USER_ADMIN_ROLES):
        roles |= _ADMIN
    return roles


@signed_in
def grantable_roles(ctx: ServiceContext, actor: Actor) -> list[str]:
    """The roles this administrator may give a new account, in display order."""
    with ctx.uow.read() as uow:
        allowed = _grantable(uow.session, actor)
    return [r.value for r in Role if r.value in allowed]


def _bootstrap(s: Session, actor: Actor, roles: set[str]) -> bool:
    """Setting up a desk: the system administrator appoints the first holder of an
    administrator role that nobody ever held (locks the record so two desks cannot both)."""
    return (actor.has(Role.SYS_ADMIN) and len(roles) == 1 and roles <= _ADMIN
            and not roles & dual.ever_held(s, lock=True))  # fmt: skip


def _check_business_grant(actor: Actor) -> None:
    if not has_any(actor.roles, BUSINESS_ACCOUNT_ROLES):
        raise PermissionDenied("业务角色只能由系统管理员授予")


def _info(s: Session, u: User) -> UserInfo:
    unit = s.get(OrgUnit, u.org_unit_id) if u.org_unit_id else None
    return UserInfo(
        id=u.id, username=u.username, display_name=u.display_name, org_unit_id=u.org_unit_id,
        org_unit_name=unit.name if unit else "", roles=tuple(r.role for r in u.roles),
        active=u.active, locked=u.locked_until is not None,
        must_change_password=u.must_change_password,
        last_login_at=u.last_login_at, is_demo=u.is_demo, has_password=u.password_hash is not None,
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
        errors["username"] = "用户名须以字母开头，由2-32位字母、数字、下划线或点组成"
    if not data.display_name.strip() or len(data.display_name.strip()) > 64:
        errors["display_name"] = "请填写姓名（最多64个字）"
    if not data.roles:
        errors["roles"] = "请至少选择一个角色"
    unknown = [r for r in data.roles if r not in Role._value2member_map_]
    if unknown:
        errors["roles"] = Msg("未知角色：{roles}", roles=tuple(unknown))
    conflict = admin_role_conflict(data.roles)
    if conflict:
        errors["roles"] = conflict
    if errors:
        raise ValidationError(errors)


@user_input
def create_user(
    ctx: ServiceContext, actor: Actor, data: UserInput
) -> tuple[UserInfo, str | None] | AdminRequestInfo:
    """Create an account; an account with an administrator role is only requested (a second
    administrator confirms), except the first holder of a role never held, which the system
    administrator appoints alone and whose temporary password is returned once for handing
    over. A business account gets no password (None is returned): under 三员分立 the system
    administrator creates it and grants its roles, the security administrator issues its first
    password (``reset_password``) — else the system administrator could log in as the new
    clerk and read personal data."""
    require(actor.roles, USER_ADMIN_ROLES, "新建用户")
    _validate(data)
    roles = set(data.roles)
    fields = {"username": data.username.strip(), "display_name": data.display_name.strip(),
              "org_unit_id": data.org_unit_id, "roles": sorted(roles)}  # fmt: skip
    password = accounts.temporary_password() if roles & _ADMIN else None
    # Argon2 before the write lock, not inside it
    password_hash = hash_password(password) if password is not None else None
    now = ctx.now()
    with ctx.uow.write() as uow:
        s = uow.session
        bootstrap = roles <= _ADMIN and _bootstrap(s, actor, roles)
        if roles & _ADMIN and not bootstrap:
            if s.execute(select(User.id).where(User.username == fields["username"])).first():
                raise ValidationError({"username": Msg("用户名 {username} 已存在",
                                                       username=fields["username"])})  # fmt: skip
            accounts.check_org_unit(s, data.org_unit_id)
            request = dual.file_request(s, now, actor, dual.CREATE, None, fields)
            uow.commit()
            return request
        if not bootstrap:
            _check_business_grant(actor)
        user = accounts.new_account(s, fields, password_hash, now)
        detail: dict[str, Any] = {"roles": sorted(roles)}
        if bootstrap:
            detail["first_holder"] = True
            dual.note_held(s, roles, actor.user_id, now)
        else:
            detail["no_password"] = True
        record_audit(s, now, actor, "user_create", "user", user.id, detail)
        dual.assert_role_split(s, user.id)
        uow.commit()
        return _info(s, user), password


def _target(s: Session, user_id: int) -> tuple[User, set[str]]:
    user = s.get(User, user_id)
    if user is None:
        raise NotFound("用户不存在")
    return user, {r.role for r in user.roles}


@user_input
def reset_password(ctx: ServiceContext, actor: Actor, user_id: int) -> str | AdminRequestInfo:
    """A business account: the security administrator issues its first password (发放) or a
    new temporary one (重置) and unlocks it; the user must change it at next login. An
    administrator account: a request."""
    require(actor.roles, USER_ADMIN_ROLES, "重置密码")
    password = accounts.temporary_password()
    password_hash = hash_password(password)  # Argon2 before the write lock, not inside it
    now = ctx.now()
    with ctx.uow.write() as uow:
        s = uow.session
        user, roles = _target(s, user_id)
        if dual.is_admin_change(roles):
            request = dual.file_request(s, now, actor, dual.RESET, user, {})
            uow.commit()
            return request
        require(actor.roles, PASSWORD_RESET_ROLES, "发放或重置业务账号密码")
        first = user.password_hash is None
        remember_password(s, user, now)
        user.password_hash = password_hash
        user.must_change_password = True
        user.locked_until = None
        user.failed_logins = 0
        end_sessions(user)
        record_audit(s, now, actor, "password_reset", "user", user.id,
                     {"first": True} if first else None)  # fmt: skip
        uow.commit()
    return password


@user_input
def set_active(
    ctx: ServiceContext, actor: Actor, user_id: int, active: bool
) -> AdminRequestInfo | None:
    """Disable or re-enable a business account (system administrator); an administrator
    account's: a request."""
    require(actor.roles, USER_ADMIN_ROLES, "停用/启用账号")
    if user_id == actor.user_id and not active:
        raise PermissionDenied("不能停用自己的账号")
    now = ctx.now()
    with ctx.uow.write() as uow:
        s = uow.session
        user, roles = _target(s, user_id)
        if dual.is_admin_change(roles):
            request = dual.file_request(s, now, actor, dual.ACTIVE, user, {"active": active})
            uow.commit()
            return request
        require(actor.roles, ACCOUNT_ACTIVATION_ROLES, "停用/启用账号")
        user.active = active
        if not active:  # a re-enabled account's old sessions stay ended as they were
            end_sessions(user)
        record_audit(s, now, actor, "user_enable" if active else "user_disable",
                     "user", user.id)  # fmt: skip
        uow.commit()
    return None


@user_input
def set_roles(
    ctx: ServiceContext, actor: Actor, user_id: int, roles: tuple[str, ...]
) -> UserInfo | AdminRequestInfo:
    """Change an account's roles: business roles of a business account by the system
    administrator; anything touching an administrator role only by a request."""
    require(actor.roles, USER_ADMIN_ROLES, "变更角色")
    wanted = set(roles)
    errors: dict[str, str] = {}
    if not wanted:
        errors["roles"] = "请至少选择一个角色"
    elif wanted - set(Role._value2member_map_):
        errors["roles"] = Msg(
            "未知角色：{roles}", roles=tuple(sorted(wanted - set(Role._value2member_map_)))
        )
    elif conflict := admin_role_conflict(wanted):
        errors["roles"] = conflict
    if errors:
        raise ValidationError(errors)
    now = ctx.now()
    with ctx.uow.write() as uow:
        s = uow.session
        user, current = _target(s, user_id)
        if current == wanted:
            raise ValidationError({"roles": "角色没有变化"})
        if dual.is_admin_change(current, wanted):
            request = dual.file_request(s, now, actor, dual.ROLES, user,
                                        {"roles": sorted(wanted)})  # fmt: skip
            uow.commit()
            return request
        _check_business_grant(actor)
        user.roles = [UserRole(role=r) for r in sorted(wanted)]
        end_sessions(user)
        record_audit(s, now, actor, "user_roles", "user", user.id, {"roles": sorted(wanted)})
        dual.assert_role_split(s, user.id)
        uow.commit()
        return _info(s, user)


@dataclass(frozen=True)
class ProfileInput:
    """What 修改用户信息 changes: the name shown everywhere and the section (所属部门)."""

    display_name: str
    org_unit_id: int | None


@user_input
def update_user(
    ctx: ServiceContext, actor: Actor, user_id: int, data: ProfileInput
) -> UserInfo | AdminRequestInfo:
    """Change a business account's display name and section (the system administrator, at
    once); an administrator account's becomes a request (dual control). A section change ends
    the account's open sessions: what it may see follows its section."""
    require(actor.roles, USER_ADMIN_ROLES, "修改用户信息")
    name = data.display_name.strip()
    if not name or len(name) > 64:
        raise ValidationError({"display_name": "请填写姓名（最多 64 个字）"})
    now = ctx.now()
    with ctx.uow.write() as uow:
        s = uow.session
        user, roles = _target(s, user_id)
        if name == user.display_name and data.org_unit_id == user.org_unit_id:
            raise ValidationError({"display_name": "姓名和所属部门都没有变化"})
        if data.org_unit_id != user.org_unit_id:  # an account may stay in a unit stopped since
            accounts.check_org_unit(s, data.org_unit_id)
        fields = {"display_name": name, "org_unit_id": data.org_unit_id}
        if dual.is_admin_change(roles):
            request = dual.file_request(s, now, actor, dual.PROFILE, user, fields)
            uow.commit()
            return request
        _check_business_grant(actor)
        detail: dict[str, Any] = {}
        if name != user.display_name:
            detail["display_name"] = {"old": user.display_name, "new": name}
        if data.org_unit_id != user.org_unit_id:
            detail["org_unit"] = {"old": user.org_unit_id, "new": data.org_unit_id}
            end_sessions(user)
        user.display_name, user.org_unit_id = name, data.org_unit_id
        record_audit(s, now, actor, "user_update", "user", user.id, detail)
        s.flush()
        info = _info(s, user)
        uow.commit()
        return info


@user_input
def reset_second_factor(ctx: ServiceContext, actor: Actor, user_id: int) -> AdminRequestInfo | None:
    """The security administrator unbinds a business user's lost authenticator at once (None;
    the user binds a new one). An administrator's becomes a request (returned) that a second
    administrator of another role confirms: one administrator alone could hand the account to
    whoever resets it and knows or resets its password. Nobody resets their own: they unbind it
    with a code or a recovery code (系统 → 双因素认证)."""
    require(actor.roles, SECOND_FACTOR_RESET_ROLES, "重置双因素认证")
    now = ctx.now()
    with ctx.uow.write() as uow:
        s = uow.session
        user, roles = _target(s, user_id)
        if user.id == actor.user_id:
            raise PermissionDenied(
                "不能重置自己的动态验证码：请在“系统 → 双因素认证”中用验证码或恢复码停用后重新绑定"
            )
        if dual.is_admin_change(roles):
            if not user.totp_enabled:
                raise ConflictError("该管理员尚未绑定动态验证码，无需重置")
            request = dual.file_request(s, now, actor, dual.FACTOR, user, {})
            uow.commit()
            return request
        had = bool(user.totp_enabled)
        clear_second_factor(s, user)
        record_audit(s, now, actor, "totp_reset", "user", user.id, {"had": had})
        uow.commit()
    return None
