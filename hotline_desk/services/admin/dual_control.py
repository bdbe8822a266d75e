"""Dual control of administrator accounts (三员分立 that holds indirectly).

No administrator alone creates, resets the password or the second factor of, disables/enables
or re-roles an administrator account: the call files an ``AdminRequest`` (audited
``admin_request``) and a second administrator confirms it — then the change happens in that
transaction, audited ``admin_request_confirmed`` with both ids — or refuses it. Who may decide is
``permissions.decision_refusal``: not the requester, not the account concerned, and of an
administrator role other than the requester's and the account's (so no one decides about their
own side or their own role's peers). A request not decided within ``REQUEST_DAYS`` expires.

The temporary password of a confirmed reset (or of a confirmed new account) is returned once to
the *confirmer*, for handing over in person, and never to the requester: the one who chose the
account never learns its password, and the one who learns it did not choose the account. It
must be changed at first login, and the account's other sessions end (``session_epoch``).

The one exception is setting up a new desk: the system administrator appoints the first holder
of an administrator role alone, but only while the role was never held by anyone (kept in an
internal office setting and read from the accounts, disabled ones included) — disabling every
audit administrator does not make the role "unfilled" again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotline_desk.domain.enums.org import ADMIN_ROLES
from hotline_desk.domain.errors import Msg, NotFound, PermissionDenied, ValidationError
from hotline_desk.domain.permissions import (
    ADMIN_DECISION_ROLES,
    admin_role_conflict,
    admin_roles_in,
    decision_refusal,
    require,
)
from hotline_desk.services.admin import accounts, office
from hotline_desk.services.admin.auth import hash_password
from hotline_desk.services.admin.password_rules import remember_password
from hotline_desk.services.admin.second_factor import clear_second_factor
from hotline_desk.services.admin.sessions import end_sessions
from hotline_desk.services.audit import record_audit
from hotline_desk.services.boundary import signed_in, user_input
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.store.models import AdminRequest, User, UserRole
from hotline_desk.store.models.office import OfficeSetting

REQUEST_DAYS = 3
"""A pending request expires after this many days."""
CREATE, RESET, ACTIVE, ROLES = "create_user", "reset_password", "set_active", "set_roles"
FACTOR = "second_factor"
"""Unbind an administrator's authenticator (``users.reset_second_factor`` files it)."""
PROFILE = "set_profile"
"""Change an administrator's display name or section (``users.update_user`` files it)."""
KINDS = (CREATE, RESET, ACTIVE, ROLES, FACTOR, PROFILE)
ADMIN_ROLES_HELD = office.OfficeKey("admin_roles_held", list, [], "曾设立的管理员角色（内部）")
"""The administrator roles ever held on this desk (internal, not in ``OFFICE_SETTINGS``)."""
_ADMIN = frozenset(r.value for r in ADMIN_ROLES)


@dataclass(frozen=True)
class AdminRequestInfo:
    id: int
    kind: str
    target_user_id: int | None
    target_username: str
    target_display_name: str
    payload: dict[str, Any]
    status: str
    """pending, confirmed, refused, withdrawn or expired (an expired one may still read
    pending in the table until someone acts on it)."""
    requested_by: int
    requested_by_name: str
    requested_at: datetime
    decided_by_name: str
    decided_at: datetime | None
    note: str
    can_decide: bool
    """Whether the viewer may confirm or refuse it now."""
    why_not: str
    """Why the viewer may not decide it (Chinese), '' when they may or it is not pending."""


@dataclass(frozen=True)
class Decision:
    request: AdminRequestInfo
    user_id: int | None
    temporary_password: str | None
    """For a confirmed reset, new account or first administrator role of an account: shown
    once to the confirmer, to hand over."""


def is_admin_change(target_roles: set[str], new_roles: set[str] | None = None) -> bool:
    return bool((target_roles | (new_roles or set())) & _ADMIN)


def ever_held(s: Session, lock: bool = False) -> set[str]:
    """Administrator roles ever held: the internal setting plus every account's roles."""
    query = select(OfficeSetting.value).where(OfficeSetting.key == ADMIN_ROLES_HELD.key)
    raw = s.execute(query.with_for_update() if lock else query).scalar()
    noted = set(json.loads(raw)) if raw else set()
    held = set(s.scalars(select(UserRole.role).where(UserRole.role.in_(sorted(_ADMIN)))))
    return (noted | held) & _ADMIN


def note_held(s: Session, roles: set[str], actor_id: int | None, now: datetime) -> None:
    admin = roles & _ADMIN
    if admin:
        office.write(s, ADMIN_ROLES_HELD, sorted(ever_held(s) | admin), actor_id, now)


def assert_role_split(s: Session, user_id: int) -> None:
    """The check on what the database now holds for the account, inside the transaction: an
    administrator role alone (a concurrent grant cannot slip a second role past the form)."""
    s.flush()
    roles = list(s.scalars(select(UserRole.role).where(UserRole.user_id == user_id)))
    conflict = admin_role_conflict(roles)
    if conflict:
        raise ValidationError({"roles": conflict})


def file_request(
    s: Session, now: datetime, actor: Actor, kind: str, target: User | None,
    payload: dict[str, Any],
) -> AdminRequestInfo:  # fmt: skip
    """Record a request about an administrator account (inside the caller's transaction)."""
    if target is not None and target.id == actor.user_id:
        raise PermissionDenied("不能对自己的账号提出管理员变更请求（改自己的密码请用“修改密码”）")
    pending = select(AdminRequest).where(AdminRequest.status == "pending",
                                         AdminRequest.kind == kind)  # fmt: skip
    for other in s.scalars(pending):
        same = (other.target_user_id == target.id) if target is not None else (
            json.loads(other.payload).get("username") == payload.get("username"))  # fmt: skip
        if same and other.requested_at > now - timedelta(days=REQUEST_DAYS):
            raise ValidationError({"request": Msg("已有同一事项的待确认请求（编号 {id}）",
                                                  id=other.id)})  # fmt: skip
    request = AdminRequest(
        kind=kind, target_user_id=target.id if target is not None else None,
        payload=json.dumps(payload, ensure_ascii=False, sort_keys=True), status="pending",
        requested_by=actor.user_id, requested_at=now, note="",
    )  # fmt: skip
    s.add(request)
    s.flush()
    record_audit(s, now, actor, "admin_request", "admin_request", request.id,
                 {"kind": kind, "target": request.target_user_id, **payload})  # fmt: skip
    return _info(s, request, actor, now)


def _roles_of(s: Session, user_id: int | None) -> set[str]:
    if user_id is None:
        return set()
    return set(s.scalars(select(UserRole.role).where(UserRole.user_id == user_id)))


def _active_roles_of(s: Session, user_id: int) -> set[str]:
    user = s.get(User, user_id)
    return _roles_of(s, user_id) if user is not None and user.active else set()


def _expired(request: AdminRequest, now: datetime) -> bool:
    return request.requested_at <= now - timedelta(days=REQUEST_DAYS)


def _refusal(s: Session, request: AdminRequest, decider_id: int, now: datetime) -> str | None:
    if request.status != "pending":
        return Msg("该请求已处理，不能再确认或拒绝")
    if _expired(request, now):
        return Msg("该请求已超过{days}天未处理，已过期；如仍需要，请重新提出", days=REQUEST_DAYS)
    payload = json.loads(request.payload)
    target_roles = _roles_of(s, request.target_user_id) | set(payload.get("roles", []))
    requester_roles = _active_roles_of(s, request.requested_by)
    if not admin_roles_in(requester_roles):
        return Msg("请求人已停用或已不是管理员，该请求不能再确认")
    return decision_refusal(
        decider_id, _active_roles_of(s, decider_id), request.requested_by, requester_roles,
        request.target_user_id, target_roles,
    )  # fmt: skip


def _name(s: Session, user_id: int | None) -> tuple[str, str]:
    user = s.get(User, user_id) if user_id is not None else None
    return (user.username, user.display_name) if user is not None else ("", "")


def _info(s: Session, r: AdminRequest, viewer: Actor, now: datetime) -> AdminRequestInfo:
    payload = json.loads(r.payload)
    status = "expired" if r.status == "pending" and _expired(r, now) else r.status
    why = _refusal(s, r, viewer.user_id, now) if r.status == "pending" else None
    target = _name(s, r.target_user_id) if r.target_user_id is not None else (
        payload.get("username", ""), payload.get("display_name", ""))  # fmt: skip
    return AdminRequestInfo(
        id=r.id, kind=r.kind, target_user_id=r.target_user_id, target_username=target[0],
        target_display_name=target[1], payload=payload, status=status,
        requested_by=r.requested_by, requested_by_name=_name(s, r.requested_by)[1],
        requested_at=r.requested_at, decided_by_name=_name(s, r.decided_by)[1],
        decided_at=r.decided_at, note=r.note or "",
        can_decide=r.status == "pending" and why is None, why_not=str(why or ""),
    )  # fmt: skip


LIST_DAYS = 30
"""The list shows pending requests and those filed in the last ``LIST_DAYS`` days."""


@signed_in
def list_requests(ctx: ServiceContext, actor: Actor) -> list[AdminRequestInfo]:
    """Pending requests and those filed in the last ``LIST_DAYS`` days, newest first."""
    days = LIST_DAYS
    require(actor.roles, ADMIN_DECISION_ROLES, "查看管理员变更请求")
    now = ctx.now()
    with ctx.uow.read() as uow:
        s = uow.session
        rows = s.scalars(
            select(AdminRequest)
            .where((AdminRequest.status == "pending")
                   | (AdminRequest.requested_at >= now - timedelta(days=days)))
            .order_by(AdminRequest.id.desc()).limit(200)
        )  # fmt: skip
        return [_info(s, r, actor, now) for r in rows]


def _load(s: Session, request_id: int, lock: bool = True) -> AdminRequest:
    query = select(AdminRequest).where(AdminRequest.id == request_id)
    request = s.execute(query.with_for_update() if lock else query).scalar_one_or_none()
    if request is None:
        raise NotFound("请求不存在")
    return request


def _request_kind(ctx: ServiceContext, request_id: int) -> str:
    with ctx.uow.read() as uow:
        return _load(uow.session, request_id, lock=False).kind


def _decide(s: Session, actor: Actor, request: AdminRequest, now: datetime) -> None:
    refusal = _refusal(s, request, actor.user_id, now)
    if refusal is not None:
        raise PermissionDenied(refusal)


def _new_password(s: Session, user: User, password_hash: str | None, now: datetime) -> None:
    remember_password(s, user, now)
    user.password_hash = password_hash
    user.must_change_password = True
    user.locked_until, user.failed_logins = None, 0


def _apply(s: Session, actor: Actor, request: AdminRequest, password_hash: str | None,
           now: datetime) -> tuple[int, bool]:  # fmt: skip
    """Carry out a confirmed request; returns the account's id and whether it got the new
    temporary password. An existing account that gains an administrator role gets one too:
    whoever knew its password before (the system administrator who created the clerk, the
    security administrator who reset it) must not hold the new administrator account."""
    payload = json.loads(request.payload)
    detail = {"request": request.id}
    if request.kind == CREATE:
        user = accounts.new_account(s, payload, password_hash or "", now)
        record_audit(s, now, actor, "user_create", "user", user.id,
                     {**detail, "roles": sorted(payload["roles"])})  # fmt: skip
        note_held(s, set(payload["roles"]), actor.user_id, now)
        assert_role_split(s, user.id)
        return user.id, True
    user = s.get(User, request.target_user_id)
    if user is None:
        raise NotFound("用户不存在")
    renewed = request.kind == RESET
    if request.kind == RESET:
        _new_password(s, user, password_hash, now)
        record_audit(s, now, actor, "password_reset", "user", user.id, detail)
    elif request.kind == ACTIVE:
        user.active = bool(payload["active"])
        record_audit(s, now, actor, "user_enable" if user.active else "user_disable", "user",
                     user.id, detail)  # fmt: skip
    elif request.kind == ROLES:
        roles = sorted(set(payload["roles"]))
        conflict = admin_role_conflict(roles)
        if conflict:
            raise ValidationError({"roles": conflict})
        renewed = bool(set(roles) & _ADMIN - {r.role for r in user.roles})
        user.roles = [UserRole(role=r) for r in roles]
        note_held(s, set(roles), actor.user_id, now)
        if renewed:
            _new_password(s, user, password_hash, now)
        record_audit(s, now, actor, "user_roles", "user", user.id,
                     {**detail, "roles": roles, "password_renewed": renewed})  # fmt: skip
    elif request.kind == PROFILE:
        accounts.check_org_unit(s, payload.get("org_unit_id"))
        user.display_name, user.org_unit_id = payload["display_name"], payload.get("org_unit_id")
        record_audit(s, now, actor, "user_update", "user", user.id, {**detail, **payload})
    elif request.kind == FACTOR:
        had = bool(user.totp_enabled)
        clear_second_factor(s, user)
        record_audit(s, now, actor, "totp_reset", "user", user.id, {
            **detail, "had": had, "requested_by": request.requested_by,
            "confirmed_by": actor.user_id,
        })  # fmt: skip
    end_sessions(user)
    assert_role_split(s, user.id)
    return user.id, renewed


@user_input
def confirm_request(ctx: ServiceContext, actor: Actor, request_id: int) -> Decision:
    """The second administrator's confirmation: the change happens now, in this transaction."""
    require(actor.roles, ADMIN_DECISION_ROLES, "确认管理员变更请求")

    kind = _request_kind(ctx, request_id)
    password = accounts.temporary_password() if kind in (CREATE, RESET, ROLES) else None
    password_hash = hash_password(password) if password else None  # Argon2 before the lock
    now = ctx.now()
    with ctx.uow.write() as uow:
        s = uow.session
        request = _load(s, request_id)
        _expire_if_due(uow, actor, request, now)
        _decide(s, actor, request, now)
        user_id, renewed = _apply(s, actor, request, password_hash, now)
        if request.kind == CREATE:
            request.target_user_id = user_id
        request.status, request.decided_by, request.decided_at = "confirmed", actor.user_id, now
        record_audit(s, now, actor, "admin_request_confirmed", "admin_request", request.id, {
            "kind": request.kind, "target": user_id, "requested_by": request.requested_by,
            "confirmed_by": actor.user_id,
        })  # fmt: skip
        uow.commit()
        return Decision(_info(s, request, actor, now), user_id, password if renewed else None)


def _expire_if_due(uow: Any, actor: Actor, request: AdminRequest, now: datetime) -> None:
    """An overdue request is closed as expired (committed, audited) and the act refused."""
    if request.status == "pending" and _expired(request, now):
        _close(uow.session, actor, request, "expired", now)
        uow.commit()
        raise PermissionDenied(
            "该请求已超过{days}天未处理，已过期；如仍需要，请重新提出", days=REQUEST_DAYS
        )


def _close(s: Session, actor: Actor, request: AdminRequest, status: str, now: datetime,
           note: str = "") -> None:  # fmt: skip
    request.status, request.decided_by, request.decided_at = status, actor.user_id, now
    request.note = note
    record_audit(s, now, actor, f"admin_request_{status}", "admin_request", request.id, {
        "kind": request.kind, "target": request.target_user_id,
        "requested_by": request.requested_by, "decided_by": actor.user_id,
    })  # fmt: skip


@user_input
def refuse_request(ctx: ServiceContext, actor: Actor, request_id: int, note: str = "") -> None:
    """The second administrator says no (with a reason for the requester)."""
    require(actor.roles, ADMIN_DECISION_ROLES, "拒绝管理员变更请求")
    now = ctx.now()
    with ctx.uow.write() as uow:
        s = uow.session
        request = _load(s, request_id)
        _expire_if_due(uow, actor, request, now)
        _decide(s, actor, request, now)
        _close(s, actor, request, "refused", now, note.strip()[:500])
        uow.commit()


@user_input
def withdraw_request(ctx: ServiceContext, actor: Actor, request_id: int) -> None:
    """The requester takes a pending request back."""
    now = ctx.now()
    with ctx.uow.write() as uow:
        s = uow.session
        request = _load(s, request_id)
        if request.requested_by != actor.user_id:
            raise PermissionDenied("只有请求人本人可以撤回请求")
        if request.status != "pending":
            raise PermissionDenied("该请求已处理，不能撤回")
        _close(s, actor, request, "withdrawn", now)
        uow.commit()
