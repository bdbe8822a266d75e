"""答复模板 (系统管理员): the reply templates per category, with the fields handlers' replies are
filled from ({来电人称呼}, {办件编号}, …); create, edit, deactivate."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hotline_desk.domain.changes import TEMPLATES
from hotline_desk.domain.enums.intake import Category
from hotline_desk.domain.routing import TEMPLATE_FIELDS
from hotline_desk.gui.common.bus import subscribe
from hotline_desk.gui.common.widgets import ChoiceCombo, ErrorLabel
from hotline_desk.gui.common.words import choices, label, list_separator
from hotline_desk.gui.common.writes import into_labels, write
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.services.lifecycle import templates
from hotline_desk.services.lifecycle.dto import TemplateInfo


class TemplatePage(QWidget):
    def __init__(self, ctx: ServiceContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.actor = ctx, actor
        self.current: TemplateInfo | None = None
        self.list = QListWidget()
        self.list.setMaximumWidth(260)
        self.category = ChoiceCombo(choices(Category), self.tr("请选择"))
        self.name = QLineEdit()
        self.body = QPlainTextEdit()
        self.active = QCheckBox(self.tr("启用"))
        self.active.setChecked(True)
        self.errors = {k: ErrorLabel() for k in ("category", "name", "body")}
        self.status = QLabel()
        self.new_button = QPushButton(self.tr("新建模板"))
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setDefault(True)
        fields = list_separator().join("{" + f + "}" for f in TEMPLATE_FIELDS)
        hint = QLabel(self.tr("可用字段（保存后由系统按办件填写）：{fields}").format(fields=fields))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: gray;")
        form = QFormLayout()
        form.addRow(self.tr("诉求类型"), self.category)
        form.addRow("", self.errors["category"])
        form.addRow(self.tr("模板名称"), self.name)
        form.addRow("", self.errors["name"])
        form.addRow(self.tr("模板正文"), self.body)
        form.addRow("", self.errors["body"])
        form.addRow("", hint)
        form.addRow("", self.active)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.save_button)
        right = QVBoxLayout()
        title = QLabel(self.tr("答复模板"))
        title.setObjectName("pageTitle")
        right.addWidget(title)
        right.addLayout(form, 1)
        right.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(right, 1)
        self.list.currentItemChanged.connect(lambda cur, _prev: self._show(cur))
        self.new_button.clicked.connect(self.new_template)
        self.save_button.clicked.connect(self.save)
        self.reload()
        subscribe(self, (TEMPLATES,), self._changed_elsewhere, skip_own=True)

    def _changed_elsewhere(self) -> None:
        self.reload(self.current.id if self.current else None)

    def reload(self, select_id: int | None = None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for t in templates.list_templates(self.ctx, include_inactive=True):
            suffix = "" if t.active else self.tr("（停用）")
            item = QListWidgetItem(f"[{label('category', t.category)}] {t.name}{suffix}")
            item.setData(Qt.ItemDataRole.UserRole, t)
            self.list.addItem(item)
            if t.id == select_id:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        if select_id is None and self.list.count():
            self.list.setCurrentRow(0)
        self._show(self.list.currentItem())

    def _show(self, item: QListWidgetItem | None) -> None:
        t: TemplateInfo | None = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        self.current = t
        self.category.set_value(t.category if t else None)
        self.name.setText(t.name if t else "")
        self.body.setPlainText(t.body if t else "")
        self.active.setChecked(t.active if t else True)
        for e in self.errors.values():
            e.set_error("")

    def new_template(self) -> None:
        self.list.clearSelection()
        self._show(None)
        self.name.setFocus()

    def save(self) -> None:
        template_id = self.current.id if self.current else None
        written = write(self, self.ctx, lambda: templates.save_template(
            self.ctx, self.actor, template_id, self.category.value() or "", self.name.text(),
            self.body.toPlainText(), self.active.isChecked(),
        ), field_errors=into_labels(self.errors))  # fmt: skip
        if written is None:
            self.status.setText(self.tr("未保存"))
            return
        saved = written.result
        self.status.setText(self.tr("已保存：{name}").format(name=saved.name))
        self.reload(saved.id)
