"""The periodic, cheap alert check (``services.alerts``) behind the navigation badges and the
desktop notification: every minute, off the GUI thread; a notification (system tray, or the
status bar where there is no tray) when a case of the user's turns yellow or red, is urged or
gets a supervision order."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QStyle, QSystemTrayIcon, QWidget

from hotline_desk.domain.changes import CASES
from hotline_desk.domain.errors import SessionEnded
from hotline_desk.gui.common.bus import subscribe
from hotline_desk.gui.common.errors import session_ended
from hotline_desk.gui.common.tasks import CancelToken, TaskRunner
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.services.supervision import alerts
from hotline_desk.services.supervision.alerts import AlertItem, AlertSnapshot

CHECK_MS = 60_000


class AlertWatcher(QObject):
    """Emits ``checked`` with each snapshot and ``notify`` with a message for new alerts."""

    checked = Signal(object)  # AlertSnapshot
    notify = Signal(str, str)  # title, message

    def __init__(
        self,
        ctx: ServiceContext,
        actor: Actor,
        runner: TaskRunner,
        parent: QObject | None = None,
        interval_ms: int = CHECK_MS,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.actor, self.runner = ctx, actor, runner
        self.last: AlertSnapshot | None = None
        self._since: datetime | None = None
        self._token: CancelToken | None = None
        self._running = self._stopped = False
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.check)
        subscribe(self, (CASES,), self.check)

    def start(self) -> None:
        self.check()
        self.timer.start()

    def stop(self) -> None:
        """No more checks (the window closes or signs out): not by the timer, nor by news of
        changed cases, whose check would find the session over."""
        self._stopped = True
        self.timer.stop()

    def check(self) -> None:
        if self._running or self._stopped:
            return  # the previous check is still running, or the window is done
        self._running = True
        ctx, actor, since = self.ctx, self.actor, self._since
        self._token = self.runner.run(
            lambda: alerts.check_alerts(ctx, actor, since), self._arrived, self._failed
        )

    def _arrived(self, snapshot: AlertSnapshot) -> None:
        self._running = False
        first = self.last is None
        self.last = snapshot
        self._since = snapshot.checked_at
        self.checked.emit(snapshot)
        if first and (snapshot.red or snapshot.unread_urges or snapshot.open_orders):
            self.notify.emit(self.tr("办件提醒"), self.summary(snapshot))
        elif snapshot.new:
            self.notify.emit(self.tr("办件提醒"), self.news(snapshot.new))

    def _failed(self, exc: BaseException) -> None:
        """A failed check (the server is away a moment) is retried at the next tick; a session
        that ended (account disabled, password reset) goes back to the login."""
        self._running = False
        if isinstance(exc, SessionEnded):
            session_ended(self.parent() if isinstance(self.parent(), QWidget) else None, exc)

    def summary(self, s: AlertSnapshot) -> str:
        return self.tr(
            "您有 {red} 件已超期、{yellow} 件临近期限，"
            "{urges} 条催办待阅，{orders} 张督办单待回复。"
        ).format(red=s.red, yellow=s.yellow, urges=s.unread_urges, orders=s.open_orders)

    def news(self, items: tuple[AlertItem, ...]) -> str:
        what = {
            "red": self.tr("{case_no} 已超期"),
            "yellow": self.tr("{case_no} 临近期限（黄牌）"),
            "urge": self.tr("{case_no} 被催办"),
            "order": self.tr("{case_no} 收到督办单"),
        }
        lines = [what[i.kind].format(case_no=i.case_no) for i in items[:5]]
        if len(items) > 5:
            lines.append(self.tr("等 {n} 条").format(n=len(items)))
        return "\n".join(lines)


class Notifier(QObject):
    """Shows a message in the system tray, or in the window's status bar without a tray."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.tray: QSystemTrayIcon | None = None
        self.shown: list[tuple[str, str]] = []
        if QSystemTrayIcon.isSystemTrayAvailable():
            icon = window.windowIcon()
            if icon.isNull():
                icon = window.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
            self.tray = QSystemTrayIcon(QIcon(icon), self)
            self.tray.show()

    def show(self, title: str, message: str) -> None:
        self.shown.append((title, message))
        if self.tray is not None and QSystemTrayIcon.supportsMessages():
            self.tray.showMessage(title, message, QSystemTrayIcon.MessageIcon.Warning, 10_000)
            return
        status = getattr(self.window, "statusBar", None)
        if status is not None:
            joined = message.replace("\n", QCoreApplication.translate("AlertWatcher", "；"))
            line = QCoreApplication.translate("AlertWatcher", "{title}：{message}")
            status().showMessage(line.format(title=title, message=joined), 15_000)
