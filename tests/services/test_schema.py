"""The migrated schema matches the models, the head is known without Alembic, a newer schema
is refused, and the case list's SQLite plans use the indexes meant for them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select, text

from hotline_desk.demo.generate import generate_demo
from hotline_desk.services.admin.setup import open_desk
from hotline_desk.services.cases.queries import _page_query, effective_sort
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseFilter, CaseSort
from hotline_desk.store import migrate
from hotline_desk.store.engine import make_engines
from hotline_desk.store.models import Base
from hotline_desk.store.search_index import UNMODELLED
from tests.conftest import Clock


def test_schema_head_constant_is_alembic_head() -> None:
    assert migrate.SCHEMA_HEAD == migrate.head_revision()


def _modelled(name: str | None, _type: str, _parents: object) -> bool:
    """Not the search index's engine objects (``store/search_index.UNMODELLED``)."""
    return not (name or "").startswith(UNMODELLED)


def test_migrated_schema_matches_the_models(ctx: ServiceContext) -> None:
    with ctx.engines.reader.connect() as conn:
        migration = MigrationContext.configure(conn, opts={"include_name": _modelled})
        diff = compare_metadata(migration, Base.metadata)
    assert diff == []


def test_every_foreign_key_has_an_index_leading_with_it(ctx: ServiceContext) -> None:
    """In the migrated database itself (not only the models): a foreign key's columns lead some
    index, the primary key or a unique constraint."""
    with ctx.engines.reader.connect() as conn:
        schema = inspect(conn)
        bare: list[tuple[str, tuple[str, ...]]] = []
        for table in schema.get_table_names():
            leading = [tuple(i["column_names"]) for i in schema.get_indexes(table)]
            leading += [tuple(u["column_names"]) for u in schema.get_unique_constraints(table)]
            leading.append(tuple(schema.get_pk_constraint(table)["constrained_columns"]))
            for fk in schema.get_foreign_keys(table):
                cols = tuple(fk["constrained_columns"])
                if not any(lead[: len(cols)] == cols for lead in leading):
                    bare.append((table, cols))
    assert bare == []


def test_deleting_a_case_checks_merges_through_the_index(ctx: ServiceContext) -> None:
    """The look-up a delete's foreign-key check makes is answered by the partial index."""
    if not ctx.engines.is_sqlite:
        pytest.skip("the SQLite plan is read here; PostgreSQL plans depend on its statistics")
    with ctx.engines.reader.connect() as conn:
        plan = " ".join(
            str(row[-1])
            for row in conn.execute(
                text("EXPLAIN QUERY PLAN SELECT 1 FROM cases WHERE merged_into_id = 5")
            )
        )
    assert "ix_cases_merged_into_id" in plan, plan


def test_a_schema_newer_than_the_program_is_refused(sqlite_url: str, tmp_path: Path) -> None:
    engines = make_engines(sqlite_url)
    migrate.upgrade(engines)
    with engines.writer.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(migrate.SchemaTooNew) as info:
        migrate.upgrade(engines, tmp_path / "bk")
    assert "9999" in info.value.message and migrate.SCHEMA_HEAD in info.value.message
    assert not (tmp_path / "bk").exists(), "nothing is backed up or touched"
    engines.dispose()


@pytest.fixture(scope="module")
def demo_ctx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServiceContext]:
    folder = tmp_path_factory.mktemp("plans")
    ctx = open_desk(f"sqlite+pysqlite:///{folder / 'hotline_desk.db'}", clock=Clock(NOW))
    generate_demo(ctx, 3000, seed=7)  # ends with ANALYZE, like PRAGMA optimize on a real desk
    yield ctx
    ctx.engines.dispose()


NOW = datetime(2026, 11, 20, 10, 0)
DESK = Actor(1, "desk", "督办员", frozenset({"desk"}), None)


def test_the_demo_build_gives_its_connection_back_with_the_cache_it_had(
    demo_ctx: ServiceContext,
) -> None:
    """The build writes with a large SQLite page cache (``BULK_CACHE_KIB``); the desk's own
    connections keep SQLite's default afterwards."""
    from hotline_desk.demo.generate import BULK_CACHE_KIB

    with demo_ctx.engines.writer.connect() as conn:  # the one the build used (the pool's only)
        size = conn.exec_driver_sql("PRAGMA cache_size").scalar_one()
    assert size == -2000 and size != -BULK_CACHE_KIB


def plan(ctx: ServiceContext, flt: CaseFilter, sort: CaseSort | None = None) -> str:
    """SQLite's EXPLAIN QUERY PLAN of the page query the case list would run."""
    query = _page_query(DESK, flt, effective_sort(flt, sort or CaseSort()), None, 101)
    sql = query.compile(ctx.engines.reader, compile_kwargs={"literal_binds": True})
    with ctx.engines.reader.connect() as conn:
        rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}").all()
    return "\n".join(str(row[-1]) for row in rows)


def _main_table_step(text_plan: str) -> str:
    return next(line for line in text_plan.splitlines() if "cases" in line.split(" USING")[0])


def test_section_by_date_uses_the_section_date_index(demo_ctx: ServiceContext) -> None:
    with demo_ctx.engines.reader.connect() as conn:
        lead = conn.execute(text("SELECT lead_unit_id FROM cases WHERE lead_unit_id IS NOT NULL "
                                 "LIMIT 1")).scalar_one()  # fmt: skip
    today = NOW.date()
    flt = CaseFilter(lead_unit_id=lead, received_from=today - timedelta(days=20), received_to=today)
    step = _main_table_step(plan(demo_ctx, flt, CaseSort("received_at", True)))
    assert "ix_cases_lead_received" in step


def test_case_number_prefix_walks_the_case_number_index(demo_ctx: ServiceContext) -> None:
    flt = CaseFilter(text="RX202611")
    assert effective_sort(flt, CaseSort("id", True)) == CaseSort("case_no", True)
    text_plan = plan(demo_ctx, flt)
    assert "case_no" in _main_table_step(text_plan)
    assert "TEMP B-TREE" not in text_plan, "no sort of every case of the month"


def test_short_phone_prefix_walks_the_list_order_long_one_the_phone_index(
    demo_ctx: ServiceContext,
) -> None:
    short = _main_table_step(plan(demo_ctx, CaseFilter(text="138")))
    assert "ix_cases_phone_id" not in short
    long = _main_table_step(plan(demo_ctx, CaseFilter(text="1381234")))
    assert "ix_cases_phone_id" in long


def test_case_number_order_is_the_order_of_receipt_within_a_prefix(
    demo_ctx: ServiceContext,
) -> None:
    from hotline_desk.services.admin.auth import actor_for
    from hotline_desk.services.cases.queries import list_cases
    from hotline_desk.store.models import User, UserRole

    with demo_ctx.uow.read() as uow:  # a real account: services re-check the session
        user = uow.session.scalars(
            select(User).join(UserRole).where(UserRole.role == "desk").order_by(User.id)
        ).first()
        desk = actor_for(uow.session, user)
    page = list_cases(demo_ctx, desk, CaseFilter(text="RX2026"), CaseSort("received_at", True))
    days = [s.received_at.date() for s in page.rows]
    assert len(days) > 10 and days == sorted(days, reverse=True)
    assert all(s.case_no.startswith("RX2026") for s in page.rows)
