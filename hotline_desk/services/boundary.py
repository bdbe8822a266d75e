"""The service boundary: every value a use case takes from a user passes ``domain.text_input``.

``@user_input`` on a service function checks its arguments before the function runs (and so
before any transaction), whatever door called it: text (also inside input dataclasses, tuples
and setting dicts) is NFC normalised and refused with a Chinese message naming the field when it
carries NUL, control, bidi-override or lone-surrogate characters or is absurdly long; an id that
cannot be a row id is "not found"; any other integer must fit an INTEGER column; a time with a
zone becomes naive local time, and any date must lie in 2000–2199. The field's Chinese name and
whether it may span lines come from ``FIELDS``; rules of one field (its own length limit, the
choices allowed) stay in its service.

A service that takes an ``actor`` also re-checks the session here (one primary-key read:
``services.admin.sessions.check_session``); one without typed values carries ``@signed_in``.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, NamedTuple, TypeVar, cast

from hotline_desk.domain import text_input as rules
from hotline_desk.domain.errors import Msg, NotFound, ValidationError, msg
from hotline_desk.domain.validation import FIELD_LABELS
from hotline_desk.services.admin.sessions import check_session
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor


class Field(NamedTuple):
    label: str
    multi_line: bool = False
    limit: int = rules.TEXT_HARD_MAX


_LINES = {"content", "note", "reason", "basis", "text", "comment", "opinion", "response", "body",
          "words", "value"}  # fmt: skip
FIELDS: dict[str, Field] = {
    **{name: Field(label, name in _LINES) for name, label in FIELD_LABELS.items()},
    "CaseFilter.text": Field("查询内容", limit=rules.SEARCH_MAX),
    "BoardFilter.text": Field("查询内容", limit=rules.SEARCH_MAX),
    "AuditFilter.action": Field("操作", limit=40),
    "case_no": Field("办件编号", limit=rules.SEARCH_MAX),
    "case_nos": Field("办件编号", limit=rules.SEARCH_MAX),
    "note": Field("备注", True),
    "reason": Field("原因", True),
    "basis": Field("退回依据", True),
    "text": Field("内容", True),
    "comment": Field("审核意见", True),
    "opinion": Field("拟办意见", True),
    "response": Field("答复内容", True),
    "body": Field("模板内容", True),
    "words": Field("来电人原话", True),
    "name": Field("名称"),
    "display_name": Field("姓名"),
    "username": Field("用户名"),
    "replied_to": Field("答复对象"),
    "value": Field("设置值", True),
    "fields": Field("草稿内容", True),
    "expected_version": Field("版本号"),
    "seen_event": Field("最近事件"),
    "workdays": Field("延期工作日数"),
    "amount": Field("时限"),
    "tier": Field("层级"),
    "limit": Field("条数"),
    "count": Field("月数"),
    "year": Field("年份"),
    "at": Field("时间"),
    "replied_at": Field("答复时间"),
    "response_due": Field("反馈期限"),
    "day": Field("日期"),
    "received_from": Field("受理日期（起）"),
    "received_to": Field("受理日期（止）"),
    "since": Field("起始时间"),
    "upto": Field("截止时间"),
    # choices and codes (their allowed values are checked by their service)
    "kind": Field("类型"),
    "action": Field("操作"),
    "level": Field("级别"),
    "method": Field("方式"),
    "queue": Field("队列"),
    "fmt": Field("格式"),
    "output": Field("输出方式"),
    "purpose": Field("用途"),
    "clock": Field("时限类别"),
    "unit": Field("时限单位"),
    "outcome": Field("回访结果"),
    "satisfaction": Field("满意度"),
    "statuses": Field("状态"),
    "column": Field("排序列"),
    "roles": Field("角色"),
    "key_name": Field("设置项"),
    "values": Field("设置"),
    "suggestion": Field("建议"),
    "code": Field("动态验证码"),
    "UnitInput.code": Field("代码", limit=32),
    "TopicInput.code": Field("代码", limit=32),
    "UnitLine.code": Field("代码", limit=32),
    "UnitLine.parent_code": Field("上级代码", limit=32),
    "TopicLine.parent_code": Field("上级代码", limit=32),
    "TopicLine.lead_code": Field("默认主办代码", limit=32),
    "TopicLine.assist_codes": Field("协办代码", limit=400),
    "TopicLine.limit_category": Field("时限类别", limit=16),
    "TopicInput.limit_category": Field("时限类别", limit=16),
    "TopicLine.code": Field("代码", limit=32),
    "head_name": Field("负责人", limit=64),
    "phone": Field("联系电话", limit=32),
    "keywords": Field("关键词", limit=400),
    "update_refs": Field("平台工单号", limit=40),
    "secret": Field("密钥"),
}
SESSION_CHECKED = "__session_checked__"
"""Set on a service wrapped by ``user_input`` or ``signed_in`` (a test finds the ones not)."""
SESSION_ONLY = "__session_only__"
"""Set on a ``signed_in`` service: its arguments are not checked as typed input."""
ID_LABELS = {
    "case_id": Field("办件"),
    "master_id": Field("主办件"),
    "other_id": Field("办件"),
    "template_id": Field("模板"),
    "user_id": Field("用户"),
    "order_id": Field("督办单"),
    "handler_id": Field("经办人"),
    "limit_id": Field("时限规则"),
    "unit_id": Field("单位"),
    "topic_id": Field("事项分类"),
    "attachment_id": Field("附件"),
    "parent_id": Field("上级"),
    "head_user_id": Field("负责人账号"),
    "lead_unit_id": Field("主办科室"),
    "assist_unit_id": Field("协办科室"),
}
_NOT_INPUT = {"ctx", "actor", "token", "report", "path", "out", "place", "change", "progress",
              "preview"}  # fmt: skip
"""Not typed by a user: the context, files chosen in a dialog, callbacks, and an import's
``preview`` (built by ``intake.platform_import.preview_import``, which put every row of the
file through ``check_value``)."""
F = TypeVar("F", bound=Callable[..., Any])


@functools.cache
def _field(name: str, owner: str) -> Field:
    """The field's label and limits (remembered: ``FIELDS`` is fixed at import, and a file's
    10,000 rows ask for the same sixteen)."""
    return FIELDS.get(f"{owner}.{name}") or FIELDS.get(name) or Field("输入内容", True)


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind))


def _clean(name: str, value: Any, owner: str, errors: dict[str, str]) -> Any:
    """``value`` as the service may use it; problems go to ``errors`` under ``name``."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, str):
        field = _field(name, owner)
        problem = rules.text_problem(field.label, value, field.multi_line, field.limit)
        if problem is not None:
            errors.setdefault(name, problem)
            return value
        return rules.normalise(value) if type(value) is str else value  # an enum stays itself
    if isinstance(value, int):
        if name.endswith("_id") or name.endswith("_ids"):
            if not rules.id_in_range(value):
                label = ID_LABELS.get(name.removesuffix("s"), Field("记录")).label
                raise NotFound(Msg("{field}不存在", field=msg(label)))
            return value
        problem = rules.int_problem(_field(name, owner).label, value)
        if problem is not None:
            errors.setdefault(name, problem)
        return value
    if isinstance(value, date):
        value = rules.local_naive(value) if isinstance(value, datetime) else value
        problem = rules.day_problem(_field(name, owner).label, value)
        if problem is not None:
            errors.setdefault(name, problem)
        return value
    if type(value) in (tuple, list):  # a named tuple is the code's, not typed
        return type(value)(_clean(name, v, owner, errors) for v in value)
    if isinstance(value, dict):
        return {_clean(name, k, owner, errors): _clean(str(k), v, owner, errors)
                for k, v in value.items()}  # fmt: skip
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        kind = type(value).__name__
        changes: dict[str, Any] = {}
        for name_ in _field_names(type(value)):
            old = getattr(value, name_)
            new = _clean(name_, old, kind, errors)
            if new is not old and new != old:
                changes[name_] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value


def clean_arguments(sig: inspect.Signature, args: tuple[Any, ...], kwargs: dict[str, Any]
                    ) -> inspect.BoundArguments:  # fmt: skip
    """The call's arguments, checked and normalised; raises ``ValidationError`` naming every bad
    field, or ``NotFound`` for an id no row can have."""
    bound = sig.bind(*args, **kwargs)
    errors: dict[str, str] = {}
    for name, value in bound.arguments.items():
        if name not in _NOT_INPUT:
            bound.arguments[name] = _clean(name, value, "", errors)
    if errors:
        raise ValidationError(errors)
    return bound


def check_value(value: Any) -> tuple[Any, dict[str, str]]:
    """``value`` (e.g. a ``CaseInput`` read from a file rather than typed) through the same
    checks as a service's arguments: (the normalised value, the problems by field)."""
    errors: dict[str, str] = {}
    return _clean("", value, "", errors), errors


ENROLMENT_STEP = "_hotline_enrolment_step"


def enrolment_step(func: F) -> F:
    """Mark a service (under ``@signed_in``/``@user_input``) that an administrator who must
    still enrol a second factor may call: the enrolment itself."""
    setattr(func, ENROLMENT_STEP, True)
    return func


def _check_actor(bound: inspect.BoundArguments, func: Callable[..., Any]) -> None:
    """The session re-check (``services.admin.sessions``) when the call has a context and an
    actor."""
    ctx, actor = bound.arguments.get("ctx"), bound.arguments.get("actor")
    if isinstance(ctx, ServiceContext) and isinstance(actor, Actor):
        check_session(ctx, actor, enrolling=getattr(func, ENROLMENT_STEP, False))


def user_input(func: F) -> F:
    """Decorator: check a service's arguments at the boundary (see the module docstring), and
    the actor's session when it takes one."""

    sig = inspect.signature(func)

    @functools.wraps(func)
    def checked(*args: Any, **kwargs: Any) -> Any:
        bound = clean_arguments(sig, args, kwargs)
        _check_actor(bound, func)
        return func(*bound.args, **bound.kwargs)

    setattr(checked, SESSION_CHECKED, True)
    return cast(F, checked)


def signed_in(func: F) -> F:
    """Decorator for a service that takes an actor but no typed values: only the session
    re-check (the account still active, its epoch and roles those of the login)."""

    sig = inspect.signature(func)

    @functools.wraps(func)
    def checked(*args: Any, **kwargs: Any) -> Any:
        _check_actor(sig.bind(*args, **kwargs), func)
        return func(*args, **kwargs)

    setattr(checked, SESSION_CHECKED, True)
    setattr(checked, SESSION_ONLY, True)
    return cast(F, checked)
