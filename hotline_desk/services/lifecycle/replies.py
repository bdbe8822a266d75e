"""The reply's way, one ``apply_action`` transaction each: 提交答复 (a new draft), 审核通过 by
the section head (then the leader for 重要件), 退回修改, and 登记答复 once it was given."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hotline_desk.domain.actions import Action
from hotline_desk.domain.enums.handling import ApprovalStep, CaseStatus, ReplyMethod, ReviewDecision
from hotline_desk.domain.errors import Msg, ValidationError, joined
from hotline_desk.domain.lifecycle import CaseFacts, Transition
from hotline_desk.domain.routing import TEXT_MAX, text_error
from hotline_desk.services.boundary import user_input
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseDetail
from hotline_desk.services.lifecycle.handling import COMMENT_MAX, require_text
from hotline_desk.services.lifecycle.pipeline import Outcome, apply_action
from hotline_desk.store.models import (
    Case,
    ReplyDraft,
    ReplyReview,
)


@user_input
def submit_reply(
    ctx: ServiceContext, actor: Actor, case_id: int, expected_version: int, text: str
) -> CaseDetail:
    """提交答复: a new draft version goes to the section head (office head for 直办)."""

    def change(s: Session, case: Case, _row: Transition, _facts: CaseFacts) -> Outcome:
        body = require_text("text", "答复内容", text, TEXT_MAX)
        seq = s.execute(
            select(func.coalesce(func.max(ReplyDraft.seq), 0)).where(ReplyDraft.case_id == case.id)
        ).scalar_one()
        s.add(ReplyDraft(case_id=case.id, seq=seq + 1, text=body, author_id=actor.user_id,
                         submitted_at=ctx.now()))  # fmt: skip
        case.approval_step, case.reply_sent_back = ApprovalStep.SECTION, False
        if case.handler_id is None:
            case.handler_id = actor.user_id
        return Outcome(Msg("提交第{n}稿拟答复意见", n=seq + 1), audit={"draft": seq + 1})

    return apply_action(ctx, actor, case_id, expected_version, Action.SUBMIT_REPLY, change)


def _latest_draft(s: Session, case: Case) -> ReplyDraft:
    return (
        s.execute(
            select(ReplyDraft).where(ReplyDraft.case_id == case.id).order_by(ReplyDraft.seq.desc())
        )
        .scalars()
        .first()
    )  # type: ignore[return-value]


@user_input
def approve_reply(
    ctx: ServiceContext, actor: Actor, case_id: int, expected_version: int, comment: str = ""
) -> CaseDetail:
    """审核通过: by the section head; an important case then goes to the leader."""

    def change(s: Session, case: Case, row: Transition, facts: CaseFacts) -> Outcome:
        if len(comment) > COMMENT_MAX:
            raise ValidationError({"comment": Msg("审核意见最多{limit}个字", limit=COMMENT_MAX)})
        draft = _latest_draft(s, case)
        step = case.approval_step or ApprovalStep.SECTION
        s.add(ReplyReview(case_id=case.id, draft_id=draft.id, step=step,
                          decision=ReviewDecision.APPROVED,
                          comment=comment.strip(), reviewer_id=actor.user_id,
                          at=ctx.now()))  # fmt: skip
        leader = step == ApprovalStep.LEADER
        text = (Msg("局领导审核通过第{n}稿", n=draft.seq) if leader
                else Msg("负责人审核通过第{n}稿", n=draft.seq))  # fmt: skip
        if comment.strip():
            text = joined([text, Msg("：{comment}", comment=comment.strip())], "")
        if row.next_state(facts) == CaseStatus.AWAITING_APPROVAL:
            case.approval_step = ApprovalStep.LEADER
            text = joined([text, Msg("；重要件，送局领导审核")], "")
            return Outcome(text, audit={"draft": draft.seq, "step": step})
        case.approval_step = None
        draft.outcome = ReviewDecision.APPROVED
        case.reply_text = draft.text
        return Outcome(text, audit={"draft": draft.seq, "step": step})

    return apply_action(ctx, actor, case_id, expected_version, Action.APPROVE_REPLY, change)


@user_input
def send_back_reply(
    ctx: ServiceContext, actor: Actor, case_id: int, expected_version: int, comment: str
) -> CaseDetail:
    """退回修改 with comments: the handler revises and submits again."""

    def change(s: Session, case: Case, _row: Transition, _facts: CaseFacts) -> Outcome:
        body = require_text("comment", "退回修改意见", comment, COMMENT_MAX)
        draft = _latest_draft(s, case)
        step = case.approval_step or ApprovalStep.SECTION
        s.add(ReplyReview(case_id=case.id, draft_id=draft.id, step=step,
                          decision=ReviewDecision.SENT_BACK,
                          comment=body, reviewer_id=actor.user_id, at=ctx.now()))  # fmt: skip
        draft.outcome = ReviewDecision.SENT_BACK
        case.approval_step, case.reply_sent_back = None, True
        text = (
            Msg("局领导退回第{n}稿修改：{comment}", n=draft.seq, comment=body)
            if step == ApprovalStep.LEADER
            else Msg("负责人退回第{n}稿修改：{comment}", n=draft.seq, comment=body)
        )
        return Outcome(text, audit={"draft": draft.seq})

    return apply_action(ctx, actor, case_id, expected_version, Action.SEND_BACK, change)


@user_input
def record_reply(
    ctx: ServiceContext, actor: Actor, case_id: int, expected_version: int,
    method: str, replied_at: datetime, replied_to: str,
) -> CaseDetail:  # fmt: skip
    """登记答复: the approved reply was given to the citizen (电话/书面/网上)."""

    def change(_s: Session, case: Case, _row: Transition, _facts: CaseFacts) -> Outcome:
        errors: dict[str, str] = {}
        if method not in {m.value for m in ReplyMethod}:
            errors["method"] = Msg("请选择答复方式：{choices}", choices=tuple(ReplyMethod))
        if replied_at > ctx.now():
            errors["replied_at"] = "答复时间不能晚于现在"
        elif replied_at < case.received_at:
            errors["replied_at"] = "答复时间不能早于受理时间"
        problem = text_error("答复对象", replied_to, 50)
        if problem:
            errors["replied_to"] = problem
        if errors:
            raise ValidationError(errors)
        case.reply_method, case.replied_at = method, replied_at
        case.reply_to, case.replied_by = replied_to.strip(), actor.user_id
        return Outcome(
            Msg(
                "已{method}答复（{at}）", method=ReplyMethod(method), at=f"{replied_at:%m-%d %H:%M}"
            ),
            audit={"method": method},
        )

    return apply_action(ctx, actor, case_id, expected_version, Action.RECORD_REPLY, change)
