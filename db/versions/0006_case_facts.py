"""statistics from facts: ``case_facts``, ``fact_instants``, ``fact_marks`` (issue 12)

Monthly figures used to read the case row's current state, so a reopen erased the month a case
was closed in and a late callback moved a past 回访率. From this revision each thing that
happens to a case is a fact row, dated when it happened and never rewritten
(``hotline_desk/domain/facts.py``); a period reads only the facts dated inside it and the open
cases at its start and end.

The upgrade derives the facts of every existing case from what the database kept (the case
row, its timeline events, callbacks, approved extensions and returns, duplicate links:
``services/stats/rebuild.py``). What those records do not hold, and so cannot be reconstructed:

- **the cell before the latest edit or re-route**: a case counts under its current section,
  category, topic and tier from its first dispatch on (and as 未转办 before it); a return counts
  under the section that asked, which was kept;
- **the reply deadline of a round before the latest reopen**: its reply is judged against the
  original deadline when the case was never reopened, otherwise counted on time, and it is
  not overdue at a month end in that round; its working days are left out of 平均办理时长;
- **the callback deadline of a round before the latest reopen**: that round is not in 回访率's
  base (its ratings still count in 满意率 and 解决率);
- **the sign deadline of any signing but the latest**: an earlier signing (kept only as a
  timeline event) counts as on time; the latest is judged against the latest dispatch's sign
  deadline, even when it came before that dispatch;
- **a reply deadline for a case never routed**: no earlier release stored one before the case
  was dispatched or handled directly, so a case waiting to be routed is not overdue at the
  month ends before the upgrade; the first start of this release gives it its deadline from
  receipt (``prepare_deadlines``), and it can be overdue from then on;
- **the month of a duplicate**: a case merged or linked as a duplicate counts when it was
  merged (or first linked), no longer in the month it was received.

A database made before 0004 kept no time limits, closing times, callbacks, extensions, merges
or duplicate links, and one made before 0003 no dispatch, signing or reply times and no returns
(tests/upgrades/test_upgrade_facts.py counts what survives). From such a database:

- **signings and replies before 0004** had no deadline: they count as on time (按时签收率,
  按时办结率), and no case is overdue at a month end before the upgrade; the routed cases
  open then get their deadlines at the next start-up (``backfill_deadlines``) and can be
  overdue from then on;
- **the working days of replies before 0004** were not kept: those replies are left out of
  平均办理时长;
- **endings before 0004** are known only from the timeline (0004 took ``closed_at`` and
  ``ended_at`` from the 办结, 不予受理 and 并单 events): a case in an ended state without such
  an event (which no release wrote, but imported or edited rows may be) is taken to have ended
  when its row was last changed (``updated_at``);
- **merges before 0004** (demo data): a case 已并单 without ``merged_into_id`` counts as a
  duplicate when it ended;
- **callback clocks started by the upgrade**: a replied case given its callback deadline by the
  start-up's ``backfill_deadlines`` enters 回访率's base from that moment (the months before it
  are over and do not move);
- **before 0003**: dispatches, signings and replies count only where the timeline holds them,
  and a case counts under its section and tier only from a dispatch the timeline holds.

Months already frozen keep the figures they were issued with (their snapshot).

Revision ID: 0006_facts
Revises: 0005_i7
Create Date: 2026-12-05 15:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_facts"
down_revision = "0005_i7"
branch_labels = None
depends_on = None

CELL = ["section_id", "category", "channel", "topic_id", "tier"]


def upgrade() -> None:
    op.create_table(
        "case_facts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("round", sa.Integer, nullable=False),
        sa.Column("section_id", sa.Integer),
        sa.Column("category", sa.String(16)),
        sa.Column("channel", sa.String(16)),
        sa.Column("topic_id", sa.Integer),
        sa.Column("tier", sa.Integer),
        sa.Column("due_at", sa.DateTime),
        sa.Column("on_time", sa.Boolean),
        sa.Column("workdays", sa.Integer),
        sa.Column("outcome", sa.String(16)),
        sa.Column("rating", sa.String(12)),
        sa.Column("resolved", sa.Boolean),
        sa.Column("is_open", sa.Boolean, nullable=False),
        sa.Column("replied", sa.Boolean, nullable=False),
        sa.Column("reply_due", sa.DateTime),
    )
    op.create_table(
        "fact_instants",
        sa.Column("instant", sa.DateTime, primary_key=True),
        sa.Column("made_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "fact_marks",
        sa.Column("instant", sa.DateTime, primary_key=True),
        sa.Column("case_id", sa.Integer, primary_key=True),
        *(sa.Column(c, sa.Integer if c.endswith("id") or c == "tier" else sa.String(16))
          for c in CELL),
        sa.Column("replied", sa.Boolean, nullable=False),
        sa.Column("reply_due", sa.DateTime),
    )  # fmt: skip
    op.create_table(
        "fact_months",
        sa.Column("month", sa.DateTime, primary_key=True),
        sa.Column("made_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "fact_month_cells",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("month", sa.DateTime, nullable=False),
        sa.Column("breakdown", sa.String(10), nullable=False),
        sa.Column("value", sa.String(40)),
        sa.Column("counts", sa.Text, nullable=False),
    )
    op.create_index("ix_fact_month_cells_month", "fact_month_cells", ["month", "breakdown"])
    from hotline_desk.services.stats.rebuild import rebuild_facts

    rebuild_facts(op.get_bind())
    op.create_index(
        "ix_case_facts_at",
        "case_facts",
        ["at", "kind", *CELL, "on_time", "workdays", "rating", "resolved", "outcome"],
    )
    op.create_index("ix_case_facts_due", "case_facts", ["due_at", "kind", "at", "outcome", *CELL])
    op.create_index("ix_case_facts_case", "case_facts", ["case_id", "at", "id"])  # fmt: skip


def downgrade() -> None:
    op.drop_table("fact_month_cells")
    op.drop_table("fact_months")
    op.drop_table("fact_marks")
    op.drop_table("fact_instants")
    op.drop_table("case_facts")
