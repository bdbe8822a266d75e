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
TEXT_CACHE = 8192
"""Candidates' compared texts kept between look-ups (the form looks up on every pause)."""
MASK_BITS = 4096
"""Bits of a bigram mask (two openings of 160 characters share a bit by chance rarely)."""

_plain_bigrams = similarity.bigrams.__wrapped__  # contents are cached as ``Text`` instead


def gram_mask(grams: similarity.Grams) -> int:
    """Bigrams as the bits of one integer (hash buckets): a tenth of a set's memory, nothing for
    the garbage collector to walk (its pauses were the slowest look-ups), two bit counts to
    compare."""
    mask = 0
    for g in grams:
        mask |= 1 << (hash(g) & (MASK_BITS - 1))
    return mask


def mask_jaccard(a: int, b: int) -> float:
    """Jaccard similarity of two masks (a chance shared bit makes it a little high)."""
    if not a or not b:
        return 0.0
    return (a & b).bit_count() / (a | b).bit_count()


@dataclass(frozen=True, slots=True)
class Text:
    """A case's text as compared: the title's and the content opening's bigrams as masks, the
    opening itself (its exact bigrams are weighed when it is among the nearest) and its length."""

    title: int
    content: int
    head: str

    @classmethod
    def of(cls, title: str, content: str) -> Text:
        return text_of(title, content)

    @property
    def content_len(self) -> int:
        return len(self.head)

    @property
    def grams(self) -> similarity.Grams:
        return _plain_bigrams(self.head)  # type: ignore[no-any-return]


@lru_cache(maxsize=TEXT_CACHE)
def text_of(title: str, content: str) -> Text:
    head = similarity.normalise(content)[:CONTENT_CHARS]
    return Text(gram_mask(similarity.bigrams(title)), gram_mask(_plain_bigrams(head)), head)


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


def overlap(a: similarity.Grams, b: similarity.Grams, idf: dict[str, float] | None = None) -> float:
    """Mean of the two containments of two contents' bigrams (how much of each the other
    holds), each weighted by ``idf`` (or plainly counted); 0 when either is empty."""
    if not a or not b:
        return 0.0
    if idf is None:
        common, mine, theirs = float(len(a & b)), float(len(a)), float(len(b))
    else:
        common = sum(idf[g] for g in a & b)
        mine, theirs = sum(idf[g] for g in a), sum(idf[g] for g in b)
    return 0.5 * ((common / mine if mine else 0.0) + (common / theirs if theirs else 0.0))


def neighbour_idf(
    query: similarity.Grams, neighbours: Sequence[similarity.Grams]
) -> dict[str, float]:
    """Each bigram's inverse document frequency among the query and its neighbours."""
    n = len(neighbours) + 1
    df = Counter(query)
    for grams in neighbours:
        df.update(grams)
    return {g: math.log((n + 1) / (k + 0.5)) for g, k in df.items()}


def rank(
    query: Text, candidates: Sequence[Text], same_phone: Sequence[bool], limit: int = 10
) -> list[Scored]:
    """Candidates worth showing, best first: those scoring at least ``THRESHOLD`` and every
    same-phone one (the caller's recent cases), at most ``limit``."""
    weight = content_weight(query)
    plain: list[tuple[float, float, float, int]] = []
    for i, other in enumerate(candidates):
        t = mask_jaccard(query.title, other.title)
        c = mask_jaccard(query.content, other.content) if weight else 0.0
        plain.append((combine(t, c, weight), t, c, i))
    plain.sort(key=lambda r: -r[0])
    top = plain[:RERANK]
    if weight and top:
        mine = query.grams
        near = {i: candidates[i].grams for _s, _t, _c, i in top}
        idf = neighbour_idf(mine, list(near.values()))
        trust = len(top) / RERANK  # the weights need neighbours: few, and plain counts weigh in
        reranked = []
        for _s, t, _c, i in top:
            c = trust * overlap(mine, near[i], idf) + (1 - trust) * overlap(mine, near[i])
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
