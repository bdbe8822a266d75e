"""The fixtures' cloned desks (tests/desk_templates.py) are the desks migrating makes: the
same tables, columns, indexes, triggers, functions, grants, sequences and seed rows, on both
engines. Only ``audit_head.db_id`` differs: every migration draws a random one (the clones of
one session share their template's, as copies of one backup would)."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from hotline_desk.services.admin.setup import open_desk
from hotline_desk.services.context import ServiceContext
from hotline_desk.store import migrate
from hotline_desk.store.backup.pg_tools import PgPlace
from tests.conftest import Clock, _pg_schema_url
from tests.desk_templates import PLACEHOLDER, DeskTemplates, dump_schema


def _sqlite_dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        pragmas = [
            f"{name}={conn.execute(f'PRAGMA {name}').fetchone()[0]}"
            for name in ("user_version", "application_id", "journal_mode", "page_size")
        ]
        return pragmas + list(conn.iterdump())
    finally:
        conn.close()


def _pg_dump(url: str) -> list[str]:
    schema = PgPlace.of(url).schema
    assert schema
    server = make_url(url).difference_update_query(["options"]).render_as_string(False)
    dump = re.sub(rf"\b{schema}\b", PLACEHOLDER, dump_schema(server, schema))
    return [line for line in dump.splitlines() if not line.startswith("\\")]  # \restrict key


@pytest.fixture
def second_url(db_url: str, tmp_path: Path) -> Iterator[str]:
    """Another empty database of ``db_url``'s engine."""
    if make_url(db_url).get_backend_name() == "sqlite":
        yield f"sqlite+pysqlite:///{tmp_path / 'migrated' / 'hotline_desk.db'}"
    else:
        yield from _pg_schema_url()


def _dump(ctx: ServiceContext) -> list[str]:
    """Everything in the desk's database, its random ``db_id`` written as ``<db_id>``."""
    with ctx.engines.reader.connect() as conn:
        db_id = conn.exec_driver_sql("SELECT db_id FROM audit_head").scalar_one()
    ctx.engines.dispose()
    assert re.fullmatch("[0-9a-f]{32}", db_id)
    url = ctx.engines.url
    if url.get_backend_name() == "sqlite":
        assert url.database
        lines = _sqlite_dump(Path(url.database))
    else:
        lines = _pg_dump(url.render_as_string(False))
    return [line.replace(db_id, "<db_id>") for line in lines]


def test_a_cloned_desk_is_a_migrated_desk(
    db_url: str, second_url: str, clock: Clock, tmp_path: Path, desk_templates: DeskTemplates
) -> None:
    assert desk_templates.usable()
    cloned = desk_templates.open(db_url, tmp_path / "b1", clock, clock.now)
    assert migrate.current_revision(cloned.engines) == migrate.SCHEMA_HEAD
    migrated = open_desk(second_url, backup_dir=tmp_path / "b2", clock=clock)
    cloned_dump, migrated_dump = _dump(cloned), _dump(migrated)
    assert len(migrated_dump) > 100
    assert any("calendar_days" in line for line in migrated_dump)
    assert any("TRIGGER" in line for line in migrated_dump)
    assert any("CREATE INDEX" in line for line in migrated_dump)
    assert any("<db_id>" in line for line in migrated_dump)
    assert cloned_dump == migrated_dump


def test_a_clone_of_another_key_is_not_made(
    db_url: str, clock: Clock, tmp_path: Path, desk_templates: DeskTemplates,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """A test that set another audit key gets a desk migrated under that key."""
    monkeypatch.setenv("HOTLINE_DESK_AUDIT_KEY", "a5" * 32)
    assert not desk_templates.usable()
    ctx = desk_templates.open(db_url, tmp_path / "b", clock, clock.now)
    from hotline_desk.store import audit_key

    with ctx.engines.reader.connect() as conn:
        fp = conn.exec_driver_sql("SELECT key_fp FROM audit_head").scalar_one()
    ctx.engines.dispose()
    assert fp == audit_key.fingerprint(bytes.fromhex("a5" * 32))


def test_a_desk_with_a_data_directory_is_migrated_for_real(
    sqlite_url: str, clock: Clock, tmp_path: Path, desk_templates: DeskTemplates,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """Migrating notes the keyed chain in the data directory's audit.anchor: a clone would not."""
    from hotline_desk.store import audit_anchor, audit_key

    monkeypatch.setattr(audit_key, "_directory", tmp_path / "data")
    assert not desk_templates.usable()
    desk_templates.open(sqlite_url, tmp_path / "b", clock, clock.now).engines.dispose()
    anchor = audit_anchor.anchor_file()
    assert anchor is not None and anchor.exists()
