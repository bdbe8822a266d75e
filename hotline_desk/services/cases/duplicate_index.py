"""Candidates for the duplicate look-up through the search index (issue 16), and what the
look-up keeps between the pauses of one typing clerk.

The text typed so far (title, then the content's opening) is cut into pieces of ``CHUNK``
characters in its search form, overlapping by half, each within one clause (punctuation ends a
clause). Each piece is looked up in the search index — on SQLite the FTS5 trigram table, on
PostgreSQL ``LIKE`` on the ``pg_trgm`` GIN index — for the newest ``PER_CHUNK`` cases of the
window that hold it (ids from the window's first to the case registered). A piece most cases
share (the complaint's wording) says nothing; a piece few cases hold (a company, an address,
an amount) says much: each case gets, for each piece it holds, the log of the window's size
over the cases holding that piece (``piece_weight``), and the ``CANDIDATES`` best are scored
(``domain.duplicates``).

Between keystrokes only the last piece changes: the ids of each piece, the window's first id,
the caller's cases and the count of the year's calls are kept (``Memo``), keyed by everything
they depend on — the newest case id among them, so a case registered meanwhile is seen.
"""

from __future__ import annotations

import math
import re
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, Engine, Integer, Select, bindparam, column, select, table

from hotline_desk.domain import duplicates as scoring
from hotline_desk.domain.text_input import escape_like, search_form
from hotline_desk.store.models import CaseSearch
from hotline_desk.store.search_index import FTS_TABLE

CHUNK = 6
"""Characters of one piece looked up (four trigrams)."""
STRIDE = 3
"""Pieces overlap by half: a name or a number cut by one piece is whole in the next."""
PER_CHUNK = 40
"""Newest cases of the window kept per piece."""
CANDIDATES = 150
"""Cases scored: those holding the most telling pieces."""
MAX_CHUNKS = 80
"""Pieces looked up at most (the title's and the content opening's)."""
MEMO_SIZE = 4096
MEMO_SECONDS = 120.0

_CLAUSE = re.compile(r"[^\w]+|_+")
_fts = table(FTS_TABLE, column("rowid"), column(FTS_TABLE))
T = TypeVar("T")


def chunks(title: str, content: str) -> tuple[str, ...]:
    """The pieces of ``title`` and the content's opening looked up, each once, in order."""
    out: dict[str, None] = {}
    for text in (title, content[: scoring.CONTENT_CHARS + 40]):
        for clause in _CLAUSE.split(search_form(text)):
            if len(clause) < 3:
                continue
            for start in range(0, max(1, len(clause) - CHUNK + STRIDE), STRIDE):
                piece = clause[start : start + CHUNK]
                if len(piece) < CHUNK:  # the tail: the clause's last CHUNK characters
                    piece = clause[-CHUNK:]
                out.setdefault(piece, None)
    return tuple(out)[:MAX_CHUNKS]


def _fts_phrase(piece: str) -> str:
    return '{public_text}: "' + piece.replace('"', '""') + '"'


def chunk_statement(sqlite: bool) -> Select[Any]:
    """The newest ids of the window holding one piece (parameters ``piece``, ``start_id``,
    ``before_id``, ``k``)."""
    if sqlite:
        key = _fts.c.rowid
        stmt = select(key).where(_fts.c[FTS_TABLE].op("MATCH")(bindparam("piece")))
    else:
        key = CaseSearch.case_id
        stmt = select(key).where(CaseSearch.public_text.like(bindparam("piece"), escape="\\"))
    return (
        stmt.where(key >= bindparam("start_id", type_=Integer))
        .where(key < bindparam("before_id", type_=Integer))
        .order_by(key.desc())
        .limit(bindparam("k", type_=Integer))
    )


_STATEMENTS = {True: chunk_statement(True), False: chunk_statement(False)}


def piece_param(piece: str, sqlite: bool) -> str:
    return _fts_phrase(piece) if sqlite else f"%{escape_like(piece)}%"


class Memo:
    """A bounded map of what one database's look-ups read, for the next: the least recently
    used dropped, and anything older than ``MEMO_SECONDS`` read again (a case's text edited
    meanwhile changes no key)."""

    def __init__(self, size: int = MEMO_SIZE) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        now = time.monotonic()
        kept = self._items.get(key)
        if kept is not None and now - kept[0] < MEMO_SECONDS:
            self._items.move_to_end(key)
            return kept[1]  # type: ignore[no-any-return]
        value = make()
        self._items[key] = (now, value)
        self._items.move_to_end(key)
        if len(self._items) > self.size:
            self._items.popitem(last=False)
        return value


_MEMOS: WeakKeyDictionary[Engine, Memo] = WeakKeyDictionary()


def memo_of(engine: Engine) -> Memo:
    """The memo of one database's engine (a form's pauses find their earlier pieces here, and
    a second clerk's form the pieces the first looked up)."""
    memo = _MEMOS.get(engine)
    if memo is None:
        memo = _MEMOS[engine] = Memo()
    return memo


def piece_weight(ids: Sequence[int], start_id: int, before_id: int) -> float:
    """How telling a piece is: the log of the window's size over the cases holding it — all
    of them when fewer than ``PER_CHUNK`` came back, else estimated from how far back the
    newest ``PER_CHUNK`` reach (0 for a piece every case holds)."""
    if not ids:
        return 0.0
    size = max(1, before_id - start_id)
    holding = float(len(ids))
    if len(ids) >= PER_CHUNK:
        holding = len(ids) * size / max(1, before_id - min(ids))
    return max(0.0, math.log(size / holding))


def index_candidates(
    conn: Connection, memo: Memo, pieces: Sequence[str], start_id: int, before_id: int
) -> list[int]:
    """The ``CANDIDATES`` case ids of the window that hold the most telling ``pieces``."""
    sqlite = conn.dialect.name == "sqlite"
    stmt = _STATEMENTS[sqlite]
    weights: dict[int, float] = {}
    for piece in pieces:

        def read(piece: str = piece) -> tuple[int, ...]:
            params = {"piece": piece_param(piece, sqlite), "start_id": start_id,
                      "before_id": before_id, "k": PER_CHUNK}  # fmt: skip
            return tuple(r[0] for r in conn.execute(stmt, params))

        ids = memo.get(("piece", piece, start_id, before_id), read)
        weight = piece_weight(ids, start_id, before_id)
        for cid in ids:
            weights[cid] = weights.get(cid, 0.0) + weight
    ranked = sorted(weights.items(), key=lambda kv: (-kv[1], -kv[0]))
    return [cid for cid, _w in ranked[:CANDIDATES]]
