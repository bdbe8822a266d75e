"""Offscreen pictures of the manual (帮助 › 使用手册, F1) in Chinese and English, and of the main
window in English (its navigation fitted to the longer English labels), for
``hotline-desk screenshots``. The translator is switched for these pictures and back after."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from hotline_desk.gui.shots.helpers import grab, open_window, save, wait_until
from hotline_desk.services.context import ServiceContext


def render_help_shots(ctx: ServiceContext, out: Path, database: str) -> list[Path]:
    from hotline_desk.gui.shell.app import _install_translators

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    shots: list[Path] = []
    try:
        for language, suffix in (("zh_CN", "zh"), ("en", "en")):
            _install_translators(app, language)
            window = open_window(ctx, "duban", database)
            inbox = window.inbox
            wait_until(lambda box=inbox: box is None or bool(box.counts))  # the badges are in
            if language == "en":
                shots.append(save(window, out, "main_english_nav"))
                admin = open_window(ctx, "sysadmin", database)
                shots.append(save(admin, out, "main_english_nav_admin"))
                admin.close()
            manual = window.open_help()
            shots.append(grab(manual, out / f"help_{suffix}.png"))
            window.close()
    finally:
        _install_translators(app, "zh_CN")
    return shots
