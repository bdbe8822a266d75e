"""Taking a lifecycle action through the services, with the inputs a desk user would give
(``perform``), and the users of a fixture database as the services see them (``actors``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import select

from hotline_desk.domain.actions import Action
from hotline_desk.domain.lifecycle import allowed_actions
from hotline_desk.services.admin.auth import actor_for
from hotline_desk.services.callbacks.closing import (
    close_case,
    mark_no_callback,
    record_callback,
    reopen_case,
    screen_case,
)
from hotline_desk.services.callbacks.dto import CallbackInput
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseDetail
from hotline_desk.services.lifecycle import handling, replies, routing
from hotline_desk.services.lifecycle.dto import RouteInput
from hotline_desk.services.lifecycle.facts import case_facts
from hotline_desk.services.lifecycle.pipeline import load_visible
from hotline_desk.services.supervision import extensions, supervise
from hotline_desk.store.models import OrgUnit, User

A = Action
Do = Callable[[ServiceContext, Actor, int, int, dict[str, int]], CaseDetail]
"""(context, actor, case id, its version, unit code → id) → the case after the action."""


def actors(ctx: ServiceContext) -> dict[str, Actor]:
    """Every user of the database by username, as the services see them after login."""
    with ctx.uow.read() as uow:
        s = uow.session
        return {u.username: actor_for(s, u) for u in s.execute(select(User)).scalars()}


def units(ctx: ServiceContext) -> dict[str, int]:
    with ctx.uow.read() as uow:
        return dict(uow.session.execute(select(OrgUnit.code, OrgUnit.id)).all())  # type: ignore[arg-type]


def _to(unit: str, tier: int = 2) -> Callable[[dict[str, int]], RouteInput]:
    return lambda u: RouteInput(tier=tier, lead_unit_id=u[unit] if tier != 1 else None)


def _callback(ctx: ServiceContext) -> CallbackInput:
    return CallbackInput("reached", ctx.now() - timedelta(minutes=10), "satisfied", True)


DO: dict[Action, Do] = {
    A.ROUTE: lambda c, a, i, v, u: routing.route_case(c, a, i, v, _to("ZHK")(u)),
    A.HANDLE_DIRECTLY: lambda c, a, i, v, u: routing.route_case(c, a, i, v, _to("BGS", 1)(u)),
    A.APPROVE_RETURN: lambda c, a, i, v, u: routing.approve_return(c, a, i, v, _to("ZHK")(u)),
    A.REJECT_RETURN: lambda c, a, i, v, u: routing.reject_return(c, a, i, v, "属本单位职责"),
    A.SIGN: lambda c, a, i, v, u: handling.sign_case(c, a, i, v),
    A.SUBMIT_OPINION: lambda c, a, i, v, u: handling.submit_opinion(c, a, i, "同意主办意见"),
    A.SUBMIT_REPLY: lambda c, a, i, v, u: replies.submit_reply(c, a, i, v, "经核实，答复如下。"),
    A.APPROVE_REPLY: lambda c, a, i, v, u: replies.approve_reply(c, a, i, v),
    A.RECORD_REPLY: lambda c, a, i, v, u: replies.record_reply(
        c, a, i, v, "phone", c.now() - timedelta(minutes=30), "来电人"),
    A.RECORD_CALLBACK: lambda c, a, i, v, u: record_callback(c, a, i, v, _callback(c)),
    A.CLOSE: lambda c, a, i, v, u: close_case(c, a, i, v),
    A.NO_CALLBACK: lambda c, a, i, v, u: mark_no_callback(c, a, i, v),
    A.SCREEN_REASONABLE: lambda c, a, i, v, u: screen_case(c, a, i, v, True, "诉求合理"),
    A.REOPEN: lambda c, a, i, v, u: reopen_case(c, a, i, v, "平台退回重办"),
    A.APPROVE_EXTENSION: lambda c, a, i, v, u: extensions.approve_extension(c, a, i, v),
    A.ACKNOWLEDGE_URGE: lambda c, a, i, v, u: supervise.acknowledge_urges(c, a, i),
    A.ANSWER_ORDER: lambda c, a, i, v, u: supervise.answer_order(c, a, i, "已签收，三日内答复"),
}  # fmt: skip


def offered(ctx: ServiceContext, actor: Actor, case_id: int) -> tuple[int, list[Action]]:
    """The case's version and the actions the lifecycle table offers ``actor`` on it now (what
    the case's page shows; refused when the actor may not see the case)."""
    with ctx.uow.read() as uow:
        case = load_visible(uow.session, actor, case_id)
        return case.version, allowed_actions(case_facts(uow.session, case), actor)


def perform(ctx: ServiceContext, actor: Actor, case_id: int, version: int,
            action: Action) -> CaseDetail:  # fmt: skip
    """``action`` on the case at ``version``, through its service."""
    return DO[action](ctx, actor, case_id, version, units(ctx))
