"""Checked number patterns for the personal-data detector: mobiles and landlines, ID numbers
(18 digits with their ISO 7064 check character and a real birth date; 15-digit old ones with a
real date), plates, e-mail, bank cards (16–19 digits passing Luhn), and the 统一社会信用代码
(GB 32100-2015 check character) which is an organisation's code and is *kept*. Pure rules;
every pattern runs over ``normal.fold(text)`` so full-width digits count.

A number without an area code (7–8 digits) is a phone only when a word announces it (电话,
座机, 拨打 …) — a bare 8-digit number is as often an amount or a date. Dates (20260315), case
numbers (2026-12-000123), the hotline 12345 and amounts are never numbers of a person.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from hotline_desk.domain.privacy.findings import Kind

MOBILE = re.compile(r"(?<![\dA-Za-z])(?:\+?86[-\s]?)?1[3-9]\d(?:[-\s]?\d){8}(?![\d])")
LANDLINE = re.compile(
    r"(?<![\dA-Za-z-])(?:\(0\d{2,3}\)|0[1-9]\d{1,2})[-\s]?[2-9]\d{2,3}[-\s]?\d{4}"
    r"(?:(?:-|转)\d{1,5})?(?!\d)"
)
LOCAL = re.compile(r"(?<![\d-])[2-9]\d{6,7}(?![\d-])")
_PHONE_WORDS = re.compile(
    r"(?:电话|手机|座机|固话|号码|联系方式|致电|拨打|热线|传真|联系)[^\d，。；]{0,6}$"
)
"""Words announcing a phone number in the few characters before a local number."""
ID18 = re.compile(r"(?<![\dA-Za-z])[1-9]\d{16}[\dXx](?![\dA-Za-z])")
ID15 = re.compile(r"(?<![\dA-Za-z])[1-9]\d{14}(?![\dA-Za-z])")
USCC = re.compile(r"(?<![0-9A-Z])[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Z])")
_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
PLATE = re.compile(
    f"[{_PROVINCES}][A-HJ-NP-Z][·•・.\\s]?"
    r"(?:[DF][A-HJ-NP-Z0-9]\d{4}|\d{5}[DF]|[A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警港澳])"
    r"(?![A-Za-z0-9])"
)
EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)
CARD = re.compile(r"(?<![\d-])\d{4}(?:[\s-]?\d{4}){3}(?:[\s-]?\d{1,3})?(?![\d-])")

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def _real_date(year: int, month: int, day: int) -> bool:
    try:
        born = date(year, month, day)
    except ValueError:
        return False
    return date(1900, 1, 1) <= born <= date(2030, 12, 31)


def valid_id18(number: str) -> bool:
    """An 18-character resident ID number: a province code, a real birth date, the check."""
    if len(number) != 18 or not number[:17].isdigit() or not "11" <= number[:2] <= "91":
        return False
    if not _real_date(int(number[6:10]), int(number[10:12]), int(number[12:14])):
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    check = "10X98765432"[total % 11]
    return number[17].upper() == check


ID_WORDS = re.compile(r"(身份证|证件|身份号码|公民身份)")


def _announced_id18(folded: str, m: re.Match[str]) -> bool:
    """A mistyped ID number (the check character wrong) still names a person when the text
    announces it as one and its birth date is real: hidden all the same."""
    number = m.group()
    if not number[:17].isdigit() or not "11" <= number[:2] <= "91":
        return False
    if not _real_date(int(number[6:10]), int(number[10:12]), int(number[12:14])):
        return False
    return ID_WORDS.search(folded[max(0, m.start() - 10) : m.start()]) is not None


def valid_id15(number: str) -> bool:
    """An old 15-digit ID number: a province code and a real birth date (no check digit)."""
    return (
        len(number) == 15
        and number.isdigit()
        and "11" <= number[:2] <= "91"
        and _real_date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))
    )


def valid_uscc(code: str) -> bool:
    """A 统一社会信用代码 with its GB 32100-2015 check character."""
    if len(code) != 18 or any(ch not in _USCC_CHARS for ch in code):
        return False
    total = sum(_USCC_CHARS.index(ch) * w for ch, w in zip(code[:17], _USCC_WEIGHTS, strict=True))
    return code[17] == _USCC_CHARS[(31 - total % 31) % 31]


def luhn(digits: str) -> bool:
    """The Luhn check of a card number."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _looks_like_date(digits: str) -> bool:
    return len(digits) == 8 and _real_date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))


def kept_codes(folded: str) -> list[tuple[int, int]]:
    """Spans of organisations' 统一社会信用代码: never personal data, never replaced."""
    out = []
    for m in USCC.finditer(folded):
        code = m.group()
        if not valid_uscc(code):
            continue
        if valid_id18(code) and "信用代码" not in folded[max(0, m.start() - 12) : m.start()]:
            continue  # a person's ID number that happens to pass both checks
        out.append(m.span())
    return out


def find_numbers(folded: str) -> Iterator[tuple[int, int, Kind]]:
    """(start, end, kind) of every personal number in the folded text (may overlap; the
    detector keeps the best)."""
    for m in ID18.finditer(folded):
        if valid_id18(m.group()) or _announced_id18(folded, m):
            yield m.start(), m.end(), Kind.ID_NUMBER
    for m in ID15.finditer(folded):
        if valid_id15(m.group()):
            yield m.start(), m.end(), Kind.ID_NUMBER
    for m in CARD.finditer(folded):
        digits = _NON_DIGITS.sub("", m.group())
        if 16 <= len(digits) <= 19 and luhn(digits) and not valid_id18(digits):
            yield m.start(), m.end(), Kind.BANK_CARD
    for m in MOBILE.finditer(folded):
        yield m.start(), m.end(), Kind.PHONE
    for m in LANDLINE.finditer(folded):
        yield m.start(), m.end(), Kind.PHONE
    for m in LOCAL.finditer(folded):
        if _looks_like_date(m.group()):
            continue
        if _PHONE_WORDS.search(folded[max(0, m.start() - 12) : m.start()]):
            yield m.start(), m.end(), Kind.PHONE
    for m in PLATE.finditer(folded):
        if any(ch.isdigit() for ch in m.group()[2:]):
            yield m.start(), m.end(), Kind.PLATE
    for m in EMAIL.finditer(folded):
        yield m.start(), m.end(), Kind.EMAIL


_NON_DIGITS = re.compile(r"\D")


def digits_of(text: str) -> str:
    """Only the digits (a phone compared whatever its separators)."""
    return _NON_DIGITS.sub("", text)
