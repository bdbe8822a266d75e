"""派单目录: the system administrator keeps the tree of 事项分类 — code, name, default lead
section (主办), default assisting sections (协办), keywords that feed the routing suggestion
(``lifecycle.routing_suggest``) and the intake's topic search, the 诉求类型 whose time limits a
case of the topic takes when the clerk chose none, order, and deactivation.

A deactivated topic is no longer offered at intake (``cases.catalog.list_topics`` lists active
ones); cases filed under it keep it. Codes are unique. Each write is one transaction with its
audit row; the unit of work announces the change (``ORG``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hotline_desk.domain.enums.intake import Category
from hotline_desk.domain.enums.org import OrgKind
from hotline_desk.domain.errors import ConflictError, Msg, NotFound, ValidationError
from hotline_desk.domain.permissions import ORG_ADMIN_ROLES, require
from hotline_desk.domain.routing import keyword_list
from hotline_desk.services.admin import tree_order
from hotline_desk.services.admin.org import CODE
from hotline_desk.services.audit import record_audit
from hotline_desk.services.boundary import signed_in, user_input
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.store.models import Case, OrgUnit, Topic, TopicAssistUnit

KEYWORDS_MAX = 400
KEYWORD_MAX = 20


@dataclass(frozen=True)
class TopicInput:
    """What the 派单目录 form hands over (``parent_id`` None: the top level)."""

    code: str
    name: str
    parent_id: int | None
    lead_unit_id: int | None
    assist_unit_ids: tuple[int, ...] = ()
    keywords: str = ""
    limit_category: str | None = None


@dataclass(frozen=True)
class TopicRow:
    id: int
    code: str
    name: str
    parent_id: int | None
    lead_unit_id: int | None
    lead_unit_name: str
    assist_unit_ids: tuple[int, ...]
    keywords: str
    limit_category: str | None
    sort_order: int
    active: bool
    cases: int


def _rows(s: Session) -> list[TopicRow]:
    names = dict(s.execute(select(OrgUnit.id, OrgUnit.name)).all())
    assists: dict[int, list[int]] = {}
    for topic_id, unit_id in s.execute(
        select(TopicAssistUnit.topic_id, TopicAssistUnit.org_unit_id).order_by(
            TopicAssistUnit.org_unit_id
        )
    ):
        assists.setdefault(topic_id, []).append(unit_id)
    cases = dict(s.execute(select(Case.topic_id, func.count()).group_by(Case.topic_id)).all())
    topics = s.execute(select(Topic).order_by(Topic.sort_order, Topic.id)).scalars()
    return [
        TopicRow(t.id, t.code, t.name, t.parent_id, t.lead_unit_id,
                 names.get(t.lead_unit_id, "") if t.lead_unit_id else "",
                 tuple(assists.get(t.id, ())), t.keywords or "", t.limit_category,
                 t.sort_order, t.active, int(cases.get(t.id, 0)))
        for t in topics
    ]  # fmt: skip


@signed_in
def list_catalogue(ctx: ServiceContext, actor: Actor) -> list[TopicRow]:
    """Every topic, active or not, in display order."""
    require(actor.roles, ORG_ADMIN_ROLES, "维护派单目录")
    with ctx.uow.read() as uow:
        return _rows(uow.session)


def _topic(s: Session, topic_id: int) -> Topic:
    topic = s.get(Topic, topic_id)
    if topic is None:
        raise NotFound("事项分类不存在")
    return topic


def _check(s: Session, topic_id: int | None, data: TopicInput) -> TopicInput:
    """The input cleaned (keywords one space apart, each once), or a ValidationError."""
    words = keyword_list(data.keywords)
    data = TopicInput(data.code.strip().upper(), data.name.strip(), data.parent_id,
                      data.lead_unit_id, tuple(dict.fromkeys(data.assist_unit_ids)),
                      " ".join(words), data.limit_category or None)  # fmt: skip
    errors: dict[str, str] = {}
    if not CODE.match(data.code):
        errors["code"] = Msg("代码须以字母开头，由 2–32 位大写字母、数字或下划线组成")
    elif s.scalar(select(Topic.id).where(Topic.code == data.code, Topic.id != (topic_id or 0))):
        errors["code"] = Msg("代码 {code} 已被其他事项使用", code=data.code)
    if not data.name or len(data.name) > 64:
        errors["name"] = Msg("请填写名称（最多 64 个字）")
    if data.parent_id is not None:
        parent = s.get(Topic, data.parent_id)
        if parent is None:
            errors["parent_id"] = Msg("上级事项不存在")
        elif topic_id is not None and (
            parent.id == topic_id or parent.id in tree_order.descendants(s, Topic, topic_id)
        ):
            errors["parent_id"] = Msg("不能把事项移到它自己或它的下级之下")
    routable = {u.id: u for u in s.execute(select(OrgUnit).where(OrgUnit.active)).scalars()
                if u.kind != OrgKind.OFFICE}  # fmt: skip
    if data.lead_unit_id is not None and data.lead_unit_id not in routable:
        errors["lead_unit_id"] = Msg("默认主办须为在用的科室或直属单位")
    if any(u not in routable for u in data.assist_unit_ids):
        errors["assist_unit_ids"] = Msg("协办单位须为在用的科室或直属单位")
    elif data.lead_unit_id in data.assist_unit_ids:
        errors["assist_unit_ids"] = Msg("默认主办科室不必再列为协办")
    too_long = [w for w in words if len(w) > KEYWORD_MAX]
    if too_long:
        errors["keywords"] = Msg("关键词每个最多 {n} 个字：{words}", n=KEYWORD_MAX,
                                 words=tuple(too_long))  # fmt: skip
    elif len(data.keywords) > KEYWORDS_MAX:
        errors["keywords"] = Msg("关键词合计最多 {n} 个字", n=KEYWORDS_MAX)
    if data.limit_category is not None and data.limit_category not in {c.value for c in Category}:
        errors["limit_category"] = Msg("请选择诉求类型（或“由登记员选择”）")
    if errors:
        raise ValidationError(errors)
    return data


def _detail(t: Topic, assists: tuple[int, ...]) -> dict[str, Any]:
    return {"code": t.code, "name": t.name, "parent": t.parent_id, "lead": t.lead_unit_id,
            "assist": list(assists), "keywords": t.keywords or "",
            "limit_category": t.limit_category}  # fmt: skip


def _assists(s: Session, topic_id: int) -> tuple[int, ...]:
    query = select(TopicAssistUnit.org_unit_id).where(TopicAssistUnit.topic_id == topic_id)
    return tuple(sorted(s.execute(query).scalars()))


@user_input
def save_topic(
    ctx: ServiceContext, actor: Actor, topic_id: int | None, data: TopicInput
) -> TopicRow:
    """Add a topic (``topic_id`` None, placed last under its parent) or change one."""
    require(actor.roles, ORG_ADMIN_ROLES, "维护派单目录")
    with ctx.uow.write() as uow:
        topic = write_topic(uow.session, ctx.now(), actor, topic_id, data, unchanged_ok=False)
        row = next(r for r in _rows(uow.session) if r.id == topic.id)
        uow.commit()
        return row


def write_topic(s: Session, now: Any, actor: Actor, topic_id: int | None, data: TopicInput,
                unchanged_ok: bool) -> Topic:  # fmt: skip
    """``save_topic`` inside the caller's transaction (the first-run assistant saves a whole
    table in one); an unchanged topic is refused unless ``unchanged_ok``."""
    topic = _topic(s, topic_id) if topic_id is not None else None
    clean = _check(s, topic_id, data)
    old = _detail(topic, _assists(s, topic.id)) if topic is not None else None
    if topic is None:
        topic = Topic(active=True, sort_order=tree_order.next_place(s, Topic, clean.parent_id))
        s.add(topic)
    elif topic.parent_id != clean.parent_id:
        topic.sort_order = tree_order.next_place(s, Topic, clean.parent_id)
    topic.code, topic.name, topic.parent_id = clean.code, clean.name, clean.parent_id
    topic.lead_unit_id, topic.keywords = clean.lead_unit_id, clean.keywords
    topic.limit_category = clean.limit_category
    s.flush()
    assists = tuple(sorted(clean.assist_unit_ids))
    if old is None or tuple(old["assist"]) != assists:
        query = select(TopicAssistUnit).where(TopicAssistUnit.topic_id == topic.id)
        for row in s.execute(query).scalars():
            s.delete(row)
        s.flush()
        s.add_all(TopicAssistUnit(topic_id=topic.id, org_unit_id=u) for u in assists)
        s.flush()
    new = _detail(topic, assists)
    if old is None:
        record_audit(s, now, actor, "topic_create", "topic", topic.id, new)
        return topic
    changed = tree_order.changed_fields(old, new, unchanged_ok)
    if changed:
        record_audit(s, now, actor, "topic_update", "topic", topic.id, {"fields": changed})
    return topic


@user_input
def shift_topic(ctx: ServiceContext, actor: Actor, topic_id: int, step: int) -> None:
    """Move a topic one place up (``step`` -1) or down (+1) among its siblings."""
    require(actor.roles, ORG_ADMIN_ROLES, "维护派单目录")
    now = ctx.now()
    with ctx.uow.write() as uow:
        topic = _topic(uow.session, topic_id)
        tree_order.shift_audited(uow.session, now, actor, topic, step, "topic_reorder", "topic")
        uow.commit()


@user_input
def set_topic_active(ctx: ServiceContext, actor: Actor, topic_id: int, active: bool) -> None:
    """Deactivate a topic (with the topics under it still active: refused) or reactivate it.
    Its cases keep it either way."""
    require(actor.roles, ORG_ADMIN_ROLES, "维护派单目录")
    now = ctx.now()
    with ctx.uow.write() as uow:
        s = uow.session
        topic = _topic(s, topic_id)
        if topic.active == active:
            raise ConflictError("该事项已经是启用状态" if active else "该事项已经停用")
        if not active:
            below = s.scalar(select(func.count()).select_from(Topic)
                             .where(Topic.parent_id == topic.id, Topic.active))  # fmt: skip
            if below:
                raise ConflictError(Msg("“{name}”下还有 {n} 个在用的事项，请先停用它们",
                                        name=topic.name, n=below))  # fmt: skip
        elif topic.parent_id is not None and not _topic(s, topic.parent_id).active:
            raise ConflictError("上级事项已停用，请先启用上级事项")
        topic.active = active
        record_audit(s, now, actor, "topic_enable" if active else "topic_disable", "topic",
                     topic.id, {"name": topic.name})  # fmt: skip
        uow.commit()
