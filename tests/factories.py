"""Builders of valid inputs for tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from hotline_desk.domain.validation import CaseInput
from hotline_desk.services.cases import catalog
from hotline_desk.services.context import ServiceContext


def topic_id(ctx: ServiceContext, name: str = "企业政策") -> int:
    return next(t.id for t in catalog.list_topics(ctx) if t.name == name)


def case_input(ctx: ServiceContext, **overrides: Any) -> CaseInput:
    base = CaseInput(
        channel="hotline",
        received_at=ctx.now() - timedelta(minutes=5),
        caller_name="张三明",
        caller_phone="13812345678",
        caller_address="解放路88号3单元",
        title="咨询中小企业专项资金申报条件",
        content="来电人咨询今年中小企业发展专项资金的申报条件和截止时间。",
        category="consult",
        topic_id=overrides.pop("topic_id") if "topic_id" in overrides else topic_id(ctx),
        urgency="normal",
    )
    return replace(base, **overrides)


def at(y: int, m: int, d: int, h: int = 9, mi: int = 0) -> datetime:
    return datetime(y, m, d, h, mi)
