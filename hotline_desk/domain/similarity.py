"""Text similarity of short Chinese texts (titles) by character bigrams, and a weighted vote.

Used by the routing suggestion (how were similar past cases routed?) and meant for duplicate
detection too. Chinese has no spaces between words, so overlapping character pairs stand in for
words: 反映企业频繁停电 → {反映, 映企, 企业, 业频, 频繁, 繁停, 停电}. Pure functions, standard
library only.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Hashable, Iterable, Mapping
from functools import lru_cache
from typing import TypeVar

K = TypeVar("K", bound=Hashable)

Grams = frozenset[str]
_NOT_ALNUM = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Full-width to half-width, lower case, and only letters and digits kept (so punctuation,
    spaces and symbols neither join nor split bigrams)."""
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKC", text).lower())


@lru_cache(maxsize=16_384)
def bigrams(text: str) -> Grams:
    """The set of overlapping character pairs of the normalised text (a lone character is its
    own gram, so one-character texts still compare). Cached: a routing window shares most of
    its cases with the previous call's."""
    s = normalise(text)
    if len(s) < 2:
        return frozenset((s,)) if s else frozenset()
    return frozenset(s[i : i + 2] for i in range(len(s) - 1))


def jaccard(a: Grams, b: Grams) -> float:
    """|a ∩ b| / |a ∪ b|; 0 when either is empty."""
    if not a or not b:
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)


def cosine(a: Grams, b: Grams) -> float:
    """|a ∩ b| / sqrt(|a|·|b|) on sets (kinder than Jaccard to a short text inside a long one)."""
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


def top_k(scored: Iterable[tuple[float, K]], k: int, threshold: float) -> list[tuple[float, K]]:
    """The ``k`` best (score, key) pairs with score ≥ threshold, best first; ties keep input
    order (callers pass the newest first, so a tie goes to the newer case)."""
    kept = [(score, n, key) for n, (score, key) in enumerate(scored) if score >= threshold]
    kept.sort(key=lambda t: (-t[0], t[1]))
    return [(score, key) for score, _n, key in kept[:k]]


def weighted_vote(
    votes: Iterable[tuple[float, K]], prior: Mapping[K, float] | None = None
) -> list[tuple[K, float]]:
    """Sum each key's weights (plus its prior), normalised to shares that add up to 1, best
    first; ties go to the key that was voted for first."""
    totals: dict[K, float] = {}
    for weight, key in votes:
        totals[key] = totals.get(key, 0.0) + weight
    for key, weight in (prior or {}).items():
        totals[key] = totals.get(key, 0.0) + weight
    mass = sum(totals.values())
    if mass <= 0:
        return []
    order = {key: n for n, key in enumerate(totals)}
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1], order[kv[0]]))
    return [(key, weight / mass) for key, weight in ranked if weight > 0]
