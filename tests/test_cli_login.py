"""No anonymous door on the command line, on SQLite and PostgreSQL: every command that reads case
data (``slip``, ``notice``, ``letter``, ``stats`` with and without its exports) is tried without
``--user``, with a wrong password, without a password source, with an account that must change
its password, and for another section's case; each is refused readably with a non-zero exit and
nothing written. A permitted user is audited under their own name, and the login's lockout
counts the command line's attempts."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from hotline_desk.cli.login import ENV_PASSWORD
from hotline_desk.cli.main import main
from hotline_desk.domain.passwords import MAX_FAILED_LOGINS
from hotline_desk.reports.fonts import available_fonts
from hotline_desk.services.cases import registration
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.store.models import AuditLog, User
from tests.conftest import add_user
from tests.factories import case_input
from tests.services.test_printing import dispatched

PASSWORD = "Cli-Login#2026q"
READERS = ("slip", "notice", "letter", "stats", "stats-xlsx")


class Desk:
    """A routed case of 产业发展科 and the users who try to read it from the command line."""

    def __init__(self, ctx: ServiceContext, db_url: str, tmp: Path) -> None:
        self.ctx, self.tmp = ctx, tmp
        self.base = ["--database-url", db_url, "--data-dir", str(tmp / "data")]
        clerk = add_user(ctx, "desk", "intake")
        office = SimpleNamespace(
            desk=clerk, register=lambda: registration.register_case(ctx, clerk, case_input(ctx))
        )
        self.case_no = dispatched(ctx, office).case_no  # type: ignore[arg-type]
        self.handler = add_user(ctx, "handler", unit="CYFZ", password=PASSWORD)
        self.foreign = add_user(ctx, "handler", "section_head", unit="ZXQY", password=PASSWORD)
        self.leader = add_user(ctx, "leader", password=PASSWORD)

    def argv(self, command: str, *extra: str) -> list[str]:
        out = str(self.tmp / "out.pdf")
        if command == "stats":
            return [*self.base, "stats", "--month", "2026-11", *extra]
        if command == "stats-xlsx":
            return [*self.base, "stats", "--month", "2026-11", "--xlsx", out, *extra]
        return [*self.base, command, self.case_no, "--out", out, *extra]

    def audit_rows(self, action: str) -> list[tuple[int | None, str]]:
        with self.ctx.uow.read() as uow:
            rows = uow.session.execute(
                select(AuditLog.actor_id, AuditLog.actor_name).where(AuditLog.action == action)
            ).all()
        return [(r[0], r[1]) for r in rows]

    def failed_logins(self, actor: Actor) -> int:
        with self.ctx.uow.read() as uow:
            user = uow.session.get(User, actor.user_id)
            assert user is not None
            return user.failed_logins

    def nothing_written(self) -> bool:
        return not (self.tmp / "out.pdf").exists() and not any(
            self.audit_rows(a)
            for a in ("print_slip", "print_notice", "print_letter", "export_report")  # fmt: skip
        )


@pytest.fixture
def desk(ctx: ServiceContext, db_url: str, tmp_path: Path, monkeypatch) -> Desk:  # type: ignore[no-untyped-def]
    monkeypatch.delenv(ENV_PASSWORD, raising=False)
    return Desk(ctx, db_url, tmp_path)


def _refused(capsys, code: int, *words: str) -> None:  # type: ignore[no-untyped-def]
    err = capsys.readouterr().err
    assert code == 1, err
    assert "Traceback" not in err
    for word in words:
        assert word in err, err


def test_no_anonymous_door(desk: Desk, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    for command in READERS:
        monkeypatch.delenv(ENV_PASSWORD, raising=False)
        _try_every_door(desk, command, monkeypatch, capsys)
    assert desk.nothing_written()


def _try_every_door(desk: Desk, command: str, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    # no --user at all: refused before the database is read
    _refused(capsys, main(desk.argv(command)), "--user")
    # a user but no password source (no environment variable, no terminal)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    _refused(capsys, main(desk.argv(command, "--user", desk.leader.username)), ENV_PASSWORD)
    # a wrong password: the desk's own login, whose failure counts towards the lockout (the
    # successful login below resets the count, as at the desk)
    monkeypatch.setenv(ENV_PASSWORD, "not-the-password")
    assert desk.failed_logins(desk.foreign) == 0
    _refused(
        capsys, main(desk.argv(command, "--user", desk.foreign.username)), "用户名或密码不正确"
    )
    assert desk.failed_logins(desk.foreign) == 1
    # an unknown user (a name of its own per command: five tries of one name lock it, as an
    # account's would)
    nobody = "nobody-" + command.replace(" ", "-")
    _refused(capsys, main(desk.argv(command, "--user", nobody)), "用户名或密码不正确")
    # the right password, but another section's case (for stats: a role without statistics)
    monkeypatch.setenv(ENV_PASSWORD, PASSWORD)
    why = "统计" if command.startswith("stats") else "无权查看"
    _refused(capsys, main(desk.argv(command, "--user", desk.foreign.username)), why)


def test_must_change_password_is_refused(desk: Desk, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    with desk.ctx.uow.write() as uow:
        user = uow.session.get(User, desk.handler.user_id)
        assert user is not None
        user.must_change_password = True
        uow.commit()
    monkeypatch.setenv(ENV_PASSWORD, PASSWORD)
    for command in READERS:
        code = main(desk.argv(command, "--user", desk.handler.username))
        _refused(capsys, code, "须先修改密码", "办件台")
    assert desk.nothing_written()


def test_an_expired_password_is_refused(desk: Desk, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    """Issue 14: ``password_changed_at`` was written and never read; older than the office's
    password_max_age_days (90) it forces a change, on the command line a refusal."""
    with desk.ctx.uow.write() as uow:
        user = uow.session.get(User, desk.handler.user_id)
        assert user is not None
        user.password_changed_at = datetime(2020, 1, 1)
        uow.commit()
    monkeypatch.setenv(ENV_PASSWORD, PASSWORD)
    code = main(desk.argv("slip", "--user", desk.handler.username))
    _refused(capsys, code, "须先修改密码", "已过期", "办件台")
    assert desk.nothing_written()


def test_the_command_line_counts_towards_the_lockout(desk: Desk, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(ENV_PASSWORD, "wrong")
    for _ in range(MAX_FAILED_LOGINS):
        main(desk.argv("slip", "--user", desk.handler.username))
    monkeypatch.setenv(ENV_PASSWORD, PASSWORD)  # now even the right password is refused
    _refused(capsys, main(desk.argv("slip", "--user", desk.handler.username)), "锁定")
    assert desk.nothing_written()


def test_a_terminal_asks_for_the_password(desk: Desk, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    asked: list[str] = []
    monkeypatch.setattr("sys.stdin", Tty(""))
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or "wrong")
    _refused(capsys, main(desk.argv("stats", "--user", desk.leader.username)), "用户名或密码不正确")
    assert asked == [f"{desk.leader.username} 的密码："]


def test_stats_as_the_user(desk: Desk, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(ENV_PASSWORD, PASSWORD)
    assert main(desk.argv("stats-xlsx", "--user", desk.leader.username)) == 0
    assert "2026年11月" in capsys.readouterr().out
    leader = (desk.leader.user_id, desk.leader.username)
    assert desk.audit_rows("export_report") == [leader]
    assert leader in desk.audit_rows("login")


@pytest.mark.skipif(not available_fonts(), reason="no embeddable CJK font")
def test_slip_as_the_section_user(desk: Desk, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(ENV_PASSWORD, PASSWORD)
    assert main(desk.argv("slip", "--user", desk.handler.username)) == 0
    assert "交办单 1 件" in capsys.readouterr().out
    assert desk.audit_rows("print_slip") == [(desk.handler.user_id, desk.handler.username)]
