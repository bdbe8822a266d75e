"""审计日志 for the 审计管理员: the audit log's newest rows and the check of its hash chain."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hotline_desk.gui.common.widgets import fill_table, make_table
from hotline_desk.gui.common.words import fmt_dt
from hotline_desk.services import audit
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor


class AuditPage(QWidget):
    """审计日志: newest entries and a chain check that detects edited or deleted rows."""

    def __init__(self, ctx: ServiceContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.actor = ctx, actor
        self.table = make_table([self.tr("序号"), self.tr("时间"), self.tr("账号"), self.tr("操作"),
                             self.tr("对象"), self.tr("编号"), self.tr("详情")])  # fmt: skip
        self.verify_button = QPushButton(self.tr("校验日志完整性"))
        self.result = QLabel()
        title = QLabel(self.tr("审计日志(最近 500 条)"))
        title.setObjectName("pageTitle")
        bar = QHBoxLayout()
        bar.addWidget(title, 1)
        bar.addWidget(self.result)
        bar.addWidget(self.verify_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.verify_button.clicked.connect(self.verify)
        self.refresh()

    def refresh(self) -> None:
        entries = audit.list_audit(self.ctx, self.actor)
        fill_table(self.table, [[str(e.id), fmt_dt(e.at), e.actor_name, e.action, e.object_type,
                            e.object_id, e.detail] for e in entries])  # fmt: skip

    def verify(self) -> None:
        check = audit.check_audit_chain(self.ctx, self.actor)
        if check.ok:
            self.result.setText(
                self.tr("完整:{rows} 条记录的哈希链校验通过").format(rows=check.rows)
            )
            self.result.setStyleSheet("color: #2e7d32;")
        else:
            self.result.setText(
                self.tr("发现篡改:第 {row_id} 条记录校验失败").format(row_id=check.first_bad_id)
            )
            self.result.setStyleSheet("color: #c62828; font-weight: bold;")
