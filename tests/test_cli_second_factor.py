"""The command line's login with a second factor: the dynamic code comes from
``HOTLINE_DESK_OTP`` (or the terminal); without it, with a wrong or a replayed one the command
is refused readably; an administrator who must still enrol is sent to the desk."""

from __future__ import annotations

import io
from pathlib import Path

import pyotp
import pytest
from sqlalchemy import update

from hotline_desk.cli.login import ENV_OTP, ENV_PASSWORD
from hotline_desk.cli.main import main
from hotline_desk.services.admin import office, second_factor
from hotline_desk.services.context import ServiceContext
from hotline_desk.store.models import User
from tests.conftest import add_user
from tests.test_cli_login import PASSWORD, Desk, _refused


@pytest.fixture
def desk(ctx: ServiceContext, db_url: str, tmp_path: Path, monkeypatch) -> Desk:  # type: ignore[no-untyped-def]
    monkeypatch.delenv(ENV_PASSWORD, raising=False)
    return Desk(ctx, db_url, tmp_path)


def _enrol(desk: Desk, actor) -> str:  # type: ignore[no-untyped-def]
    started = second_factor.begin_enrolment(desk.ctx, actor)
    code = pyotp.TOTP(started.secret).at(desk.ctx.now())  # the tests' clock: long past
    second_factor.confirm_enrolment(desk.ctx, actor, started.secret, code)
    return started.secret


def test_the_code_comes_from_the_environment(desk: Desk, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    secret = _enrol(desk, desk.leader)
    monkeypatch.setenv(ENV_PASSWORD, PASSWORD)
    monkeypatch.delenv(ENV_OTP, raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    argv = desk.argv("stats", "--user", desk.leader.username)
    _refused(capsys, main(argv), ENV_OTP)
    monkeypatch.setenv(ENV_OTP, "000000" if pyotp.TOTP(secret).now() != "000000" else "111111")
    _refused(capsys, main(argv), "动态验证码不正确")
    assert desk.failed_logins(desk.leader) == 1
    monkeypatch.setenv(ENV_OTP, pyotp.TOTP(secret).now())
    assert main(argv) == 0
    assert "2026年11月" in capsys.readouterr().out
    _refused(capsys, main(argv), "动态验证码不正确或已用过")  # the same code again


def test_a_terminal_asks_for_the_code(desk: Desk, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    secret = _enrol(desk, desk.leader)
    monkeypatch.setenv(ENV_PASSWORD, PASSWORD)
    monkeypatch.delenv(ENV_OTP, raising=False)
    monkeypatch.setattr("sys.stdin", Tty(""))
    asked: list[str] = []
    monkeypatch.setattr("builtins.input", lambda p: asked.append(p) or pyotp.TOTP(secret).now())
    assert main(desk.argv("stats", "--user", desk.leader.username)) == 0
    assert asked == [f"{desk.leader.username} 的动态验证码（或恢复码）："]


def test_an_admin_who_must_enrol_is_sent_to_the_desk(desk: Desk, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    admin = add_user(desk.ctx, "sys_admin", password=PASSWORD)
    sec = add_user(desk.ctx, "sec_admin")
    with desk.ctx.uow.write() as uow:  # the one switching it on has a factor of its own
        uow.session.execute(update(User).where(User.id == sec.user_id).values(totp_enabled=True))
        uow.commit()
    office.save_setting(desk.ctx, sec, "admin_second_factor", True)
    monkeypatch.setenv(ENV_PASSWORD, PASSWORD)
    _refused(capsys, main(desk.argv("stats", "--user", admin.username)), "须先绑定动态验证码")
