"""Case numbers (``RX20261122-0007``) and the citizen's 6-digit query code."""

from __future__ import annotations

import secrets
from datetime import date

from hotline_desk.domain.enums import CASE_NO_PREFIX, Channel


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
