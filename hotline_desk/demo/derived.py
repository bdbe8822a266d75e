"""What a demo batch derives from its own records, made from the rows in memory before they are
written: the statistics' facts (``stats.rebuild.case_facts``, as the rebuild derives them from
the stored records) and the search index rows (``store.search_index.row_of``, as the index
makes them from the stored texts). Reading a batch back to derive them took the generator more
time than writing it (issue 19); the rows are the same."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from hotline_desk.demo.rows import Batch, Row, RowView
from hotline_desk.domain.text_input import search_form
from hotline_desk.services.stats.rebuild import EVENT_KINDS, case_facts
from hotline_desk.store import search_index

FORM_CACHE = 50_000
"""Search forms kept between batches: titles, opinions and replies come from templates."""


def _by_case(rows: Iterable[Row], keep: Callable[[Row], bool] = lambda r: True) -> Any:
    out: dict[object, list[RowView]] = defaultdict(list)
    for row in rows:
        if keep(row):
            out[row["case_id"]].append(RowView(row))
    return out


def batch_facts(batch: Batch) -> list[Row]:
    """The ``case_facts`` rows of the batch's cases (``stats.rebuild`` would read back the same
    events, callbacks, approved extensions and returns and duplicate links)."""
    kinds = set(EVENT_KINDS)
    events = _by_case(batch.events, lambda e: e["kind"] in kinds)
    callbacks = _by_case(batch.callbacks)
    extensions = _by_case(batch.extensions, lambda r: r.get("status") == "approved")
    returns = _by_case(batch.returns, lambda r: r.get("decision") == "approved")
    linked: dict[object, Any] = {}
    for link in batch.links:
        if link["kind"] == "duplicate":
            at, case_id = link["created_at"], link["case_id"]
            linked[case_id] = at if case_id not in linked else min(linked[case_id], at)
    rows: list[Row] = []
    for case in batch.cases:
        cid = case["id"]
        rows.extend(case_facts(RowView(case), events.get(cid, ()), callbacks.get(cid, ()),
                               extensions.get(cid, ()), returns.get(cid, ()),
                               linked.get(cid)))  # fmt: skip
    return rows


_SOURCES: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (table, tuple(c.key for c in cols)) for table, cols in search_index.TEXT_SOURCES.items()
)
_BATCH_LISTS = {"case_assignments": "assignments", "reply_drafts": "drafts",
                "callbacks": "callbacks"}  # fmt: skip
"""The batch's lists holding rows of the index's text sources (it writes no notes or
instructions)."""


@lru_cache(maxsize=FORM_CACHE)
def _form(text: str) -> str:
    return search_form(text)


def batch_search_rows(batch: Batch) -> list[Row]:
    """The ``case_search`` rows of the batch's cases, with the other tables' texts in the
    order ``search_index.search_rows`` reads them (table by table, each in row order)."""
    extra: dict[object, list[str]] = defaultdict(list)
    for table, cols in _SOURCES:
        name = _BATCH_LISTS.get(table)
        for row in getattr(batch, name) if name else ():
            extra[row["case_id"]].extend(t for t in (row[c] for c in cols) if t)
    return [
        search_index.row_of(int(case["id"]), case, extra.get(case["id"], ()), _form)  # type: ignore[call-overload]
        for case in batch.cases
    ]
