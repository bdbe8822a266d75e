"""Sessions that end: a service call re-checks its actor's account in one primary-key read,
and the account changes that must end other sessions (disable, password reset, role change)
raise its ``session_epoch``.

``check_session`` is what ``services.boundary`` runs before every service that takes an actor:
the account must still exist and be active, its epoch and roles must be those of the login,
and an account that must change its password may do only that.
"""

from __future__ import annotations

from sqlalchemy import bindparam, select

from hotline_desk.domain.errors import Msg, SessionEnded
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.store.models import User, UserRole

_ACCOUNT = (
    select(User.active, User.session_epoch, User.must_change_password, UserRole.role)
    .outerjoin(UserRole, UserRole.user_id == User.id)
    .where(User.id == bindparam("user_id"))
)
"""Built once: the check runs before every service call, and building it is half its cost."""
MUST_CHANGE = Msg("请先修改密码")


def _ended(why: Msg) -> Msg:
    return Msg("{why},请重新登录", why=why)


def end_sessions(user: User) -> None:
    """End every session of ``user`` opened before now, at its next action (call inside the
    write transaction that disables the account, resets its password or changes its roles)."""
    user.session_epoch = (user.session_epoch or 0) + 1


def check_session(ctx: ServiceContext, actor: Actor, changing_password: bool = False) -> None:
    """Raise ``SessionEnded`` naming why when ``actor``'s session may no longer act; one query
    (the user's row, left-joined with its roles, by primary key)."""
    with ctx.engines.reader.connect() as conn:
        rows = conn.execute(_ACCOUNT, {"user_id": actor.user_id}).all()
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
