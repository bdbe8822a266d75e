"""Every domain enum label, marked for lupdate in the ``enum`` context.

The labels themselves come from ``hotline_desk.domain.enums``; this list only lets
``pyside6-lupdate`` extract them so the .ts files can translate them (``labels.enum_text``).
Keep it in step with ``_LABELS`` there: tests/gui/test_translation.py checks it.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

ENUM_LABELS: tuple[str, ...] = (
    # Channel
    QT_TRANSLATE_NOOP("enum", "市长热线"),
    QT_TRANSLATE_NOOP("enum", "市长信箱"),
    QT_TRANSLATE_NOOP("enum", "12345平台转办"),
    QT_TRANSLATE_NOOP("enum", "来访"),
    QT_TRANSLATE_NOOP("enum", "其他"),
    # Category
    QT_TRANSLATE_NOOP("enum", "咨询"),
    QT_TRANSLATE_NOOP("enum", "求助"),
    QT_TRANSLATE_NOOP("enum", "投诉"),
    QT_TRANSLATE_NOOP("enum", "举报"),
    QT_TRANSLATE_NOOP("enum", "建议"),
    QT_TRANSLATE_NOOP("enum", "表扬"),
    # other: "其他" listed above
    # Urgency
    QT_TRANSLATE_NOOP("enum", "一般"),
    QT_TRANSLATE_NOOP("enum", "紧急"),
    QT_TRANSLATE_NOOP("enum", "特急"),
    # CaseStatus
    QT_TRANSLATE_NOOP("enum", "已登记"),
    QT_TRANSLATE_NOOP("enum", "待签收"),
    QT_TRANSLATE_NOOP("enum", "办理中"),
    QT_TRANSLATE_NOOP("enum", "待审核"),
    QT_TRANSLATE_NOOP("enum", "已答复(待回访)"),
    QT_TRANSLATE_NOOP("enum", "已办结"),
    QT_TRANSLATE_NOOP("enum", "退回待审"),
    QT_TRANSLATE_NOOP("enum", "不予受理"),
    QT_TRANSLATE_NOOP("enum", "已并单"),
    # OrgKind
    QT_TRANSLATE_NOOP("enum", "办公室"),
    QT_TRANSLATE_NOOP("enum", "科室"),
    QT_TRANSLATE_NOOP("enum", "直属单位"),
    # Role
    QT_TRANSLATE_NOOP("enum", "登记员"),
    QT_TRANSLATE_NOOP("enum", "办公室督办员"),
    QT_TRANSLATE_NOOP("enum", "科室经办人"),
    QT_TRANSLATE_NOOP("enum", "科室负责人"),
    QT_TRANSLATE_NOOP("enum", "局领导"),
    QT_TRANSLATE_NOOP("enum", "系统管理员"),
    QT_TRANSLATE_NOOP("enum", "安全管理员"),
    QT_TRANSLATE_NOOP("enum", "审计管理员"),
    # EventKind
    QT_TRANSLATE_NOOP("enum", "登记"),
    QT_TRANSLATE_NOOP("enum", "转办"),
    QT_TRANSLATE_NOOP("enum", "签收"),
    QT_TRANSLATE_NOOP("enum", "办理记录"),
    QT_TRANSLATE_NOOP("enum", "提交答复"),
    QT_TRANSLATE_NOOP("enum", "审核通过"),
    QT_TRANSLATE_NOOP("enum", "答复"),
    QT_TRANSLATE_NOOP("enum", "回访"),
    QT_TRANSLATE_NOOP("enum", "办结"),
    # rejected: "不予受理" listed above
    QT_TRANSLATE_NOOP("enum", "并单"),
    QT_TRANSLATE_NOOP("enum", "重办"),
    QT_TRANSLATE_NOOP("enum", "申请退回"),
    QT_TRANSLATE_NOOP("enum", "修改"),
    QT_TRANSLATE_NOOP("enum", "查看个人信息"),
)
