"""The one way the GUI runs a write: errors mapped one way, changes announced after the commit.

``write()`` runs a short write (one case action, one admin edit) on the GUI thread;
``write_in_background()`` runs a long one (recomputing every open case's deadlines) on the task
runner with progress and cancel. Both collect what the service call committed
(``ServiceContext.collect``) and announce it on the application bus with the initiating widget,
so every view refreshes itself; a caller says "saved" only in its success callback, which runs
after the commit. Field errors go beside their fields when the caller shows them
(``field_errors``), anything else the service refuses is shown by ``show_error``, and anything
unexpected is logged and shown readably. A cancelled long write still announces the batches it
committed before it stopped.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtWidgets import QWidget

from hotline_desk.domain.changes import NOTHING, Changes
from hotline_desk.domain.errors import ValidationError
from hotline_desk.gui.common.bus import app_bus
from hotline_desk.gui.common.errors import show_error
from hotline_desk.gui.common.tasks import Cancelled, CancelToken, TaskRunner
from hotline_desk.gui.common.widgets import ErrorLabel
from hotline_desk.services.context import ServiceContext

T = TypeVar("T")
FieldErrors = Callable[[dict[str, str]], None]
"""Puts each message beside its field (``{}`` clears them)."""


@dataclass(frozen=True)
class Written(Generic[T]):
    """A write's result after its commit, and what it changed."""

    result: T
    changes: Changes = NOTHING
    cancelled: bool = False


def into_labels(labels: Mapping[str, ErrorLabel], fallback: str | None = None) -> FieldErrors:
    """Field errors shown in ``labels`` by field name (unknown fields in ``fallback``'s)."""

    def show(errors: dict[str, str]) -> None:
        for label in labels.values():
            label.set_error("")
        for field, message in errors.items():
            target = labels.get(field) or (labels.get(fallback) if fallback else None)
            if target is not None:
                target.set_error(message)

    return show


def write(
    parent: QWidget | None,
    ctx: ServiceContext,
    call: Callable[[], T],
    field_errors: FieldErrors | None = None,
    initiator: object = None,
    on_refused: Callable[[], None] | None = None,
) -> Written[T] | None:
    """Run ``call`` (one service write) now; None when it was refused. Field errors go to
    ``field_errors`` (the form stays for correcting); any other refusal is shown and then
    ``on_refused`` runs (a dialog closes: nothing there can be corrected)."""
    if field_errors is not None:
        field_errors({})
    try:
        with ctx.collect() as collected:
            result = call()
    except Exception as exc:  # noqa: BLE001 - DeskError shown as is, anything else logged
        announce(collected.changes, initiator or parent)
        if isinstance(exc, ValidationError) and exc.field_errors and field_errors is not None:
            field_errors(exc.field_errors)
        else:
            show_error(parent, exc)
            if on_refused is not None:
                on_refused()
        return None
    announce(collected.changes, initiator or parent)
    return Written(result, collected.changes)


def write_in_background(
    runner: TaskRunner,
    parent: QWidget,
    ctx: ServiceContext,
    work: Callable[..., Any],
    on_done: Callable[[Written[Any]], None],
    on_progress: Callable[[int, int], None] | None = None,
    on_failed: Callable[[BaseException], None] | None = None,
) -> CancelToken:
    """Run ``work(token=…, report=…)`` (either parameter optional) off the GUI thread.

    ``on_done`` gets the ``Written`` on the GUI thread, also when the user cancelled
    (``cancelled`` True, ``result`` None), since the batches before the cancel were committed.
    A failure is shown with ``show_error`` unless ``on_failed`` takes it."""
    wanted = inspect.signature(work).parameters

    def job(token: CancelToken, report: Callable[[int, int], None]) -> Written[Any]:
        kwargs: dict[str, Any] = {}
        if "token" in wanted:
            kwargs["token"] = token
        if "report" in wanted:
            kwargs["report"] = report
        with ctx.collect() as collected:
            try:
                result = work(**kwargs)
            except Cancelled:
                return Written(None, collected.changes, cancelled=True)
            except BaseException as exc:
                raise _Failed(exc, collected.changes) from exc
        return Written(result, collected.changes)

    def done(written: Written[Any]) -> None:
        announce(written.changes, parent)
        on_done(written)

    def failed(exc: BaseException) -> None:
        if isinstance(exc, _Failed):
            announce(exc.changes, parent)
            exc = exc.error
        (on_failed or (lambda e: show_error(parent, e)))(exc)

    return runner.run(job, done, failed, on_progress, deliver_cancelled=True)


class _Failed(Exception):
    """A background write's error, with what it had committed before it failed."""

    def __init__(self, error: BaseException, changes: Changes) -> None:
        super().__init__(str(error))
        self.error, self.changes = error, changes


def announce(changes: Changes, initiator: object = None) -> None:
    """Tell every view what changed (nothing happens for no changes)."""
    app_bus().announce(changes, initiator)
