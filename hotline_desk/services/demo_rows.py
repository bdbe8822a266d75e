"""Rows of the demo generator: one batch of rows per table, written by ``executemany`` straight
to the driver, and a view of a case row as an object (for the services' deadline functions)."""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, DateTime, Table, insert

from hotline_desk.store.models import (
    Case,
    CaseAssignment,
    CaseEvent,
    ReplyDraft,
    ReplyReview,
    ReturnRequest,
)
from hotline_desk.store.models_close import Callback, CaseLink

Row = dict[str, Any]


class Batch:
    """The rows of one batch, per table, and the ids handed out so far."""

    def __init__(self, next_event: int, next_draft: int) -> None:
        self.next_event, self.next_draft = next_event, next_draft
        self.cases: list[Row] = []
        self.events: list[Row] = []
        self.assignments: list[Row] = []
        self.returns: list[Row] = []
        self.drafts: list[Row] = []
        self.reviews: list[Row] = []
        self.callbacks: list[Row] = []
        self.links: list[Row] = []
        self.written = False

    def write(self, conn: Connection) -> None:
        for model, rows in ((Case, self.cases), (CaseEvent, self.events),
                            (CaseAssignment, self.assignments), (ReturnRequest, self.returns),
                            (ReplyDraft, self.drafts), (ReplyReview, self.reviews),
                            (Callback, self.callbacks), (CaseLink, self.links)):  # fmt: skip
            bulk_insert(conn, model.__table__, rows)  # type: ignore[arg-type]
        self.written = True


def bulk_insert(conn: Connection, table: Table, rows: list[Row]) -> None:
    """``executemany`` straight to the driver: SQLAlchemy's per-row parameter processing was a
    third of the generator's time. Only SQLite needs help: datetimes as SQLAlchemy stores them
    (``2026-11-20 10:00:00.000000``, which sorts as time)."""
    if not rows:
        return
    keys = list(rows[0])
    compiled = insert(table).compile(dialect=conn.dialect, column_keys=keys)
    if conn.dialect.name == "sqlite":
        stamps = [c.key for c in table.columns if isinstance(c.type, DateTime) and c.key in keys]
        for row in rows:
            for key in stamps:
                value = row[key]
                if value is not None:
                    row[key] = value.isoformat(" ", "microseconds")  # type: ignore[attr-defined]
    if compiled.positional:
        order = itemgetter(*compiled.positiontup)  # type: ignore[misc]
        params: list[Any] = [order(row) for row in rows]
    else:
        params = rows
    conn.exec_driver_sql(str(compiled), params)


NEW_CASE_DEFAULTS: Row = {
    "sign_deadline": None, "sign_warn_at": None, "reply_clock_start": None, "reply_limit": "",
    "reply_deadline": None, "reply_deadline_original": None, "reply_warn_at": None,
    "extension_days": 0, "callback_deadline": None, "due_at": None, "warn_at": None,
    "due_clock": None, "urge_count": 0, "order_level": None, "callback_status": None,
    "callback_attempts": 0, "satisfaction": None, "resolved": None, "screening": None,
    "reopen_count": 0, "reopened_at": None, "merged_into_id": None, "reply_workdays": None,
    "closed_at": None, "close_reason": None, "ended_at": None,
}  # fmt: skip
"""Columns of migration 0004 a freshly built row starts with."""


class RowView:
    """A case row (dict) seen as an object, so the services' deadline functions fill it in."""

    __slots__ = ("_row",)

    def __init__(self, row: Row) -> None:
        object.__setattr__(self, "_row", row)

    def __getattr__(self, name: str) -> Any:
        return self._row[name]

    def __setattr__(self, name: str, value: object) -> None:
        self._row[name] = value

    def update(self, **values: object) -> None:
        self._row.update(values)
