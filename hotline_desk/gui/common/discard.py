"""``GuardedDialog``: a dialog that asks before Esc, 取消 or the window's close button throw away
text the user typed (是否放弃已输入的内容？). 继续编辑 keeps the dialog and the text as they were.

"Typed" means: the free-text fields (multi-line editors and line edits that are not part of a
combo or spin box) differ from what they held when the dialog was first shown, so a draft
loaded into the editor is not a change until it is edited. Drafts are not kept anywhere: the
question is the only protection (a database draft store is separate work).
"""

from __future__ import annotations

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


def ask_discard(parent: QWidget) -> bool:
    """Ask whether to throw away what was typed; True only for 放弃."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("GuardedDialog", "放弃输入"))
    box.setText(QCoreApplication.translate("GuardedDialog", "是否放弃已输入的内容？"))
    box.setInformativeText(
        QCoreApplication.translate("GuardedDialog", "关闭后，本窗口中输入的文字不会保存。")
    )
    drop = box.addButton(
        QCoreApplication.translate("GuardedDialog", "放弃"), QMessageBox.ButtonRole.DestructiveRole
    )
    keep = box.addButton(
        QCoreApplication.translate("GuardedDialog", "继续编辑"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is drop


class GuardedDialog(QDialog):
    """A dialog whose ``reject`` (Esc, 取消, the close button) asks before losing typed text.
    ``discard`` closes without asking (a refused write: there is nothing left to save)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shown_text: list[str] | None = None

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
        if self.isVisible() and self.has_typed_text() and not ask_discard(self):
            return
        super().reject()

    def discard(self) -> None:
        """Close as cancelled without asking."""
        super().reject()
