"""Offscreen pictures of the 统计 page for ``hotline-desk screenshots``: the table by section,
the charts, the red/black lists, and the case list opened from a figure (logged in as the
desk's demo user, on last month)."""

from __future__ import annotations

from pathlib import Path

from hotline_desk.domain.kpi import KPIS
from hotline_desk.gui.shots.helpers import save, wait_until
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor


def render_stats(ctx: ServiceContext, actor: Actor, out: Path, database: str) -> list[Path]:
    from hotline_desk.gui.pages.stats import StatsPage
    from hotline_desk.gui.shell.main_window import MainWindow

    window = MainWindow(ctx, actor, None, database)
    window.resize(1366, 740)
    window.show()
    window.show_page("stats")
    page = window.page("stats")
    assert isinstance(page, StatsPage)
    wait_until(lambda: page.report is not None)
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
        wait_until(lambda: panel.model.total is not None and not panel.model.loading)
        shots.append(save(window, out, "stats_drill_cases"))
    window.close()
    return shots
