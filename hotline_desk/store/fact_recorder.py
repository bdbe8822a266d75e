"""Recording the statistics' facts (``domain/facts.py``) as things happen: at every flush of a
writing session, what changed on cases, callbacks, extensions, returns and duplicate links
becomes ``case_facts`` rows in the same transaction — so every path that moves a case records
its facts, and none can forget to.

A session whose ``info["record_facts"]`` is false records nothing (data written with its
history at once, then derived with ``services/stats/rebuild.py``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, event, inspect, select
from sqlalchemy.orm import Session, UOWTransaction
from sqlalchemy.orm.base import NO_VALUE

from hotline_desk.domain.facts import (
    DUE_ANONYMOUS,
    DUE_REQUIRED,
    REENTERED,
    ROUTED_TIERS,
    SETTLE,
    STILL_OPEN,
    CaseHistory,
    CaseState,
    Cell,
    Fact,
    FactKind,
    history_facts,
    judge,
)
from hotline_desk.store.driver_rows import bulk_insert
from hotline_desk.store.models import Callback, Case, CaseLink, Extension, ReturnRequest
from hotline_desk.store.models.facts import (
    CaseFact,
    FactInstant,
    FactMark,
    FactMonth,
    FactMonthCell,
    fact_row,
)

RECORD = "record_facts"
NOW = "now"
"""Session.info key: the time the unit of work began by the services' clock."""
CELL_COLUMNS = ("lead_unit_id", "category", "channel", "topic_id", "tier")


def cell_of(case: Case) -> Cell:
    return Cell(case.lead_unit_id, case.category, case.channel, case.topic_id, case.tier)


def state_of(case: Case) -> CaseState:
    replied = case.replied_at is not None and (
        case.reopened_at is None or case.replied_at >= case.reopened_at
    )
    return CaseState(case.ended_at is None, replied, case.reply_deadline)


def changes_of(case: Case) -> dict[str, Any]:
    """What this flush changes on the case: attribute → its value before (read once from the
    instance's committed state; an attribute set to the value it had is not a change)."""
    out: dict[str, Any] = {}
    for name, old in inspect(case).committed_state.items():
        old = None if old is NO_VALUE else old
        if getattr(case, name) != old:
            out[name] = old
    return out


_CHANGES = "changes_of"
"""The case's ``changes_of`` for the flush under way (``facts_of_flush`` sets it)."""


def _changes(case: Case) -> dict[str, Any]:
    return case.__dict__.get(_CHANGES) or changes_of(case)


def _changed(case: Case, name: str) -> bool:
    return name in _changes(case)


def _set_now(case: Case, name: str) -> Any:
    """The attribute's new value when this flush set it (None otherwise)."""
    return getattr(case, name) if _changed(case, name) else None


def _was(case: Case, name: str) -> Any:
    """The attribute's value before this flush."""
    return _changes(case).get(name)


def new_case_facts(case: Case) -> list[Fact]:
    h = CaseHistory(
        received_at=case.received_at, category=case.category, channel=case.channel,
        topic_id=case.topic_id, section_id=case.lead_unit_id, tier=case.tier,
        anonymous=bool(case.anonymous), dispatched_at=case.dispatched_at,
        signed_at=case.signed_at, sign_deadline=case.sign_deadline, replied_at=case.replied_at,
        reply_deadline=case.reply_deadline,
        reply_deadline_original=case.reply_deadline_original or case.reply_deadline,
        reply_workdays=case.reply_workdays, callback_deadline=case.callback_deadline,
        callback_status=case.callback_status, closed_at=case.closed_at, ended_at=case.ended_at,
        merged=case.merged_into_id is not None,
    )  # fmt: skip
    return history_facts(h)


def changed_case_facts(
    case: Case, has_duplicate: bool, now: datetime, replied_in_transaction: bool = False
) -> list[Fact]:
    """The facts of what this flush did to an existing case (its state after, for each).
    A transaction may flush several times (the clocks are started after the state moved):
    a deadline set by a later flush is a state fact at the same moment."""
    cell, state, rnd = cell_of(case), state_of(case), case.reopen_count or 0
    out: list[Fact] = []

    def add(kind: FactKind, at: datetime, **values: Any) -> None:
        out.append(Fact(kind, at, rnd, cell, state, **values))

    if (at := _set_now(case, "dispatched_at")) is not None and case.tier in ROUTED_TIERS:
        add(FactKind.DISPATCHED, at)
    if (at := _set_now(case, "signed_at")) is not None and case.tier in ROUTED_TIERS:
        add(FactKind.SIGNED, at, due_at=case.sign_deadline, on_time=judge(at, case.sign_deadline))
    if _changed(case, "reopen_count") and case.reopened_at is not None:
        was_ended = _was(case, "ended_at") if _changed(case, "ended_at") else case.ended_at
        add(FactKind.REOPENED, case.reopened_at,
            outcome=REENTERED if was_ended is not None else STILL_OPEN)  # fmt: skip
    if (at := _set_now(case, "replied_at")) is not None:
        add(FactKind.REPLIED, at, due_at=case.reply_deadline,
            on_time=judge(at, case.reply_deadline), workdays=case.reply_workdays)  # fmt: skip
    if (due := _set_now(case, "callback_deadline")) is not None and _was(
        case, "callback_deadline"
    ) is None:
        # the round's callback clock started (a later recomputation keeps the round's fact)
        replied_now = replied_in_transaction or _changed(case, "replied_at")
        add(FactKind.CALLBACK_DUE, case.replied_at if replied_now and case.replied_at else now,
            due_at=due,
            outcome=DUE_ANONYMOUS if case.anonymous else DUE_REQUIRED)  # fmt: skip
    if (at := _set_now(case, "closed_at")) is not None:
        add(FactKind.CLOSED, at)
    elif (at := _set_now(case, "ended_at")) is not None:
        add(FactKind.ENDED, at)
    if _set_now(case, "merged_into_id") is not None and not has_duplicate:
        add(FactKind.DUPLICATE, case.ended_at or now)
    return out


STATE_COLUMNS = (*CELL_COLUMNS, "reply_deadline", "replied_at", "reopened_at", "ended_at")
"""What a case's recorded state is made of: a change to one is a state fact if nothing else."""


class _Cases:
    """The cases a flush touched, from the session or (for a row on its own) the database."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.loaded: dict[int, Case] = {
            o.id: o for o in (*session.new, *session.dirty) if isinstance(o, Case)
        }

    def get(self, case_id: int) -> Case | None:
        if case_id not in self.loaded and (known := self.session.info.get(KNOWN)):
            if case_id in known:
                self.loaded[case_id] = known[case_id]
        if case_id not in self.loaded:
            found = self.session.identity_map.get((Case, (case_id,), None))
            if found is None:
                with self.session.no_autoflush:
                    found = self.session.get(Case, case_id)
            self.loaded[case_id] = found  # type: ignore[assignment]
        return self.loaded[case_id]


def _has_duplicate(session: Session, case_id: int) -> bool:
    stmt = select(CaseFact.id).where(CaseFact.case_id == case_id, CaseFact.kind == "duplicate")
    return session.connection().execute(stmt.limit(1)).first() is not None


def _related_facts(session: Session, cases: _Cases, obj: object) -> list[tuple[int, Fact]]:
    case_id = getattr(obj, "case_id", None)
    case = cases.get(case_id) if case_id is not None else None
    if case is None:
        return []
    cell, state, rnd = cell_of(case), state_of(case), case.reopen_count or 0
    if isinstance(obj, Callback) and obj in session.new:
        due = case.callback_deadline if (obj.round or 0) == rnd and not case.anonymous else None
        return [(case.id, Fact(FactKind.CALLBACK, obj.at, obj.round or 0, cell, state,
                               due_at=due, outcome=obj.outcome, rating=obj.satisfaction,
                               resolved=obj.resolved))]  # fmt: skip
    if isinstance(obj, Extension) and obj.status == "approved" and obj.decided_at is not None:
        if obj in session.new or inspect(obj).attrs["status"].history.has_changes():
            return [(case.id, Fact(FactKind.EXTENDED, obj.decided_at, rnd, cell, state,
                                   due_at=obj.deadline_after))]  # fmt: skip
    if isinstance(obj, ReturnRequest) and obj.decision == "approved" and obj.decided_at:
        if obj in session.new or inspect(obj).attrs["decision"].history.has_changes():
            asker = Cell(obj.org_unit_id, cell.category, cell.channel, cell.topic_id, cell.tier)
            return [(case.id, Fact(FactKind.RETURNED, obj.decided_at, rnd, asker, state))]
    if isinstance(obj, CaseLink) and obj in session.new and obj.kind == "duplicate":
        if case.merged_into_id is None and not _has_duplicate(session, case.id):
            return [(case.id, Fact(FactKind.DUPLICATE, obj.created_at, rnd, cell, state))]
    return []


PENDING = "pending_facts"
KNOWN = "inserted_cases"
"""Session.info key: case id → the values of a case inserted without the ORM (``note_new_case``)."""
CELL_BEFORE = "cell_before"
"""Session.info key: case id → (its cell before the transaction, whether it was open)."""
TOUCHED = "state_touched"
Pending = tuple[int, Fact, bool]  # case id, fact, whether it takes the case's final state


def facts_of_flush(session: Session) -> list[Pending]:
    """What this flush did, as facts; a live change's facts take the case's state and cell at
    commit (a transaction is one moment, though it may flush several times)."""
    cases = _Cases(session)
    out: list[Pending] = []
    for obj in session.new:
        if isinstance(obj, Case):
            out.extend((obj.id, f, False) for f in new_case_facts(obj))
    now = session.info.get(NOW) or datetime.now().replace(microsecond=0)
    touched: set[int] = session.info.setdefault(TOUCHED, set())
    for obj in session.dirty:
        if isinstance(obj, Case) and (changes := changes_of(obj)):
            obj.__dict__[_CHANGES] = changes  # read once for this flush
            try:
                dup = obj.merged_into_id is not None and _has_duplicate(session, obj.id)
                replied = any(cid == obj.id and f.kind == FactKind.REPLIED
                              for cid, f, _live in session.info.get(PENDING, ()))  # fmt: skip
                out.extend((obj.id, f, True) for f in changed_case_facts(obj, dup, now, replied))
                if any(_changed(obj, c) for c in STATE_COLUMNS):
                    touched.add(obj.id)
                if any(_changed(obj, c) for c in CELL_COLUMNS):
                    before: dict[int, tuple[Cell, bool]] = session.info.setdefault(CELL_BEFORE, {})
                    was = Cell(*(_was(obj, c) if _changed(obj, c) else getattr(obj, c)
                                 for c in CELL_COLUMNS))  # fmt: skip
                    ended = _was(obj, "ended_at") if _changed(obj, "ended_at") else obj.ended_at
                    before.setdefault(obj.id, (was, ended is None))
            finally:
                del obj.__dict__[_CHANGES]
    for obj in (*session.new, *session.dirty):
        if isinstance(obj, Callback | Extension | ReturnRequest | CaseLink):
            out.extend((cid, f, True) for cid, f in _related_facts(session, cases, obj))
    return out


def note_new_case(session: Session, case: Case) -> None:
    """A case inserted with a Core statement (the registration's fast path): its facts, as a
    flush of the same case added through the ORM would have noted them. ``case`` is a transient
    object holding every value written (defaults included) and its id; it stands for the row
    until the commit."""
    if not session.info.get(RECORD, True):
        return
    session.info.setdefault(PENDING, []).extend((case.id, f, False) for f in new_case_facts(case))
    session.info.setdefault(KNOWN, {})[case.id] = case


def new_case_rows(session: Session, case: Case) -> list[dict[str, object]] | None:
    """The facts of a case about to be inserted with a Core statement, as ``case_facts`` rows
    for the caller to write in that same statement (their ``case_id`` is the caller's to fill
    in); None when the session records no facts. The caller then calls ``rows_written``. The
    registration on PostgreSQL, where the commit's own INSERT would cost a round trip."""
    if not session.info.get(RECORD, True):
        return None
    return [fact_row(0, f) for f in new_case_facts(case)]


def rows_written(session: Session, rows: list[dict[str, object]]) -> None:
    """What the commit does after writing facts: forget the kept marks a fact dated earlier
    than they are makes wrong (a case registered with a past receipt time)."""
    if not rows:
        return
    earliest: datetime = min(r["at"] for r in rows)  # type: ignore[type-var, assignment]
    now = session.info.get(NOW)
    if now is None or earliest < now - SETTLE:
        forget_kept_after(session.connection(), earliest)


def mark(session: Session) -> tuple[int, frozenset[int]]:
    """Where the facts noted so far end (before a savepoint)."""
    return len(session.info.get(PENDING, ())), frozenset(session.info.get(KNOWN, {}))


def undo(session: Session, point: tuple[int, frozenset[int]]) -> None:
    """Forget the facts noted since ``mark`` (its savepoint was rolled back)."""
    del session.info.get(PENDING, [])[point[0] :]
    known = session.info.get(KNOWN, {})
    for case_id in set(known) - point[1]:
        del known[case_id]


def _final_rows(session: Session, pending: list[Pending], touched: set[int],
                moved: dict[int, tuple[Cell, bool]]) -> list[dict[str, object]]:  # fmt: skip
    cases = _Cases(session)
    now = session.info.get(NOW) or datetime.now().replace(microsecond=0)
    rows: list[dict[str, object]] = []
    last: dict[int, Fact] = {}
    for case_id, fact, live in pending:
        case = cases.get(case_id)
        if live and case is not None:
            cell = cell_of(case)
            if fact.kind == FactKind.RETURNED:
                cell = replace(cell, section_id=fact.cell.section_id)  # the section that asked
            fact = replace(fact, cell=cell, state=state_of(case))
        rows.append(fact_row(case_id, fact))
        last[case_id] = fact
    for case_id, (was, was_open) in moved.items():
        case = cases.get(case_id)
        if case is None or not was_open or case.ended_at is not None or cell_of(case) == was:
            continue  # only an open case moves (an ended one counts where it ended)
        state, rnd = state_of(case), case.reopen_count or 0
        for kind, cell in ((FactKind.MOVED_OUT, was), (FactKind.MOVED_IN, cell_of(case))):
            fact = Fact(kind, now, rnd, cell, state)
            rows.append(fact_row(case_id, fact))
            last[case_id] = fact
    for case_id in sorted(touched | set(last)):
        case = cases.get(case_id)
        if case is None:
            continue
        before = last.get(case_id)
        cell, state = cell_of(case), state_of(case)
        if before is None or (before.cell, before.state) != (cell, state):
            at = max(now, before.at) if before is not None else now
            state_fact = Fact(FactKind.STATE, at, case.reopen_count or 0, cell, state)
            rows.append(fact_row(case_id, state_fact))
    return rows


def forget_kept_after(conn: Connection, at: datetime) -> None:
    """Drop what was kept of instants after ``at`` and of the months that end after it: a fact
    dated before them was just written (a case registered with an earlier receipt time), so
    they no longer hold."""
    if conn.execute(select(FactInstant.instant).where(FactInstant.instant > at).limit(1)).first():
        conn.execute(delete(FactMark).where(FactMark.instant > at))
        conn.execute(delete(FactInstant).where(FactInstant.instant > at))
    month = at.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    if conn.execute(select(FactMonth.month).where(FactMonth.month >= month).limit(1)).first():
        conn.execute(delete(FactMonthCell).where(FactMonthCell.month >= month))
        conn.execute(delete(FactMonth).where(FactMonth.month >= month))


def install(session_class: type[Session]) -> None:
    """Record facts for every write of sessions of ``session_class``: noted at each flush,
    written with the case's final state just before the commit."""

    @event.listens_for(session_class, "after_flush")
    def _note(session: Session, _ctx: UOWTransaction) -> None:
        if session.info.get(RECORD, True):
            session.info.setdefault(PENDING, []).extend(facts_of_flush(session))

    @event.listens_for(session_class, "before_commit")
    def _write(session: Session) -> None:
        if not session.info.get(RECORD, True):
            return
        session.flush()
        if not session.info.get(PENDING):
            session.info.pop(KNOWN, None)
        pending = session.info.pop(PENDING, [])
        touched = session.info.pop(TOUCHED, set())
        moved = session.info.pop(CELL_BEFORE, {})
        if not pending and not touched and not moved:
            return
        rows = _final_rows(session, pending, touched, moved)
        session.info.pop(KNOWN, None)
        if rows:
            conn = session.connection()
            bulk_insert(conn, CaseFact.__table__, rows, one_statement=True)  # less per-row work
            earliest: datetime = min(r["at"] for r in rows)  # type: ignore[type-var, assignment]
            now = session.info.get(NOW)
            if now is None or earliest < now - SETTLE:  # nothing kept is that recent
                forget_kept_after(conn, earliest)

    @event.listens_for(session_class, "after_rollback")
    def _forget(session: Session) -> None:
        for key in (PENDING, TOUCHED, CELL_BEFORE, KNOWN):
            session.info.pop(key, None)
