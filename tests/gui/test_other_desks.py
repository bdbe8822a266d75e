"""Seen at every desk, through the real window: another process routes the case shown in 全部办件;
within 2 s the detail pane reloads it and names who did what, an edit dialog open on the case
keeps its input and its save then meets the version check. On SQLite and PostgreSQL."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from hotline_desk.gui.cases.register_page import EditCaseDialog
from hotline_desk.gui.common.labels import label
from hotline_desk.gui.shell.main_window import MainWindow
from hotline_desk.services.admin.setup import open_desk
from hotline_desk.services.cases import catalog, read_model, registration
from hotline_desk.services.context import ServiceContext, local_now
from hotline_desk.services.dto import Actor
from hotline_desk.store.models import User
from tests import other_desk
from tests.factories import case_input
from tests.gui.conftest import ime_type

STARTUP_MS = 60_000
"""Upper bound for the other process to start and commit (imports dominate)."""


@pytest.fixture
def ctx(db_url: str, tmp_path) -> Iterator[ServiceContext]:  # type: ignore[no-untyped-def]
    """This GUI test runs on both engines (the other GUI tests on SQLite only)."""
    context = open_desk(db_url, backup_dir=tmp_path / "backups", clock=local_now)
    yield context
    context.engines.dispose()


def rename(ctx: ServiceContext, actor: Actor, display_name: str) -> None:
    with ctx.uow.write() as uow:
        user = uow.session.execute(select(User).where(User.id == actor.user_id)).scalar_one()
        user.display_name = display_name
        uow.commit()


def test_a_case_changed_at_another_desk_reloads_and_says_who(
    qtbot, app, db_url, ctx, make_actor, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    clerk = make_actor("intake", "desk")
    supervisor = make_actor("desk", "intake", username="wangdb")
    rename(ctx, supervisor, "王督办")
    case = registration.register_case(ctx, clerk, case_input(ctx))
    window = MainWindow(ctx, clerk)
    qtbot.addWidget(window)
    window.show()
    window.show_case(case.id)
    detail = window.detail
    assert detail is not None and detail.case is not None and detail.case.id == case.id
    assert not detail.remote_notice.isVisible()

    # an unsaved edit on the case, in a dialog left open
    dialog = EditCaseDialog(ctx, clerk, catalog.list_topics(ctx), detail.case, window)
    qtbot.addWidget(dialog)
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
    assert notice == "王督办 刚刚在另一台电脑上“转办”了此办件,已重新载入。"
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
