"""Account rows: the temporary password an administrator hands over, and the insert of a new
account that ``users`` (at once) and ``dual_control`` (on confirmation) share."""

from __future__ import annotations

import secrets
import string
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotline_desk.domain.errors import Msg, ValidationError
from hotline_desk.services.admin.password_rules import new_password_problems
from hotline_desk.store.models import OrgUnit, User, UserRole


def temporary_password() -> str:
    """A policy-conforming one-time password the user must change at first login (drawn again
    in the rare case zxcvbn would find it guessable, so it passes the same checks as a chosen
    one)."""
    alphabet = string.ascii_letters + string.digits
    while True:
        core = "".join(secrets.choice(alphabet) for _ in range(8))
        password = f"Hd{core}#{secrets.randbelow(10)}"
        if not new_password_problems(password, ""):
            return password


def check_org_unit(s: Session, org_unit_id: int | None) -> None:
    if org_unit_id is None:
        return
    unit = s.get(OrgUnit, org_unit_id)
    if unit is None:
        raise ValidationError({"org_unit_id": "请选择有效的所属部门"})
    if not unit.active:
        raise ValidationError({"org_unit_id": Msg("“{name}”已停用，请选择在用的部门",
                                                  name=unit.name)})  # fmt: skip


def new_account(s: Session, data: dict[str, Any], password_hash: str | None, now: datetime) -> User:
    """Insert an account (the checks are the caller's; the name is checked again here);
    ``password_hash`` None: no password yet (the security administrator issues the first)."""
    username = str(data["username"]).strip()
    if s.execute(select(User.id).where(User.username == username)).first():
        raise ValidationError({"username": Msg("用户名 {username} 已存在", username=username)})
    check_org_unit(s, data.get("org_unit_id"))
    user = User(
        username=username, display_name=str(data["display_name"]).strip(),
        password_hash=password_hash, must_change_password=True,
        org_unit_id=data.get("org_unit_id"), active=True, failed_logins=0, is_demo=False,
        created_at=now,
    )  # fmt: skip
    user.roles = [UserRole(role=r) for r in sorted(set(data["roles"]))]
    s.add(user)
    s.flush()
    return user
