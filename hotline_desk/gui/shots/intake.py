"""Offscreen pictures of the 12345 platform intake for ``hotline-desk screenshots``: the import
dialog's mapping step (a column the built-in mapping does not know) and its preview (new rows
with their suggested topic and section, a refused row with its reason), and the results export
dialog. The platform file is written to a temporary directory; nothing is imported."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hotline_desk.demo.platform_file import SAMPLE_NAME, UNKNOWN_HEADER, write_platform_file
from hotline_desk.gui.shots.helpers import grab, save, wait_until
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor


def render_intake_shots(ctx: ServiceContext, desk: Actor, out: Path) -> list[Path]:
    from PySide6.QtWidgets import QComboBox

    from hotline_desk.gui.intake.import_dialog import ImportDialog
    from hotline_desk.gui.intake.results_dialog import ResultsDialog

    folder = Path(tempfile.mkdtemp(prefix="hotline-shots-"))
    shots: list[Path] = []
    try:
        file = write_platform_file(folder / SAMPLE_NAME, ctx.now())
        dialog = ImportDialog(ctx, desk, folder)
        dialog.path.setText(str(file))
        dialog.show()
        dialog.load(None)
        wait_until(lambda: dialog.preview is not None)
        shots.append(save(dialog, out, "platform_import_mapping"))
        for row in range(dialog.columns.rowCount()):  # the clerk maps the unknown column
            if dialog.columns.item(row, 0).text() == UNKNOWN_HEADER:
                combo = dialog.columns.cellWidget(row, 1)
                assert isinstance(combo, QComboBox)
                combo.setCurrentIndex(combo.findData("caller_phone"))
        dialog.preview = None
        dialog.reload()
        wait_until(lambda: dialog.preview is not None)
        dialog.pages.setCurrentIndex(1)
        shots.append(save(dialog, out, "platform_import_preview"))
        dialog.close()
        shots.append(grab(ResultsDialog(ctx, desk, folder), out / "platform_results_export.png"))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return shots
