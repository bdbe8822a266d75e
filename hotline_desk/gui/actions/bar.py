"""The row of action buttons on a case: one per action the user may take now, in the order of the
action specs (``domain/actions.py``): the step that moves the case on first and default."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from hotline_desk.domain.actions import BUTTON_ORDER
from hotline_desk.gui.actions.catalog import action_text


class ActionBar(QWidget):
    """One button per allowed action; emits the action's code when pressed."""

    actionRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: dict[str, QPushButton] = {}
        self._primary: str | None = None
        """The action whose button is the default (styled as the step that moves on)."""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for act in BUTTON_ORDER:
            action = act.value
            button = QPushButton(action_text(act))
            button.setObjectName(f"action_{action}")
            button.clicked.connect(lambda _c=False, a=action: self.actionRequested.emit(a))
            button.hide()
            self.buttons[action] = button
            layout.addWidget(button)
        layout.addStretch(1)

    def show_actions(self, allowed: tuple[str, ...]) -> None:
        for action, button in self.buttons.items():
            button.setVisible(action in allowed)
        primary = next((a for a in self.buttons if a in allowed), None)
        if primary == self._primary:
            return
        for action in (self._primary, primary):  # re-styled: the two whose part changed only
            if action is not None:
                button = self.buttons[action]
                button.setDefault(action == primary)
                button.setProperty("primary", action == primary)
                button.style().unpolish(button)
                button.style().polish(button)
        self._primary = primary
