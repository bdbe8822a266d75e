"""The stored masked title (issue 19: exports without the detector per row) on SQLite and
PostgreSQL: it follows every write of the title or of the caller — registration, correction,
a bulk UPDATE, the platform import — equals what the detector makes of the title with the
caller's fields, and is what the list shows a user who may not see personal data and what a
masked export writes; a case whose row lacks it is masked all the same."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import select, text, update

from hotline_desk.domain.privacy.detector import masked_title
from hotline_desk.services.cases import registration
from hotline_desk.services.cases.queries import list_cases
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import CaseFilter
from hotline_desk.services.intake import platform_import
from hotline_desk.services.output import exports
from hotline_desk.store.models import Case, CaseSearch
from tests.conftest import MakeActor
from tests.factories import case_input
from tests.platform_files import row, write_xlsx
from tests.services.test_lifecycle_paths import Office, office
from tests.services.test_search import dispatched_to

__all__ = ["office"]  # the fixture

PERSONAL_TITLE = "张三明反映解放路88号3单元噪音，电话13812345678"


def stored(ctx: ServiceContext) -> dict[int, tuple[str, str]]:
    """case id -> (masked title stored, masked title the detector makes now)."""
    with ctx.uow.read() as uow:
        rows = uow.session.execute(
            select(Case.id, Case.title, Case.caller_name, Case.caller_phone,
                   Case.caller_address, CaseSearch.masked_title)
            .join(CaseSearch, CaseSearch.case_id == Case.id)
        ).all()  # fmt: skip
    return {r[0]: (r[5], masked_title(r[1], r[2], r[3], r[4])) for r in rows}


def assert_follows(ctx: ServiceContext) -> dict[int, str]:
    pairs = stored(ctx)
    assert pairs and all(kept == now for kept, now in pairs.values()), pairs
    return {i: kept for i, (kept, _now) in pairs.items()}


def test_registration_stores_the_title_scrubbed_with_the_caller(
    ctx: ServiceContext, office: Office
) -> None:
    case = office.register(title=PERSONAL_TITLE)
    masked = assert_follows(ctx)[case.id]
    assert "张三明" not in masked and "13812345678" not in masked and "88号" not in masked
    assert "噪音" in masked
    # the list shows it to a user who may not see personal data, the title to one who may
    dispatched_to(ctx, office, case)
    (shown,) = list_cases(ctx, office.handler, CaseFilter()).rows
    assert shown.title == masked
    (own,) = list_cases(ctx, office.desk, CaseFilter()).rows
    assert own.title == PERSONAL_TITLE


def test_correcting_the_title_or_only_the_caller_rewrites_it(
    ctx: ServiceContext, office: Office
) -> None:
    case = office.register(title="咨询社保缴费")
    assert assert_follows(ctx)[case.id] == "咨询社保缴费"
    title = "小明反映社保缴费"  # a name the detector knows only as the caller's
    case = registration.update_case(
        ctx, office.desk, case.id, case.version, case_input(ctx, title=title)
    )
    assert assert_follows(ctx)[case.id] == title
    registration.update_case(
        ctx, office.desk, case.id, case.version, case_input(ctx, title=title, caller_name="小明")
    )
    assert assert_follows(ctx)[case.id] == "某某反映社保缴费"  # the caller now: scrubbed


def test_a_bulk_update_of_the_title_is_followed(ctx: ServiceContext, office: Office) -> None:
    case = office.register(title="咨询社保缴费")
    with ctx.uow.write() as uow:
        uow.session.execute(update(Case).where(Case.id == case.id).values(title=PERSONAL_TITLE))
        uow.commit()
    assert "13812345678" not in assert_follows(ctx)[case.id]


def test_the_platform_import_stores_them(
    ctx: ServiceContext, make_actor: MakeActor, tmp_path: Path
) -> None:
    desk = make_actor("desk", "intake")
    rows = [row(i, **{"标题": f"李四海反映用电报装慢，电话1381234{i:04d}"}) for i in range(1, 6)]
    preview = platform_import.preview_import(ctx, desk, write_xlsx(tmp_path / "导出.xlsx", rows))
    assert platform_import.run_import(ctx, desk, preview).added == 5
    masked = assert_follows(ctx)
    assert len(masked) == 5 and not any("李四海" in m for m in masked.values())


def test_the_masked_export_writes_them_and_masks_a_case_without_one(
    ctx: ServiceContext, office: Office, tmp_path: Path
) -> None:
    first = office.register(title=PERSONAL_TITLE)
    second = office.register(title='=HYPERLINK("x") 王五来电', caller_name="王五")
    masked = assert_follows(ctx)
    with ctx.uow.write() as uow:  # as a row written behind the store would find it
        uow.session.execute(text("DELETE FROM case_search WHERE case_id = :i"), {"i": second.id})
        uow.commit()
    result = exports.export_cases(ctx, office.desk, CaseFilter(), tmp_path / "x.csv", "csv")
    assert result.rows == 2 and result.masked
    with open(tmp_path / "x.csv", encoding="utf-8-sig", newline="") as f:
        titles = [r[6] for r in csv.reader(f)][1:]
    assert titles[1] == masked[first.id]
    assert titles[0].startswith("'=") and "王五" not in titles[0]  # computed, and defused
    revealed = exports.export_cases(ctx, office.desk, CaseFilter(), tmp_path / "r.csv", "csv",
                                    reveal=True)  # fmt: skip
    assert revealed.rows == 2
    with open(tmp_path / "r.csv", encoding="utf-8-sig", newline="") as f:
        assert [r[6] for r in csv.reader(f)][2] == PERSONAL_TITLE
