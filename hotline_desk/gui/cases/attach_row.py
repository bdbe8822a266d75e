"""The register form's compact 附件 row: files chosen (file dialog or drop) before the case is
saved, each with its kind, stored right after the registration commits.

A file is checked when it is chosen from its size and first bytes (``content.peek_file``: no
full read on the GUI thread), so a refused type or size is said at once, beside the row. The
files are stored by ``files.add_attachment`` — one transaction per file, right after the
registration's own (the case must exist first; a registration is never held up or undone by a
file) — off the GUI thread, with a progress bar and 取消 under the row (attachment_work.py) and
the row's buttons disabled meanwhile; the page says how many were stored and names any refused
(and, after a cancel, the files not stored).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from hotline_desk.domain.errors import DeskError
from hotline_desk.gui.cases.attachment_work import WorkBar
from hotline_desk.gui.cases.attachments_view import (
    add_each,
    choose_files,
    dropped_files,
    kind_combo,
    kind_for,
)
from hotline_desk.gui.common.errors import show_error
from hotline_desk.gui.common.tasks import TaskRunner
from hotline_desk.gui.common.widgets import ErrorLabel
from hotline_desk.gui.common.words import label
from hotline_desk.gui.common.writes import Written, write_in_background
from hotline_desk.services.attachments import files
from hotline_desk.services.attachments.content import human_size, peek_file
from hotline_desk.services.context import Progress, ServiceContext, Token
from hotline_desk.services.dto import Actor


class PendingAttachments(QWidget):
    """附件: [类型 ▾] [添加附件…] 2 个文件（现场照片.jpg、来信.pdf） [清除]"""

    stored = Signal(int, list)  # how many were stored, the refusal messages

    def __init__(self, ctx: ServiceContext, actor: Actor, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.ctx, self.actor, self.runner = ctx, actor, runner
        self.pending: list[tuple[Path, str]] = []
        self.busy = 0
        self.setAcceptDrops(True)
        self.kind = kind_combo(self)
        self.add_button = QPushButton(self.tr("添加附件…"))
        self.add_button.setToolTip(self.tr("也可把文件拖到这一行；保存登记后随即存入办件"))
        self.clear_button = QPushButton(self.tr("清除"))
        self.names = QLabel(self.tr("无"))
        self.names.setStyleSheet("color: gray;")
        self.error = ErrorLabel()
        self.work = WorkBar(self)
        self.add_button.clicked.connect(lambda: self.add(choose_files(self)))
        self.clear_button.clicked.connect(self.clear)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(self.tr("附件"))  # as the form's own captions: right-aligned, no colon
        caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        caption.setFixedWidth(92)
        row.addWidget(caption)
        row.addWidget(self.kind)
        row.addWidget(self.add_button)
        row.addWidget(self.names, 1)
        row.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.work)
        self._show()

    def add(self, paths: list[Path]) -> None:
        """Check each file's size and type from its first bytes and keep the good ones."""
        problems = []
        try:
            limit = files.max_mb(self.ctx)
        except DeskError as exc:
            show_error(self, exc)
            return
        for path in paths:
            try:
                peek_file(path, limit)
            except DeskError as exc:
                problems.append(exc.message)
                continue
            if all(path != p for p, _k in self.pending):
                self.pending.append((path, kind_for(path, self.kind.currentData())))
        self.error.set_error(self.tr("；").join(problems))
        self._show()

    def clear(self) -> None:
        self.pending = []
        self.error.set_error("")
        self._show()

    def _show(self) -> None:
        if not self.pending:
            self.names.setText(self.tr("无（可拖入文件）"))
            self.clear_button.setEnabled(False)
            return
        shown = self.tr("、").join(
            self.tr("{name}（{kind}，{size}）").format(
                name=p.name, kind=label("attachment_kind", k),
                size=human_size(p.stat().st_size) if p.exists() else "—",
            )
            for p, k in self.pending
        )  # fmt: skip
        self.names.setText(self.tr("{n} 个文件：{names}").format(n=len(self.pending), names=shown))
        self.names.setToolTip(shown)
        self.clear_button.setEnabled(True)

    def store(self, case_id: int) -> None:
        """Store the chosen files on the case just registered (off the GUI thread)."""
        pending, self.pending = self.pending, []
        self._show()
        if not pending:
            return
        ctx, actor = self.ctx, self.actor
        self._busy(1)

        def work(report: Progress, token: Token) -> tuple[int, list[str]]:
            return add_each(ctx, actor, case_id, pending, report, token)

        def done(written: Written[tuple[int, list[str]]]) -> None:
            self._busy(-1)
            self.stored.emit(*written.result)

        def failed(exc: BaseException) -> None:
            self._busy(-1)
            show_error(self, exc)

        token = write_in_background(self.runner, self, ctx, work, done,
                                    on_progress=self.work.progress, on_failed=failed)  # fmt: skip
        self.work.start(self.tr("正在存入 {n} 个附件…").format(n=len(pending)), token)

    def _busy(self, step: int) -> None:
        self.busy += step
        self.add_button.setEnabled(not self.busy)
        self.clear_button.setEnabled(not self.busy and bool(self.pending))
        if not self.busy:
            self.work.finish()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if not self.busy and dropped_files(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        paths = dropped_files(event)
        if paths:
            event.acceptProposedAction()
            self.add(paths)
