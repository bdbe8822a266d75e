"""What any text, number or time typed by a user must be before a rule or the store sees it.

Pure rules, one per kind of value, shared by every door (GUI, CLI, import): text is NFC
normalised, and refused (naming the field, in Chinese) when it carries NUL, control characters
(newline and tab are allowed in multi-line fields), bidi override/isolate characters (which can
make a title read differently from what is stored) or lone surrogates (which no database can
store); ids and counts must fit the store's INTEGER columns; a time with a zone becomes the
desk's naive local time; any date lies in 2000–2199 and a received time between 2000-01-01 and
now; a search term is short and matches literally. ``services/boundary.py`` applies these to
every service's parameters.

``search_form`` is the one normalisation of full-text search (issue 16), applied alike to the
text the index stores and to what is searched for: NFKC (full-width letters, digits and
punctuation become half-width: ``群众投诉：环境污染`` is found as ``群众投诉:环境污染``), case
folded, traditional characters as simplified (OpenCC ``t2s``, when installed) and every run of
whitespace one space.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from functools import cache
from typing import TYPE_CHECKING

from hotline_desk.domain.errors import Msg, msg

if TYPE_CHECKING:
    from collections.abc import Callable

INT_MAX = 2**31 - 1  # the store's keys and counts are INTEGER columns (32 bits on PostgreSQL)
INT_MIN = -(2**31)
ID_MAX = INT_MAX
SEARCH_MAX = 100
TEXT_HARD_MAX = 20_000  # a backstop for fields without a tighter limit of their own
EARLIEST = datetime(2000, 1, 1)
DAY_RANGE = (EARLIEST.date(), date(2199, 12, 31))  # any date or time a user may give: the
# desk keeps nothing older, and date arithmetic (windows, deadlines) stays far from year 9999
_BIDI = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
_MULTI_LINE_OK = frozenset("\n\t")
_SUSPECT = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""Every character ``_bad_char`` may refuse (Cc is U+0000–U+001F and U+007F–U+009F): a text
without one needs no look at each character."""
_SUSPECT_MULTI_LINE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _bad_char(ch: str, multi_line: bool) -> Msg | None:
    """What is wrong with one character, or None."""
    if ch == "\x00":
        return Msg("空字符(NUL)")
    if "\ud800" <= ch <= "\udfff":
        return Msg("无效的Unicode字符")
    if ch in _BIDI:
        return Msg("文字方向控制字符")
    if unicodedata.category(ch) == "Cc" and not (multi_line and ch in _MULTI_LINE_OK):
        return Msg("换行符") if ch in "\r\n" else Msg("控制字符")
    return None


def text_problem(
    label: str, value: object, multi_line: bool = False, limit: int = TEXT_HARD_MAX
) -> Msg | None:
    """Why ``value`` cannot be stored as the field ``label``, or None when it can."""
    if not isinstance(value, str):
        return Msg("{field}应为文字", field=msg(label))
    if len(value) > limit:
        return Msg(
            "{field}最多{limit}个字，现有{count}个字",
            field=msg(label),
            limit=limit,
            count=len(value),
        )
    if (_SUSPECT_MULTI_LINE if multi_line else _SUSPECT).search(value) is None:
        return None
    for ch in value:
        kind = _bad_char(ch, multi_line)
        if kind is not None:
            return Msg("{field}不能包含{kind}", field=msg(label), kind=kind)
    return None


def normalise(value: str) -> str:
    """NFC: the composed form, so that the same text typed two ways is stored and found once."""
    return unicodedata.normalize("NFC", value)


def as_written(text: str) -> str:
    """A multi-line text as the writer laid it out: blank lines before the first line and
    trailing whitespace go, the first line's indentation (two full-width spaces before a
    paragraph, a right-aligned signature) stays; a text of only whitespace is empty."""
    if not text.strip():
        return ""
    lines = text.rstrip().split("\n")
    while not lines[0].strip():
        lines.pop(0)
    return "\n".join(lines)


def search_problem(value: str) -> Msg | None:
    """Why ``value`` cannot be searched for, or None."""
    return text_problem("查询内容", value, limit=SEARCH_MAX)


def escape_like(text: str) -> str:
    """``text`` for a LIKE pattern with ``escape="\\"``: its % and _ match themselves."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def id_in_range(value: int) -> bool:
    """Whether ``value`` can be a row id (a positive INTEGER)."""
    return 1 <= value <= ID_MAX


def int_problem(label: str, value: int) -> Msg | None:
    """Why an integer cannot go to the database (an INTEGER column: 32 bits), or None."""
    if not INT_MIN <= value <= INT_MAX:
        return Msg("{field}超出范围", field=msg(label))
    return None


def local_naive(value: datetime) -> datetime:
    """A time as the desk keeps it: naive local wall-clock time (``ServiceContext.now``); a
    time with a zone is converted to this machine's local time first (one that has no local
    time, near year 1 or 9999, becomes the naive limit on its side, refused by the ranges)."""
    if value.tzinfo is None or value.utcoffset() is None:
        return value.replace(tzinfo=None)
    try:
        return value.astimezone().replace(tzinfo=None)
    except OverflowError:
        return datetime.min if value.year < 5000 else datetime.max


def day_problem(label: str, value: date) -> Msg | None:
    """Why a date or time is outside any range the desk works in (2000–2199), or None."""
    day = value.date() if isinstance(value, datetime) else value
    if not DAY_RANGE[0] <= day <= DAY_RANGE[1]:
        return Msg("{field}超出范围（2000年至2199年）", field=msg(label))
    return None


def time_problem(label: str, value: datetime, now: datetime, skew_s: float = 0.0) -> Msg | None:
    """Why a time a user says something happened at is impossible: before 2000 or later than
    now (plus ``skew_s`` seconds of clock difference between desks), or None."""
    if value < EARLIEST:
        return Msg("{field}不能早于2000年1月1日", field=msg(label))
    if (value - now).total_seconds() > skew_s:
        return Msg("{field}不能晚于当前时间", field=msg(label))
    return None


@cache
def _to_simplified() -> Callable[[str], str]:
    """OpenCC's traditional → simplified converter (a C++ wheel: 0.02 ms for 600 characters),
    or the identity when the package is missing (searching then stays NFKC and case only)."""
    try:
        import opencc
    except ImportError:  # pragma: no cover - a declared dependency
        return str
    convert: Callable[[str], str] = opencc.OpenCC("t2s").convert
    return convert


def search_form(text: str) -> str:
    """``text`` as full-text search stores and compares it (module docstring)."""
    if text.isascii():  # NFKC and OpenCC leave ASCII as it is (phone numbers, 工单编号)
        return " ".join(text.casefold().split())
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_to_simplified()(folded).split())


def search_map(text: str) -> tuple[str, list[int]]:
    """``search_form`` character by character, with each output character's position in
    ``text``: where a match in the search form lies in the original (for snippets). Newlines
    are kept (a field's lines stay apart); other whitespace runs become one space."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        form = " " if ch.isspace() and ch != "\n" else unicodedata.normalize("NFKC", ch).casefold()
        if form == " " and out and out[-1] in " \n":
            continue
        out.extend(form)
        where.extend([i] * len(form))
    joined = "".join(out)
    simple = _to_simplified()(joined)
    return (simple if len(simple) == len(joined) else joined), where
