"""The registration form's draft (issue 18): every field of ``CaseForm`` kept per user (no case
yet) by a ``DraftKeeper``, so a call half taken down survives Esc, the idle lock, signing out
and a crash, and is offered again when the 登记 page opens next."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QWidget

from hotline_desk.gui.cases.form import CaseForm
from hotline_desk.gui.common.drafts import DraftField, DraftKeeper, field_of
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.drafts import DraftValue
from hotline_desk.services.dto import Actor

KIND = "RegisterPage"


def _time_field(form: CaseForm) -> DraftField:
    """受理时间 as the time it means (typed "17:48" is today's; restored tomorrow it is not)."""
    field = form.received_at

    def read() -> DraftValue:
        value = field.value()
        return value.isoformat() if value is not None else field.edit.text()

    def write(value: object) -> None:
        try:
            field.set_value(datetime.fromisoformat(str(value)))
        except ValueError:
            field.edit.setText(str(value or ""))

    return DraftField(read, write, field.edited)


def _topic_field(form: CaseForm) -> DraftField:
    topic = form.topic
    return DraftField(topic.topic_id, lambda v: topic.set_topic(v if isinstance(v, int) else None),
                      topic.currentTextChanged)  # fmt: skip


def keep_form_drafts(owner: QWidget, form: CaseForm, ctx: ServiceContext, actor: Actor
                     ) -> DraftKeeper:  # fmt: skip
    """A keeper of ``form``'s draft, started (a kept draft is offered in ``keeper.offer``)."""
    fields = {
        name: field_of(getattr(form, name))
        for name in ("channel", "platform_ref", "caller_name", "anonymous", "caller_phone",
                     "caller_address", "confidential", "publish_consent", "category",
                     "urgency", "important", "title", "content")
    }  # fmt: skip
    fields["received_at"] = _time_field(form)
    fields["topic_id"] = _topic_field(form)
    keeper = DraftKeeper(owner, ctx, actor, KIND, None, fields, typed=form.has_input)
    keeper.start()
    return keeper
