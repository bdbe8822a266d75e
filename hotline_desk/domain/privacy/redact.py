"""Removing personal data from free text for public disclosure (政务公开), and making exported
cells safe from spreadsheet formula injection. Pure rules.

Text scrubbing replaces, in this order: the case's own caller name and address (and the name's
surname + 先生/女士 forms), 18-digit (and 15-digit) ID numbers, mobile numbers (1[3-9] and 9
more digits, with or without spaces/dashes, optional +86), landline numbers (0 + area code +
7–8 digits, optional extension) and local numbers announced by 电话/手机/号码.
"""

from __future__ import annotations

import re

ID_NUMBER = re.compile(r"(?<!\d)(\d{17}[\dXx]|\d{15})(?!\d)")
MOBILE = re.compile(r"(?<!\d)(?:\+?86[-\s]?)?1[3-9]\d(?:[-\s]?\d){8}(?!\d)")
LANDLINE = re.compile(r"(?<!\d)(?:\(?0\d{2,3}\)?[-\s]?)\d{7,8}(?:[-转]\d{1,6})?(?!\d)")
LOCAL_AFTER_WORD = re.compile(r"(电话|手机|联系方式|号码)([::是为\s]*)\d{7,8}(?!\d)")
"""A local number without area code, recognised only after a word that announces it (a bare
7-digit number may be an amount)."""
ANY_PHONE = re.compile(f"{MOBILE.pattern}|{LANDLINE.pattern}")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

MASK_NAME, MASK_ADDRESS, MASK_PHONE, MASK_ID = (
    "某某",
    "（地址已隐去）",
    "（电话已隐去）",
    "（证件号已隐去）",
)


def scrub_text(text: str, names: tuple[str, ...] = (), addresses: tuple[str, ...] = ()) -> str:
    """``text`` with the given names and addresses and every phone and ID number removed."""
    out = text
    for address in sorted({a.strip() for a in addresses if len(a.strip()) >= 2}, key=len,
                          reverse=True):  # fmt: skip
        out = out.replace(address, MASK_ADDRESS)
    for name in sorted({n.strip() for n in names if n.strip()}, key=len, reverse=True):
        out = out.replace(name, MASK_NAME)
        if len(name) >= 2:  # 张先生 / 张女士 / 张某: the surname with a form of address
            out = re.sub(re.escape(name[0]) + r"(先生|女士|同志|老师)", r"某\1", out)
    out = ID_NUMBER.sub(MASK_ID, out)
    out = MOBILE.sub(MASK_PHONE, out)
    out = LANDLINE.sub(MASK_PHONE, out)
    return LOCAL_AFTER_WORD.sub(lambda m: m[1] + m[2] + MASK_PHONE, out)


def safe_cell(value: object) -> object:
    """A cell value that a spreadsheet will not run as a formula: text starting with = + - @
    (or a tab/CR) gets a leading apostrophe; numbers and dates pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
