"""What the printed documents show, as plain data the services fill in: the 交办单 (dispatch
slip), the 督办通知单 (supervision notice) and the 答复函 (reply letter).

Every text is ready to print (labels in Chinese, personal data already masked or not as the
printing user chose); the report modules only lay it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class PrintMeta:
    """Who prints, when, for which bureau, with which font (office setting ``pdf_font``)."""

    bureau_name: str
    printed_by: str
    printed_at: datetime
    preferred_font: str = ""
    printed_by_username: str = ""  # with ``printed_by`` and the time: the page's watermark


@dataclass(frozen=True)
class InstructionLine:
    text: str
    leader_name: str
    at: datetime


@dataclass(frozen=True)
class SlipData:
    """交办单: the case as it goes to its section."""

    case_no: str
    query_code: str
    qr_payload: str
    channel: str
    received_at: datetime
    platform_ref: str
    caller_name: str
    caller_phone: str
    caller_address: str
    personal_note: str  # why the caller's data is not shown in full ("" when it is)
    category: str
    topic: str
    urgency: str
    important: bool
    tier: str
    title: str
    content: str
    lead_unit: str
    handling_unit: str
    assist_units: tuple[str, ...]
    dispatched_at: datetime | None
    sign_deadline: datetime | None
    reply_deadline: datetime | None
    reply_limit: str
    office_opinion: str
    instructions: tuple[InstructionLine, ...]
    result: str  # the approved reply, when there is one
    mailbox: bool = False  # a 市长信箱 letter (the title says so)
    attachments: str = ""  # "3 件（来信.pdf、现场照片.jpg…）", one line; "" when none


@dataclass(frozen=True)
class NoticeData:
    """督办通知单: one supervision order (督办单) on a case."""

    order_no: str
    level: str  # yellow / red
    level_label: str
    unit_name: str
    reason: str
    issued_by: str
    issued_at: datetime
    response_due: datetime | None
    order_status: str
    response: str
    responded_by: str
    responded_at: datetime | None
    case_no: str
    query_code: str
    qr_payload: str
    title: str
    channel: str
    received_at: datetime
    lead_unit: str
    assist_units: tuple[str, ...]
    case_status: str
    reply_deadline: datetime | None
    reply_limit: str
    overdue: bool
    urge_count: int


@dataclass(frozen=True)
class LetterData:
    """答复函: the approved reply to the citizen on the bureau's letterhead."""

    case_no: str
    title: str
    reply_text: str
    letter_date: datetime
    received_at: datetime
    letter_no: str = ""  # 文号, from the office's pattern (经信局复〔2026〕57号)
    contact: str = ""  # 联系人 and 联系电话 printed under the 落款 (office settings)
    phone: str = ""


Document = SlipData | NoticeData | LetterData
