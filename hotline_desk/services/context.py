"""What every service call needs: the unit-of-work factory and the clock."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from hotline_desk.store import change_feed
from hotline_desk.store.engine import Engines
from hotline_desk.store.uow import Collected, UnitOfWorkFactory


class Token(Protocol):
    """The one cancel contract of long work: the service calls ``check()`` at safe points
    (between rows, between batches); it raises once the user cancelled. Work committed before
    that stays committed and is announced."""

    def check(self) -> None: ...


Progress = Callable[[int, int], None]
"""What long services report progress to: (done, total)."""


def local_now() -> datetime:
    """Naive local wall-clock time, to the second (the desk's one clock)."""
    return datetime.now().replace(microsecond=0)


@dataclass
class ServiceContext:
    uow: UnitOfWorkFactory
    clock: Callable[[], datetime] = field(default=local_now)

    @classmethod
    def for_engines(
        cls, engines: Engines, clock: Callable[[], datetime] = local_now
    ) -> ServiceContext:
        publisher = None if engines.is_sqlite else change_feed.notify
        return cls(UnitOfWorkFactory(engines, publisher), clock)

    @property
    def engines(self) -> Engines:
        return self.uow.engines

    def __post_init__(self) -> None:
        self.uow.clock = self.clock  # what a write's facts are dated by when nothing says

    def now(self) -> datetime:
        return self.clock()

    def collect(self) -> AbstractContextManager[Collected]:
        """``with ctx.collect() as c: service(...)``; then ``c.changes`` says what the calls
        inside committed (for the GUI's change bus)."""
        return self.uow.collect()
