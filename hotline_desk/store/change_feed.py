"""Changes between desks: what one desk committed reaches every other running desk.

PostgreSQL: each write transaction sends its ``Changes`` with ``pg_notify`` just before it
commits, so the notice is delivered if, and only if, the commit succeeds; other desks receive
it with ``LISTEN``. ``ORIGIN`` names this process, so a desk can skip its own notices (it has
refreshed already).
"""

from __future__ import annotations

import uuid

from sqlalchemy import text
from sqlalchemy.orm import Session

from hotline_desk.domain.changes import Changes

CHANNEL = "hotline_desk_changes"
ORIGIN = uuid.uuid4().hex[:12]
"""This process, as named in the notices it sends."""


def notify(session: Session, changes: Changes) -> None:
    """Queue the notice of ``changes`` in the session's transaction (sent at commit)."""
    session.execute(
        text("SELECT pg_notify(:channel, :payload)"),
        {"channel": CHANNEL, "payload": changes.to_payload(ORIGIN)},
    )
