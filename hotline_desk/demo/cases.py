"""One demo case from registration to where its age leaves it: ``CaseBuilder`` picks what the case
is about and who handles it, ``History`` writes each step the services would have written
(events, assignments, returns, drafts, reviews, replies, callbacks) as bulk rows."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from hotline_desk.demo.closing import CallbackRounds, DuplicatePlanner
from hotline_desk.demo.deadlines import supervise
from hotline_desk.demo.hours import OfficeHours
from hotline_desk.demo.returns import side_state
from hotline_desk.demo.rows import (
    NEW_CASE_DEFAULTS,
    Batch,
    Org,
    Row,
    RowView,
)
from hotline_desk.demo.text import (
    CATEGORY_WEIGHTS,
    CHANNEL_WEIGHTS,
    address,
    person_name,
    phone,
    pick,
    reply_text,
    routing_opinion,
    title_and_content,
)
from hotline_desk.domain.enums.handling import CaseStatus, EventKind, ReplyMethod
from hotline_desk.domain.enums.intake import CASE_NO_PREFIX, Channel
from hotline_desk.domain.enums.supervision import Clock
from hotline_desk.domain.routing import salutation
from hotline_desk.services.supervision.clocks import (
    Rules,
    start_callback_clock,
    start_reply_clock,
    start_sign_clock,
    start_unrouted_clock,
    sync_due,
)

TEMPLATE_ROUTING = 0.9
"""Share of cases routed to their title template's section (the rest: a random section)."""
STUCK_DAYS_MAX = 45
"""Cases stuck on the way (overdue) are recent: older ones were finished after supervision."""
OPINION_SHARE = 0.7
"""Share of routed cases with a 拟办意见 from the desk."""
REPLY_METHOD = {Channel.MAILBOX: "online", Channel.PLATFORM: "online", Channel.VISIT: "written"}


# The chain of steps a case goes through: (event, status after it, typical hours later).
ROUTED_CHAIN = [
    (EventKind.DISPATCHED, CaseStatus.DISPATCHED, 3), (EventKind.SIGNED, CaseStatus.IN_PROGRESS, 6),
    (EventKind.REPLY_SUBMITTED, CaseStatus.AWAITING_APPROVAL, 64),
    (EventKind.REPLY_APPROVED, CaseStatus.APPROVED, 8),
    (EventKind.REPLIED, CaseStatus.REPLIED, 16), (EventKind.CLOSED, CaseStatus.CLOSED, 30),
]  # fmt: skip
DIRECT_CHAIN = [
    (EventKind.HANDLED_DIRECTLY, CaseStatus.IN_PROGRESS, 1),
    (EventKind.REPLY_SUBMITTED, CaseStatus.AWAITING_APPROVAL, 4),
    (EventKind.REPLY_APPROVED, CaseStatus.APPROVED, 2),
    (EventKind.REPLIED, CaseStatus.REPLIED, 4), (EventKind.CLOSED, CaseStatus.CLOSED, 30),
]  # fmt: skip


def _target_stage(rng: random.Random, age_days: float, chain_len: int) -> int | str:
    """How far along its chain a case of this age is (or a side state)."""
    r = rng.random()
    if r < 0.03:
        return CaseStatus.REJECTED.value  # merged duplicates: demo_closing.DuplicatePlanner
    if age_days > 25:
        if r < 0.06:
            return CaseStatus.RETURN_REQUESTED.value  # decided long since: see side_state
        if r < 0.09 and age_days < STUCK_DAYS_MAX:
            return rng.randrange(1, chain_len)  # stuck somewhere: overdue cases
        return chain_len
    if r < 0.07:
        return CaseStatus.RETURN_REQUESTED.value
    if r < 0.14 + 0.4 * max(0.0, 1 - age_days / 5):  # held up (the late and nearly late ones)
        progress = min(1.0, age_days / 25 + rng.random() * 0.4)
        return min(chain_len, int(progress * (chain_len + 1)))
    return chain_len  # the clock decides how far it got


class CaseBuilder:
    """Makes one demo case and every row its history left behind."""

    def __init__(
        self, rng: random.Random, now: datetime, topics: list[Any], org: Org,
        user_ids: dict[str, int], counters: dict[str, int], n_cases: int, rules: Rules,
        years: int = 1,
    ) -> None:  # fmt: skip
        self.rng, self.now, self.topics, self.org, self.counters = rng, now, topics, org, counters
        self.rules = rules
        self.hours = OfficeHours(rules.calendar, rng)
        self.topic_codes: dict[int, str] = {t[0]: t[1] for t in topics}
        self.topic_leads: dict[int, int | None] = {t[0]: t[2] for t in topics}
        self.intake = [user_ids["dengji"], user_ids["duban"]]
        self.desk, self.leader = user_ids["duban"], user_ids["lingdao"]
        span = years * 365 * 86400  # the cases are received over the ``years`` before now
        self.start = now - timedelta(seconds=span)
        self.offsets = sorted(rng.random() * span for _ in range(n_cases))
        self.frequent = [phone(rng) for _ in range(max(10, n_cases // 500))]
        self.planner = DuplicatePlanner(rng, self.start, self.offsets, now, self.desk,
                                        self.hours)  # fmt: skip

    def _urgency(self) -> str:
        r = self.rng.random()
        return "critical" if r < 0.01 else ("urgent" if r < 0.07 else "normal")

    def _caller_phone(self) -> str:
        rng = self.rng
        return rng.choice(self.frequent) if rng.random() < 0.05 else phone(rng)

    def _lead(self, topic_lead: int | None, section_code: str | None) -> int:
        org, rng = self.org, self.rng
        wanted = org.by_code[section_code] if section_code else topic_lead
        if wanted is None or rng.random() >= TEMPLATE_ROUTING:
            return rng.choice(org.sections)
        return wanted

    def build(self, index: int, case_id: int, out: Batch) -> None:
        rng, org = self.rng, self.org
        plan = self.planner.take(index)
        received = (self.start + timedelta(seconds=self.offsets[index])).replace(microsecond=0)
        channel = pick(rng, CHANNEL_WEIGHTS) if plan is None else plan.text["channel"]
        assert isinstance(channel, Channel)
        key = f"{CASE_NO_PREFIX[channel]}{received:%Y%m%d}"
        self.counters[key] = self.counters.get(key, 0) + 1
        topic_id, topic_code, topic_lead = rng.choice(self.topics)
        title, content, section_code = title_and_content(rng, topic_code, received.year)
        anonymous = rng.random() < 0.04
        name = "" if anonymous else person_name(rng)
        caller: Row = {"caller_name": name,
                       "caller_phone": "" if anonymous else self._caller_phone(),
                       "caller_address": "" if anonymous else address(rng)}  # fmt: skip
        category = pick(rng, CATEGORY_WEIGHTS)
        if plan is not None:  # the same matter as an earlier case, in other words
            master = plan.master
            anonymous, name = master["anonymous"], plan.text["caller_name"]
            title, content, category = plan.text["title"], plan.text["content"], master["category"]
            caller = {k: plan.text[k] for k in ("caller_name", "caller_phone", "caller_address")}
            if rng.random() < 0.85:
                topic_id, topic_lead = master["topic_id"], plan.text["topic_lead"]
            section_code = plan.text["section_code"]
        lead = self._lead(topic_lead, section_code)
        tier = 1 if rng.random() < 0.15 else 2
        if tier == 2 and lead in org.unit_of_section and rng.random() < 0.3:
            tier = 3
        important = rng.random() < 0.03
        confidential = rng.random() < 0.03
        case: Row = {
            "id": case_id, "case_no": f"{key}-{self.counters[key]:04d}",
            "query_code": f"{rng.randrange(10**6):06d}", "channel": channel.value,
            "received_at": received,
            "platform_ref": f"GD{received:%Y%m%d}{case_id:08d}"
            if channel == Channel.PLATFORM else None,
            **caller, "caller_id_no": "",
            "anonymous": anonymous, "confidential": confidential,
            "publish_consent": channel == Channel.MAILBOX and rng.random() < 0.5,
            "category": category, "topic_id": topic_id,
            "urgency": self._urgency(), "important": important, "title": title,
            "content": content, "tier": None, "lead_unit_id": None, "handling_unit_id": None,
            "handler_id": None, "office_opinion": "", "reject_reason": None,
            "approval_step": None, "reply_sent_back": False, "return_count": 0,
            "reroute_count": 0, "dispatched_at": None, "signed_at": None, "reply_text": "",
            "reply_method": None, "reply_to": "", "replied_at": None, "replied_by": None,
            "created_at": received, **NEW_CASE_DEFAULTS,
        }  # fmt: skip
        start = len(out.events)
        history = History(self, out, case, topic_id, lead, tier, channel)
        if plan is not None and plan.mode == "merge":
            history.merged(plan.master, plan.merge_at)
        else:
            history.run(salutation(name, anonymous, confidential))
        if plan is not None:
            self.planner.joined(plan, case, out, start)
        else:
            self.planner.plan(index, case, out, start, topic_lead, section_code)
        out.cases.append(case)


_STATUS: dict[str, str] = {m.value: m.value for m in CaseStatus}
_KIND: dict[str, str] = {m.value: m.value for m in EventKind}
"""A status or event kind (a member, or its value: a ``StrEnum`` member is equal to it) as the
plain text stored (a member's ``.value`` is a Python call, a million of them a 100,000 cases)."""


class History:
    """Walks one case along its chain, filling the case row and appending the other rows."""

    def __init__(self, b: CaseBuilder, out: Batch, case: Row, topic_id: int, lead: int,
                 tier: int, channel: Channel) -> None:  # fmt: skip
        self.b, self.out, self.case, self.topic_id = b, out, case, topic_id
        self.lead, self.tier, self.channel = lead, tier, channel
        self.status = CaseStatus.REGISTERED.value
        self.n_events = 0
        self.last: tuple[datetime, int] = (case["received_at"], 0)  # type: ignore[assignment]
        self.draft_id: int | None = None
        self.draft_seq = 0
        self.registered_by = 0

    def event(self, kind: EventKind, to: CaseStatus | str, at: datetime, actor: int,
              summary: str) -> None:  # fmt: skip
        to_status = _STATUS[to]
        self.out.events.append({
            "id": self.out.next_event, "case_id": self.case["id"], "at": at, "actor_id": actor,
            "kind": _KIND[kind], "from_status": None if not self.n_events else self.status,
            "to_status": to_status, "summary": summary, "changes": "{}",
        })  # fmt: skip
        self.out.next_event += 1
        self.n_events += 1
        self.status, self.last = to_status, (at, actor)

    def unit_name(self, unit: int | None) -> str:
        return self.b.org.names.get(unit, "") if unit is not None else ""

    def run(self, greeting: str) -> None:
        b, rng, case = self.b, self.b.rng, self.case
        received: datetime = case["received_at"]  # type: ignore[assignment]
        self.registered_by = rng.choice(b.intake)
        self.event(EventKind.REGISTERED, "registered", received, self.registered_by, "登记")
        chain = DIRECT_CHAIN if self.tier == 1 else ROUTED_CHAIN
        stage = _target_stage(rng, (b.now - received).total_seconds() / 86400, len(chain))
        if isinstance(stage, str):
            if side_state(self, stage, received):
                self.carry_on(ROUTED_CHAIN[1:], greeting)
        else:
            self.carry_on(chain[:stage], greeting)
        case.update(status=self.status, registered_by=self.registered_by, updated_at=self.last[0],
                    updated_by=self.last[1], version=self.n_events)  # fmt: skip
        self.clocks()
        supervise(self)
        case.update(updated_at=self.last[0], updated_by=self.last[1], version=self.n_events)

    def merged(self, master: Row, at: datetime) -> None:
        """并单 at intake: registered, then merged into ``master`` (the case's whole history)."""
        b, case = self.b, self.case
        self.registered_by = b.desk
        self.event(EventKind.REGISTERED, "registered", case["received_at"], b.desk, "登记")
        self.event(EventKind.MERGED, CaseStatus.MERGED, at, b.desk,
                   f"并单：并入 {master['case_no']}")  # fmt: skip
        case.update(status=self.status, registered_by=self.registered_by, updated_at=at,
                    updated_by=b.desk, version=self.n_events,
                    merged_into_id=master["id"])  # fmt: skip
        self.clocks()  # and ended_at

    def clocks(self) -> None:
        """The deadlines the services would have stored on the way, and the end times."""
        rules, case, status = self.b.rules, RowView(self.case), self.status
        if status in (CaseStatus.REGISTERED, CaseStatus.REJECTED, CaseStatus.MERGED):
            start_unrouted_clock(rules, case)  # from registration; stopped once rejected or merged
            if status != CaseStatus.REGISTERED:
                case.ended_at = self.last[0]
            return
        if self.tier != 1 and case.dispatched_at is not None:
            start_sign_clock(rules, case, case.dispatched_at)
        if case.reopen_count:
            start_reply_clock(rules, case, case.reopened_at, Clock.REOPEN)
        else:
            start_reply_clock(rules, case, case.received_at)
        if case.replied_at is not None:
            start_callback_clock(rules, case, case.replied_at)
            if status not in (CaseStatus.REPLIED, CaseStatus.CLOSED):
                case.callback_deadline = None  # reopened: the next reply starts it again
        sync_due(case)

    def step_hours(self, kind: EventKind, typical: float) -> float:
        """How long a step took: the reply is drafted within its time limit most of the time
        (about one case in twelve is late), an urgent case is signed within its hours."""
        rng = self.b.rng
        if kind == EventKind.REPLY_SUBMITTED:
            rule = self.b.rules.limit(Clock.REPLY, RowView(self.case))  # type: ignore[arg-type]
            hours = {"workdays": 24.0 * 1.2, "hours": 1.0, "minutes": 1 / 60}[rule.unit]
            return rule.amount * hours * rng.uniform(0.1, 0.7)
        if kind == EventKind.SIGNED and self.case["urgency"] != "normal":
            return rng.uniform(0.1, 1.5)
        if kind == EventKind.CLOSED:  # the callback, usually the next working day
            return rng.uniform(2, 34)
        return typical * rng.uniform(0.3, 2.5)

    def carry_on(self, steps: list[tuple[EventKind, CaseStatus, int]], greeting: str) -> None:
        """Take ``steps`` of the chain from the last one, each at a working moment, until the
        clock (``now``) or a review stops the case."""
        b = self.b
        for kind, to_status, hours in steps:
            # from the last step (a leader's approval may have taken longer)
            t = b.hours.at(self.last[0] + timedelta(hours=self.step_hours(kind, hours)))
            if t > b.now or not self.step(kind, to_status, t, greeting):
                break

    def opinion(self) -> str:
        """The desk's 拟办意见 when routing (most cases get one), about the case's matter."""
        b = self.b
        if b.rng.random() >= OPINION_SHARE:
            return ""
        return routing_opinion(b.rng, b.topic_codes.get(self.topic_id, ""))

    def route(self, t: datetime, kind: EventKind = EventKind.DISPATCHED, prefix: str = "") -> None:
        """转办 (tier 2) or 交办 (tier 3): the case row, its assignment rows and the event."""
        b, case, org = self.b, self.case, self.b.org
        lead = self.lead
        unit = org.unit_of_section[lead] if self.tier == 3 else None
        assists = [u for u in org.assists.get(self.topic_id, ()) if u != lead]
        opinion = self.opinion()
        case.update(tier=self.tier, lead_unit_id=lead, handling_unit_id=unit, dispatched_at=t,
                    office_opinion=opinion)  # fmt: skip
        rows = [("lead", lead)] + [("assist", u) for u in assists]
        if unit is not None:
            rows.append(("unit", unit))
        self.assign(rows, t)
        if unit is None:
            summary = f"转办至{self.unit_name(lead)}"
        else:
            summary = f"交办至{self.unit_name(unit)}（主办科室：{self.unit_name(lead)}）"
        if assists:
            summary += "，协办：" + "、".join(self.unit_name(u) for u in assists)
        if opinion:
            summary += f"。拟办意见：{opinion}"
        self.event(kind, CaseStatus.DISPATCHED, t, b.desk, prefix + summary)

    def assign(self, rows: list[tuple[str, int]], t: datetime) -> None:
        for role, unit in rows:
            self.out.assignments.append({
                "case_id": self.case["id"], "org_unit_id": unit, "role": role, "active": True,
                "assigned_at": t, "assigned_by": self.b.desk, "opinion": "",
                "opinion_at": None, "opinion_by": None,
            })  # fmt: skip

    def step(self, kind: EventKind, to: CaseStatus, t: datetime, greeting: str) -> bool:
        """Apply one step of the chain; False when the case stops here (still in review)."""
        b, case, org = self.b, self.case, self.b.org
        lead = org.office if self.tier == 1 else self.lead
        handler = b.desk if self.tier == 1 else org.handler[lead]
        if kind == EventKind.DISPATCHED:
            self.route(t)
        elif kind == EventKind.HANDLED_DIRECTLY:
            opinion = self.opinion()
            case.update(tier=1, lead_unit_id=lead, handler_id=handler, dispatched_at=t,
                        signed_at=t, office_opinion=opinion)  # fmt: skip
            self.assign([("lead", lead)], t)
            self.event(
                kind, to, t, b.desk, "办公室直办" + (f"。拟办意见：{opinion}" if opinion else "")
            )
        elif kind == EventKind.SIGNED:
            case.update(signed_at=t, handler_id=handler)
            self.event(kind, to, t, handler, f"{self.unit_name(lead)}签收")
        elif kind == EventKind.REPLY_SUBMITTED:
            self.draft_id = self.out.next_draft
            self.out.next_draft += 1
            self.draft_seq += 1
            body = reply_text(b.rng, greeting, str(case["title"]), self.unit_name(lead),
                              str(case["category"]))  # fmt: skip
            self.out.drafts.append({"id": self.draft_id, "case_id": case["id"],
                                    "seq": self.draft_seq, "text": body, "author_id": handler,
                                    "submitted_at": t, "outcome": None})  # fmt: skip
            case["approval_step"] = "section"
            self.event(kind, to, t, handler, f"提交第{self.draft_seq}稿拟答复意见")
        elif kind == EventKind.REPLY_APPROVED:
            return self.approve(lead, to, t)
        elif kind == EventKind.REPLIED:
            method = REPLY_METHOD.get(self.channel, "phone")
            replier = b.desk if self.channel == Channel.PLATFORM else handler
            case.update(reply_method=method, replied_at=t, replied_by=replier,
                        reply_to=str(case["caller_name"]) or "来电人")  # fmt: skip
            self.event(
                kind, to, t, replier, f"已{ReplyMethod(method).label}答复（{t:%m-%d %H:%M}）"
            )
            case["callback_status"] = "pending"
        else:  # the chain's last step: the callback loop from the reply on
            CallbackRounds(self, greeting).run(case["replied_at"])  # type: ignore[arg-type]
        return True

    def approve(self, lead: int, to: CaseStatus, t: datetime) -> bool:
        b, case = self.b, self.case
        head = b.org.head[lead]
        steps = [("section", head)] + ([("leader", b.leader)] if case["important"] else [])
        for n, (step, reviewer) in enumerate(steps):
            if n:
                t = b.hours.later(t, 1, 12)
                if t > b.now:
                    return False
            self.out.reviews.append({"case_id": case["id"], "draft_id": self.draft_id,
                                     "step": step, "decision": "approved", "comment": "",
                                     "reviewer_id": reviewer, "at": t})  # fmt: skip
            who = "局领导" if step == "leader" else "负责人"
            if n + 1 < len(steps):
                case["approval_step"] = "leader"
                self.event(EventKind.REPLY_APPROVED, CaseStatus.AWAITING_APPROVAL, t, reviewer,
                           f"{who}审核通过第{self.draft_seq}稿；重要件，送局领导审核")  # fmt: skip
        draft = self.out.drafts[-1]
        draft["outcome"] = "approved"
        case.update(approval_step=None, reply_text=draft["text"])
        self.event(EventKind.REPLY_APPROVED, to, t, reviewer, f"{who}审核通过第{self.draft_seq}稿")
        return True
