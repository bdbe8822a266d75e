"""导入平台工单… and 导出办理结果… driven like a desk clerk: the file chosen through a (patched)
file dialog, an unknown column mapped with its combo and the mapping saved, the preview's
statuses, a changed row ticked, the import in the background with its summary and the error
report, a cancelled import resumed; the results export writes the replied platform cases."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QFileDialog, QMessageBox
from sqlalchemy import func, select

from hotline_desk.gui.intake.import_dialog import ImportDialog
from hotline_desk.gui.intake.results_dialog import ResultsDialog
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.intake import mapping
from hotline_desk.services.intake.platform_import import BATCH, CHANGED, NEW, REFUSED, UNCHANGED
from hotline_desk.store.models import Case
from tests.conftest import MakeActor
from tests.platform_files import HEADERS, ref, row, write_csv, write_xlsx


def _count(ctx: ServiceContext) -> int:
    with ctx.uow.read() as uow:
        return uow.session.execute(select(func.count()).select_from(Case)).scalar_one()


def _open(qtbot, monkeypatch, dialog: ImportDialog, path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    dialog.choose_file()
    qtbot.waitUntil(
        lambda: dialog.preview is not None and dialog.apply_button.isEnabled(), timeout=20_000
    )


def _combo(dialog: ImportDialog, header: str) -> QComboBox:
    for r in range(dialog.columns.rowCount()):
        if dialog.columns.item(r, 0).text() == header:
            combo = dialog.columns.cellWidget(r, 1)
            assert isinstance(combo, QComboBox)
            return combo
    raise AssertionError(header)


def test_import_dialog_maps_previews_imports_and_reports(  # type: ignore[no-untyped-def]
    qtbot, app, ctx: ServiceContext, make_actor: MakeActor, tmp_path: Path, monkeypatch
) -> None:
    desk = make_actor("desk", "intake")
    from hotline_desk.services.intake import platform_import

    # three work orders are already in the desk; the platform changed the second since
    platform_import.run_import(
        ctx,
        desk,
        platform_import.preview_import(
            ctx, desk, write_xlsx(tmp_path / "old.xlsx", [row(i) for i in range(1, 4)])
        ),
    )
    rows = [
        row(1),
        row(2, 紧急程度="紧急"),
        row(3),
        *(row(i) for i in range(4, 10)),
        row(10, 受理时间="下周一"),
    ]
    f = write_csv(tmp_path / "工单导出.csv", rows, "gb18030")
    text = f.read_bytes().decode("gb18030").replace("来电号码", "诉求人手机", 1)
    f.write_bytes(text.encode("gb18030"))

    dialog = ImportDialog(ctx, desk, tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    _open(qtbot, monkeypatch, dialog, f)
    assert dialog.preview is not None and dialog.preview.unknown == ("诉求人手机",)
    assert "未识别" in dialog.mapping_note.text()
    combo = _combo(dialog, "诉求人手机")
    assert combo.currentData() == ""  # 不导入 until the clerk says otherwise
    combo.setCurrentIndex(combo.findData("caller_phone"))
    dialog.save_button.click()
    assert mapping.load_mapping(ctx, desk)["诉求人手机"] == "caller_phone"
    dialog.preview = None
    dialog.apply_button.click()
    qtbot.waitUntil(
        lambda: dialog.preview is not None and dialog.next_button.isEnabled(), timeout=20_000
    )
    dialog.next_button.click()
    assert dialog.pages.currentIndex() == 1
    model = dialog.model
    statuses = [r.status for r in model.rows]
    assert statuses == [UNCHANGED, CHANGED, UNCHANGED] + [NEW] * 6 + [REFUSED]
    assert "新增 6 件" in dialog.counts.text() and "不能导入 1 行" in dialog.counts.text()
    assert "紧急程度:一般 → 紧急" in model.data(model.index(1, 9), Qt.ItemDataRole.DisplayRole)
    assert "受理时间" in model.data(model.index(9, 9), Qt.ItemDataRole.DisplayRole)
    assert model.setData(
        model.index(1, 1), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    assert model.ticked == {ref(2)}
    assert not model.setData(
        model.index(0, 1), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )  # an unchanged row has no box

    dialog.start_button.click()
    qtbot.waitUntil(dialog.done_button.isEnabled, timeout=30_000)
    assert "新增 6 件，更新 1 件" in dialog.result.text()
    assert _count(ctx) == 9
    with ctx.uow.read() as uow:
        assert (
            uow.session.execute(
                select(Case.urgency).where(Case.platform_ref == ref(2))
            ).scalar_one()
            == "urgent"
        )
    assert dialog.report_button.isVisible()
    target = tmp_path / "错误报告.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dialog.report_button.click()
    sheet = load_workbook(target).active
    assert sheet is not None
    assert [c.value for c in sheet[3]][:3] == [11, ref(10), "受理时间"]  # CSV: header on line 1
    dialog.done_button.click()


def test_cancel_keeps_what_was_imported_and_the_same_file_resumes(  # type: ignore[no-untyped-def]
    qtbot, app, ctx: ServiceContext, make_actor: MakeActor, tmp_path: Path, monkeypatch
) -> None:
    desk = make_actor("desk", "intake")
    # three batches (platform_import.BATCH rows each): the 取消 pressed at the first progress
    # lands before the last
    total = 3 * BATCH
    f = write_xlsx(tmp_path / "big.xlsx", [row(i) for i in range(1, total + 1)])
    dialog = ImportDialog(ctx, desk, tmp_path)
    qtbot.addWidget(dialog)
    _open(qtbot, monkeypatch, dialog, f)
    dialog.next_button.click()
    shown = dialog._progress

    def progress_then_cancel(done: int, total: int) -> None:
        shown(done, total)
        dialog.cancel_button.click()  # the clerk presses 取消 once the first batch is in

    monkeypatch.setattr(dialog, "_progress", progress_then_cancel)
    dialog.start_button.click()
    qtbot.waitUntil(dialog.done_button.isEnabled, timeout=60_000)
    assert dialog.summary is not None and dialog.summary.cancelled
    done = _count(ctx)
    assert 0 < done < total and "已取消" in dialog.result.text()

    again = ImportDialog(ctx, desk, tmp_path)
    qtbot.addWidget(again)
    _open(qtbot, monkeypatch, again, f)
    assert again.preview is not None
    assert (again.preview.count(UNCHANGED), again.preview.count(NEW)) == (done, total - done)
    again.next_button.click()
    again.start_button.click()
    qtbot.waitUntil(again.done_button.isEnabled, timeout=60_000)
    assert _count(ctx) == total


def test_results_dialog_exports_the_platform_cases(  # type: ignore[no-untyped-def]
    qtbot, app, ctx: ServiceContext, make_actor: MakeActor, tmp_path: Path, monkeypatch
) -> None:
    desk = make_actor("desk", "intake")
    with ctx.uow.write() as uow:  # a platform case replied yesterday (its handling is tested
        # through the services in tests/services/test_platform_results.py)
        from hotline_desk.services.cases.registration import insert_case
        from tests.factories import case_input

        case = insert_case(
            uow.session, desk, case_input(ctx, channel="platform", platform_ref=ref(1)), ctx.now()
        )
        case.status, case.reply_text = "replied", "已协调供电公司本周接电。"
        case.replied_at = ctx.now() - timedelta(days=1)
        uow.commit()
    dialog = ResultsDialog(ctx, desk, tmp_path)
    qtbot.addWidget(dialog)
    yesterday = (datetime.now() - timedelta(days=1)).date()
    dialog.since.setDate(QDate(yesterday.year, yesterday.month, yesterday.day))
    dialog.csv.setChecked(True)
    out = tmp_path / "回传.csv"
    dialog.path.setText(str(out))
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: said.append(a[2]))
    dialog.export()
    assert said and "已导出 1 件" in said[0]
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("工单编号,") and lines[1].startswith(ref(1))
    assert HEADERS[0] == "工单编号"


def test_the_platform_deadline_is_shown_beside_the_desks_own(  # type: ignore[no-untyped-def]
    qtbot, app, ctx: ServiceContext, make_actor: MakeActor, tmp_path: Path
) -> None:
    from hotline_desk.gui.cases.deadline_view import strip_html, supervision_sections
    from hotline_desk.services.cases import read_model
    from hotline_desk.services.intake import platform_import
    from hotline_desk.services.lifecycle import routing
    from hotline_desk.services.lifecycle.dto import RouteInput

    desk = make_actor("desk", "intake")
    f = write_xlsx(tmp_path / "a.xlsx", [row(2)])
    platform_import.run_import(ctx, desk, platform_import.preview_import(ctx, desk, f))
    with ctx.uow.read() as uow:
        case_id, version = uow.session.execute(select(Case.id, Case.version)).one()
    routing.route_case(ctx, desk, case_id, version, RouteInput(tier=1))
    work = read_model.get_case(ctx, desk, case_id).work
    assert work is not None
    assert "平台截止 2026-11-23 18:00" in strip_html(work, datetime(2026, 11, 20, 9, 0))
    assert "平台截止 2026-11-23 18:00" in "".join(supervision_sections(work))
