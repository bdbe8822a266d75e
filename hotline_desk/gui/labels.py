"""Display helpers for domain values (labels, dates) shared by the widgets."""

from __future__ import annotations

from datetime import datetime

from hotline_desk.domain.enums import CaseStatus, Category, Channel, EventKind, Role, Urgency

_ENUMS = {
    "channel": Channel,
    "category": Category,
    "urgency": Urgency,
    "status": CaseStatus,
    "kind": EventKind,
    "role": Role,
}


def label(kind: str, value: str | None) -> str:
    if not value:
        return ""
    enum = _ENUMS[kind]
    try:
        return enum(value).label
    except ValueError:
        return value


def fmt_dt(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def roles_text(roles: frozenset[str] | tuple[str, ...]) -> str:
    order = [r.value for r in Role]
    return "、".join(label("role", r) for r in sorted(roles, key=order.index))
