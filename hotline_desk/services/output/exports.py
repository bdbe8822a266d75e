"""Exports: any filtered case list (XLSX or CSV) and the monthly report (XLSX/PDF) (the
政务公开 list and its review: ``disclosure``). Each is an audit event with its row count.

Case lists are read page by page through the list's own keyset query (5,000 rows a page, never
all at once: ``export_rows._file_pages``; for an XLSX the next page read while one is written),
with personal data masked unless the user may see it *and* chose to reveal it — revealing
writes its own audit row. The masked titles and callers are the ones stored at each write of a
case (``case_search.masked_title``, ``masked_name``, ``masked_phone``): no detector or mask
runs per exported row.
``token``/``report`` let the GUI show progress and cancel (a cancelled export leaves no file).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from hotline_desk.domain.enums.handling import CaseStatus
from hotline_desk.domain.enums.intake import Category, Channel, Urgency
from hotline_desk.domain.errors import PermissionDenied
from hotline_desk.domain.periods import Period
from hotline_desk.domain.permissions import CASE_ROLES, STATS_ROLES, require
from hotline_desk.reports.table_export import TableWriter
from hotline_desk.reports.trace import Trace
from hotline_desk.services.admin import office
from hotline_desk.services.audit import record_audit
from hotline_desk.services.boundary import user_input
from hotline_desk.services.cases import export_rows, queries
from hotline_desk.services.cases.visibility import may_see_personal
from hotline_desk.services.context import Progress, ServiceContext, Token
from hotline_desk.services.dto import Actor, CaseFilter
from hotline_desk.services.stats.figures import monthly_report

CASE_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("case_no", "办件编号", 18), ("received_at", "受理时间", 17), ("channel", "来源渠道", 12),
    ("category", "诉求类型", 9), ("urgency", "紧急程度", 9), ("topic_name", "事项分类", 14),
    ("title", "标题", 40), ("caller_name", "来电人", 10), ("caller_phone", "联系电话", 15),
    ("lead_unit_name", "主办科室", 14), ("status", "状态", 14), ("important", "重要件", 7),
)  # fmt: skip
LABELS = {"channel": Channel, "category": Category, "urgency": Urgency, "status": CaseStatus}
T = TypeVar("T")


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    masked: bool


def read_ahead(pages: Iterator[T]) -> Iterator[T]:
    """``pages``, the next one read in a thread while the caller writes this one (the database
    driver lets go of the GIL while it reads). Leaving early (a cancel, an error) stops the
    reader after the page it is on; its error is raised here."""
    box: queue.Queue[tuple[bool, Any]] = queue.Queue(maxsize=1)
    stop = threading.Event()

    def put(item: tuple[bool, Any]) -> bool:
        """Hand ``item`` over unless the caller has left; whether it was handed."""
        while not stop.is_set():
            try:
                box.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def read() -> None:
        try:
            for page in pages:
                if not put((True, page)):
                    return
            put((False, None))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
            put((False, exc))

    reader = threading.Thread(target=read, name="export-read-ahead", daemon=True)
    reader.start()
    try:
        while True:
            more, item = box.get()
            if not more:
                if item is not None:
                    raise item
                return
            yield item
    finally:
        stop.set()
        reader.join()


def _labels() -> dict[str, dict[Any, str]]:
    """The label of each value of the coded columns."""
    return {attr: {m.value: m.label for m in enum} for attr, enum in LABELS.items()}


def _audit(ctx: ServiceContext, actor: Actor, action: str, obj: str,
           detail: dict[str, Any], reveal: bool = False) -> None:  # fmt: skip
    now = ctx.now()
    with ctx.uow.write() as uow:
        s = uow.session
        record_audit(s, now, actor, action, "export", obj, detail)
        if reveal:
            record_audit(s, now, actor, "personal_data_reveal", "export", obj,
                         {"rows": detail.get("rows", 0), "reason": "导出含个人信息"})  # fmt: skip
        uow.commit()


def _traced(ctx: ServiceContext, actor: Actor) -> Trace:
    """Who exports, and now: written into the file (``reports/trace.py``)."""
    return Trace(actor.display_name, actor.username, ctx.now())


def _abandon(path: Path) -> None:
    path.unlink(missing_ok=True)


@user_input
def export_cases(ctx: ServiceContext, actor: Actor, flt: CaseFilter, path: Path,
                 fmt: str = "xlsx", reveal: bool = False, token: Token | None = None,
                 report: Progress | None = None) -> ExportResult:  # fmt: skip
    """导出办件列表: the cases of ``flt`` the actor may see, newest first."""
    require(actor.roles, CASE_ROLES, "导出办件")
    if reveal and not may_see_personal(actor):
        raise PermissionDenied("您没有查看个人信息的权限，只能导出脱敏的列表")
    total = queries.count_cases(ctx, actor, flt)
    done = 0
    try:
        with TableWriter(path, fmt, [c[1] for c in CASE_COLUMNS], [c[2] for c in CASE_COLUMNS],
                         trace=_traced(ctx, actor)) as writer:  # fmt: skip
            labels = _labels()
            pages = export_rows._file_pages(ctx, actor, flt, reveal, fmt == "csv")
            if fmt != "csv":  # a CSV page is written as fast as it is read, both holding the
                pages = read_ahead(pages)  # GIL: a reader thread only adds switches (+15 %)
            for rows in pages:
                if token is not None:
                    token.check()
                if fmt == "csv":  # every cell text: one formula search a page
                    writer.write_text_rows(export_rows._file_rows(rows, reveal, labels, True))
                else:
                    writer.write_rows(export_rows._file_rows(rows, reveal, labels))
                done += len(rows)
                if report is not None:
                    report(done, max(total, done))
    except BaseException:
        _abandon(path)
        raise
    _audit(ctx, actor, "export_cases", path.name,
           {"rows": done, "format": fmt, "revealed": reveal, "filter": _filter_text(flt)},
           reveal=reveal)  # fmt: skip
    return ExportResult(path, done, not reveal)


def _filter_text(flt: CaseFilter) -> str:
    """What was exported, for the audit row (never the search text: it may be a phone)."""
    parts = [
        f"{k}={v}"
        for k, v in (
            ("status", ",".join(flt.statuses)),
            ("channel", flt.channel),
            ("category", flt.category),
            ("topic", flt.topic_id),
            ("section", flt.lead_unit_id),
            ("from", flt.received_from),
            ("to", flt.received_to),
            ("queue", flt.queue),
        )
        if v
    ]
    if flt.text:
        parts.append("text=…")
    if flt.kpi is not None:
        parts.append(f"kpi={flt.kpi.drill}/{flt.kpi.period_key}/{flt.kpi.group or ''}")
    return ";".join(parts)


@user_input
def export_monthly_report(
    ctx: ServiceContext,
    actor: Actor,
    period: Period,
    xlsx: Path | None = None,
    pdf: Path | None = None,
) -> dict[str, int]:
    """月报导出: the report as XLSX and/or PDF, for a user who may see statistics."""
    from hotline_desk.reports.stats_pdf import write_report_pdf
    from hotline_desk.reports.stats_xlsx import write_report_xlsx

    require(actor.roles, STATS_ROLES, "导出统计报表")
    report = monthly_report(ctx, actor, period)
    written: dict[str, int] = {}
    if xlsx is not None:
        written["xlsx"] = write_report_xlsx(report, xlsx, _traced(ctx, actor))
    if pdf is not None:
        font = str(office.get_setting(ctx, office.PDF_FONT))
        written["pdf"] = write_report_pdf(report, pdf, font, _traced(ctx, actor))
    for kind, rows in written.items():
        _audit(ctx, actor, "export_report", period.key,
               {"rows": rows, "format": kind, "frozen": report.frozen is not None})  # fmt: skip
    return written
