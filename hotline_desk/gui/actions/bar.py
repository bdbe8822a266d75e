"""The row of action buttons on a case: one per action the user may take now, the step that moves
the case on first and default."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

# Action buttons: the domain's Action labels, translated in the context "actions" (as verbs)
# rather than "enum", where the same words name timeline events ("转办" → "Routed").
# Keep in step with Action in hotline_desk/domain/enums.py (tests/gui/test_translation.py).
ACTION_LABELS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("actions", "转办"),
    QT_TRANSLATE_NOOP("actions", "直办"),
    QT_TRANSLATE_NOOP("actions", "不予受理"),
    QT_TRANSLATE_NOOP("actions", "签收"),
    QT_TRANSLATE_NOOP("actions", "申请退回"),
    QT_TRANSLATE_NOOP("actions", "同意退回"),
    QT_TRANSLATE_NOOP("actions", "驳回退回"),
    QT_TRANSLATE_NOOP("actions", "指派经办人"),
    QT_TRANSLATE_NOOP("actions", "办理记录"),
    QT_TRANSLATE_NOOP("actions", "协办意见"),
    QT_TRANSLATE_NOOP("actions", "提交答复"),
    QT_TRANSLATE_NOOP("actions", "审核通过"),
    QT_TRANSLATE_NOOP("actions", "退回修改"),
    QT_TRANSLATE_NOOP("actions", "登记答复"),
    QT_TRANSLATE_NOOP("actions", "领导批示"),
    QT_TRANSLATE_NOOP("actions", "改派"),
    QT_TRANSLATE_NOOP("actions", "申请延期"),
    QT_TRANSLATE_NOOP("actions", "审批延期"),
    QT_TRANSLATE_NOOP("actions", "不同意延期"),
    QT_TRANSLATE_NOOP("actions", "催办"),
    QT_TRANSLATE_NOOP("actions", "阅知催办"),
    QT_TRANSLATE_NOOP("actions", "发督办单"),
    QT_TRANSLATE_NOOP("actions", "回复督办"),
    QT_TRANSLATE_NOOP("actions", "督办办结"),
    QT_TRANSLATE_NOOP("actions", "回访"),
    QT_TRANSLATE_NOOP("actions", "办结"),
    QT_TRANSLATE_NOOP("actions", "联系不上办结"),
    QT_TRANSLATE_NOOP("actions", "不回访"),
    QT_TRANSLATE_NOOP("actions", "甄别为合理"),
    QT_TRANSLATE_NOOP("actions", "甄别为不合理"),
    QT_TRANSLATE_NOOP("actions", "重办"),
    QT_TRANSLATE_NOOP("actions", "并单"),
    QT_TRANSLATE_NOOP("actions", "关联"),
)


def _action_order() -> tuple[str, ...]:
    from hotline_desk.gui.actions.registry import ACTION_ORDER

    return ACTION_ORDER


def _action_text(action: str) -> str:
    from hotline_desk.gui.actions.registry import action_text

    return action_text(action)


class ActionBar(QWidget):
    """One button per allowed action; emits the action's code when pressed."""

    actionRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: dict[str, QPushButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for action in _action_order():
            button = QPushButton(_action_text(action))
            button.setObjectName(f"action_{action}")
            button.clicked.connect(lambda _c=False, a=action: self.actionRequested.emit(a))
            button.hide()
            self.buttons[action] = button
            layout.addWidget(button)
        layout.addStretch(1)

    def show_actions(self, allowed: tuple[str, ...]) -> None:
        for action, button in self.buttons.items():
            button.setVisible(action in allowed)
        primary = next((a for a in self.buttons if a in allowed), None)
        for action, button in self.buttons.items():
            button.setDefault(action == primary)
            button.setProperty("primary", action == primary)
            button.style().unpolish(button)
            button.style().polish(button)
