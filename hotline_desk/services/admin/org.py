"""组织机构: the system administrator keeps the bureau's tree of 办公室, 科室 and 直属单位 —
adds, renames, moves (changes the parent), reorders, deactivates and reactivates units and
names each one's 负责人 (an account of the desk or a name) and phone.

A unit that has cases, accounts, units under it or 派单目录 entries is never deleted (the
refusal says how many); it is deactivated instead, which the routing forms then no longer
offer. Each write is one transaction with its audit row; the unit of work announces the change
(``ORG``) to every view and desk."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select, union
from sqlalchemy.orm import Session

from hotline_desk.domain.enums.org import OrgKind
from hotline_desk.domain.errors import ConflictError, Msg, NotFound, ValidationError
from hotline_desk.domain.lifecycle import OPEN_STATES
from hotline_desk.domain.permissions import ORG_ADMIN_ROLES, require
from hotline_desk.services.admin import tree_order
from hotline_desk.services.audit import record_audit
from hotline_desk.services.boundary import signed_in, user_input
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.store.models import Case, CaseAssignment, OrgUnit, Topic, TopicAssistUnit, User

CODE = re.compile(r"^[A-Z][A-Z0-9_]{1,31}$")
PHONE = re.compile(r"^[0-9+\-() ,，、转]{3,32}$")


@dataclass(frozen=True)
class UnitInput:
    """What the 组织机构 form hands over (``parent_id`` None: the top level)."""

    code: str
    name: str
    kind: str
    parent_id: int | None
    head_user_id: int | None = None
    head_name: str = ""
    phone: str = ""


@dataclass(frozen=True)
class UnitRow:
    id: int
    code: str
    name: str
    kind: str
    parent_id: int | None
    sort_order: int
    active: bool
    head_user_id: int | None
    head_user_name: str
    head_name: str
    phone: str
    cases: int
    users: int

    @property
    def head_text(self) -> str:
        """The 负责人 as shown: the account's name, else the name typed."""
        return self.head_user_name or self.head_name


def _counts(s: Session, column: Any, key: Any) -> dict[int, int]:
    rows = s.execute(select(key, func.count(func.distinct(column))).group_by(key))
    return {k: int(n) for k, n in rows if k is not None}


def _case_counts(s: Session, open_only: bool = False) -> dict[int, int]:
    """Cases per unit: led, handled or assisted (each case once per unit)."""
    refs = union(
        select(Case.id.label("case_id"), Case.lead_unit_id.label("unit_id")),
        select(Case.id, Case.handling_unit_id),
        select(CaseAssignment.case_id, CaseAssignment.org_unit_id),
    ).subquery()
    query = select(refs.c.unit_id, func.count(func.distinct(refs.c.case_id)))
    if open_only:
        query = query.join(Case, Case.id == refs.c.case_id).where(
            Case.status.in_([st.value for st in OPEN_STATES])
        )
    rows = s.execute(query.where(refs.c.unit_id.is_not(None)).group_by(refs.c.unit_id))
    return {int(k): int(n) for k, n in rows}


def _rows(s: Session) -> list[UnitRow]:
    cases = _case_counts(s)
    users = _counts(s, User.id, User.org_unit_id)
    names = dict(s.execute(select(User.id, User.display_name)).all())
    units = s.execute(select(OrgUnit).order_by(OrgUnit.sort_order, OrgUnit.id)).scalars()
    return [
        UnitRow(u.id, u.code, u.name, u.kind, u.parent_id, u.sort_order, u.active,
                u.head_user_id, names.get(u.head_user_id, "") if u.head_user_id else "",
                u.head_name or "", u.phone or "", cases.get(u.id, 0), users.get(u.id, 0))
        for u in units
    ]  # fmt: skip


@signed_in
def list_units(ctx: ServiceContext, actor: Actor) -> list[UnitRow]:
    """Every unit, active or not, in display order (children follow their parent's order)."""
    require(actor.roles, ORG_ADMIN_ROLES, "维护组织机构")
    with ctx.uow.read() as uow:
        return _rows(uow.session)


def _row(s: Session, unit_id: int) -> UnitRow:
    return next(r for r in _rows(s) if r.id == unit_id)


def _unit(s: Session, unit_id: int) -> OrgUnit:
    unit = s.get(OrgUnit, unit_id)
    if unit is None:
        raise NotFound("单位不存在")
    return unit


def _check(s: Session, unit_id: int | None, data: UnitInput) -> UnitInput:
    """The input cleaned, or a ValidationError naming each bad field."""
    data = UnitInput(data.code.strip().upper(), data.name.strip(), data.kind, data.parent_id,
                     data.head_user_id, data.head_name.strip(), data.phone.strip())  # fmt: skip
    errors: dict[str, str] = {}
    if not CODE.match(data.code):
        errors["code"] = Msg("代码须以字母开头，由 2–32 位大写字母、数字或下划线组成")
    elif s.scalar(
        select(OrgUnit.id).where(OrgUnit.code == data.code, OrgUnit.id != (unit_id or 0))
    ):
        errors["code"] = Msg("代码 {code} 已被其他单位使用", code=data.code)
    if not data.name or len(data.name) > 64:
        errors["name"] = Msg("请填写名称（最多 64 个字）")
    elif s.scalar(select(OrgUnit.id).where(OrgUnit.name == data.name, OrgUnit.active,
                                           OrgUnit.id != (unit_id or 0))):  # fmt: skip
        errors["name"] = Msg("已有名为“{name}”的单位", name=data.name)
    if data.kind not in {k.value for k in OrgKind}:
        errors["kind"] = Msg("请选择类型（办公室、科室或直属单位）")
    elif problem := _parent_problem(s, unit_id, data):
        errors["parent_id"] = problem
    if len(data.head_name) > 64:
        errors["head_name"] = Msg("负责人姓名最多 64 个字")
    if data.head_user_id is not None and s.get(User, data.head_user_id) is None:
        errors["head_user_id"] = Msg("所选负责人账号不存在")
    if data.phone and not PHONE.match(data.phone):
        errors["phone"] = Msg("联系电话只能由数字、+、-、括号、空格和“转”组成（3–32 位）")
    if errors:
        raise ValidationError(errors)
    return data


def _parent_problem(s: Session, unit_id: int | None, data: UnitInput) -> str | None:
    """An office and a section stand at the top (a section may also sit under the office); a
    直属单位 sits under a section or the office; nothing moves under itself."""
    parent = s.get(OrgUnit, data.parent_id) if data.parent_id is not None else None
    if data.parent_id is not None and parent is None:
        return Msg("上级单位不存在")
    if data.kind == OrgKind.OFFICE:
        if parent is not None:
            return Msg("办公室不能设上级单位")
        other = s.scalar(select(OrgUnit.id).where(OrgUnit.kind == OrgKind.OFFICE.value,
                                                  OrgUnit.id != (unit_id or 0)))  # fmt: skip
        if other is not None:
            return Msg("已有一个办公室，本单位只能有一个办公室")
        return None
    if parent is None:
        return Msg("直属单位须选择上级科室") if data.kind == OrgKind.UNIT else None
    if data.kind == OrgKind.SECTION and parent.kind != OrgKind.OFFICE:
        return Msg("科室的上级只能是办公室或不设上级")
    if data.kind == OrgKind.UNIT and parent.kind == OrgKind.UNIT:
        return Msg("直属单位的上级须为科室或办公室")
    if unit_id is not None and (
        parent.id == unit_id or parent.id in tree_order.descendants(s, OrgUnit, unit_id)
    ):
        return Msg("不能把单位移到它自己或它的下级之下")  # fmt: skip
    if not parent.active:
        return Msg("上级单位“{name}”已停用", name=parent.name)
    return None


def _detail(unit: OrgUnit) -> dict[str, Any]:
    return {"code": unit.code, "name": unit.name, "kind": unit.kind, "parent": unit.parent_id,
            "head_user": unit.head_user_id, "head_name": unit.head_name or "",
            "phone": unit.phone or ""}  # fmt: skip


@user_input
def save_unit(ctx: ServiceContext, actor: Actor, unit_id: int | None, data: UnitInput) -> UnitRow:
    """Add a unit (``unit_id`` None, placed last under its parent) or change one: rename,
    move to another parent (placed last there), change its code, 负责人 or phone. The kind of
    an existing unit does not change (its cases were routed by it)."""
    require(actor.roles, ORG_ADMIN_ROLES, "维护组织机构")
    with ctx.uow.write() as uow:
        unit = write_unit(uow.session, ctx.now(), actor, unit_id, data, unchanged_ok=False)
        row = _row(uow.session, unit.id)
        uow.commit()
        return row


def write_unit(s: Session, now: Any, actor: Actor, unit_id: int | None, data: UnitInput,
               unchanged_ok: bool) -> OrgUnit:  # fmt: skip
    """``save_unit`` inside the caller's transaction (the first-run assistant saves a whole
    table in one); an unchanged unit is refused unless ``unchanged_ok``."""
    unit = _unit(s, unit_id) if unit_id is not None else None
    if unit is not None and data.kind != unit.kind:
        raise ValidationError({"kind": Msg("已有单位的类型不能更改，请新建单位")})
    clean = _check(s, unit_id, data)
    old = _detail(unit) if unit is not None else None
    if unit is None:
        place = tree_order.next_place(s, OrgUnit, clean.parent_id)
        unit = OrgUnit(kind=clean.kind, active=True, sort_order=place)
        s.add(unit)
    elif unit.parent_id != clean.parent_id:
        unit.sort_order = tree_order.next_place(s, OrgUnit, clean.parent_id)
    unit.code, unit.name, unit.parent_id = clean.code, clean.name, clean.parent_id
    unit.head_user_id = clean.head_user_id
    unit.head_name, unit.phone = clean.head_name, clean.phone
    s.flush()
    new = _detail(unit)
    if old is None:
        record_audit(s, now, actor, "org_unit_create", "org_unit", unit.id, new)
        return unit
    changed = tree_order.changed_fields(old, new, unchanged_ok)
    if changed:
        record_audit(s, now, actor, "org_unit_move" if "parent" in changed else "org_unit_update",
                     "org_unit", unit.id, {"fields": changed})  # fmt: skip
    return unit


@user_input
def shift_unit(ctx: ServiceContext, actor: Actor, unit_id: int, step: int) -> None:
    """Move a unit one place up (``step`` -1) or down (+1) among its siblings."""
    require(actor.roles, ORG_ADMIN_ROLES, "维护组织机构")
    now = ctx.now()
    with ctx.uow.write() as uow:
        unit = _unit(uow.session, unit_id)
        tree_order.shift_audited(
            uow.session, now, actor, unit, step, "org_unit_reorder", "org_unit"
        )
        uow.commit()


def _active_users(s: Session, unit_id: int) -> int:
    query = select(func.count()).select_from(User).where(User.org_unit_id == unit_id, User.active)
    return int(s.scalar(query) or 0)


def _deactivation_refusal(s: Session, unit: OrgUnit) -> str | None:
    if unit.kind == OrgKind.OFFICE:
        return Msg("办公室承担受理和督办，不能停用")
    children = s.scalar(select(func.count()).select_from(OrgUnit)
                        .where(OrgUnit.parent_id == unit.id, OrgUnit.active))  # fmt: skip
    if children:
        return Msg("“{name}”下还有 {n} 个在用的直属单位，请先停用或移走它们",
                   name=unit.name, n=children)  # fmt: skip
    open_cases = _case_counts(s, open_only=True).get(unit.id, 0)
    if open_cases:
        return Msg("“{name}”还有 {n} 件未办结的办件，请先改派或办结后再停用",
                   name=unit.name, n=open_cases)  # fmt: skip
    users = _active_users(s, unit.id)
    if users:
        return Msg("“{name}”还有 {n} 个在用账号，请先调整其所属部门或停用账号",
                   name=unit.name, n=users)  # fmt: skip
    topics = s.scalar(select(func.count()).select_from(Topic)
                      .where(Topic.lead_unit_id == unit.id, Topic.active))  # fmt: skip
    if topics:
        return Msg("派单目录中有 {n} 个事项以“{name}”为默认主办科室，请先改为其他科室",
                   name=unit.name, n=topics)  # fmt: skip
    return None


@user_input
def set_unit_active(ctx: ServiceContext, actor: Actor, unit_id: int, active: bool) -> UnitRow:
    """Deactivate a unit (no longer offered for routing, its past cases keep it) — refused
    while it still has open cases, active accounts, active units under it or topics it leads —
    or reactivate one (under an active parent)."""
    require(actor.roles, ORG_ADMIN_ROLES, "维护组织机构")
    now = ctx.now()
    with ctx.uow.write() as uow:
        s = uow.session
        unit = _unit(s, unit_id)
        if unit.active == active:
            raise ConflictError("该单位已经是启用状态" if active else "该单位已经停用")
        if not active and (refusal := _deactivation_refusal(s, unit)):
            raise ConflictError(refusal)
        if active and unit.parent_id is not None and not _unit(s, unit.parent_id).active:
            raise ConflictError("上级单位已停用，请先启用上级单位")
        unit.active = active
        record_audit(s, now, actor, "org_unit_enable" if active else "org_unit_disable",
                     "org_unit", unit.id, {"name": unit.name})  # fmt: skip
        row = _row(s, unit.id)
        uow.commit()
        return row


@user_input
def delete_unit(ctx: ServiceContext, actor: Actor, unit_id: int) -> None:
    """Delete a unit entered by mistake: only one nothing refers to — no case, account, unit
    under it or 派单目录 entry; the refusal says how many (deactivate it instead)."""
    require(actor.roles, ORG_ADMIN_ROLES, "维护组织机构")
    now = ctx.now()
    with ctx.uow.write() as uow:
        s = uow.session
        unit = _unit(s, unit_id)
        cases = _case_counts(s).get(unit.id, 0)
        users = int(s.scalar(select(func.count()).select_from(User)
                             .where(User.org_unit_id == unit.id)) or 0)  # fmt: skip
        if cases or users:
            raise ConflictError(Msg(
                "“{name}”有 {cases} 件办件、{users} 个账号，不能删除（可改为停用）",
                name=unit.name, cases=cases, users=users))  # fmt: skip
        children = s.scalar(select(func.count()).select_from(OrgUnit)
                            .where(OrgUnit.parent_id == unit.id))  # fmt: skip
        topics = s.scalar(select(func.count(func.distinct(Topic.id))).select_from(Topic)
                          .outerjoin(TopicAssistUnit, TopicAssistUnit.topic_id == Topic.id)
                          .where(or_(Topic.lead_unit_id == unit.id,
                                     TopicAssistUnit.org_unit_id == unit.id)))  # fmt: skip
        if children or topics:
            raise ConflictError(Msg(
                "“{name}”下有 {children} 个单位，派单目录有 {topics} 个事项用到它，不能删除",
                name=unit.name, children=children or 0, topics=topics or 0))  # fmt: skip
        detail = _detail(unit)
        s.delete(unit)
        s.flush()
        record_audit(s, now, actor, "org_unit_delete", "org_unit", unit_id, detail)
        uow.commit()
