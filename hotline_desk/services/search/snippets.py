"""Where a search matched: for each case of a page, the first field holding a term and the text
around it, as the user may read it (issue 16).

The match is looked for in each field's search form (``domain.text_input.search_map``), whose
positions lead back to the text as written, so the snippet shows the letter's own characters
(full-width, traditional) around a match typed otherwise. For a user who may not see callers the
caller's fields are never read, and the free text is the detector's scrubbed text
(``services/privacy.shield``): a snippet never shows what the case itself would not.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotline_desk.domain.errors import Msg
from hotline_desk.domain.text_input import search_form, search_map
from hotline_desk.domain.validation import FIELD_LABELS
from hotline_desk.services.cases.visibility import may_see_personal
from hotline_desk.services.dto import Actor, Snippet
from hotline_desk.services.privacy import Shield, shield
from hotline_desk.store.models import (
    Callback,
    Case,
    CaseAssignment,
    HandlingNote,
    Instruction,
    ReplyDraft,
)

BEFORE, AFTER = 16, 40
"""Characters of context shown before and after the match."""
SLACK = 120
"""Characters either side of a match's position in the search form that are mapped back."""
WIDEN = 24
"""Characters more on each side the detector reads (names and addresses need their context)."""

_CASE_TEXTS: tuple[tuple[str, Msg], ...] = (
    ("title", FIELD_LABELS["title"]),
    ("content", FIELD_LABELS["content"]),
    ("platform_ref", FIELD_LABELS["platform_ref"]),
    ("office_opinion", Msg("拟办意见")),
    ("reply_text", Msg("答复内容")),
)
_PERSONAL: tuple[str, ...] = ("caller_name", "caller_phone", "caller_address")
_OTHER_TEXTS = (
    (Msg("办理意见"), CaseAssignment.case_id, CaseAssignment.opinion),
    (Msg("办理记录"), HandlingNote.case_id, HandlingNote.text),
    (Msg("答复稿"), ReplyDraft.case_id, ReplyDraft.text),
    (Msg("回访记录"), Callback.case_id, Callback.words),
    (Msg("回访记录"), Callback.case_id, Callback.note),
    (Msg("领导批示"), Instruction.case_id, Instruction.text),
)


def snippet_of(
    label: str, text: str, terms: Sequence[str], shown: Shield | None = None
) -> Snippet | None:
    """The first of ``terms`` found in ``text`` (compared in search form), with its context;
    with ``shown`` (a user who may not see personal data) the context is the detector's scrubbed
    text around the match, and a match the scrubbing removes is no match."""
    if not text:
        return None
    whole = search_form(text)
    if not any(term in whole for term in terms):
        return None  # the common case, at C speed
    for term in terms:
        near = whole.find(term)
        if near < 0:
            continue
        # map only the stretch around it (search forms keep positions but for whitespace runs)
        base = max(0, near - SLACK)
        form, where = search_map(text[base : near + len(term) + SLACK])
        at = form.find(term)
        if at < 0:  # many whitespace runs before it: map the whole text
            base = 0
            form, where = search_map(text)
            at = form.find(term)
        start, end = base + where[at], base + where[at + len(term) - 1] + 1
        lo, hi = max(0, start - BEFORE), min(len(text), end + AFTER)
        if shown is not None and shown.scrubbing:
            wide = text[max(0, lo - WIDEN) : hi + WIDEN]  # the detector reads the words around
            found = snippet_of(label, shown.text(wide), (term,))
            if found is None:
                continue
            more = ("…" if lo > WIDEN else "", "…" if hi + WIDEN < len(text) else "")
            return Snippet(label, more[0] + found.before, found.match, found.after + more[1])
        flat = " ".join  # a snippet is one line
        before = ("…" if lo else "") + flat(text[lo:start].split())
        after = flat(text[end:hi].split()) + ("…" if hi < len(text) else "")
        return Snippet(label, before, text[start:end], after)
    return None


def page_snippets(
    session: Session, actor: Actor, ids: Sequence[int], terms: Sequence[str]
) -> dict[int, Snippet]:
    """The snippet of each case of ``ids`` that has one for ``actor``."""
    if not ids or not terms:
        return {}
    personal = may_see_personal(actor)
    cols = [getattr(Case, f) for f, _ in _CASE_TEXTS]
    cases = session.execute(
        select(Case.id, *cols, *(getattr(Case, f) for f in _PERSONAL), Case.confidential).where(
            Case.id.in_(ids)
        )
    ).all()
    others: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for label, key, column in _OTHER_TEXTS:
        for case_id, text in session.execute(select(key, column).where(key.in_(ids))):
            if text:
                others[case_id].append((label, text))
    out: dict[int, Snippet] = {}
    n = len(_CASE_TEXTS)
    for row in cases:
        name, phone, address = row[1 + n : 4 + n]
        shown = None  # users who may see personal data read the text as written
        if not personal:
            confidential = bool(row[4 + n])
            shown = shield(
                actor, name=name, phone=phone, address=address, confidential=confidential
            )
        fields = [(label, row[1 + i] or "") for i, (_, label) in enumerate(_CASE_TEXTS)]
        fields += others[row[0]]
        if personal:
            values = (name, phone, address)
            fields += [(FIELD_LABELS[f], v or "") for f, v in zip(_PERSONAL, values, strict=True)]
        for label, text in fields:
            found = snippet_of(label, text, terms, shown)
            if found is not None:
                out[row[0]] = found
                break
    return out
