"""The demo generator writing each batch in a thread while it builds the next (issue 19: demo
data within 2× of the bare executemany) writes the very rows it writes one batch after the
other, whatever the batch size — a duplicate's line on its master in a batch already handed
over is written at the end (SQLite)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from hotline_desk.demo import generate
from hotline_desk.services.context import ServiceContext
from tests.conftest import Clock
from tests.desk_templates import DeskTemplates

NOW = datetime(2026, 11, 20, 10, 0, 0)
TABLES = ("cases", "case_events", "case_assignments", "return_requests", "reply_drafts",
          "reply_reviews", "extensions", "supervisions", "callbacks", "case_links",
          "case_facts", "case_search")  # fmt: skip


def built(templates: DeskTemplates, folder: Path, batch: int, overlap: bool,
          monkeypatch: pytest.MonkeyPatch) -> dict[str, list[tuple[object, ...]]]:  # fmt: skip
    """Every demo table's rows of 1,500 cases built in batches of ``batch``."""
    monkeypatch.setattr(generate, "BATCH", batch)
    folder.mkdir()
    ctx: ServiceContext = templates.open(f"sqlite+pysqlite:///{folder / 'demo.db'}",
                                         folder / "bk", Clock(NOW), NOW)  # fmt: skip
    try:
        generate.generate_demo(ctx, 1500, seed=4, overlap=overlap)
        with ctx.engines.reader.connect() as conn:
            return {t: [tuple(r) for r in conn.execute(text(f"SELECT * FROM {t} ORDER BY 1, 2"))]
                    for t in TABLES}  # fmt: skip
    finally:
        ctx.engines.dispose()


def test_overlapped_batches_write_the_same_rows(
    tmp_path: Path, desk_templates: DeskTemplates, monkeypatch: pytest.MonkeyPatch
) -> None:
    one_by_one = built(desk_templates, tmp_path / "a", 300, False, monkeypatch)
    overlapped = built(desk_templates, tmp_path / "b", 300, True, monkeypatch)
    at_once = built(desk_templates, tmp_path / "c", 1500, True, monkeypatch)
    assert len(one_by_one["cases"]) == 1500 and one_by_one["case_links"]
    for table in TABLES:
        assert overlapped[table] == one_by_one[table] == at_once[table], table
