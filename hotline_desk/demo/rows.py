"""The demo generator's plumbing: the rows of one batch and their bulk insert straight to the
driver, the case row seen as an object for the services' deadline functions, the demo accounts
and the bureau as the generator needs it, and the day counters of case numbers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from hotline_desk.demo.text import DEMO_USERS
from hotline_desk.domain.enums.org import Role
from hotline_desk.domain.errors import DeskError
from hotline_desk.services.admin.auth import hash_password
from hotline_desk.store.driver_rows import bulk_insert
from hotline_desk.store.models import (
    Case,
    CaseAssignment,
    CaseEvent,
    CaseNoCounter,
    OrgUnit,
    ReplyDraft,
    ReplyReview,
    ReturnRequest,
    TopicAssistUnit,
    User,
    UserRole,
)
from hotline_desk.store.models.callbacks import Callback, CaseLink
from hotline_desk.store.models.deadlines import Extension, Supervision

DEMO_PASSWORD = "Demo@2026"
Row = dict[str, object]


@dataclass
class Org:
    """What the builder knows of the bureau: units, who works where, the routing catalogue."""

    office: int
    sections: list[int]
    by_code: dict[str, int]
    names: dict[int, str]
    unit_of_section: dict[int, int]  # section -> its 直属单位 (tier 3 targets)
    handler: dict[int, int]  # unit -> its demo handler
    head: dict[int, int]  # unit -> its demo head
    assists: dict[int, list[int]]  # topic -> default assisting sections


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
        self.extensions: list[Row] = []
        self.supervisions: list[Row] = []
        self.callbacks: list[Row] = []
        self.links: list[Row] = []
        self.written = False

    PARTS = ((Case, "cases"), (CaseEvent, "events"), (CaseAssignment, "assignments"),
             (ReturnRequest, "returns"), (ReplyDraft, "drafts"), (ReplyReview, "reviews"),
             (Extension, "extensions"), (Supervision, "supervisions"), (Callback, "callbacks"),
             (CaseLink, "links"))  # fmt: skip
    """Each table ``write`` fills, with the list of its rows, in the order they are written."""
    TABLES = tuple(model.__table__.name for model, _rows in PARTS)

    def write(self, conn: Connection) -> None:
        for model, rows in self.PARTS:
            bulk_insert(conn, model.__table__, getattr(self, rows), one_statement=True)  # type: ignore[attr-defined]
        self.written = True


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
    """A case row (dict) seen as an object, so the services' deadline functions fill it in: the
    row is the object's own ``__dict__``, so reading and setting an attribute is the
    interpreter's own look-up in the row (no Python call an attribute)."""

    def __init__(self, row: Row) -> None:
        self.__dict__ = row

    if TYPE_CHECKING:  # any column (defined at run time, it would slow every look-up)

        def __getattr__(self, name: str) -> Any: ...

    def update(self, **values: object) -> None:
        self.__dict__.update(values)


def ensure_demo_users(s: Session, now: datetime) -> dict[str, int]:
    units = dict(s.execute(select(OrgUnit.code, OrgUnit.id)).all())
    existing = dict(s.execute(select(User.username, User.id)).all())
    password_hash = hash_password(DEMO_PASSWORD)
    ids: dict[str, int] = {}
    for username, name, unit, roles in DEMO_USERS:
        if username in existing:
            ids[username] = existing[username]
            continue
        user = User(username=username, display_name=name, password_hash=password_hash,
                    must_change_password=False, org_unit_id=units[unit], active=True,
                    failed_logins=0, is_demo=True, created_at=now)  # fmt: skip
        user.roles = [UserRole(role=r.value) for r in roles]
        s.add(user)
        s.flush()
        ids[username] = user.id
    return ids


def load_org(s: Session, user_ids: dict[str, int]) -> Org:
    units = s.execute(select(OrgUnit.id, OrgUnit.code, OrgUnit.name, OrgUnit.kind,
                             OrgUnit.parent_id).order_by(OrgUnit.id)).all()  # fmt: skip
    by_code = {u.code: u.id for u in units}
    handler: dict[int, int] = {}
    head: dict[int, int] = {}
    for username, _name, code, roles in DEMO_USERS:
        unit = by_code[code]
        if Role.HANDLER in roles and (unit not in handler or roles == (Role.HANDLER,)):
            handler[unit] = user_ids[username]
        if Role.SECTION_HEAD in roles:
            head.setdefault(unit, user_ids[username])
    office = next(u.id for u in units if u.kind == "office")
    sections = [u.id for u in units if u.kind == "section" and u.id in handler and u.id in head]
    if not sections:
        raise DeskError("演示数据需要至少一个有经办人和负责人的科室")
    handler[office] = user_ids["duban"]
    assists: dict[int, list[int]] = {}
    pairs = select(TopicAssistUnit.topic_id, TopicAssistUnit.org_unit_id)
    for topic, unit in s.execute(pairs.order_by(*pairs.selected_columns)):
        assists.setdefault(topic, []).append(unit)
    return Org(
        office=office, sections=sections, by_code=by_code,
        names={u.id: u.name for u in units},
        unit_of_section={u.parent_id: u.id for u in units
                         if u.kind == "unit" and u.parent_id in sections},
        handler=handler, head=head, assists=assists,
    )  # fmt: skip


def upsert_counters(conn, dialect: str, counters: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as upsert
    else:
        from sqlalchemy.dialects.sqlite import insert as upsert
    stmt = upsert(CaseNoCounter)
    stmt = stmt.on_conflict_do_update(index_elements=[CaseNoCounter.key],
                                      set_={"last_seq": stmt.excluded.last_seq})  # fmt: skip
    rows = [{"key": key, "last_seq": seq} for key, seq in counters.items()]
    if rows:
        conn.execute(stmt, rows)
