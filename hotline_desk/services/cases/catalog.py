"""Reference data the forms need: org units (科室/直属单位) and the 派单目录 topics."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import aliased

from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import OrgUnitInfo, TopicInfo
from hotline_desk.store.models import OrgUnit, Topic


def list_org_units(ctx: ServiceContext) -> list[OrgUnitInfo]:
    with ctx.uow.read() as uow:
        rows = uow.session.execute(
            select(OrgUnit).where(OrgUnit.active).order_by(OrgUnit.sort_order, OrgUnit.id)
        ).scalars()
        return [OrgUnitInfo(u.id, u.code, u.name, u.kind, u.parent_id) for u in rows]


def list_topics(ctx: ServiceContext) -> list[TopicInfo]:
    lead = aliased(OrgUnit)
    with ctx.uow.read() as uow:
        rows = uow.session.execute(
            select(Topic, lead.name)
            .outerjoin(lead, lead.id == Topic.lead_unit_id)
            .where(Topic.active)
            .order_by(Topic.sort_order, Topic.id)
        ).all()
        return [
            TopicInfo(
                t.id, t.code, t.name, t.lead_unit_id, lead_name or "", t.keywords, t.limit_category
            )  # fmt: skip
            for t, lead_name in rows
        ]
