"""Two desks in processes of their own, released together by a barrier.

``Racers(url)`` starts two persistent worker processes (``spawn``: a fresh interpreter each, like
two workstations), each with its own engines on the database at ``url``. ``race(a, b)`` hands
each worker one call, both wait at a shared barrier and then run it at the same instant; it
returns what each call gave back as a plain ``Result`` (a success with the case's new version,
or the exception's class and message — a raw database error included, so a test can see it).
Starting a worker costs about a second, so one pair of workers serves a whole test module.
"""

from __future__ import annotations

import importlib
import multiprocessing as mp
import queue
import traceback
from dataclasses import dataclass
from typing import Any

Call = tuple[str, tuple[Any, ...]]
"""``("module:function", args)``: the function gets the worker's ``ServiceContext`` first."""

BARRIER_TIMEOUT = 30.0
RESULT_TIMEOUT = 90.0


@dataclass(frozen=True)
class Result:
    ok: bool
    version: int | None = None
    error: str = ""
    """The exception's class name when the call failed."""
    desk_error: bool = False
    """The failure was a ``DeskError`` (a message meant for the user), not a raw exception."""
    message: str = ""
    detail: str = ""
    """The traceback of an exception that was not a ``DeskError``."""


def _serve(url: str, inbox: Any, outbox: Any, barrier: Any) -> None:
    from hotline_desk.domain.errors import DeskError
    from hotline_desk.services.context import ServiceContext
    from hotline_desk.store.engine import make_engines

    ctx = ServiceContext.for_engines(make_engines(url))
    try:
        while (job := inbox.get()) is not None:
            target, args = job
            module, name = target.split(":")
            fn = getattr(importlib.import_module(module), name)
            barrier.wait(BARRIER_TIMEOUT)
            try:
                value = fn(ctx, *args)
                outbox.put(Result(True, getattr(value, "version", None)))
            except DeskError as exc:
                outbox.put(Result(False, error=type(exc).__name__, desk_error=True,
                                  message=str(exc.message)))  # fmt: skip
            except Exception as exc:  # noqa: BLE001 - a raw error is what the test looks for
                outbox.put(Result(False, error=type(exc).__name__, message=str(exc)[:500],
                                  detail=traceback.format_exc()[-2000:]))  # fmt: skip
    finally:
        ctx.engines.dispose()


class Racers:
    """Two worker processes on one database; ``close()`` (or ``with``) stops them."""

    def __init__(self, url: str) -> None:
        spawn = mp.get_context("spawn")
        self._barrier = spawn.Barrier(2)
        self._inboxes = [spawn.Queue(), spawn.Queue()]
        self._outboxes = [spawn.Queue(), spawn.Queue()]
        self._procs = [
            spawn.Process(target=_serve, args=(url, i, o, self._barrier), daemon=True)
            for i, o in zip(self._inboxes, self._outboxes, strict=True)
        ]
        for p in self._procs:
            p.start()

    def race(self, a: Call, b: Call) -> tuple[Result, Result]:
        for inbox, call in zip(self._inboxes, (a, b), strict=True):
            inbox.put(call)
        first, second = (self._result(i) for i in range(2))
        return first, second

    def _result(self, i: int) -> Result:
        waited = 0.0
        while True:
            try:
                return self._outboxes[i].get(timeout=1.0)  # type: ignore[no-any-return]
            except queue.Empty:
                waited += 1.0
                if not self._procs[i].is_alive() or waited > RESULT_TIMEOUT:
                    raise RuntimeError(f"worker {i} died or hung") from None

    def close(self) -> None:
        for inbox in self._inboxes:
            inbox.put(None)
        for p in self._procs:
            p.join(10)
            if p.is_alive():  # pragma: no cover - a stuck worker
                p.kill()

    def __enter__(self) -> Racers:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
