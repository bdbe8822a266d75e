"""工作日历 for the 系统管理员: a year as twelve month grids (holidays, make-up working days and
weekends coloured), a day changed by clicking it, and the confirmation that a year's holiday
notice has been entered (until then the year falls back to Monday–Friday and the desk is told)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hotline_desk.domain.calendar import DayInfo, default_name
from hotline_desk.domain.changes import CALENDAR
from hotline_desk.domain.errors import DeskError
from hotline_desk.gui.common.bus import subscribe
from hotline_desk.gui.common.errors import show_error
from hotline_desk.gui.common.forms import NOTICE_STYLE, FormDialog, notice_label
from hotline_desk.gui.common.writes import write
from hotline_desk.services.admin import calendar
from hotline_desk.services.admin.calendar import YearView
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor

HOLIDAY = ("#c62828", "#ffebee")
MAKEUP = ("#1565c0", "#e3f2fd")
WEEKEND = ("#757575", "#f5f5f5")


def day_colors(info: DayInfo) -> tuple[str, str] | None:
    """(text, background) of a day: holidays, make-up working days, weekends."""
    weekend = info.day.weekday() >= 5
    if info.is_workday:
        return MAKEUP if weekend else None
    if not weekend or (info.name and info.name != default_name(info.day)):
        return HOLIDAY
    return WEEKEND


class MonthGrid(QTableWidget):
    """One month as a 6 × 7 grid (Monday first); a click on a day emits its date."""

    dayClicked = Signal(object)  # datetime.date

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(6, 7, parent)
        self.setHorizontalHeaderLabels([self.tr("一"), self.tr("二"), self.tr("三"), self.tr("四"),
                                        self.tr("五"), self.tr("六"), self.tr("日")])  # fmt: skip
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for header in (self.horizontalHeader(), self.verticalHeader()):
            header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            header.setMinimumSectionSize(16)
        self.horizontalHeader().setFixedHeight(self.fontMetrics().height() + 4)
        self.setMinimumSize(200, 150)
        self.cellClicked.connect(self._clicked)

    def show_month(self, days: list[DayInfo]) -> None:
        self.clearContents()
        if not days:
            return
        offset = days[0].day.weekday()
        for info in days:
            index = offset + info.day.day - 1
            item = QTableWidgetItem(str(info.day.day))
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            item.setData(Qt.ItemDataRole.UserRole, info.day)
            colors = day_colors(info)
            if colors:
                item.setForeground(QBrush(QColor(colors[0])))
                item.setBackground(QBrush(QColor(colors[1])))
            if info.name:
                item.setToolTip(info.name)
            self.setItem(index // 7, index % 7, item)

    def _clicked(self, row: int, column: int) -> None:
        item = self.item(row, column)
        if item is not None:
            self.dayClicked.emit(item.data(Qt.ItemDataRole.UserRole))


class DayDialog(FormDialog):
    """Change one day: working day or not, and its name (国庆节, 调休上班 …)."""

    def __init__(
        self, ctx: ServiceContext, actor: Actor, info: DayInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("保存"), parent)
        self.ctx, self.actor, self.info = ctx, actor, info
        self.setWindowTitle(self.tr("修改日历：{day}").format(day=info.day.isoformat()))
        self.workday = QCheckBox(self.tr("工作日（上班）"))
        self.workday.setChecked(info.is_workday)
        self.name = QLineEdit(info.name)
        self.name.setPlaceholderText(self.tr("如：国庆节、调休上班（国庆节）"))
        self.form.addRow(self.tr("日期："), QLabel(info.day.isoformat()))
        self.add_field("", "is_workday", self.workday)
        self.add_field(self.tr("名称："), "name", self.name)

    def perform(self) -> DayInfo:
        return calendar.set_day(
            self.ctx, self.actor, self.info.day, self.workday.isChecked(), self.name.text()
        )

    def save(self) -> None:
        self.submit()


class CalendarPage(QWidget):
    def __init__(self, ctx: ServiceContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.actor = ctx, actor
        self.view: YearView | None = None
        self.year = QSpinBox()
        self.year.setRange(2004, 2100)
        self.year.setValue(ctx.now().year)
        self.summary = QLabel()
        self.banner = notice_label("", NOTICE_STYLE)
        self.confirm = QPushButton(self.tr("确认本年节假日安排已维护"))
        self.confirm.clicked.connect(self.mark_maintained)
        self.months: list[MonthGrid] = []
        grid = QGridLayout()
        grid.setSpacing(8)
        for month in range(12):
            widget = MonthGrid()
            widget.dayClicked.connect(self.edit_day)
            title = QLabel(self.tr("{month} 月").format(month=month + 1))
            title.setAlignment(Qt.AlignmentFlag.AlignCenter)
            cell = QVBoxLayout()
            cell.setSpacing(0)
            cell.addWidget(title)
            cell.addWidget(widget, 1)
            grid.addLayout(cell, month // 4, month % 4)
            self.months.append(widget)
        legend = QLabel(
            self.tr(
                "<span style='background:{h}'>&nbsp；节假日&nbsp;</span>&nbsp;&nbsp;"
                "<span style='background:{m}'>&nbsp；调休上班&nbsp;</span>&nbsp;&nbsp;"
                "<span style='background:{w}'>&nbsp；周末&nbsp;</span>"
            ).format(h=HOLIDAY[1], m=MAKEUP[1], w=WEEKEND[1])
        )
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("工作日历")))
        head.addWidget(self.year)
        head.addWidget(self.summary, 1)
        head.addWidget(legend)
        warning = QHBoxLayout()
        warning.addWidget(self.banner, 1)
        warning.addWidget(self.confirm)
        self.summary.setWordWrap(True)
        self.banner.setMaximumHeight(self.fontMetrics().height() * 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        layout.addLayout(head)
        layout.addLayout(warning)
        layout.addLayout(grid, 1)
        self.year.valueChanged.connect(lambda _y: self.load())
        self.load()
        subscribe(self, (CALENDAR,), self.load)

    def load(self) -> None:
        try:
            view = calendar.year_view(self.ctx, self.year.value())
        except DeskError as exc:
            show_error(self, exc)
            return
        self.view = view
        for month, widget in enumerate(self.months, start=1):
            widget.show_month([d for d in view.days if d.day.month == month])
        source = {"package": self.tr("chinesecalendar 程序包"), "admin": self.tr("管理员维护")}
        self.summary.setText(
            self.tr(
                "工作日 {workdays} 天，工作日放假 {holidays} 天，"
                "调休上班 {makeup} 天 · 来源：{source}"
            ).format(
                workdays=view.workdays,
                holidays=len(view.holidays),
                makeup=len(view.makeup_days),
                source=source.get(view.source, self.tr("未维护（按周一至周五）")),
            )
        )
        self.banner.setText(
            ""
            if view.maintained
            else self.tr(
                "{year}年节假日安排尚未维护：目前按周一至周五计算工作日。请依据国务院办公厅"
                "发布的{year}年节假日安排通知，逐日修改放假和调休上班日期，然后点击“确认本年节假日安排已维护”。"
            ).format(year=view.year)
        )
        self.banner.setVisible(not view.maintained)
        self.confirm.setVisible(not view.maintained)

    def day_info(self, day: date) -> DayInfo:
        assert self.view is not None
        return self.view.days[(day - date(day.year, 1, 1)).days]

    def edit_day(self, day: date) -> None:
        DayDialog(self.ctx, self.actor, self.day_info(day), self).exec()

    def mark_maintained(self) -> None:
        year = self.year.value()
        answer = QMessageBox.question(
            self,
            self.tr("确认"),
            self.tr("确认{year}年的放假和调休上班日期已按通知录入？").format(year=year),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        write(self, self.ctx, lambda: calendar.mark_maintained(self.ctx, self.actor, year))
