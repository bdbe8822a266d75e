"""A desk that keeps writing, in a process of its own, for the backup drills: ``python -m
tests.backup_writer URL USERNAME STOP_FILE`` registers one case per transaction until STOP_FILE
exists, prints ``started`` after its fifth commit and at the end one JSON line: the case ids in
the order they were committed and ``time.time()`` right after each commit. After each commit
it writes how many it has made to ``STOP_FILE.n`` (``commits``: the drills wait for them)."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any


def main(url: str, username: str, stop_file: str) -> dict[str, Any]:
    from sqlalchemy import select

    from hotline_desk.services.admin.auth import actor_for
    from hotline_desk.services.cases import registration
    from hotline_desk.services.context import ServiceContext
    from hotline_desk.store.engine import make_engines
    from hotline_desk.store.models import User
    from tests.factories import case_input

    ctx = ServiceContext.for_engines(make_engines(url))
    with ctx.uow.read() as uow:
        user = uow.session.execute(select(User).where(User.username == username)).scalar_one()
        actor = actor_for(uow.session, user)
    ids: list[int] = []
    times: list[float] = []
    stop = Path(stop_file)
    count, fresh = Path(f"{stop_file}.n"), Path(f"{stop_file}.n.new")
    deadline = time.time() + 120  # never outlives a broken test
    while not stop.exists() and time.time() < deadline:
        ids.append(registration.register_case(ctx, actor, case_input(ctx)).id)
        times.append(time.time())
        fresh.write_text(str(len(ids)), encoding="ascii")
        os.replace(fresh, count)  # in one step: a reader never sees half of it
        if len(ids) == 5:
            print("started", flush=True)
    ctx.engines.dispose()
    return {"ids": ids, "times": times}


def commits(stop_file: Path, at_least: int, timeout_s: float = 60) -> int:
    """Wait until the writer told of ``at_least`` commits; how many it has made by then."""
    count = Path(f"{stop_file}.n")
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            made = int(count.read_text(encoding="ascii"))
        except FileNotFoundError:
            made = 0
        if made >= at_least:
            return made
        assert time.monotonic() < deadline, f"the writer made {made} of {at_least} commits"
        time.sleep(0.002)


if __name__ == "__main__":
    print(json.dumps(main(*sys.argv[1:])), flush=True)
