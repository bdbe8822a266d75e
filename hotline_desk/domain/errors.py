"""Errors the rules raise, and the messages they carry.

A message is a ``Msg``: the Chinese text itself (a ``str``, so logs, the CLI and comparisons see
Chinese as before) that also keeps its template (the Chinese text with ``{placeholders}``) and
the parameters. The GUI renders the template through Qt's translation in the context ``domain``
(``gui/common/errors.py::render``); ``tools/domain_messages.py`` lists every template so the
.ts can translate it. Parameters that are glossary enum members are shown by their label (and
translated as such); a tuple of them is listed with 、.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import Enum
from typing import Any

LIST_SEPARATOR = "、"


class Msg(str):
    """A user-facing message: the rendered Chinese text, plus ``template`` and ``params``."""

    template: str
    params: Mapping[str, Any]

    def __new__(cls, template: str, /, **params: Any) -> Msg:
        text = template.format(**{k: chinese(v) for k, v in params.items()}) if params else template
        self = super().__new__(cls, text)
        self.template, self.params = template, params
        return self

    def __reduce__(self) -> tuple[Any, ...]:  # keep template and params across pickling
        return (_rebuild, (self.template, dict(self.params)))


def _rebuild(template: str, params: dict[str, Any]) -> Msg:
    return Msg(template, **params)


def chinese(value: Any) -> str:
    """A message parameter as Chinese text."""
    if isinstance(value, Enum) and hasattr(value, "label"):
        return str(value.label)
    if isinstance(value, tuple | list):
        return LIST_SEPARATOR.join(chinese(v) for v in value)
    return str(value)


def msg_to_json(message: Msg) -> dict[str, Any]:
    """A message as JSON-ready data (a timeline event keeps its summary so)."""
    return {
        "template": message.template,
        "params": {k: _encode(v) for k, v in message.params.items()},
    }


def msg_from_json(data: Mapping[str, Any]) -> Msg:
    return Msg(data["template"], **{k: _decode(v) for k, v in data.get("params", {}).items()})


def _encode(value: Any) -> Any:
    if isinstance(value, Msg):
        return {"msg": msg_to_json(value)}
    if isinstance(value, Enum):
        return {"enum": type(value).__name__, "value": value.value}
    if isinstance(value, tuple | list):
        return {"list": [_encode(v) for v in value]}
    return value if isinstance(value, int | float) and not isinstance(value, bool) else str(value)


def _decode(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    if "msg" in value:
        return msg_from_json(value["msg"])
    if "list" in value:
        return tuple(_decode(v) for v in value["list"])
    from hotline_desk.domain import enums  # the glossary sits above this module

    enum = getattr(enums, str(value.get("enum")), None)
    try:
        return enum(value["value"]) if enum is not None else value.get("value")
    except ValueError:
        return value["value"]


def msg(message: str) -> Msg:
    """``message`` as a ``Msg`` (a plain string is its own template)."""
    return message if isinstance(message, Msg) else Msg(message)


def joined(messages: Sequence[str], separator: str = "；") -> Msg:
    """Several messages as one (each rendered on its own when shown), e.g. a field's problems."""
    parts = {f"m{i}": m for i, m in enumerate(messages)}
    return Msg(separator.join("{" + k + "}" for k in parts), **parts)


class DeskError(Exception):
    """Base of all errors the user may see as a plain message: ``DeskError(template, **params)``
    (or an already built ``Msg``); ``message`` and ``str(exc)`` are the Chinese text."""

    def __init__(self, message: str, /, **params: Any) -> None:
        self.message: Msg = Msg(message, **params) if params else msg(message)
        super().__init__(self.message)


class ValidationError(DeskError):
    """Bad input: one message per field, keyed by the field's code name."""

    def __init__(self, field_errors: Mapping[str, str]) -> None:
        self.field_errors: dict[str, str] = dict(field_errors)
        super().__init__(joined(list(self.field_errors.values())) if field_errors else "输入有误")


class PermissionDenied(DeskError):
    """The actor's roles do not allow the action."""


class ConflictError(DeskError):
    """Somebody else changed the record first; nothing was overwritten."""


class NotFound(DeskError):
    """The record asked for does not exist (or is not visible to the actor)."""


class AuthError(DeskError):
    """Login refused: wrong credentials, locked, or disabled account."""


class SecondFactorRequired(AuthError):
    """The password was right, and the account also needs its dynamic code (TOTP) or one of its
    recovery codes: the login asks for it and tries again."""


class SessionEnded(AuthError):
    """The session is no longer valid (the account was disabled, its password reset, its roles
    changed, or it must change its password first): the user has to log in again."""
