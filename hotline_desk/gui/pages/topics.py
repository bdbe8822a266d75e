"""派单目录 for the 系统管理员: the tree of 事项分类 with code, name, default lead section (主办),
assisting sections (协办), the keywords the routing suggestion and the intake's topic search
use, the 诉求类型 whose time limits a case of the topic takes, order, and deactivation (not
offered at intake any more; old cases keep it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QPushButton, QWidget

from hotline_desk.domain.enums.intake import Category
from hotline_desk.domain.enums.org import OrgKind
from hotline_desk.gui.common.widgets import ChoiceCombo
from hotline_desk.gui.common.words import choices, label
from hotline_desk.gui.pages.tree_admin import TreeAdminPage
from hotline_desk.services.admin import org, topics
from hotline_desk.services.admin.topics import TopicInput, TopicRow
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor


class TopicsPage(TreeAdminPage):
    FIELDS = ("name", "code", "parent_id", "lead_unit_id", "assist_unit_ids", "keywords",
              "limit_category")  # fmt: skip

    def __init__(self, ctx: ServiceContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, self.tr("派单目录"), parent)
        self.name = QLineEdit()
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("如 QYZC（大写字母、数字）"))
        self.parent_topic = ChoiceCombo([], self.tr("（顶层）"))
        self.lead = ChoiceCombo([], self.tr("（不设默认主办）"))
        self.assists = QListWidget()
        self.assists.setMaximumHeight(110)
        self.keywords = QLineEdit()
        self.keywords.setPlaceholderText(self.tr("用空格或顿号分隔，如：停电 限电 供电"))
        self.category = ChoiceCombo(choices(Category), self.tr("（由登记员选择）"))
        for text, name, widget in (
            (self.tr("名称 *"), "name", self.name), (self.tr("代码 *"), "code", self.code),
            (self.tr("上级事项"), "parent_id", self.parent_topic),
            (self.tr("默认主办"), "lead_unit_id", self.lead),
            (self.tr("默认协办"), "assist_unit_ids", self.assists),
            (self.tr("关键词"), "keywords", self.keywords),
            (self.tr("时限类别"), "limit_category", self.category),
        ):  # fmt: skip
            self.add_field(text, name, widget)
        self.new_button = QPushButton(self.tr("新增事项"))
        self.new_child = QPushButton(self.tr("新增下级事项"))
        self.bar.addWidget(self.new_button)
        self.bar.addWidget(self.new_child)
        self.new_button.clicked.connect(lambda: self.add(False))
        self.new_child.clicked.connect(lambda: self.add(True))
        self.refresh()

    def headers(self) -> list[str]:
        return [self.tr("名称"), self.tr("代码"), self.tr("默认主办"), self.tr("关键词"),
                self.tr("时限类别"), self.tr("办件"), self.tr("状态")]  # fmt: skip

    def load(self) -> list[TopicRow]:
        rows = topics.list_catalogue(self.ctx, self.actor)
        units = [u for u in org.list_units(self.ctx, self.actor)
                 if u.active and u.kind != OrgKind.OFFICE]  # fmt: skip
        keep = self.parent_topic.value(), self.lead.value()
        for combo, items, value in (
            (self.parent_topic, [(r.id, r.name) for r in rows], keep[0]),
            (self.lead, [(u.id, u.name) for u in units], keep[1]),
        ):
            while combo.count() > 1:
                combo.removeItem(1)
            for id_, name in items:
                combo.addItem(name, id_)
            combo.set_value(value)
        self.assists.clear()
        for u in units:
            item = QListWidgetItem(u.name)
            item.setData(Qt.ItemDataRole.UserRole, u.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.assists.addItem(item)
        return rows

    def columns(self, row: TopicRow) -> list[str]:
        category = label(Category(row.limit_category)) if row.limit_category else ""
        return [row.name, row.code, row.lead_unit_name, row.keywords, category, str(row.cases),
                self.tr("在用") if row.active else self.tr("已停用")]  # fmt: skip

    def new_title(self) -> str:
        return self.tr("新增事项")

    def show_row(self, row: TopicRow | None) -> None:
        self.form_box.setTitle(row.name if row is not None else self.new_title())
        self.name.setText(row.name if row else "")
        self.code.setText(row.code if row else "")
        self.parent_topic.set_value(row.parent_id if row else None)
        self.lead.set_value(row.lead_unit_id if row else None)
        chosen = set(row.assist_unit_ids) if row else set()
        for i in range(self.assists.count()):
            item = self.assists.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.keywords.setText(row.keywords if row else "")
        self.category.set_value(row.limit_category if row else None)

    def add(self, child: bool) -> None:
        selected = self.current_id
        self.start_new(self.tr("新增下级事项") if child else self.tr("新增事项"))
        if child and selected is not None:
            self.parent_topic.set_value(selected)
        self.name.setFocus()

    def checked_assists(self) -> tuple[int, ...]:
        return tuple(
            self.assists.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.assists.count())
            if self.assists.item(i).checkState() == Qt.CheckState.Checked
        )

    def save_call(self) -> Callable[[], Any]:
        data = TopicInput(self.code.text(), self.name.text(), self.parent_topic.value(),
                          self.lead.value(), self.checked_assists(), self.keywords.text(),
                          self.category.value())  # fmt: skip
        topic_id = self.current_id
        return lambda: topics.save_topic(self.ctx, self.actor, topic_id, data)

    def shift_call(self, row_id: int, step: int) -> Callable[[], Any]:
        return lambda: topics.shift_topic(self.ctx, self.actor, row_id, step)

    def active_call(self, row_id: int, active: bool) -> Callable[[], Any]:
        return lambda: topics.set_topic_active(self.ctx, self.actor, row_id, active)
