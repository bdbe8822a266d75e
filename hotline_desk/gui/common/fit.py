"""Dialog sizes that fit the screen a dialog opens on: every dialog asks for the size it would
like (``fit_to_screen``) and gets at most the screen's available area less the window frame,
so its buttons are never below the taskbar at 1366×768, at 100 % or 125 % scaling.

Sizes are logical pixels: at 125 % a 1366×768 screen offers 1093×582 logical pixels above a
40-pixel taskbar, and fonts grow with the scaling, so a layout that fits that logical area fits
the real screen. ``available_room`` is the one place that asks the screen (tests replace it to
check a dialog against a given screen). ``fit_nav_width`` fits the main window's navigation
to its longest label in the language shown, so it never scrolls sideways.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetrics, QGuiApplication
from PySide6.QtWidgets import QListWidget, QWidget

FRAME = QSize(16, 39)
"""What the window manager adds around a dialog: borders and the title bar (Windows 10/11 at
100 %: 8 px each side, a 31 px title bar)."""


def available_room(widget: QWidget | None = None) -> QSize:
    """The screen area a window may use (taskbar excluded), in logical pixels."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    if screen is None:  # no display at all: nothing to clamp against
        return QSize(1366, 728)
    return screen.availableGeometry().size()


def client_room(widget: QWidget | None = None) -> QSize:
    """The largest client size a dialog may take: the available area less its frame."""
    room = available_room(widget)
    return QSize(room.width() - FRAME.width(), room.height() - FRAME.height())


def fit_to_screen(widget: QWidget, width: int, height: int) -> QSize:
    """Resize ``widget`` to ``width``×``height`` (0 = its size hint) but never beyond the
    screen's available area less the window frame. Returns the size given."""
    room = client_room(widget)
    hint = widget.sizeHint()
    size = QSize(
        min(width or hint.width(), room.width()), min(height or hint.height(), room.height())
    )
    widget.resize(size)
    return size


NAV_PADDING = 2 * 12 + 8
"""A navigation item's horizontal padding in the stylesheet (12 px each side), plus the frame."""


def fit_nav_width(nav: QListWidget, extra: str = " (9999)", floor: int = 132,
                  ceiling: int = 240) -> int:  # fmt: skip
    """Fit a navigation list to its longest item in the language shown (English labels are
    longer than Chinese), with room for a count badge (``extra``) appended later; between
    ``floor`` and ``ceiling`` px. Longer texts are elided, never scrolled sideways."""
    nav.ensurePolished()  # the stylesheet's font for the list, not the application's
    metrics = QFontMetrics(nav.font())
    texts = [nav.item(row).text() for row in range(nav.count())]
    widest = max((metrics.horizontalAdvance(t + extra) for t in texts), default=0)
    width = max(floor, min(ceiling, widest + NAV_PADDING))
    nav.setFixedWidth(width)
    nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    nav.setTextElideMode(Qt.TextElideMode.ElideRight)
    return width
