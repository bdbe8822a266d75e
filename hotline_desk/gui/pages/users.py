"""用户管理: accounts for the system and security administrators, and the dual-control requests
about administrator accounts for all three administrators (三员分立)."""

from __future__ import annotations

from PySide6.QtWidgets import (
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
    QVBoxLayout,
    QWidget,
)

from hotline_desk.domain.changes import ORG, USERS
from hotline_desk.domain.enums.org import Role
from hotline_desk.domain.permissions import (
    SECOND_FACTOR_RESET_ROLES,
    USER_ADMIN_ROLES,
    has_any,
)
from hotline_desk.gui.common.bus import subscribe
from hotline_desk.gui.common.fit import fit_to_screen
from hotline_desk.gui.common.forms import FormDialog
from hotline_desk.gui.common.widgets import ChoiceCombo, ErrorLabel, fill_table, make_table
from hotline_desk.gui.common.words import fmt_dt, label, roles_text
from hotline_desk.gui.common.writes import into_labels, write
from hotline_desk.gui.pages.admin_requests import RequestsPanel, announce_request
from hotline_desk.services.admin import users
from hotline_desk.services.admin.dual_control import AdminRequestInfo
from hotline_desk.services.cases import catalog
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, OrgUnitInfo, UserInfo


class NewUserDialog(QDialog):
    """新建用户: roles offered are the ones the acting administrator may grant."""

    def __init__(self, ctx: ServiceContext, actor: Actor, units: list[OrgUnitInfo],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(self.tr("新建用户"))
        self.ctx, self.actor = ctx, actor
        self.created: tuple[UserInfo, str] | AdminRequestInfo | None = None
        self.username = QLineEdit()
        self.display_name = QLineEdit()
        self.unit = ChoiceCombo([(u.id, u.name) for u in units], self.tr("（不属于任何部门）"))
        self.role_boxes = {
            r: QCheckBox(label("role", r)) for r in users.grantable_roles(ctx, actor)
        }
        self.errors = {
            k: ErrorLabel() for k in ("username", "display_name", "org_unit_id", "roles")
        }
        roles = QGridLayout()
        for i, box in enumerate(self.role_boxes.values()):
            roles.addWidget(box, i // 3, i % 3)
        form = QFormLayout()
        form.addRow(self.tr("用户名 *"), self.username)
        form.addRow("", self.errors["username"])
        form.addRow(self.tr("姓名 *"), self.display_name)
        form.addRow("", self.errors["display_name"])
        form.addRow(self.tr("所属部门"), self.unit)
        form.addRow("", self.errors["org_unit_id"])
        form.addRow(self.tr("角色 *"), roles)
        form.addRow("", self.errors["roles"])
        hint = QLabel(self.tr("业务账号建立后不设密码，由安全管理员发放初始密码。"
                              "管理员角色须单独授予；除新库首次设立外，新建管理员账号只提交请求，"
                              "由另一名其他类别的管理员确认后才建立。"))  # fmt: skip
        hint.setWordWrap(True)
        hint.setStyleSheet("color: gray;")
        form.addRow("", hint)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("创建"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def save(self) -> None:
        data = users.UserInput(
            username=self.username.text(),
            display_name=self.display_name.text(),
            org_unit_id=self.unit.value(),
            roles=tuple(r for r, box in self.role_boxes.items() if box.isChecked()),
        )
        written = write(self, self.ctx, lambda: users.create_user(self.ctx, self.actor, data),
                        field_errors=into_labels(self.errors, fallback="roles"))  # fmt: skip
        if written is not None:
            self.created = written.result
            self.accept()


class RolesDialog(QDialog):
    """变更角色: an administrator role is held alone; the service decides whether the change is
    made now (business roles, system administrator) or becomes a request (dual control)."""

    def __init__(self, ctx: ServiceContext, actor: Actor, user: UserInfo,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(self.tr("变更角色 — {username}").format(username=user.username))
        self.ctx, self.actor, self.user = ctx, actor, user
        self.result_value: UserInfo | AdminRequestInfo | None = None
        self.role_boxes = {r.value: QCheckBox(label(r)) for r in Role}
        for role, box in self.role_boxes.items():
            box.setChecked(role in user.roles)
        self.error = ErrorLabel()
        grid = QGridLayout()
        for i, box in enumerate(self.role_boxes.values()):
            grid.addWidget(box, i // 3, i % 3)
        hint = QLabel(self.tr("管理员角色只能单独持有，不能与业务角色兼任；涉及管理员角色的变更"
                              "须由另一名管理员确认后生效。"))  # fmt: skip
        hint.setWordWrap(True)
        hint.setStyleSheet("color: gray;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.error)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def save(self) -> None:
        roles = tuple(r for r, box in self.role_boxes.items() if box.isChecked())
        written = write(
            self, self.ctx, lambda: users.set_roles(self.ctx, self.actor, self.user.id, roles),
            field_errors=into_labels({"roles": self.error}, fallback="roles"),
        )  # fmt: skip
        if written is not None:
            self.result_value = written.result
            self.accept()


class EditUserDialog(FormDialog):
    """修改信息: a user's name and section (所属部门); for an administrator account the service
    files a request a second administrator confirms (dual control)."""

    def __init__(self, ctx: ServiceContext, actor: Actor, user: UserInfo,
                 units: list[OrgUnitInfo], parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(self.tr("保存"), parent)
        self.ctx, self.actor, self.user = ctx, actor, user
        self.setWindowTitle(self.tr("修改用户信息 — {username}").format(username=user.username))
        self.display_name = QLineEdit(user.display_name)
        self.unit = ChoiceCombo([(u.id, u.name) for u in units], self.tr("（不属于任何部门）"))
        if user.org_unit_id is not None and self.unit.findData(user.org_unit_id) < 0:
            self.unit.addItem(user.org_unit_name, user.org_unit_id)  # a unit stopped since
        self.unit.set_value(user.org_unit_id)
        self.add_field(self.tr("姓名 *"), "display_name", self.display_name)
        self.add_field(self.tr("所属部门"), "org_unit_id", self.unit)
        hint = QLabel(self.tr("改变所属部门后，该用户须重新登录。管理员账号的修改须由另一名"
                              "管理员确认后生效。角色请用“变更角色…”。"))  # fmt: skip
        hint.setWordWrap(True)
        hint.setStyleSheet("color: gray;")
        self.add_note(hint)
        fit_to_screen(self, 460, 0)

    def perform(self) -> UserInfo | AdminRequestInfo:
        data = users.ProfileInput(self.display_name.text(), self.unit.value())
        return users.update_user(self.ctx, self.actor, self.user.id, data)


class UsersPage(QWidget):
    """The accounts (system and security administrators) and, below, the dual-control requests
    (every administrator; the audit administrator sees only these)."""

    def __init__(self, ctx: ServiceContext, actor: Actor, units: list[OrgUnitInfo],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.ctx, self.actor, self.units = ctx, actor, units
        self.rows: list[UserInfo] = []
        self.manages = has_any(actor.roles, USER_ADMIN_ROLES)
        headers = [self.tr("用户名"), self.tr("姓名"), self.tr("部门"), self.tr("角色"),
                   self.tr("状态"), self.tr("最近登录")]  # fmt: skip
        self.table = make_table(headers)
        self.new_button = QPushButton(self.tr("新建用户…"))
        self.edit_button = QPushButton(self.tr("修改信息…"))
        self.roles_button = QPushButton(self.tr("变更角色…"))
        self.reset_button = QPushButton(self.tr("发放/重置密码"))
        self.toggle_button = QPushButton(self.tr("停用/启用"))
        self.factor_button = QPushButton(self.tr("重置动态验证码"))
        title = QLabel(self.tr("用户管理"))
        title.setObjectName("pageTitle")
        bar = QHBoxLayout()
        bar.addWidget(title, 1)
        buttons = (self.new_button, self.edit_button, self.roles_button, self.reset_button,
                   self.toggle_button, self.factor_button)  # fmt: skip
        for b in buttons:
            bar.addWidget(b)
            b.setVisible(self.manages)
        self.factor_button.setVisible(has_any(actor.roles, SECOND_FACTOR_RESET_ROLES))
        self.table.setVisible(self.manages)
        self.requests = RequestsPanel(ctx, actor)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.requests, 2)
        self.new_button.clicked.connect(self.new_user)
        self.edit_button.clicked.connect(self.edit_user)
        self.roles_button.clicked.connect(self.change_roles)
        self.reset_button.clicked.connect(self.reset_password)
        self.toggle_button.clicked.connect(self.toggle_active)
        self.factor_button.clicked.connect(self.reset_second_factor)
        self.requests.decided.connect(self.refresh)
        self.refresh()
        subscribe(self, (USERS, ORG), self.refresh)

    def refresh(self) -> None:
        if not self.manages:
            return
        self.rows = users.list_users(self.ctx, self.actor)
        fill_table(self.table, [
            [u.username, u.display_name, u.org_unit_name, roles_text(u.roles),
             self._status_text(u),
             fmt_dt(u.last_login_at)]
            for u in self.rows
        ])  # fmt: skip

    def _status_text(self, user: UserInfo) -> str:
        if not user.active:
            text = self.tr("已停用")
        else:
            text = self.tr("已锁定") if user.locked else self.tr("正常")
        if not user.has_password:
            return text + self.tr("（未发放密码）")
        return text + (self.tr("（待改密）") if user.must_change_password else "")

    def _selected(self) -> UserInfo | None:
        row = self.table.currentRow()
        if row < 0:
            QMessageBox.information(self, self.tr("用户管理"), self.tr("请先选择一个用户"))
            return None
        return self.rows[row]

    def _requested(self, result: object) -> bool:
        """An action on an administrator account became a request: say so, show it."""
        if not isinstance(result, AdminRequestInfo):
            return False
        self.requests.refresh()
        self.requests.select_request(result.id)
        announce_request(self, result)
        return True

    def new_user(self) -> None:
        dialog = NewUserDialog(self.ctx, self.actor, self.units, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.created:
            return
        if self._requested(dialog.created):
            return
        info, password = dialog.created  # type: ignore[misc]
        if password is None:  # a business account: the security administrator issues it one
            message = self.tr("用户 {username} 已创建。\n账号已建立，请由安全管理员发放初始密码。")
            message = message.format(username=info.username)
        else:
            message = self.tr(
                "用户 {username} 已创建。\n临时密码：{password}\n"
                "请当面交给本人，首次登录须修改密码。"
            ).format(username=info.username, password=password)
        QMessageBox.information(self, self.tr("用户已创建"), message)

    def edit_user(self) -> None:
        user = self._selected()
        if user is None:
            return
        dialog = EditUserDialog(self.ctx, self.actor, user, catalog.list_org_units(self.ctx), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._requested(dialog.saved)

    def change_roles(self) -> None:
        user = self._selected()
        if user is None:
            return
        dialog = RolesDialog(self.ctx, self.actor, user, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._requested(dialog.result_value)

    def reset_password(self) -> None:
        user = self._selected()
        if user is None:
            return
        written = write(self, self.ctx, lambda: users.reset_password(self.ctx, self.actor, user.id))
        if written is None or self._requested(written.result):
            return
        if user.has_password:
            title = self.tr("密码已重置")
        else:
            title = self.tr("初始密码已发放")
        QMessageBox.information(
            self,
            title,
            self.tr(
                "{username} 的临时密码：{password}\n请当面交给本人，下次登录须修改密码。"
            ).format(username=user.username, password=written.result),
        )

    def toggle_active(self) -> None:
        user = self._selected()
        if user is None:
            return
        written = write(self, self.ctx, lambda: users.set_active(self.ctx, self.actor, user.id,
                                                                 not user.active))  # fmt: skip
        if written is not None:
            self._requested(written.result)

    def reset_second_factor(self) -> None:
        """Unbind a business user's lost authenticator (the user binds a new one from 系统 →
        双因素认证); for an administrator it files a request a second administrator confirms."""
        user = self._selected()
        if user is None:
            return
        question = self.tr("解除 {username} 的动态验证码绑定？本人可重新绑定。").format(
            username=user.username
        )
        title = self.tr("重置动态验证码")
        if QMessageBox.question(self, title, question) != QMessageBox.StandardButton.Yes:
            return
        reset = users.reset_second_factor
        written = write(self, self.ctx, lambda: reset(self.ctx, self.actor, user.id))
        if written is None or self._requested(written.result):
            return
        done = self.tr("已解除 {username} 的动态验证码绑定。")
        QMessageBox.information(self, title, done.format(username=user.username))
