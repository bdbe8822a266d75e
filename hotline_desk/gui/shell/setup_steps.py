"""The steps of the first-run assistant (``setup_assistant``): the bureau's name, the table of
sections and units, the 派单目录 and the first users. Each step shows what the desk holds now
and saves what was typed when the administrator goes on (``save`` runs the step's service
calls through ``writes.write``; False keeps the step open with the errors shown)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hotline_desk.domain.enums.intake import Category
from hotline_desk.domain.enums.org import OrgKind, Role
from hotline_desk.domain.errors import DeskError, ValidationError
from hotline_desk.domain.routing import keyword_list
from hotline_desk.gui.common.widgets import ErrorLabel
from hotline_desk.gui.common.words import label, render
from hotline_desk.gui.common.writes import announce, into_labels, write
from hotline_desk.services.admin import office, org, setup_assistant, topics, users
from hotline_desk.services.admin.org_workbook import (
    KEYWORDS_COLUMN,
    TOPIC_HEADERS,
    UNIT_HEADERS,
    TopicLine,
    UnitLine,
)
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor


def hint(text: str) -> QLabel:
    box = QLabel(text)
    box.setWordWrap(True)
    box.setStyleSheet("color: #555;")
    return box


class LineTable(QTableWidget):
    """An editable table of text lines with an 添加一行 button beside it."""

    def __init__(self, headers: Sequence[str], wide: int | None = None) -> None:
        """``wide``: the column that takes the room left (the others fit their text)."""
        super().__init__(0, len(headers))
        self.setHorizontalHeaderLabels(list(headers))
        header = self.horizontalHeader()
        if wide is None:
            header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        else:
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(wide, QHeaderView.ResizeMode.Stretch)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().setDefaultSectionSize(24)

    def set_lines(self, lines: Sequence[Sequence[str]]) -> None:
        self.setRowCount(0)
        for line in lines:
            self.add_line(line)

    def add_line(self, values: Sequence[str] = ()) -> int:
        row = self.rowCount()
        self.insertRow(row)
        for c in range(self.columnCount()):
            self.setItem(row, c, QTableWidgetItem(values[c] if c < len(values) else ""))
        return row

    def lines(self) -> list[list[str]]:
        """The rows that hold anything, each cell's text stripped."""
        rows = []
        for r in range(self.rowCount()):
            cells = [(self.item(r, c).text() if self.item(r, c) else "").strip()
                     for c in range(self.columnCount())]  # fmt: skip
            if any(cells):
                rows.append(cells)
        return rows


class Step(QWidget):
    """One step: a heading, the form, the errors; ``save`` says whether to go on."""

    def __init__(self, ctx: ServiceContext, actor: Actor, title: str) -> None:
        super().__init__()
        self.ctx, self.actor = ctx, actor
        self.layout_ = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        self.layout_.addWidget(heading)
        self.error = ErrorLabel()

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.error)

    def save(self) -> bool:
        return True

    def run(self, call: Any) -> Any:
        shown = into_labels({"rows": self.error}, fallback="rows")
        return write(self, self.ctx, call, field_errors=shown)


class NameStep(Step):
    def __init__(self, ctx: ServiceContext, actor: Actor) -> None:
        super().__init__(ctx, actor, self.tr("第一步：单位名称"))
        self.layout_.addWidget(hint(self.tr("单位名称印在交办单和答复函的抬头上，简称用于答复函文号。"
                                            "以后可在“单位设置”中修改。")))  # fmt: skip
        values = {s.key: s.value for s in office.list_settings(ctx, actor)}
        self.bureau_name = QLineEdit(str(values.get(office.BUREAU_NAME.key, "")))
        self.bureau_short = QLineEdit(str(values.get(office.BUREAU_SHORT.key, "")))
        form = QFormLayout()
        form.addRow(self.tr("单位名称 *"), self.bureau_name)
        form.addRow(self.tr("单位简称 *"), self.bureau_short)
        self.layout_.addLayout(form)
        self.layout_.addStretch(1)
        self.finish_layout()

    def save(self) -> bool:
        values = {office.BUREAU_NAME.key: self.bureau_name.text(),
                  office.BUREAU_SHORT.key: self.bureau_short.text()}  # fmt: skip
        return self.run(lambda: office.save_settings(self.ctx, self.actor, values)) is not None


class UnitsStep(Step):
    def __init__(self, ctx: ServiceContext, actor: Actor) -> None:
        super().__init__(ctx, actor, self.tr("第二步：科室和直属单位"))
        self.layout_.addWidget(hint(self.tr(
            "逐行填写本单位的科室和直属单位（类型写“科室”或“直属单位”，直属单位填上级科室的代码），"
            "也可以先“保存模板…”在 Excel 中填好，再“从模板导入…”。下表已列出现有的单位，"
            "按代码修改；这里不删除单位。")))  # fmt: skip
        self.table = LineTable(UNIT_HEADERS)
        rows = org.list_units(ctx, actor)
        by_id = {r.id: r for r in rows}
        self.table.set_lines([
            [r.name, r.code, label(OrgKind(r.kind)),
             by_id[r.parent_id].code if r.parent_id in by_id else "", r.head_name, r.phone]
            for r in rows
        ])  # fmt: skip
        self.add_button = QPushButton(self.tr("添加一行"))
        self.add_button.clicked.connect(lambda: self.table.add_line())
        self.layout_.addWidget(self.table, 1)
        self.layout_.addWidget(self.add_button)
        self.finish_layout()

    def save(self) -> bool:
        lines = tuple(UnitLine(*cells) for cells in self.table.lines())
        call = lambda: setup_assistant.save_unit_lines(self.ctx, self.actor, lines)  # noqa: E731
        return self.run(call) is not None


class TopicsStep(Step):
    def __init__(self, ctx: ServiceContext, actor: Actor) -> None:
        super().__init__(ctx, actor, self.tr("第三步：派单目录"))
        self.keep = QRadioButton(self.tr("沿用内置的派单目录（以后可在“派单目录”中修改）"))
        self.edit = QRadioButton(self.tr("按下表保存（可从模板的第二张表导入）"))
        self.keep.setChecked(True)
        self.layout_.addWidget(self.keep)
        self.layout_.addWidget(self.edit)
        self.table = LineTable(TOPIC_HEADERS, wide=KEYWORDS_COLUMN)
        rows = topics.list_catalogue(ctx, actor)
        units = {u.id: u.code for u in org.list_units(ctx, actor)}
        by_id = {t.id: t for t in rows}
        self.table.set_lines([
            [t.name, t.code, by_id[t.parent_id].code if t.parent_id in by_id else "",
             units.get(t.lead_unit_id or 0, ""), " ".join(units[u] for u in t.assist_unit_ids),
             t.keywords, label(Category(t.limit_category)) if t.limit_category else ""]
            for t in rows if t.active
        ])  # fmt: skip
        self.table.itemChanged.connect(lambda _i: self.edit.setChecked(True))
        self.layout_.addWidget(hint(self.tr("关键词用空格分隔，派单建议和登记时的事项查找都会用到；"
                                            "主办、协办填单位代码。")))  # fmt: skip
        self.layout_.addWidget(self.table, 1)
        self.finish_layout()

    def save(self) -> bool:
        if self.keep.isChecked():
            return True
        lines = tuple(TopicLine(*cells) for cells in self.table.lines())
        call = lambda: setup_assistant.save_topic_lines(self.ctx, self.actor, lines)  # noqa: E731
        return self.run(call) is not None


class UsersStep(Step):
    def __init__(self, ctx: ServiceContext, actor: Actor) -> None:
        super().__init__(ctx, actor, self.tr("第四步：首批用户"))
        self.layout_.addWidget(hint(self.tr(
            "每行一个账号；角色写中文名称，多个用顿号分开（如“登记员、办公室督办员”）。"
            "安全管理员和审计管理员须单独建账号（三员分立），其临时密码只在下一步显示一次，"
            "请当面交给本人，首次登录须修改；业务账号的初始密码由安全管理员发放。")))  # fmt: skip
        self.table = LineTable([self.tr("姓名"), self.tr("用户名"), self.tr("部门代码"),
                                self.tr("角色")])  # fmt: skip
        for _ in range(3):
            self.table.add_line()
        self.add_button = QPushButton(self.tr("添加一行"))
        self.add_button.clicked.connect(lambda: self.table.add_line())
        self.layout_.addWidget(self.table, 1)
        self.layout_.addWidget(self.add_button)
        self.passwords: list[tuple[str, str]] = []
        self.finish_layout()

    def save(self) -> bool:
        units = {u.code: u.id for u in org.list_units(self.ctx, self.actor)}
        by_label = {r.label: r.value for r in Role}
        problems: list[str] = []
        created: list[int] = []
        with self.ctx.collect() as collected:
            for n, cells in enumerate(self.table.lines(), start=1):
                self._create(n, cells, units, by_label, problems, created)
        announce(collected.changes, self)
        for n in reversed(created):  # what was saved leaves the table; a retry adds the rest
            self._remove_line(n)
        self.error.set_error("\n".join(problems))
        return not problems

    def _create(self, n: int, cells: list[str], units: dict[str, int], by_label: dict[str, str],
                problems: list[str], created: list[int]) -> None:  # fmt: skip
        name, username, unit, roles_text = (cells + [""] * 4)[:4]
        roles = tuple(by_label.get(r, r) for r in keyword_list(roles_text))
        data = users.UserInput(username, name, units.get(unit.upper()), roles)
        try:
            result = users.create_user(self.ctx, self.actor, data)
        except DeskError as exc:  # shown beside the table, line by line
            problems.append(self.tr("第 {n} 行：{error}").format(n=n, error=_message(exc)))
            return
        created.append(n)
        if isinstance(result, tuple) and result[1]:
            self.passwords.append((result[0].username, result[1]))

    def _remove_line(self, n: int) -> None:
        seen = 0
        for r in range(self.table.rowCount()):
            cells = [(self.table.item(r, c).text() if self.table.item(r, c) else "").strip()
                     for c in range(self.table.columnCount())]  # fmt: skip
            if any(cells):
                seen += 1
                if seen == n:
                    self.table.removeRow(r)
                    return


def _message(exc: DeskError) -> str:
    if isinstance(exc, ValidationError):
        separator = QCoreApplication.translate("SetupAssistant", "；")
        return separator.join(render(m) for m in exc.field_errors.values())
    return render(str(exc))
