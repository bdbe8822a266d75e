"""Which dialog serves which action, and the actions' words on buttons.

Dialog classes register themselves with ``@dialog_for(Action.X, …)``; the registry finds them
here, so no hand-kept list maps actions to dialogs. A registered class is built with
``cls(ctx, actor, detail, parent)`` unless it defines ``open_for(request)`` (the routing dialog
needs the catalogue, the review dialog which of its two outcomes was asked for).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
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


ACTION_WORDS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("actions", "签收"),
    QT_TRANSLATE_NOOP("actions", "转办"),
    QT_TRANSLATE_NOOP("actions", "直办"),
    QT_TRANSLATE_NOOP("actions", "同意退回"),
    QT_TRANSLATE_NOOP("actions", "同意退回并改派"),
    QT_TRANSLATE_NOOP("actions", "提交答复"),
    QT_TRANSLATE_NOOP("actions", "审核通过"),
    QT_TRANSLATE_NOOP("actions", "审核答复"),
    QT_TRANSLATE_NOOP("actions", "登记答复"),
    QT_TRANSLATE_NOOP("actions", "回访"),
    QT_TRANSLATE_NOOP("actions", "办结"),
    QT_TRANSLATE_NOOP("actions", "甄别为合理"),
    QT_TRANSLATE_NOOP("actions", "甄别"),
    QT_TRANSLATE_NOOP("actions", "不回访"),
    QT_TRANSLATE_NOOP("actions", "联系不上办结"),
    QT_TRANSLATE_NOOP("actions", "重办"),
    QT_TRANSLATE_NOOP("actions", "协办意见"),
    QT_TRANSLATE_NOOP("actions", "回复督办"),
    QT_TRANSLATE_NOOP("actions", "阅知催办"),
    QT_TRANSLATE_NOOP("actions", "审批延期"),
    QT_TRANSLATE_NOOP("actions", "督办办结"),
    QT_TRANSLATE_NOOP("actions", "修改登记信息"),
    QT_TRANSLATE_NOOP("actions", "修改"),
    QT_TRANSLATE_NOOP("actions", "指派经办人"),
    QT_TRANSLATE_NOOP("actions", "办理记录"),
    QT_TRANSLATE_NOOP("actions", "申请延期"),
    QT_TRANSLATE_NOOP("actions", "申请退回"),
    QT_TRANSLATE_NOOP("actions", "驳回退回"),
    QT_TRANSLATE_NOOP("actions", "催办"),
    QT_TRANSLATE_NOOP("actions", "发督办单"),
    QT_TRANSLATE_NOOP("actions", "不予受理"),
    QT_TRANSLATE_NOOP("actions", "改派"),
    QT_TRANSLATE_NOOP("actions", "领导批示"),
    QT_TRANSLATE_NOOP("actions", "并单"),
    QT_TRANSLATE_NOOP("actions", "关联"),
    QT_TRANSLATE_NOOP("actions", "退回修改"),
    QT_TRANSLATE_NOOP("actions", "不同意延期"),
    QT_TRANSLATE_NOOP("actions", "甄别为不合理"),
)
"""The spec's labels and button texts (domain/actions.py), listed for lupdate; a test keeps the
two in step."""
