"""GUI fixtures: a desk on SQLite with users whose passwords are known."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from hotline_desk.gui.shell.app import create_application
from hotline_desk.services.admin.auth import hash_password
from hotline_desk.services.dto import Actor
from hotline_desk.store.models import User

PASSWORD = "Desk#2026ok"


@pytest.fixture
def ctx(sqlite_url, clock, tmp_path, desk_templates):  # type: ignore[no-untyped-def]
    """GUI tests run on SQLite with the real clock (widgets default to 'now'); the desk is a
    clone of the session's template seeded earlier today (tests/desk_templates.py)."""
    context = desk_templates.open_live(sqlite_url, tmp_path / "backups")
    yield context
    context.engines.dispose()


@pytest.fixture
def app(qapp):  # type: ignore[no-untyped-def]
    return create_application()


@pytest.fixture(autouse=True)
def close_windows_after_each_test(qapp):  # type: ignore[no-untyped-def]
    """Close what a test left open and delete it: windows stop their timers and wait for
    their background work, so nothing of one test runs on into the next one's database, and
    none is freed later by the collector in the middle of another test."""
    yield
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.topLevelWidgets():
        if widget.isVisible():
            widget.close()
    QApplication.processEvents()
    # ... and deleted now (pytest-qt's deleteLater), as the desk's event loop deletes a window
    # at sign-out. Left pending, a test's closed window was freed whenever the collector next
    # ran, in the middle of a later test, and its destruction there crashed the run (a
    # segfault in CI after test_letter_word_gui's preview and an org admin page test)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def set_password(ctx, actor: Actor, password: str = PASSWORD) -> None:  # type: ignore[no-untyped-def]
    with ctx.uow.write() as uow:
        user = uow.session.execute(select(User).where(User.id == actor.user_id)).scalar_one()
        user.password_hash = hash_password(password)
        uow.commit()


def ime_type(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type Chinese the way an input method does: a committed QInputMethodEvent.

    (Key events cannot carry CJK characters; real users' Pinyin IME commits text like this.)
    """
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)
