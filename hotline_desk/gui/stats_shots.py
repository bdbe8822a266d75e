"""Offscreen pictures of the 统计 page for ``hotline-desk screenshots``: the table by section,
the charts, the red/black lists, and the case list opened from a figure (logged in as the
desk's demo user, on last month)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from hotline_desk.domain.kpi import KPIS
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor

Saver = Callable[[QWidget, Path, str], Path]
Waiter = Callable[[Callable[[], bool]], bool]


def render_stats(ctx: ServiceContext, actor: Actor, out: Path, database: str, save: Saver,
                 wait: Waiter) -> list[Path]:  # fmt: skip
    from hotline_desk.gui.main_window import MainWindow
    from hotline_desk.gui.stats_page import StatsPage

    window = MainWindow(ctx, actor, None, database)
    window.resize(1366, 740)
    window.show()
    window.show_page("stats")
    page = window.page("stats")
    assert isinstance(page, StatsPage)
    wait(lambda: page.report is not None)
    shots = [save(window, out, "stats_table")]
    page.tabs.setCurrentIndex(1)
    shots.append(save(window, out, "stats_charts"))
    page.tabs.setCurrentIndex(2)
    shots.append(save(window, out, "stats_rankings"))
    page.tabs.setCurrentIndex(0)
    column = 1 + [k.key for k in KPIS].index("ontime_rate")
    page.table.doubleClicked.emit(page.model.index(1, column))
    panel = window.case_panel
    if panel is not None:
        wait(lambda: panel.model.total is not None and not panel.model.loading)
        shots.append(save(window, out, "stats_drill_cases"))
    window.close()
    return shots
