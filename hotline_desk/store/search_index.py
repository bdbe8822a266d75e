"""Keeping the search index (``case_search``, issue 16) in the transaction of every write.

One store-level hook, not an edit to each service: at every flush of a writing session the
cases whose searched texts changed are noted — a case registered or with its title, content,
caller, platform reference, office opinion or reply changed, and any opinion, handling note,
reply draft, callback or instruction written for it — and just before the commit their
``case_search`` rows are written again from what the database then holds. The text is put in
its search form (``domain.text_input.search_form``: NFKC, case, traditional → simplified,
whitespace) here in Python, because that form needs OpenCC and a PostgreSQL trigger cannot call
Python; the engines' own indexes follow the rows by themselves: on SQLite the FTS5 trigram table
``case_search_fts`` through three SQL triggers, on PostgreSQL the ``pg_trgm`` GIN indexes.
The same row holds the case's masked title (``domain.privacy.detector.masked_title``: the title
scrubbed with the caller's fields) and masked caller (``domain.privacy.masking.masked_caller``),
so they follow every write of the title or the caller.

``rebuild`` writes the rows of given (or all) cases in batches, with progress: the migration's
fill of an existing database, the demo generator and ``hotline-desk search --rebuild``.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import chain
from typing import Any

from sqlalchemy import Connection, delete, event, insert, inspect, select
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from hotline_desk.domain.privacy.masking import masked_caller
from hotline_desk.domain.text_input import search_form
from hotline_desk.store.driver_rows import bulk_insert
from hotline_desk.store.models import (
    Callback,
    Case,
    CaseAssignment,
    CaseSearch,
    HandlingNote,
    Instruction,
    ReplyDraft,
)

CASE_FIELDS = (
    "title", "content", "platform_ref", "office_opinion", "reply_text",
    "caller_name", "caller_phone", "caller_address",
)  # fmt: skip
"""The case's own columns search reads; a change to any other column leaves the row alone."""
PERSONAL_FIELDS = ("caller_name", "caller_phone", "caller_address")
MASKED_FROM = ("title", *PERSONAL_FIELDS)
"""What the masked title is computed from (``detector.masked_title``'s arguments)."""
TEXT_SOURCES: dict[str, tuple[Any, ...]] = {
    "case_assignments": (CaseAssignment.opinion,),
    "handling_notes": (HandlingNote.text,),
    "reply_drafts": (ReplyDraft.text,),
    "callbacks": (Callback.words, Callback.note),
    "instructions": (Instruction.text,),
}
"""Tables whose rows add text to a case's public group (opinions, notes, replies, callback
remarks, leaders' instructions), with the columns read."""
SEP = "\n"
"""Between two fields: search forms hold no newline, so no match runs across fields."""

FTS_TABLE = "case_search_fts"
PG_INDEXES = ("ix_case_search_public_trgm", "ix_case_search_personal_trgm")
UNMODELLED = (FTS_TABLE, *PG_INDEXES)
"""Engine objects the migration makes beside ``case_search`` (prefixes of their names)."""
BATCH = 2000

CaseIdsIn = Callable[[Any, str], tuple[int, ...] | None]
_TOUCHED = "search_touched"
_MISSING = "search_missing"


def fts_rows() -> tuple[str, str, str]:
    """The indexed columns, and the statements a trigger runs to drop and add a row's text."""
    cols = "public_text, personal_text"
    new = "new.case_id, new.public_text, new.personal_text"
    old = "old.case_id, old.public_text, old.personal_text"
    drop = f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {cols}) VALUES ('delete', {old});"
    add = f"INSERT INTO {FTS_TABLE}(rowid, {cols}) VALUES ({new});"
    return cols, drop, add


def sqlite_update_trigger() -> str:
    """The FTS5 table follows an UPDATE of the indexed texts only (not of ``masked_title``)."""
    _cols, drop, add = fts_rows()
    return (
        "CREATE TRIGGER case_search_au AFTER UPDATE OF public_text, personal_text "
        f"ON case_search BEGIN {drop} {add} END"
    )


def sqlite_ddl() -> list[str]:
    """The FTS5 trigram index over ``case_search`` (external content: the text is stored once)
    and the triggers that keep it in step with the rows."""
    cols, drop, add = fts_rows()
    return [
        f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({cols}, content='case_search', "
        "content_rowid='case_id', tokenize='trigram')",
        f"CREATE TRIGGER case_search_ai AFTER INSERT ON case_search BEGIN {add} END",
        f"CREATE TRIGGER case_search_ad AFTER DELETE ON case_search BEGIN {drop} END",
        sqlite_update_trigger(),
    ]


def create_postgresql_index(conn: Connection) -> None:
    """``pg_trgm`` (made in ``public`` if missing, where a restore makes it too) and its GIN
    indexes. The operator class is named with the
    schema the extension lives in, which need not be on the desk's search path. The server's
    LC_CTYPE must class CJK characters as letters (C.UTF-8 or zh_CN.UTF-8 do; plain ``C`` does
    not, and then no Chinese trigram is made: README)."""
    conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public")
    schema = conn.exec_driver_sql(
        "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
        "WHERE e.extname = 'pg_trgm'"
    ).scalar_one()
    ops = f'"{schema}".gin_trgm_ops'
    for name, column in zip(PG_INDEXES, ("public_text", "personal_text"), strict=True):
        conn.exec_driver_sql(f"CREATE INDEX {name} ON case_search USING gin ({column} {ops})")


def search_rows(
    conn: Connection, ids: Iterable[int], masked: bool = True
) -> list[dict[str, object]]:
    """The ``case_search`` rows of ``ids`` as the database holds the cases now (``masked``: with
    the masked title; not before the migration that made its column, 0020)."""
    wanted = sorted(set(ids))
    if not wanted:
        return []
    cols = [getattr(Case, f) for f in CASE_FIELDS]
    cases = conn.execute(select(Case.id, *cols).where(Case.id.in_(wanted))).all()
    extra: dict[int, list[str]] = defaultdict(list)
    for table_cols in TEXT_SOURCES.values():
        model = table_cols[0].class_
        key = model.case_id  # each case's texts in the order written (its rows' ids)
        stmt = select(key, *table_cols).where(key.in_(wanted)).order_by(key, model.id)
        for row in conn.execute(stmt):
            extra[row[0]].extend(t for t in row[1:] if t)
    return [
        row_of(row[0], dict(zip(CASE_FIELDS, row[1:], strict=True)), extra[row[0]], masked=masked)
        for row in cases
    ]


def row_of(
    case_id: int,
    values: Mapping[str, Any],
    extra: Iterable[str] = (),
    form: Callable[[str], str] = search_form,
    masked: bool = True,
    mask: Callable[..., str] | None = None,
) -> dict[str, object]:
    """The ``case_search`` row of a case whose ``CASE_FIELDS`` hold ``values`` and whose other
    rows add the texts ``extra`` (a case just registered has none: its row is written from the
    values it was inserted with, nothing read back). ``form``: ``search_form``, or a cached
    one (the demo generator). ``masked``: with the masked title (not before the migration that
    made its column, 0020) and the masked caller (0025); ``mask``: ``masked_title``, or a
    cached one (a batch of new cases)."""
    public = [values[f] or "" for f in CASE_FIELDS if f not in PERSONAL_FIELDS]
    personal = [values[f] or "" for f in PERSONAL_FIELDS]
    row: dict[str, object] = {
        "case_id": case_id,
        "public_text": SEP.join(form(t) for t in chain(public, extra) if t),
        "personal_text": SEP.join(form(t) for t in personal if t),
    }
    if masked:
        if mask is None:
            from hotline_desk.domain.privacy.detector import masked_title  # jieba: not at start

            mask = masked_title
        row["masked_title"] = mask(*(values[f] for f in MASKED_FROM))
        row["masked_name"], row["masked_phone"] = masked_caller(values["caller_name"],
                                                                values["caller_phone"])  # fmt: skip
    return row


def insert_new(conn: Connection, cases: Iterable[Any],
               texts: Sequence[Mapping[str, object]] | None = None) -> None:  # fmt: skip
    """The rows of cases just inserted with Core statements, built from the values written
    (``cases``: objects with ``id`` and the ``CASE_FIELDS`` as attributes) instead of read back
    at the commit: a new case has no other text yet. A later change in the same transaction
    still writes its row again (``note_cases`` or the flush hooks). ``texts``: the cases' rows
    made beforehand by ``new_texts`` from the same values, in the same order."""
    cases = list(cases)
    if texts is None:
        texts = new_texts([{f: getattr(c, f) for f in CASE_FIELDS} for c in cases])
    rows = [{"case_id": c.id, **t} for t, c in zip(texts, cases, strict=True)]
    bulk_insert(conn, CaseSearch.__table__, rows, one_statement=True)  # FTS5: driver_rows


def new_texts(values: Iterable[Mapping[str, Any]]) -> list[dict[str, object]]:
    """The ``case_search`` rows but their ``case_id`` of new cases whose ``CASE_FIELDS`` hold
    ``values``. A batch's texts repeat (an import's addresses, topics, callers, titles): each
    distinct one is put in its search form, and each distinct title with its caller masked,
    once for the batch. Reads nothing: a thread may make them while a batch is written."""
    from hotline_desk.domain.privacy.detector import masked_title  # jieba: not at start

    form = functools.lru_cache(maxsize=None)(search_form)
    mask = functools.lru_cache(maxsize=None)(masked_title)
    out = []
    for v in values:
        row = row_of(0, v, form=form, mask=mask)
        del row["case_id"]
        out.append(row)
    return out


def write_rows(conn: Connection, ids: Iterable[int], masked: bool = True) -> int:
    """Write the rows of ``ids`` again (a case gone has none); returns how many were written."""
    wanted = sorted(set(ids))
    rows = search_rows(conn, wanted, masked)
    conn.execute(delete(CaseSearch).where(CaseSearch.case_id.in_(wanted)))
    if rows:
        conn.execute(insert(CaseSearch), rows)
    return len(rows)


def rebuild(
    conn: Connection,
    ids: Iterable[int] | None = None,
    progress: Callable[[int, int], None] | None = None,
    masked: bool = True,
) -> int:
    """Write the rows of ``ids`` — or of every case without one — in batches of ``BATCH``,
    reporting (done, total) after each; returns how many were written."""
    if ids is None:
        have = select(CaseSearch.case_id)
        ids = conn.execute(select(Case.id).where(Case.id.not_in(have)).order_by(Case.id))
        wanted = [int(r[0]) for r in ids]
    else:
        wanted = sorted(set(ids))
    written = 0
    for start in range(0, len(wanted), BATCH):
        written += write_rows(conn, wanted[start : start + BATCH], masked)
        if progress:
            progress(min(start + BATCH, len(wanted)), len(wanted))
    return written


def note_cases(session: Session, ids: Iterable[int]) -> None:
    """Cases a service wrote with Core statements on the session's connection (the fast
    registration, the bulk import): neither flush nor ORM-execute hooks see those, so their
    rows are written at the commit like any other touched case."""
    session.info.setdefault(_TOUCHED, set()).update(ids)


def _touched_by_flush(session: Session) -> set[int]:
    ids: set[int] = set()
    for obj in chain(session.new, session.dirty):
        if isinstance(obj, Case):
            state = inspect(obj)
            if obj in session.new or set(state.committed_state) & set(CASE_FIELDS):
                ids.add(obj.id)
        elif getattr(getattr(obj, "__table__", None), "name", "") in TEXT_SOURCES:
            ids.add(obj.case_id)
    return ids


def _searched_columns(table: str) -> set[str]:
    if table == "cases":
        return set(CASE_FIELDS)
    return {c.key for c in TEXT_SOURCES.get(table, ())}


def install(session_class: type[Session], case_ids_in: CaseIdsIn) -> None:
    """Keep ``case_search`` for every write of sessions of ``session_class``; ``case_ids_in``
    reads the case ids a bulk statement's WHERE clause pins down (``store/uow.py``)."""

    @event.listens_for(session_class, "after_flush")
    def _note(session: Session, _ctx: UOWTransaction) -> None:
        touched = _touched_by_flush(session)
        if touched:
            session.info.setdefault(_TOUCHED, set()).update(touched)

    @event.listens_for(session_class, "do_orm_execute")
    def _bulk(state: ORMExecuteState) -> None:
        table = getattr(getattr(state.statement, "table", None), "name", "")
        searched = _searched_columns(table)
        if not searched or not (state.is_insert or state.is_update):
            return
        if state.is_insert:  # rows written behind the ORM's back: index what has no row
            state.session.info[_MISSING] = True
            return
        values = {getattr(k, "key", k) for k in getattr(state.statement, "_values", None) or ()}
        if values & searched:  # an UPDATE of searched text: the cases its WHERE pins down
            ids = case_ids_in(getattr(state.statement, "whereclause", None), table)
            state.session.info.setdefault(_TOUCHED, set()).update(ids or ())

    @event.listens_for(session_class, "before_commit")
    def _write(session: Session) -> None:
        session.flush()
        touched = session.info.pop(_TOUCHED, set())
        missing = session.info.pop(_MISSING, False)
        if touched:
            write_rows(session.connection(), touched)
        if missing:
            rebuild(session.connection())

    @event.listens_for(session_class, "after_rollback")
    def _forget(session: Session) -> None:
        session.info.pop(_TOUCHED, None)
        session.info.pop(_MISSING, None)
