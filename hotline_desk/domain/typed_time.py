"""A date and time as a clerk types it at intake: "17:48" (today), "12-02 17:48" (this year)
or "2026-12-02 17:48", with "/" or "." for "-" and a full-width colon accepted.

Pure: the caller passes "now"; the answer is a naive local ``datetime`` or a ``Msg`` naming
the field and the accepted forms.
"""

from __future__ import annotations

import re
from datetime import datetime

from hotline_desk.domain.errors import Msg

FORMS = "“17:48”（今天）、“12-02 17:48”或“2026-12-02 17:48”"

_TYPED = re.compile(
    r"^(?:(?:(?P<year>\d{4})[-/.])?(?P<month>\d{1,2})[-/.](?P<day>\d{1,2})\s+)?"
    r"(?P<hour>\d{1,2})[:：](?P<minute>\d{2})$"
)


def parse_typed_time(text: str, now: datetime) -> datetime | None:
    """The moment ``text`` names, or None when it is not one of the accepted forms (or not a
    real date, such as 02-30 or 24:00)."""
    m = _TYPED.match(text.strip())
    if m is None:
        return None
    year = int(m["year"]) if m["year"] else now.year
    month = int(m["month"]) if m["month"] else now.month
    day = int(m["day"]) if m["day"] else now.day
    try:
        return datetime(year, month, day, int(m["hour"]), int(m["minute"]))
    except ValueError:
        return None


def typed_time_problem(label: str, text: str, now: datetime) -> Msg | None:
    """Why ``text`` is not a time the field ``label`` accepts (empty or unreadable), or None.
    Whether the time is possible (not in the future) is ``text_input.time_problem``'s job."""
    if not text.strip():
        return Msg("请填写{field}，如{forms}", field=Msg(label), forms=Msg(FORMS))
    if parse_typed_time(text, now) is None:
        return Msg("{field}“{text}”无法识别，请按{forms}填写", field=Msg(label),
                   text=text.strip(), forms=Msg(FORMS))  # fmt: skip
    return None


def format_typed_time(value: datetime) -> str:
    """How the field shows a time: the full form, so what is saved is what is seen."""
    return value.strftime("%Y-%m-%d %H:%M")
