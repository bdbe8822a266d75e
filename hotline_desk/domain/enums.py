"""The glossary of DESIGN.md §2 as enums, each value carrying its Chinese label (``_LABELS``,
the one place the labels are written; the GUI shows them through Qt's translation)."""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum, StrEnum
from typing import Any


class LabelledEnum(StrEnum):
    """A string enum whose members know their Chinese label."""

    @property
    def label(self) -> str:
        return _LABELS[type(self).__name__][self.value]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(m.value, m.label) for m in cls]


class LabelledIntEnum(IntEnum):
    """An int enum whose members know their Chinese label, for words an Integer column stores.

    Members are ints, so they compare equal to the stored numbers, bind as plain integers in
    SQLAlchemy expressions (``Case.tier == Tier.DIRECT``) and can be assigned to the column."""

    @property
    def label(self) -> str:
        return _LABELS[type(self).__name__][self.value]

    @classmethod
    def choices(cls) -> list[tuple[int, str]]:
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
    APPROVED = "approved"
    REPLIED = "replied"
    CLOSED = "closed"
    RETURN_REQUESTED = "return_requested"
    REJECTED = "rejected"
    MERGED = "merged"


class Tier(LabelledIntEnum):
    """办理层级: who handles a routed case (``Case.tier``, an Integer column; None until routed).

    An int enum rather than a string one because the column, the statistics' groups and frozen
    report snapshots already hold 1/2/3; an IntEnum needs no migration and no conversion."""

    DIRECT = 1  # 直办: the office itself
    SECTION = 2  # 转办科室: a section
    UNIT = 3  # 交办直属单位: a unit under a section, which stays accountable


class AssignmentRole(LabelledEnum):
    """A unit's part in a routed case (``CaseAssignment.role``): one lead section, any number
    of assisting sections, and for a tier-3 case the 直属单位 that does the work."""

    LEAD = "lead"
    ASSIST = "assist"
    UNIT = "unit"


class ApprovalStep(LabelledEnum):
    """Who reviews a reply draft now (``Case.approval_step``, ``ReplyReview.step``)."""

    SECTION = "section"
    LEADER = "leader"


class ReviewDecision(LabelledEnum):
    """What a reviewer decided on a reply draft (``ReplyReview.decision``)."""

    APPROVED = "approved"
    SENT_BACK = "sent_back"


class ReturnDecision(LabelledEnum):
    """The desk's decision on a section's return request (``ReturnRequest.decision``; None
    while pending)."""

    APPROVED = "approved"
    REJECTED = "rejected"


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
    HANDLED_DIRECTLY = "handled_directly"
    RETURN_APPROVED = "return_approved"
    RETURN_REJECTED = "return_rejected"
    ASSIGNED = "assigned"
    OPINION = "opinion"
    REPLY_SENT_BACK = "reply_sent_back"
    INSTRUCTION = "instruction"
    REROUTED = "rerouted"
    EXTENSION_REQUESTED = "extension_requested"
    EXTENSION_APPROVED = "extension_approved"
    EXTENSION_DENIED = "extension_denied"
    URGED = "urged"
    URGE_ACKNOWLEDGED = "urge_acknowledged"
    ORDERED = "ordered"
    ORDER_ANSWERED = "order_answered"
    ORDER_CLOSED = "order_closed"
    DEADLINES_RECOMPUTED = "deadlines_recomputed"
    LINKED = "linked"
    DUPLICATE_JOINED = "duplicate_joined"
    ATTACHMENT_ADDED = "attachment_added"
    ATTACHMENT_WITHDRAWN = "attachment_withdrawn"


class Clock(LabelledEnum):
    """The time-limit clocks (DESIGN.md §4)."""

    SIGN = "sign"
    REPLY = "reply"
    REOPEN = "reopen"
    CALLBACK = "callback"


class LimitUnit(LabelledEnum):
    WORKDAYS = "workdays"
    HOURS = "hours"
    MINUTES = "minutes"


class Level(LabelledEnum):
    """Warning level of a running clock (and of a 督办单: yellow or red)."""

    NORMAL = "normal"
    YELLOW = "yellow"
    RED = "red"


class SupervisionKind(LabelledEnum):
    URGE = "urge"
    ORDER = "order"


class SupervisionStatus(LabelledEnum):
    """An urge is ``sent`` until the section acknowledges it; an order is ``open`` until the
    section answers, then ``answered`` until the desk closes it."""

    SENT = "sent"
    ACKNOWLEDGED = "acknowledged"
    OPEN = "open"
    ANSWERED = "answered"
    CLOSED = "closed"


class ExtensionStatus(LabelledEnum):
    PENDING = "pending"
    APPROVED = "approved"
    DENIED = "denied"


class RejectReason(LabelledEnum):
    """不予受理 reasons."""

    LITIGATION = "litigation"
    PETITION = "petition"
    SECRET = "secret"
    EMERGENCY = "emergency"
    REPEAT = "repeat"
    OTHER = "other"


class ReturnReason(LabelledEnum):
    """退回 reasons a section gives."""

    NOT_OUR_DUTY = "not_our_duty"
    WRONG_AREA = "wrong_area"
    OVERLAP = "overlap"
    OTHER = "other"


class NoteKind(LabelledEnum):
    """Kinds of handling notes (办理记录)."""

    CONTACT = "contact"
    SITE_CHECK = "site_check"
    CONSULT = "consult"
    OTHER = "other"


class ReplyMethod(LabelledEnum):
    PHONE = "phone"
    WRITTEN = "written"
    ONLINE = "online"


class CallbackOutcome(LabelledEnum):
    """What one callback attempt came to (``not_required``: the 不回访 marking)."""

    REACHED = "reached"
    UNREACHED = "unreached"
    REFUSED = "refused"
    NOT_REQUIRED = "not_required"


class CallbackStatus(LabelledEnum):
    """Where a replied case's callback stands (``Case.callback_status``)."""

    PENDING = "pending"
    REACHED = "reached"
    UNREACHABLE = "unreachable"
    NOT_REQUIRED = "not_required"


class Satisfaction(LabelledEnum):
    SATISFIED = "satisfied"
    BASICALLY = "basically"
    UNSATISFIED = "unsatisfied"


class Screening(LabelledEnum):
    """甄别 of an unsatisfied rating."""

    PENDING = "pending"
    REASONABLE = "reasonable"
    UNREASONABLE = "unreasonable"


class CloseReason(LabelledEnum):
    """Why a case was closed (办结)."""

    SATISFIED = "satisfied"
    UNREASONABLE = "unreasonable"
    UNREACHABLE = "unreachable"
    NOT_REQUIRED = "not_required"


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


_LABELS: dict[str, Mapping[Any, str]] = {
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
        "approved": "已审核（待答复）",
        "replied": "已答复（待回访）",
        "closed": "已办结",
        "return_requested": "退回待审",
        "rejected": "不予受理",
        "merged": "已并单",
    },
    "OrgKind": {"office": "办公室", "section": "科室", "unit": "直属单位"},
    "Tier": {1: "直办", 2: "转办科室", 3: "交办直属单位"},
    "AssignmentRole": {"lead": "主办", "assist": "协办", "unit": "承办"},
    "ApprovalStep": {"section": "科室负责人审核", "leader": "局领导审核"},
    "ReviewDecision": {"approved": "审核通过", "sent_back": "退回修改"},
    "ReturnDecision": {"approved": "同意退回", "rejected": "驳回退回"},
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
        "handled_directly": "直办",
        "return_approved": "同意退回",
        "return_rejected": "驳回退回",
        "assigned": "指派经办人",
        "opinion": "协办意见",
        "reply_sent_back": "退回修改",
        "instruction": "领导批示",
        "rerouted": "改派",
        "extension_requested": "申请延期",
        "extension_approved": "同意延期",
        "extension_denied": "不同意延期",
        "urged": "催办",
        "urge_acknowledged": "催办已阅",
        "ordered": "督办",
        "order_answered": "督办回复",
        "order_closed": "督办办结",
        "deadlines_recomputed": "重算时限",
        "linked": "关联办件",
        "duplicate_joined": "并入重复件",
        "attachment_added": "添加附件",
        "attachment_withdrawn": "撤回附件",
    },
    "AttachmentKind": {
        "letter_scan": "来信扫描件",
        "photo": "照片",
        "recording": "通话录音",
        "closing_material": "办结材料",
        "signed_reply": "签发的答复函",
        "other": "其他",
    },
    "RejectReason": {
        "litigation": "诉讼/仲裁/行政复议",
        "petition": "信访事项",
        "secret": "涉密",
        "emergency": "紧急警情应转110/119/120",
        "repeat": "重复无新情况",
        "other": "其他",
    },
    "ReturnReason": {
        "not_our_duty": "不属本单位职责",
        "wrong_area": "属地不符",
        "overlap": "职能交叉",
        "other": "其他",
    },
    "NoteKind": {
        "contact": "联系来电人",
        "site_check": "现场核查",
        "consult": "会商协调",
        "other": "其他",
    },
    "ReplyMethod": {"phone": "电话", "written": "书面", "online": "网上"},
    "CallbackOutcome": {
        "reached": "已联系上",
        "unreached": "未联系上",
        "refused": "拒绝回访",
        "not_required": "不回访",
    },
    "CallbackStatus": {
        "pending": "待回访",
        "reached": "已回访",
        "unreachable": "联系不上",
        "not_required": "不回访",
    },
    "Satisfaction": {"satisfied": "满意", "basically": "基本满意", "unsatisfied": "不满意"},
    "Screening": {"pending": "待甄别", "reasonable": "合理", "unreasonable": "不合理"},
    "CloseReason": {
        "satisfied": "回访满意",
        "unreasonable": "不合理诉求",
        "unreachable": "联系不上",
        "not_required": "不回访",
    },
    "LinkKind": {"duplicate": "重复件", "related": "相关件"},
    "Clock": {"sign": "签收", "reply": "答复", "reopen": "重办答复", "callback": "回访"},
    "LimitUnit": {"workdays": "个工作日", "hours": "小时", "minutes": "分钟"},
    "Level": {"normal": "正常", "yellow": "黄牌预警", "red": "红牌超期"},
    "SupervisionKind": {"urge": "催办", "order": "督办单"},
    "SupervisionStatus": {
        "sent": "待阅",
        "acknowledged": "已阅",
        "open": "待回复",
        "answered": "已回复",
        "closed": "已办结",
    },
    "ExtensionStatus": {"pending": "待审批", "approved": "已同意", "denied": "不同意"},
}

CASE_NO_PREFIX: dict[Channel, str] = {
    Channel.HOTLINE: "RX",
    Channel.MAILBOX: "XX",
    Channel.PLATFORM: "PT",
    Channel.VISIT: "LF",
    Channel.OTHER: "QT",
}
