"""Issue 15, the services' half: what a user without the right to personal data gets about a case
never holds the caller of a 请求保密 case (name, phone, address — not even masked) nor a phone or
ID number typed into the free text; lists are masked for every role; the desk's edit and callback
get the caller in full only through the audited ``reveal_caller``. On SQLite and PostgreSQL.

The attack: a confidential case whose caller's name, phone and address are also written into its
title, content, opinions, notes, replies, supervision and callback texts, worked through its whole
life; then every service that returns something about cases is called as each section user (and
the leader) and every string it returns — at any depth of the dataclasses, the timeline's message
parameters, the printed PDF, the exported file — is searched for them.
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Iterator
from datetime import date, timedelta
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from hotline_desk.domain.errors import Msg, NotFound, PermissionDenied
from hotline_desk.domain.periods import Period
from hotline_desk.services.callbacks import closing as callbacks
from hotline_desk.services.callbacks import queue as callback_queue
from hotline_desk.services.callbacks.dto import CallbackInput, DuplicateQuery
from hotline_desk.services.cases import duplicates, queries, read_model, registration
from hotline_desk.services.cases.reveal import reveal_caller
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseDetail, CaseFilter, KpiSelection
from hotline_desk.services.lifecycle import handling, replies, routing, templates
from hotline_desk.services.lifecycle.dto import RouteInput
from hotline_desk.services.output import exports, printing
from hotline_desk.services.output.print_data import letter_data, notice_data, slip_data
from hotline_desk.services.privacy import CONFIDENTIAL_MARK
from hotline_desk.services.stats.figures import monthly_report
from hotline_desk.services.supervision import alerts, board, extensions
from hotline_desk.services.supervision import supervise as supervision
from hotline_desk.store.models import AuditLog, Case
from tests.conftest import MakeActor
from tests.factories import case_input
from tests.pdf_check import text_of
from tests.services.test_lifecycle_paths import Office, unit_id

# the confidential caller
NAME, PHONE, ADDRESS = "欧阳明华", "13987657391", "科技大道77号3栋501室"
SECRET = (NAME, PHONE, ADDRESS, "139****7391", "7391", "欧**华", "欧*", "科技大")
# the ordinary caller, and numbers typed into the free text of her case
OTHER_NAME, OTHER_PHONE, OTHER_ADDRESS = "李建国", "13612348866", "幸福路93号"
TYPED = ("13755550123", "0571-86661234", "86661234", "330106198001011234", "5550123")
OTHER_LEAKS = (OTHER_NAME, OTHER_PHONE, OTHER_ADDRESS, *TYPED)  # masked 李*国 is their right
SAY = f"{NAME}（电话{PHONE}，住{ADDRESS}）"


def strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string inside ``value`` — dataclass fields at any depth, tuples, lists, dict keys and
    values, a ``Msg``'s parameters (the GUI renders them) — with where it was found."""
    if isinstance(value, Enum):
        return
    if isinstance(value, Msg):
        yield path, str(value)
        for k, v in value.params.items():
            yield from strings(v, f"{path}.{k}")
    elif isinstance(value, str):
        yield path, value
    elif isinstance(value, bytes):
        return
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from strings(getattr(value, f.name), f"{path}.{f.name}")
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from strings(k, f"{path}[key]")
            yield from strings(v, f"{path}[{k}]")
    elif isinstance(value, tuple | list | set | frozenset):
        for i, v in enumerate(value):
            yield from strings(v, f"{path}[{i}]")


def leaks(value: Any, needles: tuple[str, ...]) -> list[str]:
    return [f"{where}: {text!r} holds {n!r}"
            for where, text in strings(value) for n in needles if n in text]  # fmt: skip


class Story:
    """Two cases worked through their life, and every DTO section users got on the way."""

    def __init__(self, ctx: ServiceContext, o: Office) -> None:
        self.ctx, self.o = ctx, o
        self.seen: list[tuple[str, Any]] = []  # (who/what, returned value) of section users
        self.secret = self._confidential_case()
        self.other = self._ordinary_case()

    def section(self, label: str, value: Any) -> Any:
        self.seen.append((label, value))
        return value

    def _confidential_case(self) -> CaseDetail:
        ctx, o = self.ctx, self.o
        d = o.register(
            caller_name=NAME, caller_phone=PHONE, caller_address=ADDRESS, confidential=True,
            title=f"{NAME}反映{ADDRESS}楼上噪音", content=f"我是{SAY}，夜间噪音扰民。",
        )  # fmt: skip
        d = registration.update_case(ctx, o.desk, d.id, d.version, case_input(
            ctx, caller_name=NAME, caller_phone=PHONE, caller_address=ADDRESS, confidential=True,
            title=f"{NAME}反映{ADDRESS}楼上噪音，电话{PHONE}",
            content=f"我是{SAY}，夜间噪音扰民，请回电{PHONE}。",
        ))  # fmt: skip
        route = RouteInput(tier=2, lead_unit_id=unit_id(ctx, "CYFZ"),
                           assist_unit_ids=(unit_id(ctx, "CWK"),),
                           opinion=f"请联系{SAY}核实")  # fmt: skip
        d = routing.route_case(ctx, o.desk, d.id, d.version, route)
        d = self.section("sign", handling.sign_case(ctx, o.handler, d.id, d.version))
        supervision.urge_case(ctx, o.desk, d.id, f"{NAME}再次来电{PHONE}，请加快")
        supervision.issue_order(ctx, o.desk, d.id, "yellow", f"{SAY}多次反映",
                                date(2026, 11, 27))  # fmt: skip
        self.section("answer", supervision.answer_order(ctx, o.handler, d.id,
                                                        f"已到{ADDRESS}现场"))  # fmt: skip
        self.section("extension", extensions.request_extension(
            ctx, o.handler, d.id, 3, f"需与{NAME}（{PHONE}）约时间"))  # fmt: skip
        self.section("opinion", handling.submit_opinion(ctx, o.finance, d.id,
                                                        f"已电话{PHONE}联系{NAME}"))  # fmt: skip
        self.section("note", handling.add_note(ctx, o.handler, d.id, "contact",
                                               f"电话{PHONE}联系{NAME},核实{ADDRESS}"))  # fmt: skip
        d = read_model.get_case(ctx, o.desk, d.id)
        d = self.section("instruction", handling.add_instruction(
            ctx, o.leader, d.id, d.version, f"{NAME}反映的问题要办好"))  # fmt: skip
        d = self.section(
            "draft",
            replies.submit_reply(
                ctx, o.handler, d.id, d.version, f"{NAME}：您好！{ADDRESS}噪音已处理。"
            ),
        )
        d = self.section(
            "send back",
            replies.send_back_reply(ctx, o.head, d.id, d.version, f"称呼{NAME}不妥，{PHONE}删去"),
        )
        d = self.section(
            "draft 2",
            replies.submit_reply(
                ctx, o.handler, d.id, d.version, f"{NAME}：您好！电话{PHONE}已回复。"
            ),
        )
        d = self.section("approve", replies.approve_reply(ctx, o.head, d.id, d.version,
                                                          f"同意，已告知{NAME}"))  # fmt: skip
        d = replies.approve_reply(ctx, o.leader, d.id, d.version, f"同意，{PHONE}")  # 重要件
        return replies.record_reply(ctx, o.desk, d.id, d.version, "phone", ctx.now(), NAME)

    def _ordinary_case(self) -> CaseDetail:
        ctx, o = self.ctx, self.o
        d = o.register(
            caller_name=OTHER_NAME, caller_phone=OTHER_PHONE, caller_address=OTHER_ADDRESS,
            title=f"{OTHER_NAME}反映噪音，联系13755550123",
            content="身份证330106198001011234，座机0571-86661234，手机13755550123。",
        )  # fmt: skip
        route = RouteInput(tier=2, lead_unit_id=unit_id(ctx, "CYFZ"), opinion="请回电13755550123")
        d = routing.route_case(ctx, o.desk, d.id, d.version, route)
        d = self.section("sign 2", handling.sign_case(ctx, o.handler, d.id, d.version))
        d = self.section(
            "note 2",
            handling.add_note(
                ctx, o.handler, d.id, "contact", f"拨打{OTHER_PHONE}及0571-86661234未接通"
            ),
        )
        d = self.section("draft 3", replies.submit_reply(ctx, o.handler, d.id, d.version,
                                                         "已回电13755550123说明"))  # fmt: skip
        d = self.section("approve 3", replies.approve_reply(ctx, o.head, d.id, d.version))
        d = replies.record_reply(ctx, o.desk, d.id, d.version, "phone", ctx.now(), OTHER_NAME)
        attempt = CallbackInput("unreached", ctx.now(), None, None, "",
                                "13755550123无人接听")  # fmt: skip
        return callbacks.record_callback(ctx, o.desk, d.id, d.version, attempt)


@pytest.fixture
def story(ctx: ServiceContext, make_actor: MakeActor) -> Story:
    return Story(ctx, Office(ctx, make_actor))


def _section_users(o: Office) -> list[tuple[str, Actor]]:
    return [("handler", o.handler), ("head", o.head), ("assisting", o.finance),
            ("leader", o.leader)]  # fmt: skip


def everything_a_user_gets(story: Story, who: Actor, tmp_path: Path) -> list[tuple[str, Any]]:
    """Every case service's answer to ``who`` (refusals recorded as such)."""
    ctx = story.ctx
    ids = [story.secret.id, story.other.id]
    got: list[tuple[str, Any]] = []

    def call(label: str, fn: Any, *args: Any, **kwargs: Any) -> None:
        try:
            got.append((label, fn(ctx, who, *args, **kwargs)))
        except (PermissionDenied, NotFound):
            got.append((label, "refused"))

    call("list", queries.list_cases, CaseFilter())
    for text in (NAME[:2], PHONE, "噪音"):
        call(f"search {text}", queries.list_cases, CaseFilter(text=text))
    for drill in ("received", "replied", "returned"):
        call(f"drill {drill}", queries.list_cases, CaseFilter(kpi=KpiSelection(drill, "2026-11")))
    call("board", board.board_page, board.BoardFilter())
    for case_id in ids:
        call("detail", read_model.get_case, case_id)
        call("print choices", printing.print_choices, case_id)
        call("duplicates of case", duplicates.duplicates_of_case, case_id)
    for q in callback_queue.CALLBACK_QUEUES:
        call(f"callbacks {q}", callback_queue.callback_queue, q)
    call("duplicates", duplicates.find_duplicates, DuplicateQuery("噪音", "", PHONE))
    call("alerts", alerts.check_alerts, ctx.now() - timedelta(days=30))
    call("report", monthly_report, Period.month(2026, 11))
    for template in templates.list_templates(ctx):
        for case_id in ids:
            call("template", templates.fill_template, case_id, template.id)
    for kind in ("slip", "notice", "letter"):
        for case_id in ids:
            try:
                job = printing.prepare_documents(ctx, who, kind, [case_id])
                got.append((f"print {kind}", text_of(job.data)))
            except Exception as exc:  # nothing to print of this kind: the refusal's own text
                got.append((f"print {kind}", str(exc)))
    with ctx.uow.read() as uow:  # the documents' data as filled, before typesetting
        s = uow.session
        for case_id in ids:
            case = s.get(Case, case_id)
            assert case is not None
            got.append(("slip data", slip_data(s, case, False)))
            if case_id == story.secret.id:
                got.append(("notice data", notice_data(s, case, who, None, ctx.now())))
                got.append(("letter data", letter_data(case, ctx.now())))
    for fmt in ("csv", "xlsx"):
        path = tmp_path / f"{who.user_id}.{fmt}"
        call(f"export {fmt}", exports.export_cases, CaseFilter(), path, fmt)
        if path.exists():
            got.append((f"export file {fmt}", _file_text(path)))
    return got


def _file_text(path: Path) -> str:
    if path.suffix == ".csv":
        return path.read_text(encoding="utf-8-sig")
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    return "\n".join(str(c) for sheet in book for row in sheet.iter_rows(values_only=True)
                     for c in row if c is not None)  # fmt: skip


def test_no_section_user_gets_a_confidential_caller_or_a_typed_number(
    ctx: ServiceContext, story: Story, tmp_path: Path
) -> None:
    body = "{来电人称呼}：您反映的“{标题}”已办理。咨询电话0571-12345678。"
    mine = templates.save_template(ctx, _admin(ctx), None, "consult", "通用", body)
    found: list[str] = []
    answers = 0
    for label, value in story.seen:  # what their own actions returned
        found += [f"{label}: {x}" for x in leaks(value, SECRET + OTHER_LEAKS)]
    for role, who in _section_users(story.o):
        for label, value in everything_a_user_gets(story, who, tmp_path):
            answers += value != "refused"
            found += [f"{role} {label}: {x}" for x in leaks(value, SECRET + OTHER_LEAKS)]
    assert found == []
    assert answers > 60  # the services answered (a refusal leaks nothing, and proves little)
    # and they answered with the cases: the texts are there, only the personal data is not
    detail = read_model.get_case(ctx, story.o.handler, story.secret.id)
    assert "楼上噪音" in detail.title and "夜间噪音扰民" in detail.content
    assert detail.caller_name == detail.caller_phone == CONFIDENTIAL_MARK
    assert detail.caller_address == CONFIDENTIAL_MARK
    assert detail.work is not None and detail.work.reply_to == CONFIDENTIAL_MARK
    assert "已隐去" in detail.work.notes[0].text and not re.search(
        r"\d{7}", detail.work.notes[0].text
    )
    other = read_model.get_case(ctx, story.o.handler, story.other.id)
    assert other.caller_name == "李*国" and other.caller_phone == "136****8866"
    assert other.content.count("已隐去") == 3 and "已隐去" in other.title  # ID, landline, mobile
    assert not re.search(r"\d{7}", other.content + other.title)
    rows = {r.id: r for r in queries.list_cases(ctx, story.o.leader, CaseFilter()).rows}
    assert rows[story.secret.id].caller_name == CONFIDENTIAL_MARK
    # the bureau's own number in the template is the template's, not personal data: kept
    filled = templates.fill_template(ctx, story.o.handler, story.other.id, mine.id)
    assert "0571-12345678" in filled and "13755550123" not in filled


def _admin(ctx: ServiceContext) -> Actor:
    from tests.conftest import add_user

    return add_user(ctx, "sys_admin")


def test_lists_and_details_are_masked_for_the_desk_too(ctx: ServiceContext, story: Story) -> None:
    desk = story.o.desk
    rows = {r.id: r for r in queries.list_cases(ctx, desk, CaseFilter()).rows}
    assert (rows[story.other.id].caller_name, rows[story.other.id].caller_phone) == (
        "李*国", "136****8866")  # fmt: skip
    assert rows[story.secret.id].caller_name == CONFIDENTIAL_MARK
    assert rows[story.other.id].title == f"{OTHER_NAME}反映噪音，联系13755550123"  # their right
    detail = read_model.get_case(ctx, desk, story.other.id)
    assert (detail.caller_name, detail.caller_phone, detail.caller_address) == (
        "李*国", "136****8866", "******")  # fmt: skip
    assert detail.personal_data_masked
    secret = read_model.get_case(ctx, desk, story.secret.id)
    assert NAME not in (secret.caller_name, secret.work.reply_to if secret.work else NAME)
    assert secret.caller_phone == "139****7391" and PHONE in secret.content  # the desk's right
    history = secret.work.closing.history if secret.work else None
    assert history is not None and history.phone == "139****7391"
    page = callback_queue.callback_queue(ctx, desk, "pending")
    assert [r.caller_phone for r in page.rows if r.id == story.other.id] == ["136****8866"]
    found = duplicates.find_duplicates(ctx, desk, DuplicateQuery("噪音", "", OTHER_PHONE))
    assert found.candidates and all("李建国" != c.caller_name for c in found.candidates)
    assert any(c.same_phone for c in found.candidates)  # the duplicate check by phone still works
    rows_of_board = board.board_page(ctx, desk, board.BoardFilter()).rows
    assert OTHER_NAME not in {r.caller_name for r in rows_of_board}


def _reveals(ctx: ServiceContext) -> list[tuple[str, str]]:
    with ctx.uow.read() as uow:
        return [(a.object_id, a.detail) for a in uow.session.execute(
            select(AuditLog).where(AuditLog.action == "personal_reveal").order_by(AuditLog.id)
        ).scalars()]  # fmt: skip


def test_the_desk_edits_and_calls_back_with_the_caller_in_full_audited(
    ctx: ServiceContext, story: Story
) -> None:
    o = story.o
    fresh = o.register(caller_name=OTHER_NAME, caller_phone=OTHER_PHONE,
                       caller_address=OTHER_ADDRESS)  # fmt: skip
    contact = reveal_caller(ctx, o.desk, fresh.id, "edit")
    assert (contact.name, contact.phone, contact.address) == (
        OTHER_NAME, OTHER_PHONE, OTHER_ADDRESS)  # fmt: skip
    assert _reveals(ctx)[-1][0] == fresh.case_no and '"edit"' in _reveals(ctx)[-1][1]
    # a form loaded from the masked detail and saved unchanged does not overwrite the caller
    masked = read_model.get_case(ctx, o.desk, fresh.id)
    saved = registration.update_case(ctx, o.desk, fresh.id, fresh.version, case_input(
        ctx, caller_name=masked.caller_name, caller_phone=OTHER_PHONE,
        caller_address=masked.caller_address, title="改了标题"))  # fmt: skip
    assert reveal_caller(ctx, o.desk, fresh.id, "edit").name == OTHER_NAME
    assert saved.title == "改了标题"
    # the callback: the desk dials the number
    assert reveal_caller(ctx, o.desk, story.other.id, "callback").phone == OTHER_PHONE
    refused = [
        (o.handler, story.other.id, "edit"),  # no right to personal data
        (o.leader, story.other.id, "callback"),
        (o.desk, story.other.id, "edit"),  # dispatched: not editable any more
        (o.desk, story.secret.id, "callback"),  # confidential: no callback
        (o.desk, fresh.id, "callback"),  # not waiting for its callback
    ]
    before = len(_reveals(ctx))
    for who, case_id, purpose in refused:
        with pytest.raises(PermissionDenied):
            reveal_caller(ctx, who, case_id, purpose)
    assert len(_reveals(ctx)) == before


def test_reveal_on_paper_and_in_files_stays_for_the_desk(
    ctx: ServiceContext, story: Story, tmp_path: Path
) -> None:
    o = story.o
    job = printing.prepare_documents(ctx, o.desk, "slip", [story.other.id], reveal=True)
    assert OTHER_PHONE in text_of(job.data) and "13755550123" in text_of(job.data)
    masked = printing.prepare_documents(ctx, o.desk, "slip", [story.other.id])
    assert not [n for n in OTHER_LEAKS if n in text_of(masked.data)]  # slips go to sections
    letter = printing.prepare_documents(ctx, o.desk, "letter", [story.secret.id], reveal=True)
    assert PHONE not in text_of(letter.data)  # confidential: never, whoever prints
    path = tmp_path / "full.csv"
    exports.export_cases(ctx, o.desk, CaseFilter(), path, "csv", reveal=True)
    text = path.read_text(encoding="utf-8-sig")
    assert OTHER_PHONE in text and OTHER_NAME in text
    assert PHONE not in text.replace(f"电话{PHONE}", "")  # confidential: "(保密)", as on paper
    assert story.other.case_no in [r[0] for r in _reveals(ctx)]
    plain = tmp_path / "masked.csv"
    exports.export_cases(ctx, o.desk, CaseFilter(), plain, "csv")
    masked_file = plain.read_text(encoding="utf-8-sig")
    assert not [n for n in (*OTHER_LEAKS, *SECRET) if n in masked_file]  # leaves the desk: masked
    assert "13755550123" in text  # the revealed file: the titles as written


def test_a_page_of_fifty_titles_costs_little(ctx: ServiceContext, story: Story) -> None:
    """The list scrubs titles for users without the right only; the cost is printed, never
    asserted (timings belong to benchmarks/)."""
    o = story.o
    for i in range(50):
        o.register(title=f"第{i}件：来电人李建国反映幸福路93号噪音，电话1375555{i:04d}",
                   caller_name="李建国", caller_address="幸福路93号")  # fmt: skip
    flt = CaseFilter()
    timings: dict[str, float] = {}
    for label, who in (("desk", o.desk), ("leader", o.leader)):
        queries.list_cases(ctx, who, flt, limit=50)
        start = time.perf_counter()
        for _ in range(5):
            page = queries.list_cases(ctx, who, flt, limit=50)
        timings[label] = (time.perf_counter() - start) / 5
        assert len(page.rows) == 50
    leader_rows = queries.list_cases(ctx, o.leader, flt, limit=50).rows
    assert not [r.title for r in leader_rows if re.search(r"1375555\d{4}", r.title)]
    print(f"50-row page: desk {timings['desk'] * 1000:.1f} ms, "
          f"leader (titles scrubbed) {timings['leader'] * 1000:.1f} ms")  # fmt: skip


def test_a_timeline_message_keeps_its_template_and_the_staff_names() -> None:
    from hotline_desk.domain.errors import joined
    from hotline_desk.domain.privacy.findings import Known
    from hotline_desk.services.privacy import Shield

    shown = Shield(Known(names=(NAME,), phones=(PHONE,)), scrubbing=True, hidden=True)
    note = Msg("{unit}协办意见：{text}", unit="财务科", text=f"已电话{PHONE}联系{NAME}")
    summary = shown.msg(joined([Msg("指派经办人：{name}", name="王小明"), note], ";"))
    assert isinstance(summary, Msg) and PHONE not in summary and NAME not in summary
    assert "王小明" in summary and "财务科" in summary  # staff and units are not personal data
    assert not leaks(summary, SECRET)  # the parameters the GUI translates with, too
    assert Shield(Known(names=(NAME,)), scrubbing=False, hidden=False).msg(note) is note
