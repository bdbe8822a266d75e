"""The in-desk print preview shows the same watermarked PDF the printer gets: the user and time
are on the page the preview draws (and so on any screenshot of it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from hotline_desk.gui.printing.preview import PrintPreviewDialog
from hotline_desk.reports.fonts import available_fonts
from tests.gui.test_print_gui import open_cases
from tests.pdf_check import artifacts_dir
from tests.services.test_lifecycle_paths import Office
from tests.services.test_printing import dispatched
from tests.services.test_trace import marks

pytestmark = pytest.mark.skipif(not available_fonts(), reason="no embeddable CJK font")


def test_the_preview_shows_the_watermark(qtbot, app, ctx, make_actor, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    office = Office(ctx, make_actor)
    dispatched(ctx, office)
    desk = office.desk
    window = open_cases(qtbot, ctx, desk, 1)
    window.case_panel.table.selectRow(0)
    qtbot.waitUntil(lambda: window.detail.case is not None)
    qtbot.mouseClick(window.detail.print_button, Qt.MouseButton.LeftButton)
    preview = window.print_actions.preview
    assert isinstance(preview, PrintPreviewDialog)
    qtbot.waitUntil(lambda: preview.job is not None and preview.doc.pageCount() == 1)
    day = f"{ctx.now():%Y-%m-%d}"  # the real clock: the minute may have turned since
    counts = marks(preview.job.data, f"{desk.display_name} {desk.username} {day}")
    assert counts and min(counts) >= 10

    def drawn() -> bool:  # QPdfView renders the page in the background
        image = preview.grab().toImage()
        return image.pixelColor(image.width() // 2, 140).lightness() < 200

    qtbot.waitUntil(drawn, timeout=10_000)
    preview.grab().save(str(artifacts_dir(tmp_path) / "preview_watermark.png"))
    preview.close()
