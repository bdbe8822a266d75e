"""Case numbers (``RX20261122-0007``), the citizen's 6-digit query code, and the two joined as
the QR payload printed on a slip."""

from __future__ import annotations

import re
import secrets
from datetime import date

from hotline_desk.domain.enums.intake import CASE_NO_PREFIX, Channel


def case_no_key(channel: Channel, day: date) -> str:
    """The counter key: channel prefix plus the day, e.g. ``RX20261122``."""
    return f"{CASE_NO_PREFIX[channel]}{day:%Y%m%d}"


def format_case_no(key: str, seq: int) -> str:
    return f"{key}-{seq:04d}"


def new_query_code() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


def looks_like_case_no(text: str) -> bool:
    """True when ``text`` is a case number or its leading part (``RX2026``)."""
    t = text.strip().upper()
    return len(t) >= 3 and t[:2] in CASE_NO_PREFIX.values() and t[2:3].isdigit()


_SLIP_CODE = re.compile(r"^\s*([A-Z]{2}\d{8}-\d{4,})[\s/|,;:]+(\d{6})\s*$")


def slip_code(case_no: str, query_code: str) -> str:
    """The QR payload printed on a slip: ``RX20261122-0007 416138``. Plain ASCII a USB scanner
    types the same on any keyboard layout, and a person can read it."""
    return f"{case_no} {query_code}"


def parse_slip_code(text: str) -> tuple[str, str] | None:
    """(case number, query code) of a scanned slip code, or None when ``text`` is not one."""
    match = _SLIP_CODE.match(text.upper())
    return (match.group(1), match.group(2)) if match else None
