"""办理结果回传 on SQLite and PostgreSQL: the round trip import → route, sign, reply → results
export holds the same 工单编号, masked (no caller data), only platform cases, marked sent so the
next export is empty unless the sent ones are asked for; CSV and XLSX."""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import select

from hotline_desk.domain.platform_columns import RESULT_COLUMNS
from hotline_desk.services.cases import read_model, registration
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.intake import platform_import
from hotline_desk.services.intake.platform_export import export_results
from hotline_desk.services.lifecycle import handling, replies, routing
from hotline_desk.services.lifecycle.dto import RouteInput
from hotline_desk.store.models import AuditLog, Case, OrgUnit
from tests.conftest import Clock, MakeActor
from tests.factories import case_input
from tests.platform_files import ref, row, write_xlsx


def _unit(ctx: ServiceContext, code: str) -> int:
    with ctx.uow.read() as uow:
        return uow.session.execute(select(OrgUnit.id).where(OrgUnit.code == code)).scalar_one()


def _handle(ctx: ServiceContext, desk, handler, head, case_id: int, reply: str) -> None:  # type: ignore[no-untyped-def]
    with ctx.uow.read() as uow:
        version = uow.session.get(Case, case_id).version  # type: ignore[union-attr]
    d = routing.route_case(ctx, desk, case_id, version,
                           RouteInput(tier=2, lead_unit_id=_unit(ctx, "CYFZ")))  # fmt: skip
    d = handling.sign_case(ctx, handler, case_id, d.version)
    d = replies.submit_reply(ctx, handler, case_id, d.version, reply)
    d = replies.approve_reply(ctx, head, case_id, d.version, "同意")
    replies.record_reply(ctx, desk, case_id, d.version, "phone",
                         ctx.now() - timedelta(minutes=1), "李先生")  # fmt: skip


def test_round_trip_import_handle_export(
    ctx: ServiceContext, make_actor: MakeActor, tmp_path: Path, clock: Clock
) -> None:
    desk = make_actor("desk", "intake")
    handler = make_actor("handler", unit="CYFZ")
    head = make_actor("section_head", unit="CYFZ")
    f = write_xlsx(tmp_path / "a.xlsx", [row(i) for i in range(1, 4)])
    platform_import.run_import(ctx, desk, platform_import.preview_import(ctx, desk, f))
    with ctx.uow.read() as uow:
        ids = dict(uow.session.execute(select(Case.platform_ref, Case.id)).all())
    # a hand-typed case without 平台工单号 is never sent back
    own = registration.register_case(ctx, desk, case_input(ctx))
    clock.now += timedelta(hours=1)
    _handle(ctx, desk, handler, head, ids[ref(1)],
            "已联系李四海（电话13812340001），供电公司将于本周内接电。")  # fmt: skip
    _handle(ctx, desk, handler, head, ids[ref(2)], "已协调供电公司加快报装。")
    work = read_model.get_case(ctx, desk, ids[ref(2)]).work
    assert work is not None and work.deadlines is not None  # shown beside the desk's own
    assert work.deadlines.external_deadline == datetime(2026, 11, 23, 18, 0)
    assert work.deadlines.reply_deadline != work.deadlines.external_deadline
    _handle(ctx, desk, handler, head, own.id, "已答复政策口径。")

    day = clock.now.date()
    out = tmp_path / "回传.xlsx"
    result = export_results(ctx, desk, day - timedelta(days=1), day, out)
    assert set(result.platform_refs) == {ref(1), ref(2)}  # the same 工单编号, not ref(3)
    sheet = load_workbook(out).active
    assert sheet is not None
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert tuple(rows[0]) == RESULT_COLUMNS
    by_ref = {r[0]: r for r in rows[1:]}
    first = by_ref[ref(1)]
    assert "李四海" not in first[1] and "13812340001" not in first[1]  # masked
    assert "供电公司将于本周内接电" in first[1]
    assert first[3] == "产业发展科" and first[4] == handler.display_name
    assert first[6] == "否" and first[7] == "待回访"
    flat = " ".join(str(v) for r in rows for v in r)
    assert "13812340002" not in flat and "高新区创业路18号201室" not in flat

    again = export_results(ctx, desk, day - timedelta(days=1), day, tmp_path / "b.csv", "csv")
    assert again.rows == 0  # only what is new
    full = export_results(ctx, desk, day - timedelta(days=1), day, tmp_path / "c.csv", "csv",
                          include_sent=True)  # fmt: skip
    assert full.rows == 2
    with open(tmp_path / "c.csv", encoding="utf-8-sig", newline="") as fh:
        lines = list(csv.reader(fh))
    assert tuple(lines[0]) == RESULT_COLUMNS and {r[0] for r in lines[1:]} == {ref(1), ref(2)}
    with ctx.uow.read() as uow:
        details = (
            uow.session.execute(select(AuditLog.detail).where(AuditLog.action == "platform_export"))
            .scalars()
            .all()
        )
    assert len(details) == 3 and '"rows": 2' in details[0]


def test_export_of_an_empty_period_writes_only_the_header(
    ctx: ServiceContext, make_actor: MakeActor, tmp_path: Path
) -> None:
    desk = make_actor("desk", "intake")
    out = tmp_path / "x.csv"
    assert export_results(ctx, desk, date(2026, 1, 1), date(2026, 1, 31), out, "csv").rows == 0
    assert out.read_text(encoding="utf-8-sig").splitlines() == [",".join(RESULT_COLUMNS)]
