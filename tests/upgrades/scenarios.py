"""Which cases each fixture database holds (``SCENARIOS``: one per lifecycle state and overlay,
from the first release that could leave a case so) and the steps the desk takes on each after
the upgrade (``next_steps``): each must be offered to that user by the lifecycle table and
succeed through the services, leaving the case in the state named."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from hotline_desk.domain.actions import Action
from tests.upgrades.old_cases import (
    CaseBuilder,
    D,
    callback,
    close,
    replied_case,
    review,
    route,
    sign,
    submit,
)
from tests.upgrades.old_desk import OldDesk

A = Action
Build = Callable[[OldDesk], CaseBuilder]


def _new(name: str, final: str, day: int, **values: object) -> Build:
    def build(w: OldDesk) -> CaseBuilder:
        return CaseBuilder(w, name, final, D(day), dict(values))

    return build


def registered(w: OldDesk) -> CaseBuilder:
    return _new("registered", "registered", 27)(w)


def dispatched(w: OldDesk) -> CaseBuilder:
    b = _new("dispatched", "dispatched", 26)(w)
    route(b, "ZHK")
    return b


def dispatched_unit(w: OldDesk) -> CaseBuilder:
    b = _new("dispatched_unit", "dispatched", 26)(w)
    route(b, "JNZH", tier=3, handling="JNJC")
    return b


def in_progress(w: OldDesk) -> CaseBuilder:
    b = _new("in_progress", "in_progress", 20)(w)
    route(b, "CWK")
    sign(b, "cwk_jb")
    return b


def direct_in_progress(w: OldDesk) -> CaseBuilder:
    b = _new("direct_in_progress", "in_progress", 24)(w)
    route(b, "BGS", tier=1)
    return b


def _drafted(w: OldDesk, name: str, final: str, day: int, **values: object) -> CaseBuilder:
    """A case 综合科 signed and drafted a reply for."""
    b = _new(name, final, day, **values)(w)
    route(b, "ZHK")
    sign(b, "zhk_jb")
    submit(b, "zhk_jb")
    return b


def awaiting_section(w: OldDesk) -> CaseBuilder:
    return _drafted(w, "awaiting_section", "awaiting_approval", 18)


def awaiting_important(w: OldDesk) -> CaseBuilder:
    b = _drafted(w, "awaiting_important", "awaiting_approval", 17, important=True)
    if not b.demo:  # the section head passed it on to the leader
        review(b, "zhk_kz", "section", "approved", "awaiting_approval")
    return b


def direct_awaiting(w: OldDesk) -> CaseBuilder:
    b = _new("direct_awaiting", "awaiting_approval", 19)(w)
    route(b, "BGS", tier=1)
    submit(b, "duban")
    return b


def approved(w: OldDesk) -> CaseBuilder:
    b = _drafted(w, "approved", "approved", 16)
    review(b, "zhk_kz", "section", "approved", "approved")
    return b


def replied(w: OldDesk) -> CaseBuilder:
    return replied_case(w, "replied", 9)


def replied_direct(w: OldDesk) -> CaseBuilder:
    return replied_case(w, "replied_direct", 10, tier=1)


def replied_anonymous(w: OldDesk) -> CaseBuilder:
    return replied_case(w, "replied_anonymous", 11, anonymous=True)


def replied_confidential(w: OldDesk) -> CaseBuilder:
    return replied_case(w, "replied_confidential", 12, confidential=True)


def replied_reached(w: OldDesk) -> CaseBuilder:
    b = replied_case(w, "replied_reached", 13)
    callback(b, "reached", "satisfied")
    return b


def replied_unsatisfied(w: OldDesk) -> CaseBuilder:
    b = replied_case(w, "replied_unsatisfied", 13)
    callback(b, "reached", "unsatisfied")
    return b


def replied_unreached(w: OldDesk) -> CaseBuilder:
    b = replied_case(w, "replied_unreached", 14)
    callback(b, "unreached")
    return b


def closed(w: OldDesk) -> CaseBuilder:
    b = replied_case(w, "closed", 2, final="closed")
    close(b)
    return b


def closed_anonymous(w: OldDesk) -> CaseBuilder:
    b = replied_case(w, "closed_anonymous", 3, final="closed", anonymous=True)
    close(b)
    return b


def rejected(w: OldDesk) -> CaseBuilder:
    b = _new("rejected", "rejected", 4)(w)
    at = b.step(1, "rejected", "rejected", "duban", "不予受理：属诉讼、仲裁事项",
                reject_reason="litigation")  # fmt: skip
    if b.full:
        b.values["ended_at"] = at
    return b


def merged(w: OldDesk) -> CaseBuilder:
    b = _new("merged", "merged", 5)(w)
    at = b.step(1, "merged", "merged", "duban", "重复来电，并入原办件")
    if b.full:
        b.values.update(ended_at=at, merged_into_id=w.cases["closed"])
        b.row("case_links", other_case_id=w.cases["closed"], kind="duplicate", note="并单",
              created_by=b.user("duban"), created_at=at)  # fmt: skip
    return b


def return_requested(w: OldDesk) -> CaseBuilder:
    b = _new("return_requested", "return_requested", 23)(w)
    route(b, "CWK")
    if b.demo:  # the demo asked to return a case straight from 待签收
        b.step(3, "return_requested", "return_requested", "cwk_jb", "申请退回：不属本单位职责")
        return b
    sign(b, "cwk_jb")
    at = b.step(3, "return_requested", "return_requested", "cwk_jb", "申请退回：不属本单位职责",
                return_count=1)  # fmt: skip
    b.row("return_requests", org_unit_id=w.units["CWK"], reason="not_our_duty",
          basis="属综合科职责", from_status="in_progress", requested_by=b.user("cwk_jb"),
          requested_at=at, decision_note="")  # fmt: skip
    return b


def return_direct(w: OldDesk) -> CaseBuilder:
    """The demo before 0003 also dispatched 直办 cases it then had returned."""
    b = _new("return_direct", "return_requested", 23)(w)
    b.values.update(tier=1, lead_unit_id=None)
    b.step(2, "dispatched", "dispatched", "duban", "转办至综合科")
    b.step(3, "return_requested", "return_requested", "zhk_jb", "申请退回：不属本单位职责")
    return b


def rerouted(w: OldDesk) -> CaseBuilder:
    b = _new("rerouted", "dispatched", 21)(w)
    route(b, "ZHK")
    sign(b, "zhk_jb")
    asked = b.step(3, "return_requested", "return_requested", "zhk_jb", "申请退回：不属本科职责",
                   return_count=1)  # fmt: skip
    at = b.step(2, "return_approved", "dispatched", "duban", "同意退回；转办至财务科",
                lead_unit_id=w.units["CWK"], signed_at=None, handler_id=None)  # fmt: skip
    b.values["dispatched_at"] = at

    def earlier_inactive(ww: OldDesk, cid: int) -> None:
        table = ww.meta.tables["case_assignments"]
        ww.conn.execute(table.update().where(table.c.case_id == cid).values(active=False))

    b.later.append(earlier_inactive)
    b.row("return_requests", org_unit_id=w.units["ZHK"], reason="not_our_duty",
          basis="属财务科职责", from_status="in_progress", requested_by=b.user("zhk_jb"),
          requested_at=asked, decision="approved", decided_by=b.user("duban"), decided_at=at,
          decision_note="")  # fmt: skip
    b.row("case_assignments", org_unit_id=w.units["CWK"], role="lead", active=True,
          assigned_at=at, assigned_by=b.user("duban"), opinion="")  # fmt: skip
    return b


def sent_back(w: OldDesk) -> CaseBuilder:
    b = _drafted(w, "sent_back", "in_progress", 19)
    review(b, "zhk_kz", "section", "sent_back", "in_progress")
    return b


def assisted(w: OldDesk) -> CaseBuilder:
    b = _new("assisted", "in_progress", 24)(w)
    route(b, "ZHK", assist="CWK")
    sign(b, "zhk_jb")
    return b


def extension_pending(w: OldDesk) -> CaseBuilder:
    b = _new("extension_pending", "in_progress", 25)(w)
    route(b, "ZHK")
    sign(b, "zhk_jb")
    at = b.step(1, "extension_requested", "in_progress", "zhk_jb", "申请延期 5 个工作日")
    due = (b.values["received_at"] + timedelta(days=21)).replace(hour=23, minute=59, second=59)
    b.row("extensions", org_unit_id=w.units["ZHK"], reason="需协调多部门", workdays=5,
          requested_by=b.user("zhk_jb"), requested_at=at, status="pending", decision_note="",
          deadline_before=due)  # fmt: skip
    return b


def urged(w: OldDesk) -> CaseBuilder:
    b = _new("urged", "in_progress", 16)(w)
    route(b, "ZHK")
    sign(b, "zhk_jb")
    at = b.step(48, "urged", "in_progress", "duban", "第 1 次催办：请尽快办理", urge_count=1)
    b.row("supervisions", kind="urge", org_unit_id=w.units["ZHK"], text="请尽快办理",
          issued_by=b.user("duban"), issued_at=at, status="sent", response="",
          close_note="")  # fmt: skip
    return b


def ordered(w: OldDesk) -> CaseBuilder:
    b = _new("ordered", "dispatched", 25)(w)
    route(b, "ZHK")
    at = b.step(30, "ordered", "dispatched", "duban", "发出红牌督办单", order_level="red")
    b.row("supervisions", kind="order", level="red", org_unit_id=w.units["ZHK"],
          text="逾期未签收", issued_by=b.user("duban"), issued_at=at,
          response_due=at + timedelta(days=20), status="open", response="",
          close_note="")  # fmt: skip
    return b


def reopened(w: OldDesk) -> CaseBuilder:
    b = replied_case(w, "reopened", 6, final="in_progress")
    callback(b, "reached", "unsatisfied")
    at = b.step(2, "reopened", "in_progress", "duban", "甄别为合理诉求，第1次重办",
                reopen_count=1, screening="reasonable", callback_status=None,
                callback_attempts=0, satisfaction=None, resolved=None,
                callback_deadline=None)  # fmt: skip
    due = (at + timedelta(days=5)).replace(hour=23, minute=59, second=59)
    b.values.update(reopened_at=at, reply_clock_start=at, reply_deadline=due,
                    reply_deadline_original=due, due_at=due, due_clock="reply",
                    warn_at=due - timedelta(days=1), reply_limit="3 workdays")  # fmt: skip
    return b


def linked(w: OldDesk) -> CaseBuilder:
    b = _new("linked", "registered", 27)(w)
    at = b.step(1, "linked", "registered", "dengji", "关联相关办件")
    b.row("case_links", other_case_id=w.cases["replied"], kind="related", note="同一企业",
          created_by=b.user("dengji"), created_at=at)  # fmt: skip
    return b


# name: (the builder, the first release that left a case so, the last one)
SCENARIOS: dict[str, tuple[Build, int, int]] = {
    "registered": (registered, 1, 6),
    "dispatched": (dispatched, 1, 6),
    "dispatched_unit": (dispatched_unit, 1, 6),
    "in_progress": (in_progress, 1, 6),
    "direct_in_progress": (direct_in_progress, 3, 6),
    "awaiting_section": (awaiting_section, 1, 6),
    "awaiting_important": (awaiting_important, 1, 6),
    "direct_awaiting": (direct_awaiting, 1, 6),
    "approved": (approved, 3, 6),
    "replied": (replied, 1, 6),
    "replied_direct": (replied_direct, 1, 6),
    "replied_anonymous": (replied_anonymous, 1, 6),
    "replied_confidential": (replied_confidential, 1, 6),
    "replied_reached": (replied_reached, 4, 6),
    "replied_unsatisfied": (replied_unsatisfied, 4, 6),
    "replied_unreached": (replied_unreached, 4, 6),
    "closed": (closed, 1, 6),
    "closed_anonymous": (closed_anonymous, 1, 6),
    "rejected": (rejected, 1, 6),
    "merged": (merged, 1, 6),
    "return_requested": (return_requested, 1, 6),
    "return_direct": (return_direct, 1, 2),
    "rerouted": (rerouted, 3, 6),
    "sent_back": (sent_back, 3, 6),
    "assisted": (assisted, 3, 6),
    "extension_pending": (extension_pending, 4, 6),
    "urged": (urged, 4, 6),
    "ordered": (ordered, 4, 6),
    "reopened": (reopened, 4, 6),
    "linked": (linked, 4, 6),
}


@dataclass(frozen=True)
class Step:
    actor: str  # a key of old_desk.USERS
    action: Action
    then: str  # the case's status after it


def next_steps(name: str, level: int) -> tuple[Step, ...]:
    """What the desk does next with the case ``name`` written at ``level`` (empty: it has
    ended for good)."""
    callback_then_close = (Step("duban", A.RECORD_CALLBACK, "replied"),
                           Step("duban", A.CLOSE, "closed"))  # fmt: skip
    if name == "awaiting_important" and level <= 2:  # no step on record: the section first
        return (Step("zhk_kz", A.APPROVE_REPLY, "awaiting_approval"),
                Step("lingdao", A.APPROVE_REPLY, "approved"))  # fmt: skip
    steps: dict[str, tuple[Step, ...]] = {
        "registered": (Step("duban", A.ROUTE, "dispatched"),),
        "dispatched": (Step("zhk_jb", A.SIGN, "in_progress"),),
        "dispatched_unit": (Step("jnzh_kz", A.SIGN, "in_progress"),),
        "in_progress": (Step("cwk_jb", A.SUBMIT_REPLY, "awaiting_approval"),),
        "direct_in_progress": (Step("duban", A.SUBMIT_REPLY, "awaiting_approval"),),
        "awaiting_section": (
            Step("zhk_kz", A.APPROVE_REPLY, "approved"),
            Step("duban", A.RECORD_REPLY, "replied"),
        ),
        "awaiting_important": (Step("lingdao", A.APPROVE_REPLY, "approved"),),
        "direct_awaiting": (Step("bgs_head", A.APPROVE_REPLY, "approved"),),
        "approved": (Step("duban", A.RECORD_REPLY, "replied"),),
        "replied": callback_then_close,
        "replied_direct": callback_then_close,
        "replied_anonymous": (Step("duban", A.NO_CALLBACK, "closed"),),
        "replied_confidential": (Step("duban", A.NO_CALLBACK, "closed"),),
        "replied_reached": (Step("duban", A.CLOSE, "closed"),),
        "replied_unsatisfied": (Step("duban", A.SCREEN_REASONABLE, "in_progress"),),
        "replied_unreached": callback_then_close,
        "closed": (Step("duban", A.REOPEN, "in_progress"),),
        "closed_anonymous": (Step("duban", A.REOPEN, "in_progress"),),
        "return_requested": (Step("duban", A.APPROVE_RETURN, "dispatched"),),
        "return_direct": (Step("duban", A.REJECT_RETURN, "dispatched"),),
        "rerouted": (Step("cwk_jb", A.SIGN, "in_progress"),),
        "sent_back": (Step("zhk_jb", A.SUBMIT_REPLY, "awaiting_approval"),),
        "assisted": (Step("cwk_jb", A.SUBMIT_OPINION, "in_progress"),),
        "extension_pending": (Step("duban", A.APPROVE_EXTENSION, "in_progress"),),
        "urged": (Step("zhk_jb", A.ACKNOWLEDGE_URGE, "in_progress"),),
        "ordered": (Step("zhk_jb", A.ANSWER_ORDER, "dispatched"),),
        "reopened": (Step("zhk_jb", A.SUBMIT_REPLY, "awaiting_approval"),),
        "linked": (Step("duban", A.HANDLE_DIRECTLY, "in_progress"),),
    }
    return steps.get(name, ())


def write_cases(w: OldDesk) -> None:
    """Every scenario the release at ``w.level`` could leave, in order (a merge and a link
    point at cases written before them)."""
    for build, first, last in SCENARIOS.values():
        if first <= w.level <= last:
            build(w).write()
