"""Small shared widgets: labelled combo boxes fed from (value, label) choices, field-error
labels, an optional-date edit that shows 不限 for "no bound", column sizing for labels, and the
counts on queue buttons."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHeaderView,
    QPushButton,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from hotline_desk.gui.common.error_label import ERROR_STYLE, ErrorLabel

__all__ = ["ERROR_STYLE", "ChoiceCombo", "ErrorLabel", "OptionalDateEdit", "fill_table",
           "make_table", "show_queue_counts", "text_width"]  # fmt: skip


def text_width(view: QWidget, texts: Iterable[str], minimum: int = 0) -> int:
    """A column width of at least ``minimum`` that shows the longest of ``texts`` whole
    (labels differ in length between languages)."""
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    padding = 2 * margin + 6  # the delegate's text margins, grid line and rounding slack
    metrics = view.fontMetrics()
    return max([minimum, *(metrics.horizontalAdvance(t) + padding for t in texts)])


def show_queue_counts(
    buttons: dict[str, QPushButton], counts: dict[str, int], text: Callable[[str], str]
) -> None:
    """Put each queue's count on its button, and the ``busy`` style when cases wait there."""
    for key, button in buttons.items():
        n = counts.get(key, 0)
        button.setText(f"{text(key)} ({n})" if n else text(key))
        button.setProperty("busy", n > 0)
        button.style().unpolish(button)
        button.style().polish(button)


class ChoiceCombo(QComboBox):
    """A combo of (value, label) pairs; ``value()`` returns the chosen value or None."""

    def __init__(
        self,
        choices: list[tuple[Any, str]],
        empty_label: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if empty_label is not None:
            self.addItem(empty_label, None)
        for value, text in choices:
            self.addItem(text, value)

    def value(self) -> Any:
        return self.currentData()

    def set_value(self, value: Any) -> None:
        index = self.findData(value)
        self.setCurrentIndex(max(index, 0))


class OptionalDateEdit(QDateEdit):
    """A date edit whose lowest value means 不限 (no bound)."""

    FLOOR = QDate(2000, 1, 1)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(self.FLOOR)
        self.setSpecialValueText(self.tr("不限", "no date bound"))
        self.clear_value()

    def clear_value(self) -> None:
        self.setDate(self.FLOOR)

    def value(self) -> date | None:
        d = self.date()
        return None if d == self.FLOOR else date(d.year(), d.month(), d.day())

    def set_value(self, value: date | None) -> None:
        self.setDate(QDate(value.year, value.month, value.day) if value else self.FLOOR)


def make_table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def fill_table(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.setItem(r, c, QTableWidgetItem(value))
