"""组织机构, 派单目录 and 用户管理's 修改信息 driven through their widgets as the system
administrator would (type, click), each checked in the database: a section added, a unit moved
and deactivated, a delete of a section with cases refused with the count; a topic with keywords
added and deactivated; a clerk's name and section changed."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from sqlalchemy import select

from hotline_desk.gui.pages.org_units import OrgUnitsPage
from hotline_desk.gui.pages.topics import TopicsPage
from hotline_desk.gui.pages.users import EditUserDialog, UsersPage
from hotline_desk.services.cases import catalog, registration
from hotline_desk.store.models import Case, OrgUnit, Topic, TopicAssistUnit, User
from tests.conftest import add_user
from tests.factories import case_input
from tests.gui.conftest import ime_type


@pytest.fixture
def warnings(monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: told.append(text))
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    return told


def unit_row(ctx, code: str) -> Any:  # type: ignore[no-untyped-def]
    """The unit's columns as stored now (None when there is no such unit)."""
    with ctx.uow.read() as uow:
        return uow.session.execute(
            select(*OrgUnit.__table__.columns).where(OrgUnit.code == code)
        ).first()


def test_org_page_adds_moves_deactivates_and_refuses_a_delete(qtbot, app, ctx, warnings) -> None:  # type: ignore[no-untyped-def]
    admin = add_user(ctx, "sys_admin")
    page = OrgUnitsPage(ctx, admin)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    assert page.tree.topLevelItemCount() >= 9  # 办公室 and the eight sections of the seed

    qtbot.mouseClick(page.new_section, Qt.MouseButton.LeftButton)
    ime_type(page.name, "数据监测科")
    qtbot.keyClicks(page.code, "SJJC")
    ime_type(page.head_name, "钱科长")
    qtbot.keyClicks(page.phone, "0571-87001234")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    added = unit_row(ctx, "SJJC")
    assert added is not None and added.name == "数据监测科" and added.kind == "section"
    assert added.head_name == "钱科长" and added.phone == "0571-87001234"

    # a unit under it: 新增直属单位 with the new section selected presets the parent
    qtbot.mouseClick(page.new_unit, Qt.MouseButton.LeftButton)
    ime_type(page.name, "市数据中心")
    qtbot.keyClicks(page.code, "SJZX")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    kid = unit_row(ctx, "SJZX")
    assert kid is not None and kid.parent_id == added.id and kid.kind == "unit"

    # moved under 财务科: pick the parent, save
    cwk = unit_row(ctx, "CWK")
    page.select(kid.id)
    page.parent_unit.setCurrentIndex(page.parent_unit.findData(cwk.id))  # type: ignore[union-attr]
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert unit_row(ctx, "SJZX").parent_id == cwk.id  # type: ignore[union-attr]

    # a field error beside its field, nothing saved
    qtbot.mouseClick(page.new_section, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.code, "CWK")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert "已被其他单位使用" in page.errors["code"].text()
    assert "请填写名称" in page.errors["name"].text()

    page.select(kid.id)
    assert page.toggle_button.text() == "停用"
    qtbot.mouseClick(page.toggle_button, Qt.MouseButton.LeftButton)
    assert unit_row(ctx, "SJZX").active is False  # type: ignore[union-attr]
    assert page.toggle_button.text() == "启用"

    # a section with a case cannot be deleted: the refusal says how many
    intake = add_user(ctx, "intake", "desk")
    case = registration.register_case(ctx, intake, case_input(ctx))
    with ctx.uow.write() as uow:
        uow.session.get(Case, case.id).lead_unit_id = unit_row(ctx, "ZHK").id  # type: ignore[union-attr]
        uow.commit()
    page.refresh()
    page.select(unit_row(ctx, "ZHK").id)  # type: ignore[union-attr]
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert warnings and "1 件办件" in warnings[-1] and "不能删除" in warnings[-1]
    assert unit_row(ctx, "ZHK") is not None


def test_topics_page_adds_a_topic_with_keywords_and_deactivates_it(
    qtbot, app, ctx, warnings
) -> None:  # type: ignore[no-untyped-def]
    admin = add_user(ctx, "sys_admin")
    page = TopicsPage(ctx, admin)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    ime_type(page.name, "无人机产业")
    qtbot.keyClicks(page.code, "WRJ")
    xxh = unit_row(ctx, "XXH")
    fgk = unit_row(ctx, "FGK")
    page.lead.setCurrentIndex(page.lead.findData(xxh.id))  # type: ignore[union-attr]
    for i in range(page.assists.count()):
        if page.assists.item(i).data(Qt.ItemDataRole.UserRole) == fgk.id:  # type: ignore[union-attr]
            page.assists.item(i).setCheckState(Qt.CheckState.Checked)
    ime_type(page.keywords, "无人机、航拍 低空")
    page.category.setCurrentIndex(page.category.findData("consult"))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    with ctx.uow.read() as uow:
        topic = uow.session.execute(
            select(*Topic.__table__.columns).where(Topic.code == "WRJ")
        ).one()
        query = select(TopicAssistUnit.org_unit_id).where(TopicAssistUnit.topic_id == topic.id)
        assists = list(uow.session.execute(query).scalars())
    assert (topic.name, topic.lead_unit_id, topic.keywords) == (
        "无人机产业",
        xxh.id,
        "无人机 航拍 低空",
    )  # type: ignore[union-attr]
    assert assists == [fgk.id] and topic.limit_category == "consult"  # type: ignore[union-attr]
    assert "无人机产业" in {t.name for t in catalog.list_topics(ctx)}

    page.select(topic.id)
    qtbot.mouseClick(page.toggle_button, Qt.MouseButton.LeftButton)
    assert "无人机产业" not in {t.name for t in catalog.list_topics(ctx)}  # not offered at intake

    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    ime_type(page.name, "重复")
    qtbot.keyClicks(page.code, "WRJ")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert "已被其他事项使用" in page.errors["code"].text()


def test_users_page_changes_a_clerks_name_and_section(qtbot, app, ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    admin = add_user(ctx, "sys_admin")
    clerk = add_user(ctx, "intake", username="zhaoliu", display_name="赵六")
    page = UsersPage(ctx, admin, catalog.list_org_units(ctx))
    qtbot.addWidget(page)
    page.show()
    cyfz = unit_row(ctx, "CYFZ")

    def fill(dialog: EditUserDialog) -> Any:
        dialog.show()
        dialog.display_name.clear()
        ime_type(dialog.display_name, "赵六一")
        dialog.unit.setCurrentIndex(dialog.unit.findData(cyfz.id))  # type: ignore[union-attr]
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(EditUserDialog, "exec", fill)
    page.table.selectRow([u.username for u in page.rows].index("zhaoliu"))
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    with ctx.uow.read() as uow:
        user = uow.session.execute(
            select(User.display_name, User.org_unit_id).where(User.id == clerk.user_id)
        ).one()
    assert tuple(user) == ("赵六一", cyfz.id)
    qtbot.waitUntil(lambda: "赵六一" in [u.display_name for u in page.rows])


def test_a_topics_time_limit_category_fills_the_intake_form(qtbot, app, ctx) -> None:  # type: ignore[no-untyped-def]
    from hotline_desk.gui.cases.form import CaseForm
    from hotline_desk.services.admin import topics

    admin = add_user(ctx, "sys_admin")
    lead = unit_row(ctx, "XXH")
    made = topics.save_topic(
        ctx, admin, None, topics.TopicInput("WRJ", "无人机产业", None, lead.id, (), "", "report")
    )
    form = CaseForm(catalog.list_topics(ctx))
    qtbot.addWidget(form)
    form.show()
    assert form.category.value() is None
    form.topic.set_topic(made.id)
    assert form.category.value() == "report"
    form.category.set_value("consult")  # the clerk's own choice stays
    form.topic.set_topic(next(t.id for t in catalog.list_topics(ctx) if t.code == "QYZC"))
    form.topic.set_topic(made.id)
    assert form.category.value() == "consult"


def test_the_admin_finds_both_pages_and_the_shared_lists_follow(qtbot, app, ctx) -> None:  # type: ignore[no-untyped-def]
    from hotline_desk.gui.shell.main_window import MainWindow

    admin = add_user(ctx, "sys_admin")
    window = MainWindow(ctx, admin)
    qtbot.addWidget(window)
    nav = [window.nav.item(r).text() for r in range(window.nav.count())]
    assert "组织机构" in nav and "派单目录" in nav
    window.show_page("topics")
    page = window.page("topics")
    assert isinstance(page, TopicsPage)
    first = next(iter(page.rows.values()))
    page.select(first.id)
    qtbot.mouseClick(page.toggle_button, Qt.MouseButton.LeftButton)
    assert first.id not in {t.id for t in window.topics}  # the next registration form
    clerk_window = MainWindow(ctx, add_user(ctx, "intake"))
    qtbot.addWidget(clerk_window)
    assert clerk_window.page("topics") is None and clerk_window.page("org") is None


def test_users_page_changes_a_clerks_roles_and_keeps_the_admin_roles_apart(
    qtbot, app, ctx, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from hotline_desk.gui.pages.users import RolesDialog
    from hotline_desk.store.models import UserRole

    admin = add_user(ctx, "sys_admin")
    clerk = add_user(ctx, "intake", username="sunqi")
    page = UsersPage(ctx, admin, catalog.list_org_units(ctx))
    qtbot.addWidget(page)
    page.show()
    picks: list[tuple[str, ...]] = [("intake", "audit_admin"), ("handler", "section_head")]
    errors: list[str] = []

    def tick(dialog: RolesDialog) -> Any:
        dialog.show()
        for wanted in picks:
            for role, box in dialog.role_boxes.items():
                box.setChecked(role in wanted)
            qtbot.mouseClick(
                dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                Qt.MouseButton.LeftButton,
            )
            errors.append(dialog.error.text())
        return dialog.result()

    monkeypatch.setattr(RolesDialog, "exec", tick)
    page.table.selectRow([u.username for u in page.rows].index("sunqi"))
    qtbot.mouseClick(page.roles_button, Qt.MouseButton.LeftButton)
    assert "三员分立" in errors[0]  # an administrator role beside a business one: refused
    with ctx.uow.read() as uow:
        roles = set(
            uow.session.execute(
                select(UserRole.role).where(UserRole.user_id == clerk.user_id)
            ).scalars()
        )
    assert roles == {"handler", "section_head"}


def test_a_change_from_elsewhere_leaves_a_new_unit_being_typed(qtbot, app, ctx) -> None:  # type: ignore[no-untyped-def]
    from hotline_desk.domain.changes import ORG, Changes
    from hotline_desk.gui.common.bus import app_bus

    page = OrgUnitsPage(ctx, add_user(ctx, "sys_admin"))
    qtbot.addWidget(page)
    page.show()
    qtbot.mouseClick(page.new_section, Qt.MouseButton.LeftButton)
    ime_type(page.name, "规划科")
    app_bus().announce(Changes.of(ORG), None)  # another desk changed the tree
    assert page.name.text() == "规划科" and page.current_id is None
