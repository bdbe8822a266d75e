"""The demo generator leaves data the lifecycle services could have written: every timeline step
is a transition of the lifecycle table, and every case's columns, assignments, return requests,
reply drafts and reviews agree with its status (SQLite)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from sqlalchemy import select, text

from hotline_desk.demo.text import DEMO_USERS
from hotline_desk.domain.enums.handling import CaseStatus
from hotline_desk.domain.lifecycle import TRANSITIONS, CaseFacts
from hotline_desk.services.admin.auth import actor_for
from hotline_desk.services.cases.read_model import get_case
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.services.lifecycle import handling, replies, routing
from hotline_desk.store.models import User
from tests.conftest import Clock
from tests.desk_templates import DeskTemplates

S = CaseStatus
DEMO, DEMO_NOW = (3000, 2), datetime(2026, 11, 20, 10, 0, 0)  # cases and seed; the clock
PAST_APPROVAL = {S.APPROVED, S.REPLIED, S.CLOSED}


@pytest.fixture(scope="module")
def demo(
    tmp_path_factory: pytest.TempPathFactory, desk_templates: DeskTemplates
) -> Iterator[ServiceContext]:
    """A year of a small bureau's cases, with a seed whose recent weeks reach every status
    (made once per session: test_demo_believable reads a copy of the same)."""
    folder = tmp_path_factory.mktemp("demo")
    clock = Clock(DEMO_NOW)
    ctx = desk_templates.open(f"sqlite+pysqlite:///{folder / 'demo.db'}", folder / "bk", clock,
                              DEMO_NOW, demo=DEMO)  # fmt: skip
    assert rows(ctx, "SELECT count(*) FROM cases") == [(3000,)]
    yield ctx
    ctx.engines.dispose()


def rows(ctx: ServiceContext, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    with ctx.engines.reader.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]


def table_steps() -> set[tuple[str, str]]:
    """(from, to) pairs the lifecycle table allows, computed next states included."""
    steps = set()
    for t in TRANSITIONS:
        for important in (False, True):
            for step in (None, "section", "leader"):
                for back in (S.DISPATCHED, S.IN_PROGRESS):
                    facts = CaseFacts(t.state.value, 2, important, step, return_from=back)
                    steps.add((t.state.value, t.next_state(facts).value))
    return steps


def test_every_timeline_step_is_a_lifecycle_transition(demo: ServiceContext) -> None:
    allowed = table_steps()
    events = rows(demo, "SELECT case_id, from_status, to_status FROM case_events ORDER BY id")
    last: dict[int, str] = {}
    for case_id, before, after in events:
        if case_id not in last:
            assert before is None and after == S.REGISTERED
        else:
            assert before == last[case_id], "each step starts where the previous ended"
            assert (before, after) in allowed or before == after, (before, after)
        last[case_id] = after
    statuses = dict(rows(demo, "SELECT id, status FROM cases"))
    assert last == statuses
    (out_of_order,) = rows(
        demo,
        "SELECT count(*) FROM case_events a JOIN case_events b ON b.case_id = a.case_id "
        "AND b.id = a.id + 1 WHERE b.at < a.at",
    )[0]
    assert out_of_order == 0, "within a case, ids grow with time (the timeline's order)"
    assert set(statuses.values()) == {s.value for s in CaseStatus}, "every state is reached"


def test_case_columns_agree_with_the_status(demo: ServiceContext) -> None:
    cases = rows(
        demo,
        "SELECT c.id, c.status, c.tier, c.lead_unit_id, c.handling_unit_id, c.handler_id, "
        "c.dispatched_at, c.signed_at, c.approval_step, c.reply_text, c.replied_at, "
        "c.reply_method, c.reply_to, o.code, h.parent_id, u.org_unit_id "
        "FROM cases c LEFT JOIN org_units o ON o.id = c.lead_unit_id "
        "LEFT JOIN org_units h ON h.id = c.handling_unit_id "
        "LEFT JOIN users u ON u.id = c.handler_id",
    )
    leads = {
        r[0]: r[1]
        for r in rows(
            demo, "SELECT case_id, org_unit_id FROM case_assignments WHERE role = 'lead' AND active"
        )  # fmt: skip
    }
    reopens = dict(rows(demo, "SELECT id, reopen_count FROM cases"))
    routed = 0
    for (id_, status, tier, lead, unit, handler, dispatched, signed, step, reply, replied,
         method, reply_to, lead_code, unit_parent, handler_unit) in cases:  # fmt: skip
        st = S(status)
        if tier is None:
            assert st in (S.REGISTERED, S.REJECTED, S.MERGED) and lead is None
            continue
        routed += 1
        assert leads[id_] == lead, "every routed case has its lead assignment row"
        assert dispatched is not None
        if tier == 1:
            assert lead_code == "BGS" and signed is not None
        else:
            assert lead_code != "BGS"
        if tier == 3:
            assert lead_code in ("ZXQY", "JNZH") and unit_parent == lead
        else:
            assert unit is None
        if st not in (S.DISPATCHED, S.RETURN_REQUESTED):
            assert signed is not None and handler is not None
            assert handler_unit == lead, "the handler works in the lead section (or office)"
        assert (step is not None) == (st == S.AWAITING_APPROVAL)
        reopened = reopens[id_] > 0  # handled again after a reply: the old one is kept
        assert bool(reply) == (st in PAST_APPROVAL) or reopened
        if st in (S.REPLIED, S.CLOSED):
            assert replied is not None and method in ("phone", "written", "online") and reply_to
        elif not reopened:
            assert replied is None and method is None
    assert routed > 200


def test_unrouted_cases_run_their_reply_clock_from_receipt(demo: ServiceContext) -> None:
    """As registration does: from receipt; stopped (no running clock) once rejected or merged."""
    found = set(
        rows(
            demo,
            "SELECT status, reply_clock_start = received_at, due_clock, due_at = reply_deadline "
            "FROM cases WHERE tier IS NULL",
        )
    )
    assert found == {("registered", 1, "reply", 1), ("rejected", 1, None, None),
                     ("merged", 1, None, None)}  # fmt: skip


def test_replies_drafts_reviews_and_returns(demo: ServiceContext) -> None:
    (approved_without_review,) = rows(
        demo,
        "SELECT count(*) FROM cases c WHERE c.status IN ('approved', 'replied', 'closed') AND "
        "NOT EXISTS (SELECT 1 FROM reply_drafts d JOIN reply_reviews r ON r.draft_id = d.id "
        "WHERE d.case_id = c.id AND d.outcome = 'approved' AND r.decision = 'approved' "
        "AND d.text = c.reply_text)",
    )[0]
    assert approved_without_review == 0
    (leader_missing,) = rows(
        demo,
        "SELECT count(*) FROM cases c WHERE c.important AND c.status IN ('approved', 'replied', "
        "'closed') AND NOT EXISTS (SELECT 1 FROM reply_reviews r WHERE r.case_id = c.id "
        "AND r.step = 'leader')",
    )[0]
    assert leader_missing == 0
    (waiting_without_draft,) = rows(
        demo,
        "SELECT count(*) FROM cases c WHERE c.status = 'awaiting_approval' AND NOT EXISTS "
        "(SELECT 1 FROM reply_drafts d WHERE d.case_id = c.id AND d.outcome IS NULL)",
    )[0]
    assert waiting_without_draft == 0
    pending = rows(
        demo,
        "SELECT c.id, r.org_unit_id = c.lead_unit_id FROM cases c LEFT JOIN return_requests r "
        "ON r.case_id = c.id AND r.decision IS NULL WHERE c.status = 'return_requested'",
    )
    assert all(same == 1 for _id, same in pending)
    tier1_reviewers = rows(
        demo,
        "SELECT DISTINCT u.username FROM reply_reviews r JOIN cases c ON c.id = r.case_id "
        "JOIN users u ON u.id = r.reviewer_id WHERE c.tier = 1 AND r.step = 'section'",
    )
    assert tier1_reviewers == [("zhuren",)], "the office head approves direct replies"


def test_demo_users_include_the_office_head(demo: ServiceContext) -> None:
    users = rows(
        demo,
        "SELECT u.username, o.code, r.role FROM users u JOIN org_units o ON o.id = u.org_unit_id "
        "JOIN user_roles r ON r.user_id = u.id WHERE u.is_demo",
    )
    assert ("zhuren", "BGS", "section_head") in users
    assert len({u for u, _o, _r in users}) == len(DEMO_USERS)


def _actor(ctx: ServiceContext, username: str) -> Actor:
    with ctx.uow.read() as uow:
        user = uow.session.execute(select(User).where(User.username == username)).scalar_one()
        return actor_for(uow.session, user)


def _head_of(ctx: ServiceContext, case_id: int) -> str:
    ((name,),) = rows(
        ctx,
        "SELECT u.username FROM cases c JOIN users u ON u.org_unit_id = c.lead_unit_id "
        "JOIN user_roles r ON r.user_id = u.id AND r.role = 'section_head' "
        f"WHERE c.id = {case_id} ORDER BY u.id LIMIT 1",
    )
    return str(name)


def test_the_services_carry_demo_cases_on(demo: ServiceContext) -> None:
    """Runs last: it moves a few cases on, the way the demo users would."""
    desk = _actor(demo, "duban")
    by_status: dict[str, int] = {}
    for id_, status, important in rows(demo, "SELECT id, status, important FROM cases"):
        if not important:
            by_status.setdefault(status, id_)
    for case_id in by_status.values():
        detail = get_case(demo, desk, case_id)
        assert detail.work is not None
        assert detail.work.assignments or detail.work.tier is None

    waiting = by_status["awaiting_approval"]
    head = _actor(demo, _head_of(demo, waiting))
    version = get_case(demo, head, waiting).version
    assert replies.approve_reply(demo, head, waiting, version).status == "approved"

    dispatched = by_status["dispatched"]
    signer = _actor(demo, _head_of(demo, dispatched))
    version = get_case(demo, signer, dispatched).version
    assert handling.sign_case(demo, signer, dispatched, version).status == "in_progress"

    returned = by_status["return_requested"]
    detail = get_case(demo, desk, returned)
    back = routing.reject_return(demo, desk, returned, detail.version, "属本科室职责，请继续办理")
    assert back.status == "dispatched"


def _by_case(ctx: ServiceContext, sql: str) -> dict[int, list[tuple]]:  # type: ignore[type-arg]
    found: dict[int, list[tuple]] = {}  # type: ignore[type-arg]
    for r in rows(ctx, sql):
        found.setdefault(r[0], []).append(r[1:])
    return found


def test_callbacks_agree_with_the_case(demo: ServiceContext) -> None:
    """Every replied or closed case's callback columns say what its callback rows say."""
    cases = rows(
        demo,
        "SELECT id, status, anonymous OR confidential, callback_status, callback_attempts, "
        "satisfaction, resolved, screening, reopen_count, close_reason, closed_at, ended_at, "
        "callback_deadline, reply_limit, reopened_at FROM cases",
    )
    attempts = _by_case(demo, "SELECT case_id, round, attempt_no, at, outcome, satisfaction "
                              "FROM callbacks ORDER BY id")  # fmt: skip
    reopened_events = dict(rows(demo, "SELECT case_id, count(*) FROM case_events "
                                      "WHERE kind = 'reopened' GROUP BY case_id"))  # fmt: skip
    seen: set[str] = set()
    for (id_, status, quiet, cb_status, n, rating, resolved, screening, reopens, reason,
         closed_at, ended_at, cb_deadline, limit, reopened_at) in cases:  # fmt: skip
        mine = [a for a in attempts.get(id_, []) if a[0] == reopens]  # this round
        assert reopened_events.get(id_, 0) == reopens
        if reopens:
            assert reopened_at is not None and screening is not None  # reopened by screening
            if status not in (S.REPLIED, S.CLOSED):
                assert limit == "3个工作日" and cb_deadline is None  # the reopened-case limit
        assert [a[1] for a in mine] == list(range(1, len(mine) + 1)) and n == len(mine)
        if status == S.CLOSED:
            assert closed_at is not None and closed_at == ended_at
            seen.add(reason)
        if status not in (S.REPLIED, S.CLOSED):
            assert not mine and cb_status is None and reason is None
            continue
        assert cb_deadline is not None
        last = mine[-1][3] if mine else None
        if reason == "satisfied":
            assert cb_status == "reached" and rating in ("satisfied", "basically")
            assert last == "reached" and resolved is not None
        elif reason == "unreasonable":
            assert rating == "unsatisfied" and screening == "unreasonable"
        elif reason == "unreachable":
            days = {str(a[2])[:10] for a in mine if a[3] == "unreached"}
            assert cb_status == "unreachable" and len(days) >= 3
        elif reason == "not_required":
            assert cb_status == "not_required" and last in ("not_required", "refused")
            assert (last == "not_required") == bool(quiet)
        elif status == S.REPLIED:
            assert reason is None
            assert cb_status in ("pending", "reached", "not_required")
        if quiet:
            assert all(a[3] == "not_required" for a in mine)
    assert seen == {"satisfied", "unreasonable", "unreachable", "not_required"}
    assert max(r[8] for r in cases) >= 1, "some cases were reopened"


def test_merged_duplicates_are_joined_to_open_masters(demo: ServiceContext) -> None:
    merged = rows(
        demo,
        "SELECT d.id, d.case_no, d.merged_into_id, d.content, d.ended_at, m.received_at, "
        "d.received_at FROM cases d JOIN cases m ON m.id = d.merged_into_id "
        "WHERE d.status = 'merged'",
    )
    (unjoined,) = rows(demo, "SELECT count(*) FROM cases WHERE status = 'merged' "
                             "AND merged_into_id IS NULL")[0]  # fmt: skip
    assert merged and unjoined == 0
    links = {(a, b): kind for a, b, kind in rows(
        demo, "SELECT case_id, other_case_id, kind FROM case_links")}  # fmt: skip
    joined = _by_case(demo, "SELECT case_id, at, from_status, summary FROM case_events "
                            "WHERE kind = 'duplicate_joined'")  # fmt: skip
    for dup, case_no, master, content, ended, master_received, received in merged:
        assert links[(dup, master)] == "duplicate"
        assert master_received < received
        lines = [j for j in joined[master] if case_no in j[2]]
        assert len(lines) == 1, "the master's timeline names the duplicate"
        at, state, summary = lines[0]
        assert content in summary and str(at) == str(ended)
        assert state not in ("closed", "rejected", "merged"), "merged into an open case"
    repeats = [k for k in links.values() if k == "duplicate"]
    assert len(repeats) > len(merged), "some repeats of closed cases are linked, not merged"


def test_facts_and_search_rows_are_those_the_records_give(demo: ServiceContext) -> None:
    """Made from the batch in memory (issue 19), they equal what ``stats.rebuild`` and the
    search index derive from the stored records."""
    from hotline_desk.services.stats.rebuild import rebuild_facts
    from hotline_desk.store import search_index
    from hotline_desk.store.models import CaseFact, CaseSearch

    cols = [c for c in CaseFact.__table__.columns if c.key != "id"]
    with demo.engines.writer.connect() as conn:
        stored = {(r.case_id, r.public_text, r.personal_text)
                  for r in conn.execute(select(CaseSearch))}  # fmt: skip
        ids = [case_id for case_id, _p, _q in stored]
        fresh = {(r["case_id"], r["public_text"], r["personal_text"])
                 for r in search_index.search_rows(conn, ids)}  # fmt: skip
        assert len(stored) == 3000 and stored == fresh
        facts = sorted(tuple(map(str, r)) for r in conn.execute(select(*cols)))
        rebuild_facts(conn)
        again = sorted(tuple(map(str, r)) for r in conn.execute(select(*cols)))
        conn.rollback()
    assert len(facts) > 3000 and facts == again


def test_demo_cases_carry_their_masked_titles(demo: ServiceContext) -> None:
    """Written with Core inserts, each case still has the masked title the detector makes."""
    from tests.services.test_masked_title import assert_follows

    assert len(assert_follows(demo)) >= 3000


@pytest.mark.parametrize("years", [1, 5])
def test_a_demo_receives_its_cases_over_the_years_asked(ctx: ServiceContext, years: int) -> None:
    """``generate_demo(years=…)`` (``bench_stats_years.py`` compares a desk holding one year with
    one holding five): the cases are received over that many years before now."""
    from hotline_desk.demo.generate import generate_demo

    generate_demo(ctx, 400, seed=5, years=years)
    span = rows(ctx, "SELECT min(received_at), max(received_at) FROM cases")[0]
    first, last = (datetime.fromisoformat(str(v)) for v in span)
    held = (ctx.now() - first).days
    assert (years - 1) * 365 < held <= years * 365 and (ctx.now() - last).days < 30
