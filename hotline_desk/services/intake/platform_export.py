"""导出办理结果: the replied and closed cases that came from the 12345 platform, in the platform's
办理结果回传 shape (``RESULT_COLUMNS``), as XLSX or CSV (UTF-8 with BOM, which Excel opens).

Only cases with a 平台工单号; the reply is scrubbed of personal data as masked paper is (the
personal-data detector with the caller's own fields: ``services.privacy.shield_paper``; a
confidential caller never appears) and no caller field is written; every cell is
made safe from formula injection. The cases written are marked sent (``platform_sent_at``) in
the same transaction as the ``platform_export`` audit row, after the file is complete, so the
next export holds only what is new (``include_sent`` writes the earlier ones again)."""

from __future__ import annotations

import csv
import os
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import aliased

from hotline_desk.domain.enums.callbacks import CallbackStatus, Satisfaction
from hotline_desk.domain.enums.handling import CaseStatus
from hotline_desk.domain.errors import DeskError, ValidationError
from hotline_desk.domain.permissions import REGISTER_ROLES, require
from hotline_desk.domain.platform_columns import RESULT_COLUMNS
from hotline_desk.domain.privacy.redact import safe_cell
from hotline_desk.services.admin import office
from hotline_desk.services.audit import record_audit
from hotline_desk.services.boundary import user_input
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.services.privacy import shield_paper
from hotline_desk.store.models import Case, OrgUnit, User
from hotline_desk.store.retry import with_retries

FORMATS = ("xlsx", "csv")


@dataclass(frozen=True)
class ResultExport:
    path: Path
    rows: int
    platform_refs: tuple[str, ...]


def _callback_text(case: Case) -> str:
    if case.satisfaction in Satisfaction._value2member_map_:
        return f"已回访，{Satisfaction(case.satisfaction).label}"
    if case.callback_status in CallbackStatus._value2member_map_:
        return CallbackStatus(case.callback_status).label
    return "未回访"


def result_rows(cases: list[tuple[Case, str, str]], phone: str) -> list[tuple[object, ...]]:
    """The sheet's rows: (case, 办理单位, 经办人) → the 办理结果回传 columns, masked."""
    rows = []
    for case, unit, handler in cases:
        reply = shield_paper(case, reveal=False).text(case.reply_text or "")
        answered = case.replied_at.strftime("%Y-%m-%d %H:%M") if case.replied_at else ""
        closed = "是" if case.status == CaseStatus.CLOSED else "否"
        cells = (case.platform_ref, reply, answered, unit, handler, phone, closed,
                 _callback_text(case))  # fmt: skip
        rows.append(tuple(safe_cell(c) for c in cells))
    return rows


def _write(path: Path, fmt: str, rows: list[tuple[object, ...]]) -> None:
    """Write to a temporary file beside ``path`` and rename it: never half a file."""
    fd, tmp = tempfile.mkstemp(prefix=".hotline-", suffix="." + fmt, dir=path.parent)
    os.close(fd)
    try:
        if fmt == "csv":
            with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
                out = csv.writer(fh)
                out.writerow(RESULT_COLUMNS)
                out.writerows(rows)
        else:
            from openpyxl import Workbook

            book = Workbook(write_only=True)
            sheet = book.create_sheet("办理结果回传")
            sheet.append(list(RESULT_COLUMNS))
            for row in rows:
                sheet.append(list(row))
            book.save(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@user_input
def export_results(
    ctx: ServiceContext, actor: Actor, since: date, upto: date, out: Path, fmt: str = "xlsx",
    include_sent: bool = False,
) -> ResultExport:  # fmt: skip
    """Write the results of the platform's cases replied from ``since`` to ``upto`` (both days
    included) to ``out`` and mark them sent."""
    require(actor.roles, REGISTER_ROLES, "导出办理结果回传")
    if fmt not in FORMATS:
        raise ValidationError({"fmt": "格式应为 xlsx 或 csv"})
    if upto < since:
        raise ValidationError({"upto": "截止日期不能早于起始日期"})
    start = datetime(since.year, since.month, since.day)
    end = datetime(upto.year, upto.month, upto.day) + timedelta(days=1)

    def attempt() -> ResultExport:
        now = ctx.now()
        with ctx.uow.write() as uow:
            s = uow.session
            lead, handler = aliased(OrgUnit), aliased(User)
            query = (
                select(Case, lead.name, handler.display_name)
                .outerjoin(lead, lead.id == Case.lead_unit_id)
                .outerjoin(handler, handler.id == Case.handler_id)
                .where(
                    Case.platform_ref.is_not(None),
                    Case.status.in_((CaseStatus.REPLIED.value, CaseStatus.CLOSED.value)),
                    Case.replied_at >= start,
                    Case.replied_at < end,
                )
                .order_by(Case.replied_at, Case.id)
            )
            if not include_sent:
                query = query.where(Case.platform_sent_at.is_(None))
            found = [(c, unit or "", name or "") for c, unit, name in s.execute(query)]
            bureau = office.read(s, office.BUREAU_NAME)
            phone = office.read(s, office.RESULT_CONTACT_PHONE)
            rows = result_rows([(c, u or bureau, h) for c, u, h in found], phone)
            try:
                _write(out, fmt, rows)
            except OSError as exc:
                raise DeskError("无法写入文件 {name}：{reason}", name=out.name,
                                reason=exc.strerror or str(exc)) from None  # fmt: skip
            for case, _u, _h in found:
                case.platform_sent_at = now
            record_audit(s, now, actor, "platform_export", "export", out.name[:200],
                         {"rows": len(rows), "format": fmt, "since": since.isoformat(),
                          "upto": upto.isoformat(), "include_sent": include_sent})  # fmt: skip
            uow.commit()
            return ResultExport(out, len(rows), tuple(c.platform_ref or "" for c, _u, _h in found))

    return with_retries(attempt)
