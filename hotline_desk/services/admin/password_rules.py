"""What a new password must pass besides the policy of ``domain.passwords``, and how old ones
are kept: zxcvbn's score (at least 3, with the user's own names, the bureau's name and
``domain.password_words`` as inputs; its warnings in Chinese), the last passwords not reused,
and expiry after the office's ``password_max_age_days``.

History: ``password_history`` keeps the ``HISTORY_DEPTH`` (3) hashes an account had before its
current one; a new password may repeat neither the current hash nor any of those (so at least
the last three passwords the user chose, plus a temporary one an administrator issued). Every
change, reset and initial password pushes the replaced hash there. The Argon2 checks run
outside the write transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from hotline_desk.domain.errors import Msg, ValidationError, joined
from hotline_desk.domain.password_words import CONTEXT_WORDS
from hotline_desk.domain.passwords import (
    HISTORY_DEPTH,
    MIN_SCORE,
    ZXCVBN_MAX,
    PasswordPolicy,
    password_problems,
)
from hotline_desk.services.admin.office import BUREAU_NAME, PASSWORD_MAX_AGE_DAYS, read
from hotline_desk.services.context import ServiceContext
from hotline_desk.store.models import PasswordHistory, User

REUSED = Msg("新密码不能与最近{n}次使用过的密码相同", n=HISTORY_DEPTH + 1)
TEMPORARY = Msg("您正在使用管理员发放的临时密码，请先设置自己的密码")


_WARNINGS = {
    "Straight rows of keys are easy to guess.": Msg("键盘上连成一行的键很容易被猜到"),
    "Short keyboard patterns are easy to guess.": Msg("键盘上相邻的键很容易被猜到"),
    "Use a longer keyboard pattern with more turns.": Msg("键盘上相邻的键很容易被猜到"),
    'Repeats like "aaa" are easy to guess.': Msg("重复的字符（如 aaa）很容易被猜到"),
    'Repeats like "abcabcabc" are only slightly harder to guess than "abc".': Msg(
        "重复的片段（如 abcabc）很容易被猜到"
    ),
    "Sequences like abc or 6543 are easy to guess.": Msg(
        "连续的字母或数字（如 abc、6543）很容易被猜到"
    ),
    "Recent years are easy to guess.": Msg("年份很容易被猜到"),
    "Dates are often easy to guess.": Msg("日期很容易被猜到"),
    "This is a top-10 common password.": Msg("这是最常见的密码之一"),
    "This is a top-100 common password.": Msg("这是很常见的密码"),
    "This is a very common password.": Msg("这是很常见的密码"),
    "This is similar to a commonly used password.": Msg("与常见密码过于相似"),
    "A word by itself is easy to guess.": Msg("单个词语很容易被猜到"),
    "Names and surnames by themselves are easy to guess.": Msg("姓名很容易被猜到"),
    "Common names and surnames are easy to guess.": Msg("常见的姓名很容易被猜到"),
}  # fmt: skip
_OWN_WORDS = Msg("含有姓名、单位名称、地名、品牌或常见词语")
_GENERIC = Msg("组合太简单")


def strength_problems(password: str, user_inputs: tuple[str, ...] = ()) -> list[str]:
    """zxcvbn's verdict in Chinese: empty when the score reaches ``MIN_SCORE``."""
    from zxcvbn import zxcvbn  # its word lists load when a password is chosen, not at login

    inputs = [w.strip().lower() for w in user_inputs if w and w.strip()]
    result = zxcvbn(password[:ZXCVBN_MAX], user_inputs=[*inputs, *CONTEXT_WORDS])
    if result["score"] >= MIN_SCORE:
        return []
    warning = result["feedback"].get("warning") or ""
    if warning in _WARNINGS:
        reason = _WARNINGS[warning]
    elif any(m.get("dictionary_name") == "user_inputs" for m in result["sequence"]):
        reason = _OWN_WORDS
    else:
        reason = _GENERIC
    return [Msg("密码太容易被猜到：{reason}", reason=reason)]


def new_password_problems(password: str, username: str, names: tuple[str, ...] = ()) -> list[str]:
    """The 等保 policy's problems, else zxcvbn's (in Chinese); empty when acceptable."""
    problems = password_problems(password, username, PasswordPolicy(), names)
    return problems or strength_problems(password, (username, *names))


def _names(s: Session, user: User | None) -> tuple[str, ...]:
    bureau = str(read(s, BUREAU_NAME))
    return (user.display_name, bureau) if user is not None else (bureau,)


def earlier_hashes(s: Session, user_id: int) -> list[str]:
    """The history's hashes a new password may not match (the current one is the old password
    the change was asked with, and a new one equal to it is refused without Argon2)."""
    return list(
        s.scalars(
            select(PasswordHistory.password_hash)
            .where(PasswordHistory.user_id == user_id)
            .order_by(PasswordHistory.id.desc())
            .limit(HISTORY_DEPTH)
        )
    )


def checked_new_password(
    ctx: ServiceContext,
    username: str,
    new_password: str,
    matches: Callable[[str | None, str], bool],
) -> None:
    """Raise ``ValidationError`` on ``new_password`` when the policy, zxcvbn (with the user's
    names and the bureau's as inputs) or the history refuses it."""
    with ctx.uow.read() as uow:
        s = uow.session
        user = s.execute(select(User).where(User.username == username.strip())).scalar()
        names = _names(s, user)
        hashes = earlier_hashes(s, user.id) if user is not None else []
    problems = new_password_problems(new_password, username.strip(), names)
    if problems:
        raise ValidationError({"new_password": joined(problems)})
    if any(matches(h, new_password) for h in hashes):  # Argon2, outside any transaction
        raise ValidationError({"new_password": REUSED})


def remember_password(s: Session, user: User, now: datetime) -> None:
    """Push ``user``'s current hash into the history before it is replaced (inside the write
    transaction), keeping the newest ``HISTORY_DEPTH``."""
    if not user.password_hash:
        return
    s.add(PasswordHistory(user_id=user.id, password_hash=user.password_hash, replaced_at=now))
    s.flush()
    keep = (
        select(PasswordHistory.id)
        .where(PasswordHistory.user_id == user.id)
        .order_by(PasswordHistory.id.desc())
        .limit(HISTORY_DEPTH)
    )
    s.execute(
        delete(PasswordHistory).where(
            PasswordHistory.user_id == user.id, PasswordHistory.id.not_in(list(s.scalars(keep)))
        )
    )


def expiry_reason(s: Session, user: User, now: datetime) -> Msg | None:
    """Why ``user`` must change the password at this login because of its age (None: it need
    not). Demo accounts (public password, training desks) do not expire."""
    max_age = int(read(s, PASSWORD_MAX_AGE_DAYS))
    changed = user.password_changed_at or user.created_at
    if max_age <= 0 or user.is_demo or changed is None:
        return None
    if now - changed <= timedelta(days=max_age):
        return None
    return Msg("您的密码已超过{days}天未修改，已过期，请先修改密码", days=max_age)
