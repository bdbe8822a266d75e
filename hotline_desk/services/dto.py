"""Plain frozen dataclasses the services return; never live ORM objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hotline_desk.services.lifecycle.dto import CaseWork


@dataclass(frozen=True)
class Actor:
    """The logged-in user as the services see them."""

    user_id: int
    username: str
    display_name: str
    roles: frozenset[str]
    org_unit_id: int | None
    org_unit_name: str = ""
    session_epoch: int = 0
    """The account's ``users.session_epoch`` at login: every service call compares it with the
    row's (a disable, a password reset or a role change raises it and so ends this session)."""

    def has(self, role: str) -> bool:
        return role in self.roles


@dataclass(frozen=True)
class LoginResult:
    actor: Actor
    must_change_password: bool
    must_enrol_second_factor: bool = False
    """An administrator without a second factor while the office requires one: the desk opens
    only after enrolment (services/admin/second_factor.py)."""
    reason: str = ""
    """Why the password must be changed now (Chinese; empty when it need not be)."""


@dataclass(frozen=True)
class OrgUnitInfo:
    id: int
    code: str
    name: str
    kind: str
    parent_id: int | None


@dataclass(frozen=True)
class TopicInfo:
    id: int
    code: str
    name: str
    lead_unit_id: int | None
    lead_unit_name: str
    keywords: str
    limit_category: str | None = None
    """The 诉求类型 a case of the topic takes unless the clerk chose one (派单目录)."""


@dataclass(frozen=True)
class KpiSelection:
    """The cases behind a statistics figure (``services/stats_cases.py``)."""

    drill: str  # a key of domain.kpi.DRILL_LABELS
    period_key: str
    breakdown: str = "bureau"
    group: str | None = None  # the row's key ("" = none, e.g. 未转办); None = every row
    basically_counts: bool = True
    caption: str = ""


@dataclass(frozen=True)
class CaseFilter:
    statuses: tuple[str, ...] = ()
    channel: str | None = None
    category: str | None = None
    topic_id: int | None = None
    lead_unit_id: int | None = None
    urgency: str | None = None
    received_from: date | None = None
    received_to: date | None = None
    text: str = ""
    queue: str | None = None
    """An inbox queue (``case_work.QUEUES``): only the cases waiting for the actor there."""
    kpi: KpiSelection | None = None
    """Only the cases behind a statistics figure."""


@dataclass(frozen=True)
class CaseSort:
    """Sortable (indexed) columns: ``id`` (登记顺序), ``received_at``, ``case_no``."""

    column: str = "id"
    descending: bool = True


@dataclass(frozen=True)
class Snippet:
    """Where a search matched one case (issue 16): the field's label and a stretch of its text
    around the match, in three parts so that each door marks the match its own way."""

    field: str
    before: str
    match: str
    after: str

    def marked(self, left: str = "【", right: str = "】") -> str:
        return f"{self.before}{left}{self.match}{right}{self.after}"


@dataclass(frozen=True)
class CaseSummary:
    id: int
    case_no: str
    channel: str
    received_at: datetime
    caller_name: str
    caller_phone: str
    category: str
    topic_name: str
    urgency: str
    important: bool
    title: str
    status: str
    lead_unit_name: str
    sort_key: object = field(default=None, compare=False, repr=False)
    snippet: Snippet | None = None
    """Where a full-text search matched (``services/search``), else None."""


@dataclass(frozen=True)
class CasePage:
    rows: tuple[CaseSummary, ...]
    cursor: tuple[object, int] | None
    """Keyset position after the last row; None when there are no more rows."""


@dataclass(frozen=True)
class CaseEventInfo:
    id: int
    at: datetime
    actor_name: str
    kind: str
    from_status: str | None
    to_status: str | None
    summary: str
    changes: dict[str, list[str]]


@dataclass(frozen=True)
class CaseDetail:
    id: int
    case_no: str
    query_code: str
    channel: str
    received_at: datetime
    platform_ref: str
    caller_name: str
    caller_phone: str
    caller_address: str
    anonymous: bool
    confidential: bool
    publish_consent: bool
    category: str
    topic_id: int | None
    topic_name: str
    urgency: str
    important: bool
    title: str
    content: str
    status: str
    tier: int | None
    lead_unit_name: str
    registered_by_name: str
    created_at: datetime
    updated_at: datetime
    version: int
    personal_data_masked: bool
    events: tuple[CaseEventInfo, ...]
    work: CaseWork | None = None
    """The lifecycle record and the actor's allowed actions (None right after registering)."""

    @property
    def last_event_id(self) -> int:
        """The newest timeline event shown: what an overlay action passes as ``seen_event``,
        so a refusal can name whoever moved the case after the user looked."""
        return max((e.id for e in self.events), default=0)


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    display_name: str
    org_unit_id: int | None
    org_unit_name: str
    roles: tuple[str, ...]
    active: bool
    locked: bool
    must_change_password: bool
    last_login_at: datetime | None
    is_demo: bool
    has_password: bool = True
    """False until the security administrator issues the account its first password."""
