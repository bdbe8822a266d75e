"""``GuardedDialog``: a dialog that asks before Esc, 取消 or the window's close button throw away
text the user typed (是否放弃已输入的内容？). 继续编辑 keeps the dialog and the text as they were.

"Typed" means: the free-text fields (multi-line editors and line edits that are not part of a
combo or spin box) differ from what they held when the dialog was first shown, so a draft
loaded into the editor is not a change until it is edited.

A dialog with a ``draft_keeper`` (``gui.common.drafts``) writes its draft before it asks, and
the question offers 保留草稿 (the default: close, the draft is offered next time), 放弃 (the
draft goes too) and 继续编辑; a dialog without one asks 放弃 or 继续编辑.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

if TYPE_CHECKING:
    from hotline_desk.gui.common.drafts import DraftKeeper


def _free_text(dialog: QWidget) -> list[str]:
    """What the dialog's editable free-text fields hold, in a stable order."""
    texts: list[str] = []
    for edit in dialog.findChildren(QPlainTextEdit):
        texts.append("" if edit.isReadOnly() else edit.toPlainText())
    for rich in dialog.findChildren(QTextEdit):
        texts.append("" if rich.isReadOnly() else rich.toPlainText())
    for line in dialog.findChildren(QLineEdit):
        owner = line.parent()
        typed = not line.isReadOnly() and not isinstance(owner, QComboBox | QAbstractSpinBox)
        texts.append(line.text() if typed else "")
    return texts


def ask_discard(parent: QWidget, keep_draft: bool = False) -> bool | None:
    """Ask whether to throw away what was typed: True for 放弃, False for 继续编辑, and None for
    保留草稿 (offered when ``keep_draft``: the draft is already written)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("GuardedDialog", "放弃输入"))
    box.setText(QCoreApplication.translate("GuardedDialog", "是否放弃已输入的内容？"))
    box.setInformativeText(
        QCoreApplication.translate("GuardedDialog", "已保存为草稿，下次打开本窗口时可以恢复。")
        if keep_draft
        else QCoreApplication.translate("GuardedDialog", "关闭后，本窗口中输入的文字不会保存。")
    )
    kept = None
    if keep_draft:
        kept = box.addButton(
            QCoreApplication.translate("GuardedDialog", "保留草稿"),
            QMessageBox.ButtonRole.AcceptRole,
        )
    drop = box.addButton(
        QCoreApplication.translate("GuardedDialog", "放弃"), QMessageBox.ButtonRole.DestructiveRole
    )
    keep = box.addButton(
        QCoreApplication.translate("GuardedDialog", "继续编辑"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(kept or keep)
    box.setEscapeButton(keep)
    box.exec()
    clicked = box.clickedButton()
    if kept is not None and clicked is kept:
        return None
    return clicked is drop


class GuardedDialog(QDialog):
    """A dialog whose ``reject`` (Esc, 取消, the close button) asks before losing typed text.
    ``discard`` closes without asking (a refused write: there is nothing left to save)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shown_text: list[str] | None = None
        self.draft_keeper: DraftKeeper | None = None
        """Set by a dialog whose typed text is kept as a draft."""

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        if self._shown_text is None:
            self._shown_text = _free_text(self)
        super().showEvent(event)

    def has_typed_text(self) -> bool:
        """Whether a free-text field differs from what it held when the dialog first showed."""
        if self._shown_text is None:
            return False
        return _free_text(self) != self._shown_text

    def reject(self) -> None:
        keeper = self.draft_keeper
        if self.isVisible() and self.has_typed_text():
            if keeper is not None:
                keeper.save_now()  # whatever is answered, nothing is lost before it
            answer = ask_discard(self, keep_draft=keeper is not None and keeper.mine)
            if answer is False:
                return
            if answer is True and keeper is not None:
                keeper.discard()
        if keeper is not None:
            keeper.timer.stop()
        super().reject()

    def discard(self) -> None:
        """Close as cancelled without asking (what was typed stays as a draft, if kept)."""
        if self.draft_keeper is not None:
            self.draft_keeper.save_now()
            self.draft_keeper.timer.stop()
        super().reject()
