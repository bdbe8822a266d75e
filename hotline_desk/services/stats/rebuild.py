"""Deriving ``case_facts`` from the stored records (``domain.facts.history_facts``): the upgrade
of a database made before facts existed (migration 0006), and data written in bulk without the
live recorder (the demo generator, hand-built test data). Works on a Connection, in batches of
cases, so a million cases never sit in memory at once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select

from hotline_desk.domain.facts import CallbackRow, CaseHistory, ExtensionRow, history_facts
from hotline_desk.store.models import Callback, Case, CaseEvent, CaseLink, Extension, ReturnRequest
from hotline_desk.store.models.facts import (
    CaseFact,
    FactInstant,
    FactMark,
    FactMonth,
    FactMonthCell,
    fact_row,
)

EVENT_KINDS = ("dispatched", "rerouted", "handled_directly", "return_approved", "signed",
               "replied", "closed", "reopened")  # fmt: skip
BATCH = 2000
CASE_COLUMNS = [getattr(Case, c) for c in (
    "id", "received_at", "category", "channel", "topic_id", "lead_unit_id", "tier", "anonymous",
    "dispatched_at", "signed_at", "sign_deadline", "replied_at", "reply_deadline",
    "reply_deadline_original", "reply_workdays", "callback_deadline", "callback_status",
    "closed_at", "ended_at", "merged_into_id", "reopen_count", "status", "updated_at")]  # fmt: skip
"""What the derivation reads of a case (the columns of revision 0006, which calls it)."""


def _not_indexed(column: Any) -> Any:
    """The column as an expression (``coalesce(x, NULL)`` is ``x``), so a batch is found by its
    case ids: without statistics (a new file, or the upgrade) SQLite would otherwise walk the
    index on the kind or status — every such row of the whole table, once per batch."""
    return func.coalesce(column, None)


def _history(c: Any) -> CaseHistory:
    return CaseHistory(
        received_at=c.received_at, category=c.category, channel=c.channel, topic_id=c.topic_id,
        section_id=c.lead_unit_id, tier=c.tier, anonymous=bool(c.anonymous),
        dispatched_at=c.dispatched_at, signed_at=c.signed_at, sign_deadline=c.sign_deadline,
        replied_at=c.replied_at, reply_deadline=c.reply_deadline,
        reply_deadline_original=c.reply_deadline_original, reply_workdays=c.reply_workdays,
        callback_deadline=c.callback_deadline, callback_status=c.callback_status,
        closed_at=c.closed_at, ended_at=_ended(c),
        merged=c.merged_into_id is not None or c.status == "merged",
        reopen_count=c.reopen_count or 0,
    )  # fmt: skip


ENDED_STATES = ("closed", "rejected", "merged")


def _ended(c: Any) -> Any:
    """When the case ended; a case in an ended state with no time of it on record (rows of
    an old release, imported or edited) ended when its row was last changed."""
    if c.ended_at is None and c.status in ENDED_STATES:
        return c.closed_at or c.updated_at
    return c.ended_at


def _by_case(conn: Connection, stmt: Any) -> dict[int, list[Any]]:
    out: dict[int, list[Any]] = defaultdict(list)
    for row in conn.execute(stmt):
        out[row[0]].append(row)
    return out


def _batch_facts(conn: Connection, cases: list[Any]) -> list[dict[str, object]]:
    ids = [c.id for c in cases]
    events = _by_case(
        conn,
        select(CaseEvent.case_id, CaseEvent.kind, CaseEvent.at).where(
            CaseEvent.case_id.in_(ids), _not_indexed(CaseEvent.kind).in_(EVENT_KINDS)
        ),
    )
    callbacks = _by_case(
        conn,
        select(
            Callback.case_id,
            Callback.at,
            Callback.round,
            Callback.outcome,
            Callback.satisfaction,
            Callback.resolved,
        )
        .where(Callback.case_id.in_(ids))
        .order_by(Callback.id),
    )
    extensions = _by_case(
        conn,
        select(
            Extension.case_id,
            Extension.decided_at,
            Extension.deadline_before,
            Extension.deadline_after,
        ).where(Extension.case_id.in_(ids), _not_indexed(Extension.status) == "approved"),
    )
    returns = _by_case(
        conn,
        select(ReturnRequest.case_id, ReturnRequest.decided_at, ReturnRequest.org_unit_id).where(
            ReturnRequest.case_id.in_(ids), ReturnRequest.decision == "approved"
        ),
    )
    links = dict(
        conn.execute(
            select(CaseLink.case_id, func.min(CaseLink.created_at))
            .where(CaseLink.case_id.in_(ids), CaseLink.kind == "duplicate")
            .group_by(CaseLink.case_id)
        ).all()
    )
    rows: list[dict[str, object]] = []
    for c in cases:
        rows.extend(case_facts(c, events.get(c.id, ()), callbacks.get(c.id, ()),
                               extensions.get(c.id, ()), returns.get(c.id, ()),
                               links.get(c.id)))  # fmt: skip
    return rows


def case_facts(c: Any, events: Iterable[Any], callbacks: Iterable[Any],
               extensions: Iterable[Any], returns: Iterable[Any],
               linked_at: Any) -> list[dict[str, object]]:  # fmt: skip
    """The ``case_facts`` rows of case ``c`` (``CASE_COLUMNS`` as attributes) from its records:
    its events of ``EVENT_KINDS`` (kind, at), callbacks in order, approved extensions and
    returns, and when it was first linked as a duplicate."""
    return facts_from(
        c, [(e.kind, e.at) for e in events],
        [CallbackRow(r.at, r.round or 0, r.outcome, r.satisfaction, r.resolved)
         for r in callbacks],
        [ExtensionRow(r.decided_at, r.deadline_before, r.deadline_after)
         for r in extensions if r.decided_at is not None],
        [(r.decided_at, r.org_unit_id) for r in returns if r.decided_at is not None],
        linked_at,
    )  # fmt: skip


def facts_from(c: Any, events: list[tuple[str, Any]], callbacks: list[CallbackRow],
               extensions: list[ExtensionRow], returns: list[tuple[Any, int]],
               linked_at: Any) -> list[dict[str, object]]:  # fmt: skip
    """``case_facts`` with the records already in ``CaseHistory``'s form: (kind, at) of the
    events of ``EVENT_KINDS``, the callbacks, the approved and decided extensions, (decided,
    asker) of the approved and decided returns (the demo generator makes them from its rows)."""
    h = _history(c)
    h.events, h.callbacks, h.extensions, h.returns = events, callbacks, extensions, returns
    h.linked_at = linked_at
    return [fact_row(c.id, f) for f in history_facts(h)]


def forget_kept(conn: Connection) -> None:
    """Forget the kept month-boundary marks (facts were written behind the recorder)."""
    for table in (FactMark, FactInstant, FactMonthCell, FactMonth):
        conn.execute(delete(table))


def rebuild_facts(conn: Connection, case_ids: Iterable[int] | None = None,
                  progress: Callable[[int], None] | None = None) -> int:  # fmt: skip
    """Replace the facts of every case (or of ``case_ids``) with those derived from its records,
    and forget the kept month-boundary marks; returns how many facts were written."""
    wanted = None if case_ids is None else sorted(set(case_ids))
    forget_kept(conn)
    if wanted is None:
        conn.execute(delete(CaseFact))
    else:
        for i in range(0, len(wanted), BATCH):
            conn.execute(delete(CaseFact).where(CaseFact.case_id.in_(wanted[i : i + BATCH])))
    written, last, done = 0, 0, 0
    while True:
        stmt = select(*CASE_COLUMNS).where(Case.id > last).order_by(Case.id).limit(BATCH)
        if wanted is not None:
            stmt = stmt.where(Case.id.in_(wanted[done : done + BATCH]))
        cases = list(conn.execute(stmt))
        if not cases:
            return written
        rows = _batch_facts(conn, cases)
        if rows:
            conn.execute(insert(CaseFact), rows)
        written += len(rows)
        last, done = cases[-1].id, done + len(cases)
        if progress is not None:
            progress(done)
