"""Password policy: the 等保 rules (length, character classes, common passwords, not the user's
own names). On top of them the services ask ``zxcvbn`` (``services.admin.password_rules``) for
a score of at least ``MIN_SCORE``."""

from __future__ import annotations

import string
from dataclasses import dataclass
from datetime import datetime, timedelta

from hotline_desk.domain.errors import Msg

COMMON_PASSWORDS = frozenset(
    {
        "12345678",
        "123456789",
        "1234567890",
        "password",
        "password1",
        "password123",
        "qwerty123",
        "11111111",
        "88888888",
        "66666666",
        "abc12345",
        "admin123",
        "admin@123",
        "Admin@123",
        "Aa123456",
        "Passw0rd",
        "P@ssw0rd",
        "P@ssword1",
        "Abcd1234",
        "1qaz2wsx",
        "1qaz@WSX",
        "Qwer1234",
        "zaq12wsx",
        "iloveyou",
        "woaini1314",
        "a123456789",
    }
)
MIN_SCORE = 3
"""zxcvbn's score (0–4) a new password must reach: 3 is "safely unguessable" (about 10^8
guesses and more)."""
ZXCVBN_MAX = 72
"""zxcvbn's running time grows with the length; a longer password is judged by its start."""
HISTORY_DEPTH = 3
"""How many earlier passwords (besides the current one) a new password may not repeat."""
MAX_FAILED_LOGINS = 5
LOCK_MINUTES = 30
WRONG_PASSWORD = Msg("用户名或密码不正确")


@dataclass(frozen=True)
class PasswordPolicy:
    min_length: int = 8
    min_classes: int = 3


def password_problems(
    password: str, username: str, policy: PasswordPolicy, names: tuple[str, ...] = ()
) -> list[str]:
    """Every way ``password`` breaks the policy, in Chinese; empty when it is acceptable.
    ``names`` are the user's display name, the bureau's name and the like: the password may
    not contain them."""
    problems: list[str] = []
    if len(password) < policy.min_length:
        problems.append(Msg("密码至少{n}位", n=policy.min_length))
    classes = sum(
        any(ch in group for ch in password)
        for group in (string.ascii_lowercase, string.ascii_uppercase, string.digits)
    ) + any(not ch.isalnum() for ch in password)
    if classes < policy.min_classes:
        problems.append(
            Msg("密码须包含大写字母、小写字母、数字、符号中的至少{n}类", n=policy.min_classes)
        )
    if password.lower() in {p.lower() for p in COMMON_PASSWORDS}:
        problems.append(Msg("密码过于常见，请换一个"))
    if username and username.lower() in password.lower():
        problems.append(Msg("密码不能包含用户名"))
    elif any(len(n.strip()) >= 2 and n.strip().lower() in password.lower() for n in names):
        problems.append(Msg("密码不能包含您的姓名或单位名称"))
    return problems


@dataclass(frozen=True)
class Attempts:
    """Wrong passwords in a row for one name, and the lock they led to (an account keeps them
    on its row; a name that is no account's, in its latest audit row)."""

    failed: int = 0
    locked_until: datetime | None = None

    def locked_message(self, now: datetime) -> Msg | None:
        """The refusal while the name is locked, else None."""
        if self.locked_until is None or self.locked_until <= now:
            return None
        minutes = int((self.locked_until - now).total_seconds() // 60) + 1
        return Msg(
            "连续输错密码次数过多，账号已锁定，请{minutes}分钟后再试或联系安全管理员",
            minutes=minutes,
        )

    def after_failure(self, now: datetime) -> tuple[Attempts, Msg]:
        """The count after one more wrong password, and what the user is told: the same words
        whether or not the name is an account's, so the answer never tells which names exist."""
        failed = self.failed + 1
        if failed >= MAX_FAILED_LOGINS:
            locked = Attempts(0, now + timedelta(minutes=LOCK_MINUTES))
            return locked, Msg(
                "连续{n}次输错密码，账号已锁定{minutes}分钟",
                n=MAX_FAILED_LOGINS,
                minutes=LOCK_MINUTES,
            )
        left = MAX_FAILED_LOGINS - failed
        return Attempts(failed, self.locked_until), Msg(
            "{wrong}（再错{left}次将锁定账号）", wrong=WRONG_PASSWORD, left=left
        )
