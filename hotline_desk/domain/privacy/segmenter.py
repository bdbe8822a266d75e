"""The Chinese segmenter behind the personal-data detector: ``jieba`` with the part-of-speech
tags of its dictionary (nr person, ns place, nt organisation …), loaded on first use — not when
the module is imported, so the program starts as fast as before — under a lock so two threads
never build its dictionary twice, with jieba's own logging silenced.

Words come from ``jieba.cut`` (dictionary plus its 4-state HMM for unknown words); each word
gets the tag ``jieba.posseg`` has for it in the dictionary. A word the dictionary does not know
(the HMM found it — most unknown names) gets ``"un"``, digits and Latin ``"m"``/``"eng"``.
``jieba.posseg.cut`` itself would tag unknown words with its own POS-HMM, but that costs 35–55
ms for a 2,000-character letter against 4–5 ms for this, and the detector's name rules decide
unknown words themselves (surname first, length, what follows).

The cut is jieba's own (``jieba.cut``: the dictionary's DAG, the best route by log frequency,
runs of single characters the dictionary does not know through its HMM) done by ``_Cut`` in one
pass per block without jieba's generators: each word's log weight and the HMM's cut of each run
of unknown Chinese characters worked out once (the digits between them apart: 第12号 and 第13号
share 第 and 号), not for every text (half the time of a title; the same words — tests compare
the two over the labelled letters, the demo's and the fixtures' texts and random ones).

A short text's words are remembered (the last ``REMEMBERED`` texts of at most ``SHORT``
characters: titles, not letters): a platform file repeats titles (噪音扰民, 咨询社保) under
different callers, and the dictionary is fixed once loaded, so the same text cuts the same."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from functools import lru_cache
from math import log
from typing import Any

_lock = threading.Lock()
_cut: Callable[[str], list[str]] | None = None
_tags: dict[str, str] = {}

# Words of addresses jieba should keep whole, so they never join a name before them.
_USER_WORDS = (
    ("小区", "n"), ("花园", "n"), ("社区", "n"), ("单元", "n"), ("号楼", "n"),
    ("大道", "n"), ("新村", "n"), ("公寓", "n"), ("大厦", "n"),
)  # fmt: skip


def _load() -> Callable[[str], list[str]]:
    global _cut, _tags
    with _lock:
        if _cut is None:
            import jieba
            import jieba.posseg

            jieba.setLogLevel(logging.WARNING)
            logging.getLogger("jieba").setLevel(logging.WARNING)
            jieba.initialize()
            for word, tag in _USER_WORDS:
                jieba.add_word(word, tag=tag)
            _tags = jieba.posseg.dt.word_tag_tab
            _cut = _Cut(jieba.dt)
        return _cut


class _Cut:
    """``jieba.cut(text)`` (accurate mode, HMM on) as a list, with jieba's tokenizer's data."""

    FORGET = 50_000
    """Unknown runs remembered at most (then forgotten at once: letters bring new ones)."""

    def __init__(self, tokenizer: Any) -> None:
        import jieba
        from jieba import finalseg

        self.freq: dict[str, int] = tokenizer.FREQ
        self.logtotal = log(tokenizer.total)
        self.weights: dict[str, float] = {}
        self.unknown: dict[str, list[str]] = {}
        self.hmm = finalseg.cut
        self.han, self.skip = jieba.re_han_default, jieba.re_skip_default
        self.hmm_han, self.hmm_skip = finalseg.re_han, finalseg.re_skip

    def __call__(self, text: str) -> list[str]:
        out: list[str] = []
        han, skip = self.han, self.skip
        for block in han.split(text):
            if not block:
                continue
            if han.match(block):
                self._block(block, out)
                continue
            for piece in skip.split(block):
                if skip.match(piece):
                    out.append(piece)
                else:
                    out.extend(piece)  # character by character
        return out

    def _weight(self, word: str) -> float:
        weight = self.weights.get(word)
        if weight is None:
            weight = self.weights[word] = log(self.freq.get(word) or 1) - self.logtotal
        return weight

    def _block(self, s: str, out: list[str]) -> None:
        """jieba's ``__cut_DAG``: the route scored from the end (``calc``: the highest score,
        the longer word on a tie) over the DAG's words (``get_DAG``), then the walk."""
        freq, n = self.freq, len(s)
        score: list[float] = [0] * (n + 1)
        end = [0] * (n + 1)
        for at in range(n - 1, -1, -1):
            best, best_end = 0.0, -1
            i, frag = at, s[at]
            while i < n and frag in freq:
                if freq[frag]:
                    value = self._weight(frag) + score[i + 1]
                    if best_end < 0 or value > best or (value == best and i > best_end):
                        best, best_end = value, i
                i += 1
                frag = s[at : i + 1]
            if best_end < 0:  # no word starts here: the character alone
                best, best_end = self._weight(s[at]) + score[at + 1], at
            score[at], end[at] = best, best_end
        x, run = 0, ""
        while x < n:
            y = end[x] + 1
            if y - x == 1:
                run += s[x]
            else:
                if run:
                    self._run(run, out)
                    run = ""
                out.append(s[x:y])
            x = y
        if run:
            self._run(run, out)

    def _run(self, run: str, out: list[str]) -> None:
        """Single characters in a row: one, a word the dictionary knows (split), or the HMM's."""
        if len(run) == 1:
            out.append(run)
        elif not self.freq.get(run):
            self._hmm(run, out)
        else:
            out.extend(run)

    def _hmm(self, run: str, out: list[str]) -> None:
        """``finalseg.cut(run)``: each run of Chinese characters through the HMM (remembered:
        a run of unknown characters recurs in many texts, "第12号" and "第13号" share 第 and
        号), the digits and Latin between them as they are."""
        han, unknown = self.hmm_han, self.unknown
        for block in han.split(run):
            if not block:
                continue
            if han.match(block):
                words = unknown.get(block)
                if words is None:
                    if len(unknown) >= self.FORGET:
                        unknown.clear()
                    words = unknown[block] = list(self.hmm(block))
                out.extend(words)
            else:
                out.extend(x for x in self.hmm_skip.split(block) if x)


REMEMBERED = 2048
SHORT = 100


def tag(text: str) -> list[tuple[int, str, str]]:
    """(start, word, part-of-speech flag) for every word of ``text``."""
    if _cut is None:
        _load()
    return list(_remembered(text) if len(text) <= SHORT else _tagged(text))


def _tagged(text: str) -> tuple[tuple[int, str, str], ...]:
    cut = _cut or _load()
    out = []
    at = 0
    for word in cut(text):
        flag = _tags.get(word)
        if flag is None:
            if word.isdigit():
                flag = "m"
            elif word.isascii():
                flag = "eng" if word.isalnum() else "x"
            elif all("\u4e00" <= ch <= "\u9fff" for ch in word):
                flag = "un"
            else:
                flag = "x"
        out.append((at, word, flag))
        at += len(word)
    return tuple(out)


_remembered = lru_cache(maxsize=REMEMBERED)(_tagged)


def warm_up() -> None:
    """Load the dictionary now (a background thread may call this after start-up)."""
    _load()
