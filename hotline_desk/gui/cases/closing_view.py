"""The 回访与关联 tab of the case detail: where the callback stands, every attempt of every round,
screening, reopening and closing, the cases this one is merged with or linked to, and the
caller's other cases this year. Case numbers are links that open the case."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from hotline_desk.gui.cases.work_view import _section
from hotline_desk.gui.common.words import fmt_dt, label
from hotline_desk.services.callbacks.dto import CaseClosing


def _case_link(case_id: int, case_no: str) -> str:
    return f"<a href='case:{case_id}'>{escape(case_no)}</a>"


def _state(closing: CaseClosing) -> list[str]:
    rows = []
    if closing.callback_status:
        status = label("callback_status", closing.callback_status)
        line = QCoreApplication.translate("ClosingView", "回访状态：{status}").format(status=status)
        if closing.callback_status == "pending" and closing.failed_days:
            line += QCoreApplication.translate("ClosingView", "（{days}/{max} 天未联系上）").format(
                days=closing.failed_days, max=closing.max_attempts
            )
        rows.append(escape(line))
    if closing.satisfaction:
        rows.append(escape(QCoreApplication.translate("ClosingView", "满意度：{value}").format(
            value=label("satisfaction", closing.satisfaction))))  # fmt: skip
    if closing.screening:
        rows.append(escape(QCoreApplication.translate("ClosingView", "甄别：{value}").format(
            value=label("screening", closing.screening))))  # fmt: skip
    if closing.reopen_count:
        rows.append(escape(QCoreApplication.translate(
            "ClosingView", "重办 {n} 次，最近一次 {at}"
        ).format(n=closing.reopen_count, at=fmt_dt(closing.reopened_at))))  # fmt: skip
    if closing.closed_at:
        text = QCoreApplication.translate("ClosingView", "办结：{at}（{reason}）")
        reason = label("close_reason", closing.close_reason)
        rows.append(escape(text.format(at=fmt_dt(closing.closed_at), reason=reason)))
    return rows


def closing_html(closing: CaseClosing) -> str:
    from hotline_desk.gui.actions.callbacks import attempt_text  # the dialogs load on first use

    parts = [_section(QCoreApplication.translate("ClosingView", "回访"), _state(closing))]
    attempts = []
    for c in closing.callbacks:
        head = QCoreApplication.translate("ClosingView", "第{round}轮第{n}次").format(
            round=c.round + 1, n=c.attempt_no
        )
        line = f"<b>{escape(head)}</b> {escape(attempt_text(c))}"
        if c.words:
            line += "<br>&nbsp;&nbsp;" + escape(
                QCoreApplication.translate("ClosingView", "市民意见：{words}").format(words=c.words)
            )
        if c.note:
            line += "<br>&nbsp;&nbsp;" + escape(c.note)
        attempts.append(f"{line} <span style='color:#666'>{escape(c.caller_name)}</span>")
    parts.append(_section(QCoreApplication.translate("ClosingView", "回访记录"), attempts))
    links = []
    for x in closing.links:
        how = {
            "merged_into": QCoreApplication.translate("ClosingView", "本件已并入"),
            "merged_from": QCoreApplication.translate("ClosingView", "并入本件的重复件"),
        }.get(x.direction, label("link_kind", x.kind))
        note = f"({escape(x.note)})" if x.note else ""
        links.append(f"{escape(how)}:{_case_link(x.case_id, x.case_no)} {escape(x.title)} "
                     f"[{escape(label('status', x.status))}]{note}")  # fmt: skip
    parts.append(_section(QCoreApplication.translate("ClosingView", "关联办件"), links))
    history = closing.history
    if history is not None and history.count:
        rows = [
            f"{_case_link(r.case_id, r.case_no)} {escape(fmt_dt(r.received_at))} "
            f"{escape(label('channel', r.channel))} {escape(r.title)} "
            f"[{escape(label('status', r.status))}]"
            for r in history.rows
        ]
        title = QCoreApplication.translate(
            "ClosingView", "来电历史：{phone} 近一年另有 {n} 件"
        ).format(phone=history.phone, n=history.count)
        parts.append(_section(title, rows))
    body = "".join(p for p in parts if p)
    if body:
        return body
    nothing = QCoreApplication.translate("ClosingView", "尚未答复，暂无回访")
    return f"<p style='color:#666'>{escape(nothing)}</p>"


class ClosingView(QTextBrowser):
    caseRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._clicked)

    def show_closing(self, closing: CaseClosing | None) -> None:
        self.setHtml(closing_html(closing) if closing is not None else "")

    def _clicked(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("case:") and text[5:].isdigit():
            self.caseRequested.emit(int(text[5:]))
