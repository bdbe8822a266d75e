"""Masking of personal data (DESIGN.md §10): ``138****1234``, ``张*明``."""

from __future__ import annotations


def mask_phone(phone: str) -> str:
    """Mobiles keep the first 3 and last 4 digits; landlines keep area code and last 4."""
    if phone.isdigit() and len(phone) > 7:  # the usual mobile: the same mask, at C speed
        return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
    area, sep, local = phone.partition("-")
    if sep and len(local) > 4:
        return f"{area}-{'*' * (len(local) - 4)}{local[-4:]}"
    digits = [i for i, ch in enumerate(phone) if ch.isdigit()]
    if len(digits) <= 7:
        return "*" * len(phone)
    keep = set(digits[:3]) | set(digits[-4:])
    return "".join(ch if (i in keep or not ch.isdigit()) else "*" for i, ch in enumerate(phone))


def mask_name(name: str) -> str:
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def masked_caller(name: str | None, phone: str | None) -> tuple[str, str]:
    """(name, phone) masked as every list shows them (blank fields stay blank): stored beside
    each case (``case_search.masked_name``/``masked_phone``) at every write of the caller."""
    return (mask_name(name) if name else "", mask_phone(phone) if phone else "")


def mask_address(address: str) -> str:
    if len(address) <= 6:
        return "*" * len(address)
    return address[:6] + "****"


def mask_id_number(id_no: str) -> str:
    if len(id_no) <= 10:
        return "*" * len(id_no)
    return id_no[:6] + "*" * (len(id_no) - 10) + id_no[-4:]
