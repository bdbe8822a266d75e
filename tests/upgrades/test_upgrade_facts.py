"""Upgrading an existing database to statistics from facts (issue 12, migration 0006), on SQLite
and PostgreSQL: for each earlier schema (0001 … 0005_i7) an empty database is migrated to that
revision and the hand-built dataset (tests/stats_data.py) is written into it as that schema
holds it — only the tables and columns it has; what came later simply is not there, as on an
old desk — then the desk is opened, which upgrades it to head (0004 takes closing times from the
timeline, 0006 derives the facts, the start-up gives open cases their deadlines), and October
and November 2026 are counted.

From 0004 on the database holds every record the derivation reads: the figures are the hand
counts of tests/services/test_stats.py. Before 0004 (no deadline, closing, callback, extension,
merge or duplicate-link columns or tables) and before 0003 (no dispatch, signing or reply times,
no return requests) the expected figures below are worked out by hand from the dataset's table,
each with why it survives or why it cannot.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import Connection, update

from hotline_desk.domain.kpi import Breakdown
from hotline_desk.services.admin.setup import open_desk
from hotline_desk.services.stats import figures
from hotline_desk.store import migrate
from tests import stats_data
from tests.conftest import Clock, add_user
from tests.services.test_stats import NOV, NOV_COUNTS, OCT, OCT_COUNTS
from tests.upgrades.old_desk import SchemaRows, migrate_empty

NOW = datetime(2026, 12, 5, 9, 0)  # the upgrade runs after both months are over

# --- 0003: lifecycle columns (dispatched_at, signed_at, replied_at) and return requests exist;
# no deadlines, closing or ending times, reopen columns, reply working days, callbacks,
# extensions, merges or duplicate links (all 0004). The timeline (case_events, since 0001) holds
# the dataset's reopen events (22, 33, 43), the first rounds' replies of 22 (Oct 22) and 43
# (Oct 14), 43's first closing (Oct 16), 32's first dispatch (Nov 13) and 46's merge (Nov 2).
# 0004 sets closed_at / ended_at of closed, rejected and merged cases from those events only:
# 43 closed on Oct 16, 46 ended on Nov 2. Every other case the dataset has closed, rejected or
# merged has no ending on record here (its ending is a 0004 column, and the dataset writes no
# 办结 / 不予受理 / 并单 event, which the releases before 0004 did write for what they could
# do), so the upgrade takes it to have ended when its row was last changed (``updated_at``,
# which the dataset leaves at the receipt time): it is not open at any later month start.
OCT_0003 = {
    "received": 20,  # receipt times were always kept: as at head
    "duplicates": 1,  # 13, merged (its status) when it ended (its receipt); 14's link is a
    # 0004 table
    "carried_over": 1,  # 5 (registered); 1–4, 6, 7 are in ended states with no ending time on
    # record: ended at their last change, their receipt (at head: 5)
    "direct": 3,  # 3, 16, 17: tier 1, replied after their (tier-1) dispatch: as at head
    "dispatched": 12,  # dispatched_at (0003): the same twelve as at head
    "signed": 12,  # signed_at (0003): the same twelve as at head
    "signed_on_time": 12,  # no sign deadline before 0004: every signing counts as on time
    # (9 and 19 were late by the dataset's deadlines)
    "replied": 13,  # replied_at (0003) plus the first rounds of 22 and 43 from the timeline
    "replied_on_time": 13,  # no reply deadline before 0004: every reply counts as on time
    "replied_late": 0,  # (10 and 17 were late): nothing to be late against
    "overdue_open": 0,  # no reply deadline before 0004 (45's is a 0004 column)
    "closed": 1,  # 43's closing on Oct 16 is in the timeline; the other nine are closed_at (0004)
    "extensions": 0,  # no extensions table before 0004 (7's is not there)
    "returns": 1,  # 18: return_requests came with 0003
    "callback_due": 0,  # a round is due for callback by its callback_deadline (0004)
    "callback_reached": 0,  # no callbacks table before 0004
    "rated": 0,  # ratings are given on callbacks (0004)
    "satisfied": 0,  # ratings: 0004
    "basically": 0,  # ratings: 0004
    "resolved": 0,  # ratings: 0004
    "reopened": 1,  # 22: the reopen is a timeline event
    "workdays_sum": 0,  # reply_workdays is a 0004 column
    "workdays_n": 0,  # no reply has its working days
    "reentered": 1,  # 22: ended at its receipt (no ending on record), reopened Oct 24
    "moved_in": 0,  # 18 was routed (Oct 27) after it had ended at its receipt: no move
    "moved_out": 0,
    "ended": 14,  # ended at their receipt: 8–11, 13, 14–16, 18, 19, 21, 22, 42, 44 (43 closed
    # by its timeline, 46 ends in Nov, 12, 17, 20, 45 are open)
}
NOV_0003 = {
    "received": 18,  # as at head
    "duplicates": 3,  # 46, merged on Nov 2 by its timeline; 28 and 29, merged (their status)
    # when they ended (their receipt, Nov 9 and 10)
    "carried_over": 7,  # open on Nov 1: 5, 12, 17, 20, 45 (not in an ended state); 22 (ended at
    # its receipt, reopened Oct 24 by its timeline); 46 (ends Nov 2). Not 43 (closed Oct 16 by
    # its timeline, reopened Nov 3); the others ended at their receipt (at head: 13)
    "direct": 1,  # 30: as at head
    "dispatched": 13,  # dispatched_at plus 32's first dispatch from the timeline: as at head
    "signed": 12,  # signed_at: as at head
    "signed_on_time": 12,  # no sign deadlines: 25 (late at head) counts as on time
    "replied": 15,  # replied_at; 43's second round (Nov 9) is its replied_at: as at head
    "replied_on_time": 15,  # no reply deadlines: 2, 11, 22, 24 (late at head) count as on time
    "replied_late": 0,  # nothing to be late against
    "overdue_open": 0,  # no reply deadlines: 12, 26, 32, 33 (and 45) are not overdue on Dec 1;
    # the start-up's backfill gives the open routed ones deadlines from the upgrade on
    "closed": 0,  # the November closings are closed_at values (0004), none in the timeline
    "extensions": 0,  # no extensions table (25's is not there)
    "returns": 1,  # 32 (A asked): return_requests came with 0003
    "callback_due": 0,  # no callback deadline
    "callback_reached": 0,  # no callbacks table
    "rated": 0,  # ratings: 0004
    "satisfied": 0,  # ratings: 0004
    "basically": 0,  # ratings: 0004
    "resolved": 0,  # ratings: 0004
    "reopened": 2,  # 33, 43: timeline events
    "workdays_sum": 0,  # no reply_workdays
    "workdays_n": 0,  # no reply has its working days
    "reentered": 1,  # 43, closed Oct 16 by its timeline (33 was still open)
    "moved_in": 0,  # 42 had ended at its receipt before it was routed
    "moved_out": 0,
    "ended": 9,  # at their receipt: 23, 24, 27, 28, 29, 30, 34, 37; 46 on Nov 2 (timeline)
}

# --- 0001 and 0002 (the same tables; 0002 only adds an index): cases have their receipt, tier,
# section and status but no dispatch, signing or reply time; no return requests either. Beyond
# the receipts, only the timeline's events (above) remain.
OCT_0001 = {  # as at 0003, but for what needs the 0003 lifecycle columns
    **OCT_0003,
    "direct": 0,  # a reply is direct when its case was in tier 1 then, i.e. dispatched to the
    # office before it; no dispatch is on record, so no case has a tier yet
    "dispatched": 0,  # no dispatched_at, no dispatch event in October
    "signed": 0,  # no signed_at, no signing event
    "signed_on_time": 0,  # no signings
    "replied": 2,  # only the timeline's replies: 22 (Oct 22) and 43 (Oct 14)
    "replied_on_time": 2,  # no deadline to be late against
    "returns": 0,  # no return_requests before 0003 (18's is not there)
}
NOV_0001 = {  # as at 0003, but for what needs the 0003 lifecycle columns
    **NOV_0003,
    "direct": 0,  # 30's reply time is not on record, and it has no tier yet
    "dispatched": 1,  # 32's dispatch event on Nov 13 (tier 2); its re-dispatch on Nov 15 was
    # dispatched_at (0003)
    "signed": 0,  # no signed_at, no signing event
    "signed_on_time": 0,  # no signings
    "replied": 0,  # every November reply is a replied_at value (0003)
    "replied_on_time": 0,  # no replies
    "returns": 0,  # 32's return request is not there
}

EXPECTED = {
    "0001": (OCT_0001, NOV_0001),
    "0002": (OCT_0001, NOV_0001),
    "0003": (OCT_0003, NOV_0003),
    "0004": (OCT_COUNTS, NOV_COUNTS),
    "0005_i7": (OCT_COUNTS, NOV_COUNTS),
}


# What of the dataset the schema at each revision has no place for: tables, and columns of the
# case row (those the statistics read; the full lists are in db/versions/0003 and 0004).
NO_TABLES_BEFORE_0003 = {"return_requests", "callbacks", "extensions", "case_links"}
NO_TABLES_BEFORE_0004 = {"callbacks", "extensions", "case_links"}
LIFECYCLE = {"dispatched_at", "signed_at", "replied_at", "return_count"}  # 0003 (the next, 0004)
DEADLINES_AND_ENDS = {"sign_deadline", "reply_deadline", "reply_deadline_original", "closed_at",
                      "ended_at", "reopen_count", "reopened_at", "reply_workdays",
                      "callback_deadline", "callback_status", "extension_days"}  # fmt: skip
LEFT_OUT = {
    "0001": (NO_TABLES_BEFORE_0003, LIFECYCLE | DEADLINES_AND_ENDS),
    "0002": (NO_TABLES_BEFORE_0003, LIFECYCLE | DEADLINES_AND_ENDS),
    "0003": (NO_TABLES_BEFORE_0004, DEADLINES_AND_ENDS),
    "0004": (set(), set()),
    "0005_i7": (set(), set()),
}


def migrate_to(url: str, revision: str) -> tuple[set[str], set[str]]:
    """An empty database brought to ``revision`` (as the desk of that release made it), with
    the seed bureau and the hand-built dataset written as that schema holds them; returns the
    tables and case columns of the dataset it had no place for."""
    return migrate_empty(url, revision, write_dataset)


def write_dataset(conn: Connection) -> tuple[set[str], set[str]]:
    """The dataset's rows, each keeping only the columns of tables the schema already has;
    returns the tables and case columns left out."""
    rows = SchemaRows(conn)
    units, topics = rows.ids("org_units"), rows.ids("topics")
    cases = rows.meta.tables["cases"]
    ids = {n: rows.put("cases", **stats_data.case_row(n, units, topics))
           for n in sorted(stats_data.CASES)}  # fmt: skip
    for n in stats_data.CASES:
        for name, values in stats_data.related_rows(n, ids, units):
            rows.put(name, **values)
    if "merged_into_id" in cases.c:
        for n, target in stats_data.MERGED_INTO.items():
            conn.execute(
                update(cases).where(cases.c.id == ids[n]).values(merged_into_id=ids[target])
            )
    else:
        rows.no_column.add("merged_into_id")
    return rows.no_table, rows.no_column


@pytest.mark.parametrize("revision", list(EXPECTED))
def test_past_months_after_the_upgrade_are_the_hand_counts(
    db_url: str, tmp_path: Path, revision: str
) -> None:
    no_table, no_column = migrate_to(db_url, revision)
    tables, columns = LEFT_OUT[revision]
    assert no_table == tables, "the tables the comments describe"
    assert columns <= no_column if columns else not no_column, "the case columns they describe"
    ctx = open_desk(db_url, backup_dir=tmp_path / "backups", clock=Clock(NOW))  # upgrades
    try:
        assert migrate.current_revision(ctx.engines) == migrate.SCHEMA_HEAD
        leader = add_user(ctx, "leader")  # a real account: services re-check the session
        for period, expected in zip((OCT, NOV), EXPECTED[revision], strict=True):
            table = figures.compute_table(ctx, leader, period, Breakdown.BUREAU)
            counts = dict(table.total.counts)
            assert counts == expected, period.key
    finally:
        ctx.engines.dispose()
