"""管理员变更请求: the dual-control panel of the 用户管理 page.

Every administrator sees the requests about administrator accounts; the one the rules let decide
(``permissions.decision_refusal``) confirms or refuses with a reason, the requester follows the
status and may withdraw. When the viewer may not decide, the panel says why, in Chinese.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hotline_desk.domain.changes import USERS
from hotline_desk.gui.common.bus import subscribe
from hotline_desk.gui.common.widgets import fill_table, make_table
from hotline_desk.gui.common.words import fmt_dt, roles_text
from hotline_desk.gui.common.writes import write
from hotline_desk.services.admin import dual_control
from hotline_desk.services.admin.dual_control import AdminRequestInfo
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor


def describe(r: AdminRequestInfo) -> str:
    """The request in words: what is to happen to which account."""
    if r.kind == dual_control.CREATE:
        return QCoreApplication.translate("AdminRequests", "新建账号（角色：{roles}）").format(
            roles=roles_text(tuple(r.payload["roles"]))
        )
    if r.kind == dual_control.RESET:
        return QCoreApplication.translate("AdminRequests", "重置密码")
    if r.kind == dual_control.FACTOR:
        return QCoreApplication.translate("AdminRequests", "重置动态验证码")
    if r.kind == dual_control.PROFILE:
        return QCoreApplication.translate("AdminRequests", "姓名改为：{name}").format(
            name=r.payload.get("display_name", "")
        )
    if r.kind == dual_control.ACTIVE:
        if r.payload.get("active"):
            return QCoreApplication.translate("AdminRequests", "启用账号")
        return QCoreApplication.translate("AdminRequests", "停用账号")
    return QCoreApplication.translate("AdminRequests", "角色改为：{roles}").format(
        roles=roles_text(tuple(r.payload.get("roles", [])))
    )


def status_text(r: AdminRequestInfo) -> str:
    words = {
        "pending": QCoreApplication.translate("AdminRequests", "待确认"),
        "confirmed": QCoreApplication.translate("AdminRequests", "已确认"),
        "refused": QCoreApplication.translate("AdminRequests", "已拒绝"),
        "withdrawn": QCoreApplication.translate("AdminRequests", "已撤回"),
        "expired": QCoreApplication.translate("AdminRequests", "已过期"),
    }
    text = words.get(r.status, r.status)
    if r.decided_by_name and r.status in ("confirmed", "refused"):
        text += QCoreApplication.translate("AdminRequests", "（{name}）").format(
            name=r.decided_by_name
        )
    if r.note:
        text += QCoreApplication.translate("AdminRequests", "：{note}").format(note=r.note)
    return text


def announce_request(parent: QWidget, request: AdminRequestInfo) -> None:
    """Told after an action that became a request instead of a change."""
    QMessageBox.information(
        parent,
        QCoreApplication.translate("AdminRequests", "已提交请求"),
        QCoreApplication.translate("AdminRequests",
           "对管理员账号的变更须由另一名管理员确认（双人控制）。\n"
           "已提交请求（编号 {id}）：{what} — {user}\n确认前不会生效，{days}天内未处理将过期。")
        .format(id=request.id, what=describe(request), user=request.target_username,
                days=dual_control.REQUEST_DAYS),
    )  # fmt: skip


class RequestsPanel(QWidget):
    decided = Signal()

    def __init__(self, ctx: ServiceContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.actor = ctx, actor
        self.rows: list[AdminRequestInfo] = []
        headers = [self.tr("编号"), self.tr("事项"), self.tr("账号"), self.tr("请求人"),
                   self.tr("提出时间"), self.tr("状态")]  # fmt: skip
        self.table = make_table(headers)
        self.confirm_button = QPushButton(self.tr("确认"))
        self.refuse_button = QPushButton(self.tr("拒绝…"))
        self.withdraw_button = QPushButton(self.tr("撤回"))
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet("color: #8a4b00;")
        title = QLabel(self.tr("管理员变更请求（双人控制）"))
        title.setStyleSheet("font-weight: bold;")
        bar = QHBoxLayout()
        bar.addWidget(title, 1)
        for b in (self.confirm_button, self.refuse_button, self.withdraw_button):
            bar.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.reason)
        self.confirm_button.clicked.connect(self.confirm)
        self.refuse_button.clicked.connect(self.refuse)
        self.withdraw_button.clicked.connect(self.withdraw)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.refresh()
        subscribe(self, (USERS,), self.refresh)

    def refresh(self) -> None:
        chosen = self.current()
        self.rows = dual_control.list_requests(self.ctx, self.actor)
        fill_table(self.table, [
            [str(r.id), describe(r), f"{r.target_username} {r.target_display_name}".strip(),
             r.requested_by_name, fmt_dt(r.requested_at), status_text(r)]
            for r in self.rows
        ])  # fmt: skip
        ids = [r.id for r in self.rows]
        if chosen is not None and chosen.id in ids:
            self.table.selectRow(ids.index(chosen.id))
        self._selection_changed()

    def current(self) -> AdminRequestInfo | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def select_request(self, request_id: int) -> None:
        self.table.selectRow([r.id for r in self.rows].index(request_id))

    def _selection_changed(self) -> None:
        r = self.current()
        pending = r is not None and r.status == "pending"
        self.confirm_button.setEnabled(bool(r and r.can_decide))
        self.refuse_button.setEnabled(bool(r and r.can_decide))
        self.withdraw_button.setEnabled(
            bool(pending and r and r.requested_by == self.actor.user_id)
        )
        if r is None:
            self.reason.setText(self.tr("选择一条请求查看可否由您确认。"))
        elif r.can_decide:
            self.reason.setText(self.tr("您可以确认或拒绝这条请求。"))
        elif pending and r.requested_by == self.actor.user_id:
            self.reason.setText(self.tr("这是您提出的请求，须由另一名其他类别的管理员确认；"
                                        "确认前您可以撤回。"))  # fmt: skip
        else:
            self.reason.setText(r.why_not)

    def confirm(self) -> None:
        r = self.current()
        if r is None:
            return
        ctx, actor = self.ctx, self.actor
        written = write(self, ctx, lambda: dual_control.confirm_request(ctx, actor, r.id))
        if written is None:
            self.refresh()
            return
        decision = written.result
        text = self.tr("请求（编号 {id}）已确认并生效：{what} — {user}").format(
            id=r.id, what=describe(r), user=decision.request.target_username
        )
        if decision.temporary_password:
            text += self.tr(
                "\n临时密码：{password}\n请当面交给本人（不要转交请求人），首次登录须修改密码。"
            ).format(password=decision.temporary_password)
        if r.kind == dual_control.FACTOR:
            text += self.tr("\n其动态验证码和恢复码已失效，须由本人重新绑定。")
        QMessageBox.information(self, self.tr("已确认"), text)
        self.refresh()
        self.decided.emit()

    def ask_reason(self) -> tuple[str, bool]:
        return QInputDialog.getText(self, self.tr("拒绝请求"), self.tr("拒绝理由（告知请求人）："))

    def refuse(self) -> None:
        r = self.current()
        if r is None:
            return
        note, ok = self.ask_reason()
        if not ok:
            return
        write(self, self.ctx,
              lambda: dual_control.refuse_request(self.ctx, self.actor, r.id, note))  # fmt: skip
        self.refresh()

    def withdraw(self) -> None:
        r = self.current()
        if r is None:
            return
        write(self, self.ctx,
              lambda: dual_control.withdraw_request(self.ctx, self.actor, r.id))  # fmt: skip
        self.refresh()
