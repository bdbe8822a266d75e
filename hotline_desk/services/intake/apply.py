"""Writing one prepared platform row inside the caller's transaction (a savepoint of
``platform_import.run_import``): a new case as a batch of one (``bulk.write_new_rows``, the
registration's numbering, checks, event and audit row), or the update of a case whose work
order changed on the platform."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime

from sqlalchemy.orm import Session

from hotline_desk.domain.enums.handling import CaseStatus, EventKind
from hotline_desk.domain.errors import Msg, NotFound
from hotline_desk.services.audit import record_audit
from hotline_desk.services.dto import Actor
from hotline_desk.services.intake.bulk import write_new_rows
from hotline_desk.services.intake.rows import COMPARED, LABELS, PLATFORM_OWNED, Prepared, diff
from hotline_desk.services.supervision import clocks
from hotline_desk.store.locks import lock_cases
from hotline_desk.store.models import Case, CaseEvent
from hotline_desk.store.models.cases import event_changes


def _line(s: Session, case: Case, actor: Actor, kind: EventKind, summary: Msg,
          changes: dict[str, list[str]] | None = None) -> None:  # fmt: skip
    s.add(CaseEvent(
        case_id=case.id, at=case.updated_at, actor_id=actor.user_id, kind=kind.value,
        from_status=case.status, to_status=case.status, summary=str(summary),
        changes=json.dumps(event_changes(summary, changes), ensure_ascii=False),
    ))  # fmt: skip


def apply_row(s: Session, actor: Actor, prep: Prepared, case_id: int | None, file_name: str,
              now: datetime) -> str:  # fmt: skip
    """Register (``case_id`` None) or update the row's case; returns its 办件编号. Raises
    ``ValidationError`` (the registration's checks, run again now) or ``NotFound``."""
    assert prep.data is not None
    if case_id is None:  # the batch's own path, for one row
        return write_new_rows(s, actor, [prep], file_name, now)[0]
    return _update(s, actor, prep, case_id, file_name, now)


def _update(s: Session, actor: Actor, prep: Prepared, case_id: int, file_name: str,
            now: datetime) -> str:  # fmt: skip
    lock_cases(s, (case_id,))
    case = s.get(Case, case_id)
    if case is None:
        raise NotFound("办件不存在")
    current = {f: getattr(case, f) for f in (*COMPARED, *PLATFORM_OWNED)}
    changes = diff(current, prep)
    editable = case.status == CaseStatus.REGISTERED
    new = {**asdict(prep.data), "external_deadline": prep.external_deadline,
           "platform_dispatched_at": prep.dispatched_at}  # fmt: skip
    applied = [f for f in changes if editable or f in PLATFORM_OWNED]
    for f in applied:
        setattr(case, f, new[f])
    case.platform_fingerprint = prep.fingerprint
    case.updated_at, case.updated_by = now, actor.user_id
    if editable and set(applied) & clocks.UNROUTED_CLOCK_FIELDS:
        clocks.on_registration(s, case)
    s.flush()
    lines = {LABELS.get(f, f): [old, new_] for f, (old, new_) in changes.items()}
    if editable or len(applied) == len(changes):
        summary = Msg("平台工单已变更，按导入文件 {name} 更新", name=file_name)
    else:
        summary = Msg("平台工单已变更（导入文件 {name}）；办件已派出，登记信息未改，请核对",
                      name=file_name)  # fmt: skip
    _line(s, case, actor, EventKind.EDITED, summary, lines)
    record_audit(s, now, actor, "case_platform_update", "case", case.case_no,
                 {"fields": sorted(lines), "applied": len(applied)})  # fmt: skip
    return case.case_no
