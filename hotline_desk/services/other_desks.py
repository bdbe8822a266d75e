"""Other desks' changes, as the GUI receives them: one feed per window, opened on the desk's
database (PostgreSQL ``LISTEN``, or the SQLite ``data_version`` watcher, which also recognises
this process's own commits so they are not reported twice)."""

from __future__ import annotations

from typing import Protocol

from hotline_desk.domain.changes import Changes
from hotline_desk.services.context import ServiceContext
from hotline_desk.store.change_feed import PgListener, SqliteWatcher


class DeskFeed(Protocol):
    blocking: bool
    """True: ``wait`` on a thread of its own (PostgreSQL); False: ``poll`` on a timer."""

    def wait(self, timeout: float) -> list[Changes]: ...

    def poll(self) -> Changes | None: ...

    def close(self) -> None: ...


def open_feed(ctx: ServiceContext) -> DeskFeed | None:
    """The feed of other desks' changes to ``ctx``'s database; None for an in-memory one."""
    engines = ctx.engines
    url = engines.url
    if engines.is_sqlite:
        if not url.database or url.database == ":memory:":
            return None
        return SqliteWatcher(url.database, ctx.uow)
    if url.get_backend_name() == "postgresql":
        return PgListener.for_url(url)
    return None
