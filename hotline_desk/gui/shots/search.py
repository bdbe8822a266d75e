"""Offscreen pictures of search (issue 16), taken by ``hotline-desk screenshots``: 全部办件
searched for a word of the letters' bodies (the 匹配内容 column beside the case number, the
match highlighted) with a saved search in the navigation, an empty search saying why, and the
高级查询 dialog filled in. The saved search is deleted again afterwards."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from hotline_desk.gui.shots.helpers import SIZE, grab, loaded, open_window, save, wait_until
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import CaseFilter
from hotline_desk.services.search import saved


def render_search_shots(ctx: ServiceContext, out: Path, database: str) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    window = open_window(ctx, "duban", database)
    actor = window.actor
    name = QCoreApplication.translate("search_shots", "噪音投诉（未办结）")
    for old in saved.list_saved(ctx, actor):  # left by a run that stopped half way
        if old.name == name:
            saved.delete_saved(ctx, actor, old.id)
    noise = QCoreApplication.translate("search_shots", "噪音")
    kept = saved.save_search(ctx, actor, name, CaseFilter(text=noise))
    shots: list[Path] = []
    try:
        window.saved_nav.reload()  # type: ignore[union-attr]
        window.show_page("cases")
        panel = window.case_panel
        assert panel is not None
        panel.search.setText(QCoreApplication.translate("search_shots", "负责人"))
        panel.apply_filter()
        wait_until(lambda: loaded(panel.model))
        model = panel.model  # the snippets follow the rows (a second background call)
        wait_until(lambda: not model.rowCount() or model.row(0).snippet is not None)
        if panel.model.rowCount():
            panel.table.selectRow(0)
        shots.append(save(window, out, "search_results", SIZE))
        panel.search.setText(QCoreApplication.translate("search_shots", "垃圾分类"))
        panel.apply_filter()
        wait_until(lambda: panel.model.reason is not None)
        shots.append(save(window, out, "search_nothing_found", SIZE))
        window.advanced_search(window.splitter)  # type: ignore[arg-type]
        dialog = window.search_dialog
        dialog.words.setText(QCoreApplication.translate("search_shots", "电梯 物业"))
        dialog.channel.set_value("hotline")
        dialog.save_name.setText(QCoreApplication.translate("search_shots", "电梯物业投诉"))
        shots.append(grab(dialog, out / "advanced_search.png", close=False))
        dialog.discard()  # closed without the question about the words typed for the picture
        dialog.deleteLater()
    finally:
        saved.delete_saved(ctx, actor, kept.id)
        window.close()
    return shots
