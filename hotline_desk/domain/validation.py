"""Validation of a case as typed at intake: every problem named by field, in Chinese.

The phone check is passed in (the service layer backs it with ``phonenumbers``) so this
module stays free of third-party imports.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from hotline_desk.domain.enums.intake import Category, Channel, Urgency
from hotline_desk.domain.errors import Msg, ValidationError
from hotline_desk.domain.text_input import as_written, local_naive, time_problem

TITLE_MAX = 100
CONTENT_MAX = 10_000
NAME_MAX = 50
ADDRESS_MAX = 200
PLATFORM_REF_MAX = 40
CLOCK_SKEW = timedelta(minutes=2)
_PLATFORM_REF = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-]*$")

FIELD_LABELS = {
    "channel": Msg("来源渠道"),
    "received_at": Msg("受理时间"),
    "platform_ref": Msg("平台工单号"),
    "caller_name": Msg("来电人/来信人"),
    "caller_phone": Msg("联系电话"),
    "caller_address": Msg("联系地址"),
    "category": Msg("诉求类型"),
    "topic_id": Msg("事项分类"),
    "urgency": Msg("紧急程度"),
    "title": Msg("标题"),
    "content": Msg("诉求内容"),
}

PhoneCheck = Callable[[str], str | None]
"""Returns the normalised number, or None when it is not a valid Chinese number."""


@dataclass(frozen=True)
class CaseInput:
    """What the intake form hands to ``register_case``."""

    channel: str
    received_at: datetime | None
    caller_name: str
    caller_phone: str
    title: str
    content: str
    category: str
    topic_id: int | None
    urgency: str = Urgency.NORMAL.value
    caller_address: str = ""
    platform_ref: str = ""
    anonymous: bool = False
    confidential: bool = False
    publish_consent: bool = False
    important: bool = False


def _check_length(errors: dict[str, str], field: str, value: str, limit: int) -> None:
    if len(value) > limit:
        errors[field] = Msg(
            "{field}最多{limit}个字，现有{count}个字",
            field=FIELD_LABELS[field],
            limit=limit,
            count=len(value),
        )


def validate_case_input(data: CaseInput, now: datetime, phone_check: PhoneCheck) -> CaseInput:
    """Return a cleaned copy of ``data`` or raise ``ValidationError`` listing every bad field.
    The characters of its text are checked at the service boundary (``text_input``)."""
    errors: dict[str, str] = {}
    phone = data.caller_phone.strip()
    normalised = phone_check(phone) if phone else None
    clean = replace(
        data,
        caller_name=data.caller_name.strip(),
        caller_phone=normalised or phone,
        caller_address=data.caller_address.strip(),
        platform_ref=data.platform_ref.strip(),
        title=data.title.strip(),
        content=as_written(data.content),
        received_at=local_naive(data.received_at) if data.received_at is not None else None,
    )
    if clean.channel not in Channel._value2member_map_:
        errors["channel"] = Msg("请选择来源渠道：{choices}", choices=tuple(Channel))
    if clean.category not in Category._value2member_map_:
        errors["category"] = Msg("请选择诉求类型：{choices}", choices=tuple(Category))
    if clean.urgency not in Urgency._value2member_map_:
        errors["urgency"] = Msg("请选择紧急程度：{choices}", choices=tuple(Urgency))
    if clean.topic_id is None:
        errors["topic_id"] = "请选择事项分类（可输入关键字查找）"

    if clean.received_at is None:
        errors["received_at"] = "请填写受理时间"
    else:
        problem = time_problem("受理时间", clean.received_at, now, CLOCK_SKEW.total_seconds())
        if problem is not None:
            errors["received_at"] = problem

    if not clean.anonymous and not clean.caller_name:
        errors["caller_name"] = "请填写来电人/来信人姓名（匿名来电请勾选“匿名”）"
    _check_length(errors, "caller_name", clean.caller_name, NAME_MAX)

    if phone:
        if normalised is None:
            errors["caller_phone"] = (
                "联系电话应为11位手机号（如13812345678）或带区号的固定电话（如0571-87654321）"
            )
    elif not clean.anonymous:
        errors["caller_phone"] = "请填写联系电话，用于答复和回访（匿名来电可不填）"
    _check_length(errors, "caller_address", clean.caller_address, ADDRESS_MAX)

    if clean.platform_ref:
        if len(clean.platform_ref) > PLATFORM_REF_MAX:
            errors["platform_ref"] = Msg("平台工单号最多{limit}个字符", limit=PLATFORM_REF_MAX)
        elif not _PLATFORM_REF.match(clean.platform_ref):
            errors["platform_ref"] = "平台工单号只能包含字母、数字、“-”和“_”"
    elif clean.channel == Channel.PLATFORM.value:
        errors["platform_ref"] = "12345平台转办的办件必须填写平台工单号"

    if not clean.title:
        errors["title"] = "请填写标题（一句话概括诉求）"
    _check_length(errors, "title", clean.title, TITLE_MAX)
    if not clean.content:
        errors["content"] = "请填写诉求内容"
    _check_length(errors, "content", clean.content, CONTENT_MAX)

    if errors:
        raise ValidationError(errors)
    return clean
