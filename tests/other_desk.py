"""Another desk, in a process of its own, for the two-desk tests: ``python -m tests.other_desk
URL register USERNAME`` or ``... route USERNAME CASE_ID`` does one write on the database at URL
and prints one JSON line with the case id and ``time.time()`` right after the commit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def start(url: str, *args: str, module: str = "tests.other_desk") -> subprocess.Popen[str]:
    """The other desk (or another ``module`` run like it), started (its output: ``finish``)."""
    env = dict(
        os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
    )
    return subprocess.Popen(
        [sys.executable, "-m", module, url, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen[str], timeout: float = 60) -> dict[str, Any]:
    out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, err
    return json.loads(out.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main(url: str, what: str, username: str, *rest: str) -> dict[str, Any]:
    from sqlalchemy import select

    from hotline_desk.services.admin.auth import actor_for
    from hotline_desk.services.cases import read_model, registration
    from hotline_desk.services.context import ServiceContext
    from hotline_desk.services.lifecycle import routing
    from hotline_desk.services.lifecycle.dto import RouteInput
    from hotline_desk.store.engine import make_engines
    from hotline_desk.store.models import OrgUnit, User
    from tests.factories import case_input

    ctx = ServiceContext.for_engines(make_engines(url))
    with ctx.uow.read() as uow:
        user = uow.session.execute(select(User).where(User.username == username)).scalar_one()
        actor = actor_for(uow.session, user)
        section = uow.session.execute(select(OrgUnit.id).where(OrgUnit.code == "CYFZ")).scalar()
    if what == "register":
        case_id = registration.register_case(ctx, actor, case_input(ctx)).id
    elif what == "route":
        case = read_model.get_case(ctx, actor, int(rest[0]))
        route = RouteInput(tier=2, lead_unit_id=section, opinion="请核实答复")
        case_id = routing.route_case(ctx, actor, case.id, case.version, route).id
    else:
        raise SystemExit(f"unknown write {what}")
    committed = time.time()
    ctx.engines.dispose()
    return {"case_id": case_id, "committed": committed}


if __name__ == "__main__":
    print(json.dumps(main(*sys.argv[1:])), flush=True)
