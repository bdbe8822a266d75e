"""What the 组织机构 and 派单目录 pages share: a tree on the left (children under their parent,
inactive rows greyed), the selected row's form on the right with an error label under each
field, and the buttons 保存, 上移, 下移 and 停用/启用. A subclass says how to read its rows, show
one, fill the form and call its services; every write goes through ``writes.write`` (field
errors beside the fields, the change announced) and the tree keeps the selection across the
refresh that follows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hotline_desk.domain.changes import ORG
from hotline_desk.gui.common.bus import subscribe
from hotline_desk.gui.common.widgets import ErrorLabel
from hotline_desk.gui.common.writes import into_labels, write
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor

_GREY = QBrush(QColor("#9e9e9e"))


class TreeAdminPage(QWidget):
    """The shared frame; see the module's docstring."""

    FIELDS: tuple[str, ...] = ()

    def __init__(self, ctx: ServiceContext, actor: Actor, title: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.ctx, self.actor = ctx, actor
        self.rows: dict[int, Any] = {}
        self.current_id: int | None = None
        """The row the form edits; None: a new row."""
        self.adding = False
        """The form holds a new row being typed (a refresh leaves it alone)."""
        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        self.bar = QHBoxLayout()
        self.bar.addWidget(heading, 1)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(self.headers())
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(self._picked)
        self.errors = {name: ErrorLabel() for name in self.FIELDS}
        self.form = QFormLayout()
        self.form_box = QGroupBox()
        self.form_box.setLayout(self.form)
        self.save_button = QPushButton(self.tr("保存"))
        self.up_button = QPushButton(self.tr("上移"))
        self.down_button = QPushButton(self.tr("下移"))
        self.toggle_button = QPushButton(self.tr("停用"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.up_button.clicked.connect(lambda: self._shift(-1))
        self.down_button.clicked.connect(lambda: self._shift(1))
        self.toggle_button.clicked.connect(self._toggle)
        self.actions = QHBoxLayout()
        for button in (self.save_button, self.up_button, self.down_button, self.toggle_button):
            self.actions.addWidget(button)
        self.actions.addStretch(1)
        right = QWidget()
        side = QVBoxLayout(right)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.form_box)
        side.addLayout(self.actions)
        side.addStretch(1)
        split = QSplitter()
        split.addWidget(self.tree)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(self.bar)
        layout.addWidget(split, 1)
        subscribe(self, (ORG,), self.refresh, skip_own=True)

    # what a subclass provides
    def headers(self) -> list[str]:
        raise NotImplementedError

    def load(self) -> list[Any]:
        raise NotImplementedError

    def columns(self, row: Any) -> list[str]:
        raise NotImplementedError

    def show_row(self, row: Any | None) -> None:
        """Fill the form with ``row`` (None: an empty form for a new row)."""
        raise NotImplementedError

    def save_call(self) -> Callable[[], Any]:
        raise NotImplementedError

    def shift_call(self, row_id: int, step: int) -> Callable[[], Any]:
        raise NotImplementedError

    def active_call(self, row_id: int, active: bool) -> Callable[[], Any]:
        raise NotImplementedError

    # the frame
    def refresh(self) -> None:
        keep = self.current_id
        rows = self.load()
        self.rows = {r.id: r for r in rows}
        self.tree.blockSignals(True)
        self.tree.clear()
        items: dict[int, QTreeWidgetItem] = {}
        for row in rows:  # parents come before children? not always: place in two passes
            item = QTreeWidgetItem(self.columns(row))
            item.setData(0, Qt.ItemDataRole.UserRole, row.id)
            if not row.active:
                for c in range(item.columnCount()):
                    item.setForeground(c, _GREY)
            items[row.id] = item
        for row in rows:
            parent = items.get(row.parent_id) if row.parent_id is not None else None
            if parent is not None:
                parent.addChild(items[row.id])
            else:
                self.tree.addTopLevelItem(items[row.id])
        self.tree.expandAll()
        self.tree.blockSignals(False)
        if keep is not None and keep in items:
            self.tree.setCurrentItem(items[keep])
        elif keep is None and self.tree.topLevelItemCount() and not self.adding:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self._buttons()

    def new_title(self) -> str:
        return self.tr("新增")

    def select(self, row_id: int) -> None:
        item = self._item(row_id)
        if item is not None:
            self.tree.setCurrentItem(item)

    def _item(self, row_id: int) -> QTreeWidgetItem | None:
        for item in self._all_items():
            if item.data(0, Qt.ItemDataRole.UserRole) == row_id:
                return item
        return None

    def _all_items(self) -> list[QTreeWidgetItem]:
        found: list[QTreeWidgetItem] = []
        todo = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while todo:
            item = todo.pop(0)
            found.append(item)
            todo.extend(item.child(i) for i in range(item.childCount()))
        return found

    def _picked(self, item: QTreeWidgetItem | None, _old: QTreeWidgetItem | None) -> None:
        row = self.rows.get(item.data(0, Qt.ItemDataRole.UserRole)) if item else None
        self.current_id = row.id if row is not None else None
        self.adding = False
        into_labels(self.errors)({})
        self.show_row(row)
        self._buttons()

    def start_new(self, title: str) -> None:
        """An empty form for a new row (the subclass presets kind and parent after this)."""
        self.tree.blockSignals(True)
        self.tree.setCurrentItem(None)  # type: ignore[arg-type]
        self.tree.clearSelection()
        self.tree.blockSignals(False)
        self.current_id = None
        self.adding = True
        into_labels(self.errors)({})
        self.show_row(None)
        self.form_box.setTitle(title)
        self._buttons()

    def _buttons(self) -> None:
        row = self.rows.get(self.current_id) if self.current_id is not None else None
        for button in (self.up_button, self.down_button, self.toggle_button):
            button.setEnabled(row is not None)
        self.toggle_button.setText(self.tr("启用") if row is not None and not row.active
                                   else self.tr("停用"))  # fmt: skip

    def save(self) -> None:
        written = write(self, self.ctx, self.save_call(),
                        field_errors=into_labels(self.errors, fallback=self.FIELDS[0]))  # fmt: skip
        if written is not None:
            self.current_id, self.adding = written.result.id, False
            self.form_box.setTitle(written.result.name)
            self.refresh()

    def _shift(self, step: int) -> None:
        if self.current_id is not None:
            write(self, self.ctx, self.shift_call(self.current_id, step))
            self.refresh()

    def _toggle(self) -> None:
        row = self.rows.get(self.current_id) if self.current_id is not None else None
        if row is not None:
            write(self, self.ctx, self.active_call(row.id, not row.active))
            self.refresh()

    def add_field(self, label: str, name: str, widget: QWidget) -> None:
        self.form.addRow(label, widget)
        self.form.addRow("", self.errors[name])
