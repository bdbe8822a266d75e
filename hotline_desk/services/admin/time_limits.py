"""The time-limit table (DESIGN.md §4) for the 系统管理员: list, add, change and switch off rules,
and apply a changed policy to the open cases when the admin chooses to (deadlines are otherwise
kept as they were stored when each clock started)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select

from hotline_desk.domain.deadlines import MAX_AMOUNT, limit_text
from hotline_desk.domain.enums.handling import EventKind
from hotline_desk.domain.enums.intake import Category, Channel, Urgency
from hotline_desk.domain.enums.org import Role
from hotline_desk.domain.enums.supervision import Clock, LimitUnit
from hotline_desk.domain.errors import Msg, ValidationError
from hotline_desk.domain.permissions import require
from hotline_desk.services.admin import office
from hotline_desk.services.audit import record_audit
from hotline_desk.services.boundary import signed_in, user_input
from hotline_desk.services.context import ServiceContext, Token
from hotline_desk.services.dto import Actor
from hotline_desk.services.supervision import clocks as deadlines
from hotline_desk.store.models import Case, CaseEvent
from hotline_desk.store.models.deadlines import TimeLimit

ADMIN = frozenset({Role.SYS_ADMIN})


@dataclass(frozen=True)
class LimitInfo:
    id: int
    clock: str
    urgency: str | None
    category: str | None
    channel: str | None
    amount: int
    unit: str
    active: bool

    @property
    def text(self) -> str:
        return limit_text(self.amount, self.unit)


@dataclass(frozen=True)
class LimitInput:
    clock: str
    urgency: str | None
    category: str | None
    channel: str | None
    amount: int
    unit: str
    active: bool = True


def _info(t: TimeLimit) -> LimitInfo:
    return LimitInfo(t.id, t.clock, t.urgency, t.category, t.channel, t.amount, t.unit, t.active)


def list_limits(ctx: ServiceContext, include_inactive: bool = True) -> list[LimitInfo]:
    """The rules in the order people read them: by clock (签收, 答复, 重办, 回访), then the
    general rule before the specific ones."""
    with ctx.uow.read() as uow:
        query = select(TimeLimit).order_by(TimeLimit.id)
        if not include_inactive:
            query = query.where(TimeLimit.active)
        rows = [_info(t) for t in uow.session.execute(query).scalars()]
    clocks = [c.value for c in Clock]
    order = {u.value: i for i, u in enumerate(Urgency)}
    return sorted(rows, key=lambda r: (
        clocks.index(r.clock) if r.clock in clocks else len(clocks),
        (r.urgency, r.category, r.channel).count(None) * -1, order.get(r.urgency or "", -1),
        r.id,
    ))  # fmt: skip


def _validate(data: LimitInput) -> None:
    errors: dict[str, str] = {}
    for field, value, enum, label in (
        ("clock", data.clock, Clock, Msg("时限类型")),
        ("urgency", data.urgency, Urgency, Msg("紧急程度")),
        ("category", data.category, Category, Msg("诉求类型")),
        ("channel", data.channel, Channel, Msg("来源渠道")),
        ("unit", data.unit, LimitUnit, Msg("单位")),
    ):
        required = field in ("clock", "unit")
        if (value is None and required) or (
            value is not None and value not in {e.value for e in enum}
        ):
            errors[field] = (
                Msg("请选择{field}", field=label) if required
                else Msg("请选择{field}（或“不限”）", field=label)
            )  # fmt: skip
    if data.unit in MAX_AMOUNT:
        most = MAX_AMOUNT[LimitUnit(data.unit)]
        if not 1 <= data.amount <= most:
            errors["amount"] = Msg("时限须为 1–{most}{unit}", most=most, unit=LimitUnit(data.unit))
    if errors:
        raise ValidationError(errors)


@user_input
def save_limit(
    ctx: ServiceContext, actor: Actor, limit_id: int | None, data: LimitInput
) -> LimitInfo:
    """Add (``limit_id`` None) or change a rule; two active rules with the same keys are refused."""
    require(actor.roles, ADMIN, "维护时限设置")
    _validate(data)
    now = ctx.now()
    with ctx.uow.write() as uow:
        s = uow.session
        same = select(TimeLimit.id).where(
            TimeLimit.clock == data.clock,
            TimeLimit.active,
            *[
                (col.is_(None) if v is None else col == v)
                for col, v in (
                    (TimeLimit.urgency, data.urgency),
                    (TimeLimit.category, data.category),
                    (TimeLimit.channel, data.channel),
                )
            ],
        )
        if limit_id is not None:
            same = same.where(TimeLimit.id != limit_id)
        if data.active and s.execute(same.limit(1)).first() is not None:
            raise ValidationError({"clock": "已有一条相同条件的有效时限规则，请修改那一条"})
        if limit_id is None:
            row = TimeLimit()
            s.add(row)
        else:
            found = s.get(TimeLimit, limit_id)
            if found is None:
                raise ValidationError({"clock": "时限规则不存在"})
            row = found
        old = _info(row) if limit_id is not None else None
        for name in ("clock", "urgency", "category", "channel", "amount", "unit", "active"):
            setattr(row, name, getattr(data, name))
        row.updated_at, row.updated_by = now, actor.user_id
        s.flush()
        _check_catch_all(s)
        office.bump(s, office.LIMITS_REVISION, actor.user_id, now)
        record_audit(
            s,
            now,
            actor,
            "time_limit_save",
            "time_limit",
            str(row.id),
            {
                "old": old.text if old else None,
                "new": limit_text(data.amount, data.unit),
                "active": data.active,
            },
        )
        info = _info(row)
        uow.commit()
        return info


def _check_catch_all(s) -> None:  # type: ignore[no-untyped-def]
    """Every clock keeps an active rule for any case, so no case is ever without a deadline."""
    for clock in Clock:
        n = s.execute(
            select(func.count())
            .select_from(TimeLimit)
            .where(
                TimeLimit.clock == clock.value,
                TimeLimit.active,
                TimeLimit.urgency.is_(None),
                TimeLimit.category.is_(None),
                TimeLimit.channel.is_(None),
            )
        ).scalar_one()
        if not n:
            raise ValidationError(
                {
                    "active": Msg(
                        "“{clock}”时限须保留一条不限条件的通用规则，不能停用或改窄", clock=clock
                    )
                }  # fmt: skip
            )


def open_cases_with_clocks(ctx: ServiceContext) -> int:
    with ctx.uow.read() as uow:
        return int(
            uow.session.execute(
                select(func.count())
                .select_from(Case)
                .where(Case.status.in_([x.value for x in deadlines.OPEN_WITH_CLOCKS]))
            ).scalar_one()
        )


@signed_in
def apply_to_open_cases(
    ctx: ServiceContext,
    actor: Actor,
    report: Callable[[int, int], None] | None = None,
    token: Token | None = None,
    batch: int = 500,
) -> int:
    """Recompute the deadlines of every open case under the current rules (approved extensions
    kept), one transaction per batch so a long run can be cancelled between batches; each
    changed case gets a timeline event. Returns how many cases changed."""
    require(actor.roles, ADMIN, "按新时限重算")
    total = open_cases_with_clocks(ctx)
    done = changed = 0
    last_id = 0
    while True:
        if token is not None:
            token.check()
        now = ctx.now()
        with ctx.uow.write() as uow:
            s = uow.session
            ids = list(
                s.execute(
                    select(Case.id)
                    .where(
                        Case.status.in_([x.value for x in deadlines.OPEN_WITH_CLOCKS]),
                        Case.id > last_id,
                    )
                    .order_by(Case.id)
                    .limit(batch)
                ).scalars()
            )
            if not ids:
                break

            def note(case: Case, at=now, s=s) -> None:  # type: ignore[no-untyped-def]
                s.add(
                    CaseEvent(
                        case_id=case.id,
                        at=at,
                        actor_id=actor.user_id,
                        kind=EventKind.DEADLINES_RECOMPUTED.value,
                        from_status=case.status,
                        to_status=case.status,
                        summary=str(Msg("按调整后的时限规则重算期限")),
                        changes="{}",
                    )
                )

            changed += deadlines.recompute_open_cases(
                s, where=(Case.id.in_(ids),), on_case=note, batch=batch
            )
            record_audit(s, now, actor, "deadlines_recompute", "database", "", {"cases": len(ids)})
            uow.commit()
            last_id = ids[-1]
            done += len(ids)
        if report is not None:
            report(done, total)
    return changed
