"""Offscreen pictures of the bureau's own set-up for ``hotline-desk screenshots``: 组织机构 with a
section selected, 派单目录 with a topic selected, 用户管理's 修改信息 dialog, and each step of
the first-run assistant (its writes are not made: the pictures show the forms only)."""

from __future__ import annotations

from pathlib import Path

from hotline_desk.domain.enums.org import OrgKind, Role
from hotline_desk.gui.shots.helpers import SIZE, grab, open_window, save
from hotline_desk.services.cases import catalog
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor


def render_org_setup(ctx: ServiceContext, admin: Actor, out: Path, database: str) -> list[Path]:
    from hotline_desk.gui.pages.org_units import OrgUnitsPage
    from hotline_desk.gui.pages.topics import TopicsPage
    from hotline_desk.gui.pages.users import EditUserDialog, UsersPage

    shots: list[Path] = []
    window = open_window(ctx, admin, database)
    window.show_page("org")
    org_page = window.page("org")
    assert isinstance(org_page, OrgUnitsPage)
    section = next((r for r in org_page.rows.values() if r.kind == OrgKind.SECTION), None)
    if section is not None:
        org_page.select(section.id)
    shots.append(save(window, out, "org_units", SIZE))
    window.show_page("topics")
    topics_page = window.page("topics")
    assert isinstance(topics_page, TopicsPage)
    if topics_page.rows:
        topics_page.select(next(iter(topics_page.rows)))
    shots.append(save(window, out, "topics", SIZE))
    window.show_page("users")
    users_page = window.page("users")
    assert isinstance(users_page, UsersPage)
    clerk = next((u for u in users_page.rows if Role.INTAKE in u.roles), users_page.rows[0])
    dialog = EditUserDialog(ctx, admin, clerk, catalog.list_org_units(ctx), window)
    shots.append(grab(dialog, out / "user_edit.png"))
    window.close()
    return shots + render_setup_assistant(ctx, admin, out, database)


def render_setup_assistant(ctx: ServiceContext, admin: Actor, out: Path, _database: str
                           ) -> list[Path]:  # fmt: skip
    """Each step of the 首次设置向导 as it opens (nothing is saved)."""
    from hotline_desk.gui.shell.setup_assistant import SetupAssistant

    shots: list[Path] = []
    wizard = SetupAssistant(ctx, admin, 0, out)
    names = ("setup_1_name", "setup_2_units", "setup_3_topics", "setup_4_users", "setup_5_done")
    for index, name in enumerate(names):
        wizard.go(index)
        if index == len(names) - 1:
            wizard.done_step.show_passwords([("anquan", "Hd7kQm2xTp#4")])
        shots.append(grab(wizard, out / f"{name}.png", close=index == len(names) - 1))
    return shots
