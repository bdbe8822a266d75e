"""Demo data for closing the loop and for duplicates, used by ``demo.py``'s case builder.

``CallbackRounds`` continues a replied case the way the desk would: callback attempts (mostly
reached and satisfied, some basically satisfied, a few unsatisfied and screened — reasonable
ones reopened, handled and replied again —, some callers unreachable on three different days,
anonymous and confidential cases not called back), closing. ``DuplicatePlanner`` decides, when
a case is built, whether someone will call or write about the same matter later, and when that
later case is built, words it from the first (same specifics, other phrasing) and merges it
into the first (并单) or links it as a repeat. Both append rows the services would have written
(``callbacks``, ``case_links``, timeline events); nothing here touches the database.
"""

from __future__ import annotations

import random
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any, Protocol

from hotline_desk.demo.hours import OfficeHours
from hotline_desk.demo.text import CHANNEL_WEIGHTS, CLOSING, person_name, phone, pick
from hotline_desk.domain.enums.handling import CaseStatus, EventKind
from hotline_desk.domain.enums.intake import Channel

Row = dict[str, Any]
S = CaseStatus

REACHED, UNREACHED = 0.84, 0.13  # shares of an attempt's outcomes (the rest: refused)
UNREACHED_AGAIN = 0.5
"""Chance that a caller not reached is not reached the next day either."""
BASICALLY = 0.15
"""Share of ratings 基本满意 (the rest of the reached callbacks: 满意, after ``unsatisfied``)."""
RESOLVED = {"satisfied": 0.95, "basically": 0.8, "unsatisfied": 0.25}
REASONABLE = 0.6
"""Share of unsatisfied ratings the desk finds reasonable (the case is reopened)."""
MAX_REOPENS = 2
WORDS = {
    "satisfied": ["问题已经解决，谢谢你们", "答复很及时，满意", "工作人员很耐心，满意", ""],
    "basically": ["基本解决了，希望后续继续跟进", "答复还可以，就是时间长了点", ""],
    "unsatisfied": ["问题没有实际解决", "答复敷衍，没有实质内容", "至今没有人到现场核实"],
}
DUPLICATE_SHARE = 0.025
"""Share of cases someone calls or writes about again later (a duplicate)."""
MERGE_SHARE = 0.85
"""Share of duplicates of a still-open case that the desk merges (the rest: linked)."""
TITLE_PREFIX = ("再次", "催问：", "仍未解决：")
VERBS = ("反映", "投诉", "举报", "咨询", "询问", "建议", "请求")
CONTENT_PREFIX = (
    "来电人称此前已反映过此事，至今未得到解决。",
    "来电人再次来电反映：",
    "来信称：",
    "",
)


class History(Protocol):
    """What the rounds need of ``demo._History``."""

    case: Row
    status: str
    lead: int
    last: tuple[datetime, int]
    b: Any
    out: Any

    def event(self, kind: EventKind, to: CaseStatus | str, at: datetime, actor: int,
              summary: str) -> None: ...  # fmt: skip
    def step(self, kind: EventKind, to: CaseStatus, t: datetime, greeting: str) -> bool: ...


def _next_day(hours: OfficeHours, t: datetime) -> datetime:
    """An office hour of the next working day (the callback desk tries again then)."""
    day = hours.calendar.add_workdays(t.date(), 1)
    return hours.at(datetime.combine(day, time(8, 30)) + timedelta(hours=hours.rng.uniform(0, 9)))


class CallbackRounds:
    """The callback loop of one replied case, from its reply until now."""

    def __init__(self, h: History, greeting: str) -> None:
        self.h, self.greeting = h, greeting
        self.rng: random.Random = h.b.rng
        self.now: datetime = h.b.now
        self.desk: int = h.b.desk
        self.hours: OfficeHours = h.b.hours
        self.attempts = 0

    def _row(self, at: datetime, outcome: str, satisfaction: str | None = None,
             resolved: bool | None = None, words: str = "", note: str = "") -> None:  # fmt: skip
        case = self.h.case
        self.attempts += 1
        case["callback_attempts"] = self.attempts
        self.h.out.callbacks.append({
            "case_id": case["id"], "round": case["reopen_count"], "attempt_no": self.attempts,
            "at": at, "caller_id": self.desk, "outcome": outcome, "satisfaction": satisfaction,
            "resolved": resolved, "words": words, "note": note,
        })  # fmt: skip

    def _close(self, at: datetime, reason: str, summary: str) -> None:
        self.h.case.update(close_reason=reason, closed_at=at, ended_at=at)
        self.h.event(EventKind.CLOSED, S.CLOSED, at, self.desk, summary)

    def run(self, replied_at: datetime) -> None:
        h, case = self.h, self.h.case
        self.attempts = 0
        case.update(callback_status="pending", callback_attempts=0)
        if case["anonymous"] or case["confidential"]:
            t = self.hours.later(replied_at, 1, 20)
            if t <= self.now:
                reason = "匿名来电" if case["anonymous"] else "来电人要求保密"
                self._row(t, "not_required", note=reason)
                case["callback_status"] = "not_required"
                self._close(t, "not_required", f"不回访（{reason}），办结")
            return
        failed: set[object] = set()
        t = self.hours.later(replied_at, 2, 20)
        while t <= self.now:
            outcome = self._outcome(bool(failed))
            n = self.attempts + 1
            if outcome == "reached":
                self._reached(t)
                return
            if outcome == "unreached":
                self._row(t, "unreached", note="无人接听")
                h.event(EventKind.CALLBACK, h.status, t, self.desk, f"第{n}次回访：未联系上")
                failed.add(t.date())
                if len(failed) >= 3:
                    t = self.hours.later(t, 0.5, 4)
                    if t <= self.now:
                        case["callback_status"] = "unreachable"
                        text = f"联系不上，办结：3天共{self.attempts}次回访均未联系上"
                        self._close(t, "unreachable", text)
                    return
                t = _next_day(self.hours, t)
                continue
            self._row(t, "refused", note="来电人表示不需要回访")
            h.event(EventKind.CALLBACK, h.status, t, self.desk, f"第{n}次回访：拒绝回访")
            case["callback_status"] = "not_required"
            t = self.hours.later(t, 0.2, 3)
            if t <= self.now:
                self._close(t, "not_required", "来电人拒绝回访，办结")
            return

    def _outcome(self, failed_before: bool) -> str:
        if failed_before and self.rng.random() < UNREACHED_AGAIN:
            return "unreached"
        r = self.rng.random()
        return "reached" if r < REACHED else ("unreached" if r < REACHED + UNREACHED else "refused")

    def _reached(self, t: datetime) -> None:
        h, rng, case = self.h, self.rng, self.h.case
        rating = self._rating()
        resolved = rng.random() < RESOLVED[rating]
        words = rng.choice(WORDS[rating])
        self._row(t, "reached", rating, resolved, words)
        case.update(callback_status="reached", satisfaction=rating, resolved=resolved)
        label = {"satisfied": "满意", "basically": "基本满意", "unsatisfied": "不满意"}[rating]
        text = f"第{self.attempts}次回访：已联系上，{label}，{'已' if resolved else '未'}解决"
        if rating == "unsatisfied":
            case["screening"] = "pending"
            text += "，待甄别"
        h.event(EventKind.CALLBACK, h.status, t, self.desk,
                text + (f"。市民意见：{words}" if words else ""))  # fmt: skip
        low, high = (0.2, 8) if rating != "unsatisfied" else (2, 30)
        t = self.hours.later(t, low, high)
        if t > self.now:
            return
        if rating != "unsatisfied":
            self._close(t, "satisfied", f"回访{label}，办结")
        elif case["reopen_count"] < MAX_REOPENS and rng.random() < REASONABLE:
            self._reopen(t)
        else:
            case["screening"] = "unreasonable"
            self._close(t, "unreasonable", "甄别为不合理诉求，办结。理由：诉求超出政策规定范围")

    def _rating(self) -> str:
        """满意/基本满意/不满意, the unsatisfied share by section (2–10 %), so statistics and
        the red and black lists have something to show."""
        unsatisfied = 0.02 + (self.h.lead * 37 % 9) / 100
        r = self.rng.random()
        if r < unsatisfied:
            return "unsatisfied"
        return "basically" if r < unsatisfied + BASICALLY else "satisfied"

    def _reopen(self, t: datetime) -> None:
        """甄别合理 → 重办 by the same section, handled and replied again, called back again."""
        h, rng, case = self.h, self.rng, self.h.case
        count = case["reopen_count"] + 1
        case.update(screening="reasonable", reopen_count=count, reopened_at=t,
                    callback_status=None, callback_attempts=0, satisfaction=None,
                    resolved=None)  # fmt: skip
        h.event(EventKind.REOPENED, S.IN_PROGRESS, t, self.desk,
                f"甄别为合理诉求，第{count}次重办。理由：市民反映的问题尚未落实")  # fmt: skip
        for kind, to, hours in ((EventKind.REPLY_SUBMITTED, S.AWAITING_APPROVAL, 30),
                                (EventKind.REPLY_APPROVED, S.APPROVED, 6),
                                (EventKind.REPLIED, S.REPLIED, 10)):  # fmt: skip
            t = self.hours.at(max(t, h.last[0]) + timedelta(hours=hours * rng.uniform(0.3, 2.0)))
            if t > self.now or not h.step(kind, to, t, self.greeting):
                return
        self.run(max(t, h.last[0]))


# --- duplicates -------------------------------------------------------------------------------


@dataclass
class DuplicatePlan:
    """A later case about the same matter as ``master``."""

    master: Row
    received_at: datetime
    merge_at: datetime
    mode: str  # merge / link / pending (received, not yet looked at)
    master_event: Row | None = None  # the master's timeline line, completed with the case no
    batch: Any = None
    text: dict[str, Any] = field(default_factory=dict)


def reword_title(rng: random.Random, title: str) -> str:
    r = rng.random()
    if r < 0.4:
        return title
    core = title[2:] if title.startswith(VERBS) else title
    if r < 0.75:
        prefix = rng.choice(TITLE_PREFIX)
        return prefix + title if prefix == "再次" and title.startswith(VERBS) else prefix + core
    return f"关于{core}的问题"


def reword_content(rng: random.Random, content: str) -> str:
    body = next((content[: -len(c)] for c in CLOSING if content.endswith(c)), content)
    return rng.choice(CONTENT_PREFIX) + body + rng.choice(CLOSING)


def _status_at(events: list[Row], at: datetime) -> str:
    current = events[0]["to_status"]
    for ev in events:
        if ev["at"] > at:
            break
        current = ev["to_status"]
    return str(current)


def insert_event(out: Any, start: int, row: Row) -> Row:
    """Put ``row`` into the case's events (``out.events[start:]``, the case just built) in time
    order and renumber their ids, so ids still grow with time within the case."""
    tail = out.events[start:]
    place = next((i for i, ev in enumerate(tail) if ev["at"] > row["at"]), len(tail))
    tail.insert(place, row)
    first_id = out.events[start]["id"]
    for n, ev in enumerate(tail):
        ev["id"] = first_id + n
    out.events[start:] = tail
    out.next_event = first_id + len(tail)
    return row


class DuplicatePlanner:
    def __init__(self, rng: random.Random, start: datetime, offsets: list[float],
                 now: datetime, desk: int, hours: OfficeHours) -> None:  # fmt: skip
        self.rng, self.start, self.offsets, self.now, self.desk = rng, start, offsets, now, desk
        self.hours = hours
        self.pending: dict[int, DuplicatePlan] = {}
        self.late_summaries: list[tuple[int, str]] = []  # events already written to the database

    def _gap(self) -> timedelta:
        rng = self.rng
        days = rng.expovariate(1 / 2) if rng.random() < 0.8 else rng.uniform(2, 35)
        return timedelta(days=days)

    def plan(self, index: int, master: Row, out: Any, start: int, topic_lead: int | None,
             section_code: str | None) -> None:  # fmt: skip
        """Perhaps plan a later duplicate of the case just built (events: out.events[start:])."""
        rng = self.rng
        if rng.random() >= DUPLICATE_SHARE or master["status"] in (S.REJECTED, S.MERGED):
            return
        received: datetime = master["received_at"]
        at = (received + self._gap() - self.start).total_seconds()
        j = bisect_left(self.offsets, at)
        while j in self.pending or j <= index:
            j += 1
        if j >= len(self.offsets):
            return
        dup_received = (self.start + timedelta(seconds=self.offsets[j])).replace(microsecond=0)
        merge_at = self.hours.at(dup_received + timedelta(minutes=rng.uniform(5, 45)))
        plan = DuplicatePlan(master, dup_received, merge_at, "pending", batch=out)
        if merge_at <= self.now:
            state = _status_at(out.events[start:], merge_at)
            open_ = state not in (S.CLOSED, S.REJECTED, S.MERGED)
            plan.mode = "merge" if open_ and rng.random() < MERGE_SHARE else "link"
            kind = EventKind.DUPLICATE_JOINED if plan.mode == "merge" else EventKind.LINKED
            plan.master_event = insert_event(out, start, {
                "id": 0, "case_id": master["id"], "at": merge_at, "actor_id": self.desk,
                "kind": kind.value, "from_status": state, "to_status": state, "summary": "",
                "changes": "{}",
            })  # fmt: skip
        plan.text = self._text(master)
        plan.text.update(topic_lead=topic_lead, section_code=section_code)
        self.pending[j] = plan

    def _text(self, master: Row) -> dict[str, Any]:
        """The later case's fields: the same matter in other words, often the same caller."""
        rng = self.rng
        text: dict[str, Any] = {
            "title": reword_title(rng, master["title"]),
            "content": reword_content(rng, master["content"]),
            "channel": Channel(master["channel"]),
            "caller_name": master["caller_name"], "caller_phone": master["caller_phone"],
            "caller_address": master["caller_address"], "topic_id": master["topic_id"],
            "category": master["category"],
        }  # fmt: skip
        if rng.random() < 0.35:
            channel = pick(rng, CHANNEL_WEIGHTS)
            assert isinstance(channel, Channel)
            text["channel"] = channel
        if rng.random() < 0.3 and not master["anonymous"]:
            text.update(caller_name=person_name(rng), caller_phone=phone(rng))
        return text

    def take(self, index: int) -> DuplicatePlan | None:
        return self.pending.pop(index, None)

    def joined(self, plan: DuplicatePlan, dup: Row, out: Any, start: int) -> None:
        """The duplicate was built: its link row, its own line and the master's line."""
        master = plan.master
        if plan.mode == "pending":
            return
        out.links.append({
            "case_id": dup["id"], "other_case_id": master["id"], "kind": "duplicate",
            "note": "", "created_by": self.desk, "created_at": plan.merge_at,
        })  # fmt: skip
        if plan.mode == "merge":
            summary = (
                f"并入重复件 {dup['case_no']}（{Channel(dup['channel']).label}，"
                f"{dup['received_at']:%m-%d %H:%M}受理）：{dup['title']}。{dup['content']}"
            )
        else:
            summary = f"关联重复件：{dup['case_no']} {dup['title']}"
            state = _status_at(out.events[start:], plan.merge_at)
            insert_event(out, start, {
                "id": 0, "case_id": dup["id"], "at": plan.merge_at, "actor_id": self.desk,
                "kind": EventKind.LINKED.value, "from_status": state, "to_status": state,
                "summary": f"关联重复件：{master['case_no']} {master['title']}",
                "changes": "{}",
            })  # fmt: skip
        assert plan.master_event is not None
        if plan.batch is not None and getattr(plan.batch, "written", False):
            self.late_summaries.append((plan.master_event["id"], summary))
        else:
            plan.master_event["summary"] = summary
