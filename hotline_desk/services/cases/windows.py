"""Bounded windows of recent cases, newest first by an index, each with a LIMIT: what the
routing suggestion and the duplicate look-up compare a new case against. Statements are built
once per shape with bound parameters (``topic_id``, ``topic_limit``, ``recent_limit``,
``exclude_id``, ``before_id``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, bindparam, select

from hotline_desk.store.models import Case


def window_filters(
    conditions: Sequence[ColumnElement[bool]], exclude: bool, before: bool
) -> list[ColumnElement[bool]]:
    """``conditions`` plus "not this case" and "registered before it" when asked for."""
    out = list(conditions)
    if exclude:
        out.append(Case.id != bindparam("exclude_id", type_=Integer))
    if before:
        out.append(Case.id < bindparam("before_id", type_=Integer))
    return out


def topic_and_recent(
    columns: Sequence[Any], conditions: Sequence[ColumnElement[bool]], with_topic: bool
) -> list[Select[Any]]:
    """The topic's newest cases (index (topic_id, id)) and the newest of all (by id)."""
    statements = []
    if with_topic:
        statements.append(
            select(*columns)
            .where(Case.topic_id == bindparam("topic_id", type_=Integer), *conditions)
            .order_by(Case.topic_id.desc(), Case.id.desc())
            .limit(bindparam("topic_limit", type_=Integer))
        )
    statements.append(
        select(*columns)
        .where(*conditions)
        .order_by(Case.id.desc())
        .limit(bindparam("recent_limit", type_=Integer))
    )
    return statements
