"""The audit log's hash chain as stored: how a row's hash is computed and the check that
recomputes every hash from the first row to the head.

It lives with the store (not the audit service) so that a database copy — a backup being
written or a backup being restored — is checked by the same code as the live database.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotline_desk.store.models import AuditHead, AuditLog

GENESIS = "0" * 64


def digest(
    prev: str,
    at: datetime,
    actor_id: int | None,
    action: str,
    obj_type: str,
    obj_id: str,
    detail: str,
) -> str:
    payload = "\x1f".join(
        [prev, at.isoformat(), str(actor_id or ""), action, obj_type, obj_id, detail]
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainCheck:
    rows: int
    first_bad_id: int | None
    head: str = GENESIS

    @property
    def ok(self) -> bool:
        return self.first_bad_id is None


def verify_chain(session: Session) -> ChainCheck:
    """Recompute every hash; report the first row whose hash or link does not match (-1: the
    head does not point at the last row)."""
    prev = GENESIS
    count = 0
    for row in session.execute(select(AuditLog).order_by(AuditLog.id)).scalars():
        count += 1
        expected = digest(
            prev, row.at, row.actor_id, row.action, row.object_type, row.object_id, row.detail
        )
        if row.prev_hash != prev or row.hash != expected:
            return ChainCheck(count, row.id, prev)
        prev = row.hash
    head = session.get(AuditHead, 1)
    if head is not None and head.last_hash != prev:
        return ChainCheck(count, -1, head.last_hash)
    return ChainCheck(count, None, prev)
