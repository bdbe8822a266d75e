"""Seen at every desk, through the real window: another process routes the case shown in 全部办件;
within 2 s the detail pane reloads it and names who did what, an edit dialog open on the case
keeps its input and its save then meets the version check. On SQLite and PostgreSQL."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from hotline_desk.gui.actions.edit import EditCaseDialog
from hotline_desk.gui.common.words import label
from hotline_desk.gui.shell.main_window import MainWindow
from hotline_desk.services.cases import catalog, read_model, registration
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.store.models import User
from tests import other_desk
from tests.desk_templates import DeskTemplates
from tests.factories import case_input
from tests.gui.conftest import ime_type

STARTUP_MS = 60_000
"""Upper bound for the other process to start and commit (imports dominate)."""


@pytest.fixture
def ctx(db_url: str, tmp_path, desk_templates: DeskTemplates) -> Iterator[ServiceContext]:  # type: ignore[no-untyped-def]
    """This GUI test runs on both engines (the other GUI tests on SQLite only)."""
    context = desk_templates.open_live(db_url, tmp_path / "backups")
    yield context
    context.engines.dispose()


@pytest.fixture
def windows(ctx: ServiceContext) -> Iterator[list[MainWindow]]:
    """Windows deleted at the end of the test, before its database (schema) goes: a window
    left for a later event loop would still follow the bus and read a dropped schema."""
    made: list[MainWindow] = []
    yield made
    for window in made:
        if shiboken6.isValid(window):
            window.close()
            window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def rename(ctx: ServiceContext, actor: Actor, display_name: str) -> None:
    with ctx.uow.write() as uow:
        user = uow.session.execute(select(User).where(User.id == actor.user_id)).scalar_one()
        user.display_name = display_name
        uow.commit()


def test_a_case_changed_at_another_desk_reloads_and_says_who(
    qtbot, app, db_url, ctx, make_actor, monkeypatch, windows
) -> None:  # type: ignore[no-untyped-def]
    clerk = make_actor("intake", "desk")
    supervisor = make_actor("desk", "intake", username="wangdb")
    rename(ctx, supervisor, "王督办")
    case = registration.register_case(ctx, clerk, case_input(ctx))
    window = MainWindow(ctx, clerk)
    windows.append(window)
    window.show()
    window.show_case(case.id)
    detail = window.detail
    assert detail is not None and detail.case is not None and detail.case.id == case.id
    assert not detail.remote_notice.isVisible()

    # an unsaved edit on the case, in a dialog left open
    dialog = EditCaseDialog(ctx, clerk, catalog.list_topics(ctx), detail.case, window)
    dialog.show()
    ime_type(dialog.form.content, "补充内容")
    typed = dialog.form.content.toPlainText()

    arrived: list[float] = []
    window.remote_changes.received.connect(lambda _changes: arrived.append(time.time()))
    process = other_desk.start(db_url, "route", "wangdb", str(case.id))
    qtbot.waitUntil(lambda: detail.case.version != case.version, timeout=STARTUP_MS)
    done = other_desk.finish(process)
    assert arrived and arrived[0] - done["committed"] < 2.0

    assert detail.remote_notice.isVisible()
    notice = detail.remote_notice.text()
    newest = detail.case.events[-1]
    assert newest.actor_name == "王督办" and label("kind", newest.kind) == "转办"
    assert notice == "王督办 刚刚在另一台电脑上“转办”了此办件，已重新载入。"
    assert detail.case.status != case.status
    assert read_model.get_case(ctx, clerk, case.id).version == detail.case.version

    # the dialog kept its input; its save meets the version check, which names who
    assert dialog.isVisible() and dialog.form.content.toPlainText() == typed
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    dialog.save()
    assert shown and "王督办" in shown[0]
    dialog.close()

    # our own writes come back through our own bus only, not as another desk's
    with qtbot.assertNotEmitted(window.remote_changes.received, wait=1500):
        registration.register_case(ctx, clerk, case_input(ctx))
    window.close()
    assert not window.remote_changes.running


def test_the_pane_reloads_only_for_other_desks_changes_to_its_case(
    qtbot, app, ctx, make_actor
) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from hotline_desk.domain.changes import CASES, Changes
    from hotline_desk.gui.cases.detail import CaseDetailPanel
    from hotline_desk.gui.common.bus import OTHER_DESK, app_bus

    clerk, other = make_actor("intake"), make_actor("intake")
    rename(ctx, other, "李登记")
    case = registration.register_case(ctx, clerk, case_input(ctx))
    panel = CaseDetailPanel(now=ctx.now, ctx=ctx, actor=clerk)
    qtbot.addWidget(panel)
    panel.show()
    case = read_model.get_case(ctx, clerk, case.id)
    panel.show_case(case)
    bus = app_bus()
    touched = Changes.of(CASES, case_ids=[case.id])

    bus.announce(touched, OTHER_DESK)  # nothing changed: no notice
    assert panel.case == case and not panel.remote_notice.isVisible()

    edit = replace(case_input(ctx, received_at=case.received_at), title="李登记改过的标题")
    registration.update_case(ctx, other, case.id, case.version, edit)
    bus.announce(touched, panel)  # this desk's own write: its writer shows the result
    bus.announce(Changes.of(CASES, case_ids=[case.id + 1]), OTHER_DESK)  # another case
    assert panel.case.version == case.version

    panel.hide()  # e.g. another page is shown: reload when it is shown again
    bus.announce(touched, OTHER_DESK)
    assert panel.case.version == case.version
    panel.show()
    assert panel.case.version != case.version and panel.case.title == "李登记改过的标题"
    assert panel.remote_notice.isVisible() and "李登记" in panel.remote_notice.text()
    assert panel.actions.buttons["edit"].isVisible(), "still registered: still editable"
    panel.show_case(None)
    assert not panel.remote_notice.isVisible()
