"""The glossary of DESIGN.md §2 as enums, each value carrying its Chinese label, by capability:
``intake``, ``handling``, ``org``, ``supervision``, ``callbacks`` (the base and the labels table:
``base``). Code imports from those modules; this package names every enum too, for the
messages that carry an enum by its class name (``domain/errors.py``) and for branches written
before the split."""

from __future__ import annotations

from hotline_desk.domain.enums.base import LABELS, LabelledEnum, LabelledIntEnum
from hotline_desk.domain.enums.callbacks import (
    CallbackOutcome,
    CallbackStatus,
    CloseReason,
    Satisfaction,
    Screening,
)
from hotline_desk.domain.enums.handling import (
    ApprovalStep,
    AssignmentRole,
    CaseStatus,
    EventKind,
    NoteKind,
    RejectReason,
    ReplyMethod,
    ReturnDecision,
    ReturnReason,
    ReviewDecision,
    Tier,
)
from hotline_desk.domain.enums.intake import (
    CASE_NO_PREFIX,
    AttachmentKind,
    Category,
    Channel,
    LinkKind,
    Urgency,
)
from hotline_desk.domain.enums.org import ADMIN_ROLES, OrgKind, Role
from hotline_desk.domain.enums.supervision import (
    Clock,
    ExtensionStatus,
    Level,
    LimitUnit,
    SupervisionKind,
    SupervisionStatus,
)

__all__ = [
    "LABELS",
    "LabelledEnum",
    "LabelledIntEnum",
    "Channel",
    "Category",
    "Urgency",
    "AttachmentKind",
    "LinkKind",
    "CASE_NO_PREFIX",
    "CaseStatus",
    "Tier",
    "AssignmentRole",
    "ApprovalStep",
    "ReviewDecision",
    "ReturnDecision",
    "EventKind",
    "RejectReason",
    "ReturnReason",
    "NoteKind",
    "ReplyMethod",
    "OrgKind",
    "Role",
    "ADMIN_ROLES",
    "Clock",
    "LimitUnit",
    "Level",
    "SupervisionKind",
    "SupervisionStatus",
    "ExtensionStatus",
    "CallbackOutcome",
    "CallbackStatus",
    "Satisfaction",
    "Screening",
    "CloseReason",
]
