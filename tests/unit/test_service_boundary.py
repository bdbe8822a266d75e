"""The service boundary covers every service that takes user input, and names every field.

A public service function (it takes ``ctx``) with a text, number, time or input-dataclass
parameter must be decorated with ``@user_input``, unless it is listed in ``NOT_USER_INPUT`` with
the reason; and every text parameter or dataclass field reaching the boundary has a Chinese
label of its own in ``boundary.FIELDS`` (not the fallback "输入内容").
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
import typing
from collections.abc import Iterator
from typing import Any

import hotline_desk.services as services
from hotline_desk.services import boundary

NOT_USER_INPUT = {
    # passwords are never normalised, and login is another door's work (issue 14's session part)
    "admin.auth.login", "admin.auth.set_initial_password", "admin.auth.change_password",
    "admin.auth.needs_initial_password", "admin.auth.unlock", "admin.auth.logout",
    "admin.password_rules.checked_new_password",
    # what the desk's own jobs pass, not what a user types
    "backup.backups.run_backup", "backup.backups.audit_event", "lifecycle.pipeline.apply_action",
    "admin.time_limits.apply_to_open_cases", "stats.figures.compute_trend",
    "stats.kept.keep_months", "stats.marks.keep_marks", "supervision.alerts.check_alerts",
    "output.printing.record_output",
    # its key is a constant of the code (an OfficeKey), not typed
    "admin.office.get_setting",
}  # fmt: skip
_SCALARS = ("str", "int", "datetime", "date")


def _services() -> Iterator[tuple[str, Any]]:
    for info in pkgutil.walk_packages(services.__path__, "hotline_desk.services."):
        module = importlib.import_module(info.name)
        short = info.name.removeprefix("hotline_desk.services.")
        for name, func in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(func):
                continue
            if getattr(func, "__module__", "") != info.name and not _checks_input(func):
                continue
            params = inspect.signature(func).parameters
            if "ctx" in params:
                yield f"{short}.{name}", func


def _checks_input(func: Any) -> bool:
    """Wrapped by ``@user_input`` (``@signed_in`` re-checks only the session)."""
    return hasattr(func, "__wrapped__") and not getattr(func, boundary.SESSION_ONLY, False)


def _typed_input(func: Any) -> list[tuple[str, Any]]:
    hints = typing.get_type_hints(inspect.unwrap(func))
    out = []
    for name in inspect.signature(func).parameters:
        if name in boundary._NOT_INPUT or name not in hints:  # what the boundary leaves alone
            continue
        hint = hints[name]
        text = str(hint)
        if any(s in text for s in _SCALARS) or _dataclass_in(hint) is not None:
            out.append((name, hint))
    return out


def _dataclass_in(hint: Any) -> type | None:
    for arg in (hint, *typing.get_args(hint)):
        if isinstance(arg, type) and dataclasses.is_dataclass(arg):
            return arg
    return None


def test_every_service_taking_user_input_checks_it_at_the_boundary() -> None:
    missing = [
        name
        for name, func in _services()
        if _typed_input(func) and name not in NOT_USER_INPUT and not _checks_input(func)
    ]
    assert missing == [], f"decorate with @user_input (services/boundary.py): {missing}"


def test_every_text_reaching_the_boundary_has_a_label() -> None:
    unlabelled: set[str] = set()
    for name, func in _services():
        if not _checks_input(func):
            continue
        for param, hint in _typed_input(func):
            kind = _dataclass_in(hint)
            if kind is None:
                if "str" in str(hint) and boundary._field(param, "").label == "输入内容":
                    unlabelled.add(f"{name}({param})")
                continue
            for f in dataclasses.fields(kind):
                f_hint = typing.get_type_hints(kind)[f.name]
                if (
                    "str" in str(f_hint)
                    and boundary._field(f.name, kind.__name__).label == "输入内容"
                ):
                    unlabelled.add(f"{kind.__name__}.{f.name}")
    assert unlabelled == set(), f"add to boundary.FIELDS: {sorted(unlabelled)}"
