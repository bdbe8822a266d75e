"""Who may do what: role checks used by the services (the GUI asks the same questions)."""

from __future__ import annotations

from collections.abc import Iterable

from hotline_desk.domain.enums import ADMIN_ROLES, Role
from hotline_desk.domain.errors import Msg, PermissionDenied, msg

CASE_ROLES = frozenset({Role.INTAKE, Role.DESK, Role.HANDLER, Role.SECTION_HEAD, Role.LEADER})
REGISTER_ROLES = frozenset({Role.INTAKE, Role.DESK})
SEE_ALL_CASES_ROLES = frozenset({Role.INTAKE, Role.DESK, Role.LEADER})
SECTION_STAFF_ROLES = frozenset({Role.HANDLER, Role.SECTION_HEAD})
"""Who works cases in a section (or 直属单位): they see and act on their unit's cases only."""
PERSONAL_DATA_ROLES = frozenset({Role.INTAKE, Role.DESK})
BOARD_ROLES = frozenset({Role.DESK, Role.LEADER})
STATS_ROLES = frozenset({Role.DESK, Role.LEADER, Role.SYS_ADMIN})
"""Who reads the statistics (the admin: to unfreeze a month)."""
"""Who sees the supervision board (督办台)."""


def has_any(roles: Iterable[str], wanted: frozenset[Role]) -> bool:
    return any(r in wanted for r in roles)


def require(roles: Iterable[str], wanted: frozenset[Role], action: str) -> None:
    if not has_any(roles, wanted):
        roles = tuple(sorted(wanted, key=lambda r: r.label))
        raise PermissionDenied(
            "您没有“{action}”的权限(需要:{roles})", action=msg(action), roles=roles
        )


def admin_role_conflict(roles: Iterable[str]) -> str | None:
    """三员分立: no one holds two of the three admin roles; returns the message if broken."""
    held = [r for r in roles if r in ADMIN_ROLES]
    if len(held) > 1:
        return Msg("系统管理员、安全管理员、审计管理员三个角色不能由同一账号兼任(三员分立)")
    return None
