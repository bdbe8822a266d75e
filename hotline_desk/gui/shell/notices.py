"""What the main window tells the user about deadlines without being asked: the banner while a
year's holidays are not entered (desk and admin), the badge of late, nearly late, urged and
ordered cases beside the user's name, the 督办台 count in the navigation, and the desktop
notification — fed by the periodic ``AlertWatcher``."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QLabel, QWidget

from hotline_desk.domain.changes import CALENDAR
from hotline_desk.domain.errors import DeskError
from hotline_desk.domain.permissions import CALENDAR_NOTICE_ROLES, CASE_ROLES, has_any
from hotline_desk.gui.cases.deadline_view import count_rule
from hotline_desk.gui.cases.model import CaseTableModel
from hotline_desk.gui.common.bus import subscribe
from hotline_desk.gui.common.tasks import TaskRunner, run_later
from hotline_desk.gui.common.words import list_separator
from hotline_desk.gui.shell.alert_watch import AlertWatcher, Notifier
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.services.supervision.alerts import AlertSnapshot

START_LATEST_MS = 3000
"""The longest the alert check and the calendar banner wait for the window's first rows."""

NavBadge = Callable[[str, str, str], None]
"""Sets the text and tooltip of a navigation entry by its key."""


class DeadlineNotices(QObject):
    def __init__(self, window: QWidget, ctx: ServiceContext, actor: Actor, runner: TaskRunner,
                 nav_badge: NavBadge) -> None:  # fmt: skip
        super().__init__(window)
        self.ctx, self.actor, self.nav_badge = ctx, actor, nav_badge
        self._begun = False
        self.banner = QLabel()
        self.banner.setObjectName("calendarBanner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.badge = QLabel()
        self.badge.setObjectName("alertBadge")
        self.badge.hide()
        self.notifier = Notifier(window)
        self.watcher = AlertWatcher(ctx, actor, runner, self)
        self.watcher.checked.connect(self.show_alerts)
        self.watcher.notify.connect(self.notifier.show)
        subscribe(self, (CALENDAR,), self.check_calendar)

    def start(self, first_page: CaseTableModel | None = None) -> None:
        """The alert check (every minute) and the calendar banner once ``first_page``, the
        case list the window opens with, has its first rows painted (or failed to get them):
        at the start its queries go first (the calendar's took 10 ms of the GUI thread).
        A first page still loading after ``START_LATEST_MS`` (a busy server, a loaded PC) does
        not hold them back longer. Without such a list, at once."""
        if first_page is None or not first_page.loading:
            self._started()
            return
        first_page.after_rows(self, self._started_once)
        run_later(self, START_LATEST_MS, self._started_once)

    def stop(self) -> None:
        """Nothing more starts or checks (the window closes or signs out)."""
        self._begun = True
        self.watcher.stop()

    def _started_once(self) -> None:
        if not self._begun:
            self._started()

    def _started(self) -> None:
        self._begun = True
        if has_any(self.actor.roles, CASE_ROLES):  # the badge first: the banner can wait
            self.watcher.start()
        self.check_calendar()

    def check_calendar(self) -> None:
        """The banner for the desk and the admin while a year falls back to Monday–Friday."""
        if not has_any(self.actor.roles, CALENDAR_NOTICE_ROLES):
            return
        from hotline_desk.services.admin import calendar

        try:
            missing = calendar.missing_years(self.ctx, self.ctx.now().date())
        except DeskError:
            missing = []
        text = list_separator().join(str(y) for y in missing)
        self.banner.setText(
            self.tr("{years}年节假日安排尚未维护：涉及该年的期限暂按周一至周五计算。"
                    "请系统管理员在“工作日历”中按国务院办公厅通知录入。").format(years=text)
        )  # fmt: skip
        self.banner.setVisible(bool(missing))

    def show_alerts(self, snapshot: AlertSnapshot) -> None:
        """The badge beside the user: what of the user's is late, near, urged or ordered — 超期
        and 临期 counted as the board counts 红牌 and 黄牌 (``board_scope.count_scope``)."""
        parts = []
        if snapshot.red:
            parts.append(self.tr("超期 {n}").format(n=snapshot.red))
        if snapshot.yellow:
            parts.append(self.tr("临期 {n}").format(n=snapshot.yellow))
        if snapshot.unread_urges:
            parts.append(self.tr("催办 {n}").format(n=snapshot.unread_urges))
        if snapshot.open_orders:
            parts.append(self.tr("督办 {n}").format(n=snapshot.open_orders))
        self.badge.setText(" · ".join(parts))
        self.badge.setToolTip(count_rule())
        self.badge.setVisible(bool(parts))
        title = QCoreApplication.translate("MainWindow", "督办台")
        tip = self.tr("红牌（超期）{n} 件。").format(n=snapshot.red) + count_rule()
        self.nav_badge("board", f"{title} ({snapshot.red})" if snapshot.red else title, tip)
