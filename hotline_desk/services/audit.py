"""The hash-chained audit log: append a row inside the caller's transaction; verify the chain.

Rows never carry personal data: only ids, case numbers, actions and counts.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotline_desk.domain.enums import Role
from hotline_desk.domain.permissions import require
from hotline_desk.services.boundary import signed_in
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.store.audit_chain import ChainCheck, verify_chain
from hotline_desk.store.audit_chain import digest as chain_digest
from hotline_desk.store.models import AuditHead, AuditLog

__all__ = [
    "ChainCheck",
    "check_audit_chain",
    "record_audit",
    "verify_audit_chain",
    "verify_chain",
]


def record_audit(
    session: Session,
    at: datetime,
    actor: Actor | None,
    action: str,
    object_type: str = "",
    object_id: str | int = "",
    detail: dict[str, Any] | None = None,
    actor_name: str | None = None,
) -> None:
    """Append one audit row chained to the previous one (locks the chain head)."""
    head = session.execute(
        select(AuditHead).where(AuditHead.id == 1).with_for_update()
    ).scalar_one()
    text = json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)
    actor_id = actor.user_id if actor else None
    name = actor_name if actor_name is not None else (actor.username if actor else "")
    digest = chain_digest(head.last_hash, at, actor_id, action, object_type, str(object_id), text)
    session.add(
        AuditLog(
            at=at,
            actor_id=actor_id,
            actor_name=name,
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            detail=text,
            prev_hash=head.last_hash,
            hash=digest,
        )
    )
    head.last_hash = digest


@signed_in
def check_audit_chain(ctx: ServiceContext, actor: Actor) -> ChainCheck:
    require(actor.roles, frozenset({Role.AUDIT_ADMIN}), "校验审计日志")
    with ctx.uow.read() as uow:
        return verify_chain(uow.session)


# --- the system's check (start-up and daily) --------------------------------------------------
# A simple version for the 审计日志 page's watch (issue 14); the keyed-chain work replaces it.


def verify_audit_chain(ctx: ServiceContext) -> ChainCheck:
    """Check the whole chain as the desk itself (no user); a break is audited once
    (``audit_chain_broken``): a break already reported — the same first bad row, or the very
    row that reported the last break — is not recorded again."""
    with ctx.uow.read() as uow:
        check = verify_chain(uow.session)
    if check.ok:
        return check
    with ctx.uow.write() as uow:
        s = uow.session
        last = s.execute(
            select(AuditLog.id, AuditLog.detail)
            .where(AuditLog.action == "audit_chain_broken")
            .order_by(AuditLog.id.desc())
            .limit(1)
        ).first()
        if last is not None:
            known = json.loads(last.detail or "{}").get("first_bad_id")
            if check.first_bad_id in (known, last.id):
                return check
        record_audit(s, ctx.now(), None, "audit_chain_broken", "audit_log",
                     str(check.first_bad_id), {"first_bad_id": check.first_bad_id,
                                               "rows": check.rows},
                     actor_name="system")  # fmt: skip
        uow.commit()
    return check
