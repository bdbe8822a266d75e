"""Unsubmitted drafts (issue 18, no lost work): ``save_draft`` keeps what a user typed into a
dialog or the registration form, ``load_draft`` offers it again, ``discard_draft`` drops it.

A draft belongs to one user: every query is keyed by ``actor.user_id``, never by a user the
caller names, so no one reads, overwrites or drops another user's draft. A draft on a case is
kept only while the actor may see the case.

Drafts are not business writes: no timeline event (nothing happened to the case) and no audit
row. An autosave every few seconds of typing would bury the audit log under rows that say
nothing an auditor needs, and the audit detail must not carry the drafted text (a caller's
personal data, unapproved wording). What a draft becomes is audited when it is submitted.
Nothing is announced either: no other view shows drafts.

Drafts go when the case reaches a terminal state (closed, rejected, merged: ``drop_case_drafts``
inside that transaction), when their owner discards them or saves the form, and after
``DRAFT_DAYS`` days without a change (purged on every save; older ones are never offered).
Backups include the table like any other.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from hotline_desk.domain.errors import Msg, NotFound, ValidationError
from hotline_desk.services.boundary import user_input
from hotline_desk.services.cases.visibility import visible_to
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.store.models import Case, UnsavedDraft

DRAFT_DAYS = 30
"""A draft nobody touched for this many days is removed (and never offered)."""
PAYLOAD_MAX = 200_000
"""Characters of JSON one draft may hold (the longest form, twice over)."""
_KIND = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,39}")

DraftValue = str | bool | int | None


@dataclass(frozen=True)
class KeptDraft:
    """A draft as its owner gets it back."""

    kind: str
    case_id: int | None
    fields: dict[str, DraftValue]
    updated_at: datetime


def _check_kind(kind: str) -> None:
    if not _KIND.fullmatch(kind):
        raise ValidationError({"kind": Msg("草稿类型无效")})


def _mine(actor: Actor, kind: str, case_id: int | None):  # type: ignore[no-untyped-def]
    """The actor's draft of ``kind`` on ``case_id`` (none: the registration form)."""
    case = UnsavedDraft.case_id.is_(None) if case_id is None else UnsavedDraft.case_id == case_id
    return (UnsavedDraft.user_id == actor.user_id, UnsavedDraft.kind == kind, case)


@user_input
def save_draft(ctx: ServiceContext, actor: Actor, kind: str, case_id: int | None,
               fields: dict[str, DraftValue]) -> KeptDraft:  # fmt: skip
    """Keep ``fields`` as the actor's draft of ``kind`` on ``case_id`` (replacing the last)."""
    _check_kind(kind)
    payload = json.dumps(fields, ensure_ascii=False, sort_keys=True)
    if len(payload) > PAYLOAD_MAX:
        raise ValidationError({"fields": Msg("草稿过长，未保存")})
    now = ctx.now()
    with ctx.uow.write() as uow:
        s = uow.session
        if case_id is not None:
            seen = s.execute(select(Case.id).where(Case.id == case_id, visible_to(actor)))
            if seen.scalar_one_or_none() is None:
                raise NotFound("办件不存在或您无权查看")
        s.execute(delete(UnsavedDraft).where(UnsavedDraft.updated_at < now - timedelta(DRAFT_DAYS)))
        row = s.execute(select(UnsavedDraft).where(*_mine(actor, kind, case_id))).scalars().first()
        if row is None:
            row = UnsavedDraft(user_id=actor.user_id, case_id=case_id, kind=kind)
            s.add(row)
        row.payload, row.updated_at = payload, now
        uow.commit()
    return KeptDraft(kind, case_id, dict(fields), now)


@user_input
def load_draft(ctx: ServiceContext, actor: Actor, kind: str, case_id: int | None
               ) -> KeptDraft | None:  # fmt: skip
    """The actor's own draft of ``kind`` on ``case_id``, if one younger than ``DRAFT_DAYS``."""
    _check_kind(kind)
    with ctx.uow.read() as uow:
        row = (
            uow.session.execute(
                select(UnsavedDraft)
                .where(*_mine(actor, kind, case_id))
                .where(UnsavedDraft.updated_at >= ctx.now() - timedelta(DRAFT_DAYS))
                .order_by(UnsavedDraft.updated_at.desc())
            )
            .scalars()
            .first()
        )
        if row is None:
            return None
        try:
            fields = json.loads(row.payload)
        except ValueError:
            return None
        if not isinstance(fields, dict):
            return None
        return KeptDraft(row.kind, row.case_id, fields, row.updated_at)


@user_input
def discard_draft(ctx: ServiceContext, actor: Actor, kind: str, case_id: int | None) -> None:
    """Drop the actor's own draft of ``kind`` on ``case_id`` (nothing when there is none)."""
    _check_kind(kind)
    with ctx.uow.write() as uow:
        uow.session.execute(delete(UnsavedDraft).where(*_mine(actor, kind, case_id)))
        uow.commit()


def drop_case_drafts(s: Session, case_id: int) -> None:
    """Inside the transaction that ends a case: every user's drafts on it go."""
    s.execute(delete(UnsavedDraft).where(UnsavedDraft.case_id == case_id))
