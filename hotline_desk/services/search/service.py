"""The search service (issue 16): one search over everything a case holds, with the case
list's visibility and filters, newest first, each hit with its snippet — and, when nothing is
found, why (``NoHit``). The case list's text box goes through the same condition
(``services/cases/queries.py``); this is the door for the CLI and scripts, and the reason for the
list's "共 0 件"."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from sqlalchemy import func, select

from hotline_desk.domain.enums.org import Role
from hotline_desk.domain.permissions import require
from hotline_desk.services.audit import record_audit
from hotline_desk.services.boundary import user_input
from hotline_desk.services.cases.queries import (
    _page,
    count_cases,
    filter_conditions,
    searched_terms,
)
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseFilter, CaseSort, Snippet
from hotline_desk.services.search.match import too_short
from hotline_desk.store import search_index
from hotline_desk.store.models import Case

MAX_LIMIT = 500


class NoHit(StrEnum):
    """Why a search found nothing."""

    TOO_SHORT = "too_short"  # a term of one character
    NOTHING = "nothing"  # no case the user may see holds the terms
    FILTERED = "filtered"  # some do, but the other filters leave them out


@dataclass(frozen=True)
class SearchHit:
    id: int
    case_no: str
    title: str
    status: str
    received_at: datetime
    snippet: Snippet | None


@dataclass(frozen=True)
class SearchPage:
    hits: tuple[SearchHit, ...]
    total: int
    more: bool
    reason: NoHit | None
    """Set when ``hits`` is empty."""


def _why_nothing(ctx: ServiceContext, actor: Actor, flt: CaseFilter) -> NoHit | None:
    """Why ``flt`` (with a text) finds nothing: a term too short, or found only outside the
    other filters, or not found at all (within the user's cases)."""
    text = flt.text.strip()
    if not text:
        return None
    terms = searched_terms(text)
    if terms and too_short(terms):
        return NoHit.TOO_SHORT
    bare = CaseFilter(text=text)
    if bare != flt:
        with ctx.uow.read() as uow:
            conds = filter_conditions(actor, bare)
            found = uow.session.execute(select(func.min(Case.id)).where(*conds)).scalar()
        if found is not None:
            return NoHit.FILTERED
    return NoHit.NOTHING


@user_input
def explain_empty(ctx: ServiceContext, actor: Actor, flt: CaseFilter) -> NoHit | None:
    """``_why_nothing`` for the list's "共 0 件"."""
    return _why_nothing(ctx, actor, flt)


@user_input
def search(
    ctx: ServiceContext,
    actor: Actor,
    text: str,
    flt: CaseFilter | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchPage:
    """The cases ``actor`` may see holding every term of ``text`` (and passing ``flt``), newest
    first, from ``offset``, at most ``limit``; personal fields searched only for users who may
    see them."""
    flt = replace(flt or CaseFilter(), text=text)
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    page = _page(ctx, actor, flt, CaseSort(), None, offset + limit)
    rows = page.rows[offset:]
    hits = tuple(
        SearchHit(r.id, r.case_no, r.title, r.status, r.received_at, r.snippet) for r in rows
    )
    total = count_cases(ctx, actor, flt)
    reason = None if hits else _why_nothing(ctx, actor, flt)
    return SearchPage(hits, total, page.cursor is not None, reason)


REBUILD_ROLES = frozenset({Role.SYS_ADMIN, Role.DESK})


@user_input
def rebuild_index(
    ctx: ServiceContext, actor: Actor, progress: Callable[[int, int], None] | None = None
) -> int:
    """Write every case's search row again (a repair: the store keeps them at each write), in
    batches of their own transactions, reporting (done, total); audited once at the end."""
    require(actor.roles, REBUILD_ROLES, "重建检索索引")
    with ctx.uow.read() as uow:
        ids = list(uow.session.execute(select(Case.id).order_by(Case.id)).scalars())
    written = 0
    for start in range(0, len(ids), search_index.BATCH):
        with ctx.engines.writer.begin() as conn:
            written += search_index.write_rows(conn, ids[start : start + search_index.BATCH])
        if progress:
            progress(min(start + search_index.BATCH, len(ids)), len(ids))
    with ctx.uow.write() as uow:
        record_audit(uow.session, ctx.now(), actor, "search_rebuilt", "search_index", "",
                     {"cases": written})  # fmt: skip
        uow.commit()
    return written
