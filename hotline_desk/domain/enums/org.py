"""Who works on the cases: the kinds of organisation units and the roles of the users."""

from __future__ import annotations

from hotline_desk.domain.enums.base import LABELS, LabelledEnum


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


LABELS.update(
    {
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
    }
)
