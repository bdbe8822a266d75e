"""Two users acting on the same case at once: the second is refused with who did what, and
nothing of theirs is written — on SQLite and PostgreSQL, stale and truly simultaneous."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from hotline_desk.domain.enums.handling import CaseStatus
from hotline_desk.domain.errors import ConflictError
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import CaseDetail
from hotline_desk.services.lifecycle import handling, pipeline, replies, routing
from hotline_desk.services.lifecycle.dto import RouteInput
from hotline_desk.store.models import CaseEvent, ReplyReview
from tests.conftest import MakeActor
from tests.services.test_lifecycle_paths import Office, _dispatched, unit_id


@pytest.fixture
def office(ctx: ServiceContext, make_actor: MakeActor) -> Office:
    return Office(ctx, make_actor)


def _awaiting(ctx: ServiceContext, office: Office) -> CaseDetail:
    d = _dispatched(ctx, office)
    d = handling.sign_case(ctx, office.handler, d.id, d.version)
    return replies.submit_reply(ctx, office.handler, d.id, d.version, "答复稿")


def _count(ctx: ServiceContext, model: type, case_id: int) -> int:
    with ctx.uow.read() as uow:
        return int(uow.session.execute(
            select(func.count()).select_from(model).where(model.case_id == case_id)  # type: ignore[attr-defined]
        ).scalar_one())  # fmt: skip


def test_two_section_heads_approving_the_same_reply(
    ctx: ServiceContext, office: Office, make_actor: MakeActor
) -> None:
    second_head = make_actor("section_head", unit="CYFZ")
    d = _awaiting(ctx, office)
    replies.approve_reply(ctx, office.head, d.id, d.version, "同意")
    with pytest.raises(ConflictError) as info:
        replies.send_back_reply(ctx, second_head, d.id, d.version, "请修改")
    message = info.value.message
    assert office.head.display_name in message and "审核通过" in message
    assert "已审核（待答复）" in message
    assert _count(ctx, ReplyReview, d.id) == 1


def test_desk_reroute_while_the_section_signs(ctx: ServiceContext, office: Office) -> None:
    d = _dispatched(ctx, office)
    handling.sign_case(ctx, office.handler, d.id, d.version)
    events = _count(ctx, CaseEvent, d.id)
    route = RouteInput(tier=2, lead_unit_id=unit_id(ctx, "ZXQY"), reason="调整主办")
    with pytest.raises(ConflictError) as info:
        routing.reroute_case(ctx, office.desk, d.id, d.version, route)
    assert office.handler.display_name in info.value.message and "签收" in info.value.message
    assert _count(ctx, CaseEvent, d.id) == events


def _race(first: Callable[[], object], second: Callable[[], object]) -> list[object]:
    results: list[object] = [None, None]

    def run(i: int, fn: Callable[[], object]) -> None:
        try:
            results[i] = fn()
        except Exception as exc:  # noqa: BLE001 - the test inspects it
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i, fn)) for i, fn in enumerate((first, second))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return results


@pytest.mark.postgres
def test_truly_simultaneous_approvals_on_postgresql(
    ctx: ServiceContext, office: Office, make_actor: MakeActor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both transactions reach the case's row lock at the same moment (READ COMMITTED): the
    second waits for the first's commit, then reads the new version and is told who approved."""
    if ctx.engines.url.get_backend_name() != "postgresql":
        pytest.skip("SQLite serialises writers with BEGIN IMMEDIATE: covered by the stale test")
    second_head = make_actor("section_head", unit="CYFZ")
    d = _awaiting(ctx, office)
    both_there = threading.Barrier(2, timeout=10)
    real_lock = pipeline.lock_cases

    def wait_then_lock(s, ids):  # type: ignore[no-untyped-def]
        both_there.wait()
        return real_lock(s, ids)

    monkeypatch.setattr(pipeline, "lock_cases", wait_then_lock)
    results = _race(
        lambda: replies.approve_reply(ctx, office.head, d.id, d.version, "同意"),
        lambda: replies.approve_reply(ctx, second_head, d.id, d.version, "同意"),
    )
    wins = [r for r in results if isinstance(r, CaseDetail)]
    losses = [r for r in results if isinstance(r, ConflictError)]
    assert len(wins) == 1 and len(losses) == 1, results
    assert wins[0].status == CaseStatus.APPROVED  # type: ignore[union-attr]
    assert "审核通过" in losses[0].message
    assert _count(ctx, ReplyReview, d.id) == 1


def test_simultaneous_signing_on_either_database(ctx: ServiceContext, office: Office,
                                                 make_actor: MakeActor) -> None:  # fmt: skip
    colleague = make_actor("handler", unit="CYFZ")
    d = _dispatched(ctx, office)
    results = _race(
        lambda: handling.sign_case(ctx, office.handler, d.id, d.version),
        lambda: handling.sign_case(ctx, colleague, d.id, d.version),
    )
    assert sum(isinstance(r, CaseDetail) for r in results) == 1, results
    loss = next(r for r in results if not isinstance(r, CaseDetail))
    assert isinstance(loss, ConflictError) and "签收" in loss.message
    assert _count(ctx, CaseEvent, d.id) == 3
