"""Routing rules (分级转办) and reply templates: pure checks on plain values."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from hotline_desk.domain.enums.handling import Tier
from hotline_desk.domain.enums.org import OrgKind
from hotline_desk.domain.errors import Msg, msg

OPINION_MAX = 2000
REASON_MAX = 500
TEXT_MAX = 5000


@dataclass(frozen=True)
class Unit:
    id: int
    name: str
    kind: str
    parent_id: int | None
    active: bool = True


def route_errors(
    tier: int,
    lead_unit_id: int | None,
    assist_unit_ids: Sequence[int],
    handling_unit_id: int | None,
    opinion: str,
    units: Mapping[int, Unit],
    *,
    allow_direct: bool = True,
    reason: str | None = None,
) -> dict[str, str]:
    """Field errors (empty when the routing is valid). ``reason`` is checked when not None."""
    errors: dict[str, str] = {}
    if tier not in set(Tier):
        errors["tier"] = "办理层级只能是 直办、转办科室 或 交办直属单位"
    elif tier == Tier.DIRECT and not allow_direct:
        errors["tier"] = "改派只能转办科室或交办直属单位"
    lead = units.get(lead_unit_id) if lead_unit_id is not None else None
    routed = tier in (Tier.SECTION, Tier.UNIT)
    if routed and (lead is None or lead.kind != OrgKind.SECTION or not lead.active):
        errors["lead_unit_id"] = "请选择主办科室（必须是本局在用的科室）"
    if tier == Tier.UNIT:
        unit = units.get(handling_unit_id) if handling_unit_id is not None else None
        if unit is None or unit.kind != OrgKind.UNIT or not unit.active:
            errors["handling_unit_id"] = "交办须选择一个直属单位"
        elif lead is not None and unit.parent_id != lead.id:
            errors["handling_unit_id"] = Msg(
                "{unit}不归{lead}管理，请选择其主管科室为主办", unit=unit.name, lead=lead.name
            )
    seen: set[int] = set()
    for uid in assist_unit_ids:
        assist = units.get(uid)
        if assist is None or assist.kind != OrgKind.SECTION or not assist.active:
            errors["assist_unit_ids"] = "协办单位只能选择本局在用的科室"
        elif tier in (Tier.SECTION, Tier.UNIT) and uid == lead_unit_id:
            errors["assist_unit_ids"] = Msg("{unit}已是主办科室，不能同时协办", unit=assist.name)
        elif uid in seen:
            errors["assist_unit_ids"] = "协办科室重复"
        seen.add(uid)
    if len(opinion) > OPINION_MAX:
        errors["opinion"] = Msg(
            "拟办意见最多{limit}个字，现有{count}个字", limit=OPINION_MAX, count=len(opinion)
        )
    if reason is not None:
        if not reason.strip():
            errors["reason"] = "请填写改派原因"
        elif len(reason) > REASON_MAX:
            errors["reason"] = Msg("原因最多{limit}个字", limit=REASON_MAX)
    return errors


def text_error(label: str, text: str, limit: int = TEXT_MAX, required: bool = True) -> str | None:
    """The message for a free-text field, or None when it is fine. ``label`` is the field's
    Chinese name, a template of its own (``tools/domain_messages.py`` finds it here)."""
    if required and not text.strip():
        return Msg("请填写{field}", field=msg(label))
    if len(text) > limit:
        return Msg(
            "{field}最多{limit}个字，现有{count}个字",
            field=msg(label),
            limit=limit,
            count=len(text),
        )
    return None


def salutation(caller_name: str, anonymous: bool, confidential: bool) -> str:
    """来电人称呼: the surname with 先生/女士, or 市民朋友 when the name is not to be used."""
    name = caller_name.strip()
    if anonymous or confidential or not name:
        return "尊敬的市民朋友"
    return f"尊敬的{name[0]}先生/女士"


_FIELD = re.compile(r"\{([^{}\s]{1,12})\}")


def render_template(body: str, values: Mapping[str, str]) -> str:
    """Fill ``{字段}`` placeholders; unknown ones stay as written so the handler sees them."""
    return _FIELD.sub(lambda m: values.get(m.group(1), m.group(0)), body)


def template_values(
    *,
    case_no: str,
    title: str,
    received_at: datetime,
    unit_name: str,
    caller_name: str,
    anonymous: bool,
    confidential: bool,
) -> dict[str, str]:
    return {
        "来电人称呼": salutation(caller_name, anonymous, confidential),
        "办件编号": case_no,
        "标题": title,
        "受理日期": f"{received_at:%Y年%m月%d日}",
        "办理单位": unit_name,
    }


TEMPLATE_FIELDS = ("来电人称呼", "办件编号", "受理日期", "标题", "办理单位")


_KEYWORD_SPLIT = re.compile(r"[\s,，、;；]+")


def keyword_list(text: str) -> list[str]:
    """A topic's keywords as typed (spaces, commas or 、 between them), each once, in order."""
    return list(dict.fromkeys(w for w in _KEYWORD_SPLIT.split(text.strip()) if w))


@lru_cache(maxsize=512)
def _matchable(keywords: str) -> tuple[str, ...]:
    return tuple(w for w in keyword_list(keywords) if len(w) >= 2)


def keyword_hits(text: str, keywords: str) -> list[str]:
    """The keywords of a topic (two characters or more: one character matches too much) that
    occur in ``text`` (a topic's list is split once and kept: every suggestion reads them)."""
    return [w for w in _matchable(keywords) if w in text]
