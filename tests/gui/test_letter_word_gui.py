"""The 答复函 as Word through the real windows: 另存为 Word… in the print preview (the file dialog
answered by the test) writes the letter and audits it; on the 单位设置 page the 系统管理员 exports
the template, loads an edited one (a template lacking placeholders is refused on the page) and
goes back to the built-in one."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from hotline_desk.gui.pages.office import OfficeSettingsPage
from hotline_desk.gui.printing.preview import PrintPreviewDialog
from hotline_desk.gui.shell.main_window import MainWindow
from hotline_desk.reports.fonts import available_fonts
from hotline_desk.services.output import letter_word
from tests.gui.test_print_gui import actions_of
from tests.services.test_letter_word import REPLY, Office, custom_template, replied

pytestmark = pytest.mark.skipif(not available_fonts(), reason="no embeddable CJK font")


def test_save_as_word_from_the_preview(qtbot, app, ctx, make_actor, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    o = Office(ctx, make_actor)
    case = replied(ctx, o, REPLY)
    window = MainWindow(ctx, o.desk)
    qtbot.addWidget(window)
    window.show()
    preview = window.print_actions.preview_case(case.id, "letter")
    assert isinstance(preview, PrintPreviewDialog)
    qtbot.waitUntil(lambda: preview.job is not None)
    assert preview.word_button.isVisible()
    asked: list[str] = []

    def answer(_parent, _title, proposed, _filter):  # type: ignore[no-untyped-def]
        asked.append(proposed)
        return str(tmp_path / "答复函"), "Word 文档 (*.docx)"  # the user typed no suffix

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    qtbot.mouseClick(preview.word_button, Qt.MouseButton.LeftButton)
    saved = tmp_path / "答复函.docx"
    assert asked[0].endswith(f"{case.case_no}_答复函.docx")
    text = [p.text for p in Document(io.BytesIO(saved.read_bytes())).paragraphs]
    assert "尊敬的市民朋友：" in text and any(case.case_no in t for t in text)
    assert str(saved) in preview.status.text()
    assert actions_of(ctx, case.case_no)[-1] == ("print_letter", {"output": "docx_file"})
    with qtbot.waitSignal(preview.shown, timeout=10_000):
        preview.kind.set_value("slip")
    assert not preview.word_button.isVisible()  # Word is for the 答复函 only
    preview.close()


def zip_parts(data: bytes) -> dict[str, bytes]:
    """Each entry of a .docx (a zip) by name: its contents without the entries' timestamps."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_template_export_load_and_reset_on_the_office_page(  # type: ignore[no-untyped-def]
    qtbot, app, ctx, make_actor, tmp_path, monkeypatch
) -> None:
    admin = make_actor("sys_admin")
    window = MainWindow(ctx, admin)
    qtbot.addWidget(window)
    window.show()
    window.show_page("office")
    page = window.page("office")
    assert isinstance(page, OfficeSettingsPage) and page.letter_template is not None
    row = page.letter_template
    assert row.state.text() == "使用内置模板" and not row.reset_button.isEnabled()
    exported = tmp_path / "模板.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *_a: (str(exported), "")))  # fmt: skip
    qtbot.mouseClick(row.export_button, Qt.MouseButton.LeftButton)
    # the same template, part by part (a zip's entries carry the second they were written)
    assert zip_parts(exported.read_bytes()) == zip_parts(
        letter_word.letter_template(ctx, admin).data
    )
    bad = Document()
    bad.add_paragraph("{{正文}}")
    bad_path = tmp_path / "bad.docx"
    bad.save(str(bad_path))
    good_path = tmp_path / "good.docx"
    good_path.write_bytes(custom_template())
    chosen = [str(bad_path)]
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *_a: (chosen[0], "")))  # fmt: skip
    qtbot.mouseClick(row.load_button, Qt.MouseButton.LeftButton)
    assert "{{文号}}" in row.error.text() and row.error.isVisible()
    assert not letter_word.letter_template(ctx, admin).custom
    chosen[0] = str(good_path)
    qtbot.mouseClick(row.load_button, Qt.MouseButton.LeftButton)
    stored = letter_word.letter_template(ctx, admin)
    assert stored.custom and stored.data == good_path.read_bytes()
    assert row.state.text().startswith("使用本单位模板") and row.reset_button.isEnabled()
    qtbot.mouseClick(row.reset_button, Qt.MouseButton.LeftButton)
    assert not letter_word.letter_template(ctx, admin).custom
    assert row.state.text() == "使用内置模板"


def test_no_template_row_for_the_security_administrator(qtbot, app, ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    page = OfficeSettingsPage(ctx, make_actor("sec_admin"))
    qtbot.addWidget(page)
    assert page.letter_template is None
