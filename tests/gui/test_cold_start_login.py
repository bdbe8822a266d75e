"""Issue 19's cold start, driven through the real login: the login window is shown while the
database is still opening on its worker thread, 登录 pressed meanwhile waits (正在连接数据库…)
and logs in as soon as the database is ready; a database that does not open gives today's
message and connection settings; a login closed while opening lets go of the database. The
password is checked while the worker still loads the main window's modules (a disabled account
still refused), and the window is built only once they are loaded."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from sqlalchemy import select

from hotline_desk import bootstrap
from hotline_desk.domain.errors import DeskError
from hotline_desk.gui.shell import app as app_module
from hotline_desk.gui.shell import opening as opening_module
from hotline_desk.gui.shell.login import LoginDialog
from hotline_desk.settings import Paths, Settings
from hotline_desk.store.engine import Engines
from hotline_desk.store.models import AuditLog, User
from tests.conftest import add_user
from tests.gui.conftest import PASSWORD


class Gate:
    """Holds ``bootstrap.open_target`` on the worker until the test opens the gate."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, fail: Exception | None = None) -> None:
        self.event = threading.Event()
        self.opened: list[Any] = []
        real = bootstrap.open_target

        def open_target(target: bootstrap.Target) -> Any:
            assert threading.current_thread() is not threading.main_thread()
            assert self.event.wait(30)
            if fail is not None:
                raise fail
            ctx = real(target)
            self.opened.append(ctx)
            return ctx

        monkeypatch.setattr(bootstrap, "open_target", open_target)


def _last_action(ctx: Any, user_id: int) -> str:
    """The user's latest audit action."""
    with ctx.uow.read() as uow:
        actions = uow.session.scalars(
            select(AuditLog.action).where(AuditLog.actor_id == user_id)
        ).all()
    return actions[-1]


def _run_desk(tmp_path: Path, url: str, drive: Callable[[LoginDialog], None]) -> int:
    """app.py's start with ``drive`` run on the login window once it is shown."""
    paths = Paths.resolve(tmp_path / "data")

    def find_login() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, LoginDialog) and w.isVisible())  # fmt: skip
        drive(dialog)

    QTimer.singleShot(0, find_login)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app_module._run_desk(app, paths, Settings(paths.settings_file), str(paths.data_dir),
                                url)  # fmt: skip


def test_login_pressed_before_the_database_is_ready_waits_then_logs_in(
    qtbot, app, ctx, sqlite_url, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    actor = add_user(ctx, "intake", username="zhaodj", display_name="赵登记", password=PASSWORD)
    gate = Gate(monkeypatch)
    sessions: list[tuple[Any, str, str]] = []
    monkeypatch.setattr(app_module, "run_sessions",
                        lambda _app, c, login, _p, _s, database: sessions.append(
                            (c, login.actor.username, database)) or 0)  # fmt: skip
    seen: dict[str, Any] = {}

    def drive(dialog: LoginDialog) -> None:
        seen["ctx before"] = dialog.ctx  # painted while the database is still opening
        seen["label before"] = dialog.database.text()
        qtbot.keyClicks(dialog.username, "zhaodj")
        qtbot.keyClicks(dialog.password, PASSWORD)
        dialog.login_button.click()
        seen["button"] = (dialog.login_button.text(), dialog.login_button.isEnabled())
        seen["waiting"] = dialog.isVisible() and dialog.result_login is None
        gate.event.set()  # now the database opens; the login goes on by itself

    assert _run_desk(tmp_path, sqlite_url, drive) == 0
    assert seen == {"ctx before": None, "label before": "数据库：正在连接…",
                    "button": ("正在连接数据库…", False), "waiting": True}  # fmt: skip
    [(opened, username, database)] = sessions
    assert opened is gate.opened[0] and username == "zhaodj"
    assert database == sqlite_url  # the database as shown (no password in it)
    assert _last_action(ctx, actor.user_id) == "login"  # in the database the worker opened


def test_the_password_is_verified_once_while_the_database_still_opens(
    qtbot, app, ctx, sqlite_url, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """Argon2 need not wait for SQLAlchemy: 登录 pressed while the database opens verifies the
    password on a thread of its own, and the login, once the database is open, takes that
    answer (one verify in all, made before the database was open)."""
    add_user(ctx, "intake", username="zhaodj", display_name="赵登记", password=PASSWORD)
    gate = Gate(monkeypatch)
    verifies: list[tuple[str, bool]] = []
    real_verify = PasswordHasher.verify

    def verify(self: PasswordHasher, hashed: str, password: str) -> bool:
        verifies.append((threading.current_thread().name, gate.event.is_set()))
        return real_verify(self, hashed, password)

    monkeypatch.setattr(PasswordHasher, "verify", verify)
    sessions: list[str] = []

    def run_sessions(_app: Any, _c: Any, login: Any, *_rest: Any) -> int:
        sessions.append(login.actor.username)
        return 0

    monkeypatch.setattr(app_module, "run_sessions", run_sessions)

    def drive(dialog: LoginDialog) -> None:
        qtbot.keyClicks(dialog.username, "zhaodj")
        qtbot.keyClicks(dialog.password, PASSWORD)
        dialog.login_button.click()
        qtbot.waitUntil(lambda: bool(verifies), timeout=30_000)
        gate.event.set()  # the verify has started; now the database opens

    assert _run_desk(tmp_path, sqlite_url, drive) == 0
    assert sessions == ["zhaodj"]
    assert verifies == [("early-password", False)]


def test_a_database_that_does_not_open_shows_why_and_the_connection_settings(
    qtbot, app, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    gate = Gate(monkeypatch, fail=DeskError("数据库服务器无法连接"))
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _p, title, text: warnings.append(f"{title}|{text}"))  # fmt: skip
    asked: list[bool] = []

    def connection_settings(_self: QDialog) -> QDialog.DialogCode:
        asked.append(True)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr("hotline_desk.gui.shell.connection.ConnectionDialog.exec",
                        connection_settings)  # fmt: skip
    closed: list[BaseException | None] = []

    def drive(dialog: LoginDialog) -> None:
        dialog.finished.connect(lambda _code: closed.append(dialog.open_error))
        gate.event.set()

    assert _run_desk(tmp_path, "postgresql+psycopg://nobody@127.0.0.1:1/none", drive) == 1
    assert len(closed) == 1 and isinstance(closed[0], DeskError)
    assert warnings == ["无法打开数据库|数据库服务器无法连接"] and asked == [True]


def test_a_login_closed_while_the_database_opens_lets_go_of_it(
    qtbot, app, ctx, sqlite_url, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    gate = Gate(monkeypatch)
    monkeypatch.setattr(app_module, "run_sessions", lambda *_a: pytest.fail("no login"))
    disposed: list[Engines] = []
    real_dispose = Engines.dispose

    def dispose(engines: Engines) -> None:
        disposed.append(engines)
        real_dispose(engines)

    monkeypatch.setattr(Engines, "dispose", dispose)

    def drive(dialog: LoginDialog) -> None:
        dialog.reject()  # the user closes the login at once
        gate.event.set()

    assert _run_desk(tmp_path, sqlite_url, drive) == 0
    [opened] = gate.opened
    assert disposed == [opened.engines]


class HeldSecondStep:
    """Holds the opening's second step (the audit key, the main window's modules) on the worker
    until ``release`` is set, and records what happened before it ran."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, order: list[str]) -> None:
        self.release = threading.Event()
        real = opening_module.DeskOpening._while_the_login_runs

        def second_step(opening: opening_module.DeskOpening, ctx: Any) -> None:
            assert threading.current_thread() is not threading.main_thread()
            assert self.release.wait(30)
            order.append("second step")
            real(opening, ctx)

        monkeypatch.setattr(opening_module.DeskOpening, "_while_the_login_runs", second_step)


def test_the_password_is_checked_while_the_window_modules_load_and_the_window_waits(
    qtbot, app, ctx, sqlite_url, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    actor = add_user(ctx, "intake", username="zhaodj", display_name="赵登记", password=PASSWORD)
    order: list[str] = []
    held = HeldSecondStep(monkeypatch, order)
    openings: list[opening_module.DeskOpening] = []
    real_init = opening_module.DeskOpening.__init__

    def init(self: opening_module.DeskOpening, *args: Any, **kwargs: Any) -> None:
        real_init(self, *args, **kwargs)
        openings.append(self)

    monkeypatch.setattr(opening_module.DeskOpening, "__init__", init)

    def run_sessions(_app: Any, _c: Any, login: Any, *_rest: Any) -> int:
        order.append(f"window for {login.actor.username}")
        return 0

    monkeypatch.setattr(app_module, "run_sessions", run_sessions)

    def accepted() -> None:
        order.append("login accepted")
        held.release.set()  # only now may the worker go on: the login did not wait for it

    def drive(dialog: LoginDialog) -> None:
        dialog.accepted.connect(accepted)
        qtbot.keyClicks(dialog.username, "zhaodj")
        qtbot.keyClicks(dialog.password, PASSWORD)
        dialog.login_button.click()

    assert _run_desk(tmp_path, sqlite_url, drive) == 0
    assert order == ["login accepted", "second step", "window for zhaodj"]
    [opening] = openings
    assert list(opening.stages) == ["store loaded", "database open", "login ready",
                                    "audit key", "preloaded"]  # fmt: skip
    assert all(m in sys.modules for m in opening_module.PRELOAD)
    assert _last_action(ctx, actor.user_id) == "login"  # keyed, written by the login itself


def test_a_disabled_account_is_refused_while_the_window_modules_load(
    qtbot, app, ctx, sqlite_url, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    actor = add_user(ctx, "intake", username="tingyong", password=PASSWORD)
    with ctx.uow.write() as uow:
        uow.session.get(User, actor.user_id).active = False  # type: ignore[union-attr]
        uow.commit()
    order: list[str] = []
    held = HeldSecondStep(monkeypatch, order)
    monkeypatch.setattr(app_module, "run_sessions", lambda *_a: pytest.fail("no window"))
    seen: dict[str, Any] = {}

    def drive(dialog: LoginDialog) -> None:
        qtbot.keyClicks(dialog.username, "tingyong")
        qtbot.keyClicks(dialog.password, PASSWORD)
        dialog.login_button.click()
        qtbot.waitUntil(lambda: bool(dialog.error.text()), timeout=30_000)
        seen["error"] = dialog.error.text()
        seen["refused"] = dialog.isVisible() and dialog.result_login is None
        held.release.set()
        dialog.reject()  # the user gives up

    assert _run_desk(tmp_path, sqlite_url, drive) == 0
    assert seen["refused"] and "账号" in seen["error"]
    with ctx.uow.read() as uow:
        refused = uow.session.scalars(
            select(AuditLog.action).where(AuditLog.actor_name == "tingyong")
        ).all()
    assert refused[-1] == "login_failed"


def test_the_windows_first_page_goes_before_its_counts_and_alert_check(
    qtbot, app, ctx, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """At the start the first rows are what the user waits for: the queue counts (one can read
    the whole cases table) and the alert check start only once they are in, and still show."""
    from hotline_desk.demo.generate import generate_demo
    from hotline_desk.gui.shell.main_window import MainWindow
    from hotline_desk.gui.shots.helpers import login
    from hotline_desk.services.cases import queries, queues, registration
    from hotline_desk.services.supervision import alerts
    from tests.factories import case_input

    generate_demo(ctx, 60, seed=5)  # (at the real time: most of its cases may be closed)
    desk = login(ctx, "duban")
    registration.register_case(ctx, desk, case_input(ctx))  # one waits in 待转办 whatever the hour
    page_back, total_back = threading.Event(), threading.Event()
    started: list[tuple[str, bool]] = []  # (what, whether the first page had come back)
    real_page, real_total = queries.list_cases, queries.count_cases

    def list_cases(*args: Any, **kwargs: Any) -> Any:
        assert total_back.wait(30)  # the first page is held until the list's total is in
        page = real_page(*args, **kwargs)
        page_back.set()
        return page

    def count_cases(*args: Any, **kwargs: Any) -> Any:
        total = real_total(*args, **kwargs)
        total_back.set()
        return total

    monkeypatch.setattr(queries, "list_cases", list_cases)
    monkeypatch.setattr(queries, "count_cases", count_cases)
    for module, name in ((queues, "inbox_counts"), (alerts, "check_alerts")):
        real = getattr(module, name)

        def recorded(*args: Any, _real: Any = real, _name: str = name, **kwargs: Any) -> Any:
            started.append((_name, page_back.is_set()))
            return _real(*args, **kwargs)

        monkeypatch.setattr(module, name, recorded)
    window = MainWindow(ctx, desk)
    qtbot.addWidget(window)
    window.show()
    assert window.inbox is not None
    qtbot.waitUntil(lambda: {n for n, _b in started} == {"inbox_counts", "check_alerts"},
                    timeout=30_000)  # fmt: skip
    assert all(after_page for _n, after_page in started)
    qtbot.waitUntil(lambda: any(b.text() != queues.QUEUE_LABELS[k]
                                for k, b in window.inbox.buttons.items()))  # fmt: skip
