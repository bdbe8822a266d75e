"""The main window: who is logged in, left navigation, and the pages it leads to.

Pages appear only for the roles that can use them: 我的待办 (queues + list + detail), 全部办件
(case list + detail), 登记, 回访 (the desk), 答复模板, 用户管理, 审计日志. Pages other than the
case lists are built the first time they are shown, so the window opens without importing or
constructing what the user may never visit.

The session: after the office's idle minutes the lock screen covers the desk (``idle_lock``);
系统 › 锁定/注销/切换用户 end or pause it (注销 asks first when typed work would be lost), and
a session the services end (``SessionEnded``, shown once by ``gui.common.errors``) closes the
window too. ``signedOut`` tells ``app.py`` to show the login again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hotline_desk.domain.changes import EVERYTHING, ORG
from hotline_desk.domain.errors import DeskError
from hotline_desk.domain.permissions import Page, pages_for
from hotline_desk.gui.cases.detail import CaseDetailPanel
from hotline_desk.gui.cases.inbox_page import InboxPage
from hotline_desk.gui.cases.list_panel import CaseListPanel
from hotline_desk.gui.cases.workspace import CaseWorkspace
from hotline_desk.gui.common.bus import app_bus, subscribe
from hotline_desk.gui.common.errors import show_error
from hotline_desk.gui.common.fit import fit_nav_width
from hotline_desk.gui.common.tasks import TaskRunner
from hotline_desk.gui.common.words import label, roles_text
from hotline_desk.gui.shell.case_layout import CaseLayouts
from hotline_desk.gui.shell.help_window import HelpLanguageActions
from hotline_desk.gui.shell.menu_actions import MenuActions
from hotline_desk.gui.shell.notices import DeadlineNotices
from hotline_desk.gui.shell.page_factories import PageFactories
from hotline_desk.gui.shell.remote_changes import RemoteChanges
from hotline_desk.gui.shell.search_actions import SearchActions
from hotline_desk.gui.shell.session_actions import SessionActions
from hotline_desk.services.cases import catalog, read_model
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseDetail, KpiSelection
from hotline_desk.settings import Paths, Setting, Settings

if TYPE_CHECKING:
    from hotline_desk.gui.cases.register_page import RegisterPage
    from hotline_desk.gui.pages.board import BoardPage

GEOMETRY = Setting("ui/main_geometry", str, "", "main window geometry (base64)")


class MainWindow(
    SessionActions, MenuActions, HelpLanguageActions, SearchActions, PageFactories, QMainWindow
):
    restartRequested = Signal()
    """A restore replaced the database: the desk must start again (``app.run_gui``)."""
    signedOut = Signal(str)
    """The session is over and the login comes next: "logout" (注销), "switch" (切换用户,
    the name field empty) or "ended" (the services ended it)."""

    def __init__(self, ctx: ServiceContext, actor: Actor, paths: Paths | None = None,
                 database: str = "") -> None:  # fmt: skip
        super().__init__()
        self.ctx, self.actor, self.paths = ctx, actor, paths
        self.settings = Settings(paths.settings_file) if paths else None
        self.bus = app_bus()
        self.runner = TaskRunner(self)
        self.setWindowTitle(self.tr("市长热线 · 市长信箱 办件台"))
        self.topics = catalog.list_topics(ctx)
        self.units = catalog.list_org_units(ctx)
        subscribe(self, (ORG,), self._reload_catalogue)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}
        self._factories: dict[str, Callable[[], QWidget]] = {}
        self._has_case_list = Page.CASES in pages_for(actor.roles)
        self.inbox: InboxPage | None = None
        self.workspaces: list[CaseWorkspace] = []
        self.case_layouts = CaseLayouts(self, self.settings, actor.username)
        from hotline_desk.gui.printing.actions import PrintActions

        self.print_actions = PrintActions(self)
        self.boards: list[BoardPage] = []
        self.notices = DeadlineNotices(self, ctx, actor, self.runner, self._set_nav_text)
        self.calendar_banner, self.alert_label = self.notices.banner, self.notices.badge
        self.notifier, self.alerts = self.notices.notifier, self.notices.watcher
        from hotline_desk.gui.shell.audit_watch import AuditWatch

        # the audit chain's check at the start and daily; app.py starts it
        self.audit_watch = AuditWatch(
            ctx, actor, self.runner, lambda: self.show_page("audit"), self
        )
        self.last_export: object = None  # the running or last case export (tests look at it)
        self._build_header(database)  # the frame first: each page is made in place
        self._build_pages()
        self._build_menu()
        self.nav.currentRowChanged.connect(self._show_row)
        self.nav.setCurrentRow(0)
        width = fit_nav_width(self.nav)
        if self.saved_nav is not None:  # the column below the navigation: as wide, no wider
            self.saved_nav.setFixedWidth(width)
        self.statusBar().showMessage(self.tr("就绪"))
        self._restore_layout()
        self.notices.start(self.first_case_model())  # the alert check after the first page
        self.remote_changes = RemoteChanges(ctx, self)  # other desks' changes onto the bus
        from hotline_desk.gui.shell.backup_watch import AutoBackup
        from hotline_desk.services.backup.backups import desk_place

        self.desk_place = desk_place(ctx, paths.data_dir) if paths else None
        # the daily backup; app.py starts it once the window shows
        self.auto_backup = AutoBackup(self, ctx, actor, self.runner, self.desk_place)
        self.start_session()

    # --- construction ------------------------------------------------------------------
    def _add_page(self, key: str, title: str, widget: QWidget | Callable[[], QWidget]) -> None:
        """A navigation entry; a callable is a factory run when the page is first shown."""
        if isinstance(widget, QWidget):
            self.pages[key] = widget
            self.stack.addWidget(widget)
        else:
            self._factories[key] = widget
            self.stack.addWidget(QWidget())  # placeholder until first shown
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, key)
        self.nav.addItem(item)

    def page(self, key: str) -> QWidget | None:
        """The page's widget, built now if it has not been shown yet."""
        if key not in self.pages and key in self._factories:
            row = next(
                r for r in range(self.nav.count())
                if self.nav.item(r).data(Qt.ItemDataRole.UserRole) == key
            )  # fmt: skip
            widget = self._factories.pop(key)()
            placeholder = self.stack.widget(row)
            self.stack.insertWidget(row, widget)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self.pages[key] = widget
        return self.pages.get(key)

    def _show_row(self, row: int) -> None:
        if row >= 0:
            self.page(self.nav.item(row).data(Qt.ItemDataRole.UserRole))
        self.stack.setCurrentIndex(row)

    @property
    def register_page(self) -> RegisterPage | None:
        return self.page("register")  # type: ignore[return-value]

    @property
    def splitter(self) -> CaseWorkspace | None:
        """The 全部办件 workspace (built on first use)."""
        return self.page("cases") if self._has_case_list else None  # type: ignore[return-value]

    @property
    def case_panel(self) -> CaseListPanel | None:
        workspace = self.splitter
        return workspace.panel if workspace is not None else None

    @property
    def detail(self) -> CaseDetailPanel | None:
        workspace = self.splitter
        return workspace.detail if workspace is not None else None

    def _wire_workspace(self, workspace: CaseWorkspace) -> None:
        self.workspaces.append(workspace)
        inbox = self.inbox is not None and workspace is self.inbox.workspace
        self.case_layouts.attach("inbox" if inbox else "cases", workspace)
        workspace.caseActivated.connect(lambda case_id: self.open_case(case_id, workspace))
        workspace.panel.export_button.clicked.connect(lambda: self.export_cases(workspace))
        workspace.panel.caseNumberEntered.connect(self.open_case_no)
        workspace.panel.advanced_button.clicked.connect(lambda: self.advanced_search(workspace))
        workspace.printRequested.connect(lambda case: self.print_actions.preview_case(case.id))
        workspace.caseLinkActivated.connect(lambda cid: self.open_case(cid, workspace))
        workspace.actionRequested.connect(
            lambda action, case: self.run_case_action(action, case, workspace)
        )

    def _show_inbox_badge(self, waiting: int) -> None:
        title = self.tr("我的待办")
        tip = self.tr("我的待办中的办件数：同一办件出现在几个分类中（如“被退回”的也在“办理中”）"
                      "只计一次。")  # fmt: skip
        self._set_nav_text("inbox", f"{title} ({waiting})" if waiting else title, tip)

    def open_kpi_cases(self, selection: KpiSelection) -> None:
        """全部办件, limited to the cases behind a statistics figure."""
        panel = self.case_panel
        if panel is not None:
            self.show_page("cases")
            panel.set_kpi(selection)

    def export_cases(self, workspace: CaseWorkspace) -> None:
        from hotline_desk.gui.cases.export_dialog import run_case_export

        folder = self._folder()
        panel = workspace.panel
        self.last_export = run_case_export(
            self,
            self.ctx,
            self.actor,
            self.runner,
            panel.current_filter(),
            workspace.model.total,
            folder,
        )

    def _build_header(self, database: str) -> None:
        title = QLabel(self.tr("市长热线 · 市长信箱 办件台"))
        title.setObjectName("appTitle")
        actor = self.actor
        if actor.org_unit_name:
            user = self.tr("{name}（{unit}）").format(
                name=actor.display_name, unit=actor.org_unit_name
            )
        else:
            user = actor.display_name
        self.user_label = QLabel(
            self.tr("当前用户：{user}  角色：{roles}").format(
                user=user, roles=roles_text(actor.roles)
            )
        )
        self.user_label.setObjectName("userLabel")
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.alert_label)
        header.addSpacing(12)
        header.addWidget(self.user_label)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()
        left.addWidget(self.nav, 3)
        self.saved_nav = self._saved_search_nav()
        if self.saved_nav is not None:
            left.addWidget(self.saved_nav, 1)
        body.addLayout(left)
        body.addWidget(self.stack, 1)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 4, 6, 0)
        layout.addLayout(header)
        layout.addWidget(self.calendar_banner)
        layout.addWidget(self.audit_watch.banner)
        layout.addLayout(body, 1)
        self.setCentralWidget(central)
        if database:
            db_label = QLabel(self.tr("数据库：{database}").format(database=database))
            db_label.setStyleSheet("color: gray;")
            self.statusBar().addPermanentWidget(db_label)

    def _action(self, menu, text: str, slot, shortcut: str | None = None) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menu(self) -> None:
        case_menu = self.menuBar().addMenu(self.tr("办件(&C)"))
        if Page.REGISTER in pages_for(self.actor.roles):
            self._action(case_menu, self.tr("登记新办件"), self.new_case, "Ctrl+N")
            self._action(case_menu, self.tr("导入平台工单…"), self.import_platform)
            self._action(case_menu, self.tr("导出办理结果…"), self.export_results)
        if self._has_case_list:
            self._action(case_menu, self.tr("查找办件"), self.focus_search, "Ctrl+F")
            self._action(case_menu, self.tr("刷新列表"), self.refresh_cases, "F5")
            self.print_actions.add_to(case_menu)
        account = self.menuBar().addMenu(self.tr("系统(&S)"))
        self._action(account, self.tr("修改密码…"), self.change_password)
        self._action(account, self.tr("双因素认证…"), self.second_factor)
        self._action(account, self.tr("锁定"), self.lock, "Ctrl+L")
        self._action(account, self.tr("注销"), lambda: self.sign_out("logout"))
        self._action(account, self.tr("切换用户…"), lambda: self.sign_out("switch"))
        if self.paths is not None:
            self._action(account, self.tr("数据库设置…"), self.connection_settings)
        self._add_language_menu(account)
        if self.actor.has("sys_admin"):
            self._action(account, self.tr("首次设置向导…"), lambda: self.setup_assistant(True))
        account.addSeparator()
        self._action(account, self.tr("退出"), self.close, "Ctrl+Q")
        if self._has_case_list or self.inbox is not None:
            view = self.menuBar().addMenu(self.tr("视图(&V)"))
            view.addAction(self.case_layouts.toggle)
        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        self._add_help_entry(help_menu)
        self._action(help_menu, self.tr("关于"), self.about)

    # --- actions --------------------------------------------------------------------------
    def show_page(self, key: str) -> None:
        for row in range(self.nav.count()):
            if self.nav.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.nav.setCurrentRow(row)

    def new_case(self) -> None:
        page = self.register_page
        if page is not None:
            self.show_page("register")
            page.form.channel.setFocus()

    def focus_search(self) -> None:
        panel = self.case_panel
        if panel is not None:
            self.show_page("cases")
            panel.search.setFocus()
            panel.search.selectAll()

    def refresh_cases(self) -> None:
        """F5: every view reloads, as if everything had changed."""
        self.bus.announce(EVERYTHING, self)

    def open_case(self, case_id: int, workspace: CaseWorkspace | None = None) -> None:
        detail = workspace.detail if workspace is not None else self.detail
        if detail is None:
            return
        try:
            case = read_model.get_case(self.ctx, self.actor, case_id)
        except DeskError as exc:
            show_error(self, exc)
            return
        detail.show_case(case)

    def run_case_action(self, action: str, case: CaseDetail, workspace: CaseWorkspace) -> None:
        """One lifecycle action through its dialog; every view refreshes itself from the bus. The
        dialog belongs to the detail pane that asked for it, so that pane shows the result here
        instead of reloading it a second time."""
        from hotline_desk.gui.actions.registry import run_action

        result = run_action(workspace.detail, self.ctx, self.actor, case, action, self.topics,
                            self.units)  # fmt: skip
        if result is None:
            self.open_case(case.id, workspace)  # show what is there now (it may have changed)
            return
        workspace.detail.show_case(result)
        self.statusBar().showMessage(
            self.tr("已保存：{case_no} 现为“{status}”").format(
                case_no=result.case_no, status=label("status", result.status)
            ),
            8000,
        )

    def show_case(self, case_id: int) -> None:
        """Open a case in 全部办件 (e.g. a duplicate candidate of the registration form)."""
        if self.splitter is not None:
            self.show_page("cases")
            self.open_case(case_id)

    def open_case_no(self, case_no: str) -> None:
        try:
            case_id = read_model.find_case_id(self.ctx, self.actor, case_no)
        except DeskError as exc:
            show_error(self, exc)
            return
        if case_id is None:
            self.statusBar().showMessage(
                self.tr("未找到办件 {case_no}").format(case_no=case_no), 5000
            )
            return
        self.show_page("cases")
        self.open_case(case_id)

    def _on_registered(self, detail: CaseDetail) -> None:
        saved = self.tr("已保存：{case_no}").format(case_no=detail.case_no)
        self.statusBar().showMessage(saved, 8000)

    def _set_nav_text(self, key: str, text: str, tip: str = "") -> None:
        for row in range(self.nav.count()):
            item = self.nav.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == key:
                item.setText(text)
                item.setToolTip(tip)

    # --- layout memory ------------------------------------------------------------------------
    def _restore_layout(self) -> None:
        self.resize(1366, 740)
        if self.settings is None:
            return
        geometry = self.settings.get(GEOMETRY)
        if geometry:
            self.restoreGeometry(QByteArray.fromBase64(geometry.encode()))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self._drop_lock()  # a window that goes also lets go of its lock screen
        if self.settings is not None:
            self.settings.set(GEOMETRY, bytes(self.saveGeometry().toBase64().data()).decode())
        self.case_layouts.save()
        self.release_database(3000)
        super().closeEvent(event)

    def release_database(self, wait_ms: int = 60_000) -> None:
        """Start no more background work (periodic recounts and checks, the daily backup) and
        let what is running finish: before the window closes, or a restore replaces the
        database under it."""
        for timer in self.findChildren(QTimer):
            timer.stop()
        self.notices.stop()  # and what news of changed cases would start again
        if self.inbox is not None:
            self.inbox.stop()
        self.idle.stop()
        self.auto_backup.stop()
        self.remote_changes.stop()
        self.runner.wait(wait_ms)
