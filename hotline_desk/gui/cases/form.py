"""The registration form: keyboard-first fields, live length counters, per-field errors.

``to_input()`` maps the widgets to a ``CaseInput`` in one place, so the mapping is testable
without showing a window; ``show_errors()`` puts each service message beside its field and
``firstError`` names the field to bring into view. A message goes as soon as its field is
changed (the next save checks again); 受理时间 is checked as it is typed.

Tab walks the fields a clerk fills — 来源渠道, 受理时间, 平台工单号, 来电人, 联系电话, 联系地址,
诉求类型, 事项分类, 紧急程度, 标题, 诉求内容 — and skips the check boxes, which a click, their
Alt mnemonic or Shift+Tab from the field after them reach. Text typed while a check box has
the focus goes on to the next field instead of being lost.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from hotline_desk.domain.enums.intake import Category, Channel, Urgency
from hotline_desk.domain.validation import CONTENT_MAX, FIELD_LABELS, TITLE_MAX, CaseInput
from hotline_desk.gui.common.datetime_field import DateTimeField
from hotline_desk.gui.common.topic_picker import TopicCombo
from hotline_desk.gui.common.widgets import ChoiceCombo, ErrorLabel
from hotline_desk.gui.common.words import choices, render
from hotline_desk.services.dto import CaseDetail, TopicInfo


class CaseForm(QWidget):
    """Fields of one case; the surrounding page or dialog supplies the buttons."""

    FIELDS = ("channel", "received_at", "platform_ref", "caller_name", "caller_phone",
              "caller_address", "category", "topic_id", "urgency", "title", "content")  # fmt: skip
    firstError = Signal(QWidget)  # the row of the first field in error, to scroll into view

    def __init__(self, topics: list[TopicInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.channel = ChoiceCombo(choices(Channel))
        self.received_at = DateTimeField(FIELD_LABELS["received_at"])
        self.platform_ref = QLineEdit()
        self.platform_ref.setPlaceholderText(self.tr("12345平台转办件必填；其他可空"))
        self.caller_name = QLineEdit()
        self.anonymous = QCheckBox(self.tr("匿名(&N)"))
        self.caller_phone = QLineEdit()
        self.caller_phone.setPlaceholderText(self.tr("手机 13812345678 或固话 0571-87654321"))
        self.caller_address = QLineEdit()
        self.confidential = QCheckBox(self.tr("请求保密(&B)"))
        self.publish_consent = QCheckBox(self.tr("同意公开(&G)"))
        self.category = ChoiceCombo(choices(Category), self.tr("请选择"))
        self.topic = TopicCombo(topics)
        self._limit_categories = {t.id: t.limit_category for t in topics if t.limit_category}
        self.topic.currentIndexChanged.connect(self._category_of_topic)
        self.urgency = ChoiceCombo(choices(Urgency))
        self.important = QCheckBox(self.tr("重要件(&Z)"))
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("一句话概括诉求"))
        self.content = QPlainTextEdit()
        self.content.setTabChangesFocus(True)
        self.content.setPlaceholderText(self.tr("来电/来信的具体诉求、时间、地点、涉及单位等"))
        self.title_count = QLabel()
        self.content_count = QLabel()
        self.errors: dict[str, ErrorLabel] = {f: ErrorLabel() for f in self.FIELDS}
        self.summary = ErrorLabel()
        self._rows: dict[str, QWidget] = {}
        self._build()
        self._keyboard()
        self.title.textChanged.connect(self._update_counts)
        self.content.textChanged.connect(self._update_counts)
        self.anonymous.toggled.connect(self._on_anonymous)
        self._clear_on_change()
        self.clear()

    def _category_of_topic(self, *_args: object) -> None:
        """A topic of the 派单目录 with a time-limit category fills 诉求类型 (which keys the
        time limits) while the clerk has chosen none."""
        category = self._limit_categories.get(self.topic.topic_id() or -1)
        if category and self.category.value() is None:
            self.category.set_value(category)

    def _row(self, *widgets: QWidget) -> QHBoxLayout:
        box = QHBoxLayout()
        box.setContentsMargins(0, 0, 0, 0)
        for w in widgets:
            box.addWidget(w, 0 if isinstance(w, QCheckBox | QLabel) else 1)
        return box

    def _field(self, form: QFormLayout, label: str, name: str, *widgets: QWidget) -> None:
        row = QWidget()
        column = QVBoxLayout(row)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        column.addLayout(self._row(*widgets))
        column.addWidget(self.errors[name])
        self._rows[name] = row
        form.addRow(label, row)

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
        self._field(form, self.tr("事项分类 *"), "topic_id", self.topic, self.topic.hint)
        self._field(form, self.tr("紧急程度 *"), "urgency", self.urgency, self.important)
        self._field(form, self.tr("标题 *"), "title", self.title, self.title_count)
        content = QWidget()
        content_box = QVBoxLayout(content)
        content_box.setContentsMargins(0, 0, 0, 0)
        content_box.addWidget(self.content)
        content_box.addWidget(self.content_count, alignment=Qt.AlignmentFlag.AlignRight)
        content_box.addWidget(self.errors["content"])
        self._rows["content"] = content
        form.addRow(self.tr("诉求内容 *"), content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addLayout(form)

    # --- keyboard ----------------------------------------------------------------------------
    def tab_chain(self) -> list[QWidget]:
        """The fields Tab visits, in order."""
        return [self.channel, self.received_at.edit, self.platform_ref, self.caller_name,
                self.caller_phone, self.caller_address, self.category, self.topic,
                self.urgency, self.title, self.content]  # fmt: skip

    def _keyboard(self) -> None:
        chain = [self.channel, self.received_at.edit, self.platform_ref, self.caller_name,
                 self.anonymous, self.caller_phone, self.caller_address, self.confidential,
                 self.publish_consent, self.category, self.topic, self.urgency, self.important,
                 self.title, self.content]  # fmt: skip
        for a, b in zip(chain, chain[1:], strict=False):
            self.setTabOrder(a, b)
        # Shift+Tab from the field after a group of check boxes goes to its last box
        self._back_to: dict[QObject, QWidget] = {
            self.caller_phone: self.anonymous, self.category: self.publish_consent,
            self.title: self.important,
        }  # fmt: skip
        self._after: dict[QObject, QWidget] = {
            self.anonymous: self.caller_phone, self.confidential: self.category,
            self.publish_consent: self.category, self.important: self.title,
        }  # fmt: skip
        for box in self._after:
            assert isinstance(box, QCheckBox)
            box.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
            box.installEventFilter(self)
        self.caller_phone.installEventFilter(self)
        self.title.installEventFilter(self)
        self.category.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        if event.key() == Qt.Key.Key_Backtab and watched in self._back_to:
            self._back_to[watched].setFocus(Qt.FocusReason.BacktabFocusReason)
            return True
        if (
            watched in self._after
            and event.text().strip()
            and not event.modifiers()
            & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        ):  # typed text goes on to the next field rather than being lost
            target = self._after[watched]
            target.setFocus(Qt.FocusReason.OtherFocusReason)
            receiver = target.lineEdit() if isinstance(target, TopicCombo) else target
            copy = QKeyEvent(event.type(), event.key(), event.modifiers(), event.text())
            QApplication.sendEvent(receiver, copy)
            return True
        return super().eventFilter(watched, event)

    # --- mapping ---------------------------------------------------------------------------
    def to_input(self) -> CaseInput:
        self.topic.resolve()
        return CaseInput(
            channel=self.channel.value() or "",
            received_at=self.received_at.value(),
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
        self.received_at.set_value(case.received_at)
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
        self.received_at.set_value(self.received_at.now().replace(second=0, microsecond=0))
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

    # --- errors ------------------------------------------------------------------------------
    def _clear_on_change(self) -> None:
        """A message is about the value it was given for: it goes when the field changes."""
        signals = {
            "channel": self.channel.currentIndexChanged,
            "platform_ref": self.platform_ref.textEdited,
            "caller_name": self.caller_name.textEdited,
            "caller_phone": self.caller_phone.textEdited,
            "caller_address": self.caller_address.textEdited,
            "category": self.category.currentIndexChanged,
            "topic_id": self.topic.currentTextChanged,
            "urgency": self.urgency.currentIndexChanged,
            "title": self.title.textEdited,
            "content": self.content.textChanged,
        }
        for name, signal in signals.items():
            signal.connect(lambda *_a, name=name: self.clear_error(name))
        self.anonymous.toggled.connect(lambda _c: self.clear_error("caller_name"))
        self.anonymous.toggled.connect(lambda _c: self.clear_error("caller_phone"))
        self.received_at.edited.connect(self._check_time)
        self.received_at.edit.editingFinished.connect(lambda: self._check_time(finished=True))

    def _check_time(self, finished: bool = False) -> None:
        """受理时间 is checked as typed: its message goes once the text is a possible time, and
        comes when the clerk leaves a field that still is not."""
        problem = self.received_at.problem()
        if not problem:
            self.received_at.normalise() if finished else None
            self.clear_error("received_at")
        elif finished:
            self.errors["received_at"].set_error(problem)
            self._update_summary()

    def clear_error(self, name: str) -> None:
        if self.errors[name].isHidden():
            return
        self.errors[name].set_error("")
        self._update_summary()

    def pending_errors(self) -> list[str]:
        return [f for f in self.FIELDS if not self.errors[f].isHidden()]

    def _update_summary(self, unknown: list[str] | None = None) -> None:
        pending = self.pending_errors()
        if not pending and not unknown:
            self.summary.set_error("")
            return
        names = self.tr("、", "separator between field names").join(
            render(FIELD_LABELS[f]) for f in pending
        )
        message = self.tr("有 {count} 处需要修改，未保存：{fields}").format(
            count=len(pending) + len(unknown or []), fields=names
        )
        if unknown:
            message += self.tr("。", "after the field names") + self.tr(
                ";", "separator between messages"
            ).join(unknown)
        self.summary.set_error(message)

    def show_errors(self, field_errors: dict[str, str]) -> None:
        field_errors = dict(field_errors)
        if "received_at" in field_errors and self.received_at.problem():
            field_errors["received_at"] = self.received_at.problem()  # says what it accepts
        for name, label in self.errors.items():
            label.set_error(field_errors.get(name, ""))
        self._update_summary([m for f, m in field_errors.items() if f not in self.errors])
        first = next((f for f in self.FIELDS if f in field_errors), None)
        if first:
            self._widget_for(first).setFocus()
            self.firstError.emit(self._rows[first])

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
