"""Who sees which cases, and who sees the callers' personal data: the one rule every case read
and every case write applies."""

from __future__ import annotations

from sqlalchemy import ColumnElement, exists, false, or_, select, true

from hotline_desk.domain.permissions import (
    PERSONAL_DATA_ROLES,
    SECTION_STAFF_ROLES,
    SEE_ALL_CASES_ROLES,
    has_any,
)
from hotline_desk.services.dto import Actor
from hotline_desk.store.models import Case, CaseAssignment


def visible_to(actor: Actor) -> ColumnElement[bool]:
    """Desk, intake and leaders see all cases; section staff the cases their section leads,
    handles (直属单位) or assists; admins none."""
    if has_any(actor.roles, SEE_ALL_CASES_ROLES):
        return true()
    unit = actor.org_unit_id
    if has_any(actor.roles, SECTION_STAFF_ROLES) and unit:
        assisting = (
            select(CaseAssignment.id)
            .where(
                CaseAssignment.case_id == Case.id,
                CaseAssignment.org_unit_id == unit,
                CaseAssignment.active,
            )
            .correlate(Case)
        )
        return or_(Case.lead_unit_id == unit, Case.handling_unit_id == unit, exists(assisting))
    return false()


def may_see_personal(actor: Actor) -> bool:
    """Intake and the desk see callers' names, phones and addresses; everyone else masked."""
    return has_any(actor.roles, PERSONAL_DATA_ROLES)
