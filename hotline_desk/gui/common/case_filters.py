"""The case filters shared by the 全部办件 filter bar (``gui/cases/list_panel.py``) and the
高级查询 dialog (``gui/cases/search_dialog.py``): their combos and date range, built, read into a
``CaseFilter``, shown from one and cleared in one place.

The labels keep the translation context ``CaseListPanel`` the filter bar has always used."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from hotline_desk.domain.enums.handling import CaseStatus
from hotline_desk.domain.enums.intake import Category, Channel, Urgency
from hotline_desk.domain.enums.org import OrgKind
from hotline_desk.gui.common.widgets import ChoiceCombo, OptionalDateEdit
from hotline_desk.gui.common.words import choices, enum_text
from hotline_desk.services.dto import CaseFilter, OrgUnitInfo, TopicInfo

OPEN_STATES = tuple(
    s.value
    for s in CaseStatus
    if s not in (CaseStatus.CLOSED, CaseStatus.REJECTED, CaseStatus.MERGED)
)
_ALL_OPEN = QT_TRANSLATE_NOOP("CaseListPanel", "全部未办结")


def status_choices() -> list[tuple[object, str]]:
    """全部未办结 first, then each status alone (values are tuples of statuses)."""
    first: list[tuple[object, str]] = [
        (OPEN_STATES, QCoreApplication.translate("CaseListPanel", _ALL_OPEN))
    ]
    return first + [((s.value,), enum_text(s.label)) for s in CaseStatus]


class CaseFilterFields:
    """Mixin for a widget holding the filter widgets as ``status`` … ``date_to``; the widget
    calls ``build_filter_fields`` in its ``__init__`` and lays them out itself."""

    status: ChoiceCombo
    channel: ChoiceCombo
    category: ChoiceCombo
    urgency: ChoiceCombo
    topic: ChoiceCombo
    section: ChoiceCombo
    date_from: OptionalDateEdit
    date_to: OptionalDateEdit

    def build_filter_fields(self, topics: list[TopicInfo], units: list[OrgUnitInfo]) -> None:
        every = (
            QCoreApplication.translate("CaseListPanel", "全部状态"),
            QCoreApplication.translate("CaseListPanel", "全部渠道"),
            QCoreApplication.translate("CaseListPanel", "全部类型"),
            QCoreApplication.translate("CaseListPanel", "全部紧急程度"),
            QCoreApplication.translate("CaseListPanel", "全部事项分类"),
            QCoreApplication.translate("CaseListPanel", "全部主办科室"),
        )
        sections = [(u.id, u.name) for u in units if u.kind in (OrgKind.SECTION, OrgKind.UNIT)]
        self.status = ChoiceCombo(status_choices(), every[0])
        self.channel = ChoiceCombo(choices(Channel), every[1])
        self.category = ChoiceCombo(choices(Category), every[2])
        self.urgency = ChoiceCombo(choices(Urgency), every[3])
        self.topic = ChoiceCombo([(t.id, t.name) for t in topics], every[4])
        self.section = ChoiceCombo(sections, every[5])
        self.date_from = OptionalDateEdit()
        self.date_to = OptionalDateEdit()

    def filter_combos(self) -> tuple[ChoiceCombo, ...]:
        return (self.status, self.channel, self.category, self.urgency, self.topic, self.section)

    def fields_filter(self, text: str, **rest: Any) -> CaseFilter:
        """The filter the widgets show, with the search ``text`` (and ``queue``/``kpi``)."""
        return CaseFilter(
            statuses=tuple(self.status.value() or ()),
            channel=self.channel.value(),
            category=self.category.value(),
            topic_id=self.topic.value(),
            lead_unit_id=self.section.value(),
            urgency=self.urgency.value(),
            received_from=self.date_from.value(),
            received_to=self.date_to.value(),
            text=text,
            **rest,
        )

    def show_filter_fields(self, flt: CaseFilter | None, quiet: bool) -> None:
        """Show ``flt`` in the widgets (None: 全部 and no dates); ``quiet`` without emitting
        their change signals."""
        widgets = (*self.filter_combos(), self.date_from, self.date_to)
        values = (None,) * len(widgets) if flt is None else (
            flt.statuses or None, flt.channel, flt.category, flt.urgency, flt.topic_id,
            flt.lead_unit_id, flt.received_from, flt.received_to)  # fmt: skip
        for widget, value in zip(widgets, values, strict=True):
            was_blocked = widget.blockSignals(quiet)
            if flt is not None:
                widget.set_value(value)
            elif isinstance(widget, OptionalDateEdit):
                widget.clear_value()
            else:
                widget.setCurrentIndex(0)
            widget.blockSignals(was_blocked)
