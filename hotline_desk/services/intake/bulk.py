"""Registering a batch of new platform rows at once (``platform_import.run_import``'s path for
rows the preview found sound): what ``apply.apply_row`` writes for each new row — the number,
the case with its reply clock and platform deadline, its 登记 event saying where it came from
(``registered_line``: 12345平台登记，来自平台导入文件 <name>; one line, where two once said it),
the ``case_register`` audit row, the facts — written with one statement per kind for the whole
batch instead of a dozen per row.

The rows are validated once, by the preview (``rows.prepare``: the boundary checks and
``validate_case_input``, whose result ``Prepared.data`` is): what it checks of the row alone
cannot turn false later (a time before 2000 stays so, one not after the preview's clock is not
after a later one), so it is not run again here. What can change since — the topic still
active, the 工单编号 not taken by another desk — is checked for the batch in two queries; the
numbers are taken per day in one statement each, then the cases inserted together, their events
together, their search rows made from the validated rows (``search_texts``, nothing read back;
the caller may have them made beforehand), the audit rows
chained in order (``record_audits``) and the facts noted for the commit. Anything refused
raises, and ``run_import`` then writes the batch again row by row, each in its own savepoint.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hotline_desk.domain.changes import CASES, Changes
from hotline_desk.domain.enums.handling import EventKind
from hotline_desk.domain.enums.intake import Channel
from hotline_desk.domain.errors import Msg, ValidationError
from hotline_desk.domain.numbering import format_case_no
from hotline_desk.domain.validation import CaseInput
from hotline_desk.services.audit import record_audits
from hotline_desk.services.cases import new_case as nc
from hotline_desk.services.dto import Actor
from hotline_desk.services.intake.rows import Prepared
from hotline_desk.services.supervision import clocks
from hotline_desk.store import fact_recorder, search_index
from hotline_desk.store.driver_rows import bulk_insert
from hotline_desk.store.models import Case, Topic


def registered_line(channel: str, file_name: str) -> Msg:
    """The case's first timeline line: registered, and from which platform file."""
    return Msg("{channel}登记，来自平台导入文件 {name}", channel=Channel(channel), name=file_name)


def platform_values(prep: Prepared) -> dict[str, object]:
    """What the platform adds to a case beyond the form's fields."""
    return {"external_deadline": prep.external_deadline,
            "platform_dispatched_at": prep.dispatched_at,
            "platform_fingerprint": prep.fingerprint}  # fmt: skip


def search_texts(rows: Sequence[Prepared]) -> list[dict[str, object]]:
    """The search rows (but their ``case_id``) of the cases ``write_new_rows`` registers from
    ``rows``: the masked titles and search forms, made without the database."""
    values = []
    for prep in rows:
        assert prep.data is not None
        values.append(nc.searched_values(prep.data))
    return search_index.new_texts(values)


def _check_references(s: Session, cleans: list[CaseInput]) -> None:
    """The registration's checks for the whole batch: two statements, not two per row."""
    conn = s.connection()
    wanted = {c.topic_id for c in cleans if c.topic_id is not None}
    active = set(conn.execute(select(Topic.id).where(Topic.id.in_(wanted), Topic.active))
                 .scalars())  # fmt: skip
    refs = [c.platform_ref for c in cleans if c.platform_ref]
    taken: dict[str, str] = {}
    if refs:
        query = select(Case.platform_ref, Case.case_no).where(Case.platform_ref.in_(refs))
        taken = {str(ref): str(case_no) for ref, case_no in conn.execute(query).all()}
    for clean in cleans:
        nc.check_references(clean.topic_id in active, taken.get(clean.platform_ref or ""))


def write_new_rows(s: Session, actor: Actor, rows: list[Prepared], file_name: str,
                   now: datetime, texts: Sequence[Mapping[str, object]] | None = None,
                   ) -> list[str]:  # fmt: skip
    """Register the rows' cases in the caller's transaction; returns their 办件编号 in order.
    Raises ``ValidationError`` when a row is refused after all (the whole batch is then
    written again row by row). ``texts``: the rows' ``search_texts``, made beforehand."""
    if not rows:
        return []
    cleans: list[CaseInput] = []
    for prep in rows:
        assert prep.data is not None  # validated by the preview (module docstring)
        cleans.append(prep.data)
    _check_references(s, cleans)
    rules = clocks.load_rules(s)
    by_day: dict[str, list[int]] = defaultdict(list)
    for i, clean in enumerate(cleans):
        by_day[nc.day_key(clean)].append(i)
    numbers: dict[int, str] = {}
    for key, indexes in by_day.items():
        first = nc.reserve_seqs(s, key, len(indexes))
        numbers.update({i: format_case_no(key, first + n) for n, i in enumerate(indexes)})
    cases: list[Case] = []
    for i, (clean, prep) in enumerate(zip(cleans, rows, strict=True)):
        case = nc.new_case(actor, clean, now, numbers[i], **platform_values(prep))
        clocks.start_unrouted_clock(rules, case)
        cases.append(case)
    conn = s.connection()
    table = nc.CASES_T
    try:  # the rows as tuples straight to the driver (SQLAlchemy's per-row processing was a
        # fifth): one statement on SQLite, an executemany on PostgreSQL (driver_rows)
        bulk_insert(conn, table, [nc.case_row(c) for c in cases], one_statement=True)
    except IntegrityError:
        raise ValidationError({"platform_ref": nc.DUPLICATE_REF}) from None
    numbered = select(table.c.case_no, table.c.id).where(
        table.c.case_no.in_([c.case_no for c in cases])
    )
    found = {str(no): int(i) for no, i in conn.execute(numbered)}
    ids = [found[c.case_no] for c in cases]
    events = []
    registered: dict[str, dict[str, object]] = {}  # by channel: the same line for each case
    for case, case_id in zip(cases, ids, strict=True):
        case.id = case_id
        first = registered.get(case.channel)
        if first is None:
            summary = registered_line(case.channel, file_name)
            first = registered[case.channel] = nc.event_row(case, actor, EventKind.REGISTERED,
                                                            summary)  # fmt: skip
        events.append({**first, "case_id": case_id, "at": case.updated_at})
    bulk_insert(conn, nc.EVENTS_T, events, one_statement=True)
    search_index.insert_new(conn, cases, texts)
    record_audits(s, now, actor, [("case_register", "case", c.case_no, None) for c in cases])
    for case in cases:
        fact_recorder.note_new_case(s, case)
    s.note(Changes.of(CASES, case_ids=ids))  # type: ignore[attr-defined]
    return [c.case_no for c in cases]
