"""Filling the printed documents' data from a case, inside the caller's read transaction: the
交办单 (case, deadlines, sections, opinion, instructions), the 督办通知单 (one 督办单 of the
case) and the 答复函 (the approved reply).

Personal data follows DESIGN.md §10: masked — the caller's fields and, through the case's
``privacy.Shield``, every free text (title, content, opinions, instructions, replies) — unless the
printing user may see it *and* asked to reveal it; a case marked confidential (请求保密) never
shows its caller on paper, since slips and notices go to the sections.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotline_desk.domain.enums.handling import AssignmentRole, CaseStatus, Tier
from hotline_desk.domain.enums.intake import Category, Channel, Urgency
from hotline_desk.domain.enums.supervision import Level, SupervisionStatus
from hotline_desk.domain.errors import NotFound
from hotline_desk.domain.numbering import slip_code
from hotline_desk.domain.privacy.masking import mask_address, mask_name, mask_phone
from hotline_desk.reports.doc_data import InstructionLine, LetterData, NoticeData, SlipData
from hotline_desk.reports.pdf_common import fmt_dt
from hotline_desk.services.admin import office
from hotline_desk.services.attachments.files import attachment_summaries
from hotline_desk.services.cases.read_model import Names, build_work
from hotline_desk.services.dto import Actor
from hotline_desk.services.lifecycle.dto import CaseWork, SupervisionInfo
from hotline_desk.services.privacy import shield_paper
from hotline_desk.store.models import Case, CaseAssignment, Instruction, Topic

REPLY_READY = frozenset({CaseStatus.APPROVED, CaseStatus.REPLIED, CaseStatus.CLOSED})
MASKED_NOTE = "来电人个人信息已按规定脱敏，如需联系来电人请通过办公室。"
CONFIDENTIAL_NOTE = "来电人要求对个人信息保密，如需联系来电人请通过办公室。"
CONFIDENTIAL = "（来电人要求保密）"


def caller_fields(case: Case, reveal: bool) -> tuple[str, str, str, str]:
    """(name, phone, address, note) as a printed document may show them."""
    if case.confidential:
        return CONFIDENTIAL, "—", "—", CONFIDENTIAL_NOTE
    name = case.caller_name or ("匿名" if case.anonymous else "")
    if reveal:
        return name, case.caller_phone, case.caller_address, ""
    phone = mask_phone(case.caller_phone) if case.caller_phone else ""
    address = mask_address(case.caller_address) if case.caller_address else ""
    shown = mask_name(case.caller_name) if case.caller_name else name
    return shown, phone, address, MASKED_NOTE


def _assists(work: CaseWork) -> tuple[str, ...]:
    assists = (a for a in work.assignments if a.role == AssignmentRole.ASSIST and a.active)
    return tuple(a.unit_name for a in assists)


def slip_data(s: Session, case: Case, reveal: bool, names: Names | None = None) -> SlipData:
    """The 交办单 of ``case``: only what the slip prints is read (two statements, the names
    looked up once per batch through ``names``), not the whole lifecycle record."""
    shown = shield_paper(case, reveal)
    n = names or Names(s)
    name, phone, address, note = caller_fields(case, reveal)
    topic = s.get(Topic, case.topic_id) if case.topic_id else None
    assists = tuple(
        n.unit(unit_id)
        for unit_id in s.execute(
            select(CaseAssignment.org_unit_id)
            .where(CaseAssignment.case_id == case.id, CaseAssignment.role == AssignmentRole.ASSIST,
                   CaseAssignment.active)
            .order_by(CaseAssignment.id)
        ).scalars()
    )  # fmt: skip
    instructions = tuple(
        InstructionLine(shown.text(i.text), n.user(i.leader_id), i.at)
        for i in s.execute(
            select(Instruction).where(Instruction.case_id == case.id).order_by(Instruction.id)
        ).scalars()
    )
    result = ""
    if case.status in REPLY_READY and case.reply_text:
        result = shown.text(case.reply_text)
        if case.replied_at and case.reply_method:
            result = f"已于{fmt_dt(case.replied_at)}答复来电人。\n{result}"
    return SlipData(
        case_no=case.case_no, query_code=case.query_code,
        qr_payload=slip_code(case.case_no, case.query_code),
        channel=Channel(case.channel).label, received_at=case.received_at,
        platform_ref=case.platform_ref or "", caller_name=name, caller_phone=phone,
        caller_address=address, personal_note=note, category=Category(case.category).label,
        topic=topic.name if topic else "", urgency=Urgency(case.urgency).label,
        important=case.important, tier=Tier(case.tier).label if case.tier else "",
        title=shown.text(case.title), content=shown.text(case.content),
        lead_unit=n.unit(case.lead_unit_id),
        handling_unit=n.unit(case.handling_unit_id) if case.tier == Tier.UNIT else "",
        assist_units=assists, dispatched_at=case.dispatched_at,
        sign_deadline=case.sign_deadline, reply_deadline=case.reply_deadline,
        reply_limit=case.reply_limit, office_opinion=shown.text(case.office_opinion),
        instructions=instructions, result=result, mailbox=case.channel == Channel.MAILBOX,
        attachments=attachment_line([shown.text(a) for a, _k in attachment_summaries(s, case.id)]),
    )  # fmt: skip


def attachment_line(names: list[str]) -> str:
    """``3 件（来信.pdf、现场照片.jpg、录音.mp3）``: the count and every name (the slip cuts it
    to one line: ``slip_dispatch.one_line``)."""
    return f"{len(names)} 件（{'、'.join(names)}）" if names else ""


def pick_order(case_no: str, work: CaseWork, order_id: int | None) -> SupervisionInfo:
    """The 督办单 to print: the one asked for, else the latest open one, else the latest."""
    orders = [x for x in work.supervisions if x.kind == "order"]
    if order_id is not None:
        chosen = next((x for x in orders if x.id == order_id), None)
        if chosen is None:
            raise NotFound(
                "督办单 {order} 不是办件 {case_no} 的督办单", order=order_id, case_no=case_no
            )
        return chosen
    if not orders:
        raise NotFound("办件 {case_no} 没有督办单，不能打印督办通知单", case_no=case_no)
    open_orders = [x for x in orders if x.status != SupervisionStatus.CLOSED]
    return (open_orders or orders)[-1]


def order_no(order_id: int, issued_at: datetime) -> str:
    """督办单 number as printed: 督〔2026〕第17号."""
    return f"督\u3014{issued_at.year}\u3015第{order_id}号"


def notice_data(s: Session, case: Case, actor: Actor, order_id: int | None, now: datetime,
                reveal: bool = False) -> NoticeData:  # fmt: skip
    shown = shield_paper(case, reveal)
    work = build_work(s, case, actor, now, shown)
    order = pick_order(case.case_no, work, order_id)
    level = order.level if order.level in (Level.YELLOW, Level.RED) else Level.YELLOW
    overdue = bool(case.reply_deadline and case.replied_at is None and now > case.reply_deadline)
    return NoticeData(
        order_no=order_no(order.id, order.issued_at), level=level,
        level_label="红牌督办" if level == Level.RED else "黄牌督办",
        unit_name=order.unit_name or work.lead_unit_name, reason=order.text,
        issued_by=order.issued_by_name, issued_at=order.issued_at,
        response_due=order.response_due, order_status=SupervisionStatus(order.status).label,
        response=order.response, responded_by=order.responded_by_name,
        responded_at=order.responded_at, case_no=case.case_no, query_code=case.query_code,
        qr_payload=slip_code(case.case_no, case.query_code), title=shown.text(case.title),
        channel=Channel(case.channel).label, received_at=case.received_at,
        lead_unit=work.lead_unit_name, assist_units=_assists(work),
        case_status=CaseStatus(case.status).label, reply_deadline=case.reply_deadline,
        reply_limit=case.reply_limit, overdue=overdue,
        urge_count=case.urge_count,
    )  # fmt: skip


@dataclass(frozen=True)
class LetterOffice:
    """What the office settings put on a 答复函: the 文号 pattern and the contact."""

    pattern: str = office.LETTER_NO_PATTERN.default
    bureau_short: str = office.BUREAU_SHORT.default
    contact: str = ""
    phone: str = ""


def letter_office(s: Session) -> LetterOffice:
    keys = (office.LETTER_NO_PATTERN, office.BUREAU_SHORT, office.LETTER_CONTACT,
            office.LETTER_PHONE)  # fmt: skip
    return LetterOffice(*(str(v) for v in office.read_many(s, keys)))


def letter_data(case: Case, now: datetime, reveal: bool = False,
                settings: LetterOffice | None = None) -> LetterData:  # fmt: skip
    if case.status not in REPLY_READY or not case.reply_text.strip():
        raise NotFound("办件 {case_no} 尚无审核通过的答复，不能打印答复函", case_no=case.case_no)
    shown = shield_paper(case, reveal)
    settings = settings or LetterOffice()
    day = case.replied_at or now
    number = office.letter_no(settings.pattern, settings.bureau_short, day.year, case.id,
                              case.case_no)  # fmt: skip
    return LetterData(case_no=case.case_no, title=shown.text(case.title),
                      reply_text=shown.text(case.reply_text), letter_date=day,
                      received_at=case.received_at, letter_no=number,
                      contact=settings.contact, phone=settings.phone)  # fmt: skip
