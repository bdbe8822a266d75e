"""答复函模板 on the 单位设置 page (系统管理员): which Word template the reply letter is made
from — the built-in one or the office's own, who loaded it and when — with 导出… (save it to a
file to edit in Word), 载入… (use an edited file from now on, on every workstation; refused with
the missing placeholders named) and 恢复默认 (back to the built-in one). Loading and resetting are
audited by the service (services/output/letter_word.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from hotline_desk.gui.common.errors import show_error
from hotline_desk.gui.common.widgets import ErrorLabel
from hotline_desk.gui.common.writes import write
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.services.output import letter_word


class LetterTemplateRow(QWidget):
    def __init__(self, ctx: ServiceContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.actor = ctx, actor
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.error = ErrorLabel()
        self.export_button = QPushButton(self.tr("导出…"))
        self.load_button = QPushButton(self.tr("载入…"))
        self.reset_button = QPushButton(self.tr("恢复默认"))
        self.export_button.setToolTip(self.tr("把当前模板存为 .docx，在 Word 中编辑后再载入"))
        self.load_button.setToolTip(
            self.tr("模板须含 {{文号}}、{{标题}}、{{正文}}、{{落款}}、{{日期}}；"
                    "可选 {{称呼}}、{{联系人}}、{{联系电话}}、{{办件编号}}、{{单位名称}}")
        )  # fmt: skip
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.state, 1)
        for button in (self.export_button, self.load_button, self.reset_button):
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.export_button.clicked.connect(lambda: self.export())
        self.load_button.clicked.connect(lambda: self.load())
        self.reset_button.clicked.connect(lambda: self.reset())
        self.refresh()

    def refresh(self) -> None:
        info = letter_word.letter_template(self.ctx, self.actor)
        if info.custom:
            when = f"{info.loaded_at:%Y-%m-%d %H:%M}" if info.loaded_at else ""
            self.state.setText(self.tr("使用本单位模板（载入于 {when}，{who}）").format(
                when=when, who=info.loaded_by))  # fmt: skip
        else:
            self.state.setText(self.tr("使用内置模板"))
        self.reset_button.setEnabled(info.custom)

    def _folder(self) -> Path:
        return Path(
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        )

    def export(self, path: str | None = None) -> Path | None:
        """导出…: the template in use, to edit in Word."""
        if path is None:
            path, _filter = QFileDialog.getSaveFileName(
                self, self.tr("导出答复函模板"), str(self._folder() / self.tr("答复函模板.docx")),
                self.tr("Word 文档 (*.docx)"),
            )  # fmt: skip
            if not path:
                return None
        target = Path(path)
        try:
            target.write_bytes(letter_word.letter_template(self.ctx, self.actor).data)
        except Exception as exc:  # noqa: BLE001 - a DeskError or a file error, shown
            show_error(self, exc)
            return None
        self.error.set_error("")
        self.state.setText(self.tr("模板已导出：{path}").format(path=str(target)))
        return target

    def load(self, path: str | None = None) -> bool:
        """载入…: an edited template, checked by the service (refused: the reason shown here)."""
        if path is None:
            path, _filter = QFileDialog.getOpenFileName(
                self, self.tr("载入答复函模板"), str(self._folder()), self.tr("Word 文档 (*.docx)")
            )
            if not path:
                return False
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            show_error(self, exc)
            return False
        done = write(self, self.ctx, lambda: letter_word.load_letter_template(
            self.ctx, self.actor, data), field_errors=self._show_errors)  # fmt: skip
        if done is None:
            return False
        self.refresh()
        return True

    def reset(self) -> None:
        """恢复默认: back to the built-in template."""
        done = write(
            self, self.ctx, lambda: letter_word.reset_letter_template(self.ctx, self.actor)
        )
        if done is not None:
            self.error.set_error("")
            self.refresh()

    def _show_errors(self, errors: dict[str, str]) -> None:
        self.error.set_error("\n".join(errors.values()))
