"""Chinese phone number check and normalisation, backed by ``phonenumbers``."""

from __future__ import annotations

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberType

_ALLOWED = {
    PhoneNumberType.MOBILE,
    PhoneNumberType.FIXED_LINE,
    PhoneNumberType.FIXED_LINE_OR_MOBILE,
}


def normalise_cn_phone(raw: str) -> str | None:
    """``13812345678`` for mobiles, ``0571-87654321`` for landlines; None if not valid in CN."""
    text = raw.strip().replace(" ", "").replace("(", "").replace(")", "").replace("(", "")
    text = text.replace(")", "")
    if not text:
        return None
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
