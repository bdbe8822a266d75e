"""Closing the loop with the citizen (DESIGN.md §2–3), one ``apply_action`` transaction each:
record a callback attempt (回访), close (办结) after a satisfied or basically satisfied rating (or
a refused callback), close as 联系不上 after the configured number of days without reaching the
caller, mark an anonymous or confidential case 不回访, screen (甄别) an unsatisfied rating —
reasonable reopens the case to the same section (重办), unreasonable closes it — and reopen a
closed case.

Column meanings (shared with the statistics): ``callback_status`` pending → reached /
unreachable / not_required (a refusal is not_required too: it does not count in the callback
rate); ``callback_attempts`` this round; ``satisfaction``/``resolved`` the latest rating;
``screening`` the latest unsatisfied rating's screening; a reopen starts a new round (the
callback columns are reset, ``screening`` stays ``reasonable``), one ``callbacks`` row per
attempt with ``round`` = the reopen count then.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from hotline_desk.domain.actions import Action
from hotline_desk.domain.enums.callbacks import (
    CallbackOutcome,
    CallbackStatus,
    CloseReason,
    Satisfaction,
    Screening,
)
from hotline_desk.domain.errors import Msg, ValidationError, joined
from hotline_desk.domain.lifecycle import CaseFacts, Transition
from hotline_desk.domain.routing import REASON_MAX, text_error
from hotline_desk.services.boundary import user_input
from hotline_desk.services.callbacks.dto import CallbackInput
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseDetail
from hotline_desk.services.lifecycle.pipeline import Outcome, apply_action
from hotline_desk.store.models import Case, OrgUnit
from hotline_desk.store.models.callbacks import Callback

WORDS_MAX = 1000
ATTEMPT_OUTCOMES = (CallbackOutcome.REACHED, CallbackOutcome.UNREACHED, CallbackOutcome.REFUSED)


def _attempt(s: Session, case: Case, actor: Actor, outcome: str, at: datetime, *,
             satisfaction: str | None = None, resolved: bool | None = None, words: str = "",
             note: str = "") -> int:  # fmt: skip
    """Append one ``callbacks`` row for this round; returns its attempt number."""
    case.callback_attempts += 1
    s.add(Callback(case_id=case.id, round=case.reopen_count, attempt_no=case.callback_attempts,
                   at=at, caller_id=actor.user_id, outcome=outcome, satisfaction=satisfaction,
                   resolved=resolved, words=words, note=note))  # fmt: skip
    return case.callback_attempts


def _check_attempt(case: Case, data: CallbackInput, now: datetime) -> tuple[str, str]:
    errors: dict[str, str] = {}
    if data.outcome not in {o.value for o in ATTEMPT_OUTCOMES}:
        errors["outcome"] = Msg("请选择回访结果：{choices}", choices=tuple(ATTEMPT_OUTCOMES))
    if data.at > now:
        errors["at"] = "回访时间不能晚于现在"
    elif case.replied_at is not None and data.at < case.replied_at.replace(second=0, microsecond=0):
        errors["at"] = Msg(
            "回访时间不能早于答复时间（{at}）", at=f"{case.replied_at:%Y-%m-%d %H:%M}"
        )
    words, note = data.words.strip(), data.note.strip()
    if data.outcome == CallbackOutcome.REACHED:
        if data.satisfaction not in {x.value for x in Satisfaction}:
            errors["satisfaction"] = Msg("请选择满意度：{choices}", choices=tuple(Satisfaction))
        if data.resolved is None:
            errors["resolved"] = "请选择是否解决：已解决或未解决"
        if data.satisfaction == Satisfaction.UNSATISFIED and not words:
            errors["words"] = "不满意时请记录市民的意见，供甄别"
    if len(words) > WORDS_MAX:
        errors["words"] = Msg("市民意见最多{limit}个字", limit=WORDS_MAX)
    if len(note) > REASON_MAX:
        errors["note"] = Msg("备注最多{limit}个字", limit=REASON_MAX)
    if errors:
        raise ValidationError(errors)
    return words, note


@user_input
def record_callback(
    ctx: ServiceContext, actor: Actor, case_id: int, expected_version: int, data: CallbackInput
) -> CaseDetail:
    """回访: one attempt (reached with satisfaction and resolved, not reached, or refused)."""

    def change(s: Session, case: Case, _row: Transition, _facts: CaseFacts) -> Outcome:
        words, note = _check_attempt(case, data, ctx.now())
        reached = data.outcome == CallbackOutcome.REACHED
        n = _attempt(s, case, actor, data.outcome, data.at,
                     satisfaction=data.satisfaction if reached else None,
                     resolved=data.resolved if reached else None, words=words,
                     note=note)  # fmt: skip
        parts = [Msg("第{n}次回访（{at}）：{outcome}", n=n, at=f"{data.at:%m-%d %H:%M}",
                     outcome=CallbackOutcome(data.outcome))]  # fmt: skip
        if reached:
            assert data.satisfaction is not None
            case.callback_status = CallbackStatus.REACHED.value
            case.satisfaction, case.resolved = data.satisfaction, data.resolved
            done = Msg("已解决") if data.resolved else Msg("未解决")
            rating = Satisfaction(data.satisfaction)
            parts.append(Msg("，{satisfaction}，{resolved}", satisfaction=rating, resolved=done))
            if data.satisfaction == Satisfaction.UNSATISFIED:
                case.screening = Screening.PENDING.value
                parts.append(Msg("，待甄别"))
        elif data.outcome == CallbackOutcome.REFUSED:
            case.callback_status = CallbackStatus.NOT_REQUIRED.value
        if words:
            parts.append(Msg("。市民意见：{words}", words=words))
        if note:
            parts.append(Msg("。备注：{note}", note=note))
        audit = {"outcome": data.outcome, "satisfaction": data.satisfaction}
        return Outcome(joined(parts, ""), audit=audit)

    return apply_action(ctx, actor, case_id, expected_version, Action.RECORD_CALLBACK, change)


@user_input
def close_case(
    ctx: ServiceContext, actor: Actor, case_id: int, expected_version: int, note: str = ""
) -> CaseDetail:
    """办结 after a satisfied or basically satisfied callback (or a refused one)."""

    def change(_s: Session, case: Case, _row: Transition, _facts: CaseFacts) -> Outcome:
        problem = text_error("办结说明", note, REASON_MAX, required=False)
        if problem:
            raise ValidationError({"note": problem})
        if case.callback_status == CallbackStatus.REACHED:
            case.close_reason = CloseReason.SATISFIED.value
            text = Msg("回访{satisfaction}，办结", satisfaction=Satisfaction(case.satisfaction))
        else:
            case.close_reason = CloseReason.NOT_REQUIRED.value
            text = Msg("来电人拒绝回访，办结")
        if note.strip():
            text = joined([text, Msg("。{note}", note=note.strip())], "")
        return Outcome(text, audit={"reason": case.close_reason})

    return apply_action(ctx, actor, case_id, expected_version, Action.CLOSE, change)


@user_input
def close_unreachable(
    ctx: ServiceContext, actor: Actor, case_id: int, expected_version: int, note: str
) -> CaseDetail:
    """联系不上: closed after the configured number of days without reaching the caller."""

    def change(_s: Session, case: Case, _row: Transition, facts: CaseFacts) -> Outcome:
        problem = text_error("情况说明", note, REASON_MAX)
        if problem:
            raise ValidationError({"note": problem})
        case.callback_status = CallbackStatus.UNREACHABLE.value
        case.close_reason = CloseReason.UNREACHABLE.value
        text = Msg("联系不上，办结：{days}天共{attempts}次回访均未联系上。{note}",
                   days=facts.failed_callback_days, attempts=case.callback_attempts,
                   note=note.strip())  # fmt: skip
        return Outcome(text, audit={"reason": case.close_reason})

    return apply_action(ctx, actor, case_id, expected_version, Action.CLOSE_UNREACHABLE, change)


def no_callback_reason(case: Case | CaseDetail) -> str:
    return Msg("匿名来电") if case.anonymous else Msg("来电人要求保密")


@user_input
def mark_no_callback(
    ctx: ServiceContext, actor: Actor, case_id: int, expected_version: int, note: str = ""
) -> CaseDetail:
    """不回访: an anonymous or confidential case is closed without a callback; it does not
    count in the callback rate."""

    def change(s: Session, case: Case, _row: Transition, _facts: CaseFacts) -> Outcome:
        problem = text_error("说明", note, REASON_MAX, required=False)
        if problem:
            raise ValidationError({"note": problem})
        reason = no_callback_reason(case)
        full = joined([reason, Msg("：{note}", note=note.strip())], "") if note.strip() else reason
        _attempt(s, case, actor, CallbackOutcome.NOT_REQUIRED.value, ctx.now(), note=full)
        case.callback_status = CallbackStatus.NOT_REQUIRED.value
        case.close_reason = CloseReason.NOT_REQUIRED.value
        return Outcome(
            Msg("不回访（{reason}），办结", reason=full), audit={"reason": "not_required"}
        )

    return apply_action(ctx, actor, case_id, expected_version, Action.NO_CALLBACK, change)


def _new_round(case: Case, now: datetime) -> None:
    """重办: the counter, and the callback columns cleared for the round to come."""
    case.reopen_count += 1
    case.reopened_at = now
    case.callback_status = None
    case.callback_attempts = 0
    case.satisfaction = None
    case.resolved = None
    case.close_reason = None
    case.approval_step = None
    case.reply_sent_back = False


@user_input
def screen_case(
    ctx: ServiceContext, actor: Actor, case_id: int, expected_version: int, reasonable: bool,
    reason: str,
) -> CaseDetail:  # fmt: skip
    """甄别 an unsatisfied rating: reasonable → 重办 by the same section with the reopened-case
    time limit; not reasonable → 办结 with the reason recorded."""
    action = Action.SCREEN_REASONABLE if reasonable else Action.SCREEN_UNREASONABLE

    def change(s: Session, case: Case, _row: Transition, _facts: CaseFacts) -> Outcome:
        problem = text_error("甄别理由", reason, REASON_MAX)
        if problem:
            raise ValidationError({"reason": problem})
        why = reason.strip()
        if not reasonable:
            case.screening = Screening.UNREASONABLE.value
            case.close_reason = CloseReason.UNREASONABLE.value
            text = Msg("甄别为不合理诉求，办结。理由：{reason}", reason=why)
            return Outcome(text, audit={"screening": "unreasonable"})
        case.screening = Screening.REASONABLE.value
        _new_round(case, ctx.now())
        unit = s.get(OrgUnit, case.lead_unit_id) if case.lead_unit_id else None
        return Outcome(
            Msg(
                "甄别为合理诉求，第{n}次重办，由{unit}重新办理。理由：{reason}",
                n=case.reopen_count,
                unit=unit.name if unit else Msg("原承办单位"),
                reason=why,
            ),  # fmt: skip
            audit={"screening": "reasonable", "reopen": case.reopen_count},
        )

    return apply_action(ctx, actor, case_id, expected_version, action, change)


@user_input
def reopen_case(
    ctx: ServiceContext, actor: Actor, case_id: int, expected_version: int, reason: str
) -> CaseDetail:
    """重办 a closed case (e.g. the platform sent it back): the same section handles it again."""

    def change(s: Session, case: Case, _row: Transition, _facts: CaseFacts) -> Outcome:
        problem = text_error("重办原因", reason, REASON_MAX)
        if problem:
            raise ValidationError({"reason": problem})
        _new_round(case, ctx.now())
        unit = s.get(OrgUnit, case.lead_unit_id) if case.lead_unit_id else None
        return Outcome(
            Msg(
                "第{n}次重办，由{unit}重新办理。原因：{reason}",
                n=case.reopen_count,
                unit=unit.name if unit else Msg("原承办单位"),
                reason=reason.strip(),
            ),  # fmt: skip
            audit={"reopen": case.reopen_count},
        )

    return apply_action(ctx, actor, case_id, expected_version, Action.REOPEN, change)
