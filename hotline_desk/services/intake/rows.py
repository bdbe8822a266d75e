"""One platform row as the case it becomes: its ``CaseInput`` (checked by the same boundary
rules and the same validation as a case typed at the registration form), its topic found in the
派单目录, the digest that tells an unchanged row on the next import, and what changed against the
case already registered from it."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from json.encoder import encode_basestring as _quoted  # json.dumps' own (C) quoting

from hotline_desk.domain.enums.intake import Category, Channel, Urgency
from hotline_desk.domain.errors import ValidationError
from hotline_desk.domain.platform_columns import (
    ANONYMOUS_NAMES,
    CATEGORY_WORDS,
    FIELDS,
    URGENCY_WORDS,
    PlatformRow,
    full_content,
)
from hotline_desk.domain.validation import FIELD_LABELS, CaseInput, validate_case_input
from hotline_desk.services.boundary import check_value
from hotline_desk.services.cases.phones import normalise_cn_phone
from hotline_desk.services.dto import TopicInfo

COMPARED = (
    "received_at",
    "caller_name",
    "caller_phone",
    "caller_address",
    "anonymous",
    "confidential",
    "publish_consent",
    "category",
    "urgency",
    "title",
    "content",
)
"""The case's fields a platform row sets (and a later version of the row may change)."""
PLATFORM_OWNED = ("external_deadline", "platform_dispatched_at")
"""Fields only the platform sets: updated even once the desk has dispatched the case."""
LABELS: dict[str, str] = {
    **{k: str(v) for k, v in FIELD_LABELS.items()},
    "anonymous": "匿名",
    "confidential": "是否保密",
    "publish_consent": "是否同意公开",
    "external_deadline": "平台截止时间",
    "platform_dispatched_at": "市派单时间",
}


@dataclass(frozen=True)
class Prepared:
    """A row ready to register, or the problems that refuse it (by field, in Chinese)."""

    data: CaseInput | None
    external_deadline: datetime | None
    dispatched_at: datetime | None
    fingerprint: str
    problems: dict[str, str]


_SEPARATORS = re.compile(r"[/>\-—、,,;;\s|]+")


def _split(text: str) -> list[str]:
    return [p for p in _SEPARATORS.split(text) if p]


def match_topic(problem_class: str, title: str, content: str,
                topics: Sequence[TopicInfo]) -> TopicInfo | None:  # fmt: skip
    """The 派单目录 topic for the platform's 问题分类: its most specific part named exactly,
    else a part naming a topic (or named inside one), else the topic whose keywords the row's
    text mentions most."""
    parts = _split(problem_class)
    by_name = {t.name: t for t in topics}
    for part in reversed(parts):
        if part in by_name:
            return by_name[part]
    for part in reversed(parts):
        for t in topics:
            if len(part) >= 2 and (part in t.name or t.name in part):
                return t
    text = f"{problem_class} {title} {content}"
    best, hits = None, 0
    for t in topics:
        n = sum(1 for k in _split(t.keywords) if len(k) >= 2 and k in text)
        if n > hits:
            best, hits = t, n
    return best


_PRINTED = tuple(sorted(f.name for f in fields(CaseInput) if f.name != "topic_id"))
_SLOTS = tuple(
    (f'"{k}": ', k) for k in sorted((*_PRINTED, "external_deadline", "platform_dispatched_at"))
)
"""Each printed field's key as ``json.dumps(…, sort_keys=True)`` writes it, in its order."""


def fingerprint(data: CaseInput, deadline: datetime | None, dispatched: datetime | None) -> str:
    """SHA-256 of ``json.dumps(body, ensure_ascii=False, sort_keys=True)``, ``body`` each
    printed field as text: the same bytes, written here with json's own quoting (an encoder
    walking a dict made for each row was a fifth of the preview's row checks)."""
    values = {**data.__dict__, "external_deadline": deadline, "platform_dispatched_at": dispatched}
    raw = "{" + ", ".join([key + _quoted(str(values[name])) for key, name in _SLOTS]) + "}"
    return hashlib.sha256(raw.encode()).hexdigest()


def prepare(row: PlatformRow, topics: Sequence[TopicInfo], now: datetime) -> Prepared:
    """The row's ``CaseInput`` through the boundary checks and ``validate_case_input``."""
    v, problems = row.values, dict(row.problems)
    name = v.get("caller_name", "")
    anonymous = name in ANONYMOUS_NAMES
    topic = match_topic(v.get("problem_class", ""), v.get("title", ""), v.get("content", ""),
                        topics)  # fmt: skip
    received = row.times.get("received_at") or row.times.get("dispatched_at")
    data = CaseInput(
        channel=Channel.PLATFORM.value,
        received_at=received,
        caller_name="" if anonymous else name,
        caller_phone=v.get("caller_phone", ""),
        title=v.get("title", ""),
        content=full_content(row),
        category=CATEGORY_WORDS.get(v.get("order_type", ""), CATEGORY_WORDS[""]).value,
        topic_id=topic.id if topic else None,
        urgency=URGENCY_WORDS.get(v.get("urgency", ""), URGENCY_WORDS[""]).value,
        caller_address=v.get("caller_address", ""),
        platform_ref=v.get("platform_ref", ""),
        anonymous=anonymous,
        confidential=row.flags.get("confidential", False),
        publish_consent=row.flags.get("publish_consent", False),
    )
    data, text_problems = check_value(data)
    for field, problem in text_problems.items():
        problems.setdefault(field, str(problem))
    clean: CaseInput | None = None
    if not text_problems:
        try:
            clean = validate_case_input(data, now, normalise_cn_phone)
        except ValidationError as exc:
            for field, problem in exc.field_errors.items():
                problems.setdefault(field, _explain(field, str(problem), v, topics))
    deadline, dispatched = row.times.get("external_deadline"), row.times.get("dispatched_at")
    if problems:
        return Prepared(None, deadline, dispatched, "", problems)
    assert clean is not None
    return Prepared(clean, deadline, dispatched, fingerprint(clean, deadline, dispatched), {})


def _explain(field: str, problem: str, values: dict[str, str], topics: Sequence[TopicInfo]) -> str:
    """The registration form's message, said the way a file's row needs it."""
    if field == "topic_id":
        names = "、".join(t.name for t in topics[:30])
        return (f"问题分类“{values.get('problem_class', '')}”在派单目录中找不到对应的事项分类；"
                f"应为派单目录中的事项：{names}")  # fmt: skip
    if field == "received_at" and not values.get("received_at"):
        return "受理时间和市派单时间都为空；应填写日期时间，如 2026-11-18 09:30"
    return problem


def problem_label(field: str) -> str:
    """A problem's field in Chinese (the row's own fields, then the case's)."""
    if field in FIELDS:
        return FIELDS[field]
    return LABELS.get(field, field)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value)


def diff(current: dict[str, object], prepared: Prepared) -> dict[str, tuple[str, str]]:
    """(field label → (now in the desk, on the platform)) for each field the row changes."""
    assert prepared.data is not None
    new = asdict(prepared.data)
    new["external_deadline"] = prepared.external_deadline
    new["platform_dispatched_at"] = prepared.dispatched_at
    out: dict[str, tuple[str, str]] = {}
    for field in (*COMPARED, *PLATFORM_OWNED):
        if current.get(field) != new[field]:
            out[field] = (_shown(field, current.get(field)), _shown(field, new[field]))
    return out


def _shown(field: str, value: object) -> str:
    """A value as the desk shows it: a coded choice by its Chinese label."""
    kind = {"urgency": Urgency, "category": Category}.get(field)
    if kind is not None and value in kind._value2member_map_:
        return kind(value).label
    return _text(value)
