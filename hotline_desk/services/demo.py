"""Demo data: demo users for every role and N realistic cases over the last 12 months.

Bulk Core inserts (``executemany``) in batches, not one ORM object at a time, so a million
cases take minutes. Demo accounts are only ever created by this module.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from hotline_desk.domain.enums import CASE_NO_PREFIX, CaseStatus, Channel, EventKind, Role
from hotline_desk.domain.errors import DeskError
from hotline_desk.services.audit import record_audit
from hotline_desk.services.auth import hash_password
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.demo_text import address, person_name, title_and_content
from hotline_desk.store.models import (
    Case,
    CaseEvent,
    CaseNoCounter,
    OrgUnit,
    Topic,
    User,
    UserRole,
)

DEMO_PASSWORD = "Demo@2026"
# username, display name, section code, roles
DEMO_USERS: list[tuple[str, str, str, tuple[Role, ...]]] = [
    ("dengji", "李登记", "BGS", (Role.INTAKE,)),
    ("duban", "王督办", "BGS", (Role.DESK, Role.INTAKE)),
    ("jingban", "陈经办", "CYFZ", (Role.HANDLER,)),
    ("kezhang", "赵科长", "CYFZ", (Role.SECTION_HEAD, Role.HANDLER)),
    ("jingban2", "孙经办", "ZXQY", (Role.HANDLER,)),
    ("kezhang2", "周科长", "ZXQY", (Role.SECTION_HEAD,)),
    ("lingdao", "刘局长", "BGS", (Role.LEADER,)),
    ("sysadmin", "吴系统", "BGS", (Role.SYS_ADMIN,)),
    ("secadmin", "郑安全", "BGS", (Role.SEC_ADMIN,)),
    ("auditadmin", "冯审计", "BGS", (Role.AUDIT_ADMIN,)),
]
BATCH = 20_000
MOBILE_PREFIXES = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151",
                   "152", "155", "156", "157", "158", "159", "177", "180", "181", "182", "183",
                   "186", "187", "188", "189", "199"]  # fmt: skip
CHANNEL_WEIGHTS = [(Channel.HOTLINE, 55), (Channel.MAILBOX, 20), (Channel.PLATFORM, 20),
                   (Channel.VISIT, 3), (Channel.OTHER, 2)]  # fmt: skip
CATEGORY_WEIGHTS = [("consult", 35), ("help", 15), ("complaint", 25), ("report", 8),
                    ("suggestion", 10), ("praise", 3), ("other", 4)]  # fmt: skip


@dataclass(frozen=True)
class DemoReport:
    cases: int
    events: int
    seconds: float


def _phone(rng: random.Random) -> str:
    if rng.random() < 0.85:
        return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"
    return rng.choice(["0571-8", "0571-5", "010-6", "021-5"]) + f"{rng.randrange(10**7):07d}"


def _pick(rng: random.Random, weighted: list[tuple[object, int]]) -> object:
    return rng.choices([w[0] for w in weighted], [w[1] for w in weighted])[0]


# The chain of timeline events a case goes through: (kind, to_status, typical hours later).
ROUTED_CHAIN = [
    (EventKind.DISPATCHED, CaseStatus.DISPATCHED, 3),
    (EventKind.SIGNED, CaseStatus.IN_PROGRESS, 6),
    (EventKind.REPLY_SUBMITTED, CaseStatus.AWAITING_APPROVAL, 72),
    (EventKind.REPLIED, CaseStatus.REPLIED, 24),
    (EventKind.CLOSED, CaseStatus.CLOSED, 30),
]
DIRECT_CHAIN = [
    (EventKind.REPLY_SUBMITTED, CaseStatus.AWAITING_APPROVAL, 4),
    (EventKind.REPLIED, CaseStatus.REPLIED, 6),
    (EventKind.CLOSED, CaseStatus.CLOSED, 30),
]
SUMMARIES = {
    EventKind.REGISTERED: "登记",
    EventKind.DISPATCHED: "转办至{unit}",
    EventKind.SIGNED: "{unit}签收",
    EventKind.REPLY_SUBMITTED: "提交拟答复意见",
    EventKind.REPLIED: "电话答复来电人",
    EventKind.CLOSED: "回访满意,办结",
    EventKind.REJECTED: "不予受理:属诉讼、仲裁事项",
    EventKind.MERGED: "重复来电,并入原办件",
    EventKind.RETURN_REQUESTED: "申请退回:不属本单位职责",
}


def _target_stage(rng: random.Random, age_days: float, chain_len: int) -> int | str:
    """How far along its chain a case of this age is (or a side state)."""
    r = rng.random()
    if r < 0.03:
        return CaseStatus.REJECTED.value
    if r < 0.05:
        return CaseStatus.MERGED.value
    if age_days > 25:
        if r < 0.06:
            return CaseStatus.RETURN_REQUESTED.value if age_days < 60 else chain_len
        if r < 0.09:
            return rng.randrange(1, chain_len)  # stuck somewhere: overdue cases
        return chain_len
    if r < 0.07:
        return CaseStatus.RETURN_REQUESTED.value
    progress = min(1.0, age_days / 25 + rng.random() * 0.4)
    return min(chain_len, int(progress * (chain_len + 1)))


_Event = tuple[EventKind, str | None, str, datetime, int]


class _CaseBuilder:
    """Makes one demo case row and its timeline rows at a time."""

    def __init__(self, rng: random.Random, now: datetime, topics: list, sections: list[int],  # type: ignore[type-arg]
                 unit_names: dict[int, str], user_ids: dict[str, int], counters: dict[str, int],
                 n_cases: int) -> None:  # fmt: skip
        self.rng, self.now, self.topics, self.sections = rng, now, topics, sections
        self.unit_names, self.counters = unit_names, counters
        self.intake = [user_ids["dengji"], user_ids["duban"]]
        self.desk, self.handler = user_ids["duban"], user_ids["jingban"]
        span = 365 * 86400
        self.start = now - timedelta(seconds=span)
        self.offsets = sorted(rng.random() * span for _ in range(n_cases))
        self.frequent = [_phone(rng) for _ in range(max(10, n_cases // 500))]

    def _urgency(self) -> str:
        r = self.rng.random()
        return "critical" if r < 0.01 else ("urgent" if r < 0.07 else "normal")

    def _caller_phone(self) -> str:
        rng = self.rng
        return rng.choice(self.frequent) if rng.random() < 0.05 else _phone(rng)

    def _events(self, received: datetime, tier: int) -> list[_Event]:
        rng, desk, handler = self.rng, self.desk, self.handler
        chain = DIRECT_CHAIN if tier == 1 else ROUTED_CHAIN
        age_days = (self.now - received).total_seconds() / 86400
        stage = _target_stage(rng, age_days, len(chain))
        first = (EventKind.REGISTERED, None, CaseStatus.REGISTERED.value, received,
                 rng.choice(self.intake))  # fmt: skip
        events: list[_Event] = [first]
        status, t = CaseStatus.REGISTERED.value, received
        if isinstance(stage, str):
            kind, actor = {
                CaseStatus.REJECTED.value: (EventKind.REJECTED, desk),
                CaseStatus.MERGED.value: (EventKind.MERGED, desk),
                CaseStatus.RETURN_REQUESTED.value: (EventKind.RETURN_REQUESTED, handler),
            }[stage]
            if kind == EventKind.RETURN_REQUESTED:
                t += timedelta(hours=2)
                if t > self.now:
                    return events
                events.append((EventKind.DISPATCHED, status, CaseStatus.DISPATCHED.value, t, desk))
                status = CaseStatus.DISPATCHED.value
            t += timedelta(hours=rng.uniform(0.5, 8))
            if t <= self.now:
                events.append((kind, status, stage, t, actor))
            return events
        for kind, to_status, hours in chain[:stage]:
            t += timedelta(hours=hours * rng.uniform(0.3, 2.5))
            if t > self.now:
                break
            actor = desk if kind in (EventKind.DISPATCHED, EventKind.CLOSED) else handler
            events.append((kind, status, to_status.value, t, actor))
            status = to_status.value
        return events

    def build(
        self, index: int, case_id: int, first_event_id: int
    ) -> tuple[dict[str, object], list[dict[str, object]]]:
        rng = self.rng
        received = (self.start + timedelta(seconds=self.offsets[index])).replace(microsecond=0)
        channel = _pick(rng, CHANNEL_WEIGHTS)
        assert isinstance(channel, Channel)
        key = f"{CASE_NO_PREFIX[channel]}{received:%Y%m%d}"
        self.counters[key] = self.counters.get(key, 0) + 1
        topic_id, topic_code, topic_lead = rng.choice(self.topics)
        title, content = title_and_content(rng, topic_code, received.year)
        anonymous = rng.random() < 0.04
        tier = 1 if rng.random() < 0.15 else (3 if rng.random() < 0.1 else 2)
        lead = topic_lead if rng.random() < 0.8 else rng.choice(self.sections)
        events = self._events(received, tier)
        status = events[-1][2]
        routed = status not in (CaseStatus.REGISTERED.value, CaseStatus.REJECTED.value,
                                CaseStatus.MERGED.value)  # fmt: skip
        platform_ref = f"GD{received:%Y%m%d}{case_id:08d}" if channel == Channel.PLATFORM else None
        case_row: dict[str, object] = {
            "id": case_id, "case_no": f"{key}-{self.counters[key]:04d}",
            "query_code": f"{rng.randrange(10**6):06d}", "channel": channel.value,
            "received_at": received, "platform_ref": platform_ref,
            "caller_name": "" if anonymous else person_name(rng),
            "caller_phone": "" if anonymous else self._caller_phone(),
            "caller_address": "" if anonymous else address(rng), "caller_id_no": "",
            "anonymous": anonymous, "confidential": rng.random() < 0.03,
            "publish_consent": channel == Channel.MAILBOX and rng.random() < 0.5,
            "category": _pick(rng, CATEGORY_WEIGHTS), "topic_id": topic_id,
            "urgency": self._urgency(), "important": rng.random() < 0.03,
            "title": title, "content": content, "status": status,
            "tier": tier if routed else None,
            "lead_unit_id": lead if routed and tier != 1 else None,
            "registered_by": events[0][4], "created_at": received, "updated_at": events[-1][3],
            "updated_by": events[-1][4], "version": len(events),
        }  # fmt: skip
        unit = self.unit_names.get(lead, "")
        event_rows: list[dict[str, object]] = [
            {"id": first_event_id + i, "case_id": case_id, "at": at, "actor_id": actor,
             "kind": kind.value, "from_status": from_s, "to_status": to_s,
             "summary": SUMMARIES[kind].format(unit=unit), "changes": "{}"}
            for i, (kind, from_s, to_s, at, actor) in enumerate(events)
        ]  # fmt: skip
        return case_row, event_rows


def ensure_demo_users(s: Session, now: datetime) -> dict[str, int]:
    units = dict(s.execute(select(OrgUnit.code, OrgUnit.id)).all())
    existing = dict(s.execute(select(User.username, User.id)).all())
    password_hash = hash_password(DEMO_PASSWORD)
    ids: dict[str, int] = {}
    for username, name, unit, roles in DEMO_USERS:
        if username in existing:
            ids[username] = existing[username]
            continue
        user = User(username=username, display_name=name, password_hash=password_hash,
                    must_change_password=False, org_unit_id=units[unit], active=True,
                    failed_logins=0, is_demo=True, created_at=now)  # fmt: skip
        user.roles = [UserRole(role=r.value) for r in roles]
        s.add(user)
        s.flush()
        ids[username] = user.id
    return ids


def generate_demo(
    ctx: ServiceContext,
    n_cases: int,
    seed: int = 2026,
    progress: Callable[[int, int], None] | None = None,
) -> DemoReport:
    """Add demo users and ``n_cases`` cases; refuses a database that holds real cases."""
    import time as _time

    started = _time.perf_counter()
    rng = random.Random(seed)
    now = ctx.now()
    with ctx.uow.write() as uow:
        s = uow.session
        has_cases = s.scalar(select(func.count()).select_from(Case).limit(1))
        has_demo = s.scalar(select(func.count()).select_from(User).where(User.is_demo))
        if has_cases and not has_demo:
            raise DeskError(
                "该数据库已有正式办件,不能写入演示数据。请用新的数据目录(--data-dir)生成演示库。"
            )
        user_ids = ensure_demo_users(s, now)
        topics = s.execute(select(Topic.id, Topic.code, Topic.lead_unit_id)).all()
        unit_names = dict(s.execute(select(OrgUnit.id, OrgUnit.name)).all())
        sections = [
            i for i, k in s.execute(select(OrgUnit.id, OrgUnit.kind)).all() if k == "section"
        ]
        next_id = (s.scalar(select(func.max(Case.id))) or 0) + 1
        next_event = (s.scalar(select(func.max(CaseEvent.id))) or 0) + 1
        counters: dict[str, int] = dict(
            s.execute(select(CaseNoCounter.key, CaseNoCounter.last_seq)).all()
        )
        record_audit(s, now, None, "demo_generate", "database", "", {"cases": n_cases},
                     actor_name="demo")  # fmt: skip
        uow.commit()

    builder = _CaseBuilder(rng, now, topics, sections, unit_names, user_ids, counters, n_cases)
    total_events = 0
    done = 0
    dialect = ctx.engines.writer.dialect.name
    while done < n_cases:
        case_rows: list[dict[str, object]] = []
        event_rows: list[dict[str, object]] = []
        for index in range(done, min(done + BATCH, n_cases)):
            case_row, events = builder.build(index, next_id, next_event)
            case_rows.append(case_row)
            event_rows.extend(events)
            next_id += 1
            next_event += len(events)
        with ctx.engines.writer.begin() as conn:
            conn.execute(insert(Case), case_rows)
            conn.execute(insert(CaseEvent), event_rows)
        total_events += len(event_rows)
        done += len(case_rows)
        if progress:
            progress(done, n_cases)

    with ctx.engines.writer.begin() as conn:
        for key, seq in counters.items():
            _upsert_counter(conn, dialect, key, seq)
        if dialect == "postgresql":
            for table in ("cases", "case_events"):
                conn.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
                ))  # fmt: skip
        else:
            conn.exec_driver_sql("ANALYZE")
    return DemoReport(n_cases, total_events, _time.perf_counter() - started)


def _upsert_counter(conn, dialect: str, key: str, seq: int) -> None:  # type: ignore[no-untyped-def]
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as upsert
    else:
        from sqlalchemy.dialects.sqlite import insert as upsert
    stmt = upsert(CaseNoCounter).values(key=key, last_seq=seq)
    conn.execute(stmt.on_conflict_do_update(index_elements=[CaseNoCounter.key],
                                            set_={"last_seq": stmt.excluded.last_seq}))  # fmt: skip


def demo_summary() -> str:
    lines = [f"演示账号(密码均为 {DEMO_PASSWORD}):"]
    for username, name, _unit, roles in DEMO_USERS:
        lines.append(f"  {username:<11} {name}  {'、'.join(r.label for r in roles)}")
    return "\n".join(lines)
