"""How a case's clocks and supervision look: the deadline strip under the case heading (the
running deadline, coloured by warning level) and the 时限/延期/督办 sections of the 办理与答复
record."""

from __future__ import annotations

from datetime import datetime
from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from hotline_desk.domain.enums.supervision import Clock, ExtensionStatus, Level, SupervisionStatus
from hotline_desk.gui.common.words import enum_text, fmt_dt, limit_words
from hotline_desk.services.lifecycle.dto import CaseWork

LEVEL_COLORS = {
    Level.NORMAL.value: ("#2e7d32", "#e8f5e9"),
    Level.YELLOW.value: ("#8d6e00", "#fff8e1"),
    Level.RED.value: ("#c62828", "#ffebee"),
}
"""(text, background) of each warning level."""


COUNT_RULE = QT_TRANSLATE_NOOP(
    "deadline_view",
    "超期：期限已过、仍在计时的办件；临期：已过预警时间、尚未到期的办件。"
    "督办台、姓名旁的提示和导航中的数字按同一口径统计："
    "督办员和领导统计全部在计时的办件，科室人员统计本科室主办或直属单位承办、"
    "处于签收或答复环节的办件。",
)
"""The one count definition (``services/supervision/board_scope.count_scope``), for tooltips."""


def count_rule() -> str:
    return QCoreApplication.translate("deadline_view", COUNT_RULE)


def overdue_text(workdays: int) -> str:
    """超期 N 个工作日 (今日超期 while overdue since earlier today) — never mixed with the limit."""
    if workdays <= 0:
        return QCoreApplication.translate("deadline_view", "今日超期")
    return QCoreApplication.translate("deadline_view", "超期 {n} 个工作日").format(n=workdays)


def limit_text(limit: str) -> str:
    """时限 15 个工作日: the case's time limit, shown apart from the overdue time."""
    return QCoreApplication.translate("deadline_view", "时限 {limit}").format(
        limit=limit_words(limit)
    )


def level_text(level: str) -> str:
    return enum_text(Level(level).label)


def remaining_text(due: datetime, now: datetime) -> str:
    """剩余 2天3小时 / 超期 12天: days and hours while it matters, whole days past a week."""
    delta = due - now
    overdue = delta.total_seconds() < 0
    seconds = abs(int(delta.total_seconds()))
    days, rest = divmod(seconds, 86400)
    hours = rest // 3600
    if days >= 7:
        span = QCoreApplication.translate("deadline_view", "{days}天").format(days=days)
    elif days:
        span = QCoreApplication.translate("deadline_view", "{days}天{hours}小时").format(
            days=days, hours=hours
        )
    else:
        span = QCoreApplication.translate("deadline_view", "{hours}小时{minutes}分").format(
            hours=hours, minutes=(rest % 3600) // 60
        )
    if overdue:
        return QCoreApplication.translate("deadline_view", "超期 {span}").format(span=span)
    return QCoreApplication.translate("deadline_view", "剩余 {span}").format(span=span)


CLOCK_DEADLINE = {
    Clock.SIGN: QT_TRANSLATE_NOOP("deadline_view", "签收期限"),
    Clock.REPLY: QT_TRANSLATE_NOOP("deadline_view", "答复期限"),
    Clock.REOPEN: QT_TRANSLATE_NOOP("deadline_view", "重办答复期限"),
    Clock.CALLBACK: QT_TRANSLATE_NOOP("deadline_view", "回访期限"),
}
"""Each clock's deadline by name (in ``enum`` 答复 is also the event "Replied")."""


def strip_html(work: CaseWork | None, now: datetime) -> str:
    """One line: the running clock's deadline and level, urges, the open order."""
    d = work.deadlines if work else None
    if d is None or d.due_at is None or d.due_clock is None:
        return ""
    color, background = LEVEL_COLORS[d.level]
    parts = [
        QCoreApplication.translate("deadline_view", "{clock} {due}").format(
            clock=escape(
                QCoreApplication.translate("deadline_view", CLOCK_DEADLINE[Clock(d.due_clock)])
            ),
            due=escape(fmt_dt(d.due_at)),
        ),
        escape(
            overdue_text(d.overdue_workdays)
            if d.overdue_workdays is not None and d.due_at < now
            else remaining_text(d.due_at, now)
        ),
    ]
    if d.due_clock == Clock.REPLY and d.reply_limit:
        parts.append(escape(limit_text(d.reply_limit)))
    if d.external_deadline:
        parts.append(escape(external_text(d.external_deadline)))
    if d.extension_days:
        parts.append(
            escape(
                QCoreApplication.translate("deadline_view", "已延期{days}个工作日").format(
                    days=d.extension_days
                )
            )
        )
    if d.urge_count:
        parts.append(
            escape(
                QCoreApplication.translate("deadline_view", "催办{count}次").format(
                    count=d.urge_count
                )
            )
        )
    if d.order_level:
        parts.append(
            escape(
                QCoreApplication.translate("deadline_view", "{level}督办中").format(
                    level=level_text(d.order_level)
                )
            )
        )
    badge = (
        f"<span style='background:{color};color:white;padding:1px 4px'>"
        f"&nbsp;{escape(level_text(d.level))}&nbsp;</span>"
    )
    text = " · ".join(parts)
    return f"<span style='background:{background};color:{color}'>{badge}&nbsp;{text}</span>"


def external_text(due: datetime) -> str:
    """The 12345 platform's deadline, shown beside the desk's own (never counted by it)."""
    return QCoreApplication.translate("deadline_view", "平台截止 {due}").format(due=fmt_dt(due))


class DeadlineStrip(QLabel):
    """The deadline line under the case heading (hidden when no clock runs)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deadlineStrip")
        self.hide()

    def show_work(self, work: CaseWork | None, now: datetime | None = None) -> None:
        html = strip_html(work, now or datetime.now())
        self.setText(html)
        self.setVisible(bool(html))


def _section(title: str, rows: list[str]) -> str:
    if not rows:
        return ""
    items = "".join(f"<li>{r}</li>" for r in rows)
    return f"<h4 style='margin:6px 0 2px 0'>{escape(title)}</h4><ul style='margin:0'>{items}</ul>"


def _who_when(name: str, at: datetime | None) -> str:
    return f"<span style='color:#666'>{escape(name)} {escape(fmt_dt(at))}</span>"


def supervision_sections(work: CaseWork) -> list[str]:
    """时限, 延期申请 and 督办 as HTML sections of the 办理与答复 record."""
    d = work.deadlines
    parts: list[str] = []
    if d is not None:
        rows = []
        if d.sign_deadline:
            late = (
                QCoreApplication.translate("deadline_view", "（逾期签收）") if d.signed_late else ""
            )
            rows.append(
                QCoreApplication.translate("deadline_view", "签收期限：{due}").format(
                    due=escape(fmt_dt(d.sign_deadline))
                )
                + escape(late)
            )
        if d.reply_deadline:
            text = QCoreApplication.translate("deadline_view", "答复期限：{due}（{limit}）").format(
                due=escape(fmt_dt(d.reply_deadline)), limit=escape(limit_words(d.reply_limit))
            )
            if d.reply_deadline_original and d.reply_deadline_original != d.reply_deadline:
                text += escape(
                    QCoreApplication.translate("deadline_view", "，原期限 {due}").format(
                        due=fmt_dt(d.reply_deadline_original)
                    )
                )
            if d.replied_late:
                text += escape(QCoreApplication.translate("deadline_view", "（逾期答复）"))
            rows.append(text)
        if d.external_deadline:
            rows.append(escape(external_text(d.external_deadline)))
        if d.callback_deadline:
            rows.append(
                QCoreApplication.translate("deadline_view", "回访期限：{due}").format(
                    due=escape(fmt_dt(d.callback_deadline))
                )
            )
        parts.append(_section(QCoreApplication.translate("deadline_view", "时限"), rows))
    extensions = []
    for e in work.extensions:
        status = enum_text(ExtensionStatus(e.status).label)
        line = QCoreApplication.translate(
            "deadline_view", "{unit} 申请延期{days}个工作日：{reason}"
        ).format(unit=escape(e.unit_name), days=e.workdays, reason=escape(e.reason))
        line += f" {_who_when(e.requested_by_name, e.requested_at)} — <b>{escape(status)}</b>"
        if e.decision_note:
            line += escape(
                QCoreApplication.translate("deadline_view", "：{note}").format(note=e.decision_note)
            )
        extensions.append(line)
    parts.append(_section(QCoreApplication.translate("deadline_view", "延期申请"), extensions))
    records = []
    for x in work.supervisions:
        if x.kind == "urge":
            head = QCoreApplication.translate("deadline_view", "催办")
        else:
            head = QCoreApplication.translate("deadline_view", "{level}督办单").format(
                level=level_text(x.level or Level.YELLOW.value)
            )
        status = enum_text(SupervisionStatus(x.status).label)
        line = (
            f"<b>{escape(head)}</b> {escape(x.text)} {_who_when(x.issued_by_name, x.issued_at)}"
            f" — {escape(status)}"
        )
        if x.response_due and x.kind == "order":
            line += escape(
                QCoreApplication.translate("deadline_view", "（限 {due} 前回复）").format(
                    due=fmt_dt(x.response_due)
                )
            )
        if x.response:
            line += "<br>&nbsp;&nbsp;" + escape(
                QCoreApplication.translate("deadline_view", "回复：{text}").format(text=x.response)
            )
            line += " " + _who_when(x.responded_by_name, x.responded_at)
        if x.close_note:
            line += "<br>&nbsp;&nbsp;" + escape(
                QCoreApplication.translate("deadline_view", "办结：{text}").format(
                    text=x.close_note
                )
            )
        records.append(line)
    parts.append(_section(QCoreApplication.translate("deadline_view", "督办"), records))
    return [p for p in parts if p]
