"""The condition "this case holds every term" over the search index, one expression that
compiles per engine (issue 16; DESIGN.md §13).

Terms are the words of the query in their search form (``domain.text_input.search_form``). A
term of three or more characters is answered by the index: on SQLite the FTS5 trigram table
(``MATCH``), on PostgreSQL ``LIKE`` on the ``pg_trgm`` GIN indexes. A two-character term (噪音,
电梯, 停电) has no trigram: it is checked on each candidate's row (``instr``/``LIKE``) — with a
longer term beside it only on that term's hits, alone by walking the cases newest first, which
the list does off the GUI thread (measured in ``benchmarks/bench_search.py``). A one-character
term is refused as too short.

``personal`` (users who may see callers): the caller's name, phone and address are searched too.
Otherwise they are not, and a case whose caller's fields hold the term is not found even when
its public text holds it too (the caller's name written into the letter): searching a caller's
name or phone must not tell who called about what.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Select,
    and_,
    bindparam,
    column,
    exists,
    func,
    not_,
    select,
    table,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.visitors import InternalTraversal

from hotline_desk.domain.text_input import escape_like, search_form
from hotline_desk.store.models import Case, CaseSearch
from hotline_desk.store.search_index import FTS_TABLE

MIN_TERM = 2
"""Shorter terms are refused (too short: a single character matches most letters)."""
INDEXED_TERM = 3
"""Terms this long are answered by the trigram index."""

FTS_MATCH, FTS_BEFORE = "fts_match", "fts_before"
"""``fts_page``'s parameters: the FTS5 query and the id the page starts below."""
_fts = table(FTS_TABLE, column("rowid"), column(FTS_TABLE))


def search_terms(text: str) -> tuple[str, ...]:
    """The distinct terms of ``text`` in their search form, longest first."""
    seen = dict.fromkeys(t for t in search_form(text).split(" ") if t)
    return tuple(sorted(seen, key=len, reverse=True))


def too_short(terms: tuple[str, ...]) -> bool:
    return not terms or any(len(t) < MIN_TERM for t in terms)


class TextMatch(ColumnElement[bool]):
    """``Case`` holds every one of ``terms`` (compiled per dialect, below); the terms are part
    of the statement cache's key, so a search typed again is not compiled again."""

    inherit_cache = True
    type = Boolean()
    _traverse_internals = [
        ("terms", InternalTraversal.dp_plain_obj),
        ("personal", InternalTraversal.dp_plain_obj),
    ]

    def __init__(self, terms: tuple[str, ...], personal: bool) -> None:
        self.terms, self.personal = terms, personal


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _fts_query(long: list[str], personal: bool) -> str:
    phrases = " AND ".join(_fts_phrase(t) for t in long)
    if personal:
        return f"{{public_text personal_text}}: ({phrases})"
    # public text only, and not where the caller's fields hold it
    query = f"{{public_text}}: ({phrases})"
    return query + "".join(f" NOT {{personal_text}}: {_fts_phrase(t)}" for t in long)


def _row_conditions(terms: list[str], personal: bool, like: bool) -> list[ColumnElement[bool]]:
    """Each term on a ``case_search`` row: ``LIKE`` (PostgreSQL's trigram index) or ``instr``."""
    row: list[ColumnElement[bool]] = []
    for term in terms:
        if like:
            pattern = f"%{escape_like(term)}%"
            public = CaseSearch.public_text.like(pattern, escape="\\")
            personal_hit = CaseSearch.personal_text.like(pattern, escape="\\")
        else:
            public = func.instr(CaseSearch.public_text, term) > 0
            personal_hit = func.instr(CaseSearch.personal_text, term) > 0
        row.append(public | personal_hit if personal else public & not_(personal_hit))
    return row


def indexed(match: TextMatch) -> bool:
    """Whether the index answers ``match`` (it has a term of three characters or more)."""
    return any(len(t) >= INDEXED_TERM for t in match.terms)


def candidate_ids(match: TextMatch, before: int | None, k: int, sqlite: bool) -> Select[Any]:
    """The newest ``k`` case ids below ``before`` holding ``match``'s indexed terms, straight
    from the index in id order (the list walks these, then applies its other filters)."""
    long = [t for t in match.terms if len(t) >= INDEXED_TERM]
    if sqlite:
        key = _fts.c.rowid
        stmt = select(key).where(_fts.c[FTS_TABLE].op("MATCH")(_fts_query(long, match.personal)))
    else:
        key = CaseSearch.case_id
        stmt = select(key).where(*_row_conditions(long, match.personal, like=True))
    if before is not None:
        stmt = stmt.where(key < before)
    return stmt.order_by(key.desc()).limit(k)


def fts_page(query: Select[Any], match: TextMatch, before: int | None) -> Select[Any]:
    """SQLite: ``query`` (over ``Case``) joined to the FTS5 hits of ``match``'s indexed terms
    and walked newest first in the index's own rowid order below ``before``: one statement
    that reads hits only until its LIMIT is filled (no id batches, no sort). The words and the
    cursor are the named parameters ``FTS_MATCH`` and ``FTS_BEFORE`` (``store/compiled.py`` runs
    the statement compiled once with new values)."""
    key = _fts.c.rowid
    words = bindparam(FTS_MATCH, fts_words(match))
    query = query.join(_fts, key == Case.id).where(_fts.c[FTS_TABLE].op("MATCH")(words))
    if before is not None:
        query = query.where(key < bindparam(FTS_BEFORE, before))
    return query.order_by(None).order_by(key.desc())


def fts_words(match: TextMatch) -> str:
    """The FTS5 query of ``match``'s indexed terms (``fts_page``'s ``FTS_MATCH`` parameter)."""
    long = [t for t in match.terms if len(t) >= INDEXED_TERM]
    return _fts_query(long, match.personal)


def short_part(match: TextMatch) -> TextMatch | None:
    """``match``'s terms the index cannot answer, or None."""
    short = tuple(t for t in match.terms if len(t) < INDEXED_TERM)
    return TextMatch(short, match.personal) if short else None


def _sqlite(match: TextMatch) -> ColumnElement[bool]:
    long = [t for t in match.terms if len(t) >= INDEXED_TERM]
    short = [t for t in match.terms if len(t) < INDEXED_TERM]
    conds: list[ColumnElement[bool]] = []
    if long:
        ids = select(_fts.c.rowid).where(
            _fts.c[FTS_TABLE].op("MATCH")(_fts_query(long, match.personal))
        )
        conds.append(Case.id.in_(ids))
    if short:
        row = [CaseSearch.case_id == Case.id, *_row_conditions(short, match.personal, False)]
        conds.append(exists(select(CaseSearch.case_id).where(*row).correlate(Case)))
    return and_(*conds)


def _postgresql(match: TextMatch) -> ColumnElement[bool]:
    row = _row_conditions(list(match.terms), match.personal, like=True)
    return Case.id.in_(select(CaseSearch.case_id).where(*row))


@compiles(TextMatch, "sqlite")
def _compile_sqlite(element: TextMatch, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(_sqlite(element), **kw)


@compiles(TextMatch)
def _compile_other(element: TextMatch, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(_postgresql(element), **kw)
