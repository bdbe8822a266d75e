"""The case export at speed writes what it wrote before (issue 19: a 100,000-row CSV within
1.5× of the bare csv writer), on SQLite and PostgreSQL: on a demo desk with cells that start a
formula, a confidential caller, blank callers and a case without its search row, the CSV of
``export_cases`` (stored masked callers, the driver's tuples, one formula search a page) is
byte for byte the file the cell-by-cell way writes from the list's own rows and the callers
masked as the list masks them, masked and revealed; the XLSX holds the same cells; the stored
masked callers follow the caller's writes, and migration 0025 fills them."""

from __future__ import annotations

import csv
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from alembic import command
from sqlalchemy import select, text, update

from hotline_desk.demo.generate import generate_demo
from hotline_desk.reports.table_export import TableWriter
from hotline_desk.services.cases import catalog, queries, registration
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseFilter, CaseSort
from hotline_desk.services.output import exports
from hotline_desk.services.privacy import list_caller
from hotline_desk.store import migrate
from hotline_desk.store.models import Case, CaseSearch, Topic
from tests.factories import case_input
from tests.services.test_lifecycle_paths import Office, office

__all__ = ["office"]  # the fixture


def reference(ctx: ServiceContext, actor: Actor, path: Path, fmt: str, reveal: bool,
              flt: CaseFilter | None = None) -> int:  # fmt: skip
    """The export as it was written before: the list's rows as SQLAlchemy returns them, each
    caller masked here, every row through ``TableWriter.row`` cell by cell."""
    flt = flt or CaseFilter()
    labels = exports._labels()
    chan, cat, urg, stat = (labels[k] for k in ("channel", "category", "urgency", "status"))
    done, after = 0, None
    with TableWriter(path, fmt, [c[1] for c in exports.CASE_COLUMNS],
                     [c[2] for c in exports.CASE_COLUMNS],
                     trace=exports._traced(ctx, actor)) as writer:  # fmt: skip
        while True:
            with ctx.uow.read() as uow:
                rows, after = queries._rows(uow.session, actor, flt, CaseSort(), after, 97,
                                            None, not reveal)  # fmt: skip
            for r in rows:
                title = r[10] if reveal else queries._masked_title(r)
                if reveal and not r[14]:
                    name, phone = r[4] or "", r[5] or ""
                else:
                    name, phone = list_caller(r[4], r[5], bool(r[14]))
                writer.row((r[1], r[3], chan.get(r[2], r[2]), cat.get(r[6], r[6]),
                            urg.get(r[8], r[8]), r[7] or "", title, name, phone, r[12] or "",
                            stat.get(r[11], r[11]), bool(r[9])))  # fmt: skip
                done += 1
            if after is None:
                return done


def odd_cases(ctx: ServiceContext) -> dict[str, int]:
    """Cases of the demo made awkward through bulk UPDATEs (the search index follows them)."""
    with ctx.uow.read() as uow:
        ids = list(uow.session.execute(select(Case.id).order_by(Case.id.desc()).limit(8))
                   .scalars())  # fmt: skip
    edits: dict[str, dict[str, Any]] = {
        "formula": {
            "title": "=1+2 反映噪音",
            "caller_name": "@张三",
            "caller_phone": "+8613812345678",
        },
        "confidential": {"confidential": True},
        "blank": {"caller_name": "", "caller_phone": ""},
        "separator": {"title": "噪音\x1f=SUM(A1)"},
        "tab": {"title": "\t开头", "caller_name": "-李四"},
        "landline": {"caller_phone": "0571-87654321", "caller_name": "欧阳小明"},
        "no_row": {"title": "李明反映13812345678停水"},
    }
    named = dict(zip(edits, ids, strict=False))
    with ctx.uow.write() as uow:
        for key, values in edits.items():
            uow.session.execute(update(Case).where(Case.id == named[key]).values(**values))
        topic = uow.session.scalar(select(Case.topic_id).where(Case.id == named["tab"]))
        uow.session.execute(update(Topic).where(Topic.id == topic).values(name="+加号事项"))
        uow.commit()
    with ctx.uow.write() as uow:  # as a row written behind the store would find it
        uow.session.execute(text("DELETE FROM case_search WHERE case_id = :i"),
                            {"i": named["no_row"]})  # fmt: skip
        uow.commit()
    return named


@pytest.fixture
def demo_desk(ctx: ServiceContext, office: Office) -> dict[str, int]:
    generate_demo(ctx, 240, seed=11)
    return odd_cases(ctx)


@pytest.mark.parametrize("reveal", [False, True])
def test_the_csv_is_byte_for_byte_what_the_cell_by_cell_way_writes(
    ctx: ServiceContext, office: Office, demo_desk: dict[str, int], tmp_path: Path, reveal: bool
) -> None:
    result = exports.export_cases(ctx, office.desk, CaseFilter(), tmp_path / "new.csv", "csv",
                                  reveal=reveal)  # fmt: skip
    rows = reference(ctx, office.desk, tmp_path / "old.csv", "csv", reveal)
    assert result.rows == rows == 240
    new, old = (tmp_path / "new.csv").read_bytes(), (tmp_path / "old.csv").read_bytes()
    assert new == old
    with open(tmp_path / "new.csv", encoding="utf-8-sig", newline="") as f:
        cells = {r[0]: r for r in csv.reader(f)}
    with ctx.uow.read() as uow:
        numbers = dict(uow.session.execute(select(Case.id, Case.case_no)).all())
    formula = cells[numbers[demo_desk["formula"]]]
    assert formula[6].startswith("'=")
    assert formula[7:9] == (["'@张三", "'+8613812345678"] if reveal
                            else ["'@*三", "'+861******5678"])  # fmt: skip
    assert cells[numbers[demo_desk["tab"]]][5] == "'+加号事项"
    assert cells[numbers[demo_desk["confidential"]]][7] == "（保密）"
    assert cells[numbers[demo_desk["blank"]]][7:9] == ["", ""]
    assert cells[numbers[demo_desk["separator"]]][6] == "噪音\x1f=SUM(A1)"  # not a cell start
    if not reveal:
        assert "13812345678" not in cells[numbers[demo_desk["no_row"]]][6]


@pytest.mark.parametrize("window", ["from", "to", "both", "none received"])
def test_a_dated_export_holds_what_the_list_shows_for_those_dates(
    ctx: ServiceContext, office: Office, demo_desk: dict[str, int], tmp_path: Path, window: str
) -> None:
    """The export walks only the ids of the cases received in the dates
    (``export_rows.received_ids``): a letter registered last but received early is in it."""
    with ctx.uow.read() as uow:
        times = sorted(uow.session.execute(select(Case.received_at)).scalars())
    start, end = times[len(times) // 3].date(), times[2 * len(times) // 3].date()
    topic = next(t.id for t in catalog.list_topics(ctx) if t.lead_unit_id)
    late = office.register(received_at=datetime.combine(start, time(10)), topic_id=topic)
    flt = {
        "from": CaseFilter(received_from=start),
        "to": CaseFilter(received_to=start),
        "both": CaseFilter(received_from=start, received_to=end),
        "none received": CaseFilter(received_from=date(2001, 1, 1), received_to=date(2001, 1, 2)),
    }[window]
    result = exports.export_cases(ctx, office.desk, flt, tmp_path / "new.csv", "csv")
    rows = reference(ctx, office.desk, tmp_path / "old.csv", "csv", False, flt)
    assert result.rows == rows
    assert (tmp_path / "new.csv").read_bytes() == (tmp_path / "old.csv").read_bytes()
    with open(tmp_path / "new.csv", encoding="utf-8-sig", newline="") as f:
        numbers = [r[0] for r in csv.reader(f)][1:]
    if window == "none received":
        assert numbers == []
    else:
        assert late.case_no in numbers and 0 < len(numbers) < 241


def test_the_xlsx_holds_the_same_cells(
    ctx: ServiceContext, office: Office, demo_desk: dict[str, int], tmp_path: Path
) -> None:
    exports.export_cases(ctx, office.desk, CaseFilter(), tmp_path / "new.xlsx", "xlsx")
    reference(ctx, office.desk, tmp_path / "old.xlsx", "xlsx", False)
    books = [openpyxl.load_workbook(tmp_path / f"{n}.xlsx", read_only=True) for n in ("new", "old")]
    new, old = ([tuple(r) for r in b.active.iter_rows(values_only=True)] for b in books)
    assert new == old and len(new) == 241
    assert {r[11] for r in new[1:]} <= {"是", "否"}
    sheet = openpyxl.load_workbook(tmp_path / "new.xlsx").active
    case_no, received, title = sheet["A2"], sheet["B2"], sheet["G2"]
    assert {c.font.name for c in (case_no, received, title)} == {"宋体"}  # the workbook's font
    assert received.number_format == "yyyy-mm-dd hh:mm" and title.alignment.wrap_text
    assert sheet["A1"].font.b and sheet.freeze_panes == "A2"


def test_the_stored_masked_caller_follows_the_callers_writes(
    ctx: ServiceContext, office: Office
) -> None:
    case = office.register(caller_name="张三明", caller_phone="13812345678")

    def stored() -> tuple[str, str]:
        with ctx.uow.read() as uow:
            row = uow.session.execute(select(CaseSearch.masked_name, CaseSearch.masked_phone)
                                      .where(CaseSearch.case_id == case.id)).one()  # fmt: skip
        return row[0], row[1]

    assert stored() == ("张*明", "138****5678")
    changed = case_input(ctx, caller_name="李四", caller_phone="0571-87654321")
    registration.update_case(ctx, office.desk, case.id, case.version, changed)
    assert stored() == ("李*", "0571-****4321")
    with ctx.uow.write() as uow:
        uow.session.execute(update(Case).where(Case.id == case.id).values(caller_phone=""))
        uow.commit()
    assert stored() == ("李*", "")


def test_migration_0025_fills_the_masked_callers(ctx: ServiceContext, office: Office) -> None:
    generate_demo(ctx, 60, seed=3)
    with ctx.uow.read() as uow:
        expected = {i: list_caller(n, p, False) for i, n, p in uow.session.execute(
            select(Case.id, Case.caller_name, Case.caller_phone))}  # fmt: skip
    cfg = migrate.alembic_config()
    with ctx.engines.writer.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0020_masked_title")
        command.upgrade(cfg, "head")
    with ctx.uow.read() as uow:
        stored = select(CaseSearch.case_id, CaseSearch.masked_name, CaseSearch.masked_phone)
        filled = {i: (n, p) for i, n, p in uow.session.execute(stored)}
    assert filled == expected and any(n for n, _p in filled.values())
