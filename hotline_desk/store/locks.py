"""The one lock order of every write on cases.

1. The case rows the write acts on, ``SELECT … FOR UPDATE`` one by one in ascending id (a merge
   or a link locks both of its cases so; a batch over many cases locks its batch so);
2. only then the reads that decide whether the write is allowed (the case's facts), so they see
   whatever the previous holder of the lock committed;
3. then the rows that hang off those cases (assignments, returns, extensions, supervision,
   callbacks, drafts, events), which no one touches without holding their case's lock first;
4. the audit chain's head last (``services/audit.record_audit``).

On PostgreSQL step 1 is a row lock that waits for the other desk's commit; on SQLite the writer
engine's ``BEGIN IMMEDIATE`` already holds the whole database, so ``FOR UPDATE`` (which SQLite
does not have) is left out by the dialect and the order holds trivially.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotline_desk.store.models import Case


def lock_cases(s: Session, case_ids: Iterable[int]) -> list[int]:
    """Lock the case rows in ascending id order; returns the ids that exist."""
    found = []
    for case_id in sorted(set(case_ids)):
        row = s.execute(select(Case.id).where(Case.id == case_id).with_for_update()).first()
        if row is not None:
            found.append(case_id)
    return found
