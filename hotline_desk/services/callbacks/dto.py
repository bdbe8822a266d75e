"""Plain dataclasses of closing the loop: callback attempts and the case's callback state, the
callback queue, links between cases, duplicate candidates and a caller's history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class CallbackInput:
    """One callback attempt as the desk records it (回访)."""

    outcome: str  # reached / unreached / refused
    at: datetime
    satisfaction: str | None = None  # satisfied / basically / unsatisfied (reached only)
    resolved: bool | None = None  # 已解决 / 未解决 (reached only)
    words: str = ""  # what the citizen said
    note: str = ""


@dataclass(frozen=True)
class CallbackInfo:
    """One recorded attempt."""

    round: int  # the case's reopen count then (0: the first reply)
    attempt_no: int
    at: datetime
    caller_name: str  # the desk user who called
    outcome: str
    satisfaction: str | None
    resolved: bool | None
    words: str
    note: str


@dataclass(frozen=True)
class LinkInfo:
    """Another case this one is joined to."""

    case_id: int
    case_no: str
    title: str
    status: str
    kind: str  # duplicate / related
    direction: str  # merged_into (this case joined it) / merged_from (it joined this) / link
    note: str
    created_at: datetime


@dataclass(frozen=True)
class HistoryRow:
    case_id: int
    case_no: str
    received_at: datetime
    channel: str
    status: str
    title: str


@dataclass(frozen=True)
class CallerHistory:
    """Cases from one phone number in the last year (来电历史), newest first."""

    phone: str  # masked unless the actor may see personal data
    days: int
    count: int
    rows: tuple[HistoryRow, ...]


@dataclass(frozen=True)
class CaseClosing:
    """The case's callback, screening, reopening and closing columns, its attempts and links
    (``CaseWork.closing``)."""

    callback_status: str | None
    callback_attempts: int
    failed_days: int  # different days without reaching the caller, this round
    max_attempts: int
    satisfaction: str | None
    resolved: bool | None
    screening: str | None
    reopen_count: int
    reopened_at: datetime | None
    closed_at: datetime | None
    close_reason: str | None
    merged_into_id: int | None
    callbacks: tuple[CallbackInfo, ...]
    links: tuple[LinkInfo, ...]
    history: CallerHistory | None  # None for users who may not see personal data

    @property
    def merged_into(self) -> LinkInfo | None:
        return next((x for x in self.links if x.direction == "merged_into"), None)

    @property
    def last_rating(self) -> CallbackInfo | None:
        return next((c for c in reversed(self.callbacks) if c.satisfaction), None)


@dataclass(frozen=True)
class CallbackRow:
    """A line of the callback queue (回访)."""

    id: int
    case_no: str
    title: str
    channel: str
    caller_name: str
    caller_phone: str  # masked unless the actor may see personal data
    anonymous: bool
    confidential: bool
    lead_unit_name: str
    replied_at: datetime | None
    reply_method: str | None
    callback_deadline: datetime | None
    callback_status: str | None
    attempts: int
    failed_days: int
    last_attempt_at: datetime | None
    last_outcome: str | None
    satisfaction: str | None
    screening: str | None
    reopen_count: int
    overdue: bool


@dataclass(frozen=True)
class CallbackPage:
    rows: tuple[CallbackRow, ...]
    cursor: tuple[object, int] | None


@dataclass(frozen=True)
class DuplicateQuery:
    """What the registration form holds so far (or a registered case's own fields)."""

    title: str = ""
    content: str = ""
    caller_phone: str = ""
    topic_id: int | None = None
    exclude_case_id: int | None = None
    before_id: int | None = None  # only cases registered before this one (replays)
    at: datetime | None = None  # the window ends here (default: now)


@dataclass(frozen=True)
class DuplicateCandidate:
    case_id: int
    case_no: str
    received_at: datetime
    channel: str
    status: str
    title: str
    lead_unit_name: str
    caller_name: str  # masked unless the actor may see personal data
    same_phone: bool
    title_similarity: float
    content_similarity: float
    score: float
    likely: bool  # score at or above the threshold: 疑似重复
    mergeable: bool  # open (or awaiting callback): a duplicate can be merged into it


@dataclass(frozen=True)
class DuplicateResult:
    candidates: tuple[DuplicateCandidate, ...]
    window_days: int
    compared: int  # cases compared
    phone_count_year: int  # cases from the same phone in the last year (0 without a phone)
