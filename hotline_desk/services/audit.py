"""The hash-chained audit log: append a row inside the caller's transaction; verify the chain.

Rows never carry personal data: only ids, case numbers, actions and counts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
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
    "AuditEntry",
    "ChainCheck",
    "check_audit_chain",
    "list_audit",
    "record_audit",
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


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    actor_name: str
    action: str
    object_type: str
    object_id: str
    detail: str


@signed_in
def list_audit(ctx: ServiceContext, actor: Actor, limit: int = 500) -> list[AuditEntry]:
    """The newest audit rows, for the audit administrator only (三员分立)."""
    require(actor.roles, frozenset({Role.AUDIT_ADMIN}), "查看审计日志")
    with ctx.uow.read() as uow:
        rows = uow.session.execute(
            select(AuditLog).order_by(AuditLog.id.desc()).limit(max(1, min(limit, 5000)))
        ).scalars()
        return [AuditEntry(r.id, r.at, r.actor_name, r.action, r.object_type, r.object_id,
                           r.detail) for r in rows]  # fmt: skip


@signed_in
def check_audit_chain(ctx: ServiceContext, actor: Actor) -> ChainCheck:
    require(actor.roles, frozenset({Role.AUDIT_ADMIN}), "校验审计日志")
    with ctx.uow.read() as uow:
        return verify_chain(uow.session)
