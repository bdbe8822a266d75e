"""One way to run work off the GUI thread: a QThreadPool job with done/failed callbacks,
optional progress and cancel. Workers never touch widgets; callbacks run on the GUI thread."""

from __future__ import annotations

import inspect
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

log = logging.getLogger(__name__)


def run_later(owner: QObject, ms: int, fn: Callable[[], None]) -> QTimer:
    """``fn()`` in ``ms`` on the GUI thread, by a single-shot timer that is a child of
    ``owner``: it goes with ``owner``, and a window that stops its timers (closing, signing
    out, a restore) stops this one too — a ``QTimer.singleShot`` would still fire, and start
    work for a session that is over."""
    timer = QTimer(owner)
    timer.setSingleShot(True)
    timer.timeout.connect(fn)
    timer.timeout.connect(timer.deleteLater)
    timer.start(ms)
    return timer


class Cancelled(Exception):
    """Raised inside a worker when the user cancelled."""


class CancelToken:
    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise Cancelled()


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)


class _Job(QRunnable):
    def __init__(self, fn: Callable[..., Any], signals: _Signals, token: CancelToken) -> None:
        super().__init__()
        self.fn, self.signals, self.token = fn, signals, token
        self.setAutoDelete(True)

    def run(self) -> None:
        kwargs: dict[str, Any] = {}
        params = inspect.signature(self.fn).parameters
        if "token" in params:
            kwargs["token"] = self.token
        if "report" in params:
            signals = self.signals

            def report(done: int, total: int) -> None:
                signals.progress.emit(done, total)

            kwargs["report"] = report
        try:
            result = self.fn(**kwargs)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class TaskRunner(QObject):
    """Runs callables on a thread pool; keeps their signal objects alive until they finish."""

    def __init__(self, parent: QObject | None = None, max_threads: int = 4) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._live: set[_Signals] = set()

    def run(
        self,
        fn: Callable[..., Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[BaseException], None],
        on_progress: Callable[[int, int], None] | None = None,
        deliver_cancelled: bool = False,
    ) -> CancelToken:
        """``on_done`` runs on the GUI thread with the result, unless the user cancelled (then
        only with ``deliver_cancelled``: a write reports what it committed before stopping)."""
        token = CancelToken()
        # Parented to the runner (the GUI thread owns it) and deleted later, never by the last
        # Python reference going away: that can happen in the worker thread, or inside the
        # very signal emission being handled, and crashed the process.
        signals = _Signals(self)
        self._live.add(signals)

        def finish() -> None:
            # Let go of the callbacks now: they may hold the widget that owns this runner, and
            # a connection dropping the last reference to it inside its own destructor (the
            # window closed before the deferred delete ran) crashed the process.
            signals.done.disconnect()
            signals.failed.disconnect()
            if on_progress is not None:
                signals.progress.disconnect()
            self._live.discard(signals)
            signals.deleteLater()

        # The callbacks run first and the signal object is let go after them: a callback that
        # opens a nested event loop (a message box, a test waiting for a signal) would otherwise
        # have the sender of the running slot deleted under it.
        def done(result: Any) -> None:
            try:
                if deliver_cancelled or not token.cancelled:
                    on_done(result)
            finally:
                finish()

        def failed(exc: BaseException) -> None:
            try:
                if not isinstance(exc, Cancelled):
                    on_failed(exc)
            finally:
                finish()

        signals.done.connect(done)
        signals.failed.connect(failed)
        if on_progress is not None:
            signals.progress.connect(on_progress)
        self.pool.start(_Job(fn, signals, token))
        return token

    def wait(self, msecs: int = 10_000) -> bool:
        return self.pool.waitForDone(msecs)

    @property
    def busy(self) -> bool:
        return bool(self._live)
