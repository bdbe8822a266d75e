"""Printing a case's documents (DESIGN.md §7): the 交办单, 督办通知单 and 答复函 of one case or a
batch of cases as one PDF, and the audit of every print.

``prepare_documents`` reads the cases the user may see, fills the documents (masked — the caller's
fields and the free text, ``privacy.shield_paper`` — unless the user may see personal data and
asked to reveal it, for any kind), renders one PDF and writes one audit row per
case — action ``print_slip`` / ``print_notice`` / ``print_letter`` with the case number, pages
and where it went (``preview``, ``printer``, ``pdf_file``), never personal data — plus a
``personal_reveal`` row for each case whose caller was shown in full. ``record_output`` audits
the same document again when the previewed PDF is then printed or saved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotline_desk.domain.errors import Msg, NotFound, PermissionDenied, ValidationError
from hotline_desk.reports.doc_data import Document, PrintMeta
from hotline_desk.reports.documents import render_documents
from hotline_desk.services.admin import office
from hotline_desk.services.audit import record_audits
from hotline_desk.services.boundary import signed_in, user_input
from hotline_desk.services.cases.read_model import Names
from hotline_desk.services.cases.visibility import may_see_personal, visible_to
from hotline_desk.services.context import Progress, ServiceContext, Token
from hotline_desk.services.dto import Actor
from hotline_desk.services.output.print_data import (
    REPLY_READY,
    letter_data,
    letter_office,
    notice_data,
    order_no,
    slip_data,
)
from hotline_desk.store.models import Case
from hotline_desk.store.models.deadlines import Supervision

KINDS = {"slip": "交办单", "notice": "督办通知单", "letter": "答复函"}
OUTPUTS = {"preview": "预览", "printer": "打印机", "pdf_file": "PDF 文件"}
"""Where a PDF went; a Word letter (letter_word.py) is audited with output ``docx_file``."""
BATCH_MAX = 500


@dataclass(frozen=True)
class PrintJob:
    """A rendered PDF of one kind of document for one or more cases."""

    kind: str
    data: bytes
    case_nos: tuple[str, ...]
    pages: tuple[int, ...]  # pages of each case's document
    revealed: tuple[str, ...]  # case numbers printed with the caller's data in full
    title: str
    font_family: str
    font_warning: str

    @property
    def page_count(self) -> int:
        return sum(self.pages)


@dataclass(frozen=True)
class PrintChoices:
    """What can be printed for one case, for the preview's choices."""

    case_id: int
    case_no: str
    kinds: tuple[str, ...]
    orders: tuple[tuple[int, str, str], ...]  # (督办单 id, its number, level yellow/red)
    may_reveal: bool  # the user may show the caller's data in full (never when confidential)


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        allowed = "、".join(KINDS.values())
        raise ValidationError({"kind": Msg("文书种类只能是：{allowed}", allowed=allowed)})


def load_visible(s: Session, actor: Actor, case_id: int) -> Case:
    case = s.execute(select(Case).where(Case.id == case_id, visible_to(actor))).scalar_one_or_none()
    if case is None:
        raise NotFound("办件不存在或您无权查看")
    return case


@user_input
def print_choices(ctx: ServiceContext, actor: Actor, case_id: int) -> PrintChoices:
    with ctx.uow.read() as uow:
        s = uow.session
        case = load_visible(s, actor, case_id)
        orders = s.execute(
            select(Supervision).where(Supervision.case_id == case.id, Supervision.kind == "order")
            .order_by(Supervision.id)
        ).scalars().all()  # fmt: skip
        kinds = ["slip"]
        if orders:
            kinds.append("notice")
        if case.status in REPLY_READY and case.reply_text.strip():
            kinds.append("letter")
        labels = tuple((o.id, order_no(o.id, o.issued_at), o.level or "yellow") for o in orders)
        return PrintChoices(case.id, case.case_no, tuple(kinds), labels,
                            may_see_personal(actor) and not case.confidential)  # fmt: skip


@user_input
def prepare_documents(
    ctx: ServiceContext,
    actor: Actor,
    kind: str,
    case_ids: Sequence[int],
    *,
    reveal: bool = False,
    order_id: int | None = None,
    output: str = "preview",
    token: Token | None = None,
    report: Progress | None = None,
) -> PrintJob:
    """Render ``kind`` for each case the user may see into one PDF and audit it as sent to
    ``output``. There is no anonymous print: the command line logs in too."""
    _check_kind(kind)
    if not case_ids:
        raise ValidationError({"cases": "请先选择要打印的办件"})
    if len(case_ids) > BATCH_MAX:
        raise ValidationError({"cases": Msg("一次最多打印 {most} 件，请分批打印", most=BATCH_MAX)})
    if reveal and not may_see_personal(actor):
        raise PermissionDenied("您没有查看来电人个人信息的权限，只能打印脱敏后的文书")
    now = ctx.now()
    total = len(case_ids) + 1
    docs: list[Document] = []
    revealed: list[str] = []
    with ctx.uow.read() as uow:
        s = uow.session
        bureau, font = office.read_many(s, (office.BUREAU_NAME, office.PDF_FONT))
        letters = letter_office(s) if kind == "letter" else None
        names = Names(s)
        found = {c.id: c for c in s.execute(
            select(Case).where(Case.id.in_(set(case_ids)), visible_to(actor))
        ).scalars()}  # fmt: skip
        for done, case_id in enumerate(case_ids, 1):
            if token is not None:
                token.check()
            case = found.get(case_id)
            if case is None:
                raise NotFound("办件不存在或您无权查看")
            if kind == "slip":
                docs.append(slip_data(s, case, reveal, names))
            elif kind == "notice":
                docs.append(notice_data(s, case, actor, order_id, now, reveal))
            else:
                docs.append(letter_data(case, now, reveal, letters))
            if reveal and not case.confidential:
                revealed.append(case.case_no)
            if report is not None:
                report(done, total)
    meta = PrintMeta(bureau, actor.display_name, now, font, actor.username)
    rendered = render_documents(docs, meta)
    job = PrintJob(kind, rendered.data, tuple(d.case_no for d in docs), rendered.pages,
                   tuple(revealed), rendered.title, rendered.font.family,
                   rendered.font.warning)  # fmt: skip
    record_output(ctx, actor, job, output)
    if report is not None:
        report(total, total)
    return job


@signed_in
def record_output(ctx: ServiceContext, actor: Actor, job: PrintJob, output: str) -> None:
    """Audit that ``job`` went to ``output``: one row per case, one transaction."""
    if output not in OUTPUTS:
        raise ValidationError({"output": "输出方式只能是预览、打印机或 PDF 文件"})
    now = ctx.now()
    entries: list[tuple[str, str, str, dict[str, object] | None]] = []
    for case_no, pages in zip(job.case_nos, job.pages, strict=True):
        detail: dict[str, object] = {"pages": pages, "output": output}
        if len(job.case_nos) > 1:
            detail["batch"] = len(job.case_nos)
        if case_no in job.revealed:
            detail["revealed"] = True
        entries.append((f"print_{job.kind}", "case", case_no, detail))
        if case_no in job.revealed:
            entries.append(("personal_reveal", "case", case_no,
                            {"purpose": f"print_{job.kind}", "output": output}))  # fmt: skip
    with ctx.uow.write() as uow:
        record_audits(uow.session, now, actor, entries)  # the chain's head locked once
        uow.commit()


@user_input
def dispatched_on(ctx: ServiceContext, actor: Actor, day: date) -> list[int]:
    """The cases the user may see that were dispatched (转办/交办) on ``day``, in that order."""
    start = datetime.combine(day, time())
    with ctx.uow.read() as uow:
        rows = uow.session.execute(
            select(Case.id).where(Case.dispatched_at >= start,
                                  Case.dispatched_at < start + timedelta(days=1),
                                  visible_to(actor))
            .order_by(Case.dispatched_at, Case.id).limit(BATCH_MAX)
        ).scalars()  # fmt: skip
        return list(rows)


@user_input
def case_ids_for(ctx: ServiceContext, actor: Actor, case_nos: Sequence[str]) -> list[int]:
    """Case ids of the given numbers, in order; NotFound names the first that is missing."""
    ids: list[int] = []
    with ctx.uow.read() as uow:
        for case_no in case_nos:
            found = uow.session.execute(
                select(Case.id).where(Case.case_no == case_no.strip().upper(), visible_to(actor))
            ).scalar_one_or_none()
            if found is None:
                raise NotFound("办件 {case_no} 不存在或您无权查看", case_no=case_no)
            ids.append(found)
    return ids


@user_input
def write_documents(ctx: ServiceContext, actor: Actor, kind: str,
                    case_nos: Sequence[str], path: Path, *, reveal: bool = False,
                    order_id: int | None = None) -> PrintJob:  # fmt: skip
    """The command line's print: render, audit as ``pdf_file``, write ``path``."""
    ids = case_ids_for(ctx, actor, case_nos)
    job = prepare_documents(ctx, actor, kind, ids, reveal=reveal, order_id=order_id,
                            output="pdf_file")  # fmt: skip
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(job.data)
    return job


@dataclass(frozen=True)
class FontOption:
    value: str  # the ``pdf_font`` setting: ``path`` or ``path#index``
    family: str
    path: str


def font_options() -> list[FontOption]:
    """The embeddable CJK fonts on this computer, best first (for the 单位设置 page)."""
    from hotline_desk.reports.fonts import available_fonts

    return [FontOption(f"{f.path}#{f.index}" if f.index else f.path, f.family, f.path)
            for f in available_fonts()]  # fmt: skip


def font_in_use(preferred: str) -> FontOption | None:
    """The font documents are written with for the setting ``preferred`` on this computer;
    None when none can be embedded (reportlab's STSong-Light, other PCs may show boxes)."""
    from hotline_desk.reports.fonts import font_for

    found = font_for(preferred)
    if found is None:
        return None
    value = f"{found.path}#{found.index}" if found.index else found.path
    return FontOption(value, found.family, found.path)
