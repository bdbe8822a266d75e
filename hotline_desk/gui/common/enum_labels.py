"""Every domain enum label, marked for lupdate in the ``enum`` context.

The labels themselves come from ``hotline_desk.domain.enums``; this list only lets
``pyside6-lupdate`` extract them so the .ts files can translate them (``words.label``).
Keep it in step with ``LABELS`` there: tests/gui/test_translation.py checks it.
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
    QT_TRANSLATE_NOOP("enum", "已答复（待回访）"),
    QT_TRANSLATE_NOOP("enum", "已办结"),
    QT_TRANSLATE_NOOP("enum", "退回待审"),
    QT_TRANSLATE_NOOP("enum", "不予受理"),
    QT_TRANSLATE_NOOP("enum", "已并单"),
    # OrgKind
    QT_TRANSLATE_NOOP("enum", "办公室"),
    QT_TRANSLATE_NOOP("enum", "科室"),
    QT_TRANSLATE_NOOP("enum", "直属单位"),
    # Tier: 1 "直办" listed below (EventKind)
    QT_TRANSLATE_NOOP("enum", "转办科室"),
    QT_TRANSLATE_NOOP("enum", "交办直属单位"),
    # AssignmentRole
    QT_TRANSLATE_NOOP("enum", "主办"),
    QT_TRANSLATE_NOOP("enum", "协办"),
    QT_TRANSLATE_NOOP("enum", "承办"),
    # ApprovalStep
    QT_TRANSLATE_NOOP("enum", "科室负责人审核"),
    QT_TRANSLATE_NOOP("enum", "局领导审核"),
    # ReviewDecision, ReturnDecision: "审核通过", "退回修改", "同意退回", "驳回退回" listed below
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
    # CaseStatus (lifecycle)
    QT_TRANSLATE_NOOP("enum", "已审核（待答复）"),
    # EventKind (lifecycle)
    QT_TRANSLATE_NOOP("enum", "直办"),
    QT_TRANSLATE_NOOP("enum", "同意退回"),
    QT_TRANSLATE_NOOP("enum", "驳回退回"),
    QT_TRANSLATE_NOOP("enum", "指派经办人"),
    QT_TRANSLATE_NOOP("enum", "协办意见"),
    QT_TRANSLATE_NOOP("enum", "退回修改"),
    QT_TRANSLATE_NOOP("enum", "领导批示"),
    QT_TRANSLATE_NOOP("enum", "改派"),
    # Action (lifecycle)
    # RejectReason (lifecycle)
    QT_TRANSLATE_NOOP("enum", "诉讼/仲裁/行政复议"),
    QT_TRANSLATE_NOOP("enum", "信访事项"),
    QT_TRANSLATE_NOOP("enum", "涉密"),
    QT_TRANSLATE_NOOP("enum", "紧急警情应转110/119/120"),
    QT_TRANSLATE_NOOP("enum", "重复无新情况"),
    # ReturnReason (lifecycle)
    QT_TRANSLATE_NOOP("enum", "不属本单位职责"),
    QT_TRANSLATE_NOOP("enum", "属地不符"),
    QT_TRANSLATE_NOOP("enum", "职能交叉"),
    # NoteKind (lifecycle)
    QT_TRANSLATE_NOOP("enum", "联系来电人"),
    QT_TRANSLATE_NOOP("enum", "现场核查"),
    QT_TRANSLATE_NOOP("enum", "会商协调"),
    # ReplyMethod (lifecycle)
    QT_TRANSLATE_NOOP("enum", "电话"),
    QT_TRANSLATE_NOOP("enum", "书面"),
    QT_TRANSLATE_NOOP("enum", "网上"),
    # EventKind (deadlines and supervision)
    QT_TRANSLATE_NOOP("enum", "申请延期"),
    QT_TRANSLATE_NOOP("enum", "同意延期"),
    QT_TRANSLATE_NOOP("enum", "不同意延期"),
    QT_TRANSLATE_NOOP("enum", "催办"),
    QT_TRANSLATE_NOOP("enum", "催办已阅"),
    QT_TRANSLATE_NOOP("enum", "督办"),
    QT_TRANSLATE_NOOP("enum", "督办回复"),
    QT_TRANSLATE_NOOP("enum", "督办办结"),
    QT_TRANSLATE_NOOP("enum", "重算时限"),
    # Clock
    # sign, reply, callback: "签收", "答复", "回访" listed above
    QT_TRANSLATE_NOOP("enum", "重办答复"),
    # LimitUnit
    QT_TRANSLATE_NOOP("enum", "个工作日"),
    QT_TRANSLATE_NOOP("enum", "小时"),
    QT_TRANSLATE_NOOP("enum", "分钟"),
    # Level
    QT_TRANSLATE_NOOP("enum", "正常"),
    QT_TRANSLATE_NOOP("enum", "黄牌预警"),
    QT_TRANSLATE_NOOP("enum", "红牌超期"),
    # SupervisionKind: urge "催办" listed above
    QT_TRANSLATE_NOOP("enum", "督办单"),
    # SupervisionStatus
    QT_TRANSLATE_NOOP("enum", "待阅"),
    QT_TRANSLATE_NOOP("enum", "已阅"),
    QT_TRANSLATE_NOOP("enum", "待回复"),
    QT_TRANSLATE_NOOP("enum", "已回复"),
    # closed: "已办结" listed above
    # ExtensionStatus
    QT_TRANSLATE_NOOP("enum", "待审批"),
    QT_TRANSLATE_NOOP("enum", "已同意"),
    QT_TRANSLATE_NOOP("enum", "不同意"),
    # Action (deadlines and supervision); the others are event names listed above
    # EventKind (closing the loop, duplicates)
    QT_TRANSLATE_NOOP("enum", "关联办件"),
    QT_TRANSLATE_NOOP("enum", "并入重复件"),
    QT_TRANSLATE_NOOP("enum", "添加附件"),
    QT_TRANSLATE_NOOP("enum", "撤回附件"),
    # AttachmentKind: other "其他" listed above
    QT_TRANSLATE_NOOP("enum", "来信扫描件"),
    QT_TRANSLATE_NOOP("enum", "照片"),
    QT_TRANSLATE_NOOP("enum", "通话录音"),
    QT_TRANSLATE_NOOP("enum", "办结材料"),
    QT_TRANSLATE_NOOP("enum", "签发的答复函"),
    # Action (closing the loop): record_callback, close "回访", "办结" listed above
    QT_TRANSLATE_NOOP("enum", "不回访"),
    # reopen, merge: "重办", "并单" listed above
    # CallbackOutcome: not_required "不回访" listed above
    QT_TRANSLATE_NOOP("enum", "已联系上"),
    QT_TRANSLATE_NOOP("enum", "未联系上"),
    QT_TRANSLATE_NOOP("enum", "拒绝回访"),
    # CallbackStatus
    QT_TRANSLATE_NOOP("enum", "待回访"),
    QT_TRANSLATE_NOOP("enum", "已回访"),
    QT_TRANSLATE_NOOP("enum", "联系不上"),
    # Satisfaction
    QT_TRANSLATE_NOOP("enum", "满意"),
    QT_TRANSLATE_NOOP("enum", "基本满意"),
    QT_TRANSLATE_NOOP("enum", "不满意"),
    # Screening
    QT_TRANSLATE_NOOP("enum", "待甄别"),
    QT_TRANSLATE_NOOP("enum", "合理"),
    QT_TRANSLATE_NOOP("enum", "不合理"),
    # CloseReason: unreachable, not_required listed above
    QT_TRANSLATE_NOOP("enum", "回访满意"),
    QT_TRANSLATE_NOOP("enum", "不合理诉求"),
    # LinkKind
    QT_TRANSLATE_NOOP("enum", "重复件"),
    QT_TRANSLATE_NOOP("enum", "相关件"),
)
