"""The callback after the reply: its outcome and status, the caller's satisfaction, the screening
of an unsatisfied caller's claim and how the case was closed."""

from __future__ import annotations

from hotline_desk.domain.enums.base import LABELS, LabelledEnum


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


LABELS.update(
    {
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
    }
)
