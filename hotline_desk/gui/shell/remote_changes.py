"""Changes made at other desks, announced on this desk's bus with ``OTHER_DESK`` as initiator.

PostgreSQL: the listener blocks on a plain Python thread of its own (it touches no widget) and
hands what it receives to the GUI thread through a queued signal. SQLite: a timer polls the
``data_version`` watcher about once a second on the GUI thread (one pragma, microseconds).
``stop()`` ends the thread, closes the connection and is safe to call twice; the main window
calls it when it closes, and it runs when the object is destroyed with its parent.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QTimer, Signal

from hotline_desk.domain.changes import Changes
from hotline_desk.gui.common.bus import OTHER_DESK, app_bus
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.other_desks import DeskFeed, open_feed

log = logging.getLogger(__name__)

POLL_MS = 1000
"""SQLite: how often the watcher is asked."""
WAIT_S = 0.25
"""PostgreSQL: the listener thread looks at its stop flag this often."""


class RemoteChanges(QObject):
    received = Signal(object)
    """Changes another desk committed; emitted on the GUI thread (queued from the listener)."""
    _arrived = Signal(object)

    def __init__(self, ctx: ServiceContext, parent: QObject | None = None,
                 poll_ms: int = POLL_MS) -> None:  # fmt: skip
        super().__init__(parent)
        self._arrived.connect(self._announce)  # queued: emitted by the listener thread
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self.timer = QTimer(self, interval=poll_ms)
        self.timer.timeout.connect(self._poll)
        try:
            self.feed: DeskFeed | None = open_feed(ctx)
        except Exception:  # noqa: BLE001 - the desk works without it, only later refreshes
            log.exception("cannot watch other desks' changes")
            self.feed = None
        if self.feed is None:
            return
        if self.feed.blocking:
            self._thread = threading.Thread(
                target=self._listen, args=(self.feed,), name="other-desks", daemon=True
            )
            self._thread.start()
        else:
            self.timer.start()
        self.destroyed.connect(self._stop_feed_of(self._stopping, self._thread, self.feed))

    @property
    def running(self) -> bool:
        return self.feed is not None and not self._stopping.is_set()

    def _listen(self, feed: DeskFeed) -> None:
        """The listener thread: no widgets here, only the queued signal."""
        try:
            while not self._stopping.is_set():
                found = feed.wait(WAIT_S)
                if found and not self._stopping.is_set():
                    merged = found[0]
                    for changes in found[1:]:
                        merged |= changes
                    self._arrived.emit(merged)
        except RuntimeError:  # the QObject went away under us: nothing left to tell
            pass
        except Exception:  # noqa: BLE001 - logged; the desk goes on without the feed
            log.exception("listening to other desks failed")
        finally:
            feed.close()

    def _poll(self) -> None:
        if self.feed is not None and not self._stopping.is_set():
            changes = self.feed.poll()
            if changes is not None:
                self._announce(changes)

    def _announce(self, changes: Changes) -> None:
        if not self._stopping.is_set():
            self.received.emit(changes)
            app_bus().announce(changes, OTHER_DESK)

    def stop(self, timeout: float = 3.0) -> None:
        """Stop listening: the thread ends (joined) and the connection is closed."""
        self.timer.stop()
        if self.feed is None or self._stopping.is_set():
            return
        self._stopping.set()
        self._stop_feed_of(self._stopping, self._thread, self.feed, timeout)()

    @staticmethod
    def _stop_feed_of(stopping: threading.Event, thread: threading.Thread | None,
                      feed: DeskFeed, timeout: float = 3.0):  # type: ignore[no-untyped-def]  # fmt: skip
        """A stopper that holds no reference to the QObject (it runs on ``destroyed``)."""

        def stop(*_: object) -> None:
            stopping.set()
            if thread is not None:
                thread.join(timeout)  # the thread closes its feed on the way out
            else:
                feed.close()

        return stop
