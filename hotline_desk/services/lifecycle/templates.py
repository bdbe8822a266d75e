"""Reply templates (答复模板): kept by the 系统管理员 per category, filled in with a case's
fields for the handler's draft."""

from __future__ import annotations

from sqlalchemy import select

from hotline_desk.domain.enums.org import Role
from hotline_desk.domain.errors import PermissionDenied, ValidationError
from hotline_desk.domain.permissions import require
from hotline_desk.domain.routing import render_template, template_values, text_error
from hotline_desk.services.audit import record_audit
from hotline_desk.services.boundary import user_input
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.services.lifecycle.dto import (
    TemplateInfo,
)
from hotline_desk.store.models import (
    OrgUnit,
    ReplyTemplate,
)


def list_templates(ctx: ServiceContext, include_inactive: bool = False) -> list[TemplateInfo]:
    with ctx.uow.read() as uow:
        query = select(ReplyTemplate).order_by(ReplyTemplate.category, ReplyTemplate.id)
        if not include_inactive:
            query = query.where(ReplyTemplate.active)
        return [
            TemplateInfo(t.id, t.category, t.name, t.body, t.active)
            for t in uow.session.execute(query).scalars()
        ]


@user_input
def save_template(
    ctx: ServiceContext, actor: Actor, template_id: int | None, category: str, name: str,
    body: str, active: bool = True,
) -> TemplateInfo:  # fmt: skip
    """Create or change a reply template (系统管理员)."""
    require(actor.roles, frozenset({Role.SYS_ADMIN}), "维护答复模板")
    errors = {
        k: v
        for k, v in (
            ("name", text_error("模板名称", name, 40)),
            ("body", text_error("模板正文", body, 5000)),
        )  # fmt: skip
        if v
    }
    from hotline_desk.domain.enums.intake import Category

    if category not in {c.value for c in Category}:
        errors["category"] = "请选择诉求类型"
    if errors:
        raise ValidationError(errors)
    now = ctx.now()
    with ctx.uow.write() as uow:
        s = uow.session
        if template_id is None:
            t = ReplyTemplate(category=category, name="", body="")
            s.add(t)
        else:
            found = s.get(ReplyTemplate, template_id)
            if found is None:
                raise ValidationError({"name": "模板不存在"})
            t = found
        t.category, t.name, t.body, t.active = category, name.strip(), body, active
        t.updated_at, t.updated_by = now, actor.user_id
        s.flush()
        record_audit(s, now, actor, "template_save", "reply_template", str(t.id))
        info = TemplateInfo(t.id, t.category, t.name, t.body, t.active)
        uow.commit()
        return info


@user_input
def fill_template(ctx: ServiceContext, actor: Actor, case_id: int, template_id: int) -> str:
    """The template's text with the case's fields filled in (for the reply editor); the case's
    title as the user may read it (the template's own text — the bureau's numbers — is kept)."""
    from hotline_desk.services.lifecycle.pipeline import load_visible
    from hotline_desk.services.privacy import shield_case

    with ctx.uow.read() as uow:
        s = uow.session
        case = load_visible(s, actor, case_id)
        template = s.get(ReplyTemplate, template_id)
        if template is None or not template.active:
            raise PermissionDenied("答复模板不存在或已停用")
        unit = s.get(OrgUnit, case.lead_unit_id) if case.lead_unit_id else None
        values = template_values(
            case_no=case.case_no, title=shield_case(actor, case).text(case.title),
            received_at=case.received_at,
            unit_name=unit.name if unit else "", caller_name=case.caller_name,
            anonymous=case.anonymous, confidential=case.confidential,
        )  # fmt: skip
        return render_template(template.body, values)
