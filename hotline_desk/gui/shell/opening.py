"""Opening the database behind the login window: which database, SQLAlchemy, the schema check
and the seed run on a worker thread (gui/common/tasks.py) while the login is already painted.

Nothing here imports SQLAlchemy or the services at module level: the login window's module
chain stays light (tests/unit/test_cold_start_imports.py), the worker imports ``bootstrap``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from hotline_desk.gui.common.tasks import TaskRunner

if TYPE_CHECKING:
    from hotline_desk.bootstrap import Target
    from hotline_desk.services.context import ServiceContext

PRELOAD = (
    "hotline_desk.services.admin.auth",  # the login (Argon2, the password rules' word lists)
    "hotline_desk.services.admin.second_factor",
    "hotline_desk.services.cases.catalog",  # what the main window reads first
    "hotline_desk.services.cases.read_model",
    "hotline_desk.services.cases.queues",
    "hotline_desk.services.cases.queries",  # the first page
    "hotline_desk.services.search.service",
    "hotline_desk.services.supervision.alerts",  # the badge's first check
)
"""Services (no Qt) the login and the main window import next, loaded by the worker too."""


class DeskOpening(QObject):
    """Opens the database from ``start``; ``opened`` or ``failed`` on the GUI thread.

    ``target`` and ``ctx`` are set by the worker as soon as they exist, so ``close`` can let go
    of a database the user no longer waits for (the login closed before it was open).
    """

    opened = Signal(object, str)
    """The ServiceContext and the database as shown (no password)."""
    failed = Signal(object)

    def __init__(self, data_dir: str | None, database_url: str | None,
                 parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.data_dir, self.database_url = data_dir, database_url
        self.target: Target | None = None
        self.ctx: ServiceContext | None = None
        self.error: BaseException | None = None
        self._started = False
        self._runner = TaskRunner(self, max_threads=1)

    def start(self) -> None:
        """Start the worker (once; later calls do nothing)."""
        if not self._started:
            self._started = True
            self._runner.run(self._open, self._opened, self._failed)

    def _open(self) -> None:
        from hotline_desk import bootstrap

        self.target = bootstrap.resolve_target(self.data_dir, self.database_url)
        self.ctx = bootstrap.open_target(self.target)
        for module in PRELOAD:  # while the user types: not on the GUI thread after 登录
            importlib.import_module(module)
        from hotline_desk.services.audit import warm_key

        warm_key(self.ctx)  # the login's audit row needs the key: the keyring is slow to ask

    def _opened(self, _result: None) -> None:
        if self.ctx is not None and self.target is not None:
            self.opened.emit(self.ctx, self.target.display)

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
