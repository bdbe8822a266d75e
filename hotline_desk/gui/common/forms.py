"""Form building blocks every dialog shares: boxed notices, a counted multi-line editor, and
``FormDialog`` (fields with their own error labels, OK/Cancel, and one service call on submit)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hotline_desk.gui.common.discard import GuardedDialog
from hotline_desk.gui.common.widgets import ErrorLabel
from hotline_desk.gui.common.writes import write
from hotline_desk.services.context import ServiceContext

NOTICE_STYLE = (
    "background: #fff8e1; border: 1px solid #ffb300; border-radius: 3px; padding: 6px;"
    " color: #4e342e;"
)


INFO_STYLE = (
    "background: #e3f2fd; border: 1px solid #90caf9; border-radius: 3px; padding: 6px;"
    " color: #0d47a1;"
)


def notice_label(text: str = "", style: str = NOTICE_STYLE) -> QLabel:
    """A boxed, word-wrapped, selectable label for something the user must not miss."""
    box = QLabel(text)
    box.setWordWrap(True)
    box.setStyleSheet(style)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setVisible(bool(text))
    return box


class _Editor(QPlainTextEdit):
    """Plain text where Ctrl+Enter means "done" instead of a line break."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if ctrl and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submitted.emit()
            return
        super().keyPressEvent(event)


class CountedText(QWidget):
    """A multi-line editor with a live ``n/limit 字`` count (red past the limit).
    Tab moves on; Ctrl+Enter submits the dialog."""

    def __init__(self, limit: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.limit = limit
        self.edit = _Editor()
        self.edit.setTabChangesFocus(True)
        self.count = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count, alignment=Qt.AlignmentFlag.AlignRight)
        self.edit.textChanged.connect(self._update)
        self._update()
        self.setFocusProxy(self.edit)

    def text(self) -> str:
        return self.edit.toPlainText()

    def set_text(self, text: str) -> None:
        self.edit.setPlainText(text)

    def replace_text(self, text: str) -> None:
        """Replace everything as one undoable edit (Ctrl+Z brings the old text back)."""
        cursor = self.edit.textCursor()
        cursor.beginEditBlock()
        cursor.select(cursor.SelectionType.Document)
        cursor.insertText(text)
        cursor.endEditBlock()
        self.edit.setTextCursor(cursor)

    def _update(self) -> None:
        n = len(self.edit.toPlainText())
        self.count.setText(self.tr("{count}/{limit} 字").format(count=n, limit=self.limit))
        self.count.setStyleSheet("color: #c62828;" if n > self.limit else "color: gray;")


class FormDialog(GuardedDialog):
    """A form whose fields carry their own error labels, OK/Cancel, and ``submit()``, which runs
    the dialog's one service call (``perform``): the lifecycle dialogs and the admin's small
    editors share it. Esc or 取消 with typed text asks first (``GuardedDialog``)."""

    def __init__(self, ok_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx: ServiceContext
        """Set by each subclass: the context its service call runs in."""
        self.saved: Any = None
        """What the service call returned after its commit (None until then)."""
        self.errors: dict[str, ErrorLabel] = {}
        self.focus_for: dict[str, QWidget] = {}
        self.summary = ErrorLabel()
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.ok_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            QCoreApplication.translate("ActionDialog", "取消")
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout()
        self.main_layout = QVBoxLayout(self)
        self.main_layout.addLayout(self.body)
        self.main_layout.addWidget(self.summary)
        self.main_layout.addLayout(self.form)
        self.main_layout.addWidget(self.buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.submit)

    # --- building ---------------------------------------------------------------------------
    def add_field(self, label: str, name: str, *widgets: QWidget, stretch: int = 0) -> None:
        """A form row: the widgets side by side, the field's error label under them."""
        self.errors[name] = ErrorLabel()
        self.focus_for[name] = widgets[0]
        column = QVBoxLayout()
        column.setSpacing(1)
        row = QHBoxLayout()
        for w in widgets:
            row.addWidget(w, 0 if isinstance(w, QLabel | QPushButton) else 1)
        column.addLayout(row, stretch)
        column.addWidget(self.errors[name])
        self.form.addRow(label, column)
        for w in widgets:
            if isinstance(w, CountedText):
                w.edit.submitted.connect(self.submit)

    def add_note(self, widget: QWidget) -> None:
        """Context above the form (what the case holds, what happens next)."""
        self.body.addWidget(widget)

    # --- acting -----------------------------------------------------------------------------
    def perform(self) -> Any:
        raise NotImplementedError

    def submit(self) -> None:
        self.run(self.perform)

    def run(self, call: Callable[[], Any]) -> None:
        """Run one service call through ``write``: inline field errors and stay open, or show
        the refusal and close, or keep what it returned (``saved``) and accept. The dialog's
        subclass holds ``self.ctx``."""
        written = write(self, self.ctx, call, field_errors=self.show_errors,
                        on_refused=self.discard)  # fmt: skip
        if written is not None:
            self.saved = written.result
            if self.draft_keeper is not None:
                self.draft_keeper.done()  # right after the commit: the draft is what was saved
            self.accept()

    def show_errors(self, field_errors: dict[str, str]) -> None:
        for name, label in self.errors.items():
            label.set_error(field_errors.get(name, ""))
        unknown = [m for f, m in field_errors.items() if f not in self.errors]
        if not field_errors:
            self.summary.set_error("")
            return
        message = QCoreApplication.translate(
            "ActionDialog", "有 {count} 处需要修改，未保存。"
        ).format(count=len(field_errors))
        self.summary.set_error(
            message
            + QCoreApplication.translate("ActionDialog", ";", "separator between messages").join(
                unknown
            )
        )
        first = next((f for f in self.errors if f in field_errors), None)
        if first is not None:
            self.focus_for[first].setFocus()
