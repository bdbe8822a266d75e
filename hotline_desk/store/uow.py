"""Unit of work: one Session, one transaction, rolled back unless committed; it also collects what
the transaction changed.

Every flush records the topics of the tables it wrote and the ids of the cases it touched
(``TABLE_TOPICS``); bulk ``update``/``delete`` statements count too. ``commit`` hands the
resulting ``Changes`` to the factory's publisher inside the transaction (PostgreSQL ``NOTIFY``
is delivered only if the commit succeeds), commits, and adds them to every ``collect()`` block
open on this thread, which is how a service call's changes travel back with its result.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from itertools import chain
from types import TracebackType
from typing import Any, Protocol

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction, sessionmaker
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import (
    BinaryExpression,
    BindParameter,
    BooleanClauseList,
    ColumnElement,
)

from hotline_desk.domain.changes import (
    CALENDAR,
    CASES,
    LIMITS,
    NOTHING,
    OFFICE,
    ORG,
    REPORTS,
    TEMPLATES,
    USERS,
    Changes,
)
from hotline_desk.store import fact_recorder, search_index
from hotline_desk.store.engine import Engines

TABLE_TOPICS: dict[str, str] = {
    "cases": CASES,
    "case_events": CASES,
    "case_assignments": CASES,
    "return_requests": CASES,
    "handling_notes": CASES,
    "reply_drafts": CASES,
    "reply_reviews": CASES,
    "instructions": CASES,
    "extensions": CASES,
    "supervisions": CASES,
    "callbacks": CASES,
    "case_links": CASES,
    "attachments": CASES,
    "users": USERS,
    "user_roles": USERS,
    "admin_requests": USERS,
    "org_units": ORG,
    "topics": ORG,
    "topic_assist_units": ORG,
    "calendar_days": CALENDAR,
    "calendar_years": CALENDAR,
    "time_limits": LIMITS,
    "reply_templates": TEMPLATES,
    "office_settings": OFFICE,
    "report_snapshots": REPORTS,
    "saved_searches": USERS,
}
"""What each table's rows are to the views; tables not listed (audit, counters) announce
nothing."""

Publisher = Callable[[Session, Changes], None]
"""Called inside the transaction, just before the commit, with what it changed."""


class CommitWitness(Protocol):
    """Told about each commit on the DBAPI connection that makes it: inside the transaction,
    then right after the commit while the connection is still checked out (or ``abort`` when
    the commit failed). The SQLite watcher uses it to recognise this process's commits."""

    def before_commit(self, dbapi_connection: Any) -> int: ...

    def after_commit(self, dbapi_connection: Any, before: int) -> None: ...

    def abort(self, before: int) -> None: ...


_WITNESSED = "witnessed"
"""Session.info key: the witnesses of the commit under way, (witness, connection, token)."""


class TrackingSession(Session):
    """A Session that notes what its flushes and bulk statements changed (``info["changes"]``)."""

    def take_changes(self) -> Changes:
        return self.info.pop("changes", NOTHING)  # type: ignore[no-any-return]

    def note(self, changes: Changes) -> None:
        self.info["changes"] = self.info.get("changes", NOTHING) | changes


fact_recorder.install(TrackingSession)


def _case_id(obj: Any, table: str) -> int | None:
    return obj.id if table == "cases" else getattr(obj, "case_id", None)


@event.listens_for(TrackingSession, "after_flush")
def _note_flush(session: TrackingSession, _ctx: UOWTransaction) -> None:
    topics: set[str] = set()
    ids: set[int] = set()
    for obj in chain(session.new, session.dirty, session.deleted):
        table = getattr(getattr(obj, "__table__", None), "name", "")
        topic = TABLE_TOPICS.get(table)
        if topic is None:
            continue
        topics.add(topic)
        if topic == CASES and (case_id := _case_id(obj, table)) is not None:
            ids.add(case_id)
    if topics:
        session.note(Changes.of(*topics, case_ids=ids))


def _case_ids_in(where: ColumnElement[Any] | None, table: str) -> tuple[int, ...] | None:
    """The case ids a bulk statement's WHERE clause pins down, or None."""
    key = "id" if table == "cases" else "case_id"
    terms = list(where.clauses) if isinstance(where, BooleanClauseList) else [where]
    if isinstance(where, BooleanClauseList) and where.operator is not operators.and_:
        return None
    for term in terms:
        if not isinstance(term, BinaryExpression) or getattr(term.left, "key", None) != key:
            continue
        right = term.right
        if isinstance(right, BindParameter) and term.operator in (operators.eq, operators.in_op):
            value = right.effective_value
            return tuple(value) if isinstance(value, list | tuple) else (int(value),)
    return None


search_index.install(TrackingSession, _case_ids_in)


@event.listens_for(TrackingSession, "do_orm_execute")
def _note_statement(state: ORMExecuteState) -> None:
    if not (state.is_update or state.is_delete or state.is_insert):
        return
    table = getattr(getattr(state.statement, "table", None), "name", "")
    topic = TABLE_TOPICS.get(table)
    if topic is None:
        return
    ids = None
    if topic == CASES:  # the ids its WHERE clause pins down (case_id = :id, IN (…)), else any
        ids = _case_ids_in(getattr(state.statement, "whereclause", None), table)
    if topic == CASES and ids is None:
        changes = Changes.of(CASES, all_cases=True)
    else:
        changes = Changes.of(topic, case_ids=ids or ())
    state.session.note(changes)  # type: ignore[attr-defined]


class UnitOfWork:
    """``with uow_factory.write() as uow: ...; uow.commit()``; leaving without commit rolls back."""

    def __init__(self, factory: UnitOfWorkFactory, sessions: sessionmaker[Session]) -> None:
        self._factory = factory
        self._sessions = sessions
        self.session: TrackingSession

    def __enter__(self) -> UnitOfWork:
        self.session = self._sessions()  # type: ignore[assignment]
        if self._factory.clock is not None:
            self.session.info[fact_recorder.NOW] = self._factory.clock()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.session.rollback()
        self.session.close()

    def commit(self) -> None:
        self.session.flush()
        changes = self.session.take_changes()
        if changes and self._factory.publisher is not None:
            self._factory.publisher(self.session, changes)
        if self._factory.witnesses:
            self._commit_witnessed()
        else:
            self.session.commit()
        self._factory.committed(changes)

    def _commit_witnessed(self) -> None:
        raw = self.session.connection().connection.dbapi_connection
        seen = [(w, raw, w.before_commit(raw)) for w in tuple(self._factory.witnesses)]
        self.session.info[_WITNESSED] = seen
        try:
            self.session.commit()  # after_commit (below) tells the witnesses
        finally:
            for witness, _raw, token in self.session.info.pop(_WITNESSED, ()):
                witness.abort(token)


@event.listens_for(TrackingSession, "after_commit")
def _tell_witnesses(session: Session) -> None:
    """Runs after the DBAPI commit, before the session gives its connection back."""
    for witness, raw, token in session.info.pop(_WITNESSED, ()):
        witness.after_commit(raw, token)


class Collected:
    """What the commits inside one ``collect()`` block changed."""

    def __init__(self) -> None:
        self.changes: Changes = NOTHING


class UnitOfWorkFactory:
    def __init__(self, engines: Engines, publisher: Publisher | None = None) -> None:
        self.engines = engines
        self.publisher = publisher
        self.clock: Callable[[], datetime] | None = None
        """The services' clock (``ServiceContext``): the time of a write's facts."""
        self.witnesses: list[CommitWitness] = []
        """Told about every commit (the SQLite watcher of other desks' changes)."""
        self._read = sessionmaker(engines.reader, class_=TrackingSession, expire_on_commit=False)
        self._write = sessionmaker(engines.writer, class_=TrackingSession, expire_on_commit=False)
        self._local = threading.local()

    def read(self) -> UnitOfWork:
        return UnitOfWork(self, self._read)

    def write(self) -> UnitOfWork:
        return UnitOfWork(self, self._write)

    def _collectors(self) -> list[Collected]:
        if not hasattr(self._local, "open"):
            self._local.open = []
        return self._local.open  # type: ignore[no-any-return]

    @contextmanager
    def collect(self) -> Iterator[Collected]:
        """Gather what every commit on this thread changes until the block ends."""
        collected = Collected()
        collectors = self._collectors()
        collectors.append(collected)
        try:
            yield collected
        finally:
            collectors.remove(collected)

    def committed(self, changes: Changes) -> None:
        if changes:
            for collected in self._collectors():
                collected.changes |= changes
