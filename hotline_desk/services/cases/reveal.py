"""Revealing a caller is an act (DESIGN.md §10): the detail shows the caller masked to everyone,
and these two services show the real values to the users who may see them, one audit row each
time, per case and per user.

``reveal_caller`` (the detail's 显示): intake and the desk, who register, route and call back,
see a case's caller name, phone and address in full — also of a 请求保密 case, whose
confidentiality is kept from the sections, not from the office that took the call. Audited as
``personal_reveal`` with ``{"purpose": "detail", "shown": [...]}`` (the same action the printed
reveal writes, ``purpose`` naming where it was shown).

The same service gives intake and the desk the caller for the jobs that cannot be done with
masked values (``purpose``): ``edit`` — the 修改登记信息 dialog loads the stored values (saving
the masked ones would overwrite the caller with stars); ``callback`` — the desk dials the
citizen back and records the attempt; ``reply`` — who was given the reply (答复对象, by default
the caller). Those only while the case allows one of the purpose's actions.

``reveal_callback_phone`` (查看联系电话): under 12345 practice the section's 经办人 contacts the
citizen while working the case (先联系后办理) and may give the reply by telephone, so the case's
own handler (``Case.handler_id``, of its lead or handling unit) gets the phone number — only
the number — while the case is 办理中, 待审核 or 审核通过 (not yet replied). Once replied the 回访
is the desk's, which uses ``reveal_caller``. A 请求保密 case is refused: its caller never reaches a
section in any form; the handler asks the desk to relay. Audited as ``callback_phone_reveal``.

Neither writes a timeline event (the timeline is the case's work, read by the sections; who
looked at a caller is the audit log's), and neither changes the case. Rows carry no personal
data, only the case number and which fields were shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from hotline_desk.domain.actions import Action
from hotline_desk.domain.enums.handling import CaseStatus
from hotline_desk.domain.errors import Msg, NotFound, PermissionDenied, ValidationError
from hotline_desk.domain.lifecycle import allowed_actions
from hotline_desk.domain.permissions import SECTION_STAFF_ROLES, has_any
from hotline_desk.services.audit import record_audit
from hotline_desk.services.boundary import user_input
from hotline_desk.services.cases.visibility import may_see_personal
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.services.lifecycle.facts import case_facts
from hotline_desk.services.lifecycle.pipeline import load_visible

CALLBACK_STATUSES = frozenset(
    {CaseStatus.IN_PROGRESS, CaseStatus.AWAITING_APPROVAL, CaseStatus.APPROVED}
)
"""While the section works the case and until its reply is given (登记答复)."""
CALLBACK_SECONDS = 60
"""How long the desk shows the number it was given (the GUI's timer)."""
PURPOSES: dict[str, tuple[str, frozenset[Action]]] = {
    "detail": ("查看", frozenset()),
    "edit": ("修改登记信息", frozenset({Action.EDIT})),
    "callback": ("回访", frozenset({Action.RECORD_CALLBACK, Action.CLOSE_UNREACHABLE})),
    "reply": ("登记答复", frozenset({Action.RECORD_REPLY})),
}
"""purpose: (its Chinese name, the actions that need the full values — one must be allowed;
none for the detail's 显示)."""
REVEAL_ACTION = "personal_reveal"
CALLBACK_ACTION = "callback_phone_reveal"


@dataclass(frozen=True)
class RevealedCaller:
    """A case's caller in full, as the 显示 button shows it."""

    case_id: int
    case_no: str
    name: str
    phone: str
    address: str


def may_reveal_caller(actor: Actor) -> bool:
    """Whether ``actor``'s roles allow the detail's 显示 (the GUI asks before offering it)."""
    return may_see_personal(actor)


def callback_refusal(actor: Actor, *, handler_id: int | None, lead_unit_id: int | None,
                     handling_unit_id: int | None, status: str, confidential: bool
                     ) -> Msg | None:  # fmt: skip
    """Why ``actor`` may not see the case's phone for the callback, or None when they may (the
    GUI asks the same to offer 查看联系电话)."""
    if not has_any(actor.roles, SECTION_STAFF_ROLES):
        return Msg("只有办件的经办人可以查看联系电话")
    if (
        handler_id != actor.user_id
        or actor.org_unit_id is None
        or actor.org_unit_id not in (lead_unit_id, handling_unit_id)
    ):
        return Msg("只有本件承办单位的经办人可以查看联系电话")
    if confidential:
        return Msg("来电人要求保密，联系电话不向承办单位提供，请经办公室转达")
    if status not in CALLBACK_STATUSES:
        return Msg("办件不在办理中，不能查看联系电话")
    return None


@user_input
def reveal_caller(ctx: ServiceContext, actor: Actor, case_id: int,
                  purpose: str = "detail") -> RevealedCaller:  # fmt: skip
    """The caller's name, phone and address in full for ``purpose`` (the detail's 显示, or
    ``edit`` / ``callback`` / ``reply``), audited as ``personal_reveal`` (one row each time)."""
    if purpose not in PURPOSES:
        choices = "、".join(label for label, _a in PURPOSES.values())
        raise ValidationError({"purpose": Msg("用途只能是：{choices}", choices=choices)})
    label, actions = PURPOSES[purpose]
    if not may_reveal_caller(actor):
        raise PermissionDenied("您没有查看来电人个人信息的权限")
    now = ctx.now()
    with ctx.uow.write() as uow:
        s = uow.session
        case = load_visible(s, actor, case_id)
        if actions and not actions & set(allowed_actions(case_facts(s, case), actor)):
            raise PermissionDenied(
                "办件 {case_no} 现在不能{purpose}，不能调取来电人完整信息",
                case_no=case.case_no, purpose=label,
            )  # fmt: skip
        values = {"name": case.caller_name, "phone": case.caller_phone,
                  "address": case.caller_address}  # fmt: skip
        fields = [k for k, v in values.items() if v]
        if not fields and purpose == "detail":
            raise NotFound("本件没有登记来电人信息（匿名）")
        detail: dict[str, object] = {"purpose": purpose, "shown": fields}
        if case.confidential:
            detail["confidential"] = True
        record_audit(s, now, actor, "personal_reveal", "case", case.case_no, detail)
        revealed = RevealedCaller(case.id, case.case_no, case.caller_name or "",
                                  case.caller_phone or "", case.caller_address or "")  # fmt: skip
        uow.commit()
    return revealed


@user_input
def reveal_callback_phone(ctx: ServiceContext, actor: Actor, case_id: int) -> str:
    """查看联系电话: the handler working the case gets the caller's number, audited."""
    now = ctx.now()
    with ctx.uow.write() as uow:
        s = uow.session
        case = load_visible(s, actor, case_id)
        refusal = callback_refusal(actor, handler_id=case.handler_id,
                                   lead_unit_id=case.lead_unit_id,
                                   handling_unit_id=case.handling_unit_id, status=case.status,
                                   confidential=case.confidential)  # fmt: skip
        if refusal is not None:
            raise PermissionDenied(refusal)
        if not case.caller_phone:
            raise NotFound("本件没有登记联系电话")
        record_audit(s, now, actor, "callback_phone_reveal", "case", case.case_no,
                     {"purpose": "callback", "shown": ["phone"]})  # fmt: skip
        phone = case.caller_phone
        uow.commit()
    return phone
