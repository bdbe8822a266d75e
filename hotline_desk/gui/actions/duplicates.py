"""The desk's 并单 and 关联 dialogs on the case detail: the case's likely duplicates among earlier
cases (found when the dialog opens) to pick from, or any case number typed in; a note.

Each registers itself for its action (``catalog.dialog_for``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLineEdit, QWidget

from hotline_desk.domain.actions import Action
from hotline_desk.domain.enums.intake import LinkKind
from hotline_desk.domain.errors import DeskError, ValidationError
from hotline_desk.gui.actions.base import ActionDialog
from hotline_desk.gui.actions.catalog import dialog_for
from hotline_desk.gui.cases.duplicate_panel import CandidateTree
from hotline_desk.gui.common.fit import fit_to_screen
from hotline_desk.gui.common.forms import INFO_STYLE, notice_label
from hotline_desk.gui.common.widgets import ChoiceCombo
from hotline_desk.gui.common.words import choices
from hotline_desk.services.cases import duplicates, read_model
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseDetail


class _PickCase(ActionDialog):
    """A dialog that names another case: from the candidates or by its number."""

    mergeable_only = False

    def __init__(self, ctx: ServiceContext, actor: Actor, detail: CaseDetail, title: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(ctx, actor, detail, title, parent)
        self.tree = CandidateTree()
        self.tree.setMinimumHeight(150)
        try:
            found = duplicates.duplicates_of_case(ctx, actor, detail.id).candidates
        except DeskError:
            found = ()
        if self.mergeable_only:  # a closed case takes no more duplicates: link instead
            found = tuple(c for c in found if c.mergeable)
        self.tree.show_candidates(found)
        self.add_field(
            QCoreApplication.translate("DuplicateDialogs", "相似办件"),
            "candidates",
            self.tree,
            stretch=1,
        )
        self.case_no = QLineEdit()
        self.case_no.setPlaceholderText(
            QCoreApplication.translate(
                "DuplicateDialogs", "选中上面的办件，或输入办件编号，如 RX20261120-0001"
            )
        )
        self.add_field(
            QCoreApplication.translate("DuplicateDialogs", "办件编号 *"),
            "other_case_id",
            self.case_no,
        )
        self.tree.currentItemChanged.connect(lambda *_a: self._picked())
        self._picked()
        self.note = QLineEdit()
        self.add_field(QCoreApplication.translate("DuplicateDialogs", "说明"), "note", self.note)

    def _picked(self) -> None:
        chosen = self.tree.selected()
        if chosen is not None:
            self.case_no.setText(chosen.case_no)

    def other_id(self) -> int:
        text = self.case_no.text().strip()
        if not text:
            raise ValidationError(
                {
                    "other_case_id": QCoreApplication.translate(
                        "DuplicateDialogs", "请选择或输入要关联的办件编号"
                    )
                }
            )
        found = read_model.find_case_id(self.ctx, self.actor, text)
        if found is None:
            missing = QCoreApplication.translate("DuplicateDialogs", "未找到办件 {case_no}")
            raise ValidationError({"other_case_id": missing.format(case_no=text)})
        return found


@dialog_for(Action.MERGE)
class MergeDialog(_PickCase):
    """并单: this case ends as merged into the chosen open case."""

    mergeable_only = True

    def __init__(self, ctx: ServiceContext, actor: Actor, detail: CaseDetail,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(ctx, actor, detail, self.tr("并单"), parent)
        self.body.insertWidget(0, notice_label(
            self.tr("并单后本件终结（已并单），内容记入主办件的流转记录，由主办件答复和回访。")
        ))  # fmt: skip
        self.note.setPlaceholderText(self.tr("如：同一来电人就同一事项再次来电"))
        self.ok_button.setText(self.tr("并入该件"))
        fit_to_screen(self, 760, 460)

    def perform(self) -> CaseDetail:
        d = self.detail
        return duplicates.merge_case(self.ctx, self.actor, d.id, d.version, self.other_id(),
                                     self.note.text())  # fmt: skip


@dialog_for(Action.LINK)
class LinkDialog(_PickCase):
    """关联: related cases, or a repeat of a case already closed; both timelines say so."""

    def __init__(self, ctx: ServiceContext, actor: Actor, detail: CaseDetail,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(ctx, actor, detail, self.tr("关联"), parent)
        self.body.insertWidget(0, notice_label(
            self.tr("关联不改变两件的办理状态；已办结后再次反映的，请选“重复件”。"), INFO_STYLE
        ))  # fmt: skip
        self.kind = ChoiceCombo(choices(LinkKind))
        self.kind.set_value(LinkKind.RELATED.value)
        self.add_field(self.tr("关联类型 *"), "kind", self.kind)
        self.ok_button.setText(self.tr("关联"))
        fit_to_screen(self, 760, 480)

    def perform(self) -> CaseDetail:
        return duplicates.link_cases(self.ctx, self.actor, self.detail.id, self.other_id(),
                                     self.kind.value() or "", self.note.text(),
                                     seen_event=self.detail.last_event_id)  # fmt: skip
