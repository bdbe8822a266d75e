"""Duplicates (并单) and repeat callers: likely duplicates of a case being registered, merging or
linking it at intake, the desk merging or linking existing cases.

``find_duplicates`` compares the form's title and content with the cases received in the last
``duplicate_window_days`` (an office setting, default 30) across channels, and looks up the
caller's phone. Nothing grows with the database: the caller's cases are read newest first by
``(caller_phone, id)``, at most ``PHONE_LIMIT``; the cases worded alike are found through the
search index, piece by piece of the text typed so far (``duplicate_index``), and only the
best ``CANDIDATES`` of them are read, by id — all bounded below by the first id of the window.
What does not change between a clerk's pauses (the window's first id, the caller's cases, each
piece's hits) is kept for the next pause. Scoring is ``domain.duplicates`` (bigram similarity
re-weighted among the neighbours, and the specifics compared outright).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Connection, Integer, Select, bindparam, func, select
from sqlalchemy.orm import Session

from hotline_desk.domain import duplicates as scoring
from hotline_desk.domain.actions import Action
from hotline_desk.domain.enums.handling import CaseStatus, EventKind
from hotline_desk.domain.enums.intake import Channel, LinkKind
from hotline_desk.domain.errors import Msg, NotFound, ValidationError, joined
from hotline_desk.domain.lifecycle import OPEN_STATES, CaseFacts, Transition
from hotline_desk.domain.permissions import REGISTER_ROLES, require
from hotline_desk.domain.routing import REASON_MAX, text_error
from hotline_desk.domain.text_input import ID_MAX
from hotline_desk.domain.validation import CaseInput, validate_case_input
from hotline_desk.services.admin import office
from hotline_desk.services.boundary import user_input
from hotline_desk.services.callbacks.dto import DuplicateCandidate, DuplicateQuery, DuplicateResult
from hotline_desk.services.callbacks.read import HISTORY_DAYS
from hotline_desk.services.cases.duplicate_index import chunks, index_candidates, memo_of
from hotline_desk.services.cases.phones import normalise_cn_phone
from hotline_desk.services.cases.registration import insert_case
from hotline_desk.services.cases.visibility import may_see_personal
from hotline_desk.services.cases.windows import window_filters
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseDetail
from hotline_desk.services.lifecycle.conflicts import who_did
from hotline_desk.services.lifecycle.pipeline import (
    Outcome,
    add_event,
    apply_action,
    apply_in,
    load_visible,
)
from hotline_desk.services.privacy import list_caller, shield
from hotline_desk.store.models import Case, OrgUnit
from hotline_desk.store.models.callbacks import CaseLink
from hotline_desk.store.retry import with_retries

PHONE_LIMIT = 50
"""Most cases of one phone number compared."""
BACKDATE_MARGIN = timedelta(days=3)
"""Ids grow with registration, not receipt: the id bound starts this much earlier, so a case
registered a little after it was received is not missed."""
MERGE_INTO = OPEN_STATES | {CaseStatus.REPLIED}
"""States of a case a duplicate can be merged into."""
SHOWN = 10


@dataclass(frozen=True)
class Window:
    """Which earlier cases are compared with the query: the caller's, within the window."""

    since: datetime
    start_id: int
    phone: str | None
    exclude_id: int | None = None
    before_id: int | None = None


_COLUMNS = (Case.id, Case.case_no, Case.received_at, Case.channel, Case.status, Case.title,
            func.substr(Case.content, 1, scoring.CONTENT_CHARS + 40), Case.lead_unit_id,
            Case.caller_phone, Case.caller_name, Case.confidential,
            Case.caller_address)  # fmt: skip


def _in_window(exclude: bool, before: bool) -> list[ColumnElement[bool]]:
    return window_filters(
        [
            Case.id >= bindparam("start_id", type_=Integer),
            Case.received_at >= bindparam("since"),
            Case.status != CaseStatus.MERGED.value,
        ],
        exclude,
        before,
    )


@lru_cache(maxsize=8)
def _phone_statement(exclude: bool, before: bool) -> Select[Any]:
    return (
        select(*_COLUMNS)
        .where(Case.caller_phone == bindparam("phone"), *_in_window(exclude, before))
        .order_by(Case.caller_phone.desc(), Case.id.desc())
        .limit(PHONE_LIMIT)
    )


@lru_cache(maxsize=4)
def _rows_statement(exclude: bool) -> Select[Any]:
    """The candidates the index found, by id (still within the window)."""
    where = _in_window(exclude, False)
    return select(*_COLUMNS).where(Case.id.in_(bindparam("ids", expanding=True)), *where)


def window_statements(window: Window) -> list[tuple[Select[Any], dict[str, Any]]]:
    """The SELECT that reads the caller's cases, with its parameters (also used by the
    benchmark's floor and the query-plan test); none without a phone."""
    if window.phone is None:
        return []
    params = {"start_id": window.start_id, "since": window.since, "phone": window.phone,
              "exclude_id": window.exclude_id, "before_id": window.before_id}  # fmt: skip
    used = {k: v for k, v in params.items() if v is not None}
    stmt = _phone_statement(window.exclude_id is not None, window.before_id is not None)
    return [(stmt, used)]


def window_start_id(conn: Connection, since: datetime, before_id: int | None = None) -> int:
    """The first id that can be in the window (by the received-time index), or past the end."""
    found = conn.execute(
        select(Case.id)
        .where(Case.received_at >= since - BACKDATE_MARGIN)
        .order_by(Case.received_at, Case.id)
        .limit(1)
    ).scalar()
    if found is None:
        return (before_id or 0) + 1 if before_id else ID_MAX  # the largest INTEGER key
    return int(found)


def read_window(conn: Connection, window: Window) -> list[Any]:
    """The caller's cases in the window, newest first."""
    rows = []
    for stmt, params in window_statements(window):
        rows += conn.execute(stmt, params).fetchall()  # one C loop, not a fetch per row
    return rows


def read_candidates(conn: Connection, window: Window, ids: list[int]) -> list[Any]:
    """The rows of the index's candidates ``ids`` that lie in the window."""
    if not ids:
        return []
    params = {"ids": ids, "start_id": window.start_id, "since": window.since}
    if window.exclude_id is not None:
        params["exclude_id"] = window.exclude_id
    return conn.execute(_rows_statement(window.exclude_id is not None), params).fetchall()


def _phone_of(raw: str) -> str | None:
    digits = sum(ch.isdigit() for ch in raw)
    return normalise_cn_phone(raw) if digits >= 7 else None


def _year_count(conn: Connection, phone: str, at: datetime, window: Window) -> int:
    year_where = [Case.caller_phone == phone, Case.received_at >= at - timedelta(HISTORY_DAYS)]
    if window.before_id is not None:
        year_where.append(Case.id < window.before_id)
    if window.exclude_id is not None:
        year_where.append(Case.id != window.exclude_id)
    return int(conn.execute(select(func.count()).select_from(Case).where(*year_where)).scalar_one())


@user_input
def find_duplicates(ctx: ServiceContext, actor: Actor, query: DuplicateQuery) -> DuplicateResult:
    """Likely duplicates of the case being registered (or of ``exclude_case_id``), best first,
    with every recent case of the same caller; and how often the caller called this year."""
    require(actor.roles, REGISTER_ROLES, "查找重复件")
    at = (query.at or ctx.now()).replace(second=0, microsecond=0)  # one key a minute
    phone = _phone_of(query.caller_phone)
    text = scoring.Text.of(query.title, query.content)
    memo = memo_of(ctx.engines.reader)
    with ctx.uow.read() as uow:
        conn = uow.session.connection()
        days = int(office.read(uow.session, office.DUPLICATE_WINDOW_DAYS))
        if not phone and not (text.title or text.content):
            return DuplicateResult((), days, 0, 0)
        since = at - timedelta(days=days)
        latest = int(conn.execute(select(func.max(Case.id))).scalar() or 0)
        before = query.before_id or latest + 1  # every case registered so far
        start = memo.get(("start", since, before),
                         lambda: window_start_id(conn, since, query.before_id))  # fmt: skip
        window = Window(since, start, phone, query.exclude_case_id, before)
        rows = read_window(conn, window)  # fresh: their states are shown
        year = 0
        if phone:
            key = ("year", phone, before, query.exclude_case_id, at)
            year = memo.get(key, lambda: _year_count(conn, phone, at, window))
        pieces = chunks(query.title, query.content)
        ids = index_candidates(conn, memo, pieces, start, before)
        seen = {r[0] for r in rows}
        rows = rows + [r for r in read_candidates(conn, window, ids) if r[0] not in seen]
        rows.sort(key=lambda r: -r[0])
        units = memo.get(
            ("units",), lambda: dict(conn.execute(select(OrgUnit.id, OrgUnit.name)).all())
        )
    texts = [scoring.Text.of(r[5], r[6] or "") for r in rows]
    same = [phone is not None and r[8] == phone for r in rows]
    scrubbing = not may_see_personal(actor)
    found = []
    for hit in scoring.rank(text, texts, same, SHOWN):
        r = rows[hit.index]
        title = r[5]
        if scrubbing:  # the panel is the desk's; a title shown elsewhere goes through the shield
            title = shield(actor, name=r[9], phone=r[8], address=r[11],
                           confidential=bool(r[10])).text(title)  # fmt: skip
        found.append(DuplicateCandidate(
            case_id=r[0], case_no=r[1], received_at=r[2], channel=r[3], status=r[4],
            title=title, lead_unit_name=units.get(r[7], "") if r[7] else "",
            caller_name=list_caller(r[9], None, bool(r[10]))[0], same_phone=same[hit.index],
            title_similarity=hit.title, content_similarity=hit.content, score=hit.score,
            likely=hit.likely, mergeable=r[4] in MERGE_INTO,
        ))  # fmt: skip
    return DuplicateResult(tuple(found), days, len(rows), year)


@user_input
def duplicates_of_case(ctx: ServiceContext, actor: Actor, case_id: int) -> DuplicateResult:
    """Likely duplicates of a registered case among the cases before it (the desk's merge)."""
    require(actor.roles, REGISTER_ROLES, "查找重复件")
    with ctx.uow.read() as uow:
        case = load_visible(uow.session, actor, case_id)
        query = DuplicateQuery(case.title, case.content, case.caller_phone, case.topic_id,
                               exclude_case_id=case.id, at=case.received_at)  # fmt: skip
    return find_duplicates(ctx, actor, query)


# --- merging and linking ----------------------------------------------------------------------


def _other(s: Session, actor: Actor, case: Case, other_id: int) -> Case:
    if other_id == case.id:
        raise ValidationError({"other_case_id": "不能与办件自身并单或关联"})
    try:
        other = load_visible(s, actor, other_id)
    except NotFound:
        raise ValidationError({"other_case_id": "要并入或关联的办件不存在或您无权查看"}) from None
    return other


def _master(s: Session, actor: Actor, case: Case, master_id: int) -> Case:
    master = _other(s, actor, case, master_id)  # locked with the case (apply_action's partner)
    if master.status in MERGE_INTO:
        return master
    who = who_did(s, master.id) or Msg("其他用户")  # who closed it to merging, and when
    if master.status == CaseStatus.MERGED:
        target = s.get(Case, master.merged_into_id) if master.merged_into_id else None
        problem = Msg(
            "办件 {case_no} 已由{who}并入 {target}，请并入 {target}",
            case_no=master.case_no, who=who, target=target.case_no if target else "",
        )  # fmt: skip
        raise ValidationError({"other_case_id": problem})
    raise ValidationError({"other_case_id": Msg(
        "办件 {case_no} {status}（{who}），不能再并入；请作为新办件办理并关联",
        case_no=master.case_no, status=CaseStatus(master.status), who=who,
    )})  # fmt: skip


def _note(note: str) -> str:
    problem = text_error("说明", note, REASON_MAX, required=False)
    if problem:
        raise ValidationError({"note": problem})
    return note.strip()


def _merge(actor: Actor, master_id: int, note: str, now: datetime):  # type: ignore[no-untyped-def]
    """The change that merges the case into ``master_id``: the link, the master's timeline."""

    def change(s: Session, case: Case, _row: Transition, _facts: CaseFacts) -> Outcome:
        clean = _note(note)
        master = _master(s, actor, case, master_id)
        case.merged_into_id = master.id
        s.add(CaseLink(case_id=case.id, other_case_id=master.id, kind=LinkKind.DUPLICATE.value,
                       note=clean, created_by=actor.user_id, created_at=now))  # fmt: skip
        duplicate = Msg("并入重复件 {case_no}（{channel}，{at}受理）：{title}。{content}",
                        case_no=case.case_no, channel=Channel(case.channel),
                        at=f"{case.received_at:%m-%d %H:%M}", title=case.title,
                        content=case.content)  # fmt: skip
        add_event(s, master, actor, EventKind.DUPLICATE_JOINED, now, duplicate, master.status)
        text = Msg("并单：并入 {case_no}", case_no=master.case_no)
        if clean:
            text = joined([text, Msg("。{note}", note=clean)], "")
        return Outcome(text, audit={"master": master.case_no})

    return change


def _link(actor: Actor, other_id: int, kind: str, note: str, now: datetime):  # type: ignore[no-untyped-def]
    def change(s: Session, case: Case, _row: Transition, _facts: CaseFacts) -> Outcome:
        if kind not in {k.value for k in LinkKind}:
            raise ValidationError(
                {"kind": Msg("请选择关联类型：{choices}", choices=tuple(LinkKind))}
            )
        clean = _note(note)
        other = _other(s, actor, case, other_id)
        exists = s.execute(
            select(CaseLink.id).where(
                ((CaseLink.case_id == case.id) & (CaseLink.other_case_id == other.id))
                | ((CaseLink.case_id == other.id) & (CaseLink.other_case_id == case.id))
            )
        ).first()
        if exists:
            raise ValidationError({"other_case_id": Msg(
                "已与办件 {case_no} 关联（{who}）", case_no=other.case_no,
                who=who_did(s, other.id, (EventKind.LINKED,)) or Msg("其他用户"),
            )})  # fmt: skip
        s.add(CaseLink(case_id=case.id, other_case_id=other.id, kind=kind, note=clean,
                       created_by=actor.user_id, created_at=now))  # fmt: skip
        link = LinkKind(kind)
        add_event(s, other, actor, EventKind.LINKED, now,
                  Msg("关联{kind}：{case_no} {title}", kind=link, case_no=case.case_no,
                      title=case.title), other.status)  # fmt: skip
        text = Msg("关联{kind}：{case_no} {title}", kind=link, case_no=other.case_no,
                   title=other.title)  # fmt: skip
        if clean:
            text = joined([text, Msg("。{note}", note=clean)], "")
        return Outcome(text, audit={"other": other.case_no, "kind": kind})

    return change


@user_input
def merge_case(
    ctx: ServiceContext, actor: Actor, case_id: int, expected_version: int, master_id: int,
    note: str = "",
) -> CaseDetail:  # fmt: skip
    """并单: the case ends as ``merged``, linked to the master, its content in the master's
    timeline."""
    change = _merge(actor, master_id, note, ctx.now())
    return apply_action(ctx, actor, case_id, expected_version, Action.MERGE, change,
                        partner_id=master_id)  # fmt: skip


@user_input
def link_cases(
    ctx: ServiceContext, actor: Actor, case_id: int, other_id: int,
    kind: str = LinkKind.RELATED.value, note: str = "", seen_event: int | None = None,
) -> CaseDetail:  # fmt: skip
    """关联 two cases (related, or a repeat of a case already closed); both timelines say so."""
    change = _link(actor, other_id, kind, note, ctx.now())
    return apply_action(ctx, actor, case_id, None, Action.LINK, change, seen_event=seen_event,
                        partner_id=other_id)  # fmt: skip


@user_input
def register_duplicate(
    ctx: ServiceContext, actor: Actor, data: CaseInput, other_id: int, merge: bool = True,
    note: str = "",
) -> CaseDetail:  # fmt: skip
    """Register the case and, in the same transaction, merge it into ``other_id`` (并单) or link
    it as related; nothing is saved when either step is refused."""
    require(actor.roles, REGISTER_ROLES, "登记办件")
    now = ctx.now()
    clean = validate_case_input(data, now, normalise_cn_phone)

    def attempt() -> CaseDetail:
        with ctx.uow.write() as uow:
            s = uow.session
            case = insert_case(s, actor, clean, now)
            if merge:
                change, action = _merge(actor, other_id, note, now), Action.MERGE
                version: int | None = case.version
            else:
                change = _link(actor, other_id, LinkKind.RELATED.value, note, now)
                action, version = Action.LINK, None
            detail = apply_in(s, actor, case.id, version, action, change, now,
                              partner_id=other_id)  # fmt: skip
            uow.commit()
            return detail

    return with_retries(attempt)
