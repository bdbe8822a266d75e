"""Drafts in the GUI (issue 18, no lost work): ``DraftKeeper`` keeps what a user types into a
dialog or the registration form in the database (``services.drafts``) and offers it again.

It writes the draft a few seconds after typing stops (``AUTOSAVE_MS``; at the latest
``AUTOSAVE_MAX_MS`` after the first unsaved keystroke, so steady typing is kept too), at once
when the dialog is closed with Esc, 取消 or the close button (``GuardedDialog``), before the
idle lock covers the desk and before signing out (``save_open_drafts``). A crash loses at most
the last few seconds. On opening, a kept draft is offered in a bar above the form:
恢复上次未提交的草稿（12月6日 10:32）？ 恢复 / 放弃. A successful save drops the draft right
after the service committed (``done``).

A draft the keeper did not write (the one offered) is never dropped because the form is empty;
new typing replaces it (the bar goes: the offer can no longer be kept). Writes fail quietly
(the database away, the session ended): a draft is a safety net, not the user's task.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from datetime import datetime
from typing import Any, NamedTuple

import shiboken6
from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal, SignalInstance
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from hotline_desk.domain.errors import DeskError
from hotline_desk.gui.common.forms import CountedText
from hotline_desk.services import drafts
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.drafts import DraftValue, KeptDraft
from hotline_desk.services.dto import Actor


class DraftField(NamedTuple):
    """How the keeper reads, writes and watches one field."""

    read: Callable[[], DraftValue]
    write: Callable[[Any], None]
    changed: SignalInstance


def field_of(widget: QWidget) -> DraftField:
    """The draft field of a text box, counted editor, check box or choice box."""
    if isinstance(widget, CountedText):
        return DraftField(widget.text, lambda v: widget.set_text(str(v or "")),
                          widget.edit.textChanged)  # fmt: skip
    if isinstance(widget, QPlainTextEdit):
        return DraftField(widget.toPlainText, lambda v: widget.setPlainText(str(v or "")),
                          widget.textChanged)  # fmt: skip
    if isinstance(widget, QLineEdit):
        return DraftField(widget.text, lambda v: widget.setText(str(v or "")), widget.textChanged)
    if isinstance(widget, QCheckBox):
        return DraftField(widget.isChecked, lambda v: widget.setChecked(bool(v)), widget.toggled)
    if isinstance(widget, QComboBox) and hasattr(widget, "set_value"):
        return DraftField(widget.value, widget.set_value, widget.currentIndexChanged)  # type: ignore[attr-defined]
    raise TypeError(f"no draft field for {type(widget).__name__}")


def text_fields(named: dict[str, QWidget]) -> dict[str, DraftField]:
    """The free-text fields among a form's named widgets (what a dialog's draft keeps)."""
    kept = (CountedText, QPlainTextEdit, QLineEdit)
    return {
        name: field_of(w)
        for name, w in named.items()
        if isinstance(w, kept) and not getattr(w, "isReadOnly", lambda: False)()
    }


_LIVE: weakref.WeakSet[DraftKeeper] = weakref.WeakSet()


def save_open_drafts() -> None:
    """Write every open form's draft now (the idle lock comes, the user signs out)."""
    for keeper in list(_LIVE):
        if shiboken6.isValid(keeper):
            keeper.save_now()


class DraftOffer(QFrame):
    """The bar that offers a kept draft: 恢复 or 放弃."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("draftOffer")
        self.setStyleSheet(
            "#draftOffer { background: #e8f5e9; border: 1px solid #81c784; border-radius: 3px; }"
        )
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.restore_button = QPushButton(self.tr("恢复"))
        self.drop_button = QPushButton(self.tr("放弃"))
        for b in (self.restore_button, self.drop_button):
            b.setAutoDefault(False)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.restore_button)
        row.addWidget(self.drop_button)
        self.hide()

    def offer(self, at: datetime) -> None:
        self.label.setText(
            self.tr("恢复上次未提交的草稿（{month}月{day}日 {time}）？").format(
                month=at.month, day=at.day, time=at.strftime("%H:%M")
            )
        )
        self.show()


class DraftKeeper(QObject):
    """Keeps ``fields`` of ``owner`` as the actor's draft of ``kind`` on ``case_id``.
    ``typed`` says whether there is anything worth keeping (default: a field differs from what
    it held when the keeper started)."""

    saved = Signal()
    """A draft was written (autosave, close, lock)."""
    AUTOSAVE_MS = 3000
    AUTOSAVE_MAX_MS = 15000

    def __init__(self, owner: QWidget, ctx: ServiceContext, actor: Actor, kind: str,
                 case_id: int | None, fields: dict[str, DraftField],
                 typed: Callable[[], bool] | None = None) -> None:  # fmt: skip
        super().__init__(owner)
        self.ctx, self.actor, self.kind, self.case_id = ctx, actor, kind, case_id
        self.fields = fields
        self._typed = typed
        self.baseline = self.values()
        self.kept: KeptDraft | None = None
        """The draft offered and not yet restored or dropped."""
        self.mine = False
        """Whether the stored draft is this form's (written or restored here)."""
        self.active = True
        self._filling = False
        self.offer = DraftOffer()
        self.offer.restore_button.clicked.connect(self.restore)
        self.offer.drop_button.clicked.connect(self.discard)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.save_now)
        self._since = QElapsedTimer()
        for f in fields.values():
            f.changed.connect(self._changed)
        _LIVE.add(self)

    # --- offering ------------------------------------------------------------------------
    def start(self) -> KeptDraft | None:
        """Look for a kept draft and offer it (the bar shows); returns it."""
        try:
            self.kept = drafts.load_draft(self.ctx, self.actor, self.kind, self.case_id)
        except DeskError:
            self.kept = None
        if self.kept is not None:
            self.offer.offer(self.kept.updated_at)
        return self.kept

    def restore(self) -> None:
        """Put the offered draft into the fields (it stays stored until saved or dropped)."""
        if self.kept is None:
            return
        self._filling = True
        try:
            for name, value in self.kept.fields.items():
                if name in self.fields:
                    self.fields[name].write(value)
        finally:
            self._filling = False
        self.kept, self.mine = None, True
        self.offer.hide()

    # --- keeping -------------------------------------------------------------------------
    def values(self) -> dict[str, DraftValue]:
        return {name: f.read() for name, f in self.fields.items()}

    def typed(self) -> bool:
        if self._typed is not None:
            return self._typed()
        return self.values() != self.baseline

    def _changed(self, *_args: object) -> None:
        if self._filling or not self.active:
            return
        if not self.timer.isActive():
            self._since.start()
        if self._since.isValid() and self._since.elapsed() >= self.AUTOSAVE_MAX_MS:
            self.save_now()
            return
        self.timer.start(self.AUTOSAVE_MS)

    def save_now(self) -> None:
        """Write the draft (or drop this form's own draft once nothing is left typed)."""
        self.timer.stop()
        self._since.invalidate()
        if not self.active:
            return
        try:
            if self.typed():
                drafts.save_draft(self.ctx, self.actor, self.kind, self.case_id, self.values())
                self.mine, self.kept = True, None
                self.offer.hide()
                self.saved.emit()
            elif self.mine:
                drafts.discard_draft(self.ctx, self.actor, self.kind, self.case_id)
                self.mine = False
        except DeskError:
            pass  # kept in the form; the next change tries again

    def discard(self) -> None:
        """Drop the stored draft (放弃 on the bar or in the closing question)."""
        self.timer.stop()
        try:
            drafts.discard_draft(self.ctx, self.actor, self.kind, self.case_id)
        except DeskError:
            return
        self.kept, self.mine = None, False
        self.offer.hide()

    def done(self) -> None:
        """The form was saved: its draft goes, and nothing more is kept for it."""
        self.discard()
        self.active = False

    def reset(self) -> None:
        """The form starts afresh (the registration page after a save): keep watching."""
        self.baseline = self.values()
        self.active = True
