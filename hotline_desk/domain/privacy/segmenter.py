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

A short text's words are remembered (the last ``REMEMBERED`` texts of at most ``SHORT``
characters: titles, not letters): a platform file repeats titles (噪音扰民, 咨询社保) under
different callers, and the dictionary is fixed once loaded, so the same text cuts the same."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from functools import lru_cache
from typing import Any

_lock = threading.Lock()
_cut: Callable[[str], Any] | None = None
_tags: dict[str, str] = {}

# Words of addresses jieba should keep whole, so they never join a name before them.
_USER_WORDS = (
    ("小区", "n"), ("花园", "n"), ("社区", "n"), ("单元", "n"), ("号楼", "n"),
    ("大道", "n"), ("新村", "n"), ("公寓", "n"), ("大厦", "n"),
)  # fmt: skip


def _load() -> Callable[[str], Any]:
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
            _cut = jieba.cut
        return _cut


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
