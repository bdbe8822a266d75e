"""Python's cyclic garbage collection, run on the GUI thread only.

Left automatic, the collector runs in whichever thread happens to allocate — often a worker
querying the database — and frees widgets caught in reference cycles there; PySide6 then
defers their deletion to an arbitrary later moment on the GUI thread, where it crashed the
program in the middle of painting. So automatic collection is switched off while the GUI runs
and a timer collects the generations that are due (the pattern pyqtgraph uses).

While the desk starts (``hold`` … ``release``: from the login to the main window on screen) the
timer collects nothing: what is allocated then is mostly modules, classes and caches that live
as long as the process, and collecting them on the GUI thread cost a few hundred milliseconds of
the cold start. ``release`` moves them out of the collector's sight (``gc.freeze``) once.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.check)
        self.holding = False

    def start(self) -> None:
        gc.disable()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        gc.enable()

    def hold(self) -> None:
        """The desk is starting: collect nothing until ``release``."""
        self.holding = True

    def release(self) -> None:
        """Started: what is alive now is frozen (never scanned again), collection resumes."""
        if self.holding:
            self.holding = False
            gc.freeze()

    def check(self) -> None:
        """Collect the oldest generation whose allocation count passed its threshold."""
        if self.holding:
            return
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.thresholds[generation]:
                gc.collect(generation)
                return
