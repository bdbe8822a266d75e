"""The one place the GUI gets the words for domain values: enum labels, the statistics' words,
and how dates and short lists are shown.

The labels are written once, in Chinese, in the domain (``domain/enums.py``, ``domain/kpi.py``,
``domain/periods.py``); here they pass through Qt's translation, in the context ``enum`` or
``kpi``. ``enum_labels.py`` and ``kpi_labels.py`` only list them for ``pyside6-lupdate``, which
cannot read the domain's tables; tests/gui/test_translation.py keeps the lists in step. Widgets
call ``label``, ``choices``, ``label_texts`` and ``kpi_text``, never ``translate("enum", …)``.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum

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
    LabelledIntEnum,
    LinkKind,
    ReplyMethod,
    Role,
    Satisfaction,
    Screening,
    Urgency,
)

Labelled = LabelledEnum | LabelledIntEnum

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
"""Short names for the enums of the case fields, as the list and detail views name them."""


def enum_text(text: str) -> str:
    """A domain enum label (already Chinese text, e.g. a statistics row's) in the UI language."""
    return QCoreApplication.translate("enum", text)


def kpi_text(text: str) -> str:
    """A statistics word (KPI, breakdown, drill-down, period kind) in the UI language."""
    return QCoreApplication.translate("kpi", text)


def label(what: Labelled | str | type[Enum], value: object = None) -> str:
    """The label of an enum member in the UI language: ``label(CaseStatus.CLOSED)``; or of a
    stored value: ``label(Tier, case.tier)``, ``label("status", case.status)``. An empty value
    shows nothing; a value the enum does not know shows as stored."""
    if isinstance(what, LabelledEnum | LabelledIntEnum):
        return enum_text(what.label)
    if value is None or value == "":
        return ""
    enum = _ENUMS[what] if isinstance(what, str) else what
    try:
        return enum_text(enum(value).label)  # type: ignore[attr-defined]
    except ValueError:
        return str(value)


def label_texts(kind: str | type[Labelled]) -> list[str]:
    """Every label a value of ``kind`` can show, translated (e.g. to size a column)."""
    enum = _ENUMS[kind] if isinstance(kind, str) else kind
    return [enum_text(member.label) for member in enum]


def choices(enum: type[Labelled]) -> list[tuple[object, str]]:
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
