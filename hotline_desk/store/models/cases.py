"""The case itself: its row (every field a list, the board and the statistics read), the daily
case-number counter and the timeline (流转记录)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hotline_desk.domain.errors import Msg, msg_to_json
from hotline_desk.store.models.base import Base
from hotline_desk.store.models.fk_indexes import partial


class CaseNoCounter(Base):
    """Daily sequence per channel prefix; bumped inside the registering transaction."""

    __tablename__ = "case_no_counters"

    key: Mapped[str] = mapped_column(String(16), primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer)


RUNNING_CLOCK = "due_at IS NOT NULL"
OVERDUE_COLUMNS = ("due_at", "warn_at", "due_clock", "tier", "urge_count", "order_level")
LEAD_CLOCK_COLUMNS = ("lead_unit_id", "due_clock", "due_at", "warn_at")
HANDLING_CLOCK_COLUMNS = ("handling_unit_id", "due_clock", "due_at", "warn_at", "lead_unit_id")
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
    # The 12345 platform (migration 0013): its deadline, kept beside the desk's own; when the
    # city dispatched the order; a digest of the row last imported; when the result went back.
    # Loaded together on first use only (deferred): the case list and the clocks never read
    # them, and code of this release run on a schema before 0013 (the upgrade tests' desk at
    # 0006) selects cases without them.
    external_deadline: Mapped[datetime | None] = mapped_column(
        DateTime, deferred=True, deferred_group="platform"
    )
    platform_dispatched_at: Mapped[datetime | None] = mapped_column(
        DateTime, deferred=True, deferred_group="platform"
    )
    platform_fingerprint: Mapped[str | None] = mapped_column(
        String(64), deferred=True, deferred_group="platform"
    )
    platform_sent_at: Mapped[datetime | None] = mapped_column(
        DateTime, deferred=True, deferred_group="platform"
    )
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
        # Covering the board's suggestion counts and a section's alert counts (0022_list_speed)
        partial("ix_cases_overdue", *OVERDUE_COLUMNS, where=RUNNING_CLOCK),
        partial("ix_cases_lead_clock", *LEAD_CLOCK_COLUMNS, where=RUNNING_CLOCK),
        partial("ix_cases_handling_clock", *HANDLING_CLOCK_COLUMNS, where=RUNNING_CLOCK),
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
        Index("ix_cases_platform_sent", "platform_sent_at", "platform_ref"),
    )


SUMMARY_KEY = "_summary"
"""The key under which an event's ``changes`` JSON keeps its summary's template and parameters
(``domain/errors.py``: ``Msg``), so the timeline can show it in the UI language; the ``summary``
column keeps the Chinese text (older rows have only that)."""


def event_changes(summary: str, changes: dict[str, list[str]] | None) -> dict[str, object]:
    data: dict[str, object] = dict(changes or {})
    if isinstance(summary, Msg) and summary.params:
        data[SUMMARY_KEY] = msg_to_json(summary)
    return data


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
