"""A large demo build (``LARGE_BUILD`` and up): its rows made in a second process while this
one writes them, its tables loaded without their indexes. It writes the very rows the build in
one process writes; every index is made again as it was — also when the build is stopped half
way, which stops the child too — and the schema is still that of the models. PostgreSQL keeps
its indexes throughout."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
from sqlalchemy import text

from hotline_desk.demo import generate
from hotline_desk.services.context import ServiceContext
from tests.conftest import Clock
from tests.desk_templates import DeskTemplates
from tests.services.test_schema import test_migrated_schema_matches_the_models as schema_matches

COMPARED = ("cases", "case_events", "case_assignments", "return_requests", "reply_drafts",
            "reply_reviews", "extensions", "supervisions", "callbacks", "case_links",
            "case_facts", "case_search", "case_no_counters")  # fmt: skip


def _indexes(ctx: ServiceContext) -> set[tuple[str, str]]:
    """Every named index with its SQL (SQLite) or definition (PostgreSQL)."""
    with ctx.engines.reader.connect() as conn:
        if conn.dialect.name == "sqlite":
            sql = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        else:
            sql = "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
        return {(str(name), str(sql)) for name, sql in conn.execute(text(sql))}


def _rows(ctx: ServiceContext) -> dict[str, list[tuple[object, ...]]]:
    with ctx.engines.reader.connect() as conn:
        return {t: [tuple(r) for r in conn.execute(text(f"SELECT * FROM {t} ORDER BY 1, 2"))]
                for t in COMPARED}  # fmt: skip


def _builders() -> list[str]:
    """The demo builders still running (other tests' processes may be alive beside them)."""
    return [p.name for p in multiprocessing.active_children() if p.name == "demo-builder"]


@pytest.fixture
def large(monkeypatch: pytest.MonkeyPatch) -> None:
    """120 cases count as a large build, in batches of 50."""
    monkeypatch.setattr(generate, "LARGE_BUILD", 1)
    monkeypatch.setattr(generate, "BATCH", 50)


def test_a_large_build_writes_what_one_process_writes_and_every_index(
    ctx: ServiceContext, clock: Clock, db_url: str, tmp_path: Path,
    desk_templates: DeskTemplates, monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    sqlite = ctx.engines.writer.dialect.name == "sqlite"
    other_url = f"sqlite+pysqlite:///{tmp_path / 'inline.db'}" if sqlite else db_url
    before = _indexes(ctx)
    assert any(name == "ix_cases_lead_received" for name, _sql in before)
    monkeypatch.setattr(generate, "BATCH", 50)
    if sqlite:  # the same build in one process, on a second desk cloned from the same seed
        inline = desk_templates.open(other_url, tmp_path / "b2", clock, clock.now)
        generate.generate_demo(inline, 120, seed=5)
        expected = _rows(inline)
        inline.engines.dispose()
    monkeypatch.setattr(generate, "LARGE_BUILD", 1)
    during: list[bool] = []  # after each batch: is the index of the case list there?

    def batch_done(_done: int, _total: int) -> None:
        during.append(any(name == "ix_cases_lead_received" for name, _sql in _indexes(ctx)))

    report = generate.generate_demo(ctx, 120, seed=5, progress=batch_done)
    assert report.cases == 120 and report.events > 120
    assert during == [not sqlite] * 3  # SQLite loads without it, PostgreSQL keeps it
    assert _indexes(ctx) == before
    schema_matches(ctx)
    got = _rows(ctx)
    assert len(got["cases"]) == 120 and got["case_search"] and got["case_facts"]
    if sqlite:
        assert got == expected  # row for row, late duplicate lines and counters included
        with ctx.engines.reader.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
    assert _builders() == []


def test_a_build_stopped_half_way_stops_its_child_and_keeps_the_indexes(
    ctx: ServiceContext, large: None
) -> None:
    before = _indexes(ctx)

    def stop_after_the_first(done: int, _total: int) -> None:
        if done == 50:
            raise KeyboardInterrupt  # the user's Ctrl+C while the build writes

    with pytest.raises(KeyboardInterrupt):
        generate.generate_demo(ctx, 120, seed=5, progress=stop_after_the_first)
    assert _builders() == []
    assert _indexes(ctx) == before
    with ctx.engines.reader.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM cases")).scalar() == 50  # the first batch


def test_a_child_that_fails_fails_the_build(ctx: ServiceContext, large: None) -> None:
    """The child's own error reaches the writer (here: a plan without the office's rules)."""
    from hotline_desk.demo.pipeline import BuildPlan, batches_from_child

    with pytest.raises(AttributeError, match="calendar"):
        list(batches_from_child(BuildPlan(5, ctx.now(), [], None, {}, {}, 3, None,  # type: ignore[arg-type]
                                          1, 1, 1, 50)))  # fmt: skip
    assert _builders() == []
