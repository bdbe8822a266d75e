"""Errors the rules raise; every message is Chinese and meant for the user."""

from __future__ import annotations


class DeskError(Exception):
    """Base of all errors the user may see as a plain message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(DeskError):
    """Bad input: one message per field, keyed by the field's code name."""

    def __init__(self, field_errors: dict[str, str]) -> None:
        self.field_errors = dict(field_errors)
        text = ";".join(self.field_errors.values())
        super().__init__(text or "输入有误")


class PermissionDenied(DeskError):
    """The actor's roles do not allow the action."""


class ConflictError(DeskError):
    """Somebody else changed the record first; nothing was overwritten."""


class NotFound(DeskError):
    """The record asked for does not exist (or is not visible to the actor)."""


class AuthError(DeskError):
    """Login refused: wrong credentials, locked, or disabled account."""
