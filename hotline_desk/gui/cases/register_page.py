"""The 登记 page: the case form plus save buttons, talking to the services.

Save goes through ``register_case``/``update_case``; "已保存" is shown only after they return,
i.e. after the commit. Enter in a one-line field, Ctrl+S or Ctrl+Enter saves. Beside the form
the duplicate panel shows likely duplicates as the clerk types; its 并入/关联 buttons register
the case and merge or link it in one transaction (``duplicates.register_duplicate``). Files
chosen in the 附件 row are stored right after the registration commits (attach_row.py).

The form scrolls; the line of buttons does not, and it carries the form's summary of errors
("有 2 处需要修改,未保存:标题、诉求内容"), so the summary is seen wherever the first error
is — which is scrolled into view. Tab goes from 诉求内容 to 保存登记.

What is typed is kept as the clerk's draft (``form_draft``) and offered above the form when
the page opens again; a save drops it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hotline_desk.domain.validation import CaseInput
from hotline_desk.gui.cases.attach_row import PendingAttachments
from hotline_desk.gui.cases.duplicate_panel import DuplicatePanel
from hotline_desk.gui.cases.form import CaseForm
from hotline_desk.gui.cases.form_draft import keep_form_drafts
from hotline_desk.gui.common.tasks import TaskRunner
from hotline_desk.gui.common.words import render
from hotline_desk.gui.common.writes import write
from hotline_desk.services.callbacks.dto import DuplicateCandidate, DuplicateQuery
from hotline_desk.services.cases import duplicates, registration
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseDetail, TopicInfo


def bind_save(form: CaseForm, owner: QWidget, save) -> None:  # type: ignore[no-untyped-def]
    for child in form.findChildren(QLineEdit):
        if child.parent() is not form.topic:  # Enter in the topic box picks a completion
            child.returnPressed.connect(save)
    for keys in ("Ctrl+S", "Ctrl+Return", "Ctrl+Enter"):
        QShortcut(QKeySequence(keys), owner, activated=save)


class RegisterPage(QWidget):
    """登记办件: stays on screen for the next call after each save."""

    registered = Signal(object)  # CaseDetail

    def __init__(self, ctx: ServiceContext, actor: Actor, topics: list[TopicInfo],
                 runner: TaskRunner | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.ctx, self.actor = ctx, actor
        self.form = CaseForm(topics)
        self.runner = runner or TaskRunner(self)
        self.duplicates = DuplicatePanel(
            self.runner, lambda query: duplicates.find_duplicates(ctx, actor, query)
        )
        self.duplicates.setMinimumWidth(360)
        self.save_button = QPushButton(self.tr("保存登记 (Enter)"))
        self.save_button.setDefault(True)
        self.clear_button = QPushButton(self.tr("清空"))
        self.saved_label = QLabel()
        self.saved_label.setStyleSheet("color: #2e7d32; font-weight: bold;")
        title = QLabel(self.tr("登记办件"))
        title.setObjectName("pageTitle")
        self.scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        self.form.setMaximumWidth(1000)
        inner_layout.addWidget(self.form)
        self.attachments = PendingAttachments(ctx, actor, self.runner)
        self.attachments.setMaximumWidth(1000)
        self.attachments.stored.connect(self._attachments_stored)
        inner_layout.addWidget(self.attachments)
        inner_layout.addStretch(1)
        scroll.setWidget(inner)
        buttons = QHBoxLayout()
        self.form.layout().removeWidget(self.form.summary)
        buttons.addWidget(self.form.summary, 1)
        buttons.addWidget(self.saved_label, 1)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.save_button)
        body = QHBoxLayout()
        body.addWidget(scroll, 3)
        body.addWidget(self.duplicates, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        self.drafts = keep_form_drafts(self, self.form, ctx, actor)
        layout.addWidget(self.drafts.offer)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)
        self.save_button.clicked.connect(self.save)
        self.clear_button.clicked.connect(self.start_new)
        bind_save(self.form, self, self.save)
        self.setTabOrder(self.form.content, self.save_button)
        self.setTabOrder(self.save_button, self.clear_button)
        self.form.firstError.connect(lambda row: scroll.ensureWidgetVisible(row, 0, 24))
        for changed in (
            self.form.caller_phone.textChanged,
            self.form.title.textChanged,
            self.form.content.textChanged,
            self.form.topic.currentIndexChanged,
        ):
            changed.connect(self._form_changed)  # fmt: skip
        self.duplicates.mergeRequested.connect(lambda c: self.save_duplicate(c, merge=True))
        self.duplicates.linkRequested.connect(lambda c: self.save_duplicate(c, merge=False))

    def duplicate_query(self) -> DuplicateQuery:
        """What the duplicate panel looks up: the form's phone, topic, title and content."""
        form = self.form
        return DuplicateQuery(
            title=form.title.text(), content=form.content.toPlainText(),
            caller_phone=form.caller_phone.text(), topic_id=form.topic.topic_id(),
        )  # fmt: skip

    def _form_changed(self, *_args: object) -> None:
        self.duplicates.schedule(self.duplicate_query())

    def start_new(self) -> None:
        self.form.clear()
        self.attachments.clear()
        self.duplicates.clear()
        self.form.channel.setFocus()

    def save(self) -> CaseDetail | None:
        detail = self._register(lambda data: registration.register_case(self.ctx, self.actor, data))
        if detail is not None:
            self.saved_label.setText(
                self.tr("已保存：{case_no}（查询码 {query_code}）").format(
                    case_no=detail.case_no, query_code=detail.query_code
                )
            )
        return detail

    def _register(self, call: Callable[[CaseInput], CaseDetail]) -> CaseDetail | None:
        """Save the form through ``call``: errors beside their fields (nothing saved), or a
        cleared form ready for the next call."""
        self.saved_label.clear()
        written = write(self, self.ctx, lambda: call(self.form.to_input()),
                        field_errors=self.form.show_errors)  # fmt: skip
        if written is None:
            return None
        detail = written.result
        self.drafts.discard()  # right after the commit: the draft is the case now
        self.attachments.store(detail.id)  # right after the registration's commit
        self.form.clear()
        self.duplicates.clear()
        self.form.channel.setFocus()
        self.registered.emit(detail)
        return detail

    def _attachments_stored(self, count: int, refused: list[str]) -> None:
        if count:
            self.saved_label.setText(self.tr("{saved}，附件 {n} 个已存入").format(
                saved=self.saved_label.text(), n=count))  # fmt: skip
        if refused:
            QMessageBox.warning(
                self, self.tr("附件未存入"), "\n\n".join(render(m) for m in refused)
            )

    def save_duplicate(self, other: DuplicateCandidate, merge: bool) -> CaseDetail | None:
        """Register the case and merge it into (or link it with) ``other``, after a yes/no."""
        if merge:
            question = self.tr("登记本次来电并并入 {case_no}（{title}）？\n并单后本件不再单独办理，"
                               "内容记入该件的流转记录。")  # fmt: skip
        else:
            question = self.tr("登记本次来电并与 {case_no}（{title}）关联为相关件？")
        answer = QMessageBox.question(
            self, self.tr("并单") if merge else self.tr("关联"),
            question.format(case_no=other.case_no, title=other.title),
        )  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return None
        detail = self._register(lambda data: duplicates.register_duplicate(
            self.ctx, self.actor, data, other.case_id, merge=merge))  # fmt: skip
        if detail is not None:
            if merge:
                text = self.tr("已保存：{case_no}，已并入 {other}")
            else:
                text = self.tr("已保存：{case_no}，已关联 {other}")
            self.saved_label.setText(text.format(case_no=detail.case_no, other=other.case_no))
        return detail
