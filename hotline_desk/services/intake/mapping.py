"""The column mapping a desk saved for one source of platform exports (header → field).

Kept as an office setting ``platform_mapping:<source>`` (JSON: header → field key, ``""`` for
a column read and ignored), so every workstation of the office uses the same mapping. Saving it
is one transaction with its audit row."""

from __future__ import annotations

import json

from sqlalchemy import select

from hotline_desk.domain.errors import Msg, ValidationError
from hotline_desk.domain.permissions import REGISTER_ROLES, require
from hotline_desk.domain.platform_columns import FIELDS, header_key
from hotline_desk.services.audit import record_audit
from hotline_desk.services.boundary import user_input
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.store.models import OfficeSetting

PREFIX = "platform_mapping:"
SOURCE_MAX = 40
DEFAULT_SOURCE = "12345平台"


def _key(source: str) -> str:
    return PREFIX + (source.strip() or DEFAULT_SOURCE)


@user_input
def load_mapping(ctx: ServiceContext, actor: Actor, name: str = DEFAULT_SOURCE) -> dict[str, str]:
    """The saved mapping of source ``name`` (empty when none was saved)."""
    require(actor.roles, REGISTER_ROLES, "导入平台工单")
    with ctx.uow.read() as uow:
        value = uow.session.execute(
            select(OfficeSetting.value).where(OfficeSetting.key == _key(name))
        ).scalar_one_or_none()
    data = json.loads(value) if value else {}
    return {str(k): str(v) for k, v in data.items() if v in FIELDS or v == ""}


@user_input
def list_sources(ctx: ServiceContext, actor: Actor) -> list[str]:
    """The sources that have a saved mapping, by name."""
    require(actor.roles, REGISTER_ROLES, "导入平台工单")
    with ctx.uow.read() as uow:
        keys = uow.session.execute(
            select(OfficeSetting.key).where(OfficeSetting.key.startswith(PREFIX))
        ).scalars()
        return sorted(k.removeprefix(PREFIX) for k in keys)


@user_input
def save_mapping(
    ctx: ServiceContext, actor: Actor, name: str, values: dict[str, str]
) -> dict[str, str]:
    """Save (replace) source ``name``'s mapping; every field must be one of ``FIELDS`` or ``""``."""
    require(actor.roles, REGISTER_ROLES, "保存平台列映射")
    source = name.strip() or DEFAULT_SOURCE
    if len(source) > SOURCE_MAX:
        raise ValidationError({"name": Msg("来源名称最多{limit}个字", limit=SOURCE_MAX)})
    bad = sorted(v for v in values.values() if v not in FIELDS and v != "")
    if bad:
        raise ValidationError({"values": Msg("未知的字段：{fields}", fields="、".join(bad))})
    clean = {header_key(k): v for k, v in values.items() if header_key(k)}
    now = ctx.now()
    with ctx.uow.write() as uow:
        s = uow.session
        row = s.get(OfficeSetting, _key(source))
        text = json.dumps(clean, ensure_ascii=False, sort_keys=True)
        if row is None:
            s.add(OfficeSetting(key=_key(source), value=text, updated_at=now,
                                updated_by=actor.user_id))  # fmt: skip
        else:
            row.value, row.updated_at, row.updated_by = text, now, actor.user_id
        record_audit(s, now, actor, "platform_mapping_save", "setting", _key(source),
                     {"columns": len(clean)})  # fmt: skip
        uow.commit()
    return clean
