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

The same complaint about another company or place still shares most of its words, so the
specifics are also compared outright (``marks``): numbers with their unit (88号, 3栋, 5万元),
place names by their suffix (滨江区, 科技大道) and company names (机械公司). When both texts name
specifics and fewer than half of the fewer agree, they are about different matters: the pair is
not a likely duplicate whatever its words (a repeat caller's new matter neither); when they
share two or more and disagree on none, the pair gains ``MARKS_BONUS``.
Pure functions, standard library only.
"""

from __future__ import annotations

import math
import re
import unicodedata
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

MARKS_AGREE = 0.5
"""Least share of the fewer specifics the other text names too, or the matters differ."""
MARKS_BONUS = 0.15
"""Added when both texts name at least two of the same specifics and none disagree in kind:
the same place and number, the same company — another call about the same matter."""
CONFLICT_FACTOR = 0.6
"""A pair whose specifics disagree keeps this share of its score (and is never likely)."""
_CJK = "\u4e00-\u9fff"
_MARK = re.compile(
    rf"(?=([{_CJK}]{{2}}(?:区|县|镇|乡|街道|路|街|大道|巷|村|小区|社区|公司|集团|厂)))"
    r"|(?<![\d.])(\d+(?:[.]\d+)?(?![\d.])(?!年|月|日|天|个|次|周|小时|分钟|岁|g)"
    r"(?:号楼|号|栋|幢|室|单元|楼|层|元|万元|亿元|户|人|辆|台|吨|米)?)"
)
"""A place's or company's name by its suffix, or a number with its unit (not a time: calls
and letters about one matter count the days since differently)."""
_COMPANY_FORMS = ("有限责任公司", "股份有限公司", "有限公司")


def marks(text: str) -> frozenset[str]:
    """The specifics ``text`` names: numbers with their unit, and the two characters before a
    place's or a company's suffix with the suffix (module docstring)."""
    s = unicodedata.normalize("NFKC", text).lower()
    for form in _COMPANY_FORMS:
        s = s.replace(form, "公司")
    return frozenset(a or b for a, b in _MARK.findall(s))


def _disagree(a: set[str], b: set[str]) -> bool:
    return bool(a and b) and len(a & b) < MARKS_AGREE * min(len(a), len(b))


def marks_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    """At least two specifics shared and the rest not in disagreement."""
    return len(a & b) >= 2 and not marks_differ(a, b)


def marks_differ(a: frozenset[str], b: frozenset[str]) -> bool:
    """Both texts name numbers, or both name places or companies, and fewer than
    ``MARKS_AGREE`` of the fewer are shared."""
    if not a or not b:
        return False
    numbers_a = {m for m in a if m[0].isdigit()}
    numbers_b = {m for m in b if m[0].isdigit()}
    return _disagree(numbers_a, numbers_b) or _disagree(set(a) - numbers_a, set(b) - numbers_b)


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
    marks: frozenset[str] = frozenset()

    @classmethod
    def of(cls, title: str, content: str) -> Text:
        return text_of(title, content)

    @property
    def content_len(self) -> int:
        return len(self.head)

    @property
    def grams(self) -> similarity.Grams:
        return _head_grams(self.head)


@lru_cache(maxsize=TEXT_CACHE)
def _head_grams(head: str) -> similarity.Grams:
    """A content opening's exact bigrams (the nearest candidates' are weighed at every pause)."""
    return _plain_bigrams(head)  # type: ignore[no-any-return]


@lru_cache(maxsize=TEXT_CACHE)
def text_of(title: str, content: str) -> Text:
    head = similarity.normalise(content)[:CONTENT_CHARS]
    named = marks(title + "\n" + content[: CONTENT_CHARS + 40])
    return Text(gram_mask(similarity.bigrams(title)), gram_mask(_plain_bigrams(head)), head, named)


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
        differ = marks_differ(query.marks, candidates[i].marks)
        if differ:
            s *= CONFLICT_FACTOR
        elif marks_agree(query.marks, candidates[i].marks):
            s += MARKS_BONUS
        total = score(s, same_phone[i])
        likely = total >= THRESHOLD and not differ
        if likely or same_phone[i]:
            found.append(Scored(i, round(t, 3), round(c, 3), round(total, 3), likely))
    found.sort(key=lambda x: (-x.score, x.index))
    return found[:limit]
