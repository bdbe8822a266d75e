"""The reply's way through the dialogs: 提交答复 (drafting from a template or from the draft that
was sent back, with the reviewer's comment in view), 审核 (the latest draft read-only beside the
earlier drafts and their comments; 审核通过 or 退回修改 with a required comment) and 登记答复
(how and when the approved reply reached the citizen)."""

from __future__ import annotations

import html
from datetime import datetime

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QWidget,
)

from hotline_desk.domain.actions import Action
from hotline_desk.domain.enums.handling import ApprovalStep, ReplyMethod, ReviewDecision
from hotline_desk.domain.errors import DeskError
from hotline_desk.domain.routing import TEXT_MAX
from hotline_desk.gui.actions.base import ActionDialog
from hotline_desk.gui.actions.catalog import DialogRequest, dialog_for
from hotline_desk.gui.common.errors import show_error
from hotline_desk.gui.common.fit import fit_to_screen
from hotline_desk.gui.common.forms import INFO_STYLE, CountedText, notice_label
from hotline_desk.gui.common.widgets import ChoiceCombo
from hotline_desk.gui.common.words import choices, fmt_dt
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseDetail
from hotline_desk.services.lifecycle import replies, templates
from hotline_desk.services.lifecycle.dto import DraftInfo, ReviewInfo, TemplateInfo
from hotline_desk.services.lifecycle.handling import COMMENT_MAX


def _to_py(value: QDateTime) -> datetime:
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


def _read_only(text: str, max_height: int | None = None) -> QPlainTextEdit:
    view = QPlainTextEdit(text)
    view.setReadOnly(True)
    view.setTabChangesFocus(True)
    if max_height:
        view.setMaximumHeight(max_height)
    return view


@dialog_for(Action.SUBMIT_REPLY)
class ReplyDialog(ActionDialog):
    """提交答复: the editor starts from the latest draft (if any) and can take a template."""

    def __init__(self, ctx: ServiceContext, actor: Actor, detail: CaseDetail,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(ctx, actor, detail, self.tr("提交答复"), parent)
        work = detail.work
        latest = work.latest_draft if work else None
        review = latest.reviews[-1] if latest and latest.reviews else None
        self.review_notice = notice_label()
        if review is not None and review.decision == ReviewDecision.SENT_BACK:
            self.review_notice.setText(
                self.tr("第 {seq} 稿被{reviewer}于 {at} 退回修改：\n{comment}").format(
                    seq=latest.seq,
                    reviewer=review.reviewer_name,
                    at=fmt_dt(review.at),
                    comment=review.comment,
                )  # fmt: skip
            )
            self.review_notice.setStyleSheet(
                self.review_notice.styleSheet() + " font-size: 11pt; font-weight: bold;"
            )
            self.review_notice.show()
        self.add_note(self.review_notice)
        self.templates = self._templates()
        self.template = ChoiceCombo([(t.id, t.name) for t in self.templates])
        self.apply_button = QPushButton(self.tr("套用模板"))
        self.apply_button.setAutoDefault(False)
        self.apply_button.clicked.connect(self.apply_template)
        self.template.setEnabled(bool(self.templates))
        self.apply_button.setEnabled(bool(self.templates))
        self.add_field(self.tr("答复模板"), "template", self.template, self.apply_button)
        self.editor = CountedText(TEXT_MAX)
        self.editor.edit.setPlaceholderText(self.tr("选择模板后点“套用模板”，或直接输入答复内容"))
        self.editor.setMinimumHeight(300)
        if latest is not None:
            self.editor.set_text(latest.text)
        self.add_field(self.tr("答复内容 *"), "text", self.editor, stretch=1)
        self.ok_button.setText(self.tr("提交审核 (Ctrl+Enter)"))
        self.editor.setFocus()
        fit_to_screen(self, 760, 620)

    def _templates(self) -> list[TemplateInfo]:
        every = templates.list_templates(self.ctx)
        mine = [t for t in every if t.category == self.detail.category]
        return mine or every

    def apply_template(self) -> None:
        template_id = self.template.value()
        if template_id is None:
            return
        try:
            text = templates.fill_template(self.ctx, self.actor, self.detail.id, template_id)
        except DeskError as exc:
            show_error(self, exc)
            return
        self.editor.replace_text(text)
        self.editor.setFocus()

    def perform(self) -> CaseDetail:
        d = self.detail
        return replies.submit_reply(self.ctx, self.actor, d.id, d.version, self.editor.text())


@dialog_for(Action.APPROVE_REPLY, Action.SEND_BACK)
class ReviewDialog(ActionDialog):
    """审核: 审核通过 (comment optional) or 退回修改 (comment required) of the latest draft."""

    @classmethod
    def open_for(cls, request: DialogRequest) -> ReviewDialog:
        r = request
        return cls(r.ctx, r.actor, r.detail, r.action, r.parent)

    def __init__(self, ctx: ServiceContext, actor: Actor, detail: CaseDetail,
                 initial: Action = Action.APPROVE_REPLY,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(ctx, actor, detail, self.tr("审核通过"), parent)
        self.setWindowTitle(self.tr("审核答复 — {case_no}").format(case_no=detail.case_no))
        work = detail.work
        drafts = work.drafts if work else ()
        latest = drafts[-1] if drafts else None
        step = (work.approval_step if work else None) or ApprovalStep.SECTION
        what = self.tr("局领导审核") if step == ApprovalStep.LEADER else self.tr("科室负责人审核")
        if step == ApprovalStep.SECTION and detail.important:
            what += self.tr("；重要件，审核通过后送局领导审核")
        if latest is not None:
            what = self.tr("第 {seq} 稿 · {author} 提交于 {at} · {what}").format(
                seq=latest.seq, author=latest.author_name, at=fmt_dt(latest.submitted_at),
                what=what,
            )  # fmt: skip
        self.add_note(notice_label(what, INFO_STYLE))
        self.draft_view = _read_only(latest.text if latest else "")
        self.draft_view.setMinimumHeight(220)
        self.add_field(self.tr("拟答复内容"), "draft", self.draft_view, stretch=1)
        self.history = QTextBrowser()
        self.history.setMaximumHeight(150)
        history = self._history_html(drafts)
        self.history.setHtml(history)
        if history:
            self.add_field(self.tr("审核记录"), "history", self.history)
        else:
            self.history.hide()
        self.comment = CountedText(COMMENT_MAX)
        self.comment.edit.setPlaceholderText(self.tr("退回修改时必填：写明需要修改的地方"))
        self.comment.setMaximumHeight(110)
        self.add_field(self.tr("审核意见"), "comment", self.comment)
        self.send_back_button = QPushButton(self.tr("退回修改"))
        self.buttons.addButton(self.send_back_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.send_back_button.clicked.connect(self.send_back)
        self.send_back_button.setAutoDefault(False)
        self.initial = initial
        if initial == Action.SEND_BACK:
            self.comment.setFocus()
        else:
            self.ok_button.setFocus()
        fit_to_screen(self, 780, 640)

    def _history_html(self, drafts: tuple[DraftInfo, ...]) -> str:
        parts = []
        for d in drafts:
            if d is drafts[-1] and not d.reviews:
                continue
            head = self.tr("第 {seq} 稿 · {author} · {at}").format(
                seq=d.seq, author=d.author_name, at=fmt_dt(d.submitted_at)
            )
            block = f"<p><b>{html.escape(head)}</b>"
            if d is not drafts[-1]:
                text = html.escape(d.text).replace("\n", "<br>")
                block += f"<br><span style='color:#455a64'>{text}</span>"
            for r in d.reviews:
                block += "<br>" + self._review_html(r)
            parts.append(block + "</p>")
        return "".join(parts)

    def _review_html(self, r: ReviewInfo) -> str:
        who = self.tr("局领导") if r.step == ApprovalStep.LEADER else self.tr("科室负责人")
        if r.decision == ReviewDecision.SENT_BACK:
            what, color = self.tr("退回修改"), "#c62828"
        else:
            what, color = self.tr("审核通过"), "#2e7d32"
        line = self.tr("{who}{name} {at} {decision}").format(
            who=who, name=r.reviewer_name, at=fmt_dt(r.at), decision=what
        )
        if r.comment:
            line += self.tr("：{comment}").format(comment=r.comment)
        return f"<span style='color:{color}'>{html.escape(line)}</span>"

    def submit(self) -> None:
        if self.initial == Action.SEND_BACK:
            self.send_back()
        else:
            super().submit()

    def perform(self) -> CaseDetail:
        d = self.detail
        return replies.approve_reply(self.ctx, self.actor, d.id, d.version, self.comment.text())

    def send_back(self) -> None:
        d = self.detail
        self.run(lambda: replies.send_back_reply(self.ctx, self.actor, d.id, d.version,
                                                  self.comment.text()))  # fmt: skip


@dialog_for(Action.RECORD_REPLY)
class RecordReplyDialog(ActionDialog):
    """登记答复: method, time (default now) and to whom (default the caller as shown)."""

    def __init__(self, ctx: ServiceContext, actor: Actor, detail: CaseDetail,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(ctx, actor, detail, self.tr("登记答复"), parent)
        work = detail.work
        reply = work.reply_text if work else ""
        self.reply_view = _read_only(reply, 200)
        self.reply_view.setMinimumHeight(150)
        self.add_field(self.tr("审核通过的答复"), "reply", self.reply_view)
        self.method = ChoiceCombo(choices(ReplyMethod))
        self.add_field(self.tr("答复方式 *"), "method", self.method)
        self.replied_at = QDateTimeEdit()
        self.replied_at.setCalendarPopup(True)
        self.replied_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        now = QDateTime(ctx.now())  # the desk's clock
        self.replied_at.setMaximumDateTime(now)
        self.replied_at.setDateTime(now)
        self.add_field(self.tr("答复时间 *"), "replied_at", self.replied_at)
        self.replied_to = QLineEdit(self._default_person())
        self.replied_to.setPlaceholderText(self.tr("接受答复的人，如来电人姓名"))
        if detail.personal_data_masked:
            self.replied_to.setToolTip(self.tr("来电人姓名已脱敏显示，可改为实际答复对象"))
        self.add_field(self.tr("答复对象 *"), "replied_to", self.replied_to)
        self.method.setFocus()
        fit_to_screen(self, 640, 0)

    def _default_person(self) -> str:
        d = self.detail
        if d.anonymous or not d.caller_name:
            return ""
        return d.caller_name

    def perform(self) -> CaseDetail:
        d = self.detail
        return replies.record_reply(
            self.ctx, self.actor, d.id, d.version, self.method.value() or "",
            _to_py(self.replied_at.dateTime()), self.replied_to.text(),
        )  # fmt: skip
