"""工作日历 for the 系统管理员: a year as twelve month grids (holidays, make-up working days and
weekends coloured), a day changed by clicking it, and the confirmation that a year's holiday
notice has been entered (until then the year falls back to Monday–Friday and the desk is told)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hotline_desk.domain.calendar import DayInfo, default_name
from hotline_desk.domain.errors import DeskError, ValidationError
from hotline_desk.gui.action_base import NOTICE_STYLE, notice_label
from hotline_desk.gui.errors import show_error
from hotline_desk.gui.widgets import ErrorLabel
from hotline_desk.services import calendar
from hotline_desk.services.calendar import YearView
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor

HOLIDAY = ("#c62828", "#ffebee")
MAKEUP = ("#1565c0", "#e3f2fd")
WEEKEND = ("#757575", "#f5f5f5")


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class DayDialog(QDialog):
    """Change one day: working day or not, and its name (国庆节, 调休上班 …)."""

    def __init__(
        self, ctx: ServiceContext, actor: Actor, info: DayInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.actor, self.info = ctx, actor, info
        self.saved: DayInfo | None = None
        self.setWindowTitle(self.tr("修改日历:{day}").format(day=info.day.isoformat()))
        self.workday = QCheckBox(self.tr("工作日(上班)"))
        self.workday.setChecked(info.is_workday)
        self.name = QLineEdit(info.name)
        self.name.setPlaceholderText(self.tr("如:国庆节、调休上班(国庆节)"))
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow(self.tr("日期:"), QLabel(info.day.isoformat()))
        form.addRow("", self.workday)
        form.addRow(self.tr("名称:"), self.name)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def save(self) -> None:
        try:
            self.saved = calendar.set_day(
                self.ctx, self.actor, self.info.day, self.workday.isChecked(), self.name.text()
            )
        except ValidationError as exc:
            self.error.set_error(exc.message)
            return
        except DeskError as exc:
            show_error(self, exc)
            self.reject()
            return
        self.accept()


class CalendarPage(QWidget):
    changed = Signal()  # a day or a year's status was saved

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
        self.months: list[QCalendarWidget] = []
        grid = QGridLayout()
        for month in range(12):
            widget = QCalendarWidget()
            widget.setNavigationBarVisible(False)
            widget.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
            widget.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
            widget.setHorizontalHeaderFormat(
                QCalendarWidget.HorizontalHeaderFormat.SingleLetterDayNames
            )
            widget.setGridVisible(True)
            widget.clicked.connect(self.edit_day)
            title = QLabel(self.tr("{month} 月").format(month=month + 1))
            title.setAlignment(Qt.AlignmentFlag.AlignCenter)
            cell = QVBoxLayout()
            cell.setSpacing(0)
            cell.addWidget(title)
            cell.addWidget(widget)
            grid.addLayout(cell, month // 4, month % 4)
            self.months.append(widget)
        legend = QLabel(
            self.tr(
                "<span style='background:{h}'>&nbsp;节假日&nbsp;</span>&nbsp;&nbsp;"
                "<span style='background:{m}'>&nbsp;调休上班&nbsp;</span>&nbsp;&nbsp;"
                "<span style='background:{w}'>&nbsp;周末&nbsp;</span>&nbsp;&nbsp;点击日期可修改"
            ).format(h=HOLIDAY[1], m=MAKEUP[1], w=WEEKEND[1])
        )
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("工作日历")))
        head.addWidget(self.year)
        head.addWidget(self.summary, 1)
        head.addWidget(legend)
        head.addWidget(self.confirm)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(head)
        layout.addWidget(self.banner)
        layout.addLayout(grid, 1)
        self.year.valueChanged.connect(lambda _y: self.load())
        self.load()

    def load(self) -> None:
        try:
            view = calendar.year_view(self.ctx, self.year.value())
        except DeskError as exc:
            show_error(self, exc)
            return
        self.view = view
        year = view.year
        for month, widget in enumerate(self.months, start=1):
            first = date(year, month, 1)
            last = date(year + (month == 12), month % 12 + 1, 1)
            widget.setDateRange(_qdate(first), _qdate(last).addDays(-1))
            widget.setCurrentPage(year, month)
        for info in view.days:
            fmt = QTextCharFormat()
            colors = None
            if not info.is_workday and info.day.weekday() < 5:
                colors = HOLIDAY
            elif info.is_workday and info.day.weekday() >= 5:
                colors = MAKEUP
            elif not info.is_workday:
                colors = HOLIDAY if info.name and info.name != default_name(info.day) else WEEKEND
            if colors:
                fmt.setForeground(QBrush(QColor(colors[0])))
                fmt.setBackground(QBrush(QColor(colors[1])))
            if info.name:
                fmt.setToolTip(info.name)
            self.months[info.day.month - 1].setDateTextFormat(_qdate(info.day), fmt)
        source = {"package": self.tr("chinesecalendar 程序包"), "admin": self.tr("管理员维护")}
        self.summary.setText(
            self.tr(
                "工作日 {workdays} 天,工作日放假 {holidays} 天,调休上班 {makeup} 天 · 来源:{source}"
            ).format(
                workdays=view.workdays,
                holidays=len(view.holidays),
                makeup=len(view.makeup_days),
                source=source.get(view.source, self.tr("未维护(按周一至周五)")),
            )
        )
        self.banner.setText(
            ""
            if view.maintained
            else self.tr(
                "{year}年节假日安排尚未维护:目前按周一至周五计算工作日。请依据国务院办公厅"
                "发布的{year}年节假日安排通知,逐日修改放假和调休上班日期,然后点击“确认本年节假日安排已维护”。"
            ).format(year=year)
        )
        self.banner.setVisible(not view.maintained)
        self.confirm.setVisible(not view.maintained)

    def day_info(self, day: date) -> DayInfo:
        assert self.view is not None
        return self.view.days[(day - date(day.year, 1, 1)).days]

    def edit_day(self, qdate: QDate) -> None:
        day = date(qdate.year(), qdate.month(), qdate.day())
        dialog = DayDialog(self.ctx, self.actor, self.day_info(day), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.load()
            self.changed.emit()

    def mark_maintained(self) -> None:
        year = self.year.value()
        answer = QMessageBox.question(
            self,
            self.tr("确认"),
            self.tr("确认{year}年的放假和调休上班日期已按通知录入?").format(year=year),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            calendar.mark_maintained(self.ctx, self.actor, year)
        except DeskError as exc:
            show_error(self, exc)
        self.load()
        self.changed.emit()
