"""高级查询: every filter of the case list at once — words searched in any field (issue 16),
status, channel, type, urgency, topic, lead section and the received-date range — run in the
list (so the list's own filter bar shows it afterwards), and optionally saved under a name for
the navigation's 保存的查询 (``saved_nav.py``)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from hotline_desk.domain.text_input import SEARCH_MAX
from hotline_desk.gui.cases.list_panel import CaseListPanel
from hotline_desk.gui.common.case_filters import CaseFilterFields
from hotline_desk.gui.common.discard import GuardedDialog
from hotline_desk.gui.common.fit import fit_to_screen
from hotline_desk.gui.common.widgets import ErrorLabel
from hotline_desk.gui.common.writes import write
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseFilter, OrgUnitInfo, TopicInfo
from hotline_desk.services.search import saved
from hotline_desk.services.search.saved import NAME_MAX


class AdvancedSearchDialog(GuardedDialog, CaseFilterFields):
    def __init__(
        self,
        ctx: ServiceContext,
        actor: Actor,
        panel: CaseListPanel,
        topics: list[TopicInfo],
        units: list[OrgUnitInfo],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.actor, self.panel = ctx, actor, panel
        self.setWindowTitle(self.tr("高级查询"))
        self.words = QLineEdit()
        self.words.setMaxLength(SEARCH_MAX)
        self.words.setPlaceholderText(self.tr("多个词以空格分隔，须全部包含"))
        self.build_filter_fields(topics, units)
        self.save_name = QLineEdit()
        self.save_name.setMaxLength(NAME_MAX)
        self.save_name.setPlaceholderText(self.tr("留空则不保存"))
        self.error = ErrorLabel()
        self._build()
        self._show(panel.current_filter())
        self.layout().activate()
        fit_to_screen(self, 560, 0)

    def _build(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("关键字（任意字段）"), self.words)
        hint = QLabel(
            self.tr(
                "在标题、诉求内容、平台工单号、办理意见、办理记录、答复和回访记录中查找；"
                "有权查看来电人信息的用户还查找来电人姓名、电话和地址。全角半角、大小写、繁简体不论。"
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: gray;")
        form.addRow(hint)
        form.addRow(self.tr("状态"), self.status)
        form.addRow(self.tr("来源渠道"), self.channel)
        form.addRow(self.tr("诉求类型"), self.category)
        form.addRow(self.tr("紧急程度"), self.urgency)
        form.addRow(self.tr("事项分类"), self.topic)
        form.addRow(self.tr("主办科室"), self.section)
        dates = QHBoxLayout()
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel(self.tr("至", "date range: from … to …")))
        dates.addWidget(self.date_to)
        form.addRow(self.tr("受理日期"), dates)
        form.addRow(self.tr("保存为查询"), self.save_name)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("查询"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.run)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _show(self, flt: CaseFilter) -> None:
        self.words.setText(flt.text)
        self.show_filter_fields(flt, quiet=False)

    def search_filter(self) -> CaseFilter:
        return self.fields_filter(self.words.text().strip())

    def run(self) -> None:
        """Save the search when named (refused: the dialog stays), then run it in the list."""
        flt = self.search_filter()
        name = self.save_name.text().strip()
        if name:
            done = write(
                self,
                self.ctx,
                lambda: saved.save_search(self.ctx, self.actor, name, flt),
                lambda errors: self.error.set_error(next(iter(errors.values()), "")),
            )
            if done is None:
                return
        self.panel.set_filter(flt)
        self.accept()
