"""An index under every foreign key (issue 19). Without one, every check the database makes
when a referenced row is deleted or its key changes scans the referencing table (a deleted
case scanned ``cases.merged_into_id`` for ~1 s at 1,000,000 cases), and every "who did this"
look-up does the same. A nullable column gets a partial index over its non-null rows only, so
the many rows that never name anyone cost nothing; ``col = ?`` implies ``col IS NOT NULL``
on both engines, so the look-ups use it. Migration 0012 creates the same indexes;
``tests/services/test_schema.py`` checks both, and that no foreign key is left without one."""

from __future__ import annotations

from sqlalchemy import ColumnElement, Index, MetaData, TextClause, text

#: (table, column, nullable) of the foreign keys no other index leads with.
FK_INDEXED: tuple[tuple[str, str, bool], ...] = (
    ("org_units", "parent_id", True),
    ("org_units", "head_user_id", True),
    ("topics", "lead_unit_id", True),
    ("topics", "parent_id", True),
    ("users", "org_unit_id", True),
    ("admin_requests", "requested_by", False),
    ("admin_requests", "decided_by", True),
    ("admin_requests", "target_user_id", True),
    ("calendar_days", "updated_by", True),
    ("calendar_years", "maintained_by", True),
    ("cases", "replied_by", True),
    ("cases", "updated_by", True),
    ("cases", "merged_into_id", True),
    ("cases", "registered_by", True),
    ("office_settings", "updated_by", True),
    ("reply_templates", "updated_by", True),
    ("report_snapshots", "frozen_by", True),
    ("report_snapshots", "unfrozen_by", True),
    ("time_limits", "updated_by", True),
    ("topic_assist_units", "org_unit_id", False),
    ("callbacks", "caller_id", True),
    ("case_assignments", "assigned_by", True),
    ("case_assignments", "opinion_by", True),
    ("case_events", "actor_id", True),
    ("case_links", "created_by", True),
    ("extensions", "org_unit_id", True),
    ("extensions", "requested_by", True),
    ("extensions", "decided_by", True),
    ("handling_notes", "author_id", True),
    ("instructions", "leader_id", True),
    ("reply_drafts", "author_id", True),
    ("return_requests", "decided_by", True),
    ("return_requests", "org_unit_id", False),
    ("return_requests", "requested_by", True),
    ("supervisions", "closed_by", True),
    ("supervisions", "issued_by", True),
    ("supervisions", "responded_by", True),
    ("reply_reviews", "reviewer_id", True),
    ("disclosure_decisions", "decided_by", False),
    ("disclosure_decisions", "revoked_by", True),
    ("reply_reviews", "draft_id", False),
    ("drafts", "case_id", True),
    ("attachments", "added_by", True),
    ("attachments", "withdrawn_by", True),
)


def index_name(table: str, column: str) -> str:
    return f"ix_{table}_{column}"


_PARTIAL: list[tuple[Index, ColumnElement[bool] | TextClause]] = []
"""The partial indexes and their condition, for ``for_postgresql``."""


def attach(metadata: MetaData) -> None:
    """Put the foreign-key indexes on the tables of ``metadata``. The PostgreSQL form of a
    partial index's condition is added by ``for_postgresql`` when a PostgreSQL engine is made:
    naming it here would import SQLAlchemy's PostgreSQL dialect (and its asyncpg module) into
    every SQLite desk's cold start (about 60 ms)."""
    for table, column, nullable in FK_INDEXED:
        col = metadata.tables[table].c[column]
        where = col.is_not(None) if nullable else None
        index = Index(index_name(table, column), col, sqlite_where=where)
        if where is not None:
            _PARTIAL.append((index, where))


def partial(name: str, *columns: str, where: str) -> Index:
    """A partial index over ``columns`` where ``where`` holds (SQL text), on both engines (the
    PostgreSQL form added by ``for_postgresql``)."""
    condition = text(where)
    index = Index(name, *columns, sqlite_where=condition)
    _PARTIAL.append((index, condition))
    return index


def for_postgresql() -> None:
    """The partial indexes' condition for PostgreSQL too (``store.engine`` calls this before
    it makes a PostgreSQL engine; again is harmless)."""
    for index, where in _PARTIAL:
        index.dialect_options["postgresql"]["where"] = where
