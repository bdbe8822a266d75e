"""A date-time field for typing: "17:48" (today), "12-02 17:48" or "2026-12-02 17:48", with a
calendar button beside it (Alt+↓ or F4 opens it too). One Tab stop, unlike QDateTimeEdit's
five sections. Unreadable text gives a message naming the field and the accepted forms; a
time later than now (plus the services' allowed clock skew) is refused as they refuse it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from hotline_desk.domain.text_input import time_problem
from hotline_desk.domain.typed_time import format_typed_time, parse_typed_time, typed_time_problem
from hotline_desk.domain.validation import CLOCK_SKEW
from hotline_desk.gui.common.words import render


class DateTimeField(QWidget):
    """``value()`` is the typed moment or None; ``problem()`` says what is wrong with it."""

    edited = Signal()

    def __init__(self, label: str, now: Callable[[], datetime] = datetime.now,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.label, self.now = label, now
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("17:48 或 12-02 17:48"))
        self.edit.setToolTip(self.tr("可只输时间（今天），或“月-日 时：分”，或完整日期时间"))
        self.button = QToolButton()
        self.button.setText(self.tr("日历"))
        self.button.setToolTip(self.tr("选择日期(Alt+↓)"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.menu = QMenu(self)
        action = QWidgetAction(self.menu)
        action.setDefaultWidget(self.calendar)
        self.menu.addAction(action)
        self.button.setMenu(self.menu)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu.aboutToShow.connect(self._calendar_to_value)
        self.calendar.activated.connect(self._date_picked)
        self.calendar.clicked.connect(self._date_picked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.edit)
        self.edit.textEdited.connect(lambda _t: self.edited.emit())
        self.edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.edit and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)):  # fmt: skip
            alt_down = (event.key() == Qt.Key.Key_Down
                        and event.modifiers() & Qt.KeyboardModifier.AltModifier)  # fmt: skip
            if alt_down or event.key() == Qt.Key.Key_F4:
                self.button.showMenu()
                return True
        return super().eventFilter(watched, event)

    def _calendar_to_value(self) -> None:
        value = self.value() or self.now()
        self.calendar.setMaximumDate(QDate(self.now().date()))
        self.calendar.setSelectedDate(QDate(value.year, value.month, value.day))
        self.calendar.setFocus()

    def _date_picked(self, day: QDate) -> None:
        """A day from the calendar keeps the typed time of day (now's when none is typed)."""
        self.menu.hide()
        value = self.value() or self.now()
        picked = value.replace(year=day.year(), month=day.month(), day=day.day())
        self.set_value(picked)
        self.edit.setFocus()
        self.edited.emit()

    # --- value -------------------------------------------------------------------------------
    def text(self) -> str:
        return self.edit.text()

    def value(self) -> datetime | None:
        return parse_typed_time(self.edit.text(), self.now())

    def set_value(self, value: datetime | None) -> None:
        self.edit.setText(format_typed_time(value) if value is not None else "")

    def problem(self) -> str:
        """Why the typed text is not a time to save ("" when it is), in the UI language."""
        now = self.now()
        unreadable = typed_time_problem(self.label, self.edit.text(), now)
        if unreadable is not None:
            return render(unreadable)
        value = parse_typed_time(self.edit.text(), now)
        assert value is not None
        late = time_problem(self.label, value, now, CLOCK_SKEW.total_seconds())
        return render(late) if late is not None else ""

    def normalise(self) -> None:
        """Show what was understood: "17:48" becomes "2026-12-02 17:48"."""
        value = self.value()
        if value is not None:
            self.set_value(value)
