"""SQLAlchemy 2 models of the desk's tables.

Times are naive local (Beijing) wall-clock datetimes: the bureau works on one clock and the
working-day rules are stated in it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class OrgUnit(Base):
    __tablename__ = "org_units"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Topic(Base):
    """An entry of the 事项分类/派单目录 with its default lead section."""

    __tablename__ = "topics"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("topics.id"))
    lead_unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"))
    keywords: Mapped[str] = mapped_column(String(400), default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class TopicAssistUnit(Base):
    """A section that assists by default on a topic's cases (协办)."""

    __tablename__ = "topic_assist_units"

    topic_id: Mapped[int] = mapped_column(ForeignKey("topics.id"), primary_key=True)
    org_unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"), primary_key=True)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    password_hash: Mapped[str | None] = mapped_column(String(256))
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=True)
    org_unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    password_changed_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime)

    roles: Mapped[list[UserRole]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="UserRole.role"
    )


class UserRole(Base):
    __tablename__ = "user_roles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(16), primary_key=True)


class CaseNoCounter(Base):
    """Daily sequence per channel prefix; bumped inside the registering transaction."""

    __tablename__ = "case_no_counters"

    key: Mapped[str] = mapped_column(String(16), primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer)


STATS_GROUPS = ("lead_unit_id", "category", "channel", "topic_id", "tier")
"""The columns statistics group by; the period indexes carry them (covering)."""


class Case(Base):
    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_no: Mapped[str] = mapped_column(String(20), unique=True)
    query_code: Mapped[str] = mapped_column(String(6))
    channel: Mapped[str] = mapped_column(String(16))
    received_at: Mapped[datetime] = mapped_column(DateTime)
    platform_ref: Mapped[str | None] = mapped_column(String(40), unique=True)
    caller_name: Mapped[str] = mapped_column(String(50), default="")
    caller_phone: Mapped[str] = mapped_column(String(24), default="")
    caller_address: Mapped[str] = mapped_column(String(200), default="")
    caller_id_no: Mapped[str] = mapped_column(String(18), default="")
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)
    publish_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    category: Mapped[str] = mapped_column(String(16))
    topic_id: Mapped[int | None] = mapped_column(ForeignKey("topics.id"))
    urgency: Mapped[str] = mapped_column(String(16))
    important: Mapped[bool] = mapped_column(Boolean, default=False)
    title: Mapped[str] = mapped_column(String(100))
    content: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))
    tier: Mapped[int | None] = mapped_column(Integer)
    lead_unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"))
    # Lifecycle (migration 0003)
    handling_unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"))
    handler_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    office_opinion: Mapped[str] = mapped_column(Text, default="")
    reject_reason: Mapped[str | None] = mapped_column(String(20))
    approval_step: Mapped[str | None] = mapped_column(String(10))
    reply_sent_back: Mapped[bool] = mapped_column(Boolean, default=False)
    return_count: Mapped[int] = mapped_column(Integer, default=0)
    reroute_count: Mapped[int] = mapped_column(Integer, default=0)
    dispatched_at: Mapped[datetime | None] = mapped_column(DateTime)
    signed_at: Mapped[datetime | None] = mapped_column(DateTime)
    reply_text: Mapped[str] = mapped_column(Text, default="")
    reply_method: Mapped[str | None] = mapped_column(String(10))
    reply_to: Mapped[str] = mapped_column(String(50), default="")
    replied_at: Mapped[datetime | None] = mapped_column(DateTime)
    replied_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    registered_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # Deadlines (migration 0004, DESIGN.md §4). Each clock's deadline is stored when it starts;
    # ``due_at``/``warn_at``/``due_clock`` point at the clock running now (None when none is),
    # so the supervision board computes warning levels from two indexed columns.
    sign_deadline: Mapped[datetime | None] = mapped_column(DateTime)
    sign_warn_at: Mapped[datetime | None] = mapped_column(DateTime)
    reply_clock_start: Mapped[datetime | None] = mapped_column(DateTime)
    reply_limit: Mapped[str] = mapped_column(String(16), default="")  # e.g. "15 workdays"
    reply_deadline: Mapped[datetime | None] = mapped_column(DateTime)  # effective
    reply_deadline_original: Mapped[datetime | None] = mapped_column(DateTime)
    reply_warn_at: Mapped[datetime | None] = mapped_column(DateTime)
    extension_days: Mapped[int] = mapped_column(Integer, default=0)
    callback_deadline: Mapped[datetime | None] = mapped_column(DateTime)
    due_at: Mapped[datetime | None] = mapped_column(DateTime)
    warn_at: Mapped[datetime | None] = mapped_column(DateTime)
    due_clock: Mapped[str | None] = mapped_column(String(10))  # sign / reply / callback
    urge_count: Mapped[int] = mapped_column(Integer, default=0)
    order_level: Mapped[str | None] = mapped_column(String(8))  # an open 督办单's level
    # Callback, reopening, merging, closing (migration 0004, DESIGN.md §2–3).
    callback_status: Mapped[str | None] = mapped_column(String(16))
    callback_attempts: Mapped[int] = mapped_column(Integer, default=0)
    satisfaction: Mapped[str | None] = mapped_column(String(12))
    resolved: Mapped[bool | None] = mapped_column(Boolean)
    screening: Mapped[str | None] = mapped_column(String(12))
    reopen_count: Mapped[int] = mapped_column(Integer, default=0)
    reopened_at: Mapped[datetime | None] = mapped_column(DateTime)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    reply_workdays: Mapped[int | None] = mapped_column(Integer)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    close_reason: Mapped[str | None] = mapped_column(String(16))
    ended_at: Mapped[datetime | None] = mapped_column(DateTime)  # reached a terminal state
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("ix_cases_status_id", "status", "id"),
        Index("ix_cases_channel_id", "channel", "id"),
        Index("ix_cases_category_id", "category", "id"),
        Index("ix_cases_topic_id", "topic_id", "id"),
        Index("ix_cases_lead_unit_id", "lead_unit_id", "id"),
        Index("ix_cases_lead_received", "lead_unit_id", "received_at", "id"),
        Index("ix_cases_urgency_id", "urgency", "id"),
        Index("ix_cases_received_id", "received_at", "id"),
        Index("ix_cases_phone_id", "caller_phone", "id"),
        Index("ix_cases_lead_status", "lead_unit_id", "status"),
        Index("ix_cases_handling_status", "handling_unit_id", "status"),
        Index("ix_cases_handler_status", "handler_id", "status"),
        Index("ix_cases_due", "due_at", "id"),
        Index("ix_cases_warn", "warn_at"),
        Index("ix_cases_lead_due", "lead_unit_id", "due_at", "warn_at"),
        # Period columns first, then what the statistics count (migration 0005_i7).
        Index("ix_cases_dispatched", "dispatched_at", "signed_at", "sign_deadline", *STATS_GROUPS),
        Index("ix_cases_replied", "replied_at", "reply_deadline", "reply_workdays", *STATS_GROUPS),
        Index("ix_cases_closed", "closed_at", *STATS_GROUPS),
        Index(
            "ix_cases_ended",
            "ended_at",
            "received_at",
            "reply_deadline",
            "replied_at",
            "reopened_at",
            *STATS_GROUPS,
        ),  # fmt: skip
        Index(
            "ix_cases_callback_due",
            "callback_deadline",
            "callback_status",
            "anonymous",
            *STATS_GROUPS,
        ),  # fmt: skip
        Index("ix_cases_received_stats", "received_at", "merged_into_id", *STATS_GROUPS),
        Index("ix_cases_groups", "id", *STATS_GROUPS),
    )


class CaseEvent(Base):
    """One line of a case's timeline (流转记录); append-only."""

    __tablename__ = "case_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    at: Mapped[datetime] = mapped_column(DateTime)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(24))
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str | None] = mapped_column(String(20))
    summary: Mapped[str] = mapped_column(Text, default="")
    changes: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        Index("ix_case_events_case_id", "case_id", "id"),
        Index("ix_case_events_kind_at", "kind", "at"),
    )


class CaseAssignment(Base):
    """A section on a case: the lead (主办) or an assisting one (协办), with its opinion.

    Rows are kept when a case is re-routed (``active`` false), so the routing history stays.
    """

    __tablename__ = "case_assignments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    org_unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"))
    role: Mapped[str] = mapped_column(String(8))  # lead / assist
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    assigned_at: Mapped[datetime] = mapped_column(DateTime)
    assigned_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    opinion: Mapped[str] = mapped_column(Text, default="")
    opinion_at: Mapped[datetime | None] = mapped_column(DateTime)
    opinion_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    __table_args__ = (
        Index("ix_case_assignments_case", "case_id", "id"),
        Index("ix_case_assignments_unit", "org_unit_id", "active", "case_id"),
    )


class ReturnRequest(Base):
    """A section's request to hand a case back (退回), and the desk's decision."""

    __tablename__ = "return_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    org_unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"))
    reason: Mapped[str] = mapped_column(String(20))
    basis: Mapped[str] = mapped_column(Text, default="")
    from_status: Mapped[str] = mapped_column(String(20))
    requested_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    requested_at: Mapped[datetime] = mapped_column(DateTime)
    decision: Mapped[str | None] = mapped_column(String(10))  # approved / rejected
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    decision_note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        Index("ix_return_requests_case", "case_id", "id"),
        Index("ix_return_requests_decided", "decided_at"),
    )


class HandlingNote(Base):
    """A handling note (办理记录); append-only."""

    __tablename__ = "handling_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    __table_args__ = (Index("ix_handling_notes_case", "case_id", "id"),)


class ReplyDraft(Base):
    """One submitted version of the reply (拟答复); every version is kept."""

    __tablename__ = "reply_drafts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    seq: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    submitted_at: Mapped[datetime] = mapped_column(DateTime)
    outcome: Mapped[str | None] = mapped_column(String(12))  # approved / sent_back

    __table_args__ = (Index("ix_reply_drafts_case", "case_id", "seq", unique=True),)


class ReplyReview(Base):
    """A review of a draft by the section head (or office head) or the leader."""

    __tablename__ = "reply_reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    draft_id: Mapped[int] = mapped_column(ForeignKey("reply_drafts.id"))
    step: Mapped[str] = mapped_column(String(10))  # section / leader
    decision: Mapped[str] = mapped_column(String(12))  # approved / sent_back
    comment: Mapped[str] = mapped_column(Text, default="")
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (Index("ix_reply_reviews_case", "case_id", "id"),)


class ReplyTemplate(Base):
    """Reply text per category with fields such as {来电人称呼}; admin-editable."""

    __tablename__ = "reply_templates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    category: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(40))
    body: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class Instruction(Base):
    """A leader's instruction (领导批示) on a case."""

    __tablename__ = "instructions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    leader_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    text: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (Index("ix_instructions_case", "case_id", "id"),)


class AuditLog(Base):
    """Append-only, hash-chained audit trail; never holds personal data."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    actor_id: Mapped[int | None] = mapped_column(Integer)
    actor_name: Mapped[str] = mapped_column(String(64), default="")
    action: Mapped[str] = mapped_column(String(40))
    object_type: Mapped[str] = mapped_column(String(24), default="")
    object_id: Mapped[str] = mapped_column(String(40), default="")
    detail: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    __table_args__ = (Index("ix_audit_log_at", "at"),)


class AuditHead(Base):
    """The single row holding the chain's tip; updating it serialises audit writers."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_hash: Mapped[str] = mapped_column(String(64))


# Tables of later capabilities live in their own modules; importing them here puts them on
# ``Base.metadata`` for Alembic and the schema test. (They import ``Base`` from this module.)
import hotline_desk.store.models_close  # noqa: E402,F401
import hotline_desk.store.models_office  # noqa: E402,F401
import hotline_desk.store.models_time  # noqa: E402,F401
