"""The cases of the fixture databases: one case in each lifecycle state (and overlay) an earlier
release could leave, written as that release wrote it (``OldDesk.level``), and the next step
the desk takes on each after the upgrade (``NEXT``).

Before 0003 the timeline is all the demo generator kept of a case beyond its registration
(status, tier, section; a 直办 case had no section); 0003 kept dispatch, signing and reply
times, drafts, reviews, assignments and return requests; 0004 deadlines, callbacks, closings,
extensions, supervision, merges and links. A state a release could not reach itself (closing
and merging at 0003) is written as its demo generator wrote it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from hotline_desk.domain.actions import Action
from tests.upgrades.old_desk import CASE_COLUMNS_0001, OldDesk

Later = Callable[[OldDesk, int], None]
A = Action


def D(d: int, h: int = 10) -> datetime:  # noqa: N802 - a moment in November 2026
    return datetime(2026, 11, d, h, 0)


def _end(at: datetime) -> datetime:
    return at.replace(hour=23, minute=59, second=59)


@dataclass
class CaseBuilder:
    """One case's row, timeline and related rows, built step by step as the desk moved it."""

    w: OldDesk
    name: str
    final: str  # the status it is left in
    t: datetime
    values: dict[str, Any] = field(default_factory=dict)
    events: list[tuple[str, str, datetime, str, str]] = field(default_factory=list)
    later: list[Later] = field(default_factory=list)
    refs: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.values["received_at"] = self.t
        self.events.append(("registered", "registered", self.t, "dengji", "登记"))
        self.demo = self.w.demo_shaped(self.final)
        self.full = not self.demo and self.w.level >= 4  # deadlines, callbacks: 0004 on

    def step(self, hours: float, kind: str, to: str, actor: str, summary: str,
             **values: Any) -> datetime:  # fmt: skip
        self.t += timedelta(hours=hours)
        self.events.append((kind, to, self.t, actor, summary))
        self.values.update(values)
        return self.t

    def row(self, table: str, **values: Any) -> None:
        if not self.demo:
            self.later.append(lambda w, cid: w.put(table, case_id=cid, **values))

    def user(self, key: str) -> int:
        return self.w.users[key]

    def write(self) -> int:
        w, v = self.w, dict(self.values)
        status = self.events[-1][1]
        assert status == self.final, (self.name, status)
        if self.demo:
            v = {k: x for k, x in v.items() if k in CASE_COLUMNS_0001}
            if v.get("tier") == 1:
                v["lead_unit_id"] = None  # the demo left 直办 cases without a section
        elif self.full:
            v = {**_clocks(v, status, w.level), **v}
        n = len(w.cases) + 1
        received = self.values["received_at"]
        last = self.events[-1]
        cid = w.put(
            "cases", case_no=f"RX{received:%Y%m%d}-{n:04d}", query_code=f"{n:06d}",
            channel="hotline", caller_name="" if v.get("anonymous") else f"王建{n}",
            caller_phone="" if v.get("anonymous") else f"139{n:08d}",
            caller_address="" if v.get("anonymous") else "人民路12号", category="consult",
            topic_id=w.topics["QYZC"], urgency="normal", title=f"升级测试办件{n}",
            content=f"来电人反映企业政策申报问题（{self.name}）。", status=status,
            registered_by=self.user("dengji"), created_at=received, updated_at=last[2],
            updated_by=self.user(last[3]), version=len(self.events), **v,
        )  # fmt: skip
        previous = None
        for kind, to, at, actor, summary in self.events:
            w.put("case_events", case_id=cid, at=at, actor_id=self.user(actor), kind=kind,
                  from_status=previous, to_status=to, summary=summary, changes="{}")  # fmt: skip
            previous = to
        for write in self.later:
            write(w, cid)
        w.audit(last[2], f"case_{last[0]}", "case", f"RX{received:%Y%m%d}-{n:04d}")
        w.cases[self.name] = cid
        return cid


def _clocks(v: dict[str, Any], status: str, level: int) -> dict[str, Any]:
    """The deadlines 0004's desk stored with a case (values of the right shape; the test
    checks they survive, not the working-day arithmetic behind them)."""
    out: dict[str, Any] = {}
    received, dispatched, replied = v["received_at"], v.get("dispatched_at"), v.get("replied_at")
    if dispatched is not None or level >= 6:  # from 0006 the clock ran before routing too
        due = _end(received + timedelta(days=21))
        out.update(reply_clock_start=received, reply_limit="15 workdays", reply_deadline=due,
                   reply_deadline_original=due, reply_warn_at=due - timedelta(days=3))  # fmt: skip
    if dispatched is not None and v.get("tier") != 1:
        out.update(sign_deadline=_end(dispatched + timedelta(days=1)),
                   sign_warn_at=dispatched + timedelta(hours=17))  # fmt: skip
    if replied is not None:
        out.update(callback_deadline=_end(replied + timedelta(days=1)), reply_workdays=4)
    clock = {"dispatched": "sign", "replied": "callback", "closed": None, "rejected": None,
             "merged": None}.get(status, "reply" if "reply_deadline" in out else None)  # fmt: skip
    if clock is not None and f"{clock}_deadline" in out:
        out.update(due_at=out[f"{clock}_deadline"], due_clock=clock,
                   warn_at=out.get(f"{clock}_warn_at") or out[f"{clock}_deadline"].replace(
                       hour=0, minute=0, second=0))  # fmt: skip
    return out


# --- the desk's steps, as each release wrote them ----------------------------------------------


def route(b: CaseBuilder, unit: str, tier: int = 2, handling: str | None = None,
          assist: str | None = None) -> None:  # fmt: skip
    w = b.w
    lead = w.units["BGS" if tier == 1 else unit]
    if b.demo:  # the demo's timeline: 直办 cases went straight to their reply
        b.values.update(tier=tier, lead_unit_id=lead)
        if tier != 1:
            b.step(2, "dispatched", "dispatched", "duban", f"转办至{unit}")
        return
    units = w.units
    if tier == 1:
        at = b.step(2, "handled_directly", "in_progress", "duban", "办公室直办", tier=1,
                    lead_unit_id=lead, handler_id=b.user("duban"))  # fmt: skip
        b.values.update(dispatched_at=at, signed_at=at)
    else:
        at = b.step(2, "dispatched", "dispatched", "duban", f"转办至{unit}", tier=tier,
                    lead_unit_id=lead, handling_unit_id=units[handling] if handling else None,
                    signed_at=None, handler_id=None)  # fmt: skip
        b.values["dispatched_at"] = at
    roles = [("lead", lead)] + ([("unit", units[handling])] if handling else [])
    roles += [("assist", units[assist])] if assist else []
    for role, uid in roles:
        b.row("case_assignments", org_unit_id=uid, role=role, active=True, assigned_at=at,
              assigned_by=b.user("duban"), opinion="")  # fmt: skip


def sign(b: CaseBuilder, actor: str) -> None:
    at = b.step(3, "signed", "in_progress", actor, "签收")
    if not b.demo:
        b.values.update(signed_at=at)
        b.values.setdefault("handler_id", b.user(actor))


def submit(b: CaseBuilder, actor: str) -> None:
    at = b.step(24, "reply_submitted", "awaiting_approval", actor, "提交拟答复意见",
                approval_step="section", reply_sent_back=False)  # fmt: skip
    if b.demo:
        return
    seq = b.refs["seq"] = b.refs.get("seq", 0) + 1

    def draft(w: OldDesk, cid: int) -> None:
        b.refs["draft"] = w.put("reply_drafts", case_id=cid, seq=seq, author_id=b.user(actor),
                                text=f"经核实,答复如下(第{seq}稿)。", submitted_at=at)  # fmt: skip

    b.later.append(draft)


def review(b: CaseBuilder, actor: str, step: str, decision: str, to: str) -> None:
    kind = "reply_approved" if decision == "approved" else "reply_sent_back"
    at = b.step(2, kind, to, actor, "审核通过" if decision == "approved" else "退回修改")
    b.later.append(lambda w, cid: w.put(
        "reply_reviews", case_id=cid, draft_id=b.refs["draft"], step=step, decision=decision,
        comment="", reviewer_id=b.user(actor), at=at))  # fmt: skip
    if to == "approved":
        b.values.update(approval_step=None, reply_text="经核实，答复如下。")
    elif to == "awaiting_approval":
        b.values.update(approval_step="leader")
    else:
        b.values.update(approval_step=None, reply_sent_back=True)


def reply(b: CaseBuilder, actor: str = "duban") -> None:
    at = b.step(20, "replied", "replied", actor, "电话答复来电人")
    if not b.demo:
        b.values.update(reply_method="phone", reply_to="来电人", replied_at=at,
                        replied_by=b.user(actor))  # fmt: skip
    if b.full:
        b.values.update(callback_status="pending", callback_attempts=0)


def callback(b: CaseBuilder, outcome: str, satisfaction: str | None = None) -> datetime:
    """One 0004 callback attempt (the case stays replied)."""
    at = b.step(4, "callback", "replied", "duban", f"回访：{outcome}")
    attempts = b.values.get("callback_attempts", 0) + 1
    reached = outcome == "reached"
    resolved = (satisfaction != "unsatisfied") if reached else None
    b.row("callbacks", round=b.values.get("reopen_count", 0), attempt_no=attempts, at=at,
          caller_id=b.user("duban"), outcome=outcome, satisfaction=satisfaction,
          resolved=resolved, words="", note="")  # fmt: skip
    b.values["callback_attempts"] = attempts
    if reached:
        b.values.update(callback_status="reached", satisfaction=satisfaction,
                        resolved=satisfaction != "unsatisfied")  # fmt: skip
        if satisfaction == "unsatisfied":
            b.values["screening"] = "pending"
    elif outcome == "not_required":
        b.values["callback_status"] = "not_required"
    return at


def close(b: CaseBuilder) -> None:
    if b.full:
        anonymous = b.values.get("anonymous") or b.values.get("confidential")
        callback(b, "not_required" if anonymous else "reached", None if anonymous else "satisfied")
        reason = "not_required" if anonymous else "satisfied"
        at = b.step(1, "closed", "closed", "duban", "办结", close_reason=reason)
        b.values.update(closed_at=at, ended_at=at)
    else:
        b.step(30, "closed", "closed", "duban", "回访满意，办结")


def replied_case(w: OldDesk, name: str, day: int, final: str = "replied", tier: int = 2,
                 **values: Any) -> CaseBuilder:  # fmt: skip
    """A case routed to 综合科 (or handled by the office) and replied."""
    b = CaseBuilder(w, name, final, D(day), dict(values))
    route(b, "ZHK", tier)
    if tier != 1:
        sign(b, "zhk_jb")
    submit(b, "duban" if tier == 1 else "zhk_jb")
    if not b.demo:
        review(b, "bgs_head" if tier == 1 else "zhk_kz", "section", "approved", "approved")
    reply(b)
    return b
