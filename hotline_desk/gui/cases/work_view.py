"""The lifecycle half of the detail pane: the action buttons the user may press now, and the
办理与答复 record (routing, assisting opinions, handling notes, reply drafts with every review
comment, returns, instructions and the reply as given) rendered as readable rich text."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTextBrowser

from hotline_desk.domain.enums.handling import (
    ApprovalStep,
    AssignmentRole,
    NoteKind,
    ReplyMethod,
    ReturnDecision,
    ReturnReason,
    ReviewDecision,
)
from hotline_desk.gui.cases.deadline_view import supervision_sections
from hotline_desk.gui.common.words import enum_text, fmt_dt
from hotline_desk.services.lifecycle.dto import CaseWork


def _section(title: str, rows: list[str]) -> str:
    if not rows:
        return ""
    items = "".join(f"<li>{r}</li>" for r in rows)
    return f"<h4 style='margin:6px 0 2px 0'>{escape(title)}</h4><ul style='margin:0'>{items}</ul>"


def _who_when(name: str, at: object) -> str:
    return f"<span style='color:#666'>{escape(name)} {escape(fmt_dt(at))}</span>"  # type: ignore[arg-type]


def work_html(work: CaseWork) -> str:
    """The case's lifecycle record as HTML for a QTextBrowser."""
    parts: list[str] = []
    routing: list[str] = []
    if work.lead_unit_name:
        routing.append(
            QCoreApplication.translate("CaseWorkView", "主办：{unit}").format(
                unit=escape(work.lead_unit_name)
            )
        )
    if work.handling_unit_name:
        routing.append(
            QCoreApplication.translate("CaseWorkView", "承办直属单位：{unit}").format(
                unit=escape(work.handling_unit_name)
            )
        )
    if work.handler_name:
        routing.append(
            QCoreApplication.translate("CaseWorkView", "经办人：{name}").format(
                name=escape(work.handler_name)
            )
        )
    if work.office_opinion:
        routing.append(
            QCoreApplication.translate("CaseWorkView", "拟办意见：{text}").format(
                text=escape(work.office_opinion)
            )
        )
    if work.return_count or work.reroute_count:
        routing.append(
            QCoreApplication.translate(
                "CaseWorkView", "申请退回 {returns} 次，改派 {reroutes} 次"
            ).format(returns=work.return_count, reroutes=work.reroute_count)
        )
    parts.append(_section(QCoreApplication.translate("CaseWorkView", "分办"), routing))
    parts.append(_section(QCoreApplication.translate("CaseWorkView", "领导批示"), [
        f"{escape(i.text)} {_who_when(i.leader_name, i.at)}" for i in work.instructions
    ]))  # fmt: skip
    opinions = []
    not_yet = QCoreApplication.translate("CaseWorkView", "尚未提交")
    for a in work.assignments:
        if a.role != AssignmentRole.ASSIST or not a.active:
            continue
        text = escape(a.opinion) if a.opinion else f"<i>{escape(not_yet)}</i>"
        who = _who_when(a.opinion_by_name, a.opinion_at) if a.opinion_at else ""
        opinion = QCoreApplication.translate("CaseWorkView", "{unit}：{opinion}").format(
            unit=f"<b>{escape(a.unit_name)}</b>", opinion=text
        )
        opinions.append(f"{opinion} {who}")
    parts.append(_section(QCoreApplication.translate("CaseWorkView", "协办意见"), opinions))
    parts.append(_section(QCoreApplication.translate("CaseWorkView", "办理记录"), [
        f"[{escape(enum_text(NoteKind(n.kind).label))}] {escape(n.text)} "
        f"{_who_when(n.author_name, n.at)}" for n in work.notes
    ]))  # fmt: skip
    drafts = []
    for d in work.drafts:
        outcome = {
            ReviewDecision.APPROVED: QCoreApplication.translate("CaseWorkView", "通过"),
            ReviewDecision.SENT_BACK: QCoreApplication.translate("CaseWorkView", "退回修改"),
        }.get(d.outcome or "", "")
        if outcome:
            head = QCoreApplication.translate("CaseWorkView", "第{n}稿（{outcome}）").format(
                n=d.seq, outcome=outcome
            )
        else:
            head = QCoreApplication.translate("CaseWorkView", "第{n}稿").format(n=d.seq)
        lines = [
            f"<b>{escape(head)}</b> {_who_when(d.author_name, d.submitted_at)}",
            f"<div style='white-space:pre-wrap;margin-left:8px'>{escape(d.text)}</div>",
        ]
        for r in d.reviews:
            if r.step == ApprovalStep.LEADER:
                step = QCoreApplication.translate("CaseWorkView", "局领导")
            else:
                step = QCoreApplication.translate("CaseWorkView", "负责人")
            if r.decision == ReviewDecision.APPROVED:
                verdict = QCoreApplication.translate("CaseWorkView", "审核通过")
            else:
                verdict = QCoreApplication.translate("CaseWorkView", "退回修改")
            review = QCoreApplication.translate("CaseWorkView", "{step}{verdict}").format(
                step=escape(step), verdict=escape(verdict)
            )
            if r.comment:
                review += QCoreApplication.translate("CaseWorkView", "：{comment}").format(
                    comment=escape(r.comment)
                )
            lines.append(f"&nbsp;&nbsp;{review} {_who_when(r.reviewer_name, r.at)}")
        drafts.append("<br>".join(lines))
    parts.append(_section(QCoreApplication.translate("CaseWorkView", "答复稿与审核"), drafts))
    if work.replied_at and work.reply_method:
        method = enum_text(ReplyMethod(work.reply_method).label)
        reply = QCoreApplication.translate("CaseWorkView", "{method}答复 {to}").format(
            method=escape(method), to=escape(work.reply_to)
        )
        parts.append(_section(QCoreApplication.translate("CaseWorkView", "答复"), [
            reply + " " + _who_when(work.replied_by_name, work.replied_at)
        ]))  # fmt: skip
    returns = []
    for r in work.returns:
        reason = enum_text(ReturnReason(r.reason).label)
        decision = {
            ReturnDecision.APPROVED: QCoreApplication.translate("CaseWorkView", "已同意"),
            ReturnDecision.REJECTED: QCoreApplication.translate("CaseWorkView", "已驳回"),
        }.get(r.decision or "", QCoreApplication.translate("CaseWorkView", "待审核"))
        request = QCoreApplication.translate("CaseWorkView", "{unit} {reason}。{basis}").format(
            unit=escape(r.unit_name), reason=escape(reason), basis=escape(r.basis)
        )
        note = ""
        if r.decision_note:
            note = QCoreApplication.translate("CaseWorkView", "：{comment}").format(
                comment=escape(r.decision_note)
            )
        returns.append(f"{request} {_who_when(r.requested_by_name, r.requested_at)} — "
                       f"<b>{escape(decision)}</b>{note}")  # fmt: skip
    parts.append(_section(QCoreApplication.translate("CaseWorkView", "退回申请"), returns))
    parts += supervision_sections(work)
    body = "".join(p for p in parts if p)
    if body and work.tier is not None:
        return body
    nothing = QCoreApplication.translate("CaseWorkView", "尚未分办")
    return f"<p style='color:#666'>{escape(nothing)}</p>{body}"  # a clock may run before routing


class WorkView(QTextBrowser):
    def show_work(self, work: CaseWork | None) -> None:
        self.setHtml(work_html(work) if work else "")
