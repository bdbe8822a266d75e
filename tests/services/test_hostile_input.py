"""Hostile input at the service boundary, on SQLite and PostgreSQL: every service that takes user
text, ids or times is fed arbitrary Unicode (lone surrogates, NUL, control and bidi characters,
LIKE wildcards, 20,000-character strings), integers far outside 64 bits and times with any zone
or year; the only exceptions allowed out are ``DeskError`` subclasses (a refusal the user reads),
and whatever is accepted is stored clean (NFC, no forbidden characters).

CI runs ``EXAMPLES`` examples per service and engine; ``HOTLINE_DESK_LONG=1`` runs 5,000.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hotline_desk.domain.errors import DeskError, NotFound, ValidationError
from hotline_desk.domain.text_input import text_problem
from hotline_desk.services.admin import calendar, dual_control, office, users
from hotline_desk.services.callbacks import closing
from hotline_desk.services.callbacks.dto import CallbackInput, DuplicateQuery
from hotline_desk.services.cases import duplicates, queries, read_model, registration
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import CaseDetail, CaseFilter
from hotline_desk.services.lifecycle import handling, replies, routing, routing_suggest, templates
from hotline_desk.services.lifecycle.dto import RouteInput
from hotline_desk.services.supervision import extensions, supervise
from hotline_desk.services.supervision.board import BoardFilter, board_page
from tests.conftest import MakeActor
from tests.factories import case_input
from tests.services.test_lifecycle_paths import Office, unit_id

LONG = os.environ.get("HOTLINE_DESK_LONG") == "1"
EXAMPLES = 5000 if LONG else 100
#: ``HOTLINE_DESK_FUZZ_GROUPS=handling,callbacks`` runs only those groups (a long run in parts).
ONLY = {g for g in os.environ.get("HOTLINE_DESK_FUZZ_GROUPS", "").split(",") if g}
#: Every so many examples the case being handled is replaced by a fresh one, so that a long run
#: is not slowed by one case's timeline growing to thousands of notes.
RENEW_EVERY = 250

_NASTY = [
    "\x00", "\ud800", "\udfff", "\u202e", "\u2066", "\x07", "\r\n", "\t", "%", "_", "\\",
    "e\u0301", "中" * 16_667, "a" * 20_001, "'; DROP TABLE cases; --", "\ufeff", "\x1b[2J",
]  # fmt: skip
hostile_text = st.one_of(
    st.text(st.characters(codec=None, exclude_categories=())),
    st.lists(st.sampled_from(_NASTY) | st.text(max_size=3), max_size=4).map("".join),
)
hostile_int = st.one_of(
    st.integers(),
    st.sampled_from([0, -1, 1, 2**31, 2**63 - 1, 2**63, -(2**63) - 1, 2**64, 10**30]),
)
hostile_time = st.datetimes(
    datetime(1, 1, 1), datetime(9999, 1, 1), timezones=st.none() | st.timezones()
)


@dataclass
class Desk:
    """A small bureau with one case waiting to be routed and one being handled."""

    people: Office
    sys_admin: Any
    fresh: CaseDetail
    signed: CaseDetail

    def renew(self) -> None:
        """Put a fresh case into handling in place of the one the examples have filled."""
        self.signed = _signed_case(self.ctx, self.people)

    @property
    def ctx(self) -> ServiceContext:
        return self.people.ctx

    def version(self, case_id: int) -> int:
        return read_model.get_case(self.ctx, self.people.desk, case_id).version


@pytest.fixture
def desk(ctx: ServiceContext, make_actor: MakeActor) -> Desk:
    people = Office(ctx, make_actor)
    fresh = people.register()
    return Desk(people, make_actor("sys_admin", unit="BGS"), fresh, _signed_case(ctx, people))


def _signed_case(ctx: ServiceContext, people: Office) -> CaseDetail:
    other = people.register(title="企业用电报装进度咨询")
    route = RouteInput(tier=2, lead_unit_id=unit_id(ctx, "CYFZ"))
    routed = routing.route_case(ctx, people.desk, other.id, other.version, route)
    return handling.sign_case(ctx, people.handler, other.id, routed.version)


def _register(d: Desk, text: str, number: int, at: datetime) -> None:
    p = d.people
    for field in ("title", "content", "caller_name", "caller_address", "platform_ref"):
        data = replace(case_input(d.ctx), **{field: text})
        try:
            stored = registration.register_case(d.ctx, p.desk, data)
        except DeskError:
            continue
        for name in ("title", "content", "caller_name", "caller_address"):
            value = getattr(stored, name)
            assert value == unicodedata.normalize("NFC", value)
            assert text_problem(name, value, multi_line=name == "content") is None, value
    for data in (case_input(d.ctx, topic_id=number), case_input(d.ctx, received_at=at)):
        try:
            stored = registration.register_case(d.ctx, p.desk, data)
        except DeskError:
            continue
        assert stored.received_at.tzinfo is None and stored.received_at.year >= 2000


def _update(d: Desk, text: str, number: int, at: datetime) -> None:
    version = d.version(d.fresh.id)
    data = case_input(d.ctx, title=text, received_at=at)
    for case_id in (d.fresh.id, number):
        _refused_or_done(registration.update_case, d.ctx, d.people.desk, case_id, version, data)


def _search(d: Desk, text: str, number: int, at: datetime) -> None:
    flt = CaseFilter(text=text, topic_id=number)
    _refused_or_done(queries.count_cases, d.ctx, d.people.desk, CaseFilter(text=text))
    _refused_or_done(queries.list_cases, d.ctx, d.people.desk, flt)
    _refused_or_done(board_page, d.ctx, d.people.desk, BoardFilter(text=text))
    _refused_or_done(read_model.find_case_id, d.ctx, d.people.desk, text)
    _refused_or_done(read_model.get_case, d.ctx, d.people.desk, number)
    query = DuplicateQuery(title=text, content=text, caller_phone=text, topic_id=number, at=at)
    _refused_or_done(duplicates.find_duplicates, d.ctx, d.people.desk, query)
    _refused_or_done(routing_suggest.suggest_route, d.ctx, d.people.desk, topic_id=number,
                     title=text, content=text)  # fmt: skip


def _routing(d: Desk, text: str, number: int, at: datetime) -> None:
    p, case = d.people, d.fresh
    route = RouteInput(tier=2, lead_unit_id=number, opinion=text, reason=text)
    _refused_or_done(routing.route_case, d.ctx, p.desk, case.id, d.version(case.id), route)
    _refused_or_done(routing.reject_case, d.ctx, p.desk, number, 1, text, text)
    _refused_or_done(routing.reject_case, d.ctx, p.desk, case.id, number, "duplicate", text)


def _handling(d: Desk, text: str, number: int, at: datetime) -> None:
    p, case = d.people, d.signed
    _refused_or_done(handling.add_note, d.ctx, p.handler, case.id, "contact", text)
    _refused_or_done(handling.add_note, d.ctx, p.handler, number, text, text, seen_event=number)
    _refused_or_done(handling.request_return, d.ctx, p.handler, case.id, number, text, text)
    _refused_or_done(handling.add_instruction, d.ctx, p.leader, case.id, d.version(case.id), text)
    _refused_or_done(replies.submit_reply, d.ctx, p.handler, case.id, d.version(case.id), text)
    _refused_or_done(replies.record_reply, d.ctx, p.desk, case.id, number, text, at, text)


def _supervision(d: Desk, text: str, number: int, at: datetime) -> None:
    p, case = d.people, d.signed
    _refused_or_done(supervise.urge_case, d.ctx, p.desk, case.id, text)
    _refused_or_done(supervise.issue_order, d.ctx, p.desk, case.id, text, text,
                     date.today() + timedelta(days=3))  # fmt: skip
    _refused_or_done(supervise.answer_order, d.ctx, p.handler, case.id, text, order_id=number)
    _refused_or_done(extensions.request_extension, d.ctx, p.handler, case.id, number, text)


def _callbacks(d: Desk, text: str, number: int, at: datetime) -> None:
    p, case = d.people, d.signed
    data = CallbackInput(outcome=text, at=at, satisfaction=text, resolved=None, words=text,
                         note=text)  # fmt: skip
    _refused_or_done(closing.record_callback, d.ctx, p.desk, case.id, number, data)
    _refused_or_done(closing.close_case, d.ctx, p.desk, case.id, d.version(case.id), text)
    _refused_or_done(closing.reopen_case, d.ctx, p.desk, number, number, text)


def _admin(d: Desk, text: str, number: int, at: datetime) -> None:
    a = d.sys_admin
    _refused_or_done(templates.save_template, d.ctx, a, None, "general", text, text)
    _refused_or_done(templates.fill_template, d.ctx, a, d.fresh.id, number)
    _refused_or_done(office.save_setting, d.ctx, a, "bureau_name", text)
    _refused_or_done(office.save_setting, d.ctx, a, text, number)
    _refused_or_done(calendar.set_day, d.ctx, a, date(2026, 12, 1), False, text)
    _refused_or_done(users.create_user, d.ctx, a,
                     users.UserInput(username=text, display_name=text, org_unit_id=number,
                                     roles=("handler",)))  # fmt: skip
    _refused_or_done(users.set_active, d.ctx, a, number, False)
    _refused_or_done(users.set_roles, d.ctx, a, number, (text,))
    _refused_or_done(dual_control.confirm_request, d.ctx, a, number)
    _refused_or_done(dual_control.refuse_request, d.ctx, a, number, text)
    _refused_or_done(dual_control.withdraw_request, d.ctx, a, number)


def _refused_or_done(service: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    try:
        service(*args, **kwargs)
    except DeskError:
        pass


SERVICES: dict[str, Callable[[Desk, str, int, datetime], None]] = {
    "registration": _register,
    "case_edit": _update,
    "search": _search,
    "routing": _routing,
    "handling": _handling,
    "supervision": _supervision,
    "callbacks": _callbacks,
    "admin": _admin,
}


def _fuzz(desk: Desk, run: Callable[[Desk, str, int, datetime], None]) -> int:
    """``EXAMPLES`` hostile examples through one service group; how many ran."""
    ran = 0

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(text=hostile_text, number=hostile_int, at=hostile_time)
    def one(text: str, number: int, at: datetime) -> None:
        nonlocal ran
        ran += 1
        if ran % RENEW_EVERY == 0:
            desk.renew()
        run(desk, text, number, at)

    one()
    return ran


def test_hostile_input_is_refused_never_crashes(desk: Desk) -> None:
    """Each service group in turn on one desk (its set-up is the slow part)."""
    ran: dict[str, int] = {}
    for name, run in SERVICES.items():
        if ONLY and name not in ONLY:
            continue
        ran[name] = _fuzz(desk, run)
        print(f"hostile input: {name} {ran[name]} examples, no crash", flush=True)
    assert all(count >= min(EXAMPLES, 10) for count in ran.values()), ran


FORBIDDEN = {
    "标题\x00尾": "空字符",
    "标题\x07尾": "控制字符",
    "标题\n尾": "换行符",
    "\u202e标题": "文字方向控制字符",
    "标题\u2069": "文字方向控制字符",
    "标题\ud800": "无效的Unicode字符",
}


def test_forbidden_characters_are_refused_naming_the_field_and_text_is_stored_composed(
    desk: Desk,
) -> None:
    for text, problem in FORBIDDEN.items():
        with pytest.raises(ValidationError) as refused:
            registration.register_case(desk.ctx, desk.people.desk, case_input(desk.ctx, title=text))
        assert set(refused.value.field_errors) == {"title"}
        assert "标题" in refused.value.message and problem in refused.value.message
    data = case_input(desk.ctx, title="Cafe\u0301", content="第一行\n\t第二行")
    stored = registration.register_case(desk.ctx, desk.people.desk, data)
    assert stored.title == "Caf\u00e9" and stored.content == "第一行\n\t第二行"


def test_times_are_bounded_and_zoned_ids_range_checked_search_literal_and_short(
    desk: Desk,
) -> None:
    ctx, clerk = desk.ctx, desk.people.desk
    for bad in (datetime(1026, 1, 1), datetime(1999, 12, 31, 23, 59), ctx.now() + timedelta(1)):
        with pytest.raises(ValidationError) as refused:
            registration.register_case(ctx, clerk, case_input(ctx, received_at=bad))
        assert set(refused.value.field_errors) == {"received_at"}
    local = ctx.now() - timedelta(hours=1)
    aware = local.astimezone()  # the same instant, with this machine's zone
    stored = registration.register_case(ctx, clerk, case_input(ctx, received_at=aware))
    assert stored.received_at == local
    for number in (0, -1, 2**63, 2**64):
        with pytest.raises(NotFound):
            read_model.get_case(ctx, clerk, number)
    assert queries.count_cases(ctx, clerk, CaseFilter()) == 3
    assert queries.count_cases(ctx, clerk, CaseFilter(text="%")) == 0
    assert queries.count_cases(ctx, clerk, CaseFilter(text="_")) == 0
    for bad in ("\x00", "中" * 101):
        with pytest.raises(ValidationError) as refused:
            queries.count_cases(ctx, clerk, CaseFilter(text=bad))
        assert "查询内容" in refused.value.message
