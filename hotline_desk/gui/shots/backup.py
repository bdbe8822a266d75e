"""Offscreen pictures of 备份与恢复 for ``hotline-desk screenshots``: the page with a few
backups of the demo database and their checks, and the restore dialog showing what a backup
holds beside the live database. The backups go to a temporary data directory, removed after."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hotline_desk.gui.shots.helpers import SIZE, grab, save, wait_until
from hotline_desk.services.backup import backups, restore
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.settings import Paths


def render_backup_shots(ctx: ServiceContext, admin: Actor, out: Path, database: str) -> list[Path]:
    from hotline_desk.gui.pages.backup import BackupPage
    from hotline_desk.gui.pages.backup_restore import RestoreDialog
    from hotline_desk.gui.shell.main_window import MainWindow

    folder = Path(tempfile.mkdtemp(prefix="hotline-shots-"))
    shots: list[Path] = []
    try:
        place = backups.desk_place(ctx, folder)
        if place is None or not place.is_sqlite:
            return shots
        for kind in (backups.BackupKind.AUTO, backups.BackupKind.MANUAL):
            backups.run_backup(ctx, place, kind, admin if kind == "manual" else None)
        window = MainWindow(ctx, admin, Paths(folder), database)
        window.resize(*SIZE)
        window.show()
        window.show_page("backup")
        page = window.page("backup")
        assert isinstance(page, BackupPage)
        wait_until(lambda: page.table.rowCount() > 0)
        shots.append(save(window, out, "backup_page"))
        check = restore.prepare_restore(place, page.entries[0].path, admin, live=ctx)
        dialog = RestoreDialog(check, window)
        dialog.confirm.setChecked(True)
        shots.append(grab(dialog, out / "backup_restore_dialog.png"))
        restore.discard_restore(place, check)
        window.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return shots
