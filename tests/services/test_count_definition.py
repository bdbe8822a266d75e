"""One count definition (issue 18): on a demo database, 超期/临期 in the header badge are the
督办台's 红牌/黄牌 for the same user, the section table adds up to the tiles, the board's listed
rows are as many as its tile says, and 我的待办's navigation count is the cases in its tabs,
each once — on both engines."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from hotline_desk.domain.enums.supervision import Level
from hotline_desk.domain.permissions import BOARD_ROLES, CASE_ROLES, has_any
from hotline_desk.services.admin.auth import actor_for
from hotline_desk.services.cases import queues
from hotline_desk.services.cases.queues import IN_PROGRESS
from hotline_desk.services.cases.visibility import visible_to
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.services.supervision import alerts, board
from hotline_desk.store.models import Case, User
from tests.conftest import Clock
from tests.desk_templates import DeskTemplates


@pytest.fixture
def demo(
    db_url: str, clock: Clock, tmp_path: Path, desk_templates: DeskTemplates
) -> Iterator[ServiceContext]:
    """A desk with 300 demo cases (a clone: made once per session and engine)."""
    clock.now = datetime(2026, 11, 20, 10, 0)
    ctx = desk_templates.open(db_url, tmp_path / "backups", clock, clock.now, demo=(300, 3))
    yield ctx
    ctx.engines.dispose()


def _actors(ctx: ServiceContext) -> list[Actor]:
    with ctx.uow.read() as uow:
        users = uow.session.execute(select(User).order_by(User.id)).scalars().all()
        return [actor_for(uow.session, u) for u in users]


def _by_hand(ctx: ServiceContext, actor: Actor) -> int:
    now = ctx.now()
    with ctx.uow.read() as uow:
        rows = uow.session.execute(
            select(Case.lead_unit_id, Case.handling_unit_id, Case.due_clock, Case.due_at)
        ).all()
    unit = actor.org_unit_id
    return sum(1 for lead, handling, clock, due in rows if due is not None and due < now
               and unit in (lead, handling) and clock in ("sign", "reply"))  # fmt: skip


def test_the_badge_counts_what_the_board_counts(demo: ServiceContext) -> None:
    checked = 0
    for actor in _actors(demo):
        if not has_any(actor.roles, CASE_ROLES):
            continue
        snapshot = alerts.check_alerts(demo, actor, None)
        if has_any(actor.roles, BOARD_ROLES):
            counts = board.board_counts(demo, actor)
            assert (snapshot.red, snapshot.yellow) == (counts.red, counts.yellow), actor.username
            assert sum(x.total for x in counts.by_section) == counts.total
            assert sum(x.red for x in counts.by_section) == counts.red
            red = board.board_total(demo, actor, board.BoardFilter(level=Level.RED))
            assert red == counts.red
            checked += 1
        else:  # section staff: their section's sign and reply clocks, counted by hand
            assert snapshot.red == _by_hand(demo, actor), actor.username
    assert checked >= 2  # the desk and the leader
    desk = next(a for a in _actors(demo) if a.username == "duban")
    assert board.board_counts(demo, desk).red > 0, "the demo has overdue cases to compare"


def test_the_list_total_read_off_the_counts_is_the_count_of_the_filter(
    demo: ServiceContext,
) -> None:
    """The board's list shows a total read off its level counts (no COUNT of its own): for every
    level, section, clock and suggestion it is what counting the filter's cases says."""
    desk = next(a for a in _actors(demo) if a.username == "duban")
    sections = [x.unit_id for x in board.board_counts(demo, desk).by_section]
    derived = 0
    for clock, text in ((None, ""), ("sign", ""), ("reply", ""), (None, "2026")):
        counts = board.board_counts(demo, desk, board.BoardFilter(clock=clock, text=text))
        for unit in [None, *sections]:
            for level in (None, Level.RED, Level.YELLOW, Level.NORMAL):
                for suggestion in (None, "urge", "order"):
                    if level is not None and suggestion is not None:
                        continue
                    flt = board.BoardFilter(level=level, lead_unit_id=unit, clock=clock,
                                            suggestion=suggestion, text=text)  # fmt: skip
                    total = board.total_from_counts(counts, flt)
                    if total is None:  # a suggestion within one section: counted apart
                        assert suggestion is not None and unit is not None
                        continue
                    assert total == board.board_total(demo, desk, flt), flt
                    derived += total > 0
    assert derived > 20


def test_the_inbox_count_is_its_tabs_each_case_once(demo: ServiceContext) -> None:
    seen = 0
    for actor in _actors(demo):
        if not queues.queues_for(actor):
            continue
        counts = [q.count for q in queues.inbox_counts(demo, actor)]
        total = queues.inbox_total(demo, actor)
        assert max(counts, default=0) <= total <= sum(counts), actor.username
        seen += total > 0
    assert seen >= 3


def test_the_inbox_reads_the_same_cases_as_the_or_form(demo: ServiceContext) -> None:
    """The index-bounded queue statements (issue 19) pick exactly the cases the plain form
    ``visible_to AND queue_condition`` picks, queue by queue and for the UNION, for every
    demo user; the counts the services return are those sets' sizes."""
    filled: set[str] = set()
    for actor in _actors(demo):
        keys = queues.queues_for(actor)
        if not keys:
            continue
        with demo.uow.read() as uow:
            s = uow.session
            plain, ours = {}, {}
            for key in keys:
                where = (visible_to(actor), queues.queue_condition(actor, key))
                plain[key] = set(s.execute(select(Case.id).where(*where)).scalars())
                ours[key] = set(s.execute(queues._queue_ids(actor, key)).scalars())
        assert ours == plain, actor.username
        filled |= {key for key, ids in plain.items() if ids}
        counts = {q.key: q.count for q in queues.inbox_counts(demo, actor)}
        assert counts == {key: len(ids) for key, ids in plain.items()}, actor.username
        every = set().union(*plain.values())
        assert queues.inbox_total(demo, actor) == len(every), actor.username
    # the rewritten queues (child tables, the unit's OR, the approval step) were all exercised
    assert {"to_sign", IN_PROGRESS, "to_record", "assisting", "supervised", "extensions"} <= filled


def test_the_board_is_in_the_order_its_indicator_shows(demo: ServiceContext) -> None:
    desk = next(a for a in _actors(demo) if a.username == "duban")
    page = board.board_page(demo, desk, board.BoardFilter(), limit=500)
    due = [r.due_at for r in page.rows]
    assert board.BOARD_ORDER == ("due_at", "ascending") and due == sorted(due)
    now = demo.now()
    late = [r for r in page.rows if r.due_at < now]
    assert late and all(r.overdue_workdays is not None and r.overdue_workdays >= 0 for r in late)
    assert all(r.overdue_workdays is None for r in page.rows if r.due_at >= now)
    assert any(r.reply_limit for r in page.rows)
