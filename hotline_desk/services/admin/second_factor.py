"""Second factor at login: a TOTP dynamic code (RFC 6238 through ``pyotp``: 6 digits, 30 s
steps, one step either side accepted for clock drift) or one of ten one-time recovery codes.

Who needs it: an account that has enrolled always logs in with its code; the three
administrator roles must enrol when the security administrator switches
``office.ADMIN_SECOND_FACTOR`` on (等保 level 3: two factors for administrators) — until they
have, the login says so (``LoginResult.must_enrol_second_factor``) and the desk opens only after
enrolment.

Replay: a code is accepted only for a time step later than the last one this account used. That
step is kept in the account's own audit rows (``totp_step`` in the detail of its latest
``login``/``totp_*`` row: the append-only, chained log, so no migration and valid on
every workstation and both engines); the check runs under a lock of the user's row (PostgreSQL
``FOR UPDATE``, SQLite's write lock), so two desks cannot both accept one code.

Recovery codes: 16 characters from a 31-letter alphabet without look-alikes drawn with
``secrets`` (~79 bits each), shown once and stored as salted SHA-256. A slow hash (Argon2) is
for what people choose; a random 79-bit code cannot be guessed offline from its salted digest
(2^78 tries on average per code), and a fast hash keeps Argon2 out of the login's write lock.

The secret itself is stored as it is (the server must compute the codes): whoever can read the
``users`` table can compute codes, which the password hash still guards.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pyotp
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from hotline_desk.domain.enums.org import ADMIN_ROLES
from hotline_desk.domain.errors import (
    ConflictError,
    Msg,
    NotFound,
    SecondFactorRequired,
    ValidationError,
)
from hotline_desk.services.admin import office
from hotline_desk.services.audit import record_audit
from hotline_desk.services.boundary import enrolment_step, signed_in, user_input
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.store.models import AuditLog, RecoveryCode, User

PRODUCT = "市长热线办件台"
RECOVERY_COUNT = 10
RECOVERY_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
"""No 0/o, 1/l/i: the codes are read off paper."""
RECOVERY_LENGTH = 16
STEP_ACTIONS = (
    "login",
    "totp_enrolled",
    "totp_disabled",
    "recovery_codes_renewed",
)
_SECRET = re.compile(r"^[A-Z2-7]{32}$")
_DIGITS = re.compile(r"^\d{6}$")
WRONG_CODE = Msg("动态验证码不正确或已用过")


@dataclass(frozen=True)
class Enrolment:
    """What the enrolment dialog shows: the secret (QR code and manual entry) and its URI."""

    secret: str
    uri: str
    issuer: str
    account: str
    bureau: str


@dataclass(frozen=True)
class SecondFactorStatus:
    enabled: bool
    enrolled_at: datetime | None
    required: bool
    recovery_left: int


@dataclass(frozen=True)
class LoginFactor:
    """The second factor's part in one login, after a right password."""

    refused: bool = False
    must_enrol: bool = False
    detail: dict[str, Any] = field(default_factory=dict)
    """For the ``login`` audit row: which factor, and the TOTP step it used up."""


def required_for(s: Session, roles: frozenset[str] | set[str]) -> bool:
    """Whether an account with ``roles`` must have a second factor."""
    return any(r in ADMIN_ROLES for r in roles) and bool(office.read(s, office.ADMIN_SECOND_FACTOR))


def _user(s: Session, user_id: int, lock: bool = False) -> User:
    query = select(User).where(User.id == user_id).execution_options(populate_existing=True)
    user = s.execute(query.with_for_update() if lock else query).scalar_one_or_none()
    if user is None or not user.active:
        raise NotFound("账号不存在或已停用")
    return user


def _recovery_left(s: Session, user_id: int) -> int:
    return int(
        s.execute(
            select(func.count(RecoveryCode.id)).where(
                RecoveryCode.user_id == user_id, RecoveryCode.used_at.is_(None)
            )
        ).scalar_one()
    )


@signed_in
@enrolment_step
def status(ctx: ServiceContext, actor: Actor) -> SecondFactorStatus:
    """The actor's own second factor."""
    with ctx.uow.read() as uow:
        s = uow.session
        user = _user(s, actor.user_id)
        return SecondFactorStatus(
            bool(user.totp_enabled),
            user.totp_enrolled_at,
            required_for(s, {r.role for r in user.roles}),
            _recovery_left(s, user.id),
        )


@signed_in
@enrolment_step
def begin_enrolment(ctx: ServiceContext, actor: Actor) -> Enrolment:
    """A new random secret for the actor's authenticator app (nothing is stored until
    ``confirm_enrolment`` sees a code made from it)."""
    with ctx.uow.read() as uow:
        user = _user(uow.session, actor.user_id)
        if user.totp_enabled:
            raise ConflictError("您已绑定动态验证码；如需更换手机，请先停用再重新绑定")
        bureau = str(office.read(uow.session, office.BUREAU_NAME))
        username = user.username
    secret = pyotp.random_base32()
    # the issuer is the product only: the bureau's name twice in the URI (percent-encoded)
    # would make the QR code a 73-module version 14 instead of a 57-module version 10
    uri = pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=PRODUCT)
    return Enrolment(secret, uri, PRODUCT, username, bureau)


def _last_step(s: Session, user_id: int) -> int:
    """The latest TOTP step this account used (kept in its audit rows), or -1."""
    detail = s.execute(
        select(AuditLog.detail)
        .where(
            AuditLog.object_type == "user",
            AuditLog.object_id == str(user_id),
            AuditLog.action.in_(STEP_ACTIONS),
            AuditLog.detail.contains('"totp_step"'),
        )
        .order_by(AuditLog.id.desc())
        .limit(1)
    ).scalar()
    if not detail:
        return -1
    return int(json.loads(detail).get("totp_step", -1))


def _totp_step(secret: str, code: str, now: datetime) -> int | None:
    """The time step (now, or one either side) whose code ``code`` is, else None."""
    totp = pyotp.TOTP(secret)
    current = totp.timecode(now)
    for step in (current, current - 1, current + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def _clean(code: str) -> str:
    return re.sub(r"[\s\-]", "", code or "").lower()


def _digest(salt: str, code: str) -> str:
    return hashlib.sha256(f"{salt}:{code}".encode()).hexdigest()


def _hash_recovery(code: str) -> str:
    salt = secrets.token_hex(16)
    return f"sha256${salt}${_digest(salt, code)}"


def _recovery_matches(stored: str, code: str) -> bool:
    _kind, salt, digest = (stored.split("$") + ["", ""])[:3]
    return hmac.compare_digest(_digest(salt, code), digest)


def new_recovery_code() -> str:
    raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, RECOVERY_LENGTH, 4))


def _use_code(s: Session, user: User, code: str, now: datetime) -> dict[str, Any] | None:
    """Spend ``code`` (a fresh TOTP code or an unused recovery code) of the locked ``user``:
    what the audit row keeps of it, or None when it is wrong or already used."""
    clean = _clean(code)
    if _DIGITS.match(clean) and user.totp_secret:
        step = _totp_step(user.totp_secret, clean, now)
        if step is None or step <= _last_step(s, user.id):
            return None
        return {"second_factor": "totp", "totp_step": step}
    if len(clean) != RECOVERY_LENGTH or set(clean) - set(RECOVERY_ALPHABET):
        return None
    unused = s.scalars(
        select(RecoveryCode).where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
    ).all()
    for row in unused:
        if _recovery_matches(row.code_hash, clean):
            row.used_at = now
            return {"second_factor": "recovery", "recovery_left": len(unused) - 1}
    return None


def at_login(s: Session, user: User, otp: str | None, now: datetime) -> LoginFactor:
    """The second factor's step of a login whose password was right (inside its write
    transaction). Raises ``SecondFactorRequired`` when the account has one and no code came."""
    if not user.totp_enabled or not user.totp_secret:
        return LoginFactor(must_enrol=required_for(s, {r.role for r in user.roles}))
    if otp is None or not otp.strip():
        raise SecondFactorRequired("请输入手机验证器上的6位动态验证码（或一个恢复码）")
    user = _user(s, user.id, lock=True)
    used = _use_code(s, user, otp, now)
    if used is None:
        return LoginFactor(refused=True, detail={"reason": "second_factor"})
    return LoginFactor(detail=used)


def after_login(s: Session, now: datetime, actor: Actor, factor: LoginFactor | None) -> None:
    """A login with a recovery code gets a row of its own (the auditor looks for them: the
    phone may be lost), after the ``login`` row that keeps the details."""
    if factor is not None and factor.detail.get("second_factor") == "recovery":
        left = {"recovery_left": factor.detail.get("recovery_left")}
        record_audit(s, now, actor, "recovery_code_used", "user", actor.user_id, left)


def refusal(message: Msg) -> Msg:
    """The lockout countdown's words for a wrong code instead of a wrong password."""
    if "wrong" in message.params:
        return Msg(message.template, **{**message.params, "wrong": WRONG_CODE})
    return message


def _check_code_format(code: str) -> str:
    clean = _clean(code)
    if not _DIGITS.match(clean):
        raise ValidationError({"code": "请输入验证器上显示的6位数字"})
    return clean


@user_input
@enrolment_step
def confirm_enrolment(ctx: ServiceContext, actor: Actor, secret: str, code: str) -> list[str]:
    """Bind the actor's authenticator: ``code`` must be the current code of ``secret``. Returns
    the ten new recovery codes (shown once; only their salted digests are kept)."""
    if not _SECRET.match(secret or ""):
        raise ValidationError({"secret": "密钥无效，请重新开始绑定"})
    clean = _check_code_format(code)
    now = ctx.now()
    codes = [new_recovery_code() for _ in range(RECOVERY_COUNT)]
    with ctx.uow.write() as uow:
        s = uow.session
        user = _user(s, actor.user_id, lock=True)
        if user.totp_enabled:
            raise ConflictError("您已绑定动态验证码；如需更换手机，请先停用再重新绑定")
        step = _totp_step(secret, clean, now)
        if step is None or step <= _last_step(s, user.id):
            raise ValidationError(
                {"code": "验证码不正确：请确认手机时间准确，输入验证器当前显示的6位数字"}
            )
        user.totp_secret, user.totp_enabled, user.totp_enrolled_at = secret, True, now
        _store_recovery(s, user.id, codes, now)
        record_audit(s, now, actor, "totp_enrolled", "user", user.id,
                     {"totp_step": step, "recovery_codes": RECOVERY_COUNT})  # fmt: skip
        uow.commit()
    return codes


def clear_second_factor(s: Session, user: User) -> None:
    """Unbind ``user``'s authenticator and drop its recovery codes, inside the caller's
    transaction (which audits it): the step of ``users.reset_second_factor`` (a business
    user's, at once) and of a confirmed dual-control reset of an administrator's."""
    user.totp_secret, user.totp_enabled, user.totp_enrolled_at = None, False, None
    s.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))


@user_input
def new_recovery_codes(ctx: ServiceContext, actor: Actor, code: str) -> list[str]:
    """Replace the actor's recovery codes with ten new ones (the old ones stop working);
    takes a current code. Returns the new codes, shown once."""
    clean = _check_code_format(code)
    now = ctx.now()
    codes = [new_recovery_code() for _ in range(RECOVERY_COUNT)]
    with ctx.uow.write() as uow:
        s = uow.session
        user = _user(s, actor.user_id, lock=True)
        if not user.totp_enabled:
            raise ConflictError("您尚未绑定动态验证码")
        used = _use_code(s, user, clean, now)
        if used is None:
            raise ValidationError({"code": "动态验证码不正确或已用过"})
        _store_recovery(s, user.id, codes, now)
        record_audit(s, now, actor, "recovery_codes_renewed", "user", user.id,
                     {**used, "recovery_codes": RECOVERY_COUNT})  # fmt: skip
        uow.commit()
    return codes


def _store_recovery(s: Session, user_id: int, codes: list[str], now: datetime) -> None:
    s.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user_id))
    for plain in codes:
        s.add(RecoveryCode(user_id=user_id, code_hash=_hash_recovery(_clean(plain)),
                           created_at=now))  # fmt: skip


@user_input
def disable_second_factor(ctx: ServiceContext, actor: Actor, code: str) -> None:
    """Unbind the actor's own second factor: takes a current code or a recovery code (an
    administrator who must have one is asked to enrol again at the next login)."""
    now = ctx.now()
    with ctx.uow.write() as uow:
        s = uow.session
        user = _user(s, actor.user_id, lock=True)
        if not user.totp_enabled:
            raise ConflictError("您尚未绑定动态验证码")
        used = _use_code(s, user, code, now)
        if used is None:
            raise ValidationError({"code": "动态验证码或恢复码不正确（或已用过）"})
        clear_second_factor(s, user)
        record_audit(s, now, actor, "totp_disabled", "user", user.id, used)
        uow.commit()
