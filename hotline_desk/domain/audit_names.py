"""The audit log in words: the Chinese name of every action code and object type the desk
records, and the readable form of a row's detail (its JSON keys and coded values in Chinese).

The codes stay as stored (they are inside the hash chain); only what the 审计日志 page and its
XLSX export show is translated here. tests/unit/test_audit_names.py checks that every action
recorded anywhere in the code has a name.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from hotline_desk.domain.actions import Action
from hotline_desk.domain.enums.callbacks import (
    CallbackOutcome,
    CloseReason,
    Satisfaction,
    Screening,
)
from hotline_desk.domain.enums.handling import Tier
from hotline_desk.domain.enums.intake import AttachmentKind
from hotline_desk.domain.enums.org import Role

_CASE_ACTIONS = {f"case_{a.value}": f"办件{a.label}" for a in Action}
_CASE_ACTIONS["case_edit"] = "修改办件登记信息"

ACTION_NAMES: dict[str, str] = {
    # accounts and sessions
    "login": "登录",
    "login_failed": "登录失败",
    "lockout": "账号锁定",
    "unlock": "解除锁屏",
    "unlock_failed": "解除锁屏失败",
    "logout": "注销",
    "password_set": "设置初始密码",
    "password_changed": "修改密码",
    "password_reset": "重置密码",
    "setup_code_used": "使用初始化码",
    "setup_code_failed": "初始化码错误",
    "user_create": "新建用户",
    "user_enable": "启用账号",
    "user_disable": "停用账号",
    "user_roles": "变更角色",
    "user_update": "修改用户信息",
    "admin_request": "发起管理员操作申请",
    "admin_request_confirmed": "确认管理员操作申请",
    "admin_request_refused": "拒绝管理员操作申请",
    "admin_request_expired": "管理员操作申请过期",
    "admin_request_withdrawn": "撤回管理员操作申请",
    "totp_enrolled": "绑定动态口令",
    "totp_disabled": "停用动态口令",
    "totp_reset": "重置动态口令",
    "recovery_code_used": "使用恢复码",
    "recovery_codes_renewed": "重新生成恢复码",
    # the audit log itself
    "audit_read": "查询审计日志",
    "audit_export": "导出审计日志",
    "audit_chain_broken": "审计链校验失败",
    "audit_checkpoint_exported": "导出审计检查点",
    "audit_rekeyed": "审计链改用密钥校验",
    "audit_guard_weak": "审计日志的数据库保护未生效",
    "audit_key_exported": "导出审计密钥",
    "audit_key_imported": "导入审计密钥",
    # cases
    "case_register": "登记办件",
    **_CASE_ACTIONS,
    "print_slip": "打印交办单",
    "print_notice": "打印督办通知单",
    "print_letter": "打印答复函",
    "personal_reveal": "显示个人信息",
    "callback_phone_reveal": "查看联系电话",
    "personal_data_reveal": "导出个人信息",
    "export_cases": "导出办件",
    "export_disclosure": "导出政务公开清单",
    "disclosure_keep": "政务公开审核：保留原文",
    "disclosure_hide": "政务公开审核：隐去文字",
    "disclosure_check": "政务公开审核：确认无误",
    "disclosure_revoke": "政务公开审核：恢复",
    "attachment_add": "添加附件",
    "attachment_open": "打开附件",
    "attachment_save": "另存附件",
    "attachment_withdraw": "撤回附件",
    "platform_import": "导入平台工单",
    "platform_export": "导出办理结果回传",
    "platform_mapping_save": "保存平台列映射",
    "case_platform_update": "按平台变更更新办件",
    "export_report": "导出统计报表",
    "report_freeze": "锁定月报",
    "report_unfreeze": "解除月报锁定",
    # settings
    "template_save": "保存答复模板",
    "letter_template_load": "载入答复函 Word 模板",
    "letter_template_reset": "恢复内置答复函 Word 模板",
    "office_setting": "修改单位设置",
    # search (issue 16)
    "search_saved": "保存查询",
    "search_deleted": "删除保存的查询",
    "search_rebuilt": "重建检索索引",
    "calendar_day": "修改工作日历",
    "calendar_year": "生成年度工作日历",
    "time_limit_save": "保存时限规则",
    "deadlines_recompute": "重算办理期限",
    "deadlines_backfill": "补算办理期限",
    "org_unit_create": "新增单位",
    "org_unit_update": "修改单位",
    "org_unit_move": "调整单位隶属",
    "org_unit_reorder": "调整单位顺序",
    "org_unit_enable": "启用单位",
    "org_unit_disable": "停用单位",
    "org_unit_delete": "删除单位",
    "topic_create": "新增派单目录事项",
    "topic_update": "修改派单目录事项",
    "topic_reorder": "调整派单目录顺序",
    "topic_enable": "启用派单目录事项",
    "topic_disable": "停用派单目录事项",
    "setup_step": "首次设置向导进度",
    "setup_finished": "完成首次设置向导",
    "setup_dismissed": "不再显示首次设置向导",
    # the database
    "seed": "初始化数据库",
    "demo_generate": "生成演示数据",
    "backup": "备份数据库",
    "backup_failed": "备份失败",
    "restore_check": "校验备份",
    "restore_start": "开始恢复数据库",
    "restore_failed": "恢复数据库失败",
    "restore": "恢复数据库",
}

OBJECT_NAMES: dict[str, str] = {
    "": "",
    "user": "用户",
    "case": "办件",
    "calendar": "工作日历",
    "setting": "单位设置",
    "saved_search": "保存的查询",
    "search_index": "检索索引",
    "database": "数据库",
    "time_limit": "时限规则",
    "report": "统计报表",
    "export": "导出文件",
    "import_file": "平台导入文件",
    "backup": "备份",
    "reply_template": "答复模板",
    "admin_request": "管理员操作申请",
    "session": "会话",
    "audit": "审计日志",
    "audit_log": "审计日志",
    "checkpoint": "审计校验点",
    "audit_key": "审计密钥",
    "org_unit": "组织机构",
    "topic": "派单目录事项",
}

DETAIL_KEYS: dict[str, str] = {
    "totp_step": "时间步",
    "second_factor": "第二因素",
    "recovery_left": "剩余恢复码",
    "recovery_codes": "恢复码数",
    "had": "原已绑定",
    "request": "申请编号",
    "requested_by": "申请人",
    "confirmed_by": "确认人",
    "roles": "角色",
    "code": "代码",
    "direction": "移动方向",
    "page": "步骤",
    "name": "名称",
    "parent": "上级",
    "head_user": "负责人账号",
    "head_name": "负责人",
    "phone": "联系电话",
    "display_name": "姓名",
    "org_unit": "所属部门",
    "keywords": "关键词",
    "assist": "协办单位",
    "limit_category": "时限类别",
    "no_password": "待发放密码",
    "first": "首次发放",
    "reason": "原因",
    "old": "原值",
    "new": "新值",
    "units": "单位数",
    "topics": "事项分类数",
    "cases": "办件数",
    "active": "启用",
    "fields": "修改项",
    "snapshot": "快照",
    "received": "受理数",
    "closed": "办结数",
    "rows": "行数",
    "format": "格式",
    "revealed": "含个人信息",
    "filter": "筛选条件",
    "period": "统计期",
    "frozen": "已锁定",
    "pages": "页数",
    "batch": "批量份数",
    "output": "输出方式",
    "purpose": "用途",
    "kind": "类型",
    "ok": "校验通过",
    "bytes": "字节数",
    "sha256": "SHA-256 摘要",
    "placeholders": "占位符",
    "schema": "数据库版本",
    "failed_checks": "未通过的检查",
    "from": "来源",
    "made_at": "备份时间",
    "kept": "原数据保存于",
    "upgraded_to": "升级到",
    "files_back": "恢复的文件",
    "master": "主办件",
    "other": "另一办件",
    "workdays": "工作日数",
    "extension": "延期申请",
    "urge": "催办次数",
    "urges": "催办条数",
    "order": "督办单",
    "level": "级别",
    "late": "逾期",
    "outcome": "回访结果",
    "satisfaction": "满意度",
    "screening": "甄别",
    "reopen": "重办次数",
    "tier": "层级",
    "lead": "主办单位",
    "return": "退回申请",
    "handler": "经办人",
    "draft": "稿次",
    "step": "审核环节",
    "method": "答复方式",
    "failed": "连续失败次数",
    "locked_until": "锁定至",
    "name_length": "所输用户名长度",
    "name_digest": "所输用户名摘要",
    "first_bad_id": "首个异常记录",
    "problems": "问题",
    "head": "链头",
    "start": "起始时间",
    "end": "截止时间",
    "user": "用户",
    "action": "操作",
    "case_no": "办件编号",
    "attachment": "附件编号",
    "object": "对象",
    "limit": "条数",
    "before_id": "翻页起点",
    "file": "文件",
    "confidential": "请求保密",
    "shown": "显示项",
    "added": "新增",
    "updated": "更新",
    "unchanged": "未变化",
    "skipped": "未勾选的变更",
    "refused": "不能导入",
    "cancelled": "已取消",
    "left": "未处理",
    "columns": "列数",
    "applied": "已更新项",
    "since": "起始日期",
    "upto": "截止日期",
    "include_sent": "含已回传",
}

_VALUE_NAMES: dict[str, dict[str, str]] = {
    "reason": {
        **{r.value: r.label for r in CloseReason},
        "unknown": "用户名不存在",
        "inactive": "账号已停用",
        "no_password": "未设置密码",
    },
    "output": {
        "preview": "预览",
        "printer": "打印机",
        "pdf_file": "PDF 文件",
        "docx_file": "Word 文件",
    },
    "purpose": {
        "detail": "办件详情",
        "callback": "联系来电人",
        "print_slip": "打印交办单",
        "print_notice": "打印督办通知单",
        "print_letter": "打印答复函",
        # opening an attachment (services.attachments.files.PURPOSES)
        "preview": "在办件台内查看",
        "system": "用系统程序打开",
        "play": "播放",
    },
    "shown": {"name": "姓名", "phone": "电话", "address": "地址"},
    "kind": {
        "auto": "自动",
        "manual": "手动",
        "before-upgrade": "升级前",
        # the kinds of an administrator request (services.admin.dual_control.KINDS)
        "create_user": "新建账号",
        "reset_password": "重置密码",
        "set_active": "启用/停用账号",
        "set_roles": "变更角色",
        "second_factor": "重置动态验证码",
        **{k.value: k.label for k in AttachmentKind},
        "set_profile": "修改姓名/部门",
        # the kinds of an org unit
        "office": "办公室",
        "section": "科室",
        "unit": "直属单位",
    },
    "screening": {s.value: s.label for s in Screening},
    "outcome": {o.value: o.label for o in CallbackOutcome},
    "satisfaction": {s.value: s.label for s in Satisfaction},
    "roles": {r.value: r.label for r in Role},
    "action": ACTION_NAMES,
}
_TIERS = {t.value: t.label for t in Tier}
UNKNOWN_USER = "（未知用户名）"


def action_name(code: str) -> str:
    """The action's Chinese name; a code this version does not know shows as stored."""
    return ACTION_NAMES.get(code, code)


def object_name(code: str) -> str:
    return OBJECT_NAMES.get(code, code)


def _value(key: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if key == "tier" and isinstance(value, int) and value in _TIERS:
        return _TIERS[value]
    if isinstance(value, list):
        return "、".join(_value(key, v) for v in value) or "—"
    if isinstance(value, dict):
        shown = [f"{DETAIL_KEYS.get(k, k)} {_value(k, v)}" for k, v in value.items()]
        return "，".join(shown) or "无"
    names = _VALUE_NAMES.get(key)
    if names is not None and str(value) in names:
        return names[str(value)]
    return str(value)


def detail_text(detail: str | Mapping[str, Any]) -> str:
    """A row's detail as 键：值 pairs in Chinese (``"角色：登记员；原因：…"``), keys without a value
    left out; text that is not a JSON object shows as stored."""
    if isinstance(detail, str):
        if not detail.strip():
            return ""
        try:
            data = json.loads(detail)
        except ValueError:
            return detail
    else:
        data = detail
    if not isinstance(data, dict):
        return str(data)
    return "；".join(
        f"{DETAIL_KEYS.get(k, k)}：{_value(k, v)}" for k, v in data.items() if v is not None
    )
