"""Who may do what: role checks used by the services (the GUI asks the same questions)."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

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
"""Who reads the statistics (the admin: to unfreeze a month); the board (督办台): BOARD_ROLES."""
DISCLOSURE_ROLES = frozenset({Role.DESK})
"""Who exports the 政务公开 list."""
USER_ADMIN_ROLES = frozenset({Role.SYS_ADMIN, Role.SEC_ADMIN})
ACCOUNT_ACTIVATION_ROLES = frozenset({Role.SYS_ADMIN})
"""Who disables and re-enables accounts."""
SECOND_FACTOR_RESET_ROLES = frozenset({Role.SEC_ADMIN})
"""Who unbinds a business user's lost authenticator (an administrator's: dual control)."""
CALENDAR_NOTICE_ROLES = frozenset({Role.DESK, Role.SYS_ADMIN})
"""Who is told that a year's holidays are not entered yet (the desk sees wrong deadlines, the
admin enters them)."""


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


class Page(StrEnum):
    """The main window's pages, in navigation order."""

    INBOX = "inbox"
    CASES = "cases"
    REGISTER = "register"
    BOARD = "board"
    CALLBACKS = "callbacks"
    STATS = "stats"
    TEMPLATES = "templates"
    OFFICE = "office"
    CALENDAR = "calendar"
    LIMITS = "limits"
    BACKUP = "backup"
    USERS = "users"
    AUDIT = "audit"


_ADMIN_PAGE = frozenset({Role.SYS_ADMIN})
PAGE_ROLES: dict[Page, frozenset[Role]] = {
    Page.INBOX: CASE_ROLES,  # and only with a queue of one's own
    Page.CASES: CASE_ROLES,
    Page.REGISTER: REGISTER_ROLES,
    Page.BOARD: BOARD_ROLES,
    Page.CALLBACKS: frozenset({Role.DESK}),
    Page.STATS: STATS_ROLES,
    Page.TEMPLATES: _ADMIN_PAGE,
    Page.OFFICE: frozenset({Role.SYS_ADMIN, Role.SEC_ADMIN}),  # each sees the keys it owns
    Page.CALENDAR: _ADMIN_PAGE,
    Page.LIMITS: _ADMIN_PAGE,
    Page.BACKUP: _ADMIN_PAGE,
    Page.USERS: frozenset({Role.SYS_ADMIN, Role.SEC_ADMIN}),
    Page.AUDIT: frozenset({Role.AUDIT_ADMIN}),
}


def pages_for(roles: Iterable[str]) -> list[Page]:
    """The pages a user with ``roles`` sees, in order; an administrator without case roles
    finds 统计 (to unfreeze a month) after the administration pages."""
    held = set(roles)
    pages = [p for p in Page if has_any(held, PAGE_ROLES[p])]
    if Page.STATS in pages and not has_any(held, CASE_ROLES):
        pages.remove(Page.STATS)
        pages.append(Page.STATS)
    return pages
