"""Where a clerk waits for a list (issue 19, issue 16): the counts of the board and of a
section's alerts are answered from covering indexes and equal the plain OR-form count; the
search's first page is one statement driven by the FTS5 index newest first; a SQLite desk does
not import SQLAlchemy's PostgreSQL dialect."""

from __future__ import annotations

import subprocess
import sys

from sqlalchemy import and_, case, func, select
from sqlalchemy.sql import Select

from hotline_desk.services.cases.queries import _page_query
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseFilter, CaseSort
from hotline_desk.services.search.match import TextMatch, fts_page
from hotline_desk.services.supervision.board_scope import (
    _section_parts,
    count_scope,
    level_select,
    suggestion_condition,
)
from hotline_desk.store.models import Case
from tests.services.test_schema import DESK, NOW, demo_ctx

__all__ = ["demo_ctx"]  # the fixture


def explain(ctx: ServiceContext, query: Select) -> str:  # type: ignore[type-arg]
    sql = query.compile(ctx.engines.reader, compile_kwargs={"literal_binds": True})
    with ctx.engines.reader.connect() as conn:
        rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}").all()
    return "\n".join(str(row[-1]) for row in rows)


def levels(now: object) -> tuple[object, ...]:
    red = func.sum(case((Case.due_at < now, 1), else_=0))
    yellow = func.sum(case((and_(Case.due_at >= now, Case.warn_at <= now), 1), else_=0))
    return red, yellow, func.count()


def test_section_counts_equal_the_or_form_and_read_only_indexes(demo_ctx: ServiceContext) -> None:
    with demo_ctx.uow.read() as uow:
        s = uow.session
        units = set(s.execute(select(Case.lead_unit_id).where(Case.due_at.is_not(None))).scalars())
        units |= set(
            s.execute(select(Case.handling_unit_id).where(Case.due_at.is_not(None))).scalars()
        )
        # a case handled (直属单位) but led by another section must be among them
        handled_only = s.execute(
            select(func.count()).where(
                Case.due_at.is_not(None), Case.handling_unit_id != Case.lead_unit_id
            )
        ).scalar_one()
        assert handled_only > 0
        seen = 0
        for unit in sorted(u for u in units if u is not None):
            head = Actor(2, "kezhang", "科长", frozenset({"section_head"}), unit)
            got = s.execute(level_select(head, NOW)).one()  # red parts, then yellow parts
            r, y, n = s.execute(select(*levels(NOW)).where(count_scope(head))).one()
            assert (sum(got[: len(got) // 2]), sum(got[len(got) // 2 :])) == (r or 0, y or 0), unit
            seen += n
            plan = explain(demo_ctx, level_select(head, NOW))
            assert plan.count("COVERING INDEX ix_cases_") == len(got) and "SCAN cases" not in plan
            parts = _section_parts(head)
            assert parts is not None
            for part in parts:
                step = explain(demo_ctx, select(*levels(NOW)).where(part))
                assert "COVERING INDEX ix_cases_" in step and "_clock" in step, step
        assert seen > 0
        desk = s.execute(level_select(DESK, NOW)).one()  # the desk's, each level a range
        r, y, _n = s.execute(select(*levels(NOW)).where(count_scope(DESK))).one()
        assert tuple(desk) == (r or 0, y or 0)
        plan = explain(demo_ctx, level_select(DESK, NOW))
        assert plan.count("COVERING INDEX ix_cases_overdue") == 2, plan


def test_the_boards_suggestion_counts_read_only_the_overdue_index(
    demo_ctx: ServiceContext,
) -> None:
    for kind in ("urge", "order"):
        query = select(func.count()).where(count_scope(DESK), suggestion_condition(kind, NOW, NOW))
        step = explain(demo_ctx, query)
        assert "COVERING INDEX ix_cases_overdue" in step, step
    desk = explain(demo_ctx, select(*levels(NOW)).where(count_scope(DESK)))
    assert "COVERING INDEX" in desk, desk


def test_the_search_page_is_driven_by_the_index_newest_first(demo_ctx: ServiceContext) -> None:
    page = _page_query(DESK, CaseFilter(), CaseSort(), None, 101)
    text_plan = explain(demo_ctx, fts_page(page, TextMatch(("负责人",), True), None))
    assert text_plan.startswith("SCAN case_search_fts VIRTUAL TABLE"), text_plan
    assert "TEMP B-TREE" not in text_plan, text_plan  # the index's own order, no sort


def test_a_sqlite_desk_does_not_import_the_postgresql_dialect() -> None:
    code = (
        "import sys, hotline_desk.bootstrap, hotline_desk.store.models; "
        "print('sqlalchemy.dialects.postgresql' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
