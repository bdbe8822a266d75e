"""Chinese phone number check and normalisation, backed by ``phonenumbers``.

An 11-digit number beginning 13–16, 18 or 19 (most numbers a platform file or a caller gives)
skips ``phonenumbers.parse`` and its second type lookup: for such text ``parse(text, "CN")``
strips nothing (CN's national and international prefixes for parsing begin 0, 11, 12 or 179)
and gives national number ``int(text)``, and ``is_valid_number`` is ``number_type`` not being
UNKNOWN. Anything but a mobile found that way goes the full way
(tests/unit/test_phones.py compares both ways).
"""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumber, PhoneNumberType

_ALLOWED = {
    PhoneNumberType.MOBILE,
    PhoneNumberType.FIXED_LINE,
    PhoneNumberType.FIXED_LINE_OR_MOBILE,
}


_MOBILE_LIKE = re.compile(r"1[3-689][0-9]{9}")


@lru_cache(maxsize=4096)
def normalise_cn_phone(raw: str) -> str | None:
    """``13812345678`` for mobiles, ``0571-87654321`` for landlines; None if not valid in CN."""
    text = raw.strip().replace(" ", "").replace("(", "").replace(")", "").replace("(", "")
    text = text.replace(")", "")
    if not text:
        return None
    if _MOBILE_LIKE.fullmatch(text):
        kind = phonenumbers.number_type(PhoneNumber(country_code=86, national_number=int(text)))
        if kind == PhoneNumberType.MOBILE:
            return text
    return full_way(text)


def full_way(text: str) -> str | None:
    """``normalise_cn_phone`` of cleaned ``text`` through ``phonenumbers.parse``."""
    try:
        number = phonenumbers.parse(text, "CN")
    except NumberParseException:
        return None
    if number.country_code != 86 or not phonenumbers.is_valid_number(number):
        return None
    kind = phonenumbers.number_type(number)
    if kind not in _ALLOWED:
        return None
    national = str(number.national_number)
    if kind == PhoneNumberType.MOBILE:
        return national
    formatted = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    area, _, rest = formatted.partition(" ")
    return f"{area}-{rest.replace(' ', '')}" if rest else formatted.replace(" ", "")
