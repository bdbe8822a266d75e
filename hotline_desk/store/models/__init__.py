"""SQLAlchemy 2 models of the desk's tables, one module per domain; importing this package puts
every table on ``Base.metadata`` (for Alembic and the schema test) and names them all."""

from __future__ import annotations

from hotline_desk.store.models.attachments import Attachment, AttachmentBlob
from hotline_desk.store.models.audit import AuditHead, AuditLog
from hotline_desk.store.models.base import Base
from hotline_desk.store.models.callbacks import Callback, CaseLink
from hotline_desk.store.models.cases import STATS_GROUPS, Case, CaseEvent, CaseNoCounter
from hotline_desk.store.models.deadlines import (
    CalendarDay,
    CalendarYear,
    Extension,
    Supervision,
    TimeLimit,
)
from hotline_desk.store.models.disclosure import DisclosureDecision
from hotline_desk.store.models.drafts import UnsavedDraft
from hotline_desk.store.models.facts import (
    CaseFact,
    FactInstant,
    FactMark,
    FactMonth,
    FactMonthCell,
)
from hotline_desk.store.models.fk_indexes import attach as _attach_fk_indexes
from hotline_desk.store.models.handling import (
    CaseAssignment,
    HandlingNote,
    Instruction,
    ReplyDraft,
    ReplyReview,
    ReplyTemplate,
    ReturnRequest,
)
from hotline_desk.store.models.office import OfficeSetting, ReportSnapshot
from hotline_desk.store.models.org import (
    AdminRequest,
    OrgUnit,
    PasswordHistory,
    RecoveryCode,
    Topic,
    TopicAssistUnit,
    User,
    UserRole,
)
from hotline_desk.store.models.search import CaseSearch, SavedSearch

_attach_fk_indexes(Base.metadata)

__all__ = [
    "STATS_GROUPS",
    "AdminRequest",
    "Attachment",
    "AttachmentBlob",
    "AuditHead",
    "AuditLog",
    "Base",
    "CalendarDay",
    "CalendarYear",
    "Callback",
    "Case",
    "CaseAssignment",
    "CaseEvent",
    "CaseFact",
    "CaseLink",
    "CaseNoCounter",
    "CaseSearch",
    "DisclosureDecision",
    "Extension",
    "FactInstant",
    "FactMark",
    "FactMonth",
    "FactMonthCell",
    "HandlingNote",
    "Instruction",
    "OfficeSetting",
    "OrgUnit",
    "PasswordHistory",
    "RecoveryCode",
    "ReplyDraft",
    "ReplyReview",
    "ReplyTemplate",
    "ReportSnapshot",
    "ReturnRequest",
    "SavedSearch",
    "Supervision",
    "TimeLimit",
    "Topic",
    "TopicAssistUnit",
    "UnsavedDraft",
    "User",
    "UserRole",
]
