"""Offscreen pictures of the 政务公开 preview and review for ``hotline-desk screenshots``: the
dialog opened from the 统计 page on last month as the desk's demo user, at 1366×740, with the
letter that has the most replacements selected, a street address it missed hidden by the
reviewer — as written (replacements highlighted, a stretch selected) and in the published
form. (The demo database gets that one review decision.)"""

from __future__ import annotations

import re
from pathlib import Path

from hotline_desk.gui.shots.helpers import SIZE, save, wait_until
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor


def render_disclosure(ctx: ServiceContext, actor: Actor, out: Path, database: str) -> list[Path]:
    from hotline_desk.gui.pages.stats import StatsPage
    from hotline_desk.gui.shell.main_window import MainWindow

    window = MainWindow(ctx, actor, None, database)
    window.resize(*SIZE)
    window.show()
    window.show_page("stats")
    page = window.page("stats")
    assert isinstance(page, StatsPage)
    wait_until(lambda: page.report is not None and not page.loading)
    page.export_disclosure()
    dialog = page.disclosure_dialog
    assert dialog is not None
    wait_until(lambda: not dialog.loading)
    if dialog.letters:
        best = max(range(len(dialog.letters)), key=lambda i: dialog.letters[i].replacements)
        dialog.table.selectRow(best)
        letter = dialog.current()
        text = letter.text("content").original if letter else ""
        street = re.search(r"\S{4}\d+\S", text)  # a house number with its street
        if street and dialog.text.select_text(street.group()):
            dialog.hide_selection("address")  # as a reviewer adds what the detector missed
        if len(text) > 20:
            dialog.text.select_text(text[10:14])
    shots = [save(dialog, out, "disclosure_review")]
    dialog.published.setChecked(True)
    shots.append(save(dialog, out, "disclosure_published"))
    dialog.close()
    window.close()
    return shots
