"""The audit log's database guard, reported: ``audit_guard_report`` lists (in Chinese) what
weakens the protection of the audit tables for the desk's own login (``store.audit_guard``:
a superuser or CREATEROLE login, membership of ``hotline_audit_owner``, owning an audit table,
a missing or disabled trigger) and records ONE ``audit_guard_weak`` event per distinct set of
problems, not again at every start. The system runs it (no actor), beside the chain's check."""

from __future__ import annotations

import json

from sqlalchemy import select

from hotline_desk.services.audit import record_audit
from hotline_desk.services.context import ServiceContext
from hotline_desk.store.audit_guard import guard_problems
from hotline_desk.store.audit_key import AuditKeyMissing
from hotline_desk.store.models import AuditLog

ACTION = "audit_guard_weak"


def audit_guard_report(ctx: ServiceContext) -> list[str]:
    """The guard's weaknesses for this desk's login; a new set of them is audited once (a desk
    without the audit key cannot append, and only reports)."""
    with ctx.uow.read() as uow:
        problems = guard_problems(uow.session.connection())
    if not problems:
        return []
    with ctx.uow.write() as uow:
        s = uow.session
        for raw in s.execute(select(AuditLog.detail).where(AuditLog.action == ACTION)).scalars():
            try:
                if sorted(json.loads(raw).get("problems", [])) == sorted(problems):
                    return problems
            except (ValueError, AttributeError):
                continue
        try:
            record_audit(s, ctx.now(), None, "audit_guard_weak", "database", "",
                         {"problems": problems}, actor_name="system")  # fmt: skip
        except AuditKeyMissing:
            return problems
        uow.commit()
    return problems
