"""The demo build's batches of rows, made in this process or, for a large build, in a second
one while this one writes the batch before.

Making the rows is Python (``CaseBuilder``, the facts, the search rows); writing them is half
SQLite's C and half Python preparing parameters. In one process the two take turns, whatever
the threads (a writer thread beside the builder was tried twice: no faster, the GIL
alternates them), so a second core sat idle. ``batches_from_child`` runs ``batches`` in a
spawned process (as on Windows, so the same on every platform) and hands the batches over
through a queue of at most ``AHEAD`` batches (the memory of two batches, not of the build).

Either way the batches are the same, in the same order: the child starts from the same
``BuildPlan`` and seed. Its end (``Ended``) carries what the writer needs afterwards: the case
number counters and the duplicate lines that name a later batch's case. A failure in the
child is raised here; a child that vanished (killed) ends the build with ``DeskError``.
"""

from __future__ import annotations

import multiprocessing
import pickle
import queue
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from hotline_desk.demo.cases import CaseBuilder
from hotline_desk.demo.derived import batch_facts, batch_search_rows
from hotline_desk.demo.rows import Batch, Org, Row
from hotline_desk.domain.errors import DeskError
from hotline_desk.services.supervision.clocks import Rules

AHEAD = 2
"""Batches the child may have made before the writer takes them."""
WAIT_S = 2.0
"""How often the writer, waiting for a batch, looks whether the child is still there."""


@dataclass(frozen=True)
class BuildPlan:
    """Everything the builder starts from (picklable: it goes to the child)."""

    seed: int
    now: datetime
    topics: list[tuple[Any, ...]]
    org: Org
    user_ids: dict[str, int]
    counters: dict[str, int]
    n_cases: int
    rules: Rules
    first_id: int
    next_event: int
    next_draft: int
    batch_size: int
    years: int = 1
    """The cases are received over this many years before ``now``."""


@dataclass
class Made:
    """One batch: its rows per table, and the facts and search rows derived from them."""

    batch: Batch
    facts: list[Row]
    found: list[Row]


@dataclass(frozen=True)
class Ended:
    """After the last batch: the counters as the build left them, and the masters' lines
    naming a duplicate built in a later batch (event id, text)."""

    counters: dict[str, int]
    late_summaries: list[tuple[int, str]]


@dataclass(frozen=True)
class _Failed:
    error: BaseException


def batches(plan: BuildPlan) -> Iterator[Made | Ended]:
    """The batches of ``plan`` in order, then ``Ended``."""
    counters = dict(plan.counters)
    builder = CaseBuilder(random.Random(plan.seed), plan.now, plan.topics, plan.org,
                          plan.user_ids, counters, plan.n_cases, plan.rules,
                          plan.years)  # fmt: skip
    batch = Batch(plan.next_event, plan.next_draft)
    case_id, done = plan.first_id, 0
    while done < plan.n_cases:
        batch = Batch(batch.next_event, batch.next_draft)
        for index in range(done, min(done + plan.batch_size, plan.n_cases)):
            builder.build(index, case_id, batch)
            case_id += 1
        done += len(batch.cases)
        # facts with their history and search rows, from the rows in memory (before
        # ``write`` turns SQLite's times to text): no read back
        yield Made(batch, batch_facts(batch), batch_search_rows(batch))
        batch.written = True  # out of the builder's hands: a later change is a late summary
    yield Ended(counters, builder.planner.late_summaries)


def _child(plan: BuildPlan, out: Any) -> None:
    """The child process: every batch into ``out``, or what went wrong."""
    try:
        for item in batches(plan):  # pickled now, before the builder goes on: the queue's
            out.put(pickle.dumps(item, pickle.HIGHEST_PROTOCOL))  # own thread would do it later
    except BaseException as exc:  # noqa: BLE001 - handed to the writer, which raises it
        try:
            failed = pickle.dumps(_Failed(exc), pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - an error that does not pickle: its text then
            failed = pickle.dumps(_Failed(RuntimeError(repr(exc))), pickle.HIGHEST_PROTOCOL)
        out.put(failed)


def batches_from_child(plan: BuildPlan) -> Iterator[Made | Ended]:
    """``batches(plan)``, made in a child process while the caller writes."""
    spawn = multiprocessing.get_context("spawn")
    out = spawn.Queue(maxsize=AHEAD)
    child = spawn.Process(target=_child, args=(plan, out), name="demo-builder", daemon=True)
    child.start()
    try:
        while True:
            try:
                item = pickle.loads(out.get(timeout=WAIT_S))
            except queue.Empty:
                if not child.is_alive():
                    raise DeskError("演示数据的生成进程意外退出，已写入的批次保留。") from None
                continue
            if isinstance(item, _Failed):
                raise item.error
            yield item
            if isinstance(item, Ended):
                return
    finally:
        if child.is_alive():
            child.terminate()
        child.join(10)
        out.close()
