"""fill what earlier releases left empty and the current desk needs to move a case (issue 13)

A database made before 0004 (or upgraded from one) kept cases the desk could not move on: a
replied case had no ``callback_status`` (0004), so its callback was refused ("该办件的回访已经
结束"), closing was refused and it was missing from the 回访 page. This revision fills, where an
old release left nothing, exactly what the current code would have written at that step — and
nothing where the records do not say what happened. Every fill only replaces an empty value
(NULL, or a count of 0) or adds a row the current code would have added; no stored value is
changed. Nothing is filled in a database made from 0004 on (its desk wrote all of it).

- ``callback_status`` = ``pending`` for every replied case without one: 登记答复 sets it for
  every case, anonymous or confidential ones too (those then take 不回访, not a callback);
- ``callback_status`` and ``close_reason`` = ``not_required`` for a closed anonymous or
  confidential case without them: 不回访 is the only way the desk closes such a case. Other
  closed cases keep none: no callback is on record (the callbacks table came with 0004) and
  nothing reads them on a closed case — a reopen clears them;
- ``dispatched_at``, ``signed_at``, ``replied_at`` and ``replied_by`` (0003) from the latest
  转办/签收/答复 of the case's timeline, where it holds one (before 0003 the demo kept only
  the timeline): the deadline clocks start from them at the next start-up — a replied case
  gets its callback deadline, so it is due, ordered and overdue in the 回访 page like any
  other; a signing before the latest dispatch is not the current one (a dispatch clears it);
- ``lead_unit_id`` = the office for a 直办 case (tier 1) without a section (the demo before
  0003 left them so): the office head approves its reply, and the office's users see it;
- ``approval_step`` = ``section`` for a case awaiting approval without one (提交答复 sets it):
  the case is in the approver's 待审核 queue again;
- a ``reply_drafts`` row for a case awaiting approval without any (before 0003 no draft was
  kept): 审核通过 and 退回修改 review the latest draft. Its text says the old release did not
  keep the reply, so the approver sends it back for the handler to write it again;
- a pending ``return_requests`` row (and ``return_count``) for a case 退回待审 without one
  (before 0003 the request was only a timeline line): the desk approves or rejects it; its
  basis is that line, its section the case's (or the asker's), reason 其他.

Checked and needing nothing (the columns and tables of 0002–0006):

- 0002, 0005: indexes only;
- 0003 ``handling_unit_id``: a 交办 case without its 直属单位 (demo data) is handled by its
  lead section, which sees it and may act; ``handler_id``: set by 签收 or 提交答复 when empty;
  ``office_opinion``, ``reply_text``, ``reply_to`` (''), ``reply_sent_back`` (false),
  ``reroute_count`` (0), ``reject_reason``, ``reply_method``: shown when present, read by no
  rule; ``case_assignments``: the lead section is the case's ``lead_unit_id`` (visibility and
  queues read that); only assisting sections need rows, and none existed before 0003;
  ``handling_notes``, ``instructions``, ``reply_reviews``: history only; ``reply_templates``:
  seeded by 0003;
- 0004 deadlines (``sign_deadline`` … ``due_clock``, ``reply_limit``, ``reply_workdays``): given
  at the start-up after the upgrade (``prepare_deadlines``), which needs the calendar;
  ``closed_at``/``ended_at``: from the timeline by 0004 (the statistics fall back on
  ``updated_at``); ``callback_attempts``, ``urge_count``, ``reopen_count``,
  ``extension_days`` (0), ``satisfaction``, ``resolved``, ``screening``, ``reopened_at``,
  ``order_level``: empty is right before any callback, urge, reopen or order;
  ``merged_into_id``: a merged case is terminal, and the statistics count it as a duplicate by
  its status; ``time_limits``: seeded by 0004; the calendar: synced at start-up;
  ``office_settings``: each key falls back on its default; ``callbacks``, ``extensions``,
  ``supervisions``, ``case_links``, ``report_snapshots``: none before 0004 is right;
- 0006 facts: the derivation (``domain.facts.history_facts``) does not read the callback
  status, and takes each time from the column and the timeline alike (a time filled from its
  timeline event gives the same facts), so the facts 0006 derived stand; only a 直办 case
  dispatched on record before it got the office as its section has its facts derived again
  (they name its section from that dispatch on). tests/upgrades checks the stored facts are
  those the records give after this revision.

Revision ID: 0007_upgrade_fill
Revises: 0006_facts
Create Date: 2026-12-08 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_upgrade_fill"
down_revision = "0006_facts"
branch_labels = None
depends_on = None

DISPATCHES = "'dispatched', 'rerouted', 'return_approved', 'handled_directly'"
REPLIED, SIGNED, SUBMITTED = "'replied'", "'signed'", "'reply_submitted'"
ASKED = "'return_requested'"
DRAFT_TEXT = "(旧版本未保存本稿答复内容,系统升级时补记。请退回修改,由经办人重新提交答复。)"
RETURN_BASIS = "(旧版本未保存退回依据,系统升级时补记。)"


def _latest(kinds: str, column: str) -> str:
    """The ``column`` of the case's latest timeline event of ``kinds`` (a scalar subquery)."""
    return (
        f"(SELECT e.{column} FROM case_events e WHERE e.case_id = cases.id "
        f"AND e.kind IN ({kinds}) ORDER BY e.at DESC, e.id DESC LIMIT 1)"
    )


def _has(kinds: str, extra: str = "") -> str:
    return (
        f"EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = cases.id "
        f"AND e.kind IN ({kinds}){extra})"
    )


def _run(sql: str, **params: object) -> int:
    return int(op.get_bind().execute(sa.text(sql), params).rowcount or 0)


def _timeline_times() -> dict[str, int]:
    out = {
        "replied_by": _run(
            f"UPDATE cases SET replied_by = {_latest(REPLIED, 'actor_id')} "
            f"WHERE replied_at IS NULL AND replied_by IS NULL AND {_has(REPLIED)}"
        ),
        "replied_at": _run(
            f"UPDATE cases SET replied_at = {_latest(REPLIED, 'at')} "
            f"WHERE replied_at IS NULL AND {_has(REPLIED)}"
        ),
        "dispatched_at": _run(
            f"UPDATE cases SET dispatched_at = {_latest(DISPATCHES, 'at')} "
            f"WHERE dispatched_at IS NULL AND {_has(DISPATCHES)}"
        ),
    }
    out["signed_at"] = _run(
        f"UPDATE cases SET signed_at = {_latest(SIGNED, 'at')} "
        "WHERE signed_at IS NULL AND status NOT IN ('registered', 'dispatched') AND "
        + _has(SIGNED, " AND (cases.dispatched_at IS NULL OR e.at >= cases.dispatched_at)")
    )
    return out


def _direct_cases_to_the_office() -> tuple[int, list[int]]:
    """直办 cases without a section get the office; returns how many, and those whose facts
    name their section (dispatched on record) for deriving again."""
    bind = op.get_bind()
    office = bind.execute(
        sa.text("SELECT id FROM org_units WHERE kind = 'office' ORDER BY id LIMIT 1")
    ).scalar()
    if office is None:
        return 0, []
    where = "tier = 1 AND lead_unit_id IS NULL"
    again = [
        r[0]
        for r in bind.execute(
            sa.text(
                f"SELECT id FROM cases WHERE {where} AND "
                f"(dispatched_at IS NOT NULL OR {_has(DISPATCHES)})"
            )
        )
    ]
    return _run(f"UPDATE cases SET lead_unit_id = :office WHERE {where}", office=office), again


def _drafts_and_returns() -> dict[str, int]:
    waiting = "cases.status = 'awaiting_approval'"
    out = {
        "approval_step": _run(
            f"UPDATE cases SET approval_step = 'section' WHERE {waiting} AND approval_step IS NULL"
        ),
        "reply_drafts": _run(
            "INSERT INTO reply_drafts (case_id, seq, text, author_id, submitted_at) "
            f"SELECT cases.id, 1, :text, {_latest(SUBMITTED, 'actor_id')}, "
            f"COALESCE({_latest(SUBMITTED, 'at')}, cases.updated_at) FROM cases "
            f"WHERE {waiting} AND NOT EXISTS "
            "(SELECT 1 FROM reply_drafts d WHERE d.case_id = cases.id)",
            text=DRAFT_TEXT,
        ),
    }
    unit = (
        "COALESCE(cases.handling_unit_id, cases.lead_unit_id, "
        f"(SELECT u.org_unit_id FROM users u WHERE u.id = {_latest(ASKED, 'actor_id')}), "
        "(SELECT min(o.id) FROM org_units o WHERE o.kind = 'office'))"
    )
    out["return_requests"] = _run(
        "INSERT INTO return_requests (case_id, org_unit_id, reason, basis, from_status, "
        "requested_by, requested_at, decision_note) "
        f"SELECT cases.id, {unit}, 'other', COALESCE({_latest(ASKED, 'summary')}, :basis), "
        f"CASE WHEN {_latest(ASKED, 'from_status')} = 'in_progress' THEN 'in_progress' "
        "ELSE 'dispatched' END, "
        f"{_latest(ASKED, 'actor_id')}, COALESCE({_latest(ASKED, 'at')}, cases.updated_at), '' "
        f"FROM cases WHERE cases.status = 'return_requested' AND {unit} IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM return_requests r WHERE r.case_id = cases.id AND r.decision IS NULL)",
        basis=RETURN_BASIS,
    )
    _run(
        "UPDATE cases SET return_count = (SELECT count(*) FROM return_requests r "
        "WHERE r.case_id = cases.id) WHERE status = 'return_requested' AND return_count = 0"
    )
    return out


def _callback_state() -> dict[str, int]:
    return {
        "callback_pending": _run(
            "UPDATE cases SET callback_status = 'pending' "
            "WHERE status = 'replied' AND callback_status IS NULL"
        ),
        "closed_not_required": _run(
            "UPDATE cases SET callback_status = 'not_required', "
            "close_reason = COALESCE(close_reason, 'not_required') "
            "WHERE status = 'closed' AND callback_status IS NULL AND (anonymous = :yes OR "
            "confidential = :yes)",
            yes=True,
        ),
    }


def upgrade() -> None:
    filled = _timeline_times()
    filled["direct_to_office"], again = _direct_cases_to_the_office()
    filled.update(_drafts_and_returns())
    filled.update(_callback_state())
    bind = op.get_bind()
    if again:
        from hotline_desk.services.stats.rebuild import rebuild_facts

        rebuild_facts(bind, again)
    if any(filled.values()):
        from sqlalchemy.orm import Session

        from hotline_desk.services.audit import record_audit
        from hotline_desk.services.context import local_now

        session = Session(bind=bind)
        try:
            record_audit(session, local_now(), None, "schema_upgrade_fill", "database",
                         revision, {k: v for k, v in filled.items() if v},
                         actor_name="system")  # fmt: skip
            session.flush()
        finally:
            session.close()


def downgrade() -> None:
    """The filled values are what the desk would have written; they stay."""
