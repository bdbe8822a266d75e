"""What a demo batch derives from its own records, made from the rows in memory before they are
written: the statistics' facts (``stats.rebuild.case_facts``, as the rebuild derives them from
the stored records) and the search index rows (``store.search_index.row_of``, as the index
makes them from the stored texts). Reading a batch back to derive them took the generator more
time than writing it (issue 19); the rows are the same."""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from typing import Any

from hotline_desk.demo.rows import Batch, Row, RowView
from hotline_desk.domain.facts import CallbackRow, ExtensionRow
from hotline_desk.domain.text_input import search_form
from hotline_desk.services.stats.rebuild import EVENT_KINDS, facts_from
from hotline_desk.store import search_index


def batch_facts(batch: Batch) -> list[Row]:
    """The ``case_facts`` rows of the batch's cases (``stats.rebuild`` would read back the same
    events, callbacks, approved extensions and returns and duplicate links), each record put
    straight in the form ``rebuild.facts_from`` takes."""
    kinds = set(EVENT_KINDS)
    events: dict[object, list[Any]] = defaultdict(list)
    for e in batch.events:
        if e["kind"] in kinds:
            events[e["case_id"]].append((e["kind"], e["at"]))
    callbacks: dict[object, list[Any]] = defaultdict(list)
    for r in batch.callbacks:
        callbacks[r["case_id"]].append(
            CallbackRow(r["at"], r["round"] or 0, r["outcome"], r["satisfaction"], r["resolved"])
        )
    extensions: dict[object, list[Any]] = defaultdict(list)
    for r in batch.extensions:
        if r.get("status") == "approved" and r["decided_at"] is not None:
            extensions[r["case_id"]].append(
                ExtensionRow(r["decided_at"], r["deadline_before"], r["deadline_after"])
            )
    returns: dict[object, list[Any]] = defaultdict(list)
    for r in batch.returns:
        if r.get("decision") == "approved" and r["decided_at"] is not None:
            returns[r["case_id"]].append((r["decided_at"], r["org_unit_id"]))
    linked: dict[object, Any] = {}
    for link in batch.links:
        if link["kind"] == "duplicate":
            at, case_id = link["created_at"], link["case_id"]
            linked[case_id] = at if case_id not in linked else min(linked[case_id], at)
    rows: list[Row] = []
    for case in batch.cases:
        cid = case["id"]
        rows.extend(facts_from(RowView(case), events.get(cid, []), callbacks.get(cid, []),
                               extensions.get(cid, []), returns.get(cid, []),
                               linked.get(cid)))  # fmt: skip
    return rows


_SOURCES: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (table, tuple(c.key for c in cols)) for table, cols in search_index.TEXT_SOURCES.items()
)
_BATCH_LISTS = {"case_assignments": "assignments", "reply_drafts": "drafts",
                "callbacks": "callbacks"}  # fmt: skip
"""The batch's lists holding rows of the index's text sources (it writes no notes or
instructions)."""


def batch_search_rows(batch: Batch) -> list[Row]:
    """The ``case_search`` rows of the batch's cases, with the other tables' texts in the
    order ``search_index.search_rows`` reads them (table by table, each in row order)."""
    extra: dict[object, list[str]] = defaultdict(list)
    for table, cols in _SOURCES:
        name = _BATCH_LISTS.get(table)
        for row in getattr(batch, name) if name else ():
            extra[row["case_id"]].extend(t for t in (row[c] for c in cols) if t)
    # each distinct text in its search form once a batch (titles and opinions come from
    # templates; an approved draft is the case's reply): a plain dict, nothing evicted
    form = cache(search_form)
    return [
        search_index.row_of(int(case["id"]), case, extra.get(case["id"], ()), form)  # type: ignore[call-overload]
        for case in batch.cases
    ]
