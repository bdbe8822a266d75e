"""用户管理 under dual control, driven through the widgets: a security administrator's reset of
the system administrator becomes a request, the audit administrator (on another workstation's
context) confirms it and is the one shown the temporary password; refusals are explained. An
administrator's second factor is reset the same way."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pyotp
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from hotline_desk.gui.pages.users import NewUserDialog, RolesDialog, UsersPage
from hotline_desk.services.admin import auth, second_factor
from hotline_desk.services.admin.setup import open_desk
from hotline_desk.services.cases import catalog
from hotline_desk.services.context import local_now
from hotline_desk.store.models import AdminRequest, User
from tests.conftest import add_user

PW = "Desk#Root2026"


@pytest.fixture
def boxes(monkeypatch) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """What the page told the user (information and warnings), instead of modal boxes."""
    told: dict[str, list[str]] = {"info": [], "warning": []}

    def info(_parent: Any, _title: str, text: str, *a: Any) -> None:
        told["info"].append(text)

    def warning(_parent: Any, _title: str, text: str, *a: Any) -> None:
        told["warning"].append(text)

    monkeypatch.setattr(QMessageBox, "information", info)
    monkeypatch.setattr(QMessageBox, "warning", warning)
    return told


def _row(page: UsersPage, username: str) -> int:
    return [u.username for u in page.rows].index(username)


def _hash(ctx, username: str) -> str | None:  # type: ignore[no-untyped-def]
    with ctx.uow.read() as uow:
        return uow.session.scalar(select(User.password_hash).where(User.username == username))


def test_a_reset_of_an_admin_is_confirmed_by_another_admin(
    qtbot, app, ctx, sqlite_url, tmp_path, boxes
) -> None:  # type: ignore[no-untyped-def]
    sysadmin = add_user(ctx, "sys_admin", username="sysadmin", password=PW)
    sec = add_user(ctx, "sec_admin", username="secadmin", password=PW)
    add_user(ctx, "audit_admin", username="auditadmin", password=PW)
    units = catalog.list_org_units(ctx)
    before = _hash(ctx, "sysadmin")

    page = UsersPage(ctx, sec, units)
    qtbot.addWidget(page)
    page.table.selectRow(_row(page, "sysadmin"))
    qtbot.mouseClick(page.reset_button, Qt.MouseButton.LeftButton)
    assert "双人控制" in boxes["info"][-1] and "临时密码" not in boxes["info"][-1]
    assert _hash(ctx, "sysadmin") == before
    panel = page.requests
    assert panel.table.rowCount() == 1 and panel.table.item(0, 5).text() == "待确认"
    assert not panel.confirm_button.isEnabled() and panel.withdraw_button.isEnabled()
    assert "另一名" in panel.reason.text()

    other = open_desk(sqlite_url, backup_dir=tmp_path / "b2", clock=local_now)  # another desk
    try:
        auditor = auth.login(other, "auditadmin", PW).actor
        audit_page = UsersPage(other, auditor, units)
        qtbot.addWidget(audit_page)
        assert not audit_page.table.isVisibleTo(audit_page)  # no account list for the auditor
        audit_panel = audit_page.requests
        audit_panel.table.selectRow(0)
        assert audit_panel.confirm_button.isEnabled()
        qtbot.mouseClick(audit_panel.confirm_button, Qt.MouseButton.LeftButton)
    finally:
        other.engines.dispose()
    shown = boxes["info"][-1]
    assert "已确认" in shown and "临时密码" in shown
    temp = shown.split("临时密码：")[1].split("\n")[0]
    assert auth.login(ctx, "sysadmin", temp).must_change_password
    with ctx.uow.read() as uow:
        request = uow.session.scalars(select(AdminRequest)).one()
        assert request.status == "confirmed" and request.requested_by == sec.user_id
    panel.refresh()
    assert panel.table.item(0, 5).text().startswith("已确认")
    assert sysadmin.user_id != sec.user_id


def test_who_may_not_decide_is_told_why_and_a_refusal_reaches_the_requester(
    qtbot, app, ctx, boxes, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    sysadmin = add_user(ctx, "sys_admin", username="sysadmin", password=PW)
    sys2 = add_user(ctx, "sys_admin", username="sysadmin2", password=PW)
    sec = add_user(ctx, "sec_admin", username="secadmin", password=PW)
    units = catalog.list_org_units(ctx)
    page = UsersPage(ctx, sysadmin, units)
    qtbot.addWidget(page)
    page.table.selectRow(_row(page, "secadmin"))
    qtbot.mouseClick(page.toggle_button, Qt.MouseButton.LeftButton)  # disable sec: a request
    with ctx.uow.read() as uow:
        assert uow.session.get(User, sec.user_id).active

    peer = UsersPage(ctx, sys2, units)  # the requester's peer
    qtbot.addWidget(peer)
    peer.requests.table.selectRow(0)
    assert not peer.requests.confirm_button.isEnabled()
    assert "同为该类" in peer.requests.reason.text()

    target = UsersPage(ctx, sec, units)  # the account concerned
    qtbot.addWidget(target)
    target.requests.table.selectRow(0)
    assert "您本人" in target.requests.reason.text()

    auditor = add_user(ctx, "audit_admin", username="auditadmin", password=PW)
    audit_page = UsersPage(ctx, auditor, units)
    qtbot.addWidget(audit_page)
    audit_page.requests.table.selectRow(0)
    monkeypatch.setattr(audit_page.requests, "ask_reason", lambda: ("未经本人同意", True))
    qtbot.mouseClick(audit_page.requests.refuse_button, Qt.MouseButton.LeftButton)
    page.requests.refresh()
    status = page.requests.table.item(0, 5).text()
    assert "已拒绝" in status and "未经本人同意" in status
    with ctx.uow.read() as uow:
        assert uow.session.get(User, sec.user_id).active


def test_sys_admin_may_not_reset_a_clerk_and_roles_stay_apart(qtbot, app, ctx, boxes) -> None:  # type: ignore[no-untyped-def]
    sysadmin = add_user(ctx, "sys_admin", username="sysadmin", password=PW)
    add_user(ctx, "intake", username="dengji", password=PW)
    units = catalog.list_org_units(ctx)
    page = UsersPage(ctx, sysadmin, units)
    qtbot.addWidget(page)
    before = _hash(ctx, "dengji")
    page.table.selectRow(_row(page, "dengji"))
    qtbot.mouseClick(page.reset_button, Qt.MouseButton.LeftButton)
    assert "安全管理员" in boxes["warning"][-1] and _hash(ctx, "dengji") == before

    clerk = page.rows[_row(page, "dengji")]
    dialog = RolesDialog(ctx, sysadmin, clerk, page)
    qtbot.addWidget(dialog)
    dialog.role_boxes["audit_admin"].setChecked(True)  # audit admin + intake
    dialog.save()
    assert "三员分立" in dialog.error.text()
    dialog.role_boxes["audit_admin"].setChecked(False)
    dialog.role_boxes["desk"].setChecked(True)
    dialog.save()
    page.refresh()
    assert set(page.rows[_row(page, "dengji")].roles) == {"intake", "desk"}


def test_a_clerk_made_by_the_sys_admin_gets_its_first_password_from_the_sec_admin(
    qtbot, app, ctx, boxes, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """三员分立 at creation: the system administrator is told the account has no password yet;
    the security administrator's 发放/重置密码 issues it, and only then can the clerk log in."""
    sysadmin = add_user(ctx, "sys_admin", username="sysadmin", password=PW)
    sec = add_user(ctx, "sec_admin", username="secadmin", password=PW)
    units = catalog.list_org_units(ctx)

    def fill_and_create(dialog: NewUserDialog) -> int:
        qtbot.keyClicks(dialog.username, "xinren")
        qtbot.keyClicks(dialog.display_name, "Xin Ren")
        dialog.role_boxes["desk"].setChecked(True)
        dialog.save()
        return int(dialog.result())

    monkeypatch.setattr(NewUserDialog, "exec", fill_and_create)
    page = UsersPage(ctx, sysadmin, units)
    qtbot.addWidget(page)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    told = boxes["info"][-1]
    assert "账号已建立，请由安全管理员发放初始密码" in told and "临时密码" not in told
    assert _hash(ctx, "xinren") is None
    assert "未发放密码" in page.table.item(_row(page, "xinren"), 4).text()
    with pytest.raises(auth.AuthError, match="尚未发放初始密码"):
        auth.login(ctx, "xinren", PW)

    sec_page = UsersPage(ctx, sec, units)
    qtbot.addWidget(sec_page)
    assert sec_page.reset_button.text() == "发放/重置密码"
    sec_page.table.selectRow(_row(sec_page, "xinren"))
    qtbot.mouseClick(sec_page.reset_button, Qt.MouseButton.LeftButton)
    temp = boxes["info"][-1].split("临时密码：")[1].split("\n")[0]
    assert auth.login(ctx, "xinren", temp).must_change_password
    assert "待改密" in sec_page.table.item(_row(sec_page, "xinren"), 4).text()


def test_an_admins_second_factor_reset_is_a_request_the_auditor_confirms(
    qtbot, app, ctx, boxes, monkeypatch, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    sysadmin = add_user(ctx, "sys_admin", username="sysadmin", password=PW)
    sec = add_user(ctx, "sec_admin", username="secadmin", password=PW)
    auditor = add_user(ctx, "audit_admin", username="auditadmin", password=PW)
    started = second_factor.begin_enrolment(ctx, sysadmin)
    second_factor.confirm_enrolment(ctx, sysadmin, started.secret,
                                    pyotp.TOTP(started.secret).now())  # fmt: skip
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    units = catalog.list_org_units(ctx)

    page = UsersPage(ctx, sec, units)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.table.selectRow(_row(page, "sysadmin"))
    qtbot.mouseClick(page.factor_button, Qt.MouseButton.LeftButton)
    told = boxes["info"][-1]
    assert "双人控制" in told and "重置动态验证码" in told and "sysadmin" in told
    panel = page.requests
    assert panel.table.rowCount() == 1
    assert panel.table.item(0, 1).text() == "重置动态验证码"
    assert panel.table.item(0, 5).text() == "待确认" and panel.withdraw_button.isEnabled()
    assert not panel.confirm_button.isEnabled()
    page.grab().save(str(Path(os.environ.get("HOTLINE_DESK_SHOTS", tmp_path)) / "factor.png"))
    with ctx.uow.read() as uow:
        assert uow.session.get(User, sysadmin.user_id).totp_enabled
    epoch = _epoch(ctx, sysadmin.user_id)

    audit_page = UsersPage(ctx, auditor, units)
    qtbot.addWidget(audit_page)
    audit_page.requests.table.selectRow(0)
    assert audit_page.requests.confirm_button.isEnabled()
    qtbot.mouseClick(audit_page.requests.confirm_button, Qt.MouseButton.LeftButton)
    shown = boxes["info"][-1]
    assert "已确认" in shown and "重新绑定" in shown and "临时密码" not in shown
    with ctx.uow.read() as uow:
        user = uow.session.get(User, sysadmin.user_id)
        assert not user.totp_enabled and user.totp_secret is None
    assert _epoch(ctx, sysadmin.user_id) == epoch + 1
    assert auth.login(ctx, "sysadmin", PW).actor.user_id == sysadmin.user_id  # no code asked
    panel.refresh()
    assert panel.table.item(0, 5).text().startswith("已确认")


def _epoch(ctx, user_id: int) -> int:  # type: ignore[no-untyped-def]
    with ctx.uow.read() as uow:
        return uow.session.get(User, user_id).session_epoch
