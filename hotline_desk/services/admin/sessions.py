"""Sessions that end: a service call re-checks its actor's account in one primary-key read,
and the account changes that must end other sessions (disable, password reset, role change)
raise its ``session_epoch``.

``check_session`` is what ``services.boundary`` runs before every service that takes an actor:
the account must still exist and be active, its epoch and roles must be those of the login,
an account that must change its password may do only that, and an administrator who must enrol
a second factor (the office setting ``admin_second_factor`` on, no TOTP bound yet) may only
enrol it (``second_factor``'s enrolment services) or change its password — the login already
says so, and now every other service refuses too.
"""

from __future__ import annotations

import json

from sqlalchemy import bindparam, select

from hotline_desk.domain.enums.org import ADMIN_ROLES
from hotline_desk.domain.errors import Msg, SessionEnded
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.store.compiled import cached_page
from hotline_desk.store.models import User, UserRole
from hotline_desk.store.models.office import OfficeSetting

_FACTOR_SETTING = (
    select(OfficeSetting.value)
    .where(OfficeSetting.key == "admin_second_factor")  # services.admin.office.ADMIN_SECOND_FACTOR
    .scalar_subquery()
)
_ACCOUNT = (
    select(
        User.active,
        User.session_epoch,
        User.must_change_password,
        UserRole.role,
        User.totp_enabled,
        _FACTOR_SETTING,
    )  # fmt: skip
    .outerjoin(UserRole, UserRole.user_id == User.id)
    .where(User.id == bindparam("user_id"))
)
"""Built once: the check runs before every service call, and building it is half its cost
(on SQLite also compiled once: ``store/compiled.py``)."""
_ACCOUNT_KEY = ("session check",)
MUST_CHANGE = Msg("请先修改密码")
MUST_ENROL = Msg("请先绑定动态验证码")
_ADMIN = frozenset(r.value for r in ADMIN_ROLES)


def _ended(why: Msg) -> Msg:
    return Msg("{why}，请重新登录", why=why)


def end_sessions(user: User) -> None:
    """End every session of ``user`` opened before now, at its next action (call inside the
    write transaction that disables the account, resets its password or changes its roles)."""
    user.session_epoch = (user.session_epoch or 0) + 1


def _must_enrol(roles: frozenset[str], totp_enabled: bool | None, setting: str | None) -> bool:
    return bool(roles & _ADMIN) and not totp_enabled and bool(setting and json.loads(setting))


def check_session(
    ctx: ServiceContext, actor: Actor, changing_password: bool = False, enrolling: bool = False
) -> None:
    """Raise ``SessionEnded`` naming why when ``actor``'s session may no longer act; one query
    (the user's row, left-joined with its roles, by primary key, with the office's second-factor
    setting as a scalar subquery). ``changing_password``: the password change and the idle
    lock's unlock; ``enrolling``: the second factor's enrolment (both pass the enrolment
    check). Every call reads the row: nothing is kept between calls, so a disable, a reset or a
    role change made at another desk ends this session at its very next action."""
    engine = ctx.engines.reader
    if engine.dialect.name == "sqlite":  # compiled once, no BEGIN around the one SELECT
        account = cached_page(engine, _ACCOUNT_KEY, lambda: _ACCOUNT)
        rows = account.fetch(engine, {"user_id": actor.user_id})
    else:
        with engine.connect() as conn:
            rows = list(conn.execute(_ACCOUNT, {"user_id": actor.user_id}).all())
    if not rows:
        raise SessionEnded(_ended(Msg("账号已不存在")))
    active, epoch, must_change = rows[0][0], rows[0][1], rows[0][2]
    roles = frozenset(r[3] for r in rows if r[3] is not None)
    if not active:
        raise SessionEnded(_ended(Msg("账号已停用")))
    if roles != actor.roles:
        raise SessionEnded(_ended(Msg("角色已变更")))
    if (epoch or 0) != actor.session_epoch:  # a reset leaves the temporary password to change
        raise SessionEnded(
            _ended(Msg("密码已被重置") if must_change else Msg("账号已被管理员变更"))
        )
    if must_change and not changing_password:
        raise SessionEnded(MUST_CHANGE)
    if not (changing_password or enrolling) and _must_enrol(roles, rows[0][4], rows[0][5]):
        raise SessionEnded(MUST_ENROL)
