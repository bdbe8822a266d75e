"""审计日志 for the 审计管理员: the log filtered by time, user, action and case, in words (who
by name, what in Chinese), 500 rows at a time; 导出XLSX of everything the filter matches; and
校验审计链, run off the GUI thread (the whole chain is recomputed). Every query is an audited
read (``services.audit_query``)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hotline_desk.domain.audit_names import ACTION_NAMES
from hotline_desk.domain.errors import DeskError
from hotline_desk.gui.common.errors import error_text, show_error
from hotline_desk.gui.common.tasks import TaskRunner
from hotline_desk.gui.common.widgets import ChoiceCombo, OptionalDateEdit, make_table
from hotline_desk.gui.pages.audit_export import AuditExport, ask_export_path
from hotline_desk.services import audit, audit_query
from hotline_desk.services.audit import ChainCheck
from hotline_desk.services.audit_query import AuditFilter, AuditRow
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor

WIDTHS = (64, 140, 150, 150, 84, 150)  # the last column (详情) takes the rest
OK_STYLE = "color: #2e7d32;"
BAD_STYLE = "color: #c62828; font-weight: bold;"


class AuditPage(QWidget):
    """审计日志: filters, the rows, 显示更多, 导出XLSX and 校验审计链."""

    def __init__(self, ctx: ServiceContext, actor: Actor, runner: TaskRunner,
                 export_folder: Path | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.ctx, self.actor, self.runner = ctx, actor, runner
        self.export_folder = export_folder or Path.home()
        self.last_export: AuditExport | None = None
        self.last_check: ChainCheck | None = None
        self._filter = AuditFilter()
        self._rows: list[AuditRow] = []
        self._checking = False
        self._build()
        self.refresh()

    def _build(self) -> None:
        self.since, self.upto = OptionalDateEdit(), OptionalDateEdit()
        users: list[tuple[int | str, str]] = [
            (u.id, u.label) for u in audit_query.audit_users(self.ctx, self.actor)
        ]
        users.append(("system", self.tr("系统（自动任务）")))  # rows the desk wrote itself
        self.user = ChoiceCombo(users, self.tr("全部用户"))
        self.user.setMinimumContentsLength(10)
        actions = sorted(ACTION_NAMES.items(), key=lambda kv: kv[0])
        self.action = ChoiceCombo([(code, name) for code, name in actions], self.tr("全部操作"))
        self.action.setMinimumContentsLength(10)
        self.action.setMaxVisibleItems(20)
        self.case_no = QLineEdit()
        self.case_no.setPlaceholderText(self.tr("办件编号"))
        self.case_no.setMinimumWidth(170)
        self.case_no.setMaximumWidth(190)
        self.case_no.returnPressed.connect(self.search)
        self.search_button = QPushButton(self.tr("查询"))
        self.search_button.setDefault(True)
        self.clear_button = QPushButton(self.tr("清除条件"))
        filters = QHBoxLayout()
        for text, widget in ((self.tr("起"), self.since), (self.tr("止"), self.upto),
                             (self.tr("用户"), self.user), (self.tr("操作"), self.action),
                             (self.tr("办件"), self.case_no)):  # fmt: skip
            filters.addWidget(QLabel(text))
            filters.addWidget(widget)
        filters.addWidget(self.search_button)
        filters.addWidget(self.clear_button)
        filters.addStretch(1)
        title = QLabel(self.tr("审计日志"))
        title.setObjectName("pageTitle")
        self.count = QLabel()
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.export_button = QPushButton(self.tr("导出XLSX"))
        self.verify_button = QPushButton(self.tr("校验审计链"))
        bar = QHBoxLayout()
        bar.addWidget(title)
        bar.addWidget(self.count)
        bar.addWidget(self.result, 1)
        bar.addWidget(self.export_button)
        bar.addWidget(self.verify_button)
        self.table = make_table([self.tr("序号"), self.tr("时间"), self.tr("用户"),
                                 self.tr("操作"), self.tr("对象"), self.tr("对象编号"),
                                 self.tr("详情")])  # fmt: skip
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate(WIDTHS):
            self.table.setColumnWidth(col, width)
        header.setStretchLastSection(True)
        self.table.setWordWrap(False)
        self.more_button = QPushButton(self.tr("显示更多"))
        self.error = QLabel()
        self.error.setStyleSheet(BAD_STYLE)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(filters)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.more_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.search_button.clicked.connect(self.search)
        self.clear_button.clicked.connect(self.clear)
        self.more_button.clicked.connect(self.more)
        self.export_button.clicked.connect(self.export)
        self.verify_button.clicked.connect(self.verify)

    # --- the rows ---------------------------------------------------------------------------
    def current_filter(self) -> AuditFilter:
        since, upto, user = self.since.value(), self.upto.value(), self.user.value()
        return AuditFilter(
            since=datetime.combine(since, time.min) if since else None,
            upto=datetime.combine(upto + timedelta(days=1), time.min) - timedelta(seconds=1)
            if upto
            else None,
            user_id=user if isinstance(user, int) else None,
            username=user if isinstance(user, str) else "",
            action=self.action.value() or "",
            case_no=self.case_no.text().strip(),
        )

    def search(self) -> None:
        """查询: the newest rows of the filter (one audited read)."""
        self._filter = self.current_filter()
        self._rows = []
        self._load(None)

    def refresh(self) -> None:
        self._rows = []
        self._load(None)

    def clear(self) -> None:
        self.since.clear_value()
        self.upto.clear_value()
        self.user.set_value(None)
        self.action.set_value(None)
        self.case_no.clear()
        self.search()

    def more(self) -> None:
        if self._rows:
            self._load(self._rows[-1].id)

    def _load(self, before_id: int | None) -> None:
        try:
            page = audit_query.search_audit(self.ctx, self.actor, self._filter,
                                            before_id=before_id)  # fmt: skip
        except DeskError as exc:
            self.error.setText(error_text(exc))
            self.error.show()
            return
        self.error.hide()
        start = len(self._rows)
        self._rows.extend(page.rows)
        self.table.setRowCount(len(self._rows))
        for r, row in enumerate(page.rows, start):
            values = [str(row.id), f"{row.at:%Y-%m-%d %H:%M:%S}", row.user, row.action_name,
                      row.object_name, row.object_ref, row.detail]  # fmt: skip
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c == 6 and value:
                    item.setToolTip(value)
                self.table.setItem(r, c, item)
        if start == 0:
            self.table.scrollToTop()
        self.count.setText(
            self.tr("共 {total} 条，已显示 {shown} 条").format(
                total=f"{page.total:,}", shown=f"{len(self._rows):,}"
            )
        )
        self.more_button.setVisible(page.more)

    # --- export and check -------------------------------------------------------------------
    def export(self) -> None:
        path = ask_export_path(self, self.export_folder)
        if path is not None:
            self.last_export = AuditExport(self, self.ctx, self.actor, self.runner,
                                           self._filter, path)  # fmt: skip

    def verify(self) -> None:
        """校验审计链 in the background: every row's hash is recomputed."""
        if self._checking:
            return
        self._checking = True
        self.verify_button.setEnabled(False)
        self.result.setStyleSheet("")
        self.result.setText(self.tr("正在校验审计链…"))
        ctx, actor = self.ctx, self.actor
        self.runner.run(lambda: audit.check_audit_chain(ctx, actor), self._checked,
                        self._check_failed)  # fmt: skip

    def _checked(self, check: ChainCheck) -> None:
        self._checking = False
        self.last_check = check
        self.verify_button.setEnabled(True)
        self.result.setText(chain_text(check))
        self.result.setStyleSheet(OK_STYLE if check.ok else BAD_STYLE)

    def _check_failed(self, exc: BaseException) -> None:
        self._checking = False
        self.verify_button.setEnabled(True)
        self.result.setText("")
        show_error(self, exc)


def chain_text(check: ChainCheck) -> str:
    """The result of a chain check in words (the page and the main window's banner)."""
    if check.ok:
        return QCoreApplication.translate("AuditChain", "审计链完整：{rows} 条记录校验通过").format(
            rows=f"{check.rows:,}"
        )
    if check.first_bad_id == -1:
        return QCoreApplication.translate(
            "AuditChain", "审计链被篡改：链头与最后一条记录不符（末尾记录可能被删除）"
        )
    return QCoreApplication.translate(
        "AuditChain", "审计链被篡改：第 {row_id} 条记录校验失败（该条或其后记录被修改或删除）"
    ).format(row_id=check.first_bad_id)
