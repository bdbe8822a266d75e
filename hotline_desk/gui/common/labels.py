"""Display helpers for domain values (labels, dates) shared by the widgets.

Enum labels come from the domain in Chinese; they are shown through Qt's translation (context
``enum``, listed for lupdate in ``enum_labels.py``) so another language can translate them.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from hotline_desk.domain.enums import (
    CallbackOutcome,
    CallbackStatus,
    CaseStatus,
    Category,
    Channel,
    CloseReason,
    EventKind,
    LabelledEnum,
    LinkKind,
    ReplyMethod,
    Role,
    Satisfaction,
    Screening,
    Urgency,
)

_ENUMS: dict[str, type[LabelledEnum]] = {
    "channel": Channel,
    "category": Category,
    "urgency": Urgency,
    "status": CaseStatus,
    "kind": EventKind,
    "role": Role,
    "outcome": CallbackOutcome,
    "callback_status": CallbackStatus,
    "satisfaction": Satisfaction,
    "screening": Screening,
    "close_reason": CloseReason,
    "link_kind": LinkKind,
    "reply_method": ReplyMethod,
}


def enum_text(text: str) -> str:
    """A domain enum label in the UI language."""
    return QCoreApplication.translate("enum", text)


def label(kind: str, value: str | None) -> str:
    if not value:
        return ""
    enum = _ENUMS[kind]
    try:
        return enum_text(enum(value).label)
    except ValueError:
        return value


def label_texts(kind: str) -> list[str]:
    """Every label a value of ``kind`` can show, translated (e.g. to size a column)."""
    return [enum_text(member.label) for member in _ENUMS[kind]]


def choices(enum: type[LabelledEnum]) -> list[tuple[str, str]]:
    """(value, label) pairs of an enum for combo boxes, labels translated."""
    return [(value, enum_text(text)) for value, text in enum.choices()]


def list_separator() -> str:
    """What joins the items of a short inline list (、 in Chinese)."""
    return QCoreApplication.translate("labels", "、", "separator between listed items")


def fmt_dt(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def roles_text(roles: frozenset[str] | tuple[str, ...]) -> str:
    order = [r.value for r in Role]
    return list_separator().join(label("role", r) for r in sorted(roles, key=order.index))
