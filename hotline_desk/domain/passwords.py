"""Password policy (等保 defaults): length, character classes, common passwords."""

from __future__ import annotations

import string
from dataclasses import dataclass

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
MAX_FAILED_LOGINS = 5
LOCK_MINUTES = 30


@dataclass(frozen=True)
class PasswordPolicy:
    min_length: int = 8
    min_classes: int = 3


def password_problems(password: str, username: str, policy: PasswordPolicy) -> list[str]:
    """Every way ``password`` breaks the policy, in Chinese; empty when it is acceptable."""
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
        problems.append(Msg("密码过于常见,请换一个"))
    if username and username.lower() in password.lower():
        problems.append(Msg("密码不能包含用户名"))
    return problems
