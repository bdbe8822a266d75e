"""The office of the concurrency suite and the cases its races start from.

``Cast``: two users for every role that acts on a case (two desks, two handlers and two heads
of the lead section 产业发展科, two handlers of the assisting 财务科, two leaders), so the two
sides of a race are always different people. ``SETTINGS``: one recipe per starting point — a
lifecycle state plus the overlays some actions need (a pending extension, an unread urge, an
open or answered order, the callback's outcome) — each built once through the services as a
user would, as the prototype the race cases are cloned from (``clone.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select

from hotline_desk.domain.enums.org import Role
from hotline_desk.services.admin import office
from hotline_desk.services.callbacks import closing
from hotline_desk.services.callbacks.dto import CallbackInput
from hotline_desk.services.cases import registration
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseDetail
from hotline_desk.services.lifecycle import handling, replies, routing
from hotline_desk.services.lifecycle.dto import RouteInput
from hotline_desk.services.supervision import extensions, supervise
from hotline_desk.store.models import OrgUnit
from tests.conftest import add_user
from tests.factories import case_input

CAST_ROLES: dict[str, tuple[tuple[str, ...], str]] = {
    "desk": ((Role.DESK.value, Role.INTAKE.value), "BGS"),
    "handler": ((Role.HANDLER.value,), "CYFZ"),
    "head": ((Role.SECTION_HEAD.value,), "CYFZ"),
    "assist": ((Role.HANDLER.value,), "CWK"),
    "leader": ((Role.LEADER.value,), "BGS"),
}
NAMES = {"desk": "督办", "handler": "经办", "head": "科长", "assist": "协办", "leader": "局长"}


@dataclass
class Cast:
    ctx: ServiceContext
    people: dict[str, tuple[Actor, Actor]] = field(default_factory=dict)
    units: dict[str, int] = field(default_factory=dict)

    @property
    def everyone(self) -> list[tuple[str, Actor]]:
        return [(role, a) for role, pair in self.people.items() for a in pair]

    def first(self, role: str) -> Actor:
        return self.people[role][0]


def make_cast(ctx: ServiceContext) -> Cast:
    cast = Cast(ctx)
    with ctx.uow.read() as uow:
        rows = uow.session.execute(select(OrgUnit.code, OrgUnit.id)).all()
        cast.units = {code: uid for code, uid in rows}
    for key, (roles, unit) in CAST_ROLES.items():
        cast.people[key] = tuple(  # type: ignore[assignment]
            add_user(ctx, *roles, unit=unit, display_name=f"{NAMES[key]}{'甲乙'[i]}")
            for i in range(2)
        )
    admin = add_user(ctx, Role.SYS_ADMIN.value, display_name="管理员")
    # one unanswered day is enough to close as 联系不上 (the setting's minimum)
    office.save_setting(ctx, admin, office.CALLBACK_MAX_ATTEMPTS.key, 1)
    return cast


# --- the starting points ----------------------------------------------------------------------


def registered(c: Cast, **overrides: object) -> CaseDetail:
    return registration.register_case(c.ctx, c.first("desk"), case_input(c.ctx, **overrides))


def dispatched(c: Cast, **overrides: object) -> CaseDetail:
    d = registered(c, **overrides)
    route = RouteInput(tier=2, lead_unit_id=c.units["CYFZ"], assist_unit_ids=(c.units["CWK"],))
    return routing.route_case(c.ctx, c.first("desk"), d.id, d.version, route)


def in_progress(c: Cast, **overrides: object) -> CaseDetail:
    d = dispatched(c, **overrides)
    return handling.sign_case(c.ctx, c.first("handler"), d.id, d.version)


def awaiting(c: Cast) -> CaseDetail:
    d = in_progress(c)
    return replies.submit_reply(c.ctx, c.first("handler"), d.id, d.version, "答复稿")


def approved(c: Cast) -> CaseDetail:
    d = awaiting(c)
    return replies.approve_reply(c.ctx, c.first("head"), d.id, d.version)


def return_requested(c: Cast) -> CaseDetail:
    d = in_progress(c)
    return handling.request_return(c.ctx, c.first("handler"), d.id, d.version, "not_our_duty",
                                   "属中小企业科职责")  # fmt: skip


def replied(c: Cast, **overrides: object) -> CaseDetail:
    d = in_progress(c, **overrides)
    d = replies.submit_reply(c.ctx, c.first("handler"), d.id, d.version, "答复稿")
    d = replies.approve_reply(c.ctx, c.first("head"), d.id, d.version)
    at = c.ctx.now() - timedelta(minutes=2)
    return replies.record_reply(c.ctx, c.first("desk"), d.id, d.version, "phone", at, "张先生")


def _called(c: Cast, outcome: str, satisfaction: str | None = None) -> CaseDetail:
    d = replied(c)
    at = c.ctx.now() - timedelta(minutes=1)
    reached = satisfaction is not None
    words = "政策落实不到位" if satisfaction == "unsatisfied" else ""
    data = CallbackInput(outcome, at, satisfaction, True if reached else None, words)
    return closing.record_callback(c.ctx, c.first("desk"), d.id, d.version, data)


def closed(c: Cast) -> CaseDetail:
    d = _called(c, "reached", "satisfied")
    return closing.close_case(c.ctx, c.first("desk"), d.id, d.version)


def with_pending_extension(c: Cast) -> CaseDetail:
    d = in_progress(c)
    return extensions.request_extension(c.ctx, c.first("handler"), d.id, 3, "需协调财务科")


def with_unread_urge(c: Cast) -> CaseDetail:
    d = in_progress(c)
    return supervise.urge_case(c.ctx, c.first("desk"), d.id, "请加快办理")


def _due(c: Cast) -> date:
    return c.ctx.now().date() + timedelta(days=7)


def with_open_order(c: Cast) -> CaseDetail:
    d = in_progress(c)
    return supervise.issue_order(c.ctx, c.first("desk"), d.id, "yellow", "进展缓慢", _due(c))


def with_answered_order(c: Cast) -> CaseDetail:
    d = with_open_order(c)
    return supervise.answer_order(c.ctx, c.first("handler"), d.id, "已加快办理")


SETTINGS: dict[str, Callable[[Cast], CaseDetail]] = {
    "registered": registered,
    "dispatched": dispatched,
    "in_progress": with_unread_urge,
    "extension_pending": with_pending_extension,
    "order_open": with_open_order,
    "order_answered": with_answered_order,
    "awaiting_approval": awaiting,
    "approved": approved,
    "return_requested": return_requested,
    "callback_due": replied,
    "callback_unreached": lambda c: _called(c, "unreached"),
    "satisfied": lambda c: _called(c, "reached", "satisfied"),
    "unsatisfied": lambda c: _called(c, "reached", "unsatisfied"),
    "anonymous_replied": lambda c: replied(c, anonymous=True, caller_name="", caller_phone=""),
    "closed": closed,
}
"""Where a race can start: the lifecycle table's states, with the overlays some actions need."""
