"""Demo data of deadlines and supervision: for an open demo case, the extension its section
asked for (mostly approved), and the urges and orders the desk would have issued by now on an
overdue or nearly-due case — the rows the services write, added to the generator's batch."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from hotline_desk.demo.rows import RowView
from hotline_desk.domain.calendar import end_of_day
from hotline_desk.domain.deadlines import overdue_since_before
from hotline_desk.domain.enums.handling import CaseStatus, EventKind
from hotline_desk.services.supervision.clocks import apply_extension

if TYPE_CHECKING:
    from hotline_desk.demo.cases import History

S = CaseStatus
SUPERVISED = frozenset({S.DISPATCHED, S.IN_PROGRESS, S.AWAITING_APPROVAL, S.APPROVED})
EXTENSION_SHARE = 0.08
REASONS = (
    "需会同区经信局现场核查，企业补充材料尚未提交。",
    "涉及多个部门职责，需召开协调会研究。",
    "来电人反映情况较复杂，需进一步调查核实。",
)


def _at_work(day: datetime, hour: int) -> datetime:
    return datetime.combine(day.date(), time(hour, 0))


def supervise(h: History) -> None:
    """Add this case's extension request, urges and orders (open cases of sections only)."""
    case, rng = h.case, h.b.rng
    if case["tier"] in (None, 1) or h.status not in SUPERVISED or case["reply_deadline"] is None:
        return
    if h.status == S.IN_PROGRESS and rng.random() < EXTENSION_SHARE:
        _extension(h)
    due, warn = case["due_at"], case["warn_at"]
    if due is None:
        return
    now = h.b.now
    if due < now and rng.random() < 0.75:
        _urges(h, due)
        if due < overdue_since_before(h.b.rules.calendar, now, 5) and rng.random() < 0.5:
            _order(h, "red", due, "该件已超期5个工作日以上仍未答复，予以红牌督办。")
    elif warn is not None and warn <= now < due and rng.random() < 0.12:
        _order(h, "yellow", warn, "该件临近答复期限，请抓紧办理。")


def _unit(h: History) -> int:
    return h.case["handling_unit_id"] or h.case["lead_unit_id"]


def _extension(h: History) -> None:
    case, rng, now = h.case, h.b.rng, h.b.now
    due = case["reply_deadline"]
    asked = h.b.hours.later(h.last[0], 2, 30)
    if asked >= min(due, now):
        return
    unit = _unit(h)
    handler = h.b.org.handler[unit] if unit in h.b.org.handler else h.last[1]
    days = rng.choice((3, 5, 5, 10))
    reason = rng.choice(REASONS)
    row = {
        "case_id": case["id"],
        "org_unit_id": unit,
        "reason": reason,
        "workdays": days,
        "requested_by": handler,
        "requested_at": asked,
        "status": "pending",
        "decided_by": None,
        "decided_at": None,
        "decision_note": "",
        "deadline_before": due,
        "deadline_after": None,
    }
    h.event(
        EventKind.EXTENSION_REQUESTED,
        h.status,
        asked,
        handler,
        f"申请延期 {days} 个工作日（现答复期限 {due:%Y-%m-%d}）：{reason}",
    )
    decided = h.b.hours.later(asked, 1, 20)
    if decided <= now:
        desk = h.b.desk
        if rng.random() < 0.8:
            before, after = apply_extension(h.b.rules, RowView(case), days)  # type: ignore[arg-type]
            row.update(status="approved", decided_by=desk, decided_at=decided, deadline_after=after)
            h.event(
                EventKind.EXTENSION_APPROVED,
                h.status,
                decided,
                desk,
                f"同意延期 {days} 个工作日，答复期限由 {before:%Y-%m-%d} 延至 {after:%Y-%m-%d}",
            )
        else:
            note = "咨询类事项可先行答复，不同意延期。"
            row.update(status="denied", decided_by=desk, decided_at=decided, decision_note=note)
            h.event(
                EventKind.EXTENSION_DENIED,
                h.status,
                decided,
                desk,
                f"不同意延期 {days} 个工作日：{note}",
            )
    h.out.extensions.append(row)


def _urges(h: History, due: datetime) -> None:
    rng, cal, now = h.b.rng, h.b.rules.calendar, h.b.now
    day = cal.add_workdays(due.date(), 1)
    count = 0
    for _ in range(1 + (rng.random() < 0.4)):
        at = _at_work(datetime.combine(day, time()), 9) + timedelta(minutes=rng.randrange(180))
        if at > now or at <= h.last[0]:
            break
        count += 1
        read_at = h.b.hours.later(at, 1, 4)
        read = rng.random() < 0.6 and read_at <= now
        h.out.supervisions.append(
            {
                "case_id": h.case["id"],
                "kind": "urge",
                "level": None,
                "org_unit_id": _unit(h),
                "text": "该件已超过答复期限，请抓紧办理并于今日反馈进展。",
                "issued_by": h.b.desk,
                "issued_at": at,
                "response_due": None,
                "status": "acknowledged" if read else "sent",
                "response": "",
                "responded_by": h.b.org.handler.get(_unit(h)) if read else None,
                "responded_at": read_at if read else None,
                "closed_by": None,
                "closed_at": None,
                "close_note": "",
            }
        )
        h.event(
            EventKind.URGED,
            h.status,
            at,
            h.b.desk,
            f"第 {count} 次催办：该件已超过答复期限，请抓紧办理并于今日反馈进展。",
        )
        day = cal.add_workdays(day, 2)
    h.case["urge_count"] = count


def _order(h: History, level: str, since: datetime, reason: str) -> None:
    rng, cal, now = h.b.rng, h.b.rules.calendar, h.b.now
    if level == "red":
        day = cal.add_workdays(since.date(), 5)
    else:
        day = since.date() if cal.is_workday(since.date()) else cal.add_workdays(since.date(), 1)
    at = max(_at_work(datetime.combine(day, time()), 10), since, h.last[0] + timedelta(minutes=5))
    at = h.b.hours.at(at)
    if at > now:
        return
    response_due = end_of_day(cal.add_workdays(at.date(), 3))
    answered_at = h.b.hours.later(at, 18, 22)
    answered = rng.random() < 0.5 and answered_at <= now
    unit = _unit(h)
    h.out.supervisions.append(
        {
            "case_id": h.case["id"],
            "kind": "order",
            "level": level,
            "org_unit_id": unit,
            "text": reason,
            "issued_by": h.b.desk,
            "issued_at": at,
            "response_due": response_due,
            "status": "answered" if answered else "open",
            "response": "已约请企业负责人现场核实，预计三个工作日内答复。" if answered else "",
            "responded_by": h.b.org.handler.get(unit) if answered else None,
            "responded_at": answered_at if answered else None,
            "closed_by": None,
            "closed_at": None,
            "close_note": "",
        }
    )
    name = "红牌" if level == "red" else "黄牌"
    h.event(
        EventKind.ORDERED,
        h.status,
        at,
        h.b.desk,
        f"发出{name}督办单（限 {response_due:%Y-%m-%d} 前回复）：{reason}",
    )
    if answered:
        h.event(
            EventKind.ORDER_ANSWERED,
            h.status,
            answered_at,
            h.b.org.handler.get(unit, h.b.desk),
            "回复督办单：已约请企业负责人现场核实。",
        )
    h.case["order_level"] = level
