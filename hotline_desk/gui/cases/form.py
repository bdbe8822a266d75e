"""The registration form: keyboard-first fields, live length counters, per-field errors.

``to_input()`` maps the widgets to a ``CaseInput`` in one place, so the mapping is testable
without showing a window; ``show_errors()`` puts each service message beside its field.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from hotline_desk.domain.enums import Category, Channel, Urgency
from hotline_desk.domain.validation import CONTENT_MAX, TITLE_MAX, CaseInput
from hotline_desk.gui.common.widgets import ChoiceCombo, ErrorLabel
from hotline_desk.gui.common.words import choices
from hotline_desk.services.dto import CaseDetail, TopicInfo


def _to_py(dt: QDateTime) -> datetime:
    d, t = dt.date(), dt.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


class TopicCombo(QComboBox):
    """Editable combo over the 派单目录: type any part of a name or keyword to narrow it."""

    def __init__(self, topics: list[TopicInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._topics = topics
        for t in topics:
            self.addItem(t.name, t.id)
            tip = self.tr("{topic}:{keywords}(主办:{unit})").format(
                topic=t.name, keywords=t.keywords, unit=t.lead_unit_name
            )
            self.setItemData(self.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)
        self.setCurrentIndex(-1)
        self.lineEdit().setPlaceholderText(self.tr("输入关键字查找,如“资金”“停电”"))

    def topic_id(self) -> int | None:
        text = self.currentText().strip()
        if not text:
            return None
        for t in self._topics:
            if t.name == text:
                return t.id
        for t in self._topics:  # a keyword typed in full picks its topic when unambiguous
            if text in t.keywords.split():
                return t.id
        return None

    def set_topic(self, topic_id: int | None) -> None:
        self.setCurrentIndex(self.findData(topic_id) if topic_id is not None else -1)


class CaseForm(QWidget):
    """Fields of one case; the surrounding page or dialog supplies the buttons."""

    FIELDS = ("channel", "received_at", "platform_ref", "caller_name", "caller_phone",
              "caller_address", "category", "topic_id", "urgency", "title", "content")  # fmt: skip

    def __init__(self, topics: list[TopicInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.channel = ChoiceCombo(choices(Channel))
        self.received_at = QDateTimeEdit()
        self.received_at.setCalendarPopup(True)
        self.received_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.platform_ref = QLineEdit()
        self.platform_ref.setPlaceholderText(self.tr("12345平台转办件必填;其他可空"))
        self.caller_name = QLineEdit()
        self.anonymous = QCheckBox(self.tr("匿名"))
        self.caller_phone = QLineEdit()
        self.caller_phone.setPlaceholderText(self.tr("手机 13812345678 或固话 0571-87654321"))
        self.caller_address = QLineEdit()
        self.confidential = QCheckBox(self.tr("请求保密"))
        self.publish_consent = QCheckBox(self.tr("同意公开"))
        self.category = ChoiceCombo(choices(Category), self.tr("请选择"))
        self.topic = TopicCombo(topics)
        self.urgency = ChoiceCombo(choices(Urgency))
        self.important = QCheckBox(self.tr("重要件"))
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("一句话概括诉求"))
        self.content = QPlainTextEdit()
        self.content.setTabChangesFocus(True)
        self.content.setPlaceholderText(self.tr("来电/来信的具体诉求、时间、地点、涉及单位等"))
        self.title_count = QLabel()
        self.content_count = QLabel()
        self.errors: dict[str, ErrorLabel] = {f: ErrorLabel() for f in self.FIELDS}
        self.summary = ErrorLabel()
        self._build()
        self.title.textChanged.connect(self._update_counts)
        self.content.textChanged.connect(self._update_counts)
        self.anonymous.toggled.connect(self._on_anonymous)
        self.clear()

    def _row(self, *widgets: QWidget) -> QHBoxLayout:
        box = QHBoxLayout()
        for w in widgets:
            box.addWidget(w, 0 if isinstance(w, QCheckBox | QLabel) else 1)
        return box

    def _field(self, form: QFormLayout, label: str, name: str, *widgets: QWidget) -> None:
        column = QVBoxLayout()
        column.setSpacing(1)
        column.addLayout(self._row(*widgets))
        column.addWidget(self.errors[name])
        form.addRow(label, column)

    def _build(self) -> None:
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self._field(form, self.tr("来源渠道 *"), "channel", self.channel)
        self._field(form, self.tr("受理时间 *"), "received_at", self.received_at)
        self._field(form, self.tr("平台工单号"), "platform_ref", self.platform_ref)
        self._field(
            form, self.tr("来电人/来信人 *"), "caller_name", self.caller_name, self.anonymous
        )
        self._field(form, self.tr("联系电话 *"), "caller_phone", self.caller_phone)
        self._field(form, self.tr("联系地址"), "caller_address", self.caller_address,
                    self.confidential, self.publish_consent)  # fmt: skip
        self._field(form, self.tr("诉求类型 *"), "category", self.category)
        self._field(form, self.tr("事项分类 *"), "topic_id", self.topic)
        self._field(form, self.tr("紧急程度 *"), "urgency", self.urgency, self.important)
        self._field(form, self.tr("标题 *"), "title", self.title, self.title_count)
        content_box = QVBoxLayout()
        content_box.addWidget(self.content)
        content_box.addWidget(self.content_count, alignment=Qt.AlignmentFlag.AlignRight)
        content_box.addWidget(self.errors["content"])
        form.addRow(self.tr("诉求内容 *"), content_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        self.setTabOrder(self.channel, self.received_at)

    # --- mapping ---------------------------------------------------------------------------
    def to_input(self) -> CaseInput:
        return CaseInput(
            channel=self.channel.value() or "",
            received_at=_to_py(self.received_at.dateTime()),
            caller_name=self.caller_name.text(),
            caller_phone=self.caller_phone.text(),
            caller_address=self.caller_address.text(),
            platform_ref=self.platform_ref.text(),
            anonymous=self.anonymous.isChecked(),
            confidential=self.confidential.isChecked(),
            publish_consent=self.publish_consent.isChecked(),
            category=self.category.value() or "",
            topic_id=self.topic.topic_id(),
            urgency=self.urgency.value() or "",
            important=self.important.isChecked(),
            title=self.title.text(),
            content=self.content.toPlainText(),
        )

    def load(self, case: CaseDetail) -> None:
        self.channel.set_value(case.channel)
        r = case.received_at
        self.received_at.setDateTime(QDateTime(r.year, r.month, r.day, r.hour, r.minute, 0))
        self.platform_ref.setText(case.platform_ref)
        self.caller_name.setText(case.caller_name)
        self.caller_phone.setText(case.caller_phone)
        self.caller_address.setText(case.caller_address)
        self.anonymous.setChecked(case.anonymous)
        self.confidential.setChecked(case.confidential)
        self.publish_consent.setChecked(case.publish_consent)
        self.category.set_value(case.category)
        self.topic.set_topic(case.topic_id)
        self.urgency.set_value(case.urgency)
        self.important.setChecked(case.important)
        self.title.setText(case.title)
        self.content.setPlainText(case.content)
        self.show_errors({})

    def has_input(self) -> bool:
        """Something typed that is not saved yet (注销 asks before it is lost)."""
        texts = (self.platform_ref, self.caller_name, self.caller_phone, self.caller_address,
                 self.title)  # fmt: skip
        return any(w.text().strip() for w in texts) or bool(self.content.toPlainText().strip())

    def clear(self) -> None:
        now = QDateTime.currentDateTime()
        self.received_at.setMaximumDateTime(now.addSecs(24 * 3600))
        self.received_at.setDateTime(now)
        for w in (self.platform_ref, self.caller_name, self.caller_phone, self.caller_address,
                  self.title):  # fmt: skip
            w.clear()
        self.content.clear()
        for c in (self.anonymous, self.confidential, self.publish_consent, self.important):
            c.setChecked(False)
        self.category.setCurrentIndex(0)
        self.topic.set_topic(None)
        self.urgency.set_value(Urgency.NORMAL.value)
        self.show_errors({})
        self._update_counts()

    def show_errors(self, field_errors: dict[str, str]) -> None:
        for name, label in self.errors.items():
            label.set_error(field_errors.get(name, ""))
        unknown = [m for f, m in field_errors.items() if f not in self.errors]
        if field_errors:
            message = self.tr("有 {count} 处需要修改,未保存。").format(count=len(field_errors))
            self.summary.set_error(
                message + self.tr(";", "separator between messages").join(unknown)
            )
            first = next((f for f in self.FIELDS if f in field_errors), None)
            if first:
                self._widget_for(first).setFocus()
        else:
            self.summary.set_error("")

    def _widget_for(self, name: str) -> QWidget:
        return {"topic_id": self.topic}.get(name) or getattr(self, name)

    def _update_counts(self) -> None:
        t, c = len(self.title.text()), len(self.content.toPlainText())
        self.title_count.setText(f"{t}/{TITLE_MAX}")
        self.content_count.setText(self.tr("{count}/{limit} 字").format(count=c, limit=CONTENT_MAX))
        over = "color: #c62828;"
        self.title_count.setStyleSheet(over if t > TITLE_MAX else "color: gray;")
        self.content_count.setStyleSheet(over if c > CONTENT_MAX else "color: gray;")

    def _on_anonymous(self, checked: bool) -> None:
        self.caller_name.setPlaceholderText(self.tr("匿名来电可不填") if checked else "")
