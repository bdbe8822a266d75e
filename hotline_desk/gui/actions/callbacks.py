"""The desk's dialogs for closing the loop: 回访 (one attempt: reached with satisfaction, resolved
and the citizen's words, not reached, or refused — and 办结 at once when satisfied), 办结, 甄别
(reasonable → 重办, not reasonable → 办结), 联系不上办结, 不回访 and 重办 of a closed case.

Each makes its service call with the version the user saw and registers itself for its action
(``catalog.dialog_for``).
"""

from __future__ import annotations

from datetime import datetime
from html import escape

from PySide6.QtCore import QCoreApplication, QDateTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateTimeEdit,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from hotline_desk.domain.actions import Action
from hotline_desk.domain.enums.callbacks import CallbackOutcome, Satisfaction
from hotline_desk.domain.errors import DeskError, ValidationError
from hotline_desk.domain.routing import REASON_MAX
from hotline_desk.gui.actions.base import ActionDialog
from hotline_desk.gui.actions.catalog import dialog_for
from hotline_desk.gui.common.errors import show_error
from hotline_desk.gui.common.fit import fit_to_screen
from hotline_desk.gui.common.forms import INFO_STYLE, CountedText, notice_label
from hotline_desk.gui.common.words import enum_text, fmt_dt, label
from hotline_desk.services.callbacks import closing as callbacks
from hotline_desk.services.callbacks.closing import WORDS_MAX
from hotline_desk.services.callbacks.dto import CallbackInfo, CallbackInput, CaseClosing
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseDetail


def _to_py(value: QDateTime) -> datetime:
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


class Choice(QWidget):
    """A row of radio buttons over (value, label) pairs; ``value()`` is None until one is
    chosen."""

    def __init__(self, choices: list[tuple[object, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.buttons: dict[object, QRadioButton] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for n, (value, text) in enumerate(choices):
            button = QRadioButton(text)
            self.group.addButton(button, n)
            self.buttons[value] = button
            row.addWidget(button)
        row.addStretch(1)
        self._values = [v for v, _t in choices]
        self.setFocusProxy(next(iter(self.buttons.values())))

    def value(self) -> object:
        n = self.group.checkedId()
        return self._values[n] if n >= 0 else None

    def set_value(self, value: object) -> None:
        if value in self.buttons:
            self.buttons[value].setChecked(True)


def resolved_text(resolved: bool) -> str:
    if resolved:
        return QCoreApplication.translate("callback", "已解决")
    return QCoreApplication.translate("callback", "未解决")


def attempt_text(c: CallbackInfo) -> str:
    """One attempt in a line: when, outcome, rating, resolved."""
    parts = [label("outcome", c.outcome)]
    if c.satisfaction:
        parts.append(label("satisfaction", c.satisfaction))
    if c.resolved is not None:
        parts.append(resolved_text(c.resolved))
    sep = QCoreApplication.translate("callback", ",", "separator in a callback result")
    return f"{fmt_dt(c.at)} {sep.join(parts)}"


def _closing(detail: CaseDetail) -> CaseClosing | None:
    return detail.work.closing if detail.work else None


def case_summary(detail: CaseDetail) -> str:
    """Who to call and what they were told, for the top of the callback dialogs (HTML)."""
    work = detail.work
    anonymous = QCoreApplication.translate("callback", "（匿名）")
    caller = detail.caller_name or (anonymous if detail.anonymous else "—")
    lines = [
        QCoreApplication.translate("callback", "来电人：{name}  联系电话：{phone}").format(
            name=escape(caller), phone=escape(detail.caller_phone or "—")
        )
    ]
    if work is not None and work.replied_at:
        text = QCoreApplication.translate("callback", "{method}答复于 {at}（主办：{unit}）")
        lines.append(text.format(method=escape(label("reply_method", work.reply_method)),
                                 at=fmt_dt(work.replied_at),
                                 unit=escape(work.lead_unit_name)))  # fmt: skip
    closing = _closing(detail)
    if closing is not None:
        current = [c for c in closing.callbacks if c.round == closing.reopen_count]
        if current:
            listed = QCoreApplication.translate("callback", ";", "separator between attempts").join(
                attempt_text(c) for c in current
            )
            lines.append(
                QCoreApplication.translate("callback", "本轮已回访 {n} 次：{list}").format(
                    n=len(current), list=escape(listed)
                )
            )
        if closing.reopen_count:
            lines.append(
                QCoreApplication.translate("callback", "已重办 {n} 次").format(
                    n=closing.reopen_count
                )
            )
    return "<br>".join(lines)


@dialog_for(Action.RECORD_CALLBACK)
class CallbackDialog(ActionDialog):
    """回访: one attempt; when satisfied or basically satisfied the case is closed right after
    (unless the box is cleared)."""

    def __init__(self, ctx: ServiceContext, actor: Actor, detail: CaseDetail,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(ctx, actor, detail, self.tr("回访"), parent)
        self.info = notice_label(case_summary(detail), INFO_STYLE)
        self.add_note(self.info)
        reply = detail.work.reply_text if detail.work else ""
        if reply:
            self.add_note(notice_label(self.tr("答复内容：{text}").format(text=reply)))
        self.at = QDateTimeEdit()
        self.at.setCalendarPopup(True)
        self.at.setDisplayFormat("yyyy-MM-dd HH:mm")
        now = QDateTime(ctx.now())  # the desk's clock
        self.at.setMaximumDateTime(now)
        self.at.setDateTime(now)
        self.add_field(self.tr("回访时间 *"), "at", self.at)
        outcomes = [(o.value, enum_text(o.label)) for o in callbacks.ATTEMPT_OUTCOMES]
        self.outcome = Choice(outcomes)
        self.add_field(self.tr("回访结果 *"), "outcome", self.outcome)
        self.satisfaction = Choice([(s.value, enum_text(s.label)) for s in Satisfaction])
        self.add_field(self.tr("满意度 *"), "satisfaction", self.satisfaction)
        self.resolved = Choice([(True, resolved_text(True)), (False, resolved_text(False))])
        self.add_field(self.tr("是否解决 *"), "resolved", self.resolved)
        self.words = CountedText(WORDS_MAX)
        self.words.edit.setPlaceholderText(self.tr("市民的原话或意见要点（不满意时必填）"))
        self.words.setMinimumHeight(70)
        self.add_field(self.tr("市民意见"), "words", self.words, stretch=1)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("如：无人接听、关机、号码错误"))
        self.add_field(self.tr("备注"), "note", self.note)
        self.close_too = QCheckBox(self.tr("满意或基本满意时同时办结"))
        self.close_too.setChecked(True)
        self.form.addRow("", self.close_too)
        self.ok_button.setText(self.tr("保存回访 (Ctrl+Enter)"))
        self.outcome.group.buttonToggled.connect(lambda *_a: self._sync())
        self.satisfaction.group.buttonToggled.connect(lambda *_a: self._sync())
        self.close_too.toggled.connect(lambda *_a: self._sync())
        self._sync()
        self.outcome.setFocus()
        fit_to_screen(self, 660, 560)

    def _sync(self) -> None:
        reached = self.outcome.value() == CallbackOutcome.REACHED
        for widget in (self.satisfaction, self.resolved, self.words):
            widget.setEnabled(reached)
        rating = self.satisfaction.value()
        self.close_too.setVisible(reached and rating != Satisfaction.UNSATISFIED)
        if reached and rating == Satisfaction.UNSATISFIED:
            self.ok_button.setText(self.tr("保存回访，待甄别 (Ctrl+Enter)"))
        elif reached and rating and self.close_too.isChecked():
            self.ok_button.setText(self.tr("保存回访并办结 (Ctrl+Enter)"))
        else:
            self.ok_button.setText(self.tr("保存回访 (Ctrl+Enter)"))

    def to_input(self) -> CallbackInput:
        reached = self.outcome.value() == CallbackOutcome.REACHED
        resolved = self.resolved.value()
        return CallbackInput(
            outcome=str(self.outcome.value() or ""),
            at=_to_py(self.at.dateTime()),
            satisfaction=str(self.satisfaction.value()) if reached and self.satisfaction.value()
            else None,
            resolved=bool(resolved) if reached and resolved is not None else None,
            words=self.words.text() if reached else "",
            note=self.note.text(),
        )  # fmt: skip

    def perform(self) -> CaseDetail:
        d = self.detail
        data = self.to_input()
        saved = callbacks.record_callback(self.ctx, self.actor, d.id, d.version, data)
        closable = data.satisfaction in (Satisfaction.SATISFIED, Satisfaction.BASICALLY)
        if not (closable and self.close_too.isChecked()):
            return saved
        try:
            return callbacks.close_case(self.ctx, self.actor, d.id, saved.version)
        except DeskError as exc:  # the callback is saved; say why the case is still open
            show_error(self, exc)
            return saved


@dialog_for(Action.CLOSE)
class CloseDialog(ActionDialog):
    """办结 after a satisfied callback (or a refused one), with an optional note."""

    def __init__(self, ctx: ServiceContext, actor: Actor, detail: CaseDetail,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(ctx, actor, detail, self.tr("办结"), parent)
        closing = _closing(detail)
        last = closing.last_rating if closing else None
        if closing is not None and closing.callback_status == "not_required":
            text = self.tr("来电人拒绝回访，办结后不计入回访率。")
        elif last is not None:
            text = self.tr("回访结果：{result}（{who}）").format(
                result=attempt_text(last), who=last.caller_name
            )
        else:
            text = ""
        self.add_note(notice_label(text, INFO_STYLE))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("可不填"))
        self.add_field(self.tr("办结说明"), "note", self.note)
        self.note.setFocus()
        fit_to_screen(self, 560, 0)

    def perform(self) -> CaseDetail:
        d = self.detail
        return callbacks.close_case(self.ctx, self.actor, d.id, d.version, self.note.text())


@dialog_for(Action.SCREEN_REASONABLE, Action.SCREEN_UNREASONABLE)
class ScreenDialog(ActionDialog):
    """甄别 an unsatisfied rating: reasonable → 重办 by the same section; not → 办结."""

    def __init__(self, ctx: ServiceContext, actor: Actor, detail: CaseDetail,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(ctx, actor, detail, self.tr("甄别"), parent)
        closing = _closing(detail)
        last = closing.last_rating if closing else None
        if last is not None:
            text = self.tr("回访结果：{result}\n市民意见：{words}").format(
                result=attempt_text(last), words=last.words or "—"
            )
            self.add_note(notice_label(text))
        unit = (detail.work.lead_unit_name if detail.work else "") or self.tr("原承办单位")
        self.verdict = Choice([
            (True, self.tr("合理：重办，由{unit}重新办理").format(unit=unit)),
            (False, self.tr("不合理：记录理由后办结")),
        ])  # fmt: skip
        self.add_field(self.tr("甄别结论 *"), "verdict", self.verdict)
        self.reason = CountedText(REASON_MAX)
        self.reason.edit.setPlaceholderText(
            self.tr("如：诉求超出政策规定；或：承办单位未落实答复事项")
        )
        self.add_field(self.tr("甄别理由 *"), "reason", self.reason, stretch=1)
        self.verdict.setFocus()
        fit_to_screen(self, 620, 380)

    def perform(self) -> CaseDetail:
        d = self.detail
        verdict = self.verdict.value()
        if verdict is None:
            raise ValidationError({"verdict": self.tr("请选择甄别结论：合理或不合理")})
        return callbacks.screen_case(self.ctx, self.actor, d.id, d.version, bool(verdict),
                                     self.reason.text())  # fmt: skip


@dialog_for(Action.CLOSE_UNREACHABLE)
class UnreachableDialog(ActionDialog):
    """联系不上办结 after the configured number of days without reaching the caller."""

    def __init__(self, ctx: ServiceContext, actor: Actor, detail: CaseDetail,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(ctx, actor, detail, self.tr("联系不上办结"), parent)
        self.add_note(notice_label(case_summary(detail), INFO_STYLE))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("如：三天均无人接听，已发短信告知"))
        self.add_field(self.tr("情况说明 *"), "note", self.note)
        self.note.setFocus()
        fit_to_screen(self, 600, 0)

    def perform(self) -> CaseDetail:
        d = self.detail
        return callbacks.close_unreachable(self.ctx, self.actor, d.id, d.version, self.note.text())


@dialog_for(Action.NO_CALLBACK)
class NoCallbackDialog(ActionDialog):
    """不回访: an anonymous or confidential case is closed without a callback."""

    def __init__(self, ctx: ServiceContext, actor: Actor, detail: CaseDetail,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(ctx, actor, detail, self.tr("不回访"), parent)
        reason = self.tr("匿名来电") if detail.anonymous else self.tr("来电人要求保密")
        self.add_note(notice_label(
            self.tr("{reason}：不回访，直接办结，不计入回访率。").format(reason=reason)
        ))  # fmt: skip
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("可不填"))
        self.add_field(self.tr("说明"), "note", self.note)
        self.note.setFocus()
        fit_to_screen(self, 520, 0)

    def perform(self) -> CaseDetail:
        d = self.detail
        return callbacks.mark_no_callback(self.ctx, self.actor, d.id, d.version, self.note.text())


@dialog_for(Action.REOPEN)
class ReopenDialog(ActionDialog):
    """重办 a closed case: the same section handles it again on the reopened-case limit."""

    def __init__(self, ctx: ServiceContext, actor: Actor, detail: CaseDetail,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(ctx, actor, detail, self.tr("重办"), parent)
        unit = detail.work.lead_unit_name if detail.work else ""
        self.add_note(notice_label(
            self.tr("办件将退回{unit}重新办理，按重办件时限答复，答复后再次回访。").format(
                unit=unit or self.tr("原承办单位"))
        ))  # fmt: skip
        self.reason = CountedText(REASON_MAX)
        self.reason.edit.setPlaceholderText(self.tr("如：12345平台回访不满意退回"))
        self.add_field(self.tr("重办原因 *"), "reason", self.reason, stretch=1)
        self.reason.setFocus()
        fit_to_screen(self, 600, 320)

    def perform(self) -> CaseDetail:
        d = self.detail
        return callbacks.reopen_case(self.ctx, self.actor, d.id, d.version, self.reason.text())
