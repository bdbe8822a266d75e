"""The application-wide "changed" signal: after a write, views refresh what they show."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

CASES = "cases"
USERS = "users"


class ChangeBus(QObject):
    changed = Signal(object)  # a frozenset of topics such as {"cases"}

    def notify(self, *topics: str) -> None:
        self.changed.emit(frozenset(topics))
