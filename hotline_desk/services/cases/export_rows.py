"""The rows of an export file of the case list (issue 19: a 100,000-row export within 1.2× of
bare xlsxwriter): the list's own page query read ``FILE_PAGE`` rows at a time, each page in its
own read, and made the file's rows — masked for everyone but an audited revealed export (the
titles and callers as masked at each case's last write, ``case_search``).
Private: ``services/output/exports`` checks, audits and calls them."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hotline_desk.reports.table_export import NO, YES, cell_text
from hotline_desk.services.cases.queries import (
    FILE_PAGE,
    _masked_title,
    _rows,
    received_conditions,
)
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseFilter, CaseSort
from hotline_desk.services.privacy import list_caller
from hotline_desk.store.models import Case

FileRow = tuple[Any, ...]
"""(case_no, received_at, channel, category, urgency, topic, title, caller name, caller phone,
lead section, status, important): a case as an export file holds it."""


def _file_pages(ctx: ServiceContext, actor: Actor, flt: CaseFilter, revealed: bool,
                text: bool = False) -> Iterator[list[Any]]:  # fmt: skip
    """The raw rows of an export file of the list (``_file_rows`` makes them the file's),
    newest first, ``FILE_PAGE`` at a time, each page in its own read; ``revealed``: the titles
    and addresses are read too; ``text``: for a file of text (CSV), the time received as the
    driver gives it (on SQLite its stored text, which ``_file_rows`` cuts to the minute
    instead of parsing it and writing it out again)."""
    with ctx.uow.read() as uow:
        ids = received_ids(uow.session, flt)
    if ids is None:
        return
    low, high = ids
    bounds = () if low is None else (Case.id >= low,)
    after = None if high is None else (high + 1, high + 1)  # the walk starts below high
    while True:
        with ctx.uow.read() as uow:
            rows, after = _rows(uow.session, actor, flt, CaseSort(), after, FILE_PAGE, None,
                                not revealed, tuples=True, extra=bounds, raw=text)  # fmt: skip
        if rows:
            yield rows
        if after is None:
            return


def received_ids(session: Session, flt: CaseFilter) -> tuple[int | None, int | None] | None:
    """For a filter on the date received: the lowest and highest case id that hold every case
    received in it (None: no bound; None for the pair: no case was received then), read once
    from the receipt index (``ix_cases_received_id`` covers it: the dated cases' index
    entries, no table row). The pages walk the ids down from the newest; without
    the lower end the last page went on reading every older case to find none (900,000 rows,
    0.4 s, for the last month of 1,000,000 cases); without the higher end, the first page of a
    past month walked all the newer ones. Cases registered after the export began are not in
    it either way (the first page was read before them). The higher end starts the keyset walk
    rather than adding a second upper bound beside the page's own, which SQLite may walk by
    instead.

    ``id + 0``: a bare ``min(id)`` is answered by walking the ids from the smallest until one
    was received in the range, the very walk this avoids."""
    conds = received_conditions(flt)
    if not conds:
        return None, None
    low, high = session.execute(select(func.min(Case.id + 0), func.max(Case.id + 0))
                                .where(*conds)).one()  # fmt: skip
    return None if low is None else (low, high)


def _file_rows(rows: list[Any], revealed: bool, labels: Mapping[str, Mapping[Any, str]],
               text: bool = False) -> list[FileRow]:  # fmt: skip
    """Raw rows as an export file holds them: masked — the titles scrubbed whoever exports
    (the file leaves the desk, like a masked slip), the callers as the list shows them — or
    ``revealed`` (the audited export with personal data, for a user who may see it, checked
    and audited by the export): the titles as stored, the caller's fields too but for a
    confidential case (as on paper). ``labels``: for channel, category, urgency and status,
    the word written for each value (a value not there is written as it is). ``text``: every
    cell as the CSV writes it (``cell_text``: the time to the minute, 是/否, ``""`` for a
    blank), for ``TableWriter.write_text_rows``."""
    chan, cat, urg, stat = (labels.get(k, {}) for k in ("channel", "category", "urgency",
                                                        "status"))  # fmt: skip
    page: list[FileRow] = []
    add = page.append
    for r in rows:
        title = r[10] if revealed else r[15] if r[15] is not None else _masked_title(r)
        if revealed and not r[14]:  # 请求保密: not in a file either
            name, phone = r[4] or "", r[5] or ""
        elif r[14] or r[16] is None:  # （保密）, or no search row: masked here
            name, phone = list_caller(r[4], r[5], bool(r[14]))
        else:  # masked at the case's last write (``case_search.masked_name``/``masked_phone``)
            name, phone = r[16], r[17]
        at, important = r[3], r[9]  # important: 0/1 as read (``_page_query``)
        if text:  # as ``cell_text`` writes them, without two calls a row
            if type(at) is str:  # stored "YYYY-MM-DD HH:MM:SS.ffffff" (``_file_pages``)
                at = at[:16]
            else:
                at = (at.isoformat(" ", "minutes") if at.tzinfo is None and at.year >= 1000
                      else cell_text(at))  # fmt: skip
            important, title = YES if important else NO, title or ""
        else:
            important = bool(important)
        add((r[1], at, chan.get(r[2], r[2]), cat.get(r[6], r[6]), urg.get(r[8], r[8]),
             r[7] or "", title, name, phone, r[12] or "", stat.get(r[11], r[11]),
             important))  # fmt: skip
    return page
