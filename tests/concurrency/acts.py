"""Every action of the lifecycle table as one call with valid input, the way its dialog makes it:
``perform(ctx, action, actor, case_id, version, seen, extra)``. A versioned action passes the
case version the user saw, an overlay (``OVERLAYS``) the newest timeline event the user saw.
``extra`` carries what some dialogs pick: another section (``other_unit``), a handler, the case to
merge into or link with (``other_case``), the corrected registration form (``edit``), the level
of a new 督办单 (``order_level``: red where a yellow one is open).
Runs in the race workers and in the main process alike.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from hotline_desk.domain.actions import Action
from hotline_desk.services.callbacks import closing
from hotline_desk.services.callbacks.dto import CallbackInput
from hotline_desk.services.cases import duplicates, registration
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseDetail
from hotline_desk.services.lifecycle import handling, replies, routing
from hotline_desk.services.lifecycle.dto import RouteInput
from hotline_desk.services.supervision import extensions, supervise

A = Action
Call = Callable[[ServiceContext, Actor, int, Any, Any, dict[str, Any]], CaseDetail]


def _other_section(x: dict[str, Any], reason: str = "") -> RouteInput:
    return RouteInput(tier=2, lead_unit_id=x["other_unit"], reason=reason)


def _callback(ctx: ServiceContext) -> CallbackInput:
    return CallbackInput("reached", ctx.now() - timedelta(seconds=30), "satisfied", True)


CALLS: dict[Action, Call] = {
    A.ROUTE: lambda c, a, i, v, _s, x: routing.route_case(c, a, i, v, _other_section(x)),
    A.HANDLE_DIRECTLY: lambda c, a, i, v, _s, _x: routing.route_case(c, a, i, v, RouteInput(1)),
    A.REJECT: lambda c, a, i, v, _s, _x: routing.reject_case(c, a, i, v, "litigation", "已起诉"),
    A.EDIT: lambda c, a, i, v, _s, x: registration.update_case(c, a, i, v, x["edit"]),
    A.SIGN: lambda c, a, i, v, _s, _x: handling.sign_case(c, a, i, v),
    A.REQUEST_RETURN: lambda c, a, i, v, _s, _x: handling.request_return(
        c, a, i, v, "not_our_duty", "属中小企业科职责"),
    A.APPROVE_RETURN: lambda c, a, i, v, _s, x: routing.approve_return(
        c, a, i, v, _other_section(x), "同意"),
    A.REJECT_RETURN: lambda c, a, i, v, _s, _x: routing.reject_return(c, a, i, v, "属本科职责"),
    A.ASSIGN: lambda c, a, i, v, _s, x: handling.assign_handler(c, a, i, v, x["handler"]),
    A.ADD_NOTE: lambda c, a, i, _v, s, _x: handling.add_note(
        c, a, i, "contact", "已电话联系来电人", seen_event=s),
    A.SUBMIT_OPINION: lambda c, a, i, _v, s, _x: handling.submit_opinion(
        c, a, i, "资金已核实", seen_event=s),
    A.SUBMIT_REPLY: lambda c, a, i, v, _s, _x: replies.submit_reply(c, a, i, v, "答复稿"),
    A.APPROVE_REPLY: lambda c, a, i, v, _s, _x: replies.approve_reply(c, a, i, v, "同意"),
    A.SEND_BACK: lambda c, a, i, v, _s, _x: replies.send_back_reply(c, a, i, v, "请补充依据"),
    A.RECORD_REPLY: lambda c, a, i, v, _s, _x: replies.record_reply(
        c, a, i, v, "phone", c.now() - timedelta(seconds=30), "张先生"),
    A.INSTRUCT: lambda c, a, i, v, _s, _x: handling.add_instruction(c, a, i, v, "请认真办理"),
    A.REROUTE: lambda c, a, i, v, _s, x: routing.reroute_case(
        c, a, i, v, _other_section(x, "调整主办")),
    A.REQUEST_EXTENSION: lambda c, a, i, _v, s, _x: extensions.request_extension(
        c, a, i, 3, "需协调", seen_event=s),
    A.APPROVE_EXTENSION: lambda c, a, i, v, _s, _x: extensions.approve_extension(c, a, i, v),
    A.DENY_EXTENSION: lambda c, a, i, v, _s, _x: extensions.deny_extension(c, a, i, v, "不同意"),
    A.URGE: lambda c, a, i, _v, s, _x: supervise.urge_case(c, a, i, "请加快", seen_event=s),
    A.ACKNOWLEDGE_URGE: lambda c, a, i, _v, s, _x: supervise.acknowledge_urges(
        c, a, i, seen_event=s),
    A.ISSUE_ORDER: lambda c, a, i, _v, s, x: supervise.issue_order(
        c, a, i, x["order_level"], "进展缓慢", c.now().date() + timedelta(days=7), seen_event=s),
    A.ANSWER_ORDER: lambda c, a, i, _v, s, _x: supervise.answer_order(
        c, a, i, "已加快办理", seen_event=s),
    A.CLOSE_ORDER: lambda c, a, i, _v, s, _x: supervise.close_order(
        c, a, i, "已回复", seen_event=s),
    A.RECORD_CALLBACK: lambda c, a, i, v, _s, _x: closing.record_callback(
        c, a, i, v, _callback(c)),
    A.CLOSE: lambda c, a, i, v, _s, _x: closing.close_case(c, a, i, v),
    A.CLOSE_UNREACHABLE: lambda c, a, i, v, _s, _x: closing.close_unreachable(
        c, a, i, v, "多次联系不上"),
    A.NO_CALLBACK: lambda c, a, i, v, _s, _x: closing.mark_no_callback(c, a, i, v),
    A.SCREEN_REASONABLE: lambda c, a, i, v, _s, _x: closing.screen_case(
        c, a, i, v, True, "确未解决"),
    A.SCREEN_UNREASONABLE: lambda c, a, i, v, _s, _x: closing.screen_case(
        c, a, i, v, False, "诉求超出政策"),
    A.REOPEN: lambda c, a, i, v, _s, _x: closing.reopen_case(c, a, i, v, "平台退回重办"),
    A.MERGE: lambda c, a, i, v, _s, x: duplicates.merge_case(c, a, i, v, x["other_case"]),
    A.LINK: lambda c, a, i, _v, s, x: duplicates.link_cases(
        c, a, i, x["other_case"], seen_event=s),
}  # fmt: skip
assert set(CALLS) == set(Action), "every action of the table can race"


def perform(ctx: ServiceContext, action: str, actor: Actor, case_id: int, version: int,
            seen: int, extra: dict[str, Any]) -> CaseDetail:  # fmt: skip
    return CALLS[Action(action)](ctx, actor, case_id, version, seen, extra)
