"""The glossary of DESIGN.md §2 as enums, each value carrying its Chinese label."""

from __future__ import annotations

from enum import StrEnum


class LabelledEnum(StrEnum):
    """A string enum whose members know their Chinese label."""

    @property
    def label(self) -> str:
        return _LABELS[type(self).__name__][self.value]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(m.value, m.label) for m in cls]


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


class CaseStatus(LabelledEnum):
    REGISTERED = "registered"
    DISPATCHED = "dispatched"
    IN_PROGRESS = "in_progress"
    AWAITING_APPROVAL = "awaiting_approval"
    REPLIED = "replied"
    CLOSED = "closed"
    RETURN_REQUESTED = "return_requested"
    REJECTED = "rejected"
    MERGED = "merged"


class OrgKind(LabelledEnum):
    OFFICE = "office"
    SECTION = "section"
    UNIT = "unit"


class Role(LabelledEnum):
    INTAKE = "intake"
    DESK = "desk"
    HANDLER = "handler"
    SECTION_HEAD = "section_head"
    LEADER = "leader"
    SYS_ADMIN = "sys_admin"
    SEC_ADMIN = "sec_admin"
    AUDIT_ADMIN = "audit_admin"


ADMIN_ROLES = frozenset({Role.SYS_ADMIN, Role.SEC_ADMIN, Role.AUDIT_ADMIN})


class EventKind(LabelledEnum):
    REGISTERED = "registered"
    DISPATCHED = "dispatched"
    SIGNED = "signed"
    NOTE = "note"
    REPLY_SUBMITTED = "reply_submitted"
    REPLY_APPROVED = "reply_approved"
    REPLIED = "replied"
    CALLBACK = "callback"
    CLOSED = "closed"
    REJECTED = "rejected"
    MERGED = "merged"
    REOPENED = "reopened"
    RETURN_REQUESTED = "return_requested"
    EDITED = "edited"
    REVEALED = "revealed"


_LABELS: dict[str, dict[str, str]] = {
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
    "CaseStatus": {
        "registered": "已登记",
        "dispatched": "待签收",
        "in_progress": "办理中",
        "awaiting_approval": "待审核",
        "replied": "已答复(待回访)",
        "closed": "已办结",
        "return_requested": "退回待审",
        "rejected": "不予受理",
        "merged": "已并单",
    },
    "OrgKind": {"office": "办公室", "section": "科室", "unit": "直属单位"},
    "Role": {
        "intake": "登记员",
        "desk": "办公室督办员",
        "handler": "科室经办人",
        "section_head": "科室负责人",
        "leader": "局领导",
        "sys_admin": "系统管理员",
        "sec_admin": "安全管理员",
        "audit_admin": "审计管理员",
    },
    "EventKind": {
        "registered": "登记",
        "dispatched": "转办",
        "signed": "签收",
        "note": "办理记录",
        "reply_submitted": "提交答复",
        "reply_approved": "审核通过",
        "replied": "答复",
        "callback": "回访",
        "closed": "办结",
        "rejected": "不予受理",
        "merged": "并单",
        "reopened": "重办",
        "return_requested": "申请退回",
        "edited": "修改",
        "revealed": "查看个人信息",
    },
}

CASE_NO_PREFIX: dict[Channel, str] = {
    Channel.HOTLINE: "RX",
    Channel.MAILBOX: "XX",
    Channel.PLATFORM: "PT",
    Channel.VISIT: "LF",
    Channel.OTHER: "QT",
}
