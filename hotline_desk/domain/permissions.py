"""Who may do what: role checks used by the services (the GUI asks the same questions)."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from hotline_desk.domain.enums.org import ADMIN_ROLES, Role
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
"""Who sees the accounts and asks for changes to administrator accounts (dual control)."""
ACCOUNT_ACTIVATION_ROLES = frozenset({Role.SYS_ADMIN})
"""Who disables and re-enables business accounts (an administrator's: dual control)."""
BUSINESS_ACCOUNT_ROLES = frozenset({Role.SYS_ADMIN})
"""Who creates business accounts and changes their (business) roles."""
ORG_ADMIN_ROLES = frozenset({Role.SYS_ADMIN})
"""Who keeps the 组织机构 tree and the 派单目录 (DESIGN.md: org structure, catalogues)."""
PASSWORD_RESET_ROLES = frozenset({Role.SEC_ADMIN})
"""Who resets (and so unlocks) a business account's password and reads the temporary one: not
the system administrator, who would then log in as a clerk and read personal data."""
ADMIN_DECISION_ROLES = ADMIN_ROLES
"""Who may confirm or refuse another administrator's request (see ``decision_refusal``)."""
SECOND_FACTOR_RESET_ROLES = frozenset({Role.SEC_ADMIN})
"""Who unbinds a business user's lost authenticator (an administrator's: dual control)."""
CALENDAR_NOTICE_ROLES = frozenset({Role.DESK, Role.SYS_ADMIN})
"""Who is told that a year's holidays are not entered yet (the desk sees wrong deadlines, the
admin enters them)."""
LETTER_TEMPLATE_ROLES = frozenset({Role.SYS_ADMIN})
"""Who exports, loads and resets the 答复函's Word template (单位设置)."""


def has_any(roles: Iterable[str], wanted: frozenset[Role]) -> bool:
    return any(r in wanted for r in roles)


def require(roles: Iterable[str], wanted: frozenset[Role], action: str) -> None:
    if not has_any(roles, wanted):
        roles = tuple(sorted(wanted, key=lambda r: r.label))
        raise PermissionDenied(
            "您没有“{action}”的权限（需要：{roles}）", action=msg(action), roles=roles
        )


def admin_role_conflict(roles: Iterable[str]) -> str | None:
    """三员分立: an administrator role is held alone — never two of them, never one with a
    business role; returns the message if broken."""
    held = set(roles)
    admin = held & {r.value for r in ADMIN_ROLES}
    if len(admin) > 1:
        return Msg("系统管理员、安全管理员、审计管理员三个角色不能由同一账号兼任（三员分立）")
    if admin and held - admin:
        return Msg("管理员角色不能与业务角色兼任（三员分立），请为业务工作另建账号")
    return None


def admin_roles_in(roles: Iterable[str]) -> set[str]:
    return {str(r) for r in roles if r in ADMIN_ROLES}


def decision_refusal(
    decider_id: int, decider_roles: Iterable[str],
    requester_id: int, requester_roles: Iterable[str],
    target_id: int | None, target_roles: Iterable[str],
) -> str | None:  # fmt: skip
    """Dual control: who may confirm or refuse a request about an administrator account.

    The decider is an administrator who is neither the requester nor the account concerned and
    holds an administrator role other than the requester's (no one confirms their own side's
    request) and other than every administrator role the account has or is to get (no one
    decides about their own role's peers, who would then be under their control). So with the
    three roles, a request by the security administrator about a system administrator is
    decided by the audit administrator, and so on; returns the refusal, or None."""
    mine = admin_roles_in(decider_roles)
    if not mine:
        return Msg("只有管理员可以确认或拒绝管理员账号的变更请求")
    if decider_id == requester_id:
        return Msg("不能确认或拒绝自己提出的请求，须由另一名管理员办理（双人控制）")
    if target_id is not None and decider_id == target_id:
        return Msg("请求涉及您本人的账号，须由另一名管理员确认")
    if mine & admin_roles_in(requester_roles):
        return Msg("请求人与您同为该类管理员，须由其他类别的管理员确认（三员分立）")
    if mine & admin_roles_in(target_roles):
        return Msg("请求涉及与您同类的管理员账号，须由其他类别的管理员确认（三员分立）")
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
    ORG = "org"
    TOPICS = "topics"
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
    Page.ORG: ORG_ADMIN_ROLES,
    Page.TOPICS: ORG_ADMIN_ROLES,
    Page.CALENDAR: _ADMIN_PAGE,
    Page.LIMITS: _ADMIN_PAGE,
    Page.BACKUP: _ADMIN_PAGE,
    Page.USERS: frozenset({Role.SYS_ADMIN, Role.SEC_ADMIN, Role.AUDIT_ADMIN}),
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
