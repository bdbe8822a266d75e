"""Plain dataclasses of the case lifecycle: routing input, the case's work record, the inbox."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hotline_desk.services.callbacks.dto import CaseClosing


@dataclass(frozen=True)
class RouteInput:
    """How the desk routes a case (分级转办).

    tier 1 直办: the office handles it (``lead_unit_id`` is ignored);
    tier 2 转办: ``lead_unit_id`` is a section, ``assist_unit_ids`` any other sections;
    tier 3 交办: ``handling_unit_id`` is a 直属单位 under the lead section, which stays accountable.
    """

    tier: int
    lead_unit_id: int | None = None
    assist_unit_ids: tuple[int, ...] = ()
    handling_unit_id: int | None = None
    opinion: str = ""
    reason: str = ""


@dataclass(frozen=True)
class AssignmentInfo:
    unit_id: int
    unit_name: str
    role: str  # lead / assist / unit
    active: bool
    opinion: str
    opinion_at: datetime | None
    opinion_by_name: str


@dataclass(frozen=True)
class ReturnInfo:
    id: int
    unit_name: str
    reason: str
    basis: str
    requested_by_name: str
    requested_at: datetime
    decision: str | None
    decided_by_name: str
    decided_at: datetime | None
    decision_note: str


@dataclass(frozen=True)
class NoteInfo:
    id: int
    kind: str
    text: str
    at: datetime
    author_name: str


@dataclass(frozen=True)
class ReviewInfo:
    step: str
    decision: str
    comment: str
    reviewer_name: str
    at: datetime


@dataclass(frozen=True)
class DraftInfo:
    id: int
    seq: int
    text: str
    author_name: str
    submitted_at: datetime
    outcome: str | None
    reviews: tuple[ReviewInfo, ...]


@dataclass(frozen=True)
class InstructionInfo:
    text: str
    leader_name: str
    at: datetime


@dataclass(frozen=True)
class ExtensionInfo:
    """A 延期申请 and its decision."""

    id: int
    unit_name: str
    reason: str
    workdays: int
    requested_by_name: str
    requested_at: datetime
    status: str  # pending / approved / denied
    decided_by_name: str
    decided_at: datetime | None
    decision_note: str
    deadline_before: datetime | None
    deadline_after: datetime | None


@dataclass(frozen=True)
class SupervisionInfo:
    """A 催办 (urge) or 督办单 (order) and where it stands."""

    id: int
    case_id: int
    kind: str  # urge / order
    level: str | None  # yellow / red (orders)
    unit_name: str
    text: str
    issued_by_name: str
    issued_at: datetime
    response_due: datetime | None
    status: str  # sent / acknowledged (urges); open / answered / closed (orders)
    response: str
    responded_by_name: str
    responded_at: datetime | None
    closed_by_name: str
    closed_at: datetime | None
    close_note: str


@dataclass(frozen=True)
class CaseDeadlines:
    """The case's clocks (DESIGN.md §4) and its warning level now."""

    sign_deadline: datetime | None
    reply_deadline: datetime | None  # effective (after approved extensions)
    reply_deadline_original: datetime | None
    reply_limit: str  # e.g. 15个工作日
    extension_days: int
    callback_deadline: datetime | None
    due_at: datetime | None  # the running clock's deadline
    due_clock: str | None  # sign / reply / callback
    level: str  # normal / yellow / red
    urge_count: int
    order_level: str | None  # an open 督办单's level
    signed_late: bool
    replied_late: bool
    external_deadline: datetime | None = None  # the 12345 platform's own (市截止时间)
    overdue_workdays: int | None = None
    """Working days the running clock is overdue (``domain.deadlines.overdue_workdays``); None
    while it is not overdue."""


@dataclass(frozen=True)
class CaseWork:
    """Everything the lifecycle added to a case, and what the actor may do now."""

    case_id: int
    version: int
    status: str
    tier: int | None
    important: bool
    approval_step: str | None
    lead_unit_id: int | None
    lead_unit_name: str
    handling_unit_id: int | None
    handling_unit_name: str
    handler_id: int | None
    handler_name: str
    office_opinion: str
    reject_reason: str | None
    return_count: int
    reroute_count: int
    reply_sent_back: bool
    dispatched_at: datetime | None
    signed_at: datetime | None
    reply_text: str
    reply_method: str | None
    reply_to: str
    replied_at: datetime | None
    replied_by_name: str
    assignments: tuple[AssignmentInfo, ...]
    returns: tuple[ReturnInfo, ...]
    notes: tuple[NoteInfo, ...]
    drafts: tuple[DraftInfo, ...]
    instructions: tuple[InstructionInfo, ...]
    allowed_actions: tuple[str, ...]
    deadlines: CaseDeadlines | None = None
    extensions: tuple[ExtensionInfo, ...] = ()
    supervisions: tuple[SupervisionInfo, ...] = ()
    closing: CaseClosing | None = None
    """Callback, screening, reopening, closing and links (issue 5)."""

    @property
    def pending_extension(self) -> ExtensionInfo | None:
        return next((e for e in reversed(self.extensions) if e.status == "pending"), None)

    @property
    def open_orders(self) -> tuple[SupervisionInfo, ...]:
        return tuple(x for x in self.supervisions if x.kind == "order" and x.status != "closed")

    @property
    def pending_return(self) -> ReturnInfo | None:
        return next((r for r in reversed(self.returns) if r.decision is None), None)

    @property
    def latest_draft(self) -> DraftInfo | None:
        return self.drafts[-1] if self.drafts else None

    def may(self, action: str) -> bool:
        return action in self.allowed_actions


@dataclass(frozen=True)
class QueueCount:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class HandlerChoice:
    user_id: int
    display_name: str


@dataclass(frozen=True)
class RouteSuggestion:
    """The proposed lead section and why (e.g. 相似办件 8 件中 6 件由产业发展科办理)."""

    lead_unit_id: int | None
    lead_unit_name: str
    assist_unit_ids: tuple[int, ...]
    basis: str
    ranked: tuple[tuple[int, str, float], ...]  # (unit id, name, score), best first
    similar_cases: int


@dataclass(frozen=True)
class TemplateInfo:
    id: int
    category: str
    name: str
    body: str
    active: bool
