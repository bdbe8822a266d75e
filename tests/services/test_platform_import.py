"""导入平台工单 on SQLite and PostgreSQL: real-looking platform exports (a merged title row over a
two-level header, numbers stored as text, Excel dates and date strings, full-width digits,
trailing blank rows) in XLSX and in CSV of every encoding; importing twice adds nothing; a row
changed on the platform is updated only when ticked; 10 % bad rows are refused whole and
reported, the others imported; a cancelled import resumes; hostile text in a cell is refused."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select
from sqlalchemy.orm import undefer_group

from hotline_desk.domain.errors import PermissionDenied
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.intake import mapping, platform_import
from hotline_desk.services.intake.error_report import write_error_report
from hotline_desk.services.intake.platform_import import CHANGED, NEW, REFUSED, UNCHANGED
from hotline_desk.store.models import AuditLog, Case, CaseEvent
from tests.conftest import MakeActor
from tests.platform_files import HEADERS, ref, row, write_csv, write_xlsx


def _cases(ctx: ServiceContext) -> dict[str, Case]:
    with ctx.uow.read() as uow:
        query = select(Case).where(Case.platform_ref.is_not(None))
        rows = list(uow.session.execute(query.options(undefer_group("platform"))).scalars())
        uow.session.expunge_all()  # detached with their values, for the assertions
        return {c.platform_ref or "": c for c in rows}


def _audits(ctx: ServiceContext, action: str) -> list[AuditLog]:
    with ctx.uow.read() as uow:
        q = select(AuditLog).where(AuditLog.action == action).order_by(AuditLog.id)
        rows = list(uow.session.execute(q).scalars())
        uow.session.expunge_all()
        return rows


def test_xlsx_with_real_headers_is_previewed_then_imported(
    ctx: ServiceContext, make_actor: MakeActor, tmp_path: Path
) -> None:
    desk = make_actor("desk", "intake")
    f = write_xlsx(tmp_path / "工单导出.xlsx", [row(i) for i in range(1, 13)])
    preview = platform_import.preview_import(ctx, desk, f)
    assert preview.unknown == () and preview.missing == ()
    assert "诉求人姓名" in preview.headers and "来电号码" in preview.headers  # two-level header
    assert [r.status for r in preview.rows] == [NEW] * 12  # the blank tail is no row
    assert preview.rows[0].line == 4  # title row, two header rows
    assert {r.topic_name for r in preview.rows} == {"企业政策"}
    assert all(r.lead_unit_name for r in preview.rows)  # the routing suggestion's lead
    assert _cases(ctx) == {}  # the preview writes nothing

    summary = platform_import.run_import(ctx, desk, preview)
    assert (summary.added, summary.refused, summary.cancelled) == (12, (), False)
    cases = _cases(ctx)
    c3, c7, c2 = cases[ref(3)], cases[ref(7)], cases[ref(2)]
    assert c3.caller_phone == "13812340003"  # full-width digits read as digits
    assert c3.channel == "platform" and c3.status == "registered"
    assert c7.anonymous and c7.caller_name == ""  # 匿名
    assert c2.received_at == datetime(2026, 11, 18, 9, 2)  # an Excel date
    assert cases[ref(1)].received_at == datetime(2026, 11, 18, 9, 1)  # a date string
    assert c2.external_deadline == datetime(2026, 11, 23, 18, 0)
    assert c2.platform_dispatched_at == datetime(2026, 11, 18, 9, 32)
    assert c2.reply_deadline is not None  # the desk's own clock runs beside it
    assert "发生地址：高新区创业路18号" in c2.content
    with ctx.uow.read() as uow:
        lines = uow.session.execute(
            select(CaseEvent.kind, CaseEvent.summary).where(CaseEvent.case_id == c2.id)
        ).all()
    assert lines == [("registered", "12345平台转办登记，来自平台导入文件 工单导出.xlsx")]
    assert len(_audits(ctx, "case_register")) == 12
    (imp,) = _audits(ctx, "platform_import")
    assert imp.object_id == "工单导出.xlsx" and '"added": 12' in imp.detail


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gb18030"])
def test_csv_in_each_encoding_reads_like_the_workbook(
    ctx: ServiceContext, make_actor: MakeActor, tmp_path: Path, encoding: str
) -> None:
    desk = make_actor("desk", "intake")
    rows = [row(i) for i in range(1, 6)]
    platform_import.run_import(
        ctx, desk, platform_import.preview_import(ctx, desk, write_xlsx(tmp_path / "a.xlsx", rows))
    )
    f = write_csv(tmp_path / "a.csv", rows, encoding)
    if encoding == "gb18030":
        assert "工单编号".encode("gb18030") in f.read_bytes()  # really not UTF-8
    preview = platform_import.preview_import(ctx, desk, f)
    assert [r.status for r in preview.rows] == [UNCHANGED] * 5  # same values, same digest
    assert {r.case_no for r in preview.rows} == {c.case_no for c in _cases(ctx).values()}


def test_importing_twice_adds_nothing(
    ctx: ServiceContext, make_actor: MakeActor, tmp_path: Path
) -> None:
    desk = make_actor("desk", "intake")
    f = write_xlsx(tmp_path / "a.xlsx", [row(i) for i in range(1, 9)])
    platform_import.run_import(ctx, desk, platform_import.preview_import(ctx, desk, f))
    again = platform_import.run_import(ctx, desk, platform_import.preview_import(ctx, desk, f))
    assert (again.added, again.updated, again.unchanged) == (0, 0, 8)
    assert len(_cases(ctx)) == 8 and len(_audits(ctx, "case_register")) == 8
    assert len(_audits(ctx, "platform_import")) == 2  # every import is audited, with counts


def test_a_row_changed_on_the_platform_is_updated_only_when_ticked(
    ctx: ServiceContext, make_actor: MakeActor, tmp_path: Path
) -> None:
    desk = make_actor("desk", "intake")
    platform_import.run_import(ctx, desk, platform_import.preview_import(
        ctx, desk, write_xlsx(tmp_path / "a.xlsx", [row(i) for i in range(1, 4)])))  # fmt: skip
    changed = row(
        2, 标题="反映企业用电报装进度缓慢（催办）", **{"市截止时间（办理时限）": "2026-11-30 18:00"}
    )
    f = write_xlsx(tmp_path / "b.xlsx", [row(1), changed, row(3)])
    preview = platform_import.preview_import(ctx, desk, f)
    assert [r.status for r in preview.rows] == [UNCHANGED, CHANGED, UNCHANGED]
    fields = {c[0]: c[1:] for c in preview.rows[1].changes}
    assert fields["标题"] == ("反映企业用电报装进度缓慢第2号", "反映企业用电报装进度缓慢（催办）")
    assert fields["平台截止时间"] == ("2026-11-23 18:00", "2026-11-30 18:00")

    skipped = platform_import.run_import(ctx, desk, preview)  # not ticked
    assert (skipped.updated, skipped.skipped) == (0, 1)
    assert _cases(ctx)[ref(2)].title == "反映企业用电报装进度缓慢第2号"

    done = platform_import.run_import(ctx, desk, preview, frozenset({ref(2)}))
    assert done.updated == 1
    case = _cases(ctx)[ref(2)]
    assert case.title == "反映企业用电报装进度缓慢（催办）"
    assert case.external_deadline == datetime(2026, 11, 30, 18, 0)
    with ctx.uow.read() as uow:
        summary, changes = uow.session.execute(
            select(CaseEvent.summary, CaseEvent.changes).where(
                CaseEvent.case_id == case.id, CaseEvent.kind == "edited"
            )
        ).one()
    assert "b.xlsx" in summary and "反映企业用电报装进度缓慢（催办）" in changes
    assert len(_audits(ctx, "case_platform_update")) == 1
    again = platform_import.preview_import(ctx, desk, f)
    assert [r.status for r in again.rows] == [UNCHANGED] * 3


def test_ten_percent_bad_rows_are_refused_whole_and_reported(
    ctx: ServiceContext, make_actor: MakeActor, tmp_path: Path
) -> None:
    desk = make_actor("desk", "intake")
    rows = [row(i) for i in range(1, 51)]
    bad = {
        5: {"来电号码": "12345"},
        10: {"受理时间": "昨天上午"},
        15: {"标题": ""},
        20: {"紧急程度": "十万火急"},
        25: {"工单类型": "闲聊"},
    }
    for i, over in bad.items():
        rows[i - 1] = row(i, **over)
    f = write_csv(tmp_path / "bad.csv", rows)
    preview = platform_import.preview_import(ctx, desk, f)
    refused = {r.platform_ref: dict(r.problems) for r in preview.rows if r.status == REFUSED}
    assert set(refused) == {ref(i) for i in bad}
    assert "11位手机号" in refused[ref(5)]["来电号码"]
    assert "2026-11-18 09:30" in refused[ref(10)]["受理时间"]  # what is allowed
    assert "一般、紧急、特急" in refused[ref(20)]["紧急程度"]
    assert "咨询" in refused[ref(25)]["工单类型"]
    summary = platform_import.run_import(ctx, desk, preview)
    assert summary.added == 45 and {r.platform_ref for r in summary.refused} == set(refused)
    assert set(_cases(ctx)) == {ref(i) for i in range(1, 51)} - set(refused)
    out = tmp_path / "错误报告.xlsx"
    assert write_error_report(summary.refused, out, "bad.csv") == 5
    sheet = load_workbook(out).active
    assert sheet is not None
    values = [[c.value for c in r] for r in sheet.iter_rows(min_row=3)]
    assert [v[0] for v in values] == [6, 11, 16, 21, 26]  # the sheet's line numbers
    assert values[0][1] == ref(5) and values[0][2] == "来电号码"


class CancelAfter:
    """A token that cancels once ``n`` checks have passed (the user pressing 取消)."""

    def __init__(self, n: int) -> None:
        self.n = n

    def check(self) -> None:
        self.n -= 1
        if self.n < 0:
            raise RuntimeError("cancelled")  # what gui.common.tasks.CancelToken does


def test_cancel_keeps_the_rows_done_and_importing_again_resumes(
    ctx: ServiceContext, make_actor: MakeActor, tmp_path: Path
) -> None:
    desk = make_actor("desk", "intake")
    f = write_xlsx(tmp_path / "a.xlsx", [row(i) for i in range(1, 31)])
    seen: list[tuple[int, int]] = []
    first = platform_import.run_import(
        ctx, desk, platform_import.preview_import(ctx, desk, f),
        report=lambda d, t: seen.append((d, t)), token=CancelAfter(2), batch_size=10,
    )  # fmt: skip
    assert first.cancelled and (first.added, first.left) == (20, 10)
    assert seen == [(10, 30), (20, 30)]
    assert len(_cases(ctx)) == 20
    preview = platform_import.preview_import(ctx, desk, f)
    assert (preview.count(UNCHANGED), preview.count(NEW)) == (20, 10)
    rest = platform_import.run_import(ctx, desk, preview)
    assert rest.added == 10 and len(_cases(ctx)) == 30
    (cancelled, _done) = _audits(ctx, "platform_import")
    assert '"cancelled": true' in cancelled.detail and '"left": 10' in cancelled.detail


def test_unknown_headers_are_reported_and_a_saved_mapping_maps_them(
    ctx: ServiceContext, make_actor: MakeActor, tmp_path: Path
) -> None:
    desk = make_actor("desk", "intake")
    f = tmp_path / "other.csv"
    headers = [("诉求人手机" if h == "来电号码" else h) for h in HEADERS]
    write_csv(f, [row(1)])
    text = f.read_text(encoding="utf-8-sig").replace(",".join(HEADERS), ",".join(headers))
    f.write_text(text, encoding="utf-8-sig")
    preview = platform_import.preview_import(ctx, desk, f, "区平台")
    assert preview.unknown == ("诉求人手机",)
    assert preview.rows[0].status == REFUSED  # no phone for a named caller
    mapping.save_mapping(ctx, desk, "区平台", {"诉求人手机": "caller_phone"})
    assert mapping.list_sources(ctx, desk) == ["区平台"]
    preview = platform_import.preview_import(ctx, desk, f, "区平台")
    assert preview.unknown == () and preview.rows[0].status == NEW
    assert len(_audits(ctx, "platform_mapping_save")) == 1


def test_missing_required_columns_stop_before_any_row(
    ctx: ServiceContext, make_actor: MakeActor, tmp_path: Path
) -> None:
    desk = make_actor("desk", "intake")
    f = tmp_path / "x.csv"
    f.write_text("编号，内容\n1,abc\n", encoding="utf-8")
    preview = platform_import.preview_import(ctx, desk, f)
    assert set(preview.missing) == {"工单编号", "标题", "诉求内容"} and preview.rows == ()


def test_hostile_text_in_a_cell_is_refused_by_the_boundary(
    ctx: ServiceContext, make_actor: MakeActor, tmp_path: Path
) -> None:
    desk = make_actor("desk", "intake")
    rows = [row(1, 标题="正常标题\u202egnp.exe"), row(2, 诉求人姓名="张\x07三"), row(3)]
    preview = platform_import.preview_import(ctx, desk, write_csv(tmp_path / "h.csv", rows))
    assert [r.status for r in preview.rows] == [REFUSED, REFUSED, NEW]
    assert "标题" in dict(preview.rows[0].problems)
    platform_import.run_import(ctx, desk, preview)
    assert set(_cases(ctx)) == {ref(3)}


def test_a_handler_may_not_import(
    ctx: ServiceContext, make_actor: MakeActor, tmp_path: Path
) -> None:
    handler = make_actor("handler", unit="CYFZ")
    with pytest.raises(PermissionDenied):
        platform_import.preview_import(ctx, handler, write_csv(tmp_path / "a.csv", [row(1)]))
    with ctx.uow.read() as uow:
        assert uow.session.execute(select(func.count()).select_from(Case)).scalar_one() == 0


def test_a_row_taken_by_another_desk_after_the_preview_is_refused_alone(
    ctx: ServiceContext, make_actor: MakeActor, tmp_path: Path
) -> None:
    from hotline_desk.services.cases import registration
    from tests.factories import case_input

    desk = make_actor("desk", "intake")
    preview = platform_import.preview_import(
        ctx, desk, write_xlsx(tmp_path / "a.xlsx", [row(i) for i in range(1, 6)])
    )
    # between the preview and the import, another desk types work order 2 in by hand
    registration.register_case(ctx, desk, case_input(ctx, channel="platform", platform_ref=ref(2)))
    summary = platform_import.run_import(ctx, desk, preview, batch_size=10)
    assert summary.added == 4
    assert [(r.platform_ref, r.field) for r in summary.refused] == [(ref(2), "工单编号")]
    assert "已存在" in summary.refused[0].problem
    assert len(_cases(ctx)) == 5 and len(_audits(ctx, "case_register")) == 5


def _refuse_search_text(ctx: ServiceContext, word: str) -> None:
    """A trigger refusing the search row of a text holding ``word``: any value only the database
    refuses (a constraint, a trigger), met after the case and its event are written."""
    with ctx.engines.writer.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql(
                "CREATE TRIGGER test_refuse BEFORE INSERT ON case_search "
                f"WHEN NEW.public_text LIKE '%{word}%' BEGIN SELECT RAISE(ABORT, 'refused'); END"
            )
        else:
            conn.exec_driver_sql(
                "CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                f"IF NEW.public_text LIKE '%%{word}%%' THEN RAISE EXCEPTION 'refused' USING "
                "ERRCODE = 'check_violation'; END IF; RETURN NEW; END $$"
            )  # %% : psycopg's way of writing a percent sign
            conn.exec_driver_sql(
                "CREATE TRIGGER test_refuse BEFORE INSERT ON case_search "
                "FOR EACH ROW EXECUTE FUNCTION test_refuse()"
            )


def test_a_row_the_database_refuses_is_rolled_back_whole_and_the_others_land(
    ctx: ServiceContext, make_actor: MakeActor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The batch written whole fails at the database; it is rolled back and written again row
    by row: the refused row leaves no case, event, search row, fact or audit row behind, and
    the rows before and after it are imported. (The batch's rows go by COPY on PostgreSQL.)"""
    from hotline_desk.store import driver_rows
    from hotline_desk.store.models import CaseFact, CaseSearch

    monkeypatch.setattr(driver_rows, "COPY_FROM", 2)
    desk = make_actor("desk", "intake")
    rows = [row(i) for i in range(1, 8)]
    rows[3] = row(4, 标题="反映拒收快递问题")
    preview = platform_import.preview_import(ctx, desk, write_xlsx(tmp_path / "a.xlsx", rows))
    assert preview.count(NEW) == 7
    _refuse_search_text(ctx, "拒收")
    summary = platform_import.run_import(ctx, desk, preview, batch_size=10)
    assert summary.added == 6 and len(summary.case_nos) == 6
    assert [(r.line, r.platform_ref, r.field) for r in summary.refused] == [(7, ref(4), "")]
    assert "数据库拒绝保存这一行" in summary.refused[0].problem
    good = {ref(i) for i in (1, 2, 3, 5, 6, 7)}
    cases = _cases(ctx)
    assert set(cases) == good
    ids = {c.id for c in cases.values()}
    with ctx.uow.read() as uow:
        s = uow.session
        assert set(s.execute(select(CaseEvent.case_id)).scalars()) == ids
        assert set(s.execute(select(CaseSearch.case_id)).scalars()) == ids
        assert set(s.execute(select(CaseFact.case_id)).scalars()) == ids
    assert sorted(a.object_id for a in _audits(ctx, "case_register")) == sorted(
        c.case_no for c in cases.values()
    )
    (imp,) = _audits(ctx, "platform_import")
    assert '"added": 6' in imp.detail and '"refused": 1' in imp.detail
    again = platform_import.preview_import(ctx, desk, tmp_path / "a.xlsx")
    assert [r.platform_ref for r in again.rows if r.status == NEW] == [ref(4)]


def test_the_search_rows_are_those_the_stored_cases_give(
    ctx: ServiceContext, make_actor: MakeActor, tmp_path: Path
) -> None:
    """Each batch's search rows — masked titles and search forms, made from the validated rows
    before the batch is written (on PostgreSQL by a thread, batches ahead) — are the rows the
    desk makes from the stored cases; a caller named in a title is masked."""
    from hotline_desk.store import search_index
    from hotline_desk.store.models import CaseSearch

    desk = make_actor("desk", "intake")
    rows = [row(i, 标题=f"张三明反映第{i}号问题" if i % 3 == 0 else f"反映用电第{i}号")
            for i in range(1, 26)]  # fmt: skip
    rows[5] = row(6, 诉求人姓名="张三明", 标题="张三明反映用电问题")
    preview = platform_import.preview_import(ctx, desk, write_xlsx(tmp_path / "s.xlsx", rows))
    summary = platform_import.run_import(ctx, desk, preview, batch_size=7)
    assert summary.added == 25 and not summary.refused
    with ctx.uow.read() as uow:
        conn = uow.session.connection()
        ids = list(conn.execute(select(Case.id)).scalars())
        stored = {r.case_id: dict(r._mapping) for r in conn.execute(select(CaseSearch))}
        made = {r["case_id"]: r for r in search_index.search_rows(conn, ids)}
    assert len(stored) == 25 and stored == made
    assert "张某反映用电问题" in {r["masked_title"] for r in stored.values()}
