"""Every lifecycle path through the services, on SQLite and PostgreSQL: tier 1, 2 with assisting
sections, 3; returns approved and rejected; a reply sent back twice then approved; an important
case through the leader; rejection; re-routing; what the inbox shows at each step."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from hotline_desk.domain.enums.handling import CaseStatus
from hotline_desk.domain.errors import NotFound, PermissionDenied, ValidationError
from hotline_desk.domain.lifecycle import InvalidTransition
from hotline_desk.services.cases import queues, read_model, registration
from hotline_desk.services.cases.queries import list_cases
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseDetail, CaseFilter
from hotline_desk.services.lifecycle import handling, replies, routing
from hotline_desk.services.lifecycle.dto import RouteInput
from hotline_desk.store.models import AuditLog, CaseEvent, OrgUnit
from tests.conftest import MakeActor
from tests.factories import case_input


def unit_id(ctx: ServiceContext, code: str) -> int:
    with ctx.uow.read() as uow:
        return uow.session.execute(select(OrgUnit.id).where(OrgUnit.code == code)).scalar_one()


class Office:
    """The people of a small bureau for one test."""

    def __init__(self, ctx: ServiceContext, make_actor: MakeActor) -> None:
        self.ctx = ctx
        self.desk = make_actor("desk", "intake", unit="BGS")
        self.office_head = make_actor("section_head", unit="BGS")
        self.handler = make_actor("handler", unit="CYFZ")
        self.head = make_actor("section_head", unit="CYFZ")
        self.other_handler = make_actor("handler", unit="ZXQY")
        self.other_head = make_actor("section_head", unit="ZXQY")
        self.finance = make_actor("handler", unit="CWK")
        self.unit_staff = make_actor("handler", unit="ZXFW")
        self.leader = make_actor("leader", unit="BGS")

    def register(self, **overrides: object) -> CaseDetail:
        return registration.register_case(self.ctx, self.desk, case_input(self.ctx, **overrides))

    def counts(self, actor: Actor) -> dict[str, int]:
        return {q.key: q.count for q in queues.inbox_counts(self.ctx, actor)}


@pytest.fixture
def office(ctx: ServiceContext, make_actor: MakeActor) -> Office:
    return Office(ctx, make_actor)


def test_tier2_with_assisting_section_end_to_end(ctx: ServiceContext, office: Office) -> None:
    case = office.register()
    assert office.counts(office.desk)["to_route"] == 1
    route = RouteInput(
        tier=2,
        lead_unit_id=unit_id(ctx, "CYFZ"),
        assist_unit_ids=(unit_id(ctx, "CWK"),),
        opinion="请产业发展科牵头办理",
    )
    d = routing.route_case(ctx, office.desk, case.id, case.version, route)
    assert d.status == CaseStatus.DISPATCHED and d.lead_unit_name == "产业发展科"
    assert office.counts(office.handler)["to_sign"] == 1
    assert office.counts(office.finance)["assisting"] == 1
    # the assisting section sees the case, an unrelated one does not
    assert list_cases(ctx, office.finance, CaseFilter()).rows[0].id == case.id
    assert list_cases(ctx, office.other_handler, CaseFilter()).rows == ()

    d = handling.sign_case(ctx, office.handler, case.id, d.version)
    assert d.status == CaseStatus.IN_PROGRESS and d.work is not None
    assert d.work.handler_name == office.handler.display_name
    d = handling.submit_opinion(ctx, office.finance, case.id, "资金拨付进度已核实，预计下月到账")
    assert office.counts(office.finance)["assisting"] == 0
    d = handling.add_note(ctx, office.handler, case.id, "contact", "已电话联系来电人了解情况")
    d = replies.submit_reply(ctx, office.handler, case.id, d.version, "答复：资金下月拨付。")
    assert d.status == CaseStatus.AWAITING_APPROVAL
    assert office.counts(office.head)["to_approve"] == 1
    assert office.counts(office.other_head)["to_approve"] == 0
    d = replies.approve_reply(ctx, office.head, case.id, d.version, "同意")
    assert d.status == CaseStatus.APPROVED
    assert d.work is not None and d.work.reply_text == "答复：资金下月拨付。"
    d = replies.record_reply(ctx, office.desk, case.id, d.version, "phone",
                              ctx.now() - timedelta(minutes=1), "张先生")  # fmt: skip
    assert d.status == CaseStatus.REPLIED
    assert d.work is not None and d.work.reply_to == "张*生"  # masked like the caller (issue 15)
    seen_by_section = read_model.get_case(ctx, office.handler, case.id).work
    assert seen_by_section is not None and seen_by_section.reply_to == "张*生"  # masked
    kinds = [e.kind for e in d.events]
    assert kinds == ["registered", "dispatched", "signed", "opinion", "note", "reply_submitted",
                     "reply_approved", "replied"]  # fmt: skip
    with ctx.uow.read() as uow:
        audits = uow.session.execute(
            select(func.count()).select_from(AuditLog).where(AuditLog.object_id == case.case_no)
        ).scalar_one()
    assert audits == len(kinds)


def test_tier1_direct_is_handled_by_the_desk_and_approved_by_the_office_head(
    ctx: ServiceContext, office: Office
) -> None:
    case = office.register()
    d = routing.route_case(ctx, office.desk, case.id, case.version, RouteInput(tier=1))
    assert d.status == CaseStatus.IN_PROGRESS and d.lead_unit_name == "办公室"
    assert d.work is not None and "submit_reply" in d.work.allowed_actions
    d = replies.submit_reply(ctx, office.desk, case.id, d.version, "已直接答复政策口径。")
    with pytest.raises(NotFound):  # another section does not even see the office's case
        replies.approve_reply(ctx, office.head, case.id, d.version)
    d = replies.approve_reply(ctx, office.office_head, case.id, d.version)
    assert d.status == CaseStatus.APPROVED


def test_tier3_to_a_unit_under_its_section(ctx: ServiceContext, office: Office) -> None:
    case = office.register()
    bad = RouteInput(tier=3, lead_unit_id=unit_id(ctx, "CYFZ"),
                     handling_unit_id=unit_id(ctx, "ZXFW"))  # fmt: skip
    with pytest.raises(ValidationError) as info:
        routing.route_case(ctx, office.desk, case.id, case.version, bad)
    assert "handling_unit_id" in info.value.field_errors
    good = RouteInput(tier=3, lead_unit_id=unit_id(ctx, "ZXQY"),
                      handling_unit_id=unit_id(ctx, "ZXFW"))  # fmt: skip
    d = routing.route_case(ctx, office.desk, case.id, case.version, good)
    d = handling.sign_case(ctx, office.unit_staff, case.id, d.version)
    d = replies.submit_reply(ctx, office.unit_staff, case.id, d.version, "服务中心已上门服务。")
    with pytest.raises(PermissionDenied):  # the unit does not approve; its section does
        replies.approve_reply(ctx, office.unit_staff, case.id, d.version)
    d = replies.approve_reply(ctx, office.other_head, case.id, d.version)
    assert d.status == CaseStatus.APPROVED


def _dispatched(ctx: ServiceContext, office: Office, code: str = "CYFZ") -> CaseDetail:
    case = office.register()
    route = RouteInput(tier=2, lead_unit_id=unit_id(ctx, code))
    return routing.route_case(ctx, office.desk, case.id, case.version, route)


def test_return_approved_reroutes_and_rejected_goes_back(
    ctx: ServiceContext, office: Office
) -> None:
    d = _dispatched(ctx, office)
    d = handling.request_return(ctx, office.handler, d.id, d.version, "not_our_duty",
                                "属中小企业科职责")  # fmt: skip
    assert d.status == CaseStatus.RETURN_REQUESTED
    assert office.counts(office.desk)["returns"] == 1
    d = routing.reject_return(ctx, office.desk, d.id, d.version, "属产业发展科职责范围")
    assert d.status == CaseStatus.DISPATCHED
    d = handling.sign_case(ctx, office.handler, d.id, d.version)
    d = handling.request_return(ctx, office.handler, d.id, d.version, "overlap", "职能交叉")
    route = RouteInput(tier=2, lead_unit_id=unit_id(ctx, "ZXQY"))
    d = routing.approve_return(ctx, office.desk, d.id, d.version, route, "同意")
    assert d.status == CaseStatus.DISPATCHED and d.lead_unit_name == "中小企业科"
    assert d.work is not None and d.work.return_count == 2
    assert [r.decision for r in d.work.returns] == ["rejected", "approved"]
    assert list_cases(ctx, office.handler, CaseFilter()).rows == ()  # no longer theirs


def test_reply_sent_back_twice_then_approved(ctx: ServiceContext, office: Office) -> None:
    d = _dispatched(ctx, office)
    d = handling.sign_case(ctx, office.handler, d.id, d.version)
    for n in range(2):
        d = replies.submit_reply(ctx, office.handler, d.id, d.version, f"第{n + 1}稿")
        d = replies.send_back_reply(ctx, office.head, d.id, d.version, "请补充政策依据")
        assert d.status == CaseStatus.IN_PROGRESS
        assert office.counts(office.handler)["sent_back"] == 1
    d = replies.submit_reply(ctx, office.handler, d.id, d.version, "第3稿")
    assert office.counts(office.handler)["sent_back"] == 0
    d = replies.approve_reply(ctx, office.head, d.id, d.version)
    assert d.work is not None
    assert [(x.seq, x.outcome) for x in d.work.drafts] == [
        (1, "sent_back"), (2, "sent_back"), (3, "approved")]  # fmt: skip
    assert d.work.drafts[0].reviews[0].comment == "请补充政策依据"


def test_important_case_goes_through_the_leader(ctx: ServiceContext, office: Office) -> None:
    d = _dispatched(ctx, office)
    d = handling.add_instruction(ctx, office.leader, d.id, d.version, "请认真办理")
    assert d.important
    d = handling.sign_case(ctx, office.handler, d.id, d.version)
    d = replies.submit_reply(ctx, office.handler, d.id, d.version, "答复稿")
    d = replies.approve_reply(ctx, office.head, d.id, d.version)
    assert d.status == CaseStatus.AWAITING_APPROVAL
    assert d.work is not None and d.work.approval_step == "leader"
    assert office.counts(office.leader)["to_approve"] == 1
    d = replies.send_back_reply(ctx, office.leader, d.id, d.version, "口径再斟酌")
    d = replies.submit_reply(ctx, office.handler, d.id, d.version, "答复稿二")
    d = replies.approve_reply(ctx, office.head, d.id, d.version)
    d = replies.approve_reply(ctx, office.leader, d.id, d.version, "同意")
    assert d.status == CaseStatus.APPROVED


def test_reject_and_reroute(ctx: ServiceContext, office: Office) -> None:
    case = office.register()
    with pytest.raises(ValidationError):
        routing.reject_case(ctx, office.desk, case.id, case.version, "nonsense", "")
    d = routing.reject_case(ctx, office.desk, case.id, case.version, "litigation", "已进入诉讼")
    assert d.status == CaseStatus.REJECTED
    with pytest.raises(InvalidTransition):
        routing.route_case(ctx, office.desk, d.id, d.version, RouteInput(tier=1))
    d = _dispatched(ctx, office)
    with pytest.raises(ValidationError) as info:
        routing.reroute_case(ctx, office.desk, d.id, d.version,
                              RouteInput(tier=2, lead_unit_id=unit_id(ctx, "ZXQY")))  # fmt: skip
    assert "reason" in info.value.field_errors
    d = routing.reroute_case(ctx, office.desk, d.id, d.version, RouteInput(
        tier=2, lead_unit_id=unit_id(ctx, "ZXQY"), reason="主办科室调整"))  # fmt: skip
    assert d.lead_unit_name == "中小企业科" and d.work is not None and d.work.reroute_count == 1


def test_forbidden_actions_raise_domain_errors(ctx: ServiceContext, office: Office) -> None:
    case = office.register()
    with pytest.raises(PermissionDenied):
        routing.route_case(ctx, office.leader, case.id, case.version, RouteInput(tier=1))
    d = _dispatched(ctx, office)
    with pytest.raises(PermissionDenied):
        handling.sign_case(ctx, office.desk, d.id, d.version)
    with pytest.raises(InvalidTransition) as info:
        replies.submit_reply(ctx, office.handler, d.id, d.version, "x")
    assert "待签收" in info.value.message
    with ctx.uow.read() as uow:
        events = uow.session.execute(
            select(func.count()).select_from(CaseEvent).where(CaseEvent.case_id == d.id)
        ).scalar_one()
    assert events == 2  # registered + dispatched: nothing half-saved


def test_reroute_without_a_new_opinion_keeps_the_one_given(
    ctx: ServiceContext, office: Office
) -> None:
    case = office.register()
    route = RouteInput(tier=2, lead_unit_id=unit_id(ctx, "CYFZ"), opinion="请产业发展科核实后答复")
    d = routing.route_case(ctx, office.desk, case.id, case.version, route)
    d = routing.reroute_case(ctx, office.desk, d.id, d.version, RouteInput(
        tier=2, lead_unit_id=unit_id(ctx, "ZXQY"), reason="主办科室调整"))  # fmt: skip
    assert d.work is not None and d.work.office_opinion == "请产业发展科核实后答复"
    again = RouteInput(
        tier=2, lead_unit_id=unit_id(ctx, "CYFZ"), reason="再次调整", opinion="请按新政策答复"
    )
    d = routing.reroute_case(ctx, office.desk, d.id, d.version, again)
    assert d.work is not None and d.work.office_opinion == "请按新政策答复"
