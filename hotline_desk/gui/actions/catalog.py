"""Which dialog serves which action, and the actions' words on buttons (translated in the context
``actions``; ``tools/domain_messages.py`` lists them for lupdate from the specs).

Dialog classes register themselves with ``@dialog_for(Action.X, …)``; the registry finds them
here, so no hand-kept list maps actions to dialogs. A registered class is built with
``cls(ctx, actor, detail, parent)`` unless it defines ``open_for(request)`` (the routing dialog
needs the catalogue, the review dialog which of its two outcomes was asked for).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from hotline_desk.domain.actions import Action, spec
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseDetail, OrgUnitInfo, TopicInfo


@dataclass(frozen=True)
class DialogRequest:
    """What a dialog may need to act on one case."""

    ctx: ServiceContext
    actor: Actor
    detail: CaseDetail
    action: Action
    topics: list[TopicInfo]
    units: list[OrgUnitInfo]
    parent: QWidget | None = None


class CaseActionDialog(Protocol):
    """A modal dialog that makes one service call and then holds the fresh case."""

    @property
    def result_case(self) -> CaseDetail | None: ...
    def exec(self) -> int: ...
    def deleteLater(self) -> None: ...  # noqa: N802 - Qt's name


Factory = Callable[[DialogRequest], CaseActionDialog]
_FACTORIES: dict[Action, Factory] = {}
T = TypeVar("T", bound=type)


def dialog_for(*actions: Action) -> Callable[[T], T]:
    """Class decorator: the class's dialog serves ``actions``."""

    def register(cls: T) -> T:
        opener: Any = getattr(cls, "open_for", None)
        factory: Factory = opener if opener is not None else (
            lambda r: cls(r.ctx, r.actor, r.detail, r.parent)
        )  # fmt: skip
        for action in actions:
            assert action not in _FACTORIES, f"two dialogs for {action}"
            _FACTORIES[action] = factory
        return cls

    return register


def factory_for(action: Action) -> Factory | None:
    return _FACTORIES.get(action)


def registered_actions() -> frozenset[Action]:
    return frozenset(_FACTORIES)


def action_text(action: Action | str) -> str:
    """The button text of an action in the UI language."""
    return QCoreApplication.translate("actions", spec(action).button_text)


def action_label(action: Action | str) -> str:
    """The action's name (dialog titles, menus) in the UI language."""
    return QCoreApplication.translate("actions", spec(action).label)
