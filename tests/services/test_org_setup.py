"""The bureau sets itself up (issue 18), on SQLite and PostgreSQL: 组织机构 (add, rename, move,
reorder, deactivate and reactivate, a refused delete of a unit with cases saying how many), the
派单目录 (unique codes, keywords that feed the routing suggestion, a deactivated topic no longer
offered while its cases keep it), a user's name, section and roles (三员 rules kept, a role
change ending the session) — and an ordinary user calling these services refused."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from hotline_desk.domain.errors import (
    ConflictError,
    PermissionDenied,
    SessionEnded,
    ValidationError,
)
from hotline_desk.services.admin import org, setup_assistant, topics, users
from hotline_desk.services.admin.dual_control import AdminRequestInfo
from hotline_desk.services.admin.org_workbook import TopicLine, UnitLine
from hotline_desk.services.admin.sessions import check_session
from hotline_desk.services.cases import catalog, registration
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.services.lifecycle.routing_suggest import suggest_route
from hotline_desk.store.models import AuditLog, Case, OrgUnit
from tests.conftest import MakeActor
from tests.factories import case_input, topic_id


@pytest.fixture
def admin(make_actor: MakeActor) -> Actor:
    return make_actor("sys_admin")


def unit(ctx: ServiceContext, admin: Actor, code: str) -> org.UnitRow:
    return next(u for u in org.list_units(ctx, admin) if u.code == code)


def actions(ctx: ServiceContext) -> list[str]:
    with ctx.uow.read() as uow:
        return list(uow.session.execute(select(AuditLog.action).order_by(AuditLog.id)).scalars())


def section(code: str, name: str, **kw: object) -> org.UnitInput:
    return org.UnitInput(code=code, name=name, kind="section", parent_id=None, **kw)  # type: ignore[arg-type]


def test_add_rename_move_reorder_and_name_a_head(ctx: ServiceContext, admin: Actor) -> None:
    office = unit(ctx, admin, "BGS")
    added = org.save_unit(ctx, admin, None, section("shjk", " 数据监测科 ", phone="0571-8888 1234"))
    assert (added.code, added.name, added.active) == ("SHJK", "数据监测科", True)
    assert added.phone == "0571-8888 1234"
    assert [u.code for u in org.list_units(ctx, admin) if u.parent_id is None][-1] == "SHJK"

    clerk = users.create_user(ctx, admin, users.UserInput("lisi", "李四", added.id, ("handler",)))[
        0
    ]  # type: ignore[index]
    renamed = org.save_unit(
        ctx, admin, added.id,
        org.UnitInput("SHJK", "数据与监测科", "section", office.id, head_user_id=clerk.id),
    )  # fmt: skip
    assert renamed.name == "数据与监测科" and renamed.parent_id == office.id
    assert renamed.head_text == "李四" and renamed.users == 1

    unit_kid = org.save_unit(ctx, admin, None, org.UnitInput(
        "SJZX", "市数据中心", "unit", added.id, head_name="王主任"))  # fmt: skip
    assert unit_kid.head_text == "王主任"
    second = org.save_unit(ctx, admin, None, org.UnitInput("SJZX2", "二中心", "unit", added.id))
    org.shift_unit(ctx, admin, second.id, -1)
    under = [u.code for u in org.list_units(ctx, admin) if u.parent_id == added.id]
    assert under == ["SJZX2", "SJZX"]
    with pytest.raises(ConflictError, match="已经在最前"):
        org.shift_unit(ctx, admin, second.id, -1)
    assert {"org_unit_create", "org_unit_move", "org_unit_reorder"} <= set(actions(ctx))
    # the routing forms list it (active units)
    assert "数据与监测科" in {u.name for u in catalog.list_org_units(ctx)}


def test_validation_names_the_field_in_chinese(ctx: ServiceContext, admin: Actor) -> None:
    cwk = unit(ctx, admin, "CWK")
    with pytest.raises(ValidationError) as bad:
        org.save_unit(ctx, admin, None, org.UnitInput("cwk", "", "unit", None, phone="abc"))
    errors = bad.value.field_errors
    assert "已被其他单位使用" in errors["code"] and "请填写名称" in errors["name"]
    assert "上级科室" in errors["parent_id"] and "联系电话" in errors["phone"]
    kid = org.save_unit(ctx, admin, None, org.UnitInput("KID", "下属中心", "unit", cwk.id))
    with pytest.raises(ValidationError) as loop:
        org.save_unit(ctx, admin, cwk.id, org.UnitInput("CWK", "财务科", "section", kid.id))
    assert loop.value.field_errors["parent_id"]
    with pytest.raises(ValidationError, match="类型不能更改"):
        org.save_unit(ctx, admin, kid.id, org.UnitInput("KID", "下属中心", "section", None))


def test_deactivate_reactivate_and_delete_refused_with_counts(
    ctx: ServiceContext, admin: Actor, make_actor: MakeActor
) -> None:
    intake = make_actor("intake", "desk")
    case = registration.register_case(ctx, intake, case_input(ctx))
    zhk = unit(ctx, admin, "ZHK")  # leads 企业政策, the case's topic; the case is not routed yet
    with ctx.uow.write() as uow:  # routed there (the lifecycle's own tests route for real)
        uow.session.get(Case, case.id).lead_unit_id = zhk.id  # type: ignore[union-attr]
        uow.commit()
    with pytest.raises(ConflictError, match="有 1 件办件、0 个账号，不能删除"):
        org.delete_unit(ctx, admin, zhk.id)
    with pytest.raises(ConflictError, match="1 件未办结的办件"):
        org.set_unit_active(ctx, admin, zhk.id, False)
    with pytest.raises(ConflictError, match="办公室"):
        org.set_unit_active(ctx, admin, unit(ctx, admin, "BGS").id, False)

    spare = org.save_unit(ctx, admin, None, section("SPARE", "临时科"))
    stopped = org.set_unit_active(ctx, admin, spare.id, False)
    assert not stopped.active
    assert "临时科" not in {u.name for u in catalog.list_org_units(ctx)}
    with pytest.raises(ValidationError, match="已停用"):
        users.create_user(ctx, admin, users.UserInput("wangwu", "王五", spare.id, ("handler",)))
    assert org.set_unit_active(ctx, admin, spare.id, True).active
    org.delete_unit(ctx, admin, spare.id)  # nothing refers to it: a mistake can go
    with ctx.uow.read() as uow:
        assert uow.session.get(OrgUnit, spare.id) is None
    assert {"org_unit_disable", "org_unit_enable", "org_unit_delete"} <= set(actions(ctx))


def test_topics_unique_codes_keywords_feed_routing_and_deactivation(
    ctx: ServiceContext, admin: Actor, make_actor: MakeActor
) -> None:
    desk = make_actor("desk", "intake")
    xxh, fgk = unit(ctx, admin, "XXH"), unit(ctx, admin, "FGK")
    title = "反映无人机航拍许可办理难"
    before = suggest_route(ctx, desk, topic_id=None, title=title)
    assert before.lead_unit_id is None  # no topic, no history, no keyword: nothing to go on

    with pytest.raises(ValidationError, match="已被其他事项使用"):
        topics.save_topic(ctx, admin, None, topics.TopicInput("QYZC", "重复", None, xxh.id))
    drones = topics.save_topic(ctx, admin, None, topics.TopicInput(
        "WRJ", "无人机产业", None, xxh.id, (fgk.id,), "无人机， 航拍、 低空 无人机",
        "consult"))  # fmt: skip
    assert drones.keywords == "无人机 航拍 低空" and drones.assist_unit_ids == (fgk.id,)
    after = suggest_route(ctx, desk, topic_id=None, title=title)
    assert after.lead_unit_id == xxh.id
    assert "无人机" in after.basis and "航拍" in after.basis

    intake = make_actor("intake")
    assert "无人机产业" in {t.name for t in catalog.list_topics(ctx)}
    case = registration.register_case(ctx, intake, case_input(ctx, topic_id=drones.id))
    topics.set_topic_active(ctx, admin, drones.id, False)
    assert "无人机产业" not in {t.name for t in catalog.list_topics(ctx)}  # not at intake
    with ctx.uow.read() as uow:
        assert uow.session.get(Case, case.id).topic_id == drones.id  # type: ignore[union-attr]
    assert suggest_route(ctx, desk, topic_id=None, title=title).lead_unit_id is None
    edited = registration.update_case(  # the old case keeps it when corrected
        ctx, intake, case.id, case.version, case_input(ctx, topic_id=drones.id, title="改了标题")
    )
    assert edited.title == "改了标题"
    with pytest.raises(ValidationError, match="有效的事项分类"):  # a new case cannot take it
        registration.register_case(ctx, intake, case_input(ctx, topic_id=drones.id))
    row = next(t for t in topics.list_catalogue(ctx, admin) if t.id == drones.id)
    assert not row.active and row.cases == 1
    topics.set_topic_active(ctx, admin, drones.id, True)
    assert {"topic_create", "topic_disable", "topic_enable"} <= set(actions(ctx))


def test_a_users_name_section_and_roles(
    ctx: ServiceContext, admin: Actor, make_actor: MakeActor
) -> None:
    clerk = make_actor("intake", unit="BGS")
    cyfz = unit(ctx, admin, "CYFZ")
    info = users.update_user(ctx, admin, clerk.user_id, users.ProfileInput("赵六", cyfz.id))
    assert isinstance(info, users.UserInfo)
    assert (info.display_name, info.org_unit_name) == ("赵六", "产业发展科")
    with pytest.raises(SessionEnded):  # the section change ended the open session
        check_session(ctx, clerk)
    changed = users.set_roles(ctx, admin, clerk.user_id, ("handler", "section_head"))
    assert isinstance(changed, users.UserInfo) and set(changed.roles) == {"handler", "section_head"}
    with pytest.raises(ValidationError, match="三员分立"):
        users.set_roles(ctx, admin, clerk.user_id, ("handler", "audit_admin"))
    # an administrator's own account: only a request a second administrator confirms
    sec = make_actor("sec_admin")
    asked = users.update_user(ctx, admin, sec.user_id, users.ProfileInput("安全员甲", None))
    assert isinstance(asked, AdminRequestInfo) and asked.kind == "set_profile"
    assert actions(ctx).count("user_update") == 1 and "admin_request" in actions(ctx)


def test_assistant_tables_save_all_or_nothing(ctx: ServiceContext, admin: Actor) -> None:
    lines = (
        UnitLine("数据管理科", "SJGL", "科室", "", "周科长", "0571-1234"),
        UnitLine("市大数据中心", "DSJ", "直属单位", "SJGL"),
        UnitLine("综合科室", "ZHK", "科室"),  # an existing unit renamed by its code
    )
    assert setup_assistant.save_unit_lines(ctx, admin, lines) == 3
    assert unit(ctx, admin, "DSJ").parent_id == unit(ctx, admin, "SJGL").id
    assert unit(ctx, admin, "ZHK").name == "综合科室"
    bad = (UnitLine("甲科", "JIAK", "科室"), UnitLine("乙中心", "YIZX", "直属单位", "NOPE"))
    with pytest.raises(ValidationError, match="第 2 行.*NOPE"):
        setup_assistant.save_unit_lines(ctx, admin, bad)
    assert "JIAK" not in {u.code for u in org.list_units(ctx, admin)}  # all or nothing
    topic_lines = (TopicLine("数据开放", "SJKF", "", "SJGL", "DSJ", "公共数据 开放", "咨询"),)
    assert setup_assistant.save_topic_lines(ctx, admin, topic_lines) == 1
    row = next(t for t in topics.list_catalogue(ctx, admin) if t.code == "SJKF")
    assert row.limit_category == "consult" and row.lead_unit_name == "数据管理科"
    with pytest.raises(ValidationError, match="找不到"):
        setup_assistant.save_topic_lines(ctx, admin, (TopicLine("x", "XX", "", "NOPE"),))


@pytest.mark.parametrize("roles", [("intake", "desk"), ("sec_admin",), ("audit_admin",)])
def test_others_calling_the_admin_services_are_refused(
    ctx: ServiceContext, make_actor: MakeActor, roles: tuple[str, ...]
) -> None:
    """The attack: a clerk (or another administrator) calls the services straight."""
    someone = make_actor(*roles)
    victim = make_actor("handler")
    with ctx.uow.read() as uow:
        zhk = uow.session.execute(select(OrgUnit.id).where(OrgUnit.code == "ZHK")).scalar_one()
    calls = [
        lambda: org.list_units(ctx, someone),
        lambda: org.save_unit(ctx, someone, zhk, org.UnitInput("ZHK", "被改科", "section", None)),
        lambda: org.set_unit_active(ctx, someone, zhk, False),
        lambda: org.delete_unit(ctx, someone, zhk),
        lambda: org.shift_unit(ctx, someone, zhk, 1),
        lambda: topics.list_catalogue(ctx, someone),
        lambda: topics.save_topic(ctx, someone, None, topics.TopicInput("X1", "x", None, zhk)),
        lambda: topics.set_topic_active(ctx, someone, topic_id(ctx), False),
        # the security administrator sees the accounts but does not edit a clerk's
        lambda: users.update_user(ctx, someone, victim.user_id, users.ProfileInput("冒名", zhk)),
        lambda: setup_assistant.save_unit_lines(ctx, someone, (UnitLine("冒名科", "ZHK", "科室"),)),
        lambda: setup_assistant.save_topic_lines(ctx, someone, (TopicLine("x", "QYZC"),)),
        lambda: setup_assistant.close_assistant(ctx, someone, True),
        lambda: setup_assistant.remember_step(ctx, someone, 3),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    with ctx.uow.read() as uow:
        assert uow.session.get(OrgUnit, zhk).name == "综合科"  # type: ignore[union-attr]
