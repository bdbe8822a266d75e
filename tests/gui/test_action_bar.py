"""The case's action buttons: the first allowed action is the default button (Enter presses it,
the style sheet marks it), and only the buttons whose part changed are styled anew."""

from __future__ import annotations

from PySide6.QtCore import Qt

from hotline_desk.gui.actions.bar import ActionBar


def test_the_first_allowed_action_is_the_one_default_button(qtbot) -> None:  # type: ignore[no-untyped-def]
    bar = ActionBar()
    qtbot.addWidget(bar)
    bar.show()
    order = list(bar.buttons)
    first, second, third = order[0], order[1], order[5]

    def defaults() -> list[str]:
        return [a for a, b in bar.buttons.items() if b.isDefault()]

    bar.show_actions((second, first))
    assert defaults() == [first] and bar.buttons[first].property("primary") is True
    assert [a for a, b in bar.buttons.items() if b.isVisible()] == [first, second]
    bar.show_actions((third,))
    assert defaults() == [third] and bar.buttons[first].property("primary") is False
    bar.show_actions((third,))  # the same case again: nothing to re-style
    assert defaults() == [third]
    bar.show_actions(())
    assert defaults() == [] and not any(b.isVisible() for b in bar.buttons.values())
    bar.show_actions((second,))
    with qtbot.waitSignal(bar.actionRequested) as pressed:
        qtbot.mouseClick(bar.buttons[second], Qt.MouseButton.LeftButton)
    assert pressed.args == [second] and defaults() == [second]
