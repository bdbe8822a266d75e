"""How alike a case being registered is to an earlier one (并单 candidates): character-bigram
similarity of the titles and of the contents' openings, and the caller's phone number.

A call and a letter about the same thing share their specifics (the company, the address, the
amount) while many unrelated cases share the wording of the complaint ("反映企业频繁停电"). So
the contents are compared twice: first plainly (bigram Jaccard) to find the nearest
``RERANK`` cases, then with each bigram weighted by how rare it is among those neighbours
(inverse document frequency): wording that most neighbours share counts little, a company name
or a house number that only a few share counts much. The weighted similarity is the mean of
the two containments (how much of each text the other holds). The constants were chosen on a
demo database of another seed than the benchmark's (benchmarks/bench_duplicates.py).
Pure functions, standard library only.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from hotline_desk.domain import similarity

CONTENT_CHARS = 160
"""How much of each content is compared (the opening carries the matter)."""
TITLE_WEIGHT = 0.2
"""The title's share of the text similarity once the content is typed (titles are short and
often worded alike)."""
PHONE_BONUS = 0.25
"""Added for the same caller phone: a repeat caller is the commonest duplicate."""
THRESHOLD = 0.55
"""Least score of a likely duplicate (疑似重复)."""
RERANK = 30
"""Nearest neighbours the bigram weights are learnt from."""
TEXT_CACHE = 4096
"""Candidates' compared texts kept between look-ups (the form looks up on every pause)."""

_plain_bigrams = similarity.bigrams.__wrapped__  # contents are cached as ``Text`` instead


@dataclass(frozen=True)
class Text:
    """A case's text as compared: title bigrams, content-opening bigrams and its length."""

    title: similarity.Grams
    content: similarity.Grams
    content_len: int

    @classmethod
    def of(cls, title: str, content: str) -> Text:
        return text_of(title, content)


@lru_cache(maxsize=TEXT_CACHE)
def text_of(title: str, content: str) -> Text:
    head = similarity.normalise(content)[:CONTENT_CHARS]
    return Text(similarity.bigrams(title), _plain_bigrams(head), len(head))


@dataclass(frozen=True)
class Scored:
    index: int  # the candidate's position in the input
    title: float
    content: float
    score: float
    likely: bool


def content_weight(query: Text) -> float:
    """The content's share grows as it is typed, so a few characters do not outweigh a title."""
    if query.content_len == 0:
        return 0.0
    return (1 - TITLE_WEIGHT) * min(1.0, query.content_len / (CONTENT_CHARS / 2))


def combine(title: float, content: float, weight: float) -> float:
    if weight <= 0:
        return title
    return (TITLE_WEIGHT * title + weight * content) / (TITLE_WEIGHT + weight)


def score(text_similarity: float, same_phone: bool) -> float:
    return min(1.0, text_similarity + (PHONE_BONUS if same_phone else 0.0))


def overlap(query: Text, other: Text, idf: dict[str, float] | None = None) -> float:
    """Mean of the two containments of the contents (how much of each the other holds), each
    bigram weighted by ``idf`` (or plainly counted); 0 when either is empty."""
    a, b = query.content, other.content
    if not a or not b:
        return 0.0
    if idf is None:
        common, mine, theirs = float(len(a & b)), float(len(a)), float(len(b))
    else:
        common = sum(idf[g] for g in a & b)
        mine, theirs = sum(idf[g] for g in a), sum(idf[g] for g in b)
    return 0.5 * ((common / mine if mine else 0.0) + (common / theirs if theirs else 0.0))


def neighbour_idf(query: Text, neighbours: Sequence[Text]) -> dict[str, float]:
    """Each bigram's inverse document frequency among the query and its neighbours."""
    n = len(neighbours) + 1
    df = Counter(query.content)
    for t in neighbours:
        df.update(t.content)
    return {g: math.log((n + 1) / (k + 0.5)) for g, k in df.items()}


def rank(
    query: Text, candidates: Sequence[Text], same_phone: Sequence[bool], limit: int = 10
) -> list[Scored]:
    """Candidates worth showing, best first: those scoring at least ``THRESHOLD`` and every
    same-phone one (the caller's recent cases), at most ``limit``."""
    weight = content_weight(query)
    plain: list[tuple[float, float, float, int]] = []
    for i, other in enumerate(candidates):
        t = similarity.jaccard(query.title, other.title)
        c = similarity.jaccard(query.content, other.content) if weight else 0.0
        plain.append((combine(t, c, weight), t, c, i))
    plain.sort(key=lambda r: -r[0])
    top = plain[:RERANK]
    if weight and top:
        idf = neighbour_idf(query, [candidates[i] for _s, _t, _c, i in top])
        trust = len(top) / RERANK  # the weights need neighbours: few, and plain counts weigh in
        reranked = []
        for _s, t, _c, i in top:
            other = candidates[i]
            c = trust * overlap(query, other, idf) + (1 - trust) * overlap(query, other)
            reranked.append((combine(t, c, weight), t, c, i))
        top = reranked
    shown = {i: (s, t, c) for s, t, c, i in top}
    shown |= {i: (s, t, c) for s, t, c, i in plain[RERANK:] if same_phone[i]}
    found: list[Scored] = []
    for i, (s, t, c) in shown.items():
        total = score(s, same_phone[i])
        if total >= THRESHOLD or same_phone[i]:
            found.append(Scored(i, round(t, 3), round(c, 3), round(total, 3), total >= THRESHOLD))
    found.sort(key=lambda x: (-x.score, x.index))
    return found[:limit]
