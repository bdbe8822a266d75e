"""Time limits and supervision: the clocks a case runs against, their units and warning levels,
urging and supervision orders, and extension requests."""

from __future__ import annotations

from hotline_desk.domain.enums.base import LABELS, LabelledEnum


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


LABELS.update(
    {
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
)
