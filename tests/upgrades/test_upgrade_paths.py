"""Upgrading a database from every earlier schema (issue 13), on SQLite and PostgreSQL.

For each revision an empty database is migrated to it and written as that release's desk
left it (``scenarios``: a case in every state it could reach, users, timelines, drafts,
returns, callbacks, extensions, supervision, audit rows), then upgraded to head as the desk
does on start. Afterwards every row and every old column is as it was — but for the values
migration 0007 fills where an old release left them empty — the case facts are those the
records give, what the current code needs of every case holds (``dump.UNMET``), every replied
case waits in the 回访 queue, every case takes its next step through the services, and a
second start at head changes nothing. The paths ``…_via_0006`` are offices that upgraded to
0006 before this release (and whose cases it left stuck).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Connection, select

from hotline_desk.services.admin import calendar
from hotline_desk.services.admin.setup import prepare_deadlines
from hotline_desk.services.audit import verify_chain
from hotline_desk.services.callbacks.queue import callback_queue
from hotline_desk.services.context import ServiceContext
from hotline_desk.store import migrate
from hotline_desk.store.engine import Engines, make_engines
from hotline_desk.store.models import Case
from tests.conftest import Clock
from tests.upgrades.dump import dump, dumped_facts, facts_and_derived, unmet
from tests.upgrades.old_desk import LEVEL, NOW, REVISIONS, OldDesk, migrate_empty
from tests.upgrades.scenarios import next_steps, write_cases
from tests.upgrades.steps import actors, offered, perform

VIA_0006 = ("0001_via_0006", "0003_via_0006")
FACT_TABLES = {"case_facts", "fact_instants", "fact_marks", "fact_months", "fact_month_cells"}
FILLED = {  # (table, column): what migration 0007 may write where an old release left nothing
    ("cases", c): None
    for c in ("dispatched_at", "signed_at", "replied_at", "replied_by", "lead_unit_id",
              "approval_step", "callback_status", "close_reason")
} | {("cases", "return_count"): 0}  # fmt: skip


def write_old(url: str, revision: str) -> dict[str, int]:
    """The fixture database at ``revision``; returns case name → id."""

    def write(conn: Connection) -> dict[str, int]:
        w = OldDesk(conn, revision)
        try:
            w.add_users()
            write_cases(w)
        finally:
            w.close()
        if w.level >= 6:  # that desk recorded facts as it went, and ran clocks before routing
            from hotline_desk.services.stats.rebuild import rebuild_facts

            rebuild_facts(conn)
            w.put("office_settings", key="clock_rules_revision", value="1")
        return w.cases

    return migrate_empty(url, revision, write)


def upgrade_to_0006_and_start(url: str) -> None:
    """What an office that upgraded to 0006 before this release has: the 0006 schema, its
    facts, and the deadlines the start-up after that upgrade gave its open cases."""
    engines = make_engines(url)
    try:
        cfg = migrate.alembic_config()
        with engines.writer.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0006_facts")
        prepare_deadlines(ServiceContext.for_engines(engines, Clock(NOW)), backfill=True)
    finally:
        engines.dispose()


def changed_columns(before: dict, after: dict) -> Counter[tuple[str, str]]:  # type: ignore[type-arg]
    """Checks every old row and column survived and the row counts held, but for the rows 0007
    reports adding (its audit row says how many); returns how many values of each column
    changed (each from nothing to something, in a column 0007 fills)."""
    changed: Counter[tuple[str, str]] = Counter()
    new_rows = [r for k, r in after["audit_log"].items() if k not in before["audit_log"]]
    added = [r for r in new_rows if r["action"] != "audit_rekeyed"]
    assert len(added) <= 1, "the upgrade writes one audit row at most (and 0009's re-key)"
    rekeyed = [json.loads(r["detail"]) for r in new_rows if r["action"] == "audit_rekeyed"]
    # 0009 re-chains every row (0007's too) under the new key and says how many
    assert [r["rows"] for r in rekeyed] == [len(before["audit_log"]) + len(added)]
    report = json.loads(added[0]["detail"]) if added else {}
    assert not added or added[0]["action"] == "schema_upgrade_fill"
    for table, rows in before.items():
        new = after[table]
        if table == "audit_head" or table in FACT_TABLES:  # checked on their own
            continue
        grown = len(new_rows) if table == "audit_log" else report.get(table, 0)
        assert len(new) == len(rows) + grown, table
        for key, row in rows.items():
            for column, value in row.items():
                if table == "audit_log" and column in ("prev_hash", "hash"):
                    continue  # re-chained by 0009 under the key (verified below)
                if new[key][column] != value:
                    assert (table, column) in FILLED, (table, column, key, value, new[key][column])
                    assert value == FILLED[(table, column)], (table, column, key, value)
                    changed[(table, column)] += 1
    return changed


def check_queue_and_steps(ctx: ServiceContext, cases: dict[str, int], level: int) -> None:
    users = actors(ctx)
    desk = users["duban"]
    with ctx.uow.read() as uow:
        status = dict(uow.session.execute(select(Case.id, Case.status)).all())
    pending = {r.id for r in callback_queue(ctx, desk, "pending").rows}
    assert pending == {i for i, s in status.items() if s == "replied"} - {
        cases.get(n) for n in ("replied_reached", "replied_unsatisfied")
    }
    assert set(cases.values()) == set(status), "every case of the database is a scenario"
    for name, case_id in cases.items():
        steps = next_steps(name, level)
        if not steps:  # 不予受理 and 并单 end a case for good
            assert status[case_id] in ("rejected", "merged")
            assert offered(ctx, desk, case_id)[1] == []
        for step in steps:
            version, actions = offered(ctx, users[step.actor], case_id)
            assert step.action in actions, (name, step, actions)
            done = perform(ctx, users[step.actor], case_id, version, step.action)
            assert done.status == step.then, (name, step)


@pytest.mark.parametrize("path", [*REVISIONS, *VIA_0006])
def test_an_old_database_upgrades_keeping_every_row_and_every_case_moves_on(
    db_url: str, tmp_path: Path, path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the start-ups add only the year the cases live in (the calendar is not on trial here)
    monkeypatch.setattr(calendar, "package_years", lambda: [NOW.year])
    revision = path.split("_via_")[0]
    level = LEVEL[revision]
    cases = write_old(db_url, revision)
    if path in VIA_0006:
        upgrade_to_0006_and_start(db_url)
    engines: Engines = make_engines(db_url)
    try:
        before = dump(engines)
        stuck = unmet(engines) if path in VIA_0006 else None
        upgraded = migrate.upgrade(engines, tmp_path / "backups")
        assert upgraded and migrate.current_revision(engines) == migrate.SCHEMA_HEAD
        after = dump(engines)
        changed = changed_columns(before, after)
        if level >= 4 and path not in VIA_0006:  # that desk left nothing empty
            assert not changed and len(after["audit_log"]) == len(before["audit_log"]) + 1
        if stuck is not None:
            assert any(stuck.values())  # the office at 0006 had stuck cases: 0007 moves them
        assert not any(unmet(engines).values()), unmet(engines)
        stored, derived = facts_and_derived(engines)
        if path in VIA_0006:  # each case's facts are kept, or derived again where 0007 said so
            kept = dumped_facts(before)
            assert all(f in (kept.get(c), derived[c]) for c, f in stored.items())
            assert set(stored) == set(kept)
        else:
            assert stored == derived, "the facts are those the records give"
        ctx = ServiceContext.for_engines(engines, Clock(NOW))
        with ctx.uow.read() as uow:
            assert verify_chain(uow.session).ok, "the audit chain holds the upgrade's row"
        prepare_deadlines(ctx, backfill=upgraded)  # the start-up after an upgrade
        with ctx.uow.read() as uow:
            unsigned = uow.session.execute(
                select(Case.case_no, Case.dispatched_at, Case.sign_deadline).where(
                    Case.status == "dispatched"
                )
            ).all()
        assert unsigned and all(r.sign_deadline for r in unsigned), "each has its sign clock"
        check_queue_and_steps(ctx, cases, level)
        at_head = dump(engines)
        assert not migrate.upgrade(engines, tmp_path / "backups"), "at head: nothing to do"
        assert dump(engines) == at_head
    finally:
        engines.dispose()
