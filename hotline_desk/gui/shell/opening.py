"""Opening the database behind the login window: which database, SQLAlchemy, the schema check
and the seed run on a worker thread (gui/common/tasks.py) while the login is already painted.

The worker works in two steps. First what the login needs (the database, the login's services):
then ``opened`` lets 登录 go on. Then, while the login verifies the password (Argon2 lets go of
the GIL) or the user is still typing, it finds the audit key (the login's audit row waits for
it) and loads the modules the main window and its first page need (``PRELOAD``), so that after
登录 the window is built, not imported. ``app.py`` waits for that second step (``wait``) before
it builds the window, so no module is ever imported by two threads at once.

登录 pressed before ``opened`` need not wait for it to start Argon2: ``EarlyPassword`` verifies
the password against the SQLite file's hash on a thread of its own meanwhile, and the login
takes that answer when it still holds (services/admin/password_hash.py).

Nothing here imports SQLAlchemy or the services at module level: the login window's module
chain stays light (tests/unit/test_cold_start_imports.py), the worker imports ``bootstrap``.
"""

from __future__ import annotations

import importlib
import logging
import threading
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from hotline_desk.gui.common.tasks import TaskRunner
from hotline_desk.settings import embedded_database

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from hotline_desk.bootstrap import Target
    from hotline_desk.services.admin.password_hash import CheckedPassword
    from hotline_desk.services.context import ServiceContext

log = logging.getLogger(__name__)

FOR_LOGIN = (
    "hotline_desk.services.admin.auth",  # the login (Argon2)
    "hotline_desk.services.admin.second_factor",
)
"""The services 登录 calls, loaded before ``opened``."""

PRELOAD = (
    "hotline_desk.services.cases.catalog",  # what the main window reads first
    "hotline_desk.services.cases.read_model",
    "hotline_desk.services.cases.queues",
    "hotline_desk.services.cases.queries",  # the first page
    "hotline_desk.services.search.service",
    "hotline_desk.services.supervision.alerts",  # the badge's first check
    "hotline_desk.gui.shell.main_window",  # the window, its pages and the case list (Qt classes
    "hotline_desk.gui.printing.actions",  # only: no widget is made by importing them)
    "hotline_desk.gui.shell.audit_watch",
    "hotline_desk.gui.shell.backup_watch",
)
"""What the main window imports next, loaded by the worker after ``opened``."""


class DeskOpening(QObject):
    """Opens the database from ``start``; ``opened`` or ``failed`` on the GUI thread.

    ``target`` and ``ctx`` are set by the worker as soon as they exist, so ``close`` can let go
    of a database the user no longer waits for (the login closed before it was open).
    """

    opened = Signal(object, str)
    """The ServiceContext and the database as shown (no password): 登录 can go on."""
    loaded = Signal()
    """The worker has finished: the main window's modules are loaded (or failed to, logged;
    the window's own import then says why)."""
    failed = Signal(object)

    def __init__(self, data_dir: str | None, database_url: str | None,
                 parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.data_dir, self.database_url = data_dir, database_url
        self.target: Target | None = None
        self.ctx: ServiceContext | None = None
        self.error: BaseException | None = None
        self.stages: dict[str, float] = {}
        """When (``time.monotonic``) the worker finished each step: the log and the cold-start
        benchmark read them."""
        self._started = False
        self._runner = TaskRunner(self, max_threads=1)
        self.early_password = EarlyPassword(embedded_database(data_dir, database_url))
        """The login's verify started before ``opened`` (LoginDialog.try_login)."""

    def start(self) -> None:
        """Start the worker (once; later calls do nothing)."""
        if not self._started:
            self._started = True
            self._runner.run(self._open, self._loaded, self._failed, self._opened)

    def _open(self, report: Callable[[int, int], None]) -> None:
        started = time.monotonic()
        from hotline_desk import bootstrap

        self._stage("store loaded")
        self.target = bootstrap.resolve_target(self.data_dir, self.database_url)
        self.ctx = bootstrap.open_target(self.target)
        self._stage("database open")
        for module in FOR_LOGIN:
            importlib.import_module(module)
        self._stage("login ready")
        report(1, 2)  # ``opened``, on the GUI thread
        self._while_the_login_runs(self.ctx)
        log.info(
            "desk opened in %.0f ms (%s)",
            (time.monotonic() - started) * 1000,
            ", ".join(f"{k} {(t - started) * 1000:.0f}" for k, t in self.stages.items()),
        )

    def _while_the_login_runs(self, ctx: ServiceContext) -> None:
        """The worker's second step, after ``opened``: the audit key (the keyring is slow to
        ask; the login's audit row waits for this look-up, ``audit_key.find_key``), then the
        main window's modules."""
        from hotline_desk.services.audit import warm_key

        try:
            warm_key(ctx)
        except Exception:  # noqa: BLE001 - the login's audit row looks again and says why
            log.exception("finding the audit key behind the login failed")
        self._stage("audit key")
        for module in PRELOAD:
            try:
                importlib.import_module(module)
            except Exception:  # noqa: BLE001 - the window's own import reports it
                log.exception("preloading %s failed", module)
                break
        self._stage("preloaded")

    def _stage(self, name: str) -> None:
        self.stages[name] = time.monotonic()

    def _opened(self, _done: int, _total: int) -> None:
        if self.ctx is not None and self.target is not None:
            self.opened.emit(self.ctx, self.target.display)

    def _loaded(self, _result: None) -> None:
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.error = exc
        self.failed.emit(exc)

    def wait(self) -> None:
        """Until the worker has finished (its result is in ``ctx`` or ``error``)."""
        self.start()
        self._runner.wait(-1)

    def close(self) -> None:
        """Wait for the worker and dispose of the engines it opened (nobody will use them)."""
        self.wait()
        if self.ctx is not None:
            self.ctx.engines.dispose()
            self.ctx = None


class EarlyPassword:
    """One Argon2 verify started while the database is still opening, on a thread of its own
    (Argon2 lets go of the GIL, so it runs beside the worker's imports). ``take`` hands the
    answer to the login once; the login uses it only if it still holds (name, password and the
    stored hash unchanged), else verifies again. A server database has no file to read first:
    ``database`` None, and nothing is started."""

    def __init__(self, database: Path | None) -> None:
        self._database = database
        self._thread: threading.Thread | None = None
        self._result: CheckedPassword | None = None

    def start(self, username: str, password: str) -> None:
        """Verify ``password`` for ``username`` (once; later calls do nothing)."""
        if self._database is None or self._thread is not None:
            return
        database = self._database

        def verify() -> None:
            from hotline_desk.services.admin.password_hash import check_early

            try:
                self._result = check_early(database, username, password)
            except Exception:  # noqa: BLE001 - the login verifies again and says why
                log.exception("the early password check failed")

        self._thread = threading.Thread(target=verify, name="early-password", daemon=True)
        self._thread.start()

    def take(self) -> CheckedPassword | None:
        """The answer (waiting for the verify if it still runs); None after the first take."""
        if self._thread is None:
            return None
        self._thread.join()
        result, self._result, self._database = self._result, None, None
        return result
