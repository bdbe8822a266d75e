"""The application-wide "changed" signal: after every write, each view refreshes what it shows.

``app_bus()`` is one ``ChangeBus`` per QApplication. Writes reach it through the one write
helper (``gui/common/writes.py``) with the ``Changes`` their transaction collected and the widget
that started them; notices from other desks (PostgreSQL ``LISTEN``, SQLite ``data_version``)
arrive with ``OTHER_DESK`` as initiator. Views connect in their constructor and look at
``changes.touches(...)`` / ``changes.touches_case(id)``; nobody fans changes out by hand.

A subscription ends with its view: when the view is deleted, or when its window has been closed
(signed out, or a test's window) but not deleted yet — such a view's session has ended, so it
must not query it (nor raise an error box over the desk in use). A window never shown (a page
not placed yet, a view under test) still follows changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from hotline_desk.domain.changes import Changes

OTHER_DESK: Final = "other_desk"
"""The initiator of changes another desk (process or workstation) made."""


class ChangeBus(QObject):
    changed = Signal(object, object)
    """(Changes, initiator): the widget whose write it was, ``OTHER_DESK``, or None."""

    def announce(self, changes: Changes, initiator: object = None) -> None:
        if changes:
            self.changed.emit(changes, initiator)


_BUS: dict[int, ChangeBus] = {}


def app_bus() -> ChangeBus:
    """The bus of the running QApplication (made on first use, deleted with it)."""
    app = QCoreApplication.instance()
    assert app is not None, "a QApplication must exist"
    key = id(app)
    bus = _BUS.get(key)
    if bus is None:
        bus = ChangeBus(app)
        _BUS.clear()  # a bus of an earlier QApplication (tests) is gone with it
        _BUS[key] = bus
        bus.destroyed.connect(lambda *_: _BUS.pop(key, None))
    return bus


class _Subscription(QObject):
    """A child of the view: dies with it, and with it the connection to the bus."""

    def __init__(self, owner: QObject, topics: tuple[str, ...], refresh: Callable[[], None],
                 skip_own: bool) -> None:  # fmt: skip
        super().__init__(owner)
        self.owner, self.topics, self.refresh, self.skip_own = owner, topics, refresh, skip_own
        app_bus().changed.connect(self._changed)

    def _changed(self, changes: Changes, initiator: object) -> None:
        if not shiboken6.isValid(self) or gone(self.owner):
            self._drop()
            return
        if not changes.touches(*self.topics):
            return
        if self.skip_own and within(initiator, self.owner):
            return
        self.refresh()

    def _drop(self) -> None:
        """No more changes for a view that is gone (the subscription goes with it)."""
        app_bus().changed.disconnect(self._changed)
        if shiboken6.isValid(self):
            self.deleteLater()


def gone(owner: QObject) -> bool:
    """True when ``owner`` is deleted, or its window (or that of the widget it belongs to) was
    closed: hidden after being shown."""
    if not shiboken6.isValid(owner):
        return True
    widget: QObject | None = owner  # a watcher without a face: the widget it belongs to
    while widget is not None and not isinstance(widget, QWidget):
        widget = widget.parent()
    if widget is None:
        return False
    window = widget.window()
    hidden_on_purpose = window.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide)
    return hidden_on_purpose and window.isHidden()


def within(obj: object, owner: QObject) -> bool:
    """True when ``obj`` is ``owner`` or one of its descendants (an initiator check)."""
    while isinstance(obj, QObject):
        if obj is owner:
            return True
        obj = obj.parent()
    return False


def subscribe(owner: QObject, topics: tuple[str, ...], refresh: Callable[[], None],
              skip_own: bool = False) -> None:  # fmt: skip
    """Call ``refresh()`` whenever a change touches any of ``topics``, for as long as ``owner``
    lives; with ``skip_own``, not for the owner's own writes (it has shown their result)."""
    _Subscription(owner, topics, refresh, skip_own)
