"""分级转办 in one dialog: 转办/直办 a registered case, 改派 an open one (with a reason), or
同意退回并改派 a section's return request. The desk picks the tier, the lead section, the
直属单位 under it (tier 3) and any assisting sections; the routing suggestion and its basis are
shown on top and pre-selected. Enter routes.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from hotline_desk.domain.actions import Action
from hotline_desk.domain.enums.handling import AssignmentRole, Tier
from hotline_desk.domain.enums.org import OrgKind
from hotline_desk.gui.actions.base import ActionDialog, return_text
from hotline_desk.gui.actions.catalog import DialogRequest, dialog_for
from hotline_desk.gui.common.fit import fit_to_screen
from hotline_desk.gui.common.forms import INFO_STYLE, notice_label
from hotline_desk.gui.common.widgets import ChoiceCombo
from hotline_desk.gui.common.words import label, list_separator
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseDetail, OrgUnitInfo, TopicInfo
from hotline_desk.services.lifecycle import routing
from hotline_desk.services.lifecycle.dto import RouteInput, RouteSuggestion

log = logging.getLogger(__name__)

ASSIST_COLUMNS = 4
MODES = (Action.ROUTE, Action.HANDLE_DIRECTLY, Action.REROUTE, Action.APPROVE_RETURN)


def suggest(ctx: ServiceContext, actor: Actor, detail: CaseDetail,
            topics: list[TopicInfo]) -> RouteSuggestion | None:  # fmt: skip
    """The routing suggestion service's proposal; without it (not installed, or failing), the
    topic's default lead section from the 派单目录."""
    try:
        from hotline_desk.services.lifecycle.routing_suggest import suggest_route
    except ImportError:
        pass
    else:
        try:
            return suggest_route(ctx, actor, topic_id=detail.topic_id, title=detail.title,
                                 content=detail.content, exclude_case_id=detail.id)  # fmt: skip
        except Exception as exc:  # noqa: BLE001 - a suggestion must never block routing
            log.warning("routing suggestion failed: %s", type(exc).__name__)
    topic = next((t for t in topics if t.id == detail.topic_id), None)
    if topic is None or topic.lead_unit_id is None:
        return None
    basis = QCoreApplication.translate("RouteDialog", "派单目录默认主办：{unit}").format(
        unit=topic.lead_unit_name
    )
    return RouteSuggestion(topic.lead_unit_id, topic.lead_unit_name, (), basis,
                           ((topic.lead_unit_id, topic.lead_unit_name, 1.0),), 0)  # fmt: skip


@dialog_for(Action.ROUTE, Action.HANDLE_DIRECTLY, Action.REROUTE, Action.APPROVE_RETURN)
class RouteDialog(ActionDialog):
    """转办 / 直办 / 改派 / 同意退回并改派 (``mode`` is the Action)."""

    @classmethod
    def open_for(cls, request: DialogRequest) -> RouteDialog:
        r = request
        return cls(r.ctx, r.actor, r.detail, r.action, r.topics, r.units, r.parent)

    def __init__(self, ctx: ServiceContext, actor: Actor, detail: CaseDetail, mode: Action,
                 topics: list[TopicInfo], units: list[OrgUnitInfo],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        assert mode in MODES, mode
        self.mode = mode
        titles = {
            Action.ROUTE: self.tr("转办"),
            Action.HANDLE_DIRECTLY: self.tr("直办"),
            Action.REROUTE: self.tr("改派"),
            Action.APPROVE_RETURN: self.tr("同意退回并改派"),
        }
        super().__init__(ctx, actor, detail, titles[mode], parent)
        self.units = units
        self.sections = [u for u in units if u.kind == OrgKind.SECTION]
        work = detail.work
        self.current_lead = work.lead_unit_id if work else None
        self.allow_direct = mode in (Action.ROUTE, Action.HANDLE_DIRECTLY)
        self.suggestion = suggest(ctx, actor, detail, topics)
        self._build_context()
        self._build_fields()
        self._preselect()
        fit_to_screen(self, 680, 0)

    # --- building ---------------------------------------------------------------------------
    def _build_context(self) -> None:
        d = self.detail
        facts = self.tr("事项分类：{topic}    诉求类型：{category}").format(
            topic=d.topic_name or self.tr("未分类"), category=self._category()
        )
        work = self.detail.work
        if self.mode in (Action.REROUTE, Action.APPROVE_RETURN) and work is not None:
            current = self.tr("当前主办：{unit}").format(unit=work.lead_unit_name or "—")
            if work.handling_unit_name:
                current += self.tr("（交办：{unit}）").format(unit=work.handling_unit_name)
            if work.reroute_count:
                current += self.tr("，已改派 {n} 次").format(n=work.reroute_count)
            pending = work.pending_return
            if self.mode == Action.APPROVE_RETURN and pending is not None:
                current += "\n" + return_text(pending)
            facts += "\n" + current
        self.add_note(notice_label(facts, INFO_STYLE))
        s = self.suggestion
        if s is not None and s.lead_unit_id is not None:
            text = self.tr("建议主办：{unit}\n依据：{basis}").format(
                unit=s.lead_unit_name, basis=s.basis
            )
            others = [name for uid, name, _score in s.ranked[1:4] if uid != s.lead_unit_id]
            if others:
                text += "\n" + self.tr("其他候选：{units}").format(
                    units=list_separator().join(others)
                )
        else:
            text = self.tr("暂无派单建议：该事项分类未设默认主办科室，请人工选择。")
        self.suggestion_label = notice_label(text)
        self.add_note(self.suggestion_label)

    def _category(self) -> str:
        return label("category", self.detail.category)

    def _build_fields(self) -> None:
        self.tier_group = QButtonGroup(self)
        self.tier_buttons: dict[Tier, QRadioButton] = {}
        tiers = QWidget()
        row = QHBoxLayout(tiers)
        row.setContentsMargins(0, 0, 0, 0)
        # choices, so verbs (as the action buttons), not the tier's name (enum label) as shown
        texts = {Tier.DIRECT: self.tr("直办"), Tier.SECTION: self.tr("转办科室"),
                 Tier.UNIT: self.tr("交办直属单位")}  # fmt: skip
        for tier, text in texts.items():
            if tier == Tier.DIRECT and not self.allow_direct:
                continue
            button = QRadioButton(text)
            self.tier_group.addButton(button, tier)
            self.tier_buttons[tier] = button
            row.addWidget(button)
        row.addStretch(1)
        self.tier_group.idToggled.connect(self._on_tier)
        self.add_field(self.tr("办理层级 *"), "tier", tiers)

        self.lead = ChoiceCombo([(u.id, u.name) for u in self.sections], self.tr("请选择主办科室"))
        self.lead.currentIndexChanged.connect(self._on_lead)
        self.add_field(self.tr("主办科室 *"), "lead_unit_id", self.lead)
        self.unit = ChoiceCombo([])
        self.add_field(self.tr("直属单位"), "handling_unit_id", self.unit)

        self.assist = QWidget()
        grid = QGridLayout(self.assist)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        self.assist_boxes: dict[int, QCheckBox] = {}
        for i, u in enumerate(self.sections):
            box = QCheckBox(u.name)
            self.assist_boxes[u.id] = box
            grid.addWidget(box, i // ASSIST_COLUMNS, i % ASSIST_COLUMNS)
        self.add_field(self.tr("协办科室"), "assist_unit_ids", self.assist)

        self.opinion = QLineEdit()
        self.opinion.setPlaceholderText(self.tr("如：请产业发展科牵头，会同财务科核实后答复"))
        self.add_field(self.tr("拟办意见"), "opinion", self.opinion)
        self.reason = QLineEdit()
        if self.mode == Action.REROUTE:
            self.reason.setPlaceholderText(self.tr("必填：为什么改派，如原主办科室职责不符"))
            self.add_field(self.tr("改派原因 *"), "reason", self.reason)
        elif self.mode == Action.APPROVE_RETURN:
            self.reason.setPlaceholderText(self.tr("可不填"))
            self.add_field(self.tr("审核意见"), "note", self.reason)
        self._on_lead()

    def _preselect(self) -> None:
        work = self.detail.work
        if self.mode == Action.HANDLE_DIRECTLY:
            tier = Tier.DIRECT
        elif self.mode == Action.ROUTE or work is None or work.tier in (None, Tier.DIRECT):
            tier = Tier.SECTION
        else:
            tier = Tier(work.tier)
        lead = self._suggested_lead()
        if lead is not None:
            self.lead.set_value(lead)
        if tier == Tier.UNIT and work is not None and work.handling_unit_id is not None:
            self.unit.set_value(work.handling_unit_id)
        assists: tuple[int, ...] = ()
        if work is not None and self.mode in (Action.REROUTE, Action.APPROVE_RETURN):
            assists = tuple(a.unit_id for a in work.assignments
                            if a.active and a.role == AssignmentRole.ASSIST)  # fmt: skip
        if not assists and self.suggestion is not None:
            assists = self.suggestion.assist_unit_ids
        self.set_assists(assists)
        self.tier_buttons[tier].setChecked(True)
        first = self.reason if self.mode == Action.REROUTE else self.lead
        first.setFocus()

    def _suggested_lead(self) -> int | None:
        """The best suggested section that is a section and, when the case leaves its section
        (改派, 退回), not that section again."""
        s = self.suggestion
        if s is None:
            return None
        candidates = [s.lead_unit_id, *(uid for uid, _name, _score in s.ranked)]
        section_ids = {u.id for u in self.sections}
        leaving = self.mode in (Action.REROUTE, Action.APPROVE_RETURN)
        for uid in candidates:
            if uid in section_ids and not (leaving and uid == self.current_lead):
                return uid
        return None

    # --- reacting ---------------------------------------------------------------------------
    def _on_tier(self, tier: int, checked: bool) -> None:
        if not checked:
            return
        self.lead.setEnabled(tier != Tier.DIRECT)
        self.unit.setEnabled(tier == Tier.UNIT)
        if self.mode in (Action.ROUTE, Action.HANDLE_DIRECTLY):
            self.ok_button.setText(self.tr("直办") if tier == Tier.DIRECT else self.tr("转办"))
        self._hide_lead_in_assists()

    def _on_lead(self) -> None:
        lead = self.lead.value()
        self.unit.clear()
        children = [u for u in self.units if u.kind == OrgKind.UNIT and u.parent_id == lead]
        if lead is None:
            self.unit.addItem(self.tr("请先选择主办科室"), None)
        elif not children:
            self.unit.addItem(self.tr("该科室没有直属单位"), None)
        for u in children:
            self.unit.addItem(u.name, u.id)
        self._hide_lead_in_assists()

    def _hide_lead_in_assists(self) -> None:
        """The lead section cannot assist itself: its box is unticked and disabled."""
        lead = self.lead.value() if self.tier() != Tier.DIRECT else None
        for unit_id, box in self.assist_boxes.items():
            is_lead = unit_id == lead
            if is_lead:
                box.setChecked(False)
            box.setEnabled(not is_lead)

    # --- mapping ----------------------------------------------------------------------------
    def tier(self) -> Tier | None:
        """The chosen tier (None while no button is checked)."""
        checked = self.tier_group.checkedId()
        return Tier(checked) if checked in set(Tier) else None

    def set_assists(self, unit_ids: tuple[int, ...]) -> None:
        for unit_id, box in self.assist_boxes.items():
            box.setChecked(unit_id in unit_ids and box.isEnabled())

    def assist_ids(self) -> tuple[int, ...]:
        boxes = self.assist_boxes.items()
        return tuple(u for u, box in boxes if box.isChecked() and box.isEnabled())

    def to_input(self) -> RouteInput:
        tier = self.tier()
        return RouteInput(
            tier=tier or 0,  # none chosen: the rules name the missing tier
            lead_unit_id=self.lead.value() if tier != Tier.DIRECT else None,
            assist_unit_ids=self.assist_ids(),
            handling_unit_id=self.unit.value() if tier == Tier.UNIT else None,
            opinion=self.opinion.text(),
            reason=self.reason.text() if self.mode == Action.REROUTE else "",
        )

    def perform(self) -> CaseDetail:
        route, d = self.to_input(), self.detail
        if self.mode == Action.REROUTE:
            return routing.reroute_case(self.ctx, self.actor, d.id, d.version, route)
        if self.mode == Action.APPROVE_RETURN:
            return routing.approve_return(self.ctx, self.actor, d.id, d.version, route,
                                           self.reason.text())  # fmt: skip
        return routing.route_case(self.ctx, self.actor, d.id, d.version, route)
