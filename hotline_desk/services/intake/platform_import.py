"""导入平台工单: a platform export previewed, then imported in batches.

``preview_import`` reads the file, maps its columns (the saved mapping of its source over the
built-in one), prepares every row as the registration form would (``rows.prepare``), finds the
rows already imported (same 工单编号 = ``cases.platform_ref``) as unchanged or changed on the
platform, and suggests the lead section of each new row (the routing suggestion's ranking, its
window read once per topic). Nothing is written.

``run_import`` writes in batches of ``batch_size`` rows, one transaction each (1: one
transaction per row); the cancel token is checked between batches, so the rows done stay done
and importing the same file again adds only the rest. A batch's new rows are registered
together (``bulk.write_new_rows``: the registration's numbering, checks, 登记 event (saying
来自平台导入文件 <name>) and ``case_register`` audit row, one statement per kind for the
batch); a changed row the desk ticked is updated with a line of what changed. When a row is
refused after all — by the registration's checks, or by the database itself (a constraint or a
trigger refusing a value: ``IntegrityError``, ``DataError``) — the batch is rolled back and
written again row by row, each in its own savepoint (a bad row is rolled back whole and
reported, the others go on). A database that gave up on the transaction for another one's sake
(a deadlock, ``database is locked``) runs the batch again (``with_retries``). The whole import
is one ``platform_import`` audit row with its counts.

A batch's search rows (the masked titles and search forms: ``bulk.search_texts``) need nothing
from the database, so they are made before the batch's transaction; on PostgreSQL a thread
makes them ``AHEAD`` batches early, while the desk waits for the server to store the batch
before (nearly half of a batch's time there; on SQLite the database works in this process, and a
second thread only took turns with it).
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from hotline_desk.domain.enums.org import OrgKind
from hotline_desk.domain.errors import DeskError, Msg, ValidationError
from hotline_desk.domain.permissions import REGISTER_ROLES, require
from hotline_desk.domain.platform_columns import (
    find_header,
    header_names,
    is_blank,
    missing_required,
    read_row,
    resolve_mapping,
)
from hotline_desk.services.boundary import user_input
from hotline_desk.services.cases import catalog
from hotline_desk.services.context import Progress, ServiceContext, Token
from hotline_desk.services.dto import Actor
from hotline_desk.services.intake import reading
from hotline_desk.services.intake.apply import apply_row
from hotline_desk.services.intake.bulk import search_texts, write_new_rows
from hotline_desk.services.intake.mapping import DEFAULT_SOURCE, load_mapping
from hotline_desk.services.intake.rows import (
    COMPARED,
    LABELS,
    Prepared,
    diff,
    prepare,
    problem_label,
)
from hotline_desk.services.lifecycle.routing_suggest import Window, rank_sections, read_window
from hotline_desk.store import fact_recorder
from hotline_desk.store.models import Case, OrgUnit
from hotline_desk.store.retry import with_retries

NEW, UNCHANGED, CHANGED, REFUSED = "new", "unchanged", "changed", "refused"
STATUS_LABELS = {
    NEW: "新增",
    UNCHANGED: "已导入，无变化",
    CHANGED: "平台已变更",
    REFUSED: "不能导入",
}
HEADER_SCAN = 10
"""How many rows at the top may hold the header (title rows above it are skipped)."""
BATCH = 2000
"""Rows per transaction: the commits of a 10,000-row file stay few (each is a disk sync and
writes the indexes' pages the batch touched again: 1,000 rows a batch cost a twentieth more of
the import), a cancel stops within a batch (half a second), the progress moves in fifths."""
AHEAD = 2
"""PostgreSQL: batches whose search rows a thread makes ahead of the one written (docstring)."""
Texts = Future[list[dict[str, object]]]


@dataclass(frozen=True)
class PreviewRow:
    line: int
    platform_ref: str
    status: str
    title: str
    caller_name: str
    received_at: datetime | None
    external_deadline: datetime | None
    topic_name: str = ""
    lead_unit_name: str = ""
    case_no: str = ""
    problems: tuple[tuple[str, str], ...] = ()  # (field in Chinese, what is wrong and allowed)
    changes: tuple[tuple[str, str, str], ...] = ()  # (field, in the desk, on the platform)
    prepared: Prepared | None = field(default=None, repr=False, compare=False)
    case_id: int | None = None


@dataclass(frozen=True)
class ImportPreview:
    file_name: str
    source: str
    headers: tuple[str, ...]
    mapping: dict[int, str]
    unknown: tuple[str, ...]
    missing: tuple[str, ...]
    rows: tuple[PreviewRow, ...]

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)


@dataclass(frozen=True)
class Refusal:
    line: int
    platform_ref: str
    field: str
    problem: str


@dataclass(frozen=True)
class ImportSummary:
    file_name: str
    added: int
    updated: int
    unchanged: int
    skipped: int  # changed on the platform, not ticked
    refused: tuple[Refusal, ...]
    cancelled: bool
    left: int  # rows not reached because of the cancel
    case_nos: tuple[str, ...] = ()


@user_input
def preview_import(
    ctx: ServiceContext, actor: Actor, path: Path, name: str = DEFAULT_SOURCE,
    values: dict[str, str] | None = None,
) -> ImportPreview:  # fmt: skip
    """Read ``path`` and say what importing it would do. ``values`` (header → field) adjusts
    the source's saved mapping for this import."""
    require(actor.roles, REGISTER_ROLES, "导入平台工单")
    saved = {**load_mapping(ctx, actor, name), **(values or {})}
    rows = reading.read_rows(path)
    if not rows:
        raise DeskError("文件 {name} 是空的", name=path.name)
    at, depth = find_header(rows[:HEADER_SCAN], saved)
    headers = header_names(rows, at, depth)
    mapping, unknown = resolve_mapping(headers, saved)
    missing = missing_required(mapping)
    base = ImportPreview(path.name, name, tuple(headers), mapping, tuple(unknown),
                         tuple(missing), ())  # fmt: skip
    if missing:
        return base
    topics = catalog.list_topics(ctx)
    names = {t.id: t.name for t in topics}
    now = ctx.now()
    out: list[PreviewRow] = []
    seen: dict[str, int] = {}
    first = at + depth
    for offset, cells in enumerate(rows[first:]):
        if is_blank(cells):
            continue
        row = read_row(first + 1 + offset, cells, mapping)
        prep = prepare(row, topics, now)
        ref = prep.data.platform_ref if prep.data else row.values.get("platform_ref", "")
        problems = dict(prep.problems)
        if ref and ref in seen:
            problems["platform_ref"] = (
                f"与第{seen[ref]}行的工单编号相同；同一工单在文件中只能出现一次"
            )
        elif ref:
            seen[ref] = row.line
        out.append(PreviewRow(
            line=row.line, platform_ref=ref, status=REFUSED if problems else NEW,
            title=row.values.get("title", ""), caller_name=row.values.get("caller_name", ""),
            received_at=prep.data.received_at if prep.data else row.times.get("received_at"),
            external_deadline=prep.external_deadline,
            topic_name=names.get(prep.data.topic_id or 0, "") if prep.data else "",
            problems=tuple((problem_label(f), p) for f, p in problems.items()),
            prepared=prep if not problems else None,
        ))  # fmt: skip
    out = _against_desk(ctx, out)
    out = _suggest_leads(ctx, out, {t.id: t.lead_unit_id for t in topics})
    return replace(base, rows=tuple(out))


def _chunks(items: list[str], size: int = 500) -> Iterable[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _against_desk(ctx: ServiceContext, rows: list[PreviewRow]) -> list[PreviewRow]:
    """Rows already imported: unchanged (same digest, or no field differs) or changed."""
    refs = [r.platform_ref for r in rows if r.status == NEW]
    cols = (Case.id, Case.case_no, Case.platform_ref, Case.platform_fingerprint,
            Case.external_deadline, Case.platform_dispatched_at,
            *(getattr(Case, f) for f in COMPARED))  # fmt: skip
    found: dict[str, Any] = {}
    with ctx.uow.read() as uow:
        for chunk in _chunks(refs):
            for r in uow.session.execute(select(*cols).where(Case.platform_ref.in_(chunk))):
                found[r.platform_ref] = r
    out = []
    for row in rows:
        case = found.get(row.platform_ref)
        if case is None or row.prepared is None:
            out.append(row)
            continue
        base = replace(row, case_no=case.case_no, case_id=case.id)
        if case.platform_fingerprint == row.prepared.fingerprint:
            out.append(replace(base, status=UNCHANGED))
            continue
        changes = diff(case._asdict(), row.prepared)
        status = CHANGED if changes else UNCHANGED
        out.append(replace(base, status=status, changes=tuple(
            (LABELS.get(f, f), old, new) for f, (old, new) in changes.items())))  # fmt: skip
    return out


def _suggest_leads(ctx: ServiceContext, rows: list[PreviewRow],
                   default_leads: dict[int, int | None]) -> list[PreviewRow]:  # fmt: skip
    """The routing suggestion's lead section for each new row (one window read per topic)."""
    wanted = [r for r in rows if r.status == NEW and r.prepared and r.prepared.data]
    if not wanted:
        return rows
    with ctx.uow.read() as uow:
        conn = uow.session.connection()
        query = select(OrgUnit.id, OrgUnit.name).where(
            OrgUnit.kind == OrgKind.SECTION, OrgUnit.active
        )
        sections = {u.id: u.name for u in conn.execute(query)}
        windows = {}
        for topic in {r.prepared.data.topic_id for r in wanted if r.prepared and r.prepared.data}:
            windows[topic] = read_window(conn, Window(topic))
    ids = frozenset(sections)
    out = []
    for row in rows:
        data = row.prepared.data if row.prepared else None
        if row.status != NEW or data is None:
            out.append(row)
            continue
        lead_default = default_leads.get(data.topic_id or 0)
        ranked, neighbours = rank_sections(data.title, data.content, windows[data.topic_id],
                                           lead_default, ids)  # fmt: skip
        lead = ranked[0][0] if ranked and (neighbours or lead_default in ids) else None
        name = sections.get(lead, "") if lead else ""  # a new row, not replace(): 10,000 rows
        out.append(PreviewRow(**{**row.__dict__, "lead_unit_name": name}))
    return out


@user_input
def run_import(
    ctx: ServiceContext, actor: Actor, preview: ImportPreview,
    update_refs: frozenset[str] = frozenset(), *, report: Progress | None = None,
    token: Token | None = None, batch_size: int = BATCH,
) -> ImportSummary:  # fmt: skip
    """Import the preview's new rows and the changed ones in ``update_refs``."""
    require(actor.roles, REGISTER_ROLES, "导入平台工单")
    if preview.missing:
        raise ValidationError(
            {"path": Msg("缺少必需的列：{cols}", cols="、".join(preview.missing))}
        )
    todo = [r for r in preview.rows if r.status == NEW or
            (r.status == CHANGED and r.platform_ref in update_refs)]  # fmt: skip
    refused = [Refusal(r.line, r.platform_ref, f, p) for r in preview.rows
               if r.status == REFUSED for f, p in r.problems]  # fmt: skip
    added: list[str] = []
    updated = 0
    cancelled = False
    done = 0
    size = max(1, batch_size)
    batches = [todo[i : i + size] for i in range(0, len(todo), size)]
    ahead = AHEAD if ctx.engines.writer.dialect.name == "postgresql" else 0
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-texts") if ahead else None
    texts: list[Texts] = []
    try:
        for k, batch in enumerate(batches):
            if token is not None:
                try:
                    token.check()
                except Exception:  # the token's way of saying the user cancelled
                    cancelled = True
                    break
            while len(texts) < min(len(batches), k + 1 + ahead):  # this batch's and the next
                texts.append(_texts_of(pool, _new_rows(batches[len(texts)])))
            result = with_retries(
                lambda b=batch, t=texts[k]: _write_batch(ctx, actor, preview.file_name, b, t)
            )
            added += result[0]
            updated += result[1]
            refused += result[2]
            done += len(batch)
            if report is not None:
                report(done, len(todo))
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    summary = ImportSummary(
        file_name=preview.file_name, added=len(added), updated=updated,
        unchanged=preview.count(UNCHANGED),
        skipped=sum(1 for r in preview.rows if r.status == CHANGED
                    and r.platform_ref not in update_refs),
        refused=tuple(sorted(refused, key=lambda x: x.line)), cancelled=cancelled,
        left=len(todo) - done, case_nos=tuple(added),
    )  # fmt: skip
    _audit_import(ctx, actor, summary, len(preview.rows))
    return summary


class _RowRefused(Exception):
    """A row of a batch written whole was refused: the batch is written again row by row."""


ROW_ERRORS = (DeskError, IntegrityError, DataError)
"""What refuses a row (its values), not the transaction: the checks' errors, and the database's
own refusal of a value (a constraint, a trigger)."""


def _new_rows(batch: list[PreviewRow]) -> list[Prepared]:
    """The batch's rows to register (not in the desk yet), in the order they are written."""
    return [r.prepared for r in batch if r.case_id is None and r.prepared is not None]


def _texts_of(pool: ThreadPoolExecutor | None, rows: list[Prepared]) -> Texts:
    """The rows' search texts: made by ``pool``'s thread, or now."""
    if pool is not None:
        return pool.submit(search_texts, rows)
    made: Texts = Future()
    made.set_result(search_texts(rows))
    return made


def _write_batch(ctx: ServiceContext, actor: Actor, file_name: str, batch: list[PreviewRow],
                 texts: Texts) -> tuple[list[str], int, list[Refusal]]:  # fmt: skip
    """Write the batch in one transaction; rows the preview found sound normally all go in, so
    it is tried whole first (no savepoint per row), and only when a row is refused after all
    (changed since the preview, a concurrent desk imported it) again with a savepoint each."""
    try:
        return _write(ctx, actor, file_name, batch, texts, isolate=False)
    except _RowRefused:
        return _write(ctx, actor, file_name, batch, texts, isolate=True)


def _write(ctx: ServiceContext, actor: Actor, file_name: str, batch: list[PreviewRow],
           texts: Texts, isolate: bool) -> tuple[list[str], int, list[Refusal]]:  # fmt: skip
    added: list[str] = []
    updated = 0
    refused: list[Refusal] = []
    now = ctx.now()
    with ctx.uow.write() as uow:
        s: Session = uow.session
        if not isolate:  # the new rows at once, then the changed ones
            try:
                added += write_new_rows(s, actor, _new_rows(batch), file_name, now,
                                        texts.result())  # fmt: skip
            except ROW_ERRORS as exc:
                raise _RowRefused() from exc  # the transaction rolls back whole
            batch = [r for r in batch if r.case_id is not None]
        for row in batch:
            assert row.prepared is not None
            point = s.begin_nested() if isolate else None
            noted = fact_recorder.mark(s)
            try:
                case_no = apply_row(s, actor, row.prepared, row.case_id, file_name, now)
                if point is not None:
                    point.commit()
            except ROW_ERRORS as exc:
                if point is None:
                    raise _RowRefused() from exc  # the transaction rolls back whole
                point.rollback()
                fact_recorder.undo(s, noted)  # the row's facts went with its savepoint
                refused += _refusals(row, exc)
                continue
            if row.case_id is None:
                added.append(case_no)
            else:
                updated += 1
        uow.commit()
    return added, updated, refused


def _refusals(row: PreviewRow, exc: Exception) -> list[Refusal]:
    if isinstance(exc, ValidationError):
        return [Refusal(row.line, row.platform_ref, problem_label(f), str(p))
                for f, p in exc.field_errors.items()]  # fmt: skip
    if isinstance(exc, DeskError):
        return [Refusal(row.line, row.platform_ref, "", exc.message)]
    orig = exc.orig if isinstance(exc, DBAPIError) else exc  # the driver's words: which value
    reason = (str(orig).strip().splitlines() or [type(exc).__name__])[0][:200]
    return [Refusal(row.line, row.platform_ref, "",
                    Msg("数据库拒绝保存这一行：{reason}", reason=reason))]  # fmt: skip


def _audit_import(ctx: ServiceContext, actor: Actor, summary: ImportSummary, rows: int) -> None:
    from hotline_desk.services.audit import record_audit

    detail = {"rows": rows, "added": summary.added, "updated": summary.updated,
              "unchanged": summary.unchanged, "skipped": summary.skipped,
              "refused": len({r.line for r in summary.refused}),
              "cancelled": summary.cancelled, "left": summary.left}  # fmt: skip

    def attempt() -> None:
        with ctx.uow.write() as uow:
            record_audit(uow.session, ctx.now(), actor, "platform_import", "import_file",
                         summary.file_name[:200], detail)  # fmt: skip
            uow.commit()

    with_retries(attempt)
