"""组织机构 for the 系统管理员: the tree of 办公室, 科室 and 直属单位 with each one's code, kind,
负责人 and phone; add a section or a unit, rename, move under another parent, reorder,
deactivate or reactivate, and delete one entered by mistake (the service refuses a unit that
has cases or accounts and says how many)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QLineEdit, QMessageBox, QPushButton, QWidget

from hotline_desk.domain.enums.org import OrgKind
from hotline_desk.gui.common.widgets import ChoiceCombo
from hotline_desk.gui.common.words import choices, label
from hotline_desk.gui.common.writes import write
from hotline_desk.gui.pages.tree_admin import TreeAdminPage
from hotline_desk.services.admin import org, users
from hotline_desk.services.admin.org import UnitInput, UnitRow
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor


class OrgUnitsPage(TreeAdminPage):
    FIELDS = ("name", "code", "kind", "parent_id", "head_user_id", "head_name", "phone")

    def __init__(self, ctx: ServiceContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, self.tr("组织机构"), parent)
        self.name = QLineEdit()
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("如 ZHK（大写字母、数字）"))
        self.kind = ChoiceCombo(choices(OrgKind))
        self.parent_unit = ChoiceCombo([], self.tr("（无上级）"))
        self.head_user = ChoiceCombo([], self.tr("（不指定账号）"))
        self.head_name = QLineEdit()
        self.head_name.setPlaceholderText(self.tr("没有账号时填写姓名"))
        self.phone = QLineEdit()
        for text, name, widget in (
            (self.tr("名称 *"), "name", self.name), (self.tr("代码 *"), "code", self.code),
            (self.tr("类型"), "kind", self.kind), (self.tr("上级"), "parent_id", self.parent_unit),
            (self.tr("负责人（账号）"), "head_user_id", self.head_user),
            (self.tr("负责人（姓名）"), "head_name", self.head_name),
            (self.tr("联系电话"), "phone", self.phone),
        ):  # fmt: skip
            self.add_field(text, name, widget)
        self.new_section = QPushButton(self.tr("新增科室"))
        self.new_unit = QPushButton(self.tr("新增直属单位"))
        self.delete_button = QPushButton(self.tr("删除"))
        for button in (self.new_section, self.new_unit):
            self.bar.addWidget(button)
        self.actions.insertWidget(self.actions.count() - 1, self.delete_button)
        self.new_section.clicked.connect(lambda: self.add(OrgKind.SECTION))
        self.new_unit.clicked.connect(lambda: self.add(OrgKind.UNIT))
        self.delete_button.clicked.connect(self.delete)
        self.refresh()

    def headers(self) -> list[str]:
        return [self.tr("名称"), self.tr("代码"), self.tr("类型"), self.tr("负责人"),
                self.tr("联系电话"), self.tr("办件"), self.tr("账号"), self.tr("状态")]  # fmt: skip

    def load(self) -> list[UnitRow]:
        rows = org.list_units(self.ctx, self.actor)
        self._fill_choices(rows)
        return rows

    def _fill_choices(self, rows: list[UnitRow]) -> None:
        keep_parent, keep_head = self.parent_unit.value(), self.head_user.value()
        self.parent_unit.blockSignals(True)
        while self.parent_unit.count() > 1:
            self.parent_unit.removeItem(1)
        for r in rows:
            if r.kind != OrgKind.UNIT:
                self.parent_unit.addItem(r.name, r.id)
        self.parent_unit.set_value(keep_parent)
        self.parent_unit.blockSignals(False)
        while self.head_user.count() > 1:
            self.head_user.removeItem(1)
        for u in users.list_users(self.ctx, self.actor):
            if u.active:
                text = self.tr("{name}（{username}）").format(
                    name=u.display_name, username=u.username
                )
                self.head_user.addItem(text, u.id)  # fmt: skip
        self.head_user.set_value(keep_head)

    def columns(self, row: UnitRow) -> list[str]:
        return [row.name, row.code, label(OrgKind(row.kind)), row.head_text, row.phone,
                str(row.cases), str(row.users),
                self.tr("在用") if row.active else self.tr("已停用")]  # fmt: skip

    def new_title(self) -> str:
        return self.tr("新增单位")

    def show_row(self, row: UnitRow | None) -> None:
        self.form_box.setTitle(row.name if row is not None else self.new_title())
        self.name.setText(row.name if row else "")
        self.code.setText(row.code if row else "")
        self.kind.set_value(row.kind if row else OrgKind.SECTION.value)
        self.kind.setEnabled(row is None)  # an existing unit's kind stays
        self.parent_unit.set_value(row.parent_id if row else None)
        self.head_user.set_value(row.head_user_id if row else None)
        self.head_name.setText(row.head_name if row else "")
        self.phone.setText(row.phone if row else "")
        self.delete_button.setEnabled(row is not None)

    def add(self, kind: OrgKind) -> None:
        """An empty form for a new section (top level) or unit (under the selected section)."""
        selected = self.rows.get(self.current_id) if self.current_id is not None else None
        self.start_new(self.tr("新增科室") if kind == OrgKind.SECTION else self.tr("新增直属单位"))
        self.kind.set_value(kind.value)
        if kind == OrgKind.UNIT and selected is not None and selected.kind != OrgKind.UNIT:
            self.parent_unit.set_value(selected.id)
        self.name.setFocus()

    def save_call(self) -> Callable[[], Any]:
        data = UnitInput(self.code.text(), self.name.text(), self.kind.value(),
                         self.parent_unit.value(), self.head_user.value(),
                         self.head_name.text(), self.phone.text())  # fmt: skip
        unit_id = self.current_id
        return lambda: org.save_unit(self.ctx, self.actor, unit_id, data)

    def shift_call(self, row_id: int, step: int) -> Callable[[], Any]:
        return lambda: org.shift_unit(self.ctx, self.actor, row_id, step)

    def active_call(self, row_id: int, active: bool) -> Callable[[], Any]:
        return lambda: org.set_unit_active(self.ctx, self.actor, row_id, active)

    def delete(self) -> None:
        row = self.rows.get(self.current_id) if self.current_id is not None else None
        if row is None:
            return
        question = self.tr("删除“{name}”？只有录入错误、从未使用的单位可以删除。").format(
            name=row.name
        )
        if QMessageBox.question(self, self.tr("删除单位"), question) != (
            QMessageBox.StandardButton.Yes
        ):
            return
        if write(self, self.ctx, lambda: org.delete_unit(self.ctx, self.actor, row.id)):
            self.current_id = None
            self.refresh()
