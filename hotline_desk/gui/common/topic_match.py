"""Finding a topic of the 派单目录 from what a clerk types: its name, its code, one of its
keywords, or pinyin — initials ("dlbz"), whole syllables ("dianli") or both ("tdian" for
停电). Each match says why it matched, so the picker can show it rather than choose silently.

No Qt: plain tuples in and out. It lives under gui/ because the domain takes no third-party
import and this needs ``pypinyin`` (the characters' readings).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pypinyin import Style, lazy_pinyin


@dataclass(frozen=True)
class TopicEntry:
    """What a topic is searched by."""

    id: int
    code: str
    name: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class TopicMatch:
    id: int
    name: str
    rank: int  # lower is better
    why: str  # "" for the name itself, "code", "keyword", "pinyin" or "pinyin_keyword"
    word: str = ""  # the code, keyword or pinyin that matched


@cache
def syllables(text: str) -> tuple[str, ...]:
    """The lower-case pinyin syllables of ``text`` (other characters kept one by one)."""
    out: list[str] = []
    for piece in lazy_pinyin(text, style=Style.NORMAL, errors=lambda s: list(s)):
        out.append(piece.lower())
    return tuple(out)


def pinyin_matches(query: str, text: str) -> bool:
    """``query`` (lower-case letters) spells consecutive syllables of ``text``, each by a
    prefix of at least its first letter: "tdian", "td" and "tingdian" all spell 停电."""
    syl = syllables(text)

    @cache
    def spell(q: int, s: int) -> bool:
        if q == len(query):
            return True
        if s == len(syl):
            return False
        word = syl[s]
        n = 0
        while n < len(word) and q + n < len(query) and query[q + n] == word[n]:
            n += 1
            if spell(q + n, s + 1):
                return True
        return False

    return any(spell(0, start) for start in range(len(syl)))


def _is_pinyin_query(query: str) -> bool:
    return query.isascii() and query.isalpha()


def match_topics(query: str, topics: list[TopicEntry]) -> list[TopicMatch]:
    """Topics matching ``query``, best first: the name itself, a name starting with it, the
    code, a name containing it, a keyword, then pinyin of the name or of a keyword."""
    q = query.strip()
    if not q:
        return [TopicMatch(t.id, t.name, 9, "") for t in topics]
    low = q.lower()
    found: list[TopicMatch] = []
    for t in topics:
        best: tuple[int, str, str] | None = None

        def better(rank: int, why: str, word: str = "") -> None:
            nonlocal best
            if best is None or rank < best[0]:
                best = (rank, why, word)

        if t.name == q:
            better(0, "")
        elif t.name.startswith(q):
            better(1, "")
        elif q in t.name:
            better(3, "")
        if t.code and t.code.lower().startswith(low):
            better(2, "code", t.code)
        for word in t.keywords:
            if word == q:
                better(4, "keyword", word)
            elif q in word:
                better(5, "keyword", word)
        if _is_pinyin_query(low):
            if pinyin_matches(low, t.name):
                better(6, "pinyin", low)
            else:
                for word in t.keywords:
                    if pinyin_matches(low, word):
                        better(7, "pinyin_keyword", word)
                        break
        if best is not None:
            found.append(TopicMatch(t.id, t.name, *best))
    found.sort(key=lambda m: m.rank)
    return found
