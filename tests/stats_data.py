"""A hand-built dataset for the statistics tests: 46 cases across September, October and November
2026 written as explicit rows (cases with their timestamps, callbacks, extensions, return
requests, reopen events, duplicate links), covering every path — direct, routed, 交办, returned
and re-routed, extended, late, reopened, merged, linked, rejected, never routed, callbacks
reached / unreached / refused / not required, anonymous — and the month boundaries.

Sections: A = 综合科 (ZHK), B = 财务科 (CWK), C = 法规科 (FGK), O = 办公室 (tier 1).
The rows are written as a database of an earlier release holds them, then their facts are
derived as the upgrade does (``services/stats/rebuild.py``). Cases 43–46 are the ones whose
months used to move after the month was over (issue 12).
The expected figures (worked out by hand from this table) are in tests/services/test_stats.py.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from hotline_desk.services.context import ServiceContext
from hotline_desk.services.stats.rebuild import rebuild_facts
from hotline_desk.store.fact_recorder import RECORD
from hotline_desk.store.models import Case, CaseEvent, OrgUnit, ReturnRequest, Topic
from hotline_desk.store.models.callbacks import Callback, CaseLink
from hotline_desk.store.models.deadlines import Extension

UNITS = {"A": "ZHK", "B": "CWK", "C": "FGK", "O": "BGS"}
TOPICS = {"A": "QYZC", "B": "ZJFC", "C": "QLQD", "O": "QTSX", None: "QYZC"}
CALLER = {"name": "王建国", "phone": "13912345678", "address": "人民路12号"}


def D(m: int, d: int, h: int = 10, mi: int = 0) -> datetime:  # noqa: N802
    return datetime(2026, m, d, h, mi)


def E(m: int, d: int) -> datetime:  # noqa: N802 - a deadline: the close of the day
    return datetime(2026, m, d, 23, 59, 59)


def _cb(at: datetime, outcome: str = "reached", sat: str | None = "satisfied",
        resolved: bool | None = True) -> dict[str, Any]:  # fmt: skip
    if outcome != "reached":
        sat, resolved = None, None
    return {"at": at, "outcome": outcome, "satisfaction": sat, "resolved": resolved}


def _routed(unit: str, dispatched: datetime, signed: datetime | None, sign_dl: datetime,
            reply_dl: datetime, **rest: Any) -> dict[str, Any]:  # fmt: skip
    return {"unit": unit, "tier": 2, "dispatched_at": dispatched, "signed_at": signed,
            "sign_deadline": sign_dl, "reply_deadline": reply_dl, **rest}  # fmt: skip


def _replied(at: datetime, workdays: int, callback_dl: datetime, status: str = "reached",
             closed: datetime | None = None) -> dict[str, Any]:  # fmt: skip
    out: dict[str, Any] = {"replied_at": at, "reply_workdays": workdays,
                           "callback_deadline": callback_dl, "callback_status": status}  # fmt: skip
    if closed is not None:
        out.update(closed_at=closed, ended_at=closed, status="closed")
    else:
        out.setdefault("status", "replied")
    return out


# n: (received, channel, category, fields…); statuses default to what the fields imply.
CASES: dict[int, dict[str, Any]] = {
    # --- September, carried into October ---------------------------------------------------
    1: {"received_at": D(9, 20), **_routed("A", D(9, 20), D(9, 21), E(9, 21), E(10, 12)),
        **_replied(D(10, 10), 14, E(10, 11), closed=D(10, 11, 15)),
        "callbacks": [_cb(D(10, 11, 15))]},
    2: {"received_at": D(9, 25), **_routed("B", D(9, 25), D(9, 26), E(9, 26), E(10, 16)),
        **_replied(D(11, 3), 27, E(11, 4), closed=D(11, 4, 15)),
        "callbacks": [_cb(D(11, 4, 15))]},
    3: {"received_at": D(9, 28), "unit": "O", "tier": 1, "dispatched_at": D(9, 28),
        "signed_at": D(9, 28), "reply_deadline": E(10, 9),
        **_replied(D(10, 9), 3, E(10, 10), "unreachable", closed=D(10, 10, 17)),
        "close_reason": "unreachable",
        "callbacks": [_cb(D(10, 10, 9 + i), "unreached") for i in range(3)]},
    4: {"received_at": D(9, 10), **_routed("C", D(9, 10), D(9, 10), E(9, 11), E(10, 8)),
        **_replied(D(9, 25), 11, E(9, 28), closed=datetime(2026, 9, 30, 23, 59)),
        "callbacks": [_cb(datetime(2026, 9, 30, 23, 59))]},
    5: {"received_at": datetime(2026, 9, 30, 23, 30), "status": "registered"},
    6: {"received_at": D(9, 15), "status": "rejected", "ended_at": D(9, 15, 11)},
    7: {"received_at": D(9, 29), **_routed("A", D(9, 29), D(9, 29), E(9, 30), E(10, 27),
                                           reply_deadline_original=E(10, 20), extension_days=5),
        **_replied(D(10, 26), 19, E(10, 27), closed=D(10, 27, 15)),
        "callbacks": [_cb(D(10, 27, 15), sat="basically")],
        "extensions": [("approved", D(10, 15), E(10, 20), E(10, 27))]},
    # --- October --------------------------------------------------------------------------
    8: {"received_at": D(10, 8), **_routed("A", D(10, 8), D(10, 8, 15), E(10, 9), E(10, 13)),
        **_replied(D(10, 12), 3, E(10, 13), closed=D(10, 13, 15)),
        "callbacks": [_cb(D(10, 13, 15))]},
    9: {"received_at": D(10, 9), "channel": "mailbox", "category": "complaint",
        **_routed("B", D(10, 9), D(10, 12), E(10, 10), E(10, 30)),
        **_replied(D(10, 29), 14, E(10, 30), closed=D(10, 30, 16)),
        "close_reason": "unreasonable", "screening": "unreasonable",
        "callbacks": [_cb(D(10, 30, 15), sat="unsatisfied", resolved=False)]},
    10: {"received_at": D(10, 10), "category": "help",
         **_routed("B", D(10, 10), D(10, 10, 14), E(10, 11), E(10, 17)),
         **_replied(D(10, 20), 7, E(10, 21), closed=D(10, 22, 15)),
         "callbacks": [_cb(D(10, 21, 15), "unreached"), _cb(D(10, 22, 15))]},
    11: {"received_at": D(10, 12), "channel": "platform", "tier": 3,
         **{k: v for k, v in _routed("C", D(10, 12), D(10, 12, 15), E(10, 13),
                                     E(10, 15)).items() if k != "tier"},
         **_replied(D(11, 2), 15, E(11, 3), closed=D(11, 3, 15)),
         "callbacks": [_cb(D(11, 3, 15))]},
    12: {"received_at": D(10, 14), "category": "complaint", "status": "in_progress",
         **_routed("A", D(10, 14), D(10, 14, 15), E(10, 15), E(11, 4))},
    13: {"received_at": D(10, 15), "status": "merged", "merged_into": 8,
         "ended_at": D(10, 15, 11)},
    14: {"received_at": D(10, 16), "category": "help", "duplicate_of": 10,
         **_routed("B", D(10, 16), D(10, 17, 9), E(10, 17), E(10, 23)),
         **_replied(D(10, 23), 5, E(10, 24), "not_required", closed=D(10, 24, 15)),
         "close_reason": "not_required", "callbacks": [_cb(D(10, 24, 15), "not_required")]},
    15: {"received_at": D(10, 18), "channel": "mailbox", "category": "suggestion",
         "anonymous": True, **_routed("C", D(10, 18), D(10, 19), E(10, 19), E(10, 30)),
         **_replied(D(10, 30), 9, E(10, 31), "not_required", closed=D(10, 31, 16)),
         "close_reason": "not_required"},
    16: {"received_at": D(10, 20), "unit": "O", "tier": 1, "dispatched_at": D(10, 20),
         "signed_at": D(10, 20), "reply_deadline": E(10, 23),
         **_replied(D(10, 21), 1, E(10, 22), closed=D(10, 22, 16)),
         "callbacks": [_cb(D(10, 22, 16))]},
    17: {"received_at": D(10, 22), "channel": "visit", "category": "report", "unit": "O",
         "tier": 1, "dispatched_at": D(10, 22), "signed_at": D(10, 22),
         "reply_deadline": E(10, 27), **_replied(D(10, 28), 4, E(10, 29), "pending"),
         "callbacks": [_cb(D(10, 29, 10), "refused")]},
    18: {"received_at": D(10, 25),
         **_routed("C", D(10, 27), D(10, 28, 9), E(10, 28), E(11, 8)), "return_count": 1,
         **_replied(D(11, 6), 8, E(11, 7), closed=D(11, 7, 15)),
         "callbacks": [_cb(D(11, 7, 15))],
         "returns": [("A", D(10, 26), "approved", D(10, 27, 9))]},
    19: {"received_at": D(10, 28), **_routed("B", D(10, 28), D(10, 31), E(10, 29), E(11, 4)),
         "return_count": 1, **_replied(D(11, 4), 5, E(11, 5), closed=D(11, 5, 15)),
         "callbacks": [_cb(D(11, 5, 15))],
         "returns": [("B", D(10, 29), "rejected", D(10, 30))]},
    20: {"received_at": datetime(2026, 10, 31, 23, 59), "status": "registered"},
    21: {"received_at": D(10, 5), "category": "other", "status": "rejected",
         "ended_at": D(10, 5, 11)},
    22: {"received_at": D(10, 2), "category": "complaint",
         **_routed("C", D(10, 2), D(10, 3), E(10, 8), E(10, 29),
                   reply_deadline_original=E(10, 23)),
         "reopen_count": 1, "reopened_at": D(10, 24),
         **_replied(D(11, 2), 20, E(11, 3), closed=D(11, 3, 16)),
         "callbacks": [_cb(D(10, 23, 15), sat="unsatisfied", resolved=False),
                       {**_cb(D(11, 3, 15)), "round": 1}],
         "reopens": [D(10, 24)], "events": [("replied", D(10, 22))]},
    42: {"received_at": D(10, 30), **_routed("A", D(11, 2), D(11, 2, 15), E(11, 3), E(11, 4)),
         **_replied(D(11, 4), 3, E(11, 5), closed=D(11, 5, 16)),
         "callbacks": [_cb(D(11, 5, 15))]},
    # --- November -------------------------------------------------------------------------
    23: {"received_at": D(11, 2), **_routed("A", D(11, 2), D(11, 2, 15), E(11, 3), E(11, 5)),
         **_replied(D(11, 5), 3, E(11, 6), closed=D(11, 6, 15)),
         "callbacks": [_cb(D(11, 6, 15))]},
    24: {"received_at": D(11, 3), **_routed("A", D(11, 3), D(11, 4, 9), E(11, 4), E(11, 6)),
         **_replied(D(11, 9), 4, E(11, 10), closed=D(11, 10, 15)),
         "callbacks": [_cb(D(11, 10, 15), sat="basically")]},
    25: {"received_at": D(11, 4), "channel": "mailbox", "category": "complaint",
         **_routed("B", D(11, 4), D(11, 6), E(11, 5), E(12, 2),
                   reply_deadline_original=E(11, 25), extension_days=5),
         **_replied(D(11, 28), 18, E(11, 30), "pending"),
         "extensions": [("approved", D(11, 20), E(11, 25), E(12, 2))]},
    26: {"received_at": D(11, 5), "category": "help", "status": "in_progress",
         **_routed("B", D(11, 5), D(11, 5, 15), E(11, 6), E(11, 12)),
         "extensions": [("denied", D(11, 11), E(11, 12), None)]},
    27: {"received_at": D(11, 6), "category": "help", "tier": 3,
         **{k: v for k, v in _routed("C", D(11, 6), D(11, 6, 15), E(11, 7),
                                     E(11, 13)).items() if k != "tier"},
         **_replied(D(11, 13), 5, E(11, 14), "unreachable", closed=D(11, 18, 17)),
         "close_reason": "unreachable",
         "callbacks": [_cb(D(11, 16 + i, 15), "unreached") for i in range(3)]},
    28: {"received_at": D(11, 9), "status": "merged", "merged_into": 23,
         "ended_at": D(11, 9, 11)},
    29: {"received_at": D(11, 10), "status": "merged", "merged_into": 2, "duplicate_of": 2,
         "ended_at": D(11, 10, 11)},
    30: {"received_at": D(11, 11), "channel": "mailbox", "category": "suggestion",
         "publish_consent": True, "unit": "O", "tier": 1, "dispatched_at": D(11, 11),
         "signed_at": D(11, 11), "reply_deadline": E(11, 18),
         **_replied(D(11, 13), 2, E(11, 16), closed=D(11, 16, 16)),
         "callbacks": [_cb(D(11, 16, 15))]},
    31: {"received_at": D(11, 12), "category": "complaint", "status": "in_progress",
         **_routed("A", D(11, 12), D(11, 12, 15), E(11, 13), E(12, 3))},
    32: {"received_at": D(11, 13), "status": "dispatched", "return_count": 1,
         **_routed("B", D(11, 15), D(11, 14), E(11, 16), E(11, 18)),
         "returns": [("A", D(11, 14, 15), "approved", D(11, 15, 9))],
         "events": [("dispatched", D(11, 13))]},  # first to A, returned, re-dispatched to B
    33: {"received_at": D(11, 16), "category": "help",
         **_routed("C", D(11, 16), D(11, 16, 15), E(11, 17), E(11, 27),
                   reply_deadline_original=E(11, 23)),
         **_replied(D(11, 20), 4, E(11, 23)), "status": "in_progress", "reopen_count": 1,
         "reopened_at": D(11, 24), "screening": "reasonable",
         "callbacks": [_cb(D(11, 23, 15), sat="unsatisfied", resolved=False)],
         "reopens": [D(11, 24)]},
    34: {"received_at": D(11, 18), "channel": "platform",
         **_routed("C", D(11, 18), D(11, 18, 15), E(11, 19), E(11, 21)),
         **_replied(D(11, 21), 3, E(11, 24), closed=D(11, 24, 15)),
         "callbacks": [_cb(D(11, 24, 15))]},
    35: {"received_at": D(11, 20), "anonymous": True,
         **_routed("A", D(11, 20), D(11, 20, 15), E(11, 21), E(11, 25)),
         **_replied(D(11, 25), 3, E(11, 26), "pending")},
    36: {"received_at": D(11, 23), "status": "registered"},
    37: {"received_at": D(11, 25), "category": "other", "status": "rejected",
         "ended_at": D(11, 25, 11)},
    38: {"received_at": D(11, 26), "channel": "visit", "category": "complaint", "unit": "O",
         "tier": 1, "dispatched_at": D(11, 26), "signed_at": D(11, 26),
         "reply_deadline": E(12, 17), "status": "in_progress"},
    39: {"received_at": datetime(2026, 11, 30, 23, 59), "status": "registered"},
    40: {"received_at": datetime(2026, 12, 1, 0, 0), "status": "registered"},
    41: {"received_at": D(11, 27), "category": "help", "status": "in_progress",
         **_routed("B", D(11, 27), D(11, 30, 9), E(11, 30), E(12, 4))},
    # --- the cases that broke the figures of a month after it was over (issue 12) --------
    # closed in October, reopened in November (closed before November, reopened within it)
    43: {"received_at": D(10, 5),
         **_routed("A", D(10, 5), D(10, 5, 15), E(10, 6), E(11, 10),
                   reply_deadline_original=E(11, 10)),
         **_replied(D(11, 9), 24, E(11, 10), closed=D(11, 10, 15)),
         "reopen_count": 1, "reopened_at": D(11, 3), "reopens": [D(11, 3)],
         "events": [("replied", D(10, 14)), ("closed", D(10, 16, 15))],
         "callbacks": [_cb(D(10, 16, 15)), {**_cb(D(11, 10, 15)), "round": 1}]},
    # its callback fell due in October and was reached only in November
    44: {"received_at": D(10, 19), **_routed("B", D(10, 19), D(10, 19, 15), E(10, 20), E(10, 30)),
         **_replied(D(10, 27), 6, E(10, 30), closed=D(11, 2, 15)),
         "callbacks": [_cb(D(10, 29, 10), "unreached"), _cb(D(11, 2, 15))]},
    # never routed, past its reply deadline (the clock runs from receipt)
    45: {"received_at": D(10, 12), "status": "registered", "reply_deadline": E(10, 15)},
    # received in October, merged in November into case 4 of September
    46: {"received_at": D(10, 29), "status": "merged", "merged_into": 4,
         "ended_at": D(11, 2, 11), "merged_at": D(11, 2, 11)},
}  # fmt: skip
RELATED = (
    "callbacks",
    "extensions",
    "returns",
    "reopens",
    "merged_into",
    "duplicate_of",
    "unit",
    "events",
    "merged_at",
)


def case_row(n: int, units: dict[str, int], topics: dict[str, int]) -> dict[str, Any]:
    """Case ``n``'s row of ``cases`` as plain column values (no id; ``merged_into_id`` is set
    once every case has one: ``MERGED_INTO``). ``units``/``topics``: code → database id."""
    spec = CASES[n]
    unit = spec.get("unit")
    received = spec["received_at"]
    values = {k: v for k, v in spec.items() if k not in RELATED}
    values.setdefault("status", "in_progress")
    values.setdefault("reply_deadline_original", values.get("reply_deadline"))
    anonymous = bool(values.get("anonymous"))
    row = {
        "case_no": f"RX{received:%Y%m%d}-{n:04d}", "query_code": f"{n:06d}",
        "channel": "hotline", "category": "consult", "urgency": "normal",
        "title": f"测试办件{n}",
        "content": f"来电人反映企业政策申报问题，联系电话{CALLER['phone']}。",
        "caller_name": "" if anonymous else CALLER["name"] + str(n),
        "caller_phone": "" if anonymous else CALLER["phone"],
        "caller_address": "" if anonymous else CALLER["address"],
        "topic_id": topics[TOPICS[unit]],
        "lead_unit_id": units[UNITS[unit]] if unit else None,
        "created_at": received, "updated_at": received,
    }  # fmt: skip
    return {**row, **values}


def related_rows(
    n: int, ids: dict[int, int], units: dict[str, int]
) -> list[tuple[str, dict[str, Any]]]:
    """Case ``n``'s rows of the other tables, in the order they are written: (table name,
    column values); ``ids``: case number → database id."""
    spec, case_id = CASES[n], ids[n]
    out: list[tuple[str, dict[str, Any]]] = []
    for i, cb in enumerate(spec.get("callbacks", ()), start=1):
        out.append(("callbacks", {"case_id": case_id, "attempt_no": i, "round": 0, **cb}))
    unit = units[UNITS[spec["unit"]]] if spec.get("unit") else None
    for status, decided, before, after in spec.get("extensions", ()):
        out.append(("extensions", {
            "case_id": case_id, "org_unit_id": unit, "reason": "需协调", "workdays": 5,
            "requested_at": decided, "status": status, "decided_at": decided,
            "deadline_before": before, "deadline_after": after}))  # fmt: skip
    for asker, asked, decision, decided in spec.get("returns", ()):
        out.append(("return_requests", {
            "case_id": case_id, "org_unit_id": units[UNITS[asker]], "reason": "not_our_duty",
            "from_status": "in_progress", "requested_at": asked, "decision": decision,
            "decided_at": decided}))  # fmt: skip
    for at in spec.get("reopens", ()):
        out.append(("case_events", {"case_id": case_id, "at": at, "kind": "reopened",
                                    "from_status": "replied", "to_status": "in_progress",
                                    "summary": "重办"}))  # fmt: skip
    for kind, at in spec.get("events", ()):
        out.append(("case_events", {"case_id": case_id, "at": at, "kind": kind, "summary": kind}))
    if "merged_at" in spec:
        out.append(("case_events", {"case_id": case_id, "at": spec["merged_at"],
                                    "kind": "merged", "summary": "并单"}))  # fmt: skip
    if "duplicate_of" in spec:
        out.append(("case_links", {"case_id": case_id, "kind": "duplicate",
                                   "other_case_id": ids[spec["duplicate_of"]],
                                   "created_at": spec["received_at"]}))  # fmt: skip
    return out


MERGED_INTO = {n: spec["merged_into"] for n, spec in CASES.items() if "merged_into" in spec}
"""Case number → the case number it was merged into (``cases.merged_into_id``)."""
MODELS: dict[str, type[Any]] = {
    "callbacks": Callback,
    "extensions": Extension,
    "return_requests": ReturnRequest,
    "case_events": CaseEvent,
    "case_links": CaseLink,
}


def build(ctx: ServiceContext) -> dict[int, int]:
    """Write the dataset; returns case number n → database id."""
    with ctx.uow.write() as uow:
        s = uow.session
        s.info[RECORD] = False  # written with its history at once: derived below, as an upgrade
        units = dict(s.execute(select(OrgUnit.code, OrgUnit.id)).all())
        topics = dict(s.execute(select(Topic.code, Topic.id)).all())
        ids: dict[int, int] = {}
        for n in sorted(CASES):
            case = Case(**case_row(n, units, topics))
            s.add(case)
            s.flush()
            ids[n] = case.id
        for n in CASES:
            for table, values in related_rows(n, ids, units):
                s.add(MODELS[table](**values))
        for n, target in MERGED_INTO.items():
            s.execute(
                Case.__table__.update().where(Case.id == ids[n]).values(merged_into_id=ids[target])
            )
        s.flush()
        rebuild_facts(s.connection())
        uow.commit()
    return ids
