"""Esc, 取消 or the close button on a dialog with typed text asks 是否放弃已输入的内容？ first:
继续编辑 keeps the dialog open with the text as typed, 放弃 closes it. Nothing typed (or only
a draft loaded from before) closes at once, as before."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from hotline_desk.gui.actions.basic import NoteDialog, RejectDialog
from hotline_desk.gui.actions.replies import ReplyDialog
from hotline_desk.services.cases import read_model
from tests.gui.conftest import ime_type
from tests.gui.test_action_dialogs import Office

REPLY = (
    "您好！您反映的企业专项资金拨付问题已收悉。经我局产业发展科核实，贵公司申报的科技型中小企业"
    "专项资金已于十一月通过专家评审和公示，目前财政拨付手续正在办理中，预计本月二十五日前拨付到"
    "企业基本账户。如有疑问，请联系产业发展科王科长，电话：0571-87654321。感谢您对我们工作的支持！"
)


@pytest.fixture
def office(ctx, make_actor) -> Office:  # type: ignore[no-untyped-def]
    return Office(ctx, make_actor)


class Answer:
    """Answers the question box when it opens (it runs its own event loop), remembering it."""

    def __init__(self, choice: str, picture: Path | None = None) -> None:
        self.choice = choice
        self.picture = picture
        self.asked: list[str] = []

    def arm(self, tries: int = 200) -> None:
        QTimer.singleShot(0, lambda: self._answer(tries))

    def _answer(self, tries: int) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if tries:
                QTimer.singleShot(10, lambda: self._answer(tries - 1))
            return
        self.asked.append(box.text())
        if self.picture is not None:  # the question over the dialog, as the clerk sees it
            self.picture.parent.mkdir(parents=True, exist_ok=True)
            box.grab().save(str(self.picture))
        chosen = next(b for b in box.buttons() if b.text() == self.choice)
        chosen.click()


def _opened(qtbot, dialog: QDialog) -> QDialog:  # type: ignore[no-untyped-def]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _esc(qtbot, dialog: QDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)


def test_esc_on_a_typed_reply_asks_and_keep_editing_keeps_the_text(
    qtbot, app, office, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    case = office.in_progress()
    dialog = _opened(qtbot, ReplyDialog(office.ctx, office.handler, case))
    ime_type(dialog.editor.edit, REPLY)
    assert len(dialog.editor.text()) == len(REPLY) > 140

    folder = Path(os.environ.get("HOTLINE_DESK_TEST_ARTIFACTS") or tmp_path) / "dialogs"
    keep = Answer("继续编辑", folder / "discard_question.png")
    keep.arm()
    _esc(qtbot, dialog)
    assert keep.asked == ["是否放弃已输入的内容？"]
    assert dialog.isVisible() and dialog.editor.text() == REPLY

    drop = Answer("放弃")
    drop.arm()
    _esc(qtbot, dialog)
    assert drop.asked == ["是否放弃已输入的内容？"]
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert read_model.get_case(office.ctx, office.handler, case.id).work.drafts == ()  # type: ignore[union-attr]


def _no_question(monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    asked: list[str] = []
    monkeypatch.setattr(
        "hotline_desk.gui.common.discard.ask_discard",
        lambda parent, **_kw: asked.append("?") or True,
    )
    return asked


def test_nothing_typed_closes_at_once(qtbot, app, office, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    asked = _no_question(monkeypatch)
    dialog = _opened(qtbot, ReplyDialog(office.ctx, office.handler, office.in_progress()))
    _esc(qtbot, dialog)
    assert not dialog.isVisible() and asked == []


def test_a_loaded_draft_is_not_typed_text(qtbot, app, office, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The editor opens with the draft that was sent back; closing unchanged loses nothing."""
    asked = _no_question(monkeypatch)
    sent = office.awaiting()
    detail = read_model.get_case(office.ctx, office.handler, sent.id)
    dialog = _opened(qtbot, ReplyDialog(office.ctx, office.handler, detail))
    assert dialog.editor.text() == "第一稿答复内容。"
    _esc(qtbot, dialog)
    assert not dialog.isVisible() and asked == []


@pytest.mark.parametrize("how", ["cancel", "close"])
def test_other_action_dialogs_ask_on_cancel_and_close(qtbot, app, office, how) -> None:  # type: ignore[no-untyped-def]
    """The question lives in the dialogs' common base: 取消 and the window's close button too."""
    case = office.in_progress()
    note = _opened(qtbot, NoteDialog(office.ctx, office.handler, case))
    reject = _opened(qtbot, RejectDialog(office.ctx, office.desk, office.register()))
    for dialog in (note, reject):
        first = _first_text_editor(dialog)
        ime_type(first, "请于本周五前补充企业营业执照复印件。")
        keep = Answer("继续编辑")
        keep.arm()
        close: Callable[[], object] = (
            dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click
            if how == "cancel"
            else dialog.close
        )
        close()
        assert keep.asked == ["是否放弃已输入的内容？"] and dialog.isVisible()
        assert "营业执照" in (
            first.toPlainText() if hasattr(first, "toPlainText") else first.text()
        )


def _first_text_editor(dialog: QDialog):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

    editors = dialog.findChildren(QPlainTextEdit) or dialog.findChildren(QLineEdit)
    return next(e for e in editors if e.isVisible() and not e.isReadOnly())


def test_signing_out_asks_once_not_again_per_dialog(qtbot, app, office, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """注销 lists the open dialog and asks; after 是 the dialog closes without a second question."""
    from hotline_desk.gui.shell.main_window import MainWindow

    asked = _no_question(monkeypatch)
    window = MainWindow(office.ctx, office.handler)
    qtbot.addWidget(window)
    window.show()
    note = _opened(qtbot, NoteDialog(office.ctx, office.handler, office.in_progress(), window))
    ime_type(_first_text_editor(note), "已电话联系企业财务负责人。")
    questions: list[str] = []

    def yes(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
        questions.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    with qtbot.waitSignal(window.signedOut):
        window.sign_out("logout")
    assert len(questions) == 1 and "打开的窗口" in questions[0]
    assert not note.isVisible() and asked == []
