"""首次设置向导: offered after the system administrator logs in on a new desk (not a demo) until
finished or dismissed. Steps: the bureau's name, its sections and units (typed, or from the
XLSX template the assistant saves), the 派单目录 (kept, typed, or from the template's second
sheet), the first users, and a last page with the temporary passwords of new administrator
accounts (shown once). 稍后继续 keeps the step for next time; 不再提示 dismisses it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hotline_desk.domain.errors import DeskError
from hotline_desk.gui.common.discard import GuardedDialog
from hotline_desk.gui.common.errors import show_error
from hotline_desk.gui.common.fit import fit_to_screen
from hotline_desk.gui.common.writes import write
from hotline_desk.gui.shell.setup_steps import NameStep, Step, TopicsStep, UnitsStep, UsersStep
from hotline_desk.services.admin import org_workbook, setup_assistant
from hotline_desk.services.admin.org_workbook import TopicLine, UnitLine
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor


class DoneStep(Step):
    def __init__(self, ctx: ServiceContext, actor: Actor) -> None:
        super().__init__(ctx, actor, self.tr("第五步：完成"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.layout_.addWidget(self.summary)
        self.layout_.addStretch(1)
        self.finish_layout()

    def show_passwords(self, passwords: list[tuple[str, str]]) -> None:
        text = self.tr("设置已保存。以后可在“单位设置”“组织机构”“派单目录”“用户管理”中修改。"
                       "业务账号的初始密码请由安全管理员在“用户管理”中发放。")  # fmt: skip
        if passwords:
            text += "\n\n" + self.tr("以下临时密码只显示这一次，请当面交给本人，首次登录须修改：")
            for username, password in passwords:
                text += "\n" + self.tr("{username}：{password}").format(
                    username=username, password=password
                )
        self.summary.setText(text)


class SetupAssistant(GuardedDialog):
    """The assistant; ``start`` is the step to open at (where it was left)."""

    def __init__(self, ctx: ServiceContext, actor: Actor, start: int = 0,
                 folder: Path | None = None, parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.ctx, self.actor = ctx, actor
        self.folder = folder or Path.home()
        self.setWindowTitle(self.tr("首次设置向导"))
        self.name_step, self.units_step = NameStep(ctx, actor), UnitsStep(ctx, actor)
        self.topics_step, self.users_step = TopicsStep(ctx, actor), UsersStep(ctx, actor)
        self.done_step = DoneStep(ctx, actor)
        self.steps: list[Step] = [self.name_step, self.units_step, self.topics_step,
                                  self.users_step, self.done_step]  # fmt: skip
        self.stack = QStackedWidget()
        for step in self.steps:
            self.stack.addWidget(step)
        self.template_button = QPushButton(self.tr("保存模板…"))
        self.import_button = QPushButton(self.tr("从模板导入…"))
        self.template_button.clicked.connect(self.save_template)
        self.import_button.clicked.connect(self.import_template)
        self.later_button = QPushButton(self.tr("稍后继续"))
        self.dismiss_button = QPushButton(self.tr("不再提示"))
        self.back_button = QPushButton(self.tr("上一步"))
        self.next_button = QPushButton(self.tr("下一步"))
        self.next_button.setDefault(True)
        self.later_button.clicked.connect(self.later)
        self.dismiss_button.clicked.connect(self.dismiss_assistant)
        self.back_button.clicked.connect(lambda: self.go(self.stack.currentIndex() - 1))
        self.next_button.clicked.connect(self.forward)
        bar = QHBoxLayout()
        for button in (self.template_button, self.import_button):
            bar.addWidget(button)
        bar.addStretch(1)
        for button in (self.later_button, self.dismiss_button, self.back_button, self.next_button):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addLayout(bar)
        self.go(start)
        fit_to_screen(self, 1000, 640)

    def go(self, index: int) -> None:
        index = max(0, min(index, len(self.steps) - 1))
        self.stack.setCurrentIndex(index)
        last = index == len(self.steps) - 1
        self.back_button.setEnabled(0 < index and not last)
        self.next_button.setText(self.tr("完成") if last else self.tr("下一步"))
        for button in (self.template_button, self.import_button):
            button.setVisible(self.steps[index] in (self.units_step, self.topics_step))
        self.later_button.setVisible(not last)
        self.dismiss_button.setVisible(not last)

    def forward(self) -> None:
        index = self.stack.currentIndex()
        step = self.steps[index]
        if step is self.done_step:
            if write(self, self.ctx, lambda: setup_assistant.close_assistant(
                    self.ctx, self.actor, True)) is not None:  # fmt: skip
                self.accept()
            return
        if not step.save():
            return
        if step is self.users_step:
            self.done_step.show_passwords(self.users_step.passwords)
        write(self, self.ctx, lambda: setup_assistant.remember_step(self.ctx, self.actor,
                                                                    index + 1))  # fmt: skip
        self.go(index + 1)

    def later(self) -> None:
        index = self.stack.currentIndex()
        write(self, self.ctx, lambda: setup_assistant.remember_step(self.ctx, self.actor, index))
        self.discard()

    def dismiss_assistant(self) -> None:
        question = self.tr("不再显示首次设置向导？以后可在各管理页面中设置。")
        if QMessageBox.question(self, self.windowTitle(), question) != (
            QMessageBox.StandardButton.Yes
        ):
            return
        if write(self, self.ctx, lambda: setup_assistant.close_assistant(
                self.ctx, self.actor, False)) is not None:  # fmt: skip
            self.discard()

    def save_template(self) -> None:
        """Save the XLSX template, filled with what the two tables hold now."""
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("保存模板"), str(self.folder / self.tr("组织机构与派单目录模板.xlsx")),
            self.tr("Excel 工作簿 (*.xlsx)"),
        )  # fmt: skip
        if name:
            self.write_template(Path(name))

    def write_template(self, path: Path) -> None:
        units = [UnitLine(*(c + [""] * 6)[:6]) for c in self.units_step.table.lines()]
        topics = [TopicLine(*(c + [""] * 7)[:7]) for c in self.topics_step.table.lines()]
        try:
            org_workbook.write_template(path, units, topics)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("保存模板"),
                                self.tr("无法保存：{error}").format(error=exc))  # fmt: skip

    def import_template(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("从模板导入"), str(self.folder), self.tr("Excel 工作簿 (*.xlsx)")
        )
        if name:
            self.read_template(Path(name))

    def read_template(self, path: Path) -> None:
        """Fill both tables from a filled-in template (nothing is saved until 下一步)."""
        try:
            units, topics = org_workbook.read_workbook(path)
        except DeskError as exc:
            show_error(self, exc)
            return
        if units:
            self.units_step.table.set_lines([list(u.__dict__.values()) for u in units])
        if topics:
            self.topics_step.table.set_lines([list(t.__dict__.values()) for t in topics])
            self.topics_step.edit.setChecked(True)
