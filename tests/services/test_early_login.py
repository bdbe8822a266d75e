"""The login's early Argon2 check (services/admin/early_login.py): a login pressed while the desk
opens is checked against the hash read straight from the file, and ``auth.login`` takes that
answer only for the very same account, hash and password. The attacks: an early "yes" for
another password, for a hash a reset has since replaced, for another account — each is checked
again and refused (and counted); on both engines. The raw read never creates a file."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from hotline_desk.domain.errors import AuthError
from hotline_desk.services.admin import auth
from hotline_desk.services.admin.early_login import check
from hotline_desk.services.context import ServiceContext
from hotline_desk.store.login_hash import password_hash
from hotline_desk.store.models import AuditLog, User
from tests.gui.conftest import PASSWORD, set_password


def _hash(ctx: ServiceContext, username: str) -> str:
    with ctx.uow.read() as uow:
        stored = uow.session.scalar(select(User.password_hash).where(User.username == username))
    assert stored is not None
    return stored


def _actions(ctx: ServiceContext) -> list[str]:
    with ctx.uow.read() as uow:
        return list(uow.session.scalars(select(AuditLog.action).order_by(AuditLog.id)))


def test_the_early_answer_spares_the_second_argon2_and_logs_in(
    ctx: ServiceContext, make_actor, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    set_password(ctx, make_actor("intake", username="dengji"))
    early = check("dengji", _hash(ctx, "dengji"), PASSWORD)
    assert early.ok

    def no_second_check(*_a: object) -> bool:
        raise AssertionError("Argon2 ran again")

    monkeypatch.setattr(auth, "_matches", no_second_check)
    assert auth.login(ctx, " dengji ", PASSWORD, early=early).actor.username == "dengji"
    assert _actions(ctx)[-1] == "login"


def test_a_wrong_early_answer_is_never_taken(ctx: ServiceContext, make_actor) -> None:  # type: ignore[no-untyped-def]
    set_password(ctx, make_actor("intake", username="dengji"))
    set_password(ctx, make_actor("intake", username="other"), "Other#2026ok")
    right = check("dengji", _hash(ctx, "dengji"), PASSWORD)
    assert right.ok
    with pytest.raises(AuthError, match="再错4次"):  # its "yes" was for another password
        auth.login(ctx, "dengji", "wrong", early=right)
    others = check("other", _hash(ctx, "other"), "Other#2026ok")
    with pytest.raises(AuthError, match="再错3次"):  # another account's answer
        auth.login(ctx, "dengji", "Other#2026ok", early=others)
    assert _actions(ctx)[-2:] == ["login_failed", "login_failed"]


def test_a_reset_after_the_early_check_makes_the_login_check_again(
    ctx: ServiceContext, make_actor
) -> None:  # type: ignore[no-untyped-def]
    clerk = make_actor("intake", username="dengji")
    set_password(ctx, clerk)
    early = check("dengji", _hash(ctx, "dengji"), PASSWORD)
    set_password(ctx, clerk, "Reset#2026ok")  # the security administrator reset it meanwhile
    with pytest.raises(AuthError, match="再错4次"):
        auth.login(ctx, "dengji", PASSWORD, early=early)
    assert auth.login(ctx, "dengji", "Reset#2026ok", early=early).actor.username == "dengji"


def test_the_raw_read_finds_the_hash_and_creates_nothing(
    ctx: ServiceContext, make_actor, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "nowhere" / "hotline_desk.db"
    assert password_hash(missing, "dengji") is None and not missing.parent.exists()
    if not ctx.engines.is_sqlite:
        return
    set_password(ctx, make_actor("intake", username="dengji"))
    file = Path(str(ctx.engines.writer.url.database))
    assert password_hash(file, " dengji ") == _hash(ctx, "dengji")
    assert password_hash(file, "nobody") is None
