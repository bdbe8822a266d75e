"""Demo data of the cases that leave the usual chain at its start: 不予受理, and those routed and
handed back (退回) by their section. The desk decides a return request the way
``routing.approve_return`` / ``reject_return`` would — approved and routed to another section,
or rejected with a note, back to the section — within about a working day, so only recent
requests still wait (and 退单率 is not 0 %)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from hotline_desk.demo.rows import Row
from hotline_desk.demo.text import return_note
from hotline_desk.domain.enums.handling import CaseStatus, EventKind

if TYPE_CHECKING:
    from hotline_desk.demo.cases import History

RETURN_APPROVED = 0.6
"""Share of decided return requests the desk approves (the rest: rejected, the section goes on)."""


def side_state(h: History, stage: str, t: datetime) -> bool:
    """不予受理, or routed and handed back (退回) by the section. The desk decides a return
    request within about a working day — approves it and routes the case to another
    section, or rejects it — so only recent ones wait. True when the case goes on."""
    b, rng = h.b, h.b.rng
    if stage == CaseStatus.REJECTED:
        t = b.hours.later(t, 0.5, 8)
        if t <= b.now:
            h.case["reject_reason"] = "litigation"
            h.event(EventKind.REJECTED, stage, t, b.desk, "不予受理：诉讼/仲裁/行政复议")
        return False
    if h.tier == 1:
        h.tier = 2  # only routed cases can be handed back
    t = b.hours.later(t, 0.5, 3)
    if t > b.now:
        return False
    h.route(t)
    t = b.hours.later(t, 0.5, 8)
    if t > b.now:
        return False
    unit = h.lead
    who = b.org.handler[unit]
    request: Row = {
        "case_id": h.case["id"], "org_unit_id": unit, "reason": "not_our_duty",
        "basis": "该事项不属本科室职责范围，建议转有关科室办理。",
        "from_status": h.status, "requested_by": who, "requested_at": t,
        "decision": None, "decided_by": None, "decided_at": None, "decision_note": "",
    }  # fmt: skip
    h.out.returns.append(request)
    h.case["return_count"] = 1
    h.event(EventKind.RETURN_REQUESTED, stage, t, who, "申请退回：不属本单位职责。"
            "依据：该事项不属本科室职责范围，建议转有关科室办理。")  # fmt: skip
    decided = b.hours.later(t, 1, 40)
    if decided > b.now:
        return False  # a recent request, still waiting for the desk
    request.update(decided_by=b.desk, decided_at=decided)
    if rng.random() < RETURN_APPROVED:
        request["decision"] = "approved"
        for row in reversed(h.out.assignments):  # as 改派: the old ones stop
            if row["case_id"] != h.case["id"]:
                break
            row["active"] = False
        h.lead, h.tier = _other_section(h), 2
        h.route(decided, EventKind.RETURN_APPROVED, "同意退回；")
    else:
        note = return_note(rng)
        request.update(decision="rejected", decision_note=note)
        h.event(EventKind.RETURN_REJECTED, request["from_status"], decided, b.desk,
                f"驳回退回申请：{note}")  # fmt: skip
    return True


def _other_section(h: History) -> int:
    """Where an approved return goes: the topic's own lead section when the case had
    strayed from it, else another section."""
    org, rng = h.b.org, h.b.rng
    default = h.b.topic_leads.get(h.topic_id)
    if default is not None and default != h.lead and default in org.sections:
        return default
    return rng.choice([u for u in org.sections if u != h.lead])
