"""What a case is when it comes in: its channel (and the case number prefix it gives), type
and urgency, its attachments and its links to other cases."""

from __future__ import annotations

from hotline_desk.domain.enums.base import LABELS, LabelledEnum


class Channel(LabelledEnum):
    HOTLINE = "hotline"
    MAILBOX = "mailbox"
    PLATFORM = "platform"
    VISIT = "visit"
    OTHER = "other"


class Category(LabelledEnum):
    CONSULT = "consult"
    HELP = "help"
    COMPLAINT = "complaint"
    REPORT = "report"
    SUGGESTION = "suggestion"
    PRAISE = "praise"
    OTHER = "other"


class Urgency(LabelledEnum):
    NORMAL = "normal"
    URGENT = "urgent"
    CRITICAL = "critical"


class AttachmentKind(LabelledEnum):
    """What a file attached to a case is (附件类型)."""

    LETTER_SCAN = "letter_scan"
    PHOTO = "photo"
    RECORDING = "recording"
    CLOSING_MATERIAL = "closing_material"
    SIGNED_REPLY = "signed_reply"
    OTHER = "other"


class LinkKind(LabelledEnum):
    """A link between cases: ``duplicate`` (merged into, or repeats, the other) or ``related``."""

    DUPLICATE = "duplicate"
    RELATED = "related"


CASE_NO_PREFIX: dict[Channel, str] = {
    Channel.HOTLINE: "RX",
    Channel.MAILBOX: "XX",
    Channel.PLATFORM: "PT",
    Channel.VISIT: "LF",
    Channel.OTHER: "QT",
}


LABELS.update(
    {
        "Channel": {
            "hotline": "市长热线",
            "mailbox": "市长信箱",
            "platform": "12345平台转办",
            "visit": "来访",
            "other": "其他",
        },
        "Category": {
            "consult": "咨询",
            "help": "求助",
            "complaint": "投诉",
            "report": "举报",
            "suggestion": "建议",
            "praise": "表扬",
            "other": "其他",
        },
        "Urgency": {"normal": "一般", "urgent": "紧急", "critical": "特急"},
        "AttachmentKind": {
            "letter_scan": "来信扫描件",
            "photo": "照片",
            "recording": "通话录音",
            "closing_material": "办结材料",
            "signed_reply": "签发的答复函",
            "other": "其他",
        },
        "LinkKind": {"duplicate": "重复件", "related": "相关件"},
    }
)
