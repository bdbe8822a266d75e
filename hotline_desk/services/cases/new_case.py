"""Writing a new case in few statements (issue 19): what the registration and the platform
import write for each case — its number, the case with its reply clock, the 登记 event, the
keyed audit row and the statistics' facts — with Core statements instead of ORM flushes.

What the ORM path read one query at a time is read in one statement (``read_context``: the
topic, the rules' settings and, when given, the platform number already used); the calendar
and the time limits come from their revision caches. The case is built as a transient ``Case``
holding every value written (column defaults included), so the clocks, the facts
(``fact_recorder.note_new_case``) and the returned detail see exactly what is stored, and
nothing is read back. ``registration.insert_case`` (the ORM path) stays for the duplicate
registration, which goes on with the case in the same session.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from datetime import datetime
from functools import cache
from typing import Any, cast

from sqlalchemy import bindparam, insert, literal, select, true, union_all
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hotline_desk.domain.changes import CASES, Changes
from hotline_desk.domain.enums.handling import CaseStatus, EventKind
from hotline_desk.domain.enums.intake import Channel
from hotline_desk.domain.errors import Msg, ValidationError
from hotline_desk.domain.numbering import case_no_key, format_case_no, new_query_code
from hotline_desk.domain.validation import CaseInput
from hotline_desk.services.admin import office
from hotline_desk.services.dto import Actor
from hotline_desk.services.supervision import clocks
from hotline_desk.store import fact_recorder, search_index
from hotline_desk.store.models import Case, CaseEvent, CaseNoCounter, CaseSearch, Topic
from hotline_desk.store.models.cases import event_changes
from hotline_desk.store.models.facts import CaseFact
from hotline_desk.store.models.office import OfficeSetting

CASES_T = Case.__table__
EVENTS_T = CaseEvent.__table__
SEARCH_T = CaseSearch.__table__
FACTS_T = CaseFact.__table__
_DEFAULTS = {
    c.key: c.default.arg  # type: ignore[union-attr]
    for c in CASES_T.columns
    if c.default is not None and c.default.is_scalar  # type: ignore[union-attr]
}
FORM_FIELDS = fields(CaseInput)  # flat values: no need of asdict's deep copy
TOPIC_REFUSED = "请从派单目录中选择一个有效的事项分类"
DUPLICATE_REF = Msg("平台工单号已存在，同一工单不能重复登记")


@dataclass(frozen=True)
class Context:
    """What writing a case needs to know, read in one statement."""

    topic_name: str | None  # None: no such topic, or it is no longer active
    existing_ref: str | None  # the case that already holds the platform number
    rules: clocks.Rules
    first_seq: int | None = None  # the day's number taken with the read (PostgreSQL)


def read_context(s: Session, topic_id: int | None, platform_ref: str | None,
                 counter_key: str | None = None) -> Context:  # fmt: skip
    """The topic's name, the rules' settings and the case holding ``platform_ref`` at once;
    with ``counter_key`` on PostgreSQL, the day's next number taken in the same statement
    (``Context.first_seq``; one round trip fewer — on SQLite, where a statement costs no
    round trip, ``number`` takes it)."""

    def setting(key: office.OfficeKey) -> Any:
        return select(OfficeSetting.value).where(OfficeSetting.key == key.key).scalar_subquery()

    topic = (
        select(Topic.name).where(Topic.id == topic_id, Topic.active).scalar_subquery()
        if topic_id is not None
        else literal(None)
    )
    ref = (
        select(Case.case_no).where(Case.platform_ref == platform_ref).limit(1).scalar_subquery()
        if platform_ref
        else literal(None)
    )
    keys = clocks.RULE_KEYS
    columns: list[Any] = [*(setting(k) for k in keys), topic, ref]
    stmt = select(*columns)
    take = counter_key is not None and s.get_bind().dialect.name == "postgresql"
    if take:
        seq = _counter_upsert(s, cast(str, counter_key), 1).cte("next_seq")
        stmt = select(*columns, select(seq.c.last_seq).scalar_subquery())
    row = s.connection().execute(stmt).one()
    values = tuple(
        k.default if v is None else json.loads(v) for k, v in zip(keys, row[:3], strict=True)
    )
    n = len(keys)
    first_seq = int(row[n + 2]) if take else None
    return Context(row[n], row[n + 1], clocks.rules_from(s, values), first_seq)


def check_references(topic_found: bool, existing_ref: str | None) -> None:
    """The registration's checks of what the form refers to: an active topic, a platform
    number no case holds yet (``existing_ref``: the case that does)."""
    errors: dict[str, str] = {}
    if not topic_found:
        errors["topic_id"] = TOPIC_REFUSED
    if existing_ref:
        errors["platform_ref"] = Msg(
            "平台工单号已存在（办件 {case_no}），同一工单不能重复登记", case_no=existing_ref
        )
    if errors:
        raise ValidationError(errors)


class CaseRow:
    """A new case's values as plain attributes, read by the clocks, the facts and the detail
    like a ``Case`` (building an instrumented ``Case`` costs more than writing the row)."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)


_BLANK = {c.key: None for c in CASES_T.columns} | _DEFAULTS


def new_case(actor: Actor, clean: CaseInput, now: datetime, case_no: str,
             **platform: Any) -> Case:  # fmt: skip
    """The new case as the ORM would insert it: the form's values, the column defaults,
    version 1 (``platform``: the import's external deadline, dispatch time and fingerprint);
    a ``CaseRow`` standing for the ``Case`` until the commit."""
    row = _BLANK | _form_values(clean) | platform | {
        "case_no": case_no, "query_code": new_query_code(),
        "status": CaseStatus.REGISTERED.value, "registered_by": actor.user_id,
        "created_at": now, "updated_at": now, "updated_by": actor.user_id, "version": 1,
    }  # fmt: skip
    return cast(Case, CaseRow(row))


def _form_values(clean: CaseInput) -> dict[str, Any]:
    values = {f.name: getattr(clean, f.name) for f in FORM_FIELDS}
    values["platform_ref"] = clean.platform_ref or None
    return values


def searched_values(clean: CaseInput) -> dict[str, Any]:
    """The values ``new_case`` gives the columns the search index reads
    (``search_index.CASE_FIELDS``: texts of the form, none set at the write), so that the
    case's search row can be made before the case is numbered and written."""
    values = _BLANK | _form_values(clean)
    return {f: values[f] for f in search_index.CASE_FIELDS}


_WRITTEN = tuple(c.key for c in CASES_T.columns if c.key != "id")


def case_row(case: Case) -> dict[str, Any]:
    values = case.__dict__
    return {k: values.get(k) for k in _WRITTEN}


def event_row(case: Case, actor: Actor, kind: EventKind, summary: Msg,
              from_status: str | None = None) -> dict[str, Any]:  # fmt: skip
    return {"case_id": case.id, "at": case.updated_at, "actor_id": actor.user_id,
            "kind": kind.value, "from_status": from_status, "to_status": case.status,
            "summary": str(summary),
            "changes": json.dumps(event_changes(summary, None), ensure_ascii=False)}  # fmt: skip


def registered_summary(case: Case) -> Msg:
    return Msg("{channel}登记", channel=Channel(case.channel))


def day_key(clean: CaseInput) -> str:
    assert clean.received_at is not None
    return case_no_key(Channel(clean.channel), clean.received_at.date())


def write_case(s: Session, actor: Actor, case: Case, rules: clocks.Rules) -> int:
    """Insert the numbered case with its reply clock, its 登记 event, its search row and its
    facts; returns the event's id. The caller writes the audit row. The change is noted for
    the views (the ORM's flush hooks do not see Core statements). The search row is made from
    the values inserted (a new case has no other text yet), not read back. On PostgreSQL the
    rows go in one statement (one round trip); on SQLite, where a statement costs no round
    trip, the facts are noted for the commit as the ORM path's are."""
    clocks.start_unrouted_clock(rules, case)
    conn = s.connection()
    row = event_row(case, actor, EventKind.REGISTERED, registered_summary(case))
    found = search_index.row_of(0, case.__dict__)
    try:
        if conn.dialect.name == "postgresql":
            facts = fact_recorder.new_case_rows(s, case) or []
            params = {f"c_{k}": v for k, v in case_row(case).items()}
            params |= {f"e_{k}": v for k, v in row.items() if k != "case_id"}
            params |= {f"s_{k}": v for k, v in found.items() if k != "case_id"}
            for i, fact in enumerate(facts):
                params |= {f"f{i}_{k}": v for k, v in fact.items() if k != "case_id"}
            case.id, event_id = conn.execute(_pg_write(len(facts)), params).one()
            row["case_id"] = case.id
            fact_recorder.rows_written(s, facts)
        else:
            case.id = conn.execute(insert(CASES_T), case_row(case)).inserted_primary_key[0]
            row["case_id"] = found["case_id"] = case.id
            event_id = conn.execute(insert(EVENTS_T), row).inserted_primary_key[0]
            conn.execute(insert(SEARCH_T), found)
    except IntegrityError:
        raise ValidationError({"platform_ref": DUPLICATE_REF}) from None
    if conn.dialect.name != "postgresql":
        fact_recorder.note_new_case(s, case)  # written at the commit
    s.note(Changes.of(CASES, case_ids=(case.id,)))  # type: ignore[attr-defined]
    return int(event_id)


@cache
def _pg_write(n_facts: int) -> Any:
    """``WITH c AS (INSERT INTO cases … RETURNING id), e AS (INSERT INTO case_events SELECT
    c.id, … RETURNING id), INSERT INTO case_search SELECT c.id, …, INSERT INTO case_facts
    SELECT c.id, … (its ``n_facts`` rows) SELECT c.id, e.id``: built once per number of
    facts, its SQL cached by the engine."""

    def params(table: Any, prefix: str, skip: str) -> dict[Any, Any]:
        return {c: bindparam(prefix + c.key, type_=c.type) for c in table.columns
                if c.key not in ("id", skip)}  # fmt: skip

    new = insert(CASES_T).values(params(CASES_T, "c_", "id")).returning(CASES_T.c.id).cte("c")

    def follow(table: Any, prefix: str) -> tuple[list[str], Any]:
        values = params(table, prefix, "case_id")
        return ["case_id", *(c.key for c in values)], select(new.c.id, *values.values())

    into, rows = follow(EVENTS_T, "e_")
    event = insert(EVENTS_T).from_select(into, rows).returning(EVENTS_T.c.id).cte("e")
    into, rows = follow(SEARCH_T, "s_")
    ctes = [insert(SEARCH_T).from_select(into, rows).cte("s")]
    if n_facts:
        selects = [follow(FACTS_T, f"f{i}_")[1] for i in range(n_facts)]
        into = follow(FACTS_T, "f0_")[0]
        rows = selects[0] if n_facts == 1 else union_all(*selects)
        ctes.append(insert(FACTS_T).from_select(into, rows).cte("f"))
    return select(new.c.id, event.c.id).select_from(new).join(event, true()).add_cte(*ctes)


def _counter_upsert(s: Session, key: str, count: int) -> Any:
    if s.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as upsert
    else:
        from sqlalchemy.dialects.sqlite import insert as upsert
    return (
        upsert(CaseNoCounter)
        .values(key=key, last_seq=count)
        .on_conflict_do_update(
            index_elements=[CaseNoCounter.key],
            set_={"last_seq": CaseNoCounter.last_seq + count},
        )
        .returning(CaseNoCounter.last_seq)
    )


def reserve_seqs(s: Session, key: str, count: int = 1) -> int:
    """Take the day's next ``count`` numbers at once (atomic on SQLite and PostgreSQL); returns
    the first. One at a time, they are the numbers the cases got one by one."""
    return int(s.connection().execute(_counter_upsert(s, key, count)).scalar_one()) - count + 1


def number(s: Session, clean: CaseInput, context: Context | None = None) -> str:
    """The case's 办件编号: the next of its channel's day (already taken when ``context`` was
    read with the day's counter)."""
    key = day_key(clean)
    if context is not None and context.first_seq is not None:
        return format_case_no(key, context.first_seq)
    return format_case_no(key, reserve_seqs(s, key))
