"""The red message under a field (its own module: the login window shows one, and the other
shared widgets took ~13 ms to import before it painted; ``widgets`` names it too)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from hotline_desk.gui.common.words import render

ERROR_STYLE = "color: #c62828;"


class ErrorLabel(QLabel):
    """Red message under a field; hidden while empty. A message from the domain or the services
    (``Msg``) is shown in the UI language (``words.render``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(ERROR_STYLE)
        self.setWordWrap(True)
        self.hide()

    def set_error(self, text: str) -> None:
        self.setText(render(text))
        self.setVisible(bool(text))
