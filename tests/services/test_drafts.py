"""Drafts (issue 18): kept per user, per dialog kind and per case; only their owner gets them
back — another user at the same desk, with the same view of the case, reads, replaces and drops
nothing of them; a case that ends takes its drafts with it; old drafts go; no audit row, no
timeline event (drafts are not business writes)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from hotline_desk.domain.errors import NotFound, ValidationError
from hotline_desk.services import drafts
from hotline_desk.services.cases import registration
from hotline_desk.services.lifecycle import routing
from hotline_desk.store.models import AuditLog, CaseEvent, UnsavedDraft
from tests.factories import case_input

TEXT = "您好！您反映的问题已收悉，经核实……（来电人张三，13812345678）"


def _count(ctx, model) -> int:  # type: ignore[no-untyped-def]
    with ctx.uow.read() as uow:
        return int(uow.session.execute(select(func.count()).select_from(model)).scalar_one())


@pytest.fixture
def desk(ctx, make_actor):  # type: ignore[no-untyped-def]
    return make_actor("desk", "intake", unit="BGS", username="desk_a")


@pytest.fixture
def case(ctx, desk):  # type: ignore[no-untyped-def]
    return registration.register_case(ctx, desk, case_input(ctx))


def test_save_load_replace_discard(ctx, desk, case, clock) -> None:  # type: ignore[no-untyped-def]
    audit, events = _count(ctx, AuditLog), _count(ctx, CaseEvent)
    drafts.save_draft(ctx, desk, "ReplyDialog", case.id, {"text": "第一版"})
    clock.now += timedelta(seconds=5)
    drafts.save_draft(ctx, desk, "ReplyDialog", case.id, {"text": TEXT})
    kept = drafts.load_draft(ctx, desk, "ReplyDialog", case.id)
    assert kept is not None and kept.fields == {"text": TEXT} and kept.updated_at == clock.now
    assert _count(ctx, UnsavedDraft) == 1  # replaced, not added
    assert drafts.load_draft(ctx, desk, "NoteDialog", case.id) is None  # per kind
    assert drafts.load_draft(ctx, desk, "ReplyDialog", None) is None  # per case
    drafts.save_draft(ctx, desk, "RegisterPage", None, {"title": "路灯不亮", "anonymous": True})
    form = drafts.load_draft(ctx, desk, "RegisterPage", None)
    assert form is not None and form.fields == {"title": "路灯不亮", "anonymous": True}
    drafts.discard_draft(ctx, desk, "ReplyDialog", case.id)
    assert drafts.load_draft(ctx, desk, "ReplyDialog", case.id) is None
    assert drafts.load_draft(ctx, desk, "RegisterPage", None) is not None
    # not business writes: nothing in the audit log (which never holds the text), no event
    assert (_count(ctx, AuditLog), _count(ctx, CaseEvent)) == (audit, events)


def test_another_user_cannot_read_replace_or_drop_a_draft(ctx, desk, case, make_actor) -> None:  # type: ignore[no-untyped-def]
    """The attack: a second desk clerk, who sees the same case, asks the service for the first
    clerk's draft of every kind — and tries to overwrite and discard it."""
    other = make_actor("desk", "intake", unit="BGS", username="desk_b")
    drafts.save_draft(ctx, desk, "ReplyDialog", case.id, {"text": TEXT})
    drafts.save_draft(ctx, desk, "RegisterPage", None, {"caller_phone": "13812345678"})
    assert drafts.load_draft(ctx, other, "ReplyDialog", case.id) is None
    assert drafts.load_draft(ctx, other, "RegisterPage", None) is None
    drafts.save_draft(ctx, other, "ReplyDialog", case.id, {"text": "别人的"})
    drafts.discard_draft(ctx, other, "RegisterPage", None)
    drafts.discard_draft(ctx, other, "ReplyDialog", case.id)
    mine = drafts.load_draft(ctx, desk, "ReplyDialog", case.id)
    assert mine is not None and mine.fields == {"text": TEXT}
    form = drafts.load_draft(ctx, desk, "RegisterPage", None)
    assert form is not None and form.fields == {"caller_phone": "13812345678"}


def test_no_draft_on_a_case_the_user_may_not_see(ctx, case, make_actor) -> None:  # type: ignore[no-untyped-def]
    stranger = make_actor("handler", unit="CYFZ", username="stranger")
    with pytest.raises(NotFound):
        drafts.save_draft(ctx, stranger, "NoteDialog", case.id, {"text": "x"})


def test_bad_kind_and_control_characters_are_refused(ctx, desk) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError):
        drafts.save_draft(ctx, desk, "../other", None, {"text": "x"})
    with pytest.raises(ValidationError):
        drafts.save_draft(ctx, desk, "RegisterPage", None, {"text": "a\x00b"})


def test_a_case_that_ends_takes_every_users_drafts(ctx, desk, case, make_actor) -> None:  # type: ignore[no-untyped-def]
    other = make_actor("desk", "intake", unit="BGS", username="desk_b")
    drafts.save_draft(ctx, desk, "RejectDialog", case.id, {"note": "重复来电"})
    drafts.save_draft(ctx, other, "RouteDialog", case.id, {"opinion": "请核实"})
    drafts.save_draft(ctx, desk, "RegisterPage", None, {"title": "另一件"})
    routing.reject_case(ctx, desk, case.id, case.version, "other", "重复来电,已答复")
    assert drafts.load_draft(ctx, desk, "RejectDialog", case.id) is None
    assert drafts.load_draft(ctx, other, "RouteDialog", case.id) is None
    assert drafts.load_draft(ctx, desk, "RegisterPage", None) is not None


def test_drafts_older_than_the_limit_are_never_offered_and_are_purged(ctx, desk, clock) -> None:  # type: ignore[no-untyped-def]
    drafts.save_draft(ctx, desk, "RegisterPage", None, {"title": "旧的"})
    clock.now += timedelta(days=drafts.DRAFT_DAYS, seconds=1)
    assert drafts.load_draft(ctx, desk, "RegisterPage", None) is None
    drafts.save_draft(ctx, desk, "NoteDialog", None, {"text": "新的"})
    assert _count(ctx, UnsavedDraft) == 1
