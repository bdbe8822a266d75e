"""The GUI thread's collector (gui/shell/collector.py) collects nothing while the desk starts
and, once started, freezes what the start left alive and collects again."""

from __future__ import annotations

import gc

from hotline_desk.gui.shell.collector import MainThreadCollector


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_held_while_starting_then_frozen_and_collecting_again(app) -> None:  # type: ignore[no-untyped-def]
    was_enabled = gc.isenabled()  # the application's own collector has it off
    collector = MainThreadCollector(app, interval_ms=60_000)
    collector.thresholds = (0, 0, 0)  # every generation due at each check
    collector.start()
    try:
        collector.hold()
        kept = Cycle()  # alive through the start: frozen by release
        gc.collect()
        before = gc.get_count()[0]
        garbage = [Cycle() for _ in range(50)]
        del garbage
        collector.check()  # starting: nothing collected, the young generation keeps growing
        assert gc.get_count()[0] >= before + 50
        frozen = gc.get_freeze_count()
        collector.release()
        assert gc.get_freeze_count() > frozen and gc.get_count()[0] == 0
        for _ in range(50):
            Cycle()
        collector.check()  # started: the young generation is collected again
        assert gc.get_count()[0] < 50
        assert kept.me is kept
    finally:
        collector.stop()  # turns automatic collection on: for the tests after this one, off
        if not was_enabled:  # again, or it runs on whichever worker allocates and frees
            gc.disable()  # widgets there (a later test crashed in a print worker's collection)
        gc.unfreeze()
        collector.deleteLater()
