"""Offscreen pictures of the 统计 page for ``hotline-desk screenshots``: the table by section,
a KPI header's tooltip (definition and reading), the charts, the red/black lists, and the case
list opened from a figure (logged in as the desk's demo user, on last month)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QToolTip

from hotline_desk.domain.kpi import KPIS
from hotline_desk.gui.shots.helpers import save, wait_until
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor

if TYPE_CHECKING:
    from hotline_desk.gui.pages.stats import StatsPage
    from hotline_desk.gui.shell.main_window import MainWindow


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
    shots = [save(window, out, "stats_table"), _tooltip_shot(window, page, out)]
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


def _tooltip_shot(window: MainWindow, page: StatsPage, out: Path) -> Path:
    """The window with the tooltip of the 办结率 header painted where it shows (a tooltip is
    a window of its own, which grabbing the main window leaves out)."""
    column = 1 + [k.key for k in KPIS].index("close_rate")
    header = page.table.horizontalHeader()
    page.table.scrollTo(page.model.index(0, column))
    at = QPoint(header.sectionViewportPosition(column) + header.sectionSize(column) // 2,
                header.height() // 2)  # fmt: skip
    text = page.model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    QToolTip.showText(header.viewport().mapToGlobal(at), text, header.viewport())
    wait_until(QToolTip.isVisible, 2_000)
    picture = window.grab()
    tips = [w for w in QApplication.topLevelWidgets()
            if w.metaObject().className() == "QTipLabel" and w.isVisible()]  # fmt: skip
    if tips:
        painter = QPainter(picture)
        painter.drawPixmap(window.mapFromGlobal(tips[0].pos()), tips[0].grab())
        painter.end()
    QToolTip.hideText()
    path = out / "stats_tooltip.png"
    picture.save(str(path))
    print(path)
    return path
