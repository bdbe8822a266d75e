"""The case list: filters, visibility and keyset paging on indexed columns.

A page is fetched by position after the previous page's last (sort value, id), never by
OFFSET and never by loading all ids, so the first rows appear in milliseconds at 1 M cases.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import MISSING, fields, replace
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    and_,
    false,
    func,
    null,
    or_,
    select,
    tuple_,
    type_coerce,
)
from sqlalchemy.orm import Session, aliased

from hotline_desk.domain.numbering import looks_like_case_no
from hotline_desk.services.boundary import user_input
from hotline_desk.services.cases.visibility import may_see_personal, visible_to
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import (
    Actor,
    CaseFilter,
    CasePage,
    CaseSort,
    CaseSummary,
    Snippet,
)
from hotline_desk.services.privacy import list_caller
from hotline_desk.services.search.match import (
    FTS_BEFORE,
    FTS_MATCH,
    INDEXED_TERM,
    TextMatch,
    candidate_ids,
    fts_page,
    fts_words,
    indexed,
    search_terms,
    short_part,
    too_short,
)
from hotline_desk.services.search.snippets import page_snippets
from hotline_desk.store.compiled import cached_page
from hotline_desk.store.driver_rows import fetch_rows
from hotline_desk.store.models import Case, CaseSearch, OrgUnit, Topic

_TOPIC, _LEAD, _STORED = aliased(Topic), aliased(OrgUnit), aliased(CaseSearch)
"""Built once: an alias made per page costs about a millisecond of column proxies."""
SORT_COLUMNS = {"id": Case.id, "received_at": Case.received_at, "case_no": Case.case_no}
PAGE_SIZE = 100
INDEX_BATCH_MAX = 20_000
"""The most ids read from the search index at once while filling a page."""
SCAN_STRETCH = 50_000
"""Case ids a scanning search walks between two progress reports (and chances to stop)."""
Progress = Callable[[int, int], None]
MAX_PAGE = 1000
FILE_PAGE = 5000
"""Rows of an export read at once (fewer statements than the list's pages; still bounded)."""
# A phone prefix this long matches few cases: search it through the phone index. A shorter one
# ("138") matches a good share of all cases: walk the sort order instead and filter.
SELECTIVE_PHONE_DIGITS = 7


def _text_condition(text: str, paging: bool, personal: bool = False) -> ColumnElement[bool] | None:
    """A case-number prefix; a phone prefix (``personal``: for users who may see callers);
    else every term in the search index (``services/search/match.py``). A term too short to
    search matches nothing (``explain_empty`` says why)."""
    t = text.strip()
    if not t:
        return None
    if looks_like_case_no(t):
        upper = t.upper()
        return and_(Case.case_no >= upper, Case.case_no < upper + "\uffff")
    digits = t.replace("-", "").replace(" ", "")
    if personal and digits.isdigit() and len(digits) >= 3:
        # Phone numbers are stored normalised; match on the leading digits.
        if t.startswith("0") and "-" not in t and len(digits) > 4:
            prefixes = {t, f"{t[:3]}-{t[3:]}", f"{t[:4]}-{t[4:]}"}
        else:
            prefixes = {t}
        # Paging by a short prefix: ``phone || ''`` keeps the planner off the phone index (and on
        # the sort order); counting always uses the index.
        phone = Case.caller_phone
        if paging and len(digits) < SELECTIVE_PHONE_DIGITS:
            phone = Case.caller_phone.concat("")
        return or_(*[and_(phone >= p, phone < p + "\uffff") for p in sorted(prefixes)])
    terms = search_terms(t)
    if too_short(terms):
        return false()
    return TextMatch(terms, personal)


def needs_scan(text: str) -> bool:
    """Whether ``text`` is searched by walking the cases (every term shorter than the index's
    trigrams: ``services/search/match.py``) — in stretches, with progress."""
    terms = searched_terms(text)
    return bool(terms) and not too_short(terms) and all(len(t) < INDEXED_TERM for t in terms)


def _indexed_rows(
    session: Session,
    actor: Actor,
    flt: CaseFilter,
    match: TextMatch,
    after: tuple[Any, int] | None,
    limit: int,
    masked: bool = False,
) -> list[Any]:
    """Up to ``limit`` rows newest first. SQLite: the FTS5 hits joined to the cases in one
    statement (``match.fts_page``). PostgreSQL: walking the index's hits in id order a batch at
    a time (growing) and applying the other filters to each batch: the first page of a common
    word reads one batch, a rare word's only its few hits (never every case)."""
    sqlite = session.get_bind().dialect.name == "sqlite"
    rest = short_part(match)
    others = replace(flt, text="")
    before = after[1] if after else None
    if sqlite:  # FTS5 hands its hits newest first: one joined statement fills the page
        extra = (rest,) if rest is not None else ()

        def build() -> Select[Any]:
            query = _page_query(actor, others, CaseSort(), None, limit, extra, masked)
            return fts_page(query, match, before)

        if others.queue is not None or others.kpi is not None:  # may read the clock
            return list(session.execute(build()).all())
        # everything but the words and the cursor is fixed by the key (``store/compiled.py``)
        key = ("fts", actor, others, rest, match.personal, before is None, limit, masked)
        page = cached_page(session.get_bind(), key, build)  # type: ignore[arg-type]
        return page.fetch(session.get_bind(), {FTS_MATCH: fts_words(match), FTS_BEFORE: before})  # type: ignore[arg-type]
    batch = max(2 * limit, 200)
    rows: list[Any] = []
    while len(rows) < limit:
        ids = list(session.execute(candidate_ids(match, before, batch, sqlite)).scalars())
        if not ids:
            break
        extra = (Case.id.in_(ids), *((rest,) if rest is not None else ()))
        query = _page_query(actor, others, CaseSort(), None, limit - len(rows), extra, masked)
        rows.extend(session.execute(query).all())
        if len(ids) < batch:
            break
        before, batch = ids[-1], min(batch * 4, INDEX_BATCH_MAX)
    return rows


def _scanned_rows(
    session: Session,
    actor: Actor,
    flt: CaseFilter,
    after: tuple[Any, int] | None,
    limit: int,
    progress: Progress | None,
    masked: bool = False,
) -> list[Any]:
    """Up to ``limit`` rows newest first, walking ``SCAN_STRETCH`` case ids at a time."""
    lowest = session.execute(select(func.min(Case.id))).scalar() or 0
    top = after[1] if after else (session.execute(select(func.max(Case.id))).scalar() or 0) + 1
    span = max(1, top - lowest)
    rows: list[Any] = []
    high = top
    while high > lowest and len(rows) < limit:
        low = high - SCAN_STRETCH
        stretch = (Case.id >= low, Case.id < high)
        query = _page_query(actor, flt, CaseSort(), after, limit - len(rows), stretch, masked)
        rows.extend(session.execute(query).all())
        high = low
        if progress is not None:
            progress(min(span, top - high), span)
    return rows


def searched_terms(text: str) -> tuple[str, ...]:
    """The terms a filter's text is searched for in the index (none for a case number)."""
    t = text.strip()
    if not t or looks_like_case_no(t):
        return ()
    return search_terms(t)


def filter_conditions(
    actor: Actor, flt: CaseFilter, paging: bool = False
) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = [visible_to(actor)]
    if flt.statuses:
        conds.append(Case.status.in_(flt.statuses))
    for column, value in (
        (Case.channel, flt.channel),
        (Case.category, flt.category),
        (Case.topic_id, flt.topic_id),
        (Case.lead_unit_id, flt.lead_unit_id),
        (Case.urgency, flt.urgency),
    ):
        if value is not None:
            conds.append(column == value)
    conds.extend(received_conditions(flt))
    text = _text_condition(flt.text, paging, may_see_personal(actor))
    if text is not None:
        conds.append(text)
    if flt.queue:
        from hotline_desk.services.cases.queues import queue_condition

        conds.append(queue_condition(actor, flt.queue))
    if flt.kpi is not None:
        from hotline_desk.services.stats.drill import drill_condition

        conds.append(drill_condition(flt.kpi))
    return conds


def received_conditions(flt: CaseFilter) -> list[ColumnElement[bool]]:
    """The filter's days received (both ends included) as conditions on the time received."""
    conds = []
    if flt.received_from:
        conds.append(Case.received_at >= datetime.combine(flt.received_from, time.min))
    if flt.received_to:
        conds.append(Case.received_at < datetime.combine(flt.received_to + timedelta(1), time.min))
    return conds


def effective_sort(flt: CaseFilter, sort: CaseSort) -> CaseSort:
    """The order a page is really fetched in.

    A case-number prefix (``RX202611``) is answered in case-number order: within one channel
    prefix it is the order of receipt, and it walks the case-number index instead of sorting
    every case of the month.
    """
    if sort.column in ("id", "received_at") and looks_like_case_no(flt.text):
        return CaseSort("case_no", sort.descending)
    return sort


def _page_query(
    actor: Actor,
    flt: CaseFilter,
    sort: CaseSort,
    after: tuple[Any, int] | None,
    limit: int,
    extra: tuple[ColumnElement[bool], ...] = (),
    masked: bool = False,
) -> Select[Any]:
    column = SORT_COLUMNS.get(sort.column)
    if column is None:
        raise ValueError(f"unsortable column {sort.column!r}")
    topic, lead, stored = _TOPIC, _LEAD, _STORED
    conds = [*filter_conditions(actor, flt, paging=True), *extra]
    if after is not None:
        value, last_id = after
        if column is Case.id:
            conds.append(Case.id < last_id if sort.descending else Case.id > last_id)
        elif sort.descending:
            conds.append(tuple_(column, Case.id) < tuple_(value, last_id))
        else:
            conds.append(tuple_(column, Case.id) > tuple_(value, last_id))
    order = [column.desc(), Case.id.desc()] if sort.descending else [column.asc(), Case.id.asc()]
    if column is Case.id:
        order = order[:1]
    return (
        select(
            Case.id,
            Case.case_no,
            Case.channel,
            Case.received_at,
            Case.caller_name,
            Case.caller_phone,
            Case.category,
            topic.name,
            Case.urgency,
            type_coerce(Case.important, Integer),  # 0/1 (SQLite): no processor a row; bool()
            null() if masked else Case.title,
            Case.status,
            lead.name,
            null() if masked else Case.caller_address,
            type_coerce(Case.confidential, Integer),
            stored.masked_title,
            stored.masked_name,
            stored.masked_phone,
        )
        .outerjoin(topic, topic.id == Case.topic_id)
        .outerjoin(lead, lead.id == Case.lead_unit_id)
        .outerjoin(stored, stored.case_id == Case.id)
        .where(*conds)
        .order_by(*order)
        .limit(limit)
    )


@user_input
def list_cases(
    ctx: ServiceContext,
    actor: Actor,
    flt: CaseFilter,
    sort: CaseSort | None = None,
    after: tuple[Any, int] | None = None,
    limit: int = PAGE_SIZE,
    progress: Progress | None = None,
    snippets: bool = True,
) -> CasePage:
    """One page of the case list, newest first by default. The caller's name and phone are
    masked for every role (``(保密)`` for a confidential case); the titles go through the
    personal-data detector for users who may not see personal data. A search only the scan
    answers (two-character terms) reports (ids walked, ids in all) to ``progress`` after each
    stretch of cases; ``progress`` may raise to stop it. ``snippets=False``: the rows without
    where the search matched (the GUI paints them first and asks ``case_snippets`` after)."""
    return _page(ctx, actor, flt, sort, after, limit, progress=progress, snippets=snippets)


@user_input
def case_snippets(
    ctx: ServiceContext, actor: Actor, ids: tuple[int, ...], text: str
) -> dict[int, Snippet]:
    """Where ``text`` matched in each of the cases ``ids`` the actor may see (the snippets a
    page fetched with ``snippets=False`` left out); cases the actor may not see get none."""
    terms = searched_terms(text)
    if not ids or not terms:
        return {}
    with ctx.uow.read() as uow:
        s = uow.session
        mine = list(s.execute(select(Case.id).where(Case.id.in_(ids), visible_to(actor))).scalars())
        return page_snippets(s, actor, mine, terms)


def _rows(
    session: Session,
    actor: Actor,
    flt: CaseFilter,
    sort: CaseSort,
    after: tuple[Any, int] | None,
    limit: int,
    progress: Progress | None = None,
    masked: bool = False,
    tuples: bool = False,
    extra: tuple[ColumnElement[bool], ...] = (),
    raw: bool = False,
) -> tuple[list[Any], tuple[Any, int] | None]:
    """The raw rows of one page (``_page_query``'s columns) and the cursor after it (None at
    the end), through the search index, a scan or the sort order's index. ``masked``: for
    eyes that see the masked title only, the title and address are not read (None), but for
    a row whose masked title is not stored. ``tuples``: read through the sort order's index,
    the driver's tuples (``fetch_rows``: an export's pages). ``extra``: more conditions for a
    walk of the sort order's index (``export_rows.received_ids``); ``raw``: with ``tuples``,
    the driver's values (on SQLite the time received is its stored text: a CSV's pages)."""
    match = _text_condition(flt.text, True, may_see_personal(actor))
    if sort == CaseSort() and isinstance(match, TextMatch) and indexed(match):
        rows = _indexed_rows(session, actor, flt, match, after, limit + 1, masked)
    elif sort == CaseSort() and needs_scan(flt.text):
        rows = _scanned_rows(session, actor, flt, after, limit + 1, progress, masked)
    else:
        query = _page_query(actor, flt, sort, after, limit + 1, extra, masked)
        conn = session.connection()  # plain rows: no ORM loading
        rows = fetch_rows(conn, query, raw) if tuples else conn.execute(query).all()
    if masked and any(r[15] is None for r in rows):
        rows = _with_texts(session, rows)
    if len(rows) <= limit:
        return rows, None
    last = rows[limit - 1]
    sort_value = {"id": last[0], "received_at": last[3], "case_no": last[1]}[sort.column]
    return rows[:limit], (sort_value, last[0])


def _with_texts(session: Session, rows: list[Any]) -> list[Any]:
    """``rows`` with the title and address read for those without a stored masked title."""
    ids = [r[0] for r in rows if r[15] is None]
    texts = dict.fromkeys(ids, ("", ""))
    found = select(Case.id, Case.title, Case.caller_address).where(Case.id.in_(ids))
    texts.update({i: (t, a) for i, t, a in session.connection().execute(found)})
    out = []
    for r in rows:
        if r[15] is None:
            t, a = texts[r[0]]
            r = (*r[:10], t, *r[11:13], a, *r[14:])
        out.append(r)
    return out


def _masked_title(r: Any) -> str:
    """The title as shown to whoever may not see personal data: stored at the last write of
    the title or the caller (``case_search.masked_title``), computed if the row has none."""
    if r[15] is not None:
        return str(r[15])
    from hotline_desk.domain.privacy.detector import masked_title  # jieba: not at start

    return masked_title(r[10], r[4], r[5], r[13])


def _page(
    ctx: ServiceContext,
    actor: Actor,
    flt: CaseFilter,
    sort: CaseSort | None = None,
    after: tuple[Any, int] | None = None,
    limit: int = PAGE_SIZE,
    progress: Progress | None = None,
    snippets: bool = True,
) -> CasePage:
    """``list_cases``."""
    sort = effective_sort(flt, sort or CaseSort())
    limit = max(1, min(limit, MAX_PAGE))
    may_see = may_see_personal(actor)
    with ctx.uow.read() as uow:
        rows, cursor = _rows(uow.session, actor, flt, sort, after, limit, progress, not may_see)
        terms = searched_terms(flt.text) if snippets else ()
        found = page_snippets(uow.session, actor, [r[0] for r in rows], terms)
    summaries = tuple(
        _summary(r, list_caller(r[4], r[5], bool(r[14])),
                 str(r[10]) if may_see else _masked_title(r), found.get(r[0]))
        for r in rows
    )  # fmt: skip
    return CasePage(summaries, cursor)


_new = object.__new__
_SUMMARY_DEFAULTS = {f.name: f.default for f in fields(CaseSummary) if f.default is not MISSING}


def _summary(r: Any, names: tuple[str, str], title: str, snippet: Snippet | None) -> CaseSummary:
    """A page row's ``CaseSummary``, its fields set at once: a frozen dataclass's ``__init__``
    sets each through ``object.__setattr__`` (2.7 µs a row, a quarter of a search page's time
    at 1 M cases); the object is the same (equal, hashable, frozen) — ``test_search`` checks."""
    summary = _new(CaseSummary)
    summary.__dict__.update(
        _SUMMARY_DEFAULTS, id=r[0], case_no=r[1], channel=r[2], received_at=r[3],
        caller_name=names[0], caller_phone=names[1], category=r[6], topic_name=r[7] or "",
        urgency=r[8], important=bool(r[9]), title=title, status=r[11], lead_unit_name=r[12] or "",
        snippet=snippet,
    )  # fmt: skip
    return summary  # type: ignore[no-any-return]


@user_input
def count_cases(ctx: ServiceContext, actor: Actor, flt: CaseFilter) -> int:
    """The true total for the status bar (a lazy list's scrollbar cannot show it)."""
    with ctx.uow.read() as uow:
        return int(
            uow.session.execute(
                select(func.count()).select_from(Case).where(*filter_conditions(actor, flt))
            ).scalar_one()
        )
