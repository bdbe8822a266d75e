"""The caller's full name, phone and address for the two jobs of intake and the desk that cannot
be done with the masked values every list and detail shows (issue 15, "reveal is an act"):

- ``edit``: the registration form's own 修改登记信息 dialog loads the stored values (saving the
  masked ones would overwrite the caller with stars);
- ``callback``: the desk dials the citizen back (回访) and records the attempt;
- ``reply``: the desk records who was given the reply (答复对象, by default the caller).

Only for users who may see personal data, only while the case allows that action, and each time
one audited ``personal_reveal`` row with its purpose. The handler's 查看联系电话 and the detail's
显示 are ``cases/reveal.py``'s.
"""

from __future__ import annotations

from dataclasses import dataclass

from hotline_desk.domain.actions import Action
from hotline_desk.domain.errors import Msg, PermissionDenied, ValidationError
from hotline_desk.domain.lifecycle import allowed_actions
from hotline_desk.domain.permissions import PERSONAL_DATA_ROLES, require
from hotline_desk.services.audit import record_audit
from hotline_desk.services.boundary import user_input
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.services.lifecycle.facts import case_facts
from hotline_desk.services.lifecycle.pipeline import load_visible

PURPOSES: dict[str, tuple[str, frozenset[Action]]] = {
    "edit": ("修改登记信息", frozenset({Action.EDIT})),
    "callback": ("回访", frozenset({Action.RECORD_CALLBACK, Action.CLOSE_UNREACHABLE})),
    "reply": ("登记答复", frozenset({Action.RECORD_REPLY})),
}
"""purpose: (its Chinese name, the actions that need the full values — one must be allowed)."""


@dataclass(frozen=True)
class CallerContact:
    """The caller's fields as stored."""

    case_id: int
    case_no: str
    name: str
    phone: str
    address: str


@user_input
def caller_for_work(ctx: ServiceContext, actor: Actor, case_id: int, purpose: str) -> CallerContact:
    """The caller in full for ``purpose`` (``edit`` / ``callback`` / ``reply``), audited as
    ``personal_reveal``; refused unless the user may see personal data and may now take one of
    the purpose's actions on the case."""
    if purpose not in PURPOSES:
        choices = "、".join(label for label, _a in PURPOSES.values())
        raise ValidationError({"purpose": Msg("用途只能是:{choices}", choices=choices)})
    label, actions = PURPOSES[purpose]
    require(actor.roles, PERSONAL_DATA_ROLES, "查看来电人完整信息")
    now = ctx.now()
    with ctx.uow.write() as uow:
        s = uow.session
        case = load_visible(s, actor, case_id)
        if not actions & set(allowed_actions(case_facts(s, case), actor)):
            raise PermissionDenied(
                "办件 {case_no} 现在不能{purpose},不能调取来电人完整信息",
                case_no=case.case_no, purpose=label,
            )  # fmt: skip
        contact = CallerContact(case.id, case.case_no, case.caller_name or "",
                                case.caller_phone or "", case.caller_address or "")  # fmt: skip
        record_audit(s, now, actor, "personal_reveal", "case", case.case_no, {"purpose": purpose})
        uow.commit()
        return contact
