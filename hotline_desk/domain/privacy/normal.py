"""Text normalisation for the personal-data detector that never moves a character: NFKC per
character where it stays one character (full-width digits, letters and brackets become ASCII),
and Chinese numerals read as numbers (八组 = 8组, 三栋 = 3栋). Pure rules."""

from __future__ import annotations

import unicodedata

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUMERAL_CHARS = "".join(_CN_DIGITS) + "".join(_CN_UNITS)
NUMBER_CHARS = r"0-9" + CN_NUMERAL_CHARS
"""A regex character class body: an Arabic or Chinese numeral."""


class _Folded(dict[int, str]):
    """Each character's fold, worked out the first time it is met (``str.translate``'s table:
    a text is folded in one C loop, not a Python step and a ``normalize`` call per character)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        n = unicodedata.normalize("NFKC", ch)
        folded = self[code] = n if len(n) == 1 else ch
        return folded


_FOLDED = _Folded()


def fold(text: str) -> str:
    """``text`` with each character NFKC-normalised where that keeps it one character, so
    indices into the result are indices into ``text``."""
    if text.isascii():
        return text
    return text.translate(_FOLDED)


def cn_number(word: str) -> int | None:
    """The value of a numeral written in Arabic or Chinese digits (八 → 8, 十二 → 12,
    二〇五 → 205, 三百零一 → 301); None if ``word`` is not one."""
    if not word:
        return None
    if word.isdigit():
        return int(word)
    if any(ch not in _CN_DIGITS and ch not in _CN_UNITS for ch in word):
        return None
    if not any(ch in _CN_UNITS for ch in word):  # 二〇五: digit by digit
        return int("".join(str(_CN_DIGITS[ch]) for ch in word))
    total, digit = 0, None
    for ch in word:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
    return total + (digit or 0)
