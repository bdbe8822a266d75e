"""How a case is handled: its status, tier and assignments, the reviews and returns, the events
of its timeline, the reasons given for refusing or returning it, notes and replies."""

from __future__ import annotations

from hotline_desk.domain.enums.base import LABELS, LabelledEnum, LabelledIntEnum


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


LABELS.update(
    {
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
        "Tier": {1: "直办", 2: "转办科室", 3: "交办直属单位"},
        "AssignmentRole": {"lead": "主办", "assist": "协办", "unit": "承办"},
        "ApprovalStep": {"section": "科室负责人审核", "leader": "局领导审核"},
        "ReviewDecision": {"approved": "审核通过", "sent_back": "退回修改"},
        "ReturnDecision": {"approved": "同意退回", "rejected": "驳回退回"},
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
    }
)
