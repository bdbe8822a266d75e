"""The main window's pages: which pages a user gets (``domain.permissions.pages_for``), their
titles, and the factories that build each page the first time it is shown and wire it to the
window (open a case, run an action, print, export). ``MainWindow`` inherits them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QWidget

from hotline_desk.domain.permissions import Page, pages_for
from hotline_desk.gui.cases.inbox_page import InboxPage
from hotline_desk.gui.cases.workspace import CaseWorkspace
from hotline_desk.services.cases import catalog, queues

if TYPE_CHECKING:
    from hotline_desk.gui.cases.model import CaseTableModel
    from hotline_desk.gui.shell.main_window import MainWindow


class PageFactories:
    """The page-building half of ``MainWindow``."""

    def _reload_catalogue(self: MainWindow) -> None:
        """组织机构 or 派单目录 changed (here or on another desk): the lists the pages share
        take the new contents in place, so the next routing or registration form offers them."""
        self.topics[:] = catalog.list_topics(self.ctx)
        self.units[:] = catalog.list_org_units(self.ctx)

    def _make_register_page(self: MainWindow) -> QWidget:
        from hotline_desk.gui.cases.register_page import RegisterPage

        page = RegisterPage(self.ctx, self.actor, self.topics, self.runner)
        page.registered.connect(self._on_registered)
        page.duplicates.openRequested.connect(self.show_case)
        return page

    def _make_callback_page(self: MainWindow) -> QWidget:
        from hotline_desk.gui.pages.callbacks import CallbackPage

        page = CallbackPage(self.ctx, self.actor, self.runner)
        page.detail.actionRequested.connect(
            lambda action, case: self.run_case_action(action, case, page)  # type: ignore[arg-type]
        )
        page.detail.caseLinkActivated.connect(page.open_case)
        self.case_layouts.attach("callbacks", page.split)
        return page

    def _make_cases_page(self: MainWindow) -> QWidget:
        workspace = CaseWorkspace(self.ctx, self.actor, self.runner, self.topics, self.units)
        self._wire_workspace(workspace)
        workspace.start()
        return workspace

    def _make_templates_page(self: MainWindow) -> QWidget:
        from hotline_desk.gui.pages.templates import TemplatePage

        return TemplatePage(self.ctx, self.actor)

    def _make_board_page(self: MainWindow) -> QWidget:
        from hotline_desk.gui.pages.board import BoardPage

        page = BoardPage(self.ctx, self.actor, self.runner, self.units)
        page.caseActivated.connect(lambda case_id: self.open_case(case_id, page))  # type: ignore[arg-type]
        page.actionRequested.connect(  # the detail's, once made (after the first paint)
            lambda action, case: self.run_case_action(action, case, page)  # type: ignore[arg-type]
        )
        self.boards.append(page)
        self.case_layouts.attach("board", page.split)
        page.start()
        return page

    def _make_calendar_page(self: MainWindow) -> QWidget:
        from hotline_desk.gui.pages.calendar import CalendarPage

        return CalendarPage(self.ctx, self.actor)

    def _make_limits_page(self: MainWindow) -> QWidget:
        from hotline_desk.gui.pages.limits import LimitsPage

        return LimitsPage(self.ctx, self.actor, self.runner)

    def _make_users_page(self: MainWindow) -> QWidget:
        from hotline_desk.gui.pages.users import UsersPage

        return UsersPage(self.ctx, self.actor, self.units)

    def _make_org_page(self: MainWindow) -> QWidget:
        from hotline_desk.gui.pages.org_units import OrgUnitsPage

        return OrgUnitsPage(self.ctx, self.actor)

    def _make_topics_page(self: MainWindow) -> QWidget:
        from hotline_desk.gui.pages.topics import TopicsPage

        return TopicsPage(self.ctx, self.actor)

    def _make_office_page(self: MainWindow) -> QWidget:
        from hotline_desk.gui.pages.office import OfficeSettingsPage

        return OfficeSettingsPage(self.ctx, self.actor)

    def _make_backup_page(self: MainWindow) -> QWidget:
        from hotline_desk.gui.pages.backup import BackupPage

        page = BackupPage(self.ctx, self.actor, self.runner, self.desk_place,
                          self.release_database)  # fmt: skip
        page.restartRequested.connect(self.restartRequested)
        return page

    def _make_stats_page(self: MainWindow) -> QWidget:
        from hotline_desk.gui.pages.stats import StatsPage

        page = StatsPage(self.ctx, self.actor, self.runner)
        page.kpiRequested.connect(self.open_kpi_cases)
        page.refresh()
        return page

    def _make_audit_page(self: MainWindow) -> QWidget:
        from hotline_desk.gui.pages.audit import AuditPage

        return AuditPage(self.ctx, self.actor, self.runner,
                         self.paths.exports if self.paths is not None else None)  # fmt: skip

    def _build_pages(self: MainWindow) -> None:
        titles = {
            Page.INBOX: QCoreApplication.translate("MainWindow", "我的待办"),
            Page.CASES: QCoreApplication.translate("MainWindow", "全部办件"),
            Page.REGISTER: QCoreApplication.translate("MainWindow", "登记"),
            Page.BOARD: QCoreApplication.translate("MainWindow", "督办台"),
            Page.CALLBACKS: QCoreApplication.translate("MainWindow", "回访"),
            Page.STATS: QCoreApplication.translate("MainWindow", "统计"),
            Page.TEMPLATES: QCoreApplication.translate("MainWindow", "答复模板"),
            Page.OFFICE: QCoreApplication.translate("MainWindow", "单位设置"),
            Page.ORG: QCoreApplication.translate("MainWindow", "组织机构"),
            Page.TOPICS: QCoreApplication.translate("MainWindow", "派单目录"),
            Page.CALENDAR: QCoreApplication.translate("MainWindow", "工作日历"),
            Page.LIMITS: QCoreApplication.translate("MainWindow", "时限设置"),
            Page.BACKUP: QCoreApplication.translate("MainWindow", "备份与恢复"),
            Page.USERS: QCoreApplication.translate("MainWindow", "用户管理"),
            Page.AUDIT: QCoreApplication.translate("MainWindow", "审计日志"),
        }
        factories: dict[Page, Callable[[], QWidget]] = {
            Page.CASES: self._make_cases_page, Page.REGISTER: self._make_register_page,
            Page.BOARD: self._make_board_page, Page.CALLBACKS: self._make_callback_page,
            Page.STATS: self._make_stats_page, Page.TEMPLATES: self._make_templates_page,
            Page.OFFICE: self._make_office_page, Page.CALENDAR: self._make_calendar_page,
            Page.ORG: self._make_org_page, Page.TOPICS: self._make_topics_page,
            Page.LIMITS: self._make_limits_page, Page.USERS: self._make_users_page,
            Page.AUDIT: self._make_audit_page, Page.BACKUP: self._make_backup_page,
        }  # fmt: skip
        for page in pages_for(self.actor.roles):
            if page == Page.INBOX:
                if queues.queues_for(self.actor):  # made in place (a built page moved into
                    # the window is walked against the style sheet again: ~20 ms at the start)
                    self.inbox = InboxPage(self.ctx, self.actor, self.runner, self.topics,
                                           self.units, self.stack)  # fmt: skip
                    self._wire_workspace(self.inbox.workspace)
                    self.inbox.countsChanged.connect(self._show_inbox_badge)
                    self._add_page(page, titles[page], self.inbox)
            elif self.nav.count() == 0:
                self._add_page(page, titles[page], factories[page]())  # the first page: now
            else:
                self._add_page(page, titles[page], factories[page])  # on first use
        if self.nav.count() == 0:
            empty = QLabel(
                QCoreApplication.translate(
                    "MainWindow", "您的账号尚未分配可用的角色，请联系系统管理员。"
                )
            )
            empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self._add_page("none", QCoreApplication.translate("MainWindow", "提示"), empty)

    def first_case_model(self: MainWindow) -> CaseTableModel | None:
        """The case list on the page the window opens with (我的待办's, or 全部办件's), if any:
        its first page is what the user waits for at the start."""
        first = self.stack.currentWidget()
        workspace = first.workspace if isinstance(first, InboxPage) else first
        return workspace.model if isinstance(workspace, CaseWorkspace) else None
