"""The 附件 tab of the case detail: the case's files (name, kind, size, who added them and when,
withdrawn or not), added by the file dialog or by dropping files on the tab; opened inside the
desk (images, PDF, text, recordings: attachment_preview.py) or, after a warning, with the
system's program; saved elsewhere; withdrawn with a reason.

Adding (reading, checking and hashing each file, storing it), opening (fetching the bytes,
decoding an image, writing the temporary copy a recording or the system's program needs) and
saving as (fetching, writing) run off the GUI thread, one at a time, with a progress bar and
取消 under the buttons (attachment_work.py) and the buttons disabled meanwhile; the list and the
case's timeline reload when a file is stored. ``opened`` and ``saved`` say when the preview is
shown (or the copy handed over) and the file written. A 请求保密 case says so above the list,
and its files carry 保密 in the state column.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hotline_desk.domain.enums.intake import AttachmentKind
from hotline_desk.domain.errors import DeskError
from hotline_desk.gui.cases.attachment_preview import (
    AttachmentPreview,
    Loaded,
    loaded,
    open_with_system,
    shown_inside,
)
from hotline_desk.gui.cases.attachment_work import WorkBar
from hotline_desk.gui.common.discard import GuardedDialog
from hotline_desk.gui.common.errors import show_error
from hotline_desk.gui.common.fit import fit_to_screen
from hotline_desk.gui.common.tasks import Cancelled, TaskRunner
from hotline_desk.gui.common.widgets import ErrorLabel
from hotline_desk.gui.common.words import fmt_dt, label, render
from hotline_desk.gui.common.writes import Written, into_labels, write, write_in_background
from hotline_desk.services.attachments import files
from hotline_desk.services.attachments.content import AUDIO, IMAGES, human_size
from hotline_desk.services.context import Progress, ServiceContext, Token
from hotline_desk.services.dto import Actor

AUTO = "auto"


def kind_for(path: Path, chosen: str) -> str:
    """The kind to store: the one chosen, or for 按文件判断 a photo for an image name, a
    recording for an audio name, else 其他 (the type itself is checked from the content)."""
    if chosen != AUTO:
        return chosen
    ext = path.suffix.lower().lstrip(".").replace("jpeg", "jpg").replace("tiff", "tif")
    if ext in IMAGES:
        return AttachmentKind.PHOTO.value
    if ext in AUDIO:
        return AttachmentKind.RECORDING.value
    return AttachmentKind.OTHER.value


def kind_combo(parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    combo.addItem(combo.tr("按文件判断"), AUTO)
    for kind in AttachmentKind:
        combo.addItem(label("attachment_kind", kind.value), kind.value)
    return combo


def dropped_files(event: QDropEvent | QDragEnterEvent) -> list[Path]:
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    return [
        Path(u.toLocalFile()) for u in urls if u.isLocalFile() and Path(u.toLocalFile()).is_file()
    ]


def choose_files(parent: QWidget) -> list[Path]:
    names, _filter = QFileDialog.getOpenFileNames(
        parent, parent.tr("选择附件"), "",
        parent.tr("附件 (*.jpg *.jpeg *.png *.gif *.webp *.bmp *.tif *.tiff *.heic *.pdf *.mp3 "
                  "*.m4a *.wav *.amr *.aac *.ogg *.flac *.doc *.docx *.xls *.xlsx *.ppt *.pptx "
                  "*.odt *.ods *.odp *.rtf *.txt)；；所有文件 （*）"),
    )  # fmt: skip
    return [Path(n) for n in names]


def add_each(ctx: ServiceContext, actor: Actor, case_id: int, chosen: list[tuple[Path, str]],
             report: Progress | None = None, token: Token | None = None,
             ) -> tuple[int, list[str]]:  # fmt: skip
    """Store each (file, kind) in its own transaction (run off the GUI thread): how many were
    stored, and why the others were refused. ``report`` gets each file's bytes read; a cancel
    (``token``) keeps the files stored before it and says which were not."""
    count, refused = 0, []
    for i, (path, kind) in enumerate(chosen):
        try:
            files.add_attachment(ctx, actor, case_id, kind, path, report=report, token=token)
            count += 1
        except DeskError as exc:
            refused.append(exc.message)
        except Cancelled:
            names = QCoreApplication.translate("AttachmentsView", "、").join(
                p.name for p, _k in chosen[i:]
            )
            refused.append(
                QCoreApplication.translate("AttachmentsView", "已取消，未存入：{names}").format(
                    names=names
                )
            )
            break
    return count, refused


class WithdrawDialog(GuardedDialog):
    """撤回附件: the reason (required); the file is kept and marked withdrawn."""

    def __init__(self, info: files.AttachmentInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("撤回附件"))
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(self.tr("例如：误传、与本件无关、已有更清晰的版本"))
        self.error = ErrorLabel()
        note = QLabel(self.tr("撤回“{name}”：附件仍保留在办件中并标明已撤回，不会删除。").format(
            name=info.file_name))  # fmt: skip
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.addButton(self.tr("撤回"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(QLabel(self.tr("撤回原因：")))
        layout.addWidget(self.reason, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        fit_to_screen(self, 460, 260)


class AttachmentsView(QWidget):
    """The list of a case's files and what can be done with them."""

    changed = Signal()  # something was added or withdrawn: the case's timeline has a new line
    opened = Signal(object)  # the preview shown, or the temporary copy handed to the system
    saved = Signal(object)  # the path a file was saved as

    def __init__(
        self,
        ctx: ServiceContext | None,
        actor: Actor | None,
        runner: TaskRunner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.actor = ctx, actor
        self.runner = runner or TaskRunner(self)
        self.case_id: int | None = None
        self.items: list[files.AttachmentInfo] = []
        self.busy = 0
        self.setAcceptDrops(True)
        self.confidential = QLabel(self.tr(
            "本件来电人要求保密（请求保密）：附件仅供办理使用；来信扫描件和通话录音不向承办单位提供。"
        ))  # fmt: skip
        self.confidential.setWordWrap(True)
        self.confidential.setStyleSheet("color: #b71c1c;")
        self.list = QTreeWidget()
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        headers = [self.tr("名称"), self.tr("类型"), self.tr("大小"), self.tr("添加人"),
                   self.tr("添加时间"), self.tr("状态")]  # fmt: skip
        self.list.setHeaderLabels(headers)
        self.list.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 80), (2, 64), (3, 64), (4, 110), (5, 90)):
            self.list.setColumnWidth(column, width)
        self.list.itemDoubleClicked.connect(lambda *_a: self.open_selected())
        self.list.itemSelectionChanged.connect(self._enable)
        self.kind = kind_combo(self)
        self.add_button = QPushButton(self.tr("添加附件…"))
        self.open_button = QPushButton(self.tr("打开"))
        self.save_button = QPushButton(self.tr("另存为…"))
        self.withdraw_button = QPushButton(self.tr("撤回…"))
        self.status = QLabel(self.tr("可把文件拖到此处添加"))
        self.status.setStyleSheet("color: gray;")
        self.work = WorkBar(self)
        self.add_button.clicked.connect(lambda: self.add_files(choose_files(self)))
        self.open_button.clicked.connect(self.open_selected)
        self.save_button.clicked.connect(lambda: self.save_selected())
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("类型：")))
        bar.addWidget(self.kind)
        bar.addWidget(self.add_button)
        bar.addStretch(1)
        for button in (self.open_button, self.save_button, self.withdraw_button):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.confidential)
        layout.addLayout(bar)
        layout.addWidget(self.work)  # right under the buttons: seen even in a low pane
        layout.addWidget(self.list, 1)
        layout.addWidget(self.status)
        self.show_case(None)

    # --- the list ------------------------------------------------------------------------
    def show_case(self, case_id: int | None, confidential: bool = False) -> None:
        self.case_id = case_id
        self.confidential.setVisible(case_id is not None and confidential)
        self.reload()

    def reload(self) -> None:
        items: list[files.AttachmentInfo] = []
        if self.case_id is not None and self.ctx is not None and self.actor is not None:
            try:
                items = list(files.list_attachments(self.ctx, self.actor, self.case_id))
            except DeskError:  # no longer visible to this user: the pane says so
                items = []
        self.show_items(items)

    def show_items(self, items: list[files.AttachmentInfo]) -> None:
        self.list.clear()
        self.items = items
        for info in self.items:
            state = self.tr("已撤回") if info.withdrawn else self.tr("有效")
            if info.confidential:
                state = self.tr("{state}·保密").format(state=state)
            item = QTreeWidgetItem([info.file_name, label("attachment_kind", info.kind),
                                    human_size(info.size), info.added_by_name,
                                    fmt_dt(info.added_at), state])  # fmt: skip
            tip = self.tr("{name}\nSHA-256：{digest}").format(name=info.file_name,
                                                              digest=info.sha256)  # fmt: skip
            if info.withdrawn:
                tip += "\n" + self.tr("{who} 于 {at} 撤回：{reason}").format(
                    who=info.withdrawn_by_name, at=fmt_dt(info.withdrawn_at),
                    reason=info.withdraw_reason)  # fmt: skip
                for column in range(6):
                    item.setForeground(column, QBrush(QColor("#888888")))
            for column in range(6):
                item.setToolTip(column, tip)
            self.list.addTopLevelItem(item)
        self._enable()

    def count_in_force(self) -> int:
        return sum(1 for info in self.items if not info.withdrawn)

    def selected(self) -> files.AttachmentInfo | None:
        row = (
            self.list.indexOfTopLevelItem(self.list.currentItem())
            if self.list.currentItem()
            else -1
        )
        return self.items[row] if 0 <= row < len(self.items) else None

    def _enable(self) -> None:
        info, idle = self.selected(), not self.busy
        self.add_button.setEnabled(idle and self.case_id is not None)
        self.open_button.setEnabled(idle and info is not None and info.may_open)
        self.save_button.setEnabled(idle and info is not None and info.may_open)
        self.withdraw_button.setEnabled(idle and info is not None and info.may_withdraw)

    def _run(self, what: str, work: Callable[..., object],
             done: Callable[[Written[object]], None]) -> None:  # fmt: skip
        """Run ``work`` off the GUI thread with the bar and 取消 shown, the buttons disabled;
        ``done`` gets what it wrote (also when cancelled); a failure is shown in a box."""
        assert self.ctx is not None
        self.busy += 1
        self._enable()

        def finished(written: Written[object]) -> None:
            self._idle()
            done(written)

        def failed(exc: BaseException) -> None:
            self._idle()
            self.status.clear()
            show_error(self, exc)

        token = write_in_background(self.runner, self, self.ctx, work, finished,
                                    on_progress=self.work.progress, on_failed=failed)  # fmt: skip
        self.work.start(what, token)

    def _idle(self) -> None:
        self.busy -= 1
        self.work.finish()
        self._enable()

    # --- adding --------------------------------------------------------------------------
    def add_files(self, paths: list[Path], on_done: Callable[[], None] | None = None) -> None:
        """Store the files one after another off the GUI thread; refusals are shown."""
        if not paths or self.busy or self.case_id is None or self.ctx is None:
            return
        ctx, actor, case_id, chosen = self.ctx, self.actor, self.case_id, self.kind.currentData()
        assert actor is not None
        self.status.clear()

        def work(report: Progress, token: Token) -> tuple[int, list[str]]:
            return add_each(ctx, actor, case_id, [(p, kind_for(p, chosen)) for p in paths],
                            report, token)  # fmt: skip

        def done(written: Written[object]) -> None:
            stored, refused = written.result if not written.cancelled else (0, [])
            self.status.setText(self.tr("已添加 {n} 个附件").format(n=stored))
            if case_id == self.case_id and stored:
                self.reload()
                self.changed.emit()
            if refused:
                QMessageBox.warning(
                    self, self.tr("附件未添加"), "\n\n".join(render(m) for m in refused)
                )
            if on_done is not None:
                on_done()

        self._run(self.tr("正在添加 {n} 个文件…").format(n=len(paths)), work, done)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if self.case_id is not None and not self.busy and dropped_files(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        paths = dropped_files(event)
        if paths:
            event.acceptProposedAction()
            self.add_files(paths)

    # --- opening, saving, withdrawing ---------------------------------------------------
    def open_selected(self) -> None:
        """Inside the desk for images, PDF, text and recordings; else the system's program
        after a warning. The bytes are fetched off the GUI thread; ``opened`` then carries the
        preview shown (or the temporary copy handed over)."""
        info = self.selected()
        if info is None or self.busy or self.ctx is None or self.actor is None:
            return
        if not shown_inside(info):
            answer = QMessageBox.warning(
                self, self.tr("用系统程序打开"),
                self.tr("“{name}”（{type}）将复制到临时文件夹，用本机关联的程序打开。\n"
                        "来自外部的文档可能含有宏或有害内容，请确认来源可信后再打开。是否继续？"
                        ).format(name=info.file_name, type=info.extension.upper()),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )  # fmt: skip
            if answer != QMessageBox.StandardButton.Yes:
                return
        purpose = (
            "system" if not shown_inside(info) else "play" if info.extension in AUDIO else "preview"
        )
        ctx, actor = self.ctx, self.actor

        def work(token: Token) -> Loaded:
            return loaded(files.open_attachment(ctx, actor, info.id, purpose, token=token), purpose)

        def done(written: Written[object]) -> None:
            ready = written.result
            if written.cancelled or not isinstance(ready, Loaded):
                self.status.setText(self.tr("已取消打开"))
                return
            self.status.clear()
            if purpose == "system":
                assert ready.copy is not None
                self.opened.emit(open_with_system(ready.copy))
                return
            preview = AttachmentPreview(ready, self.save_selected, self)
            preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            preview.show()
            self.opened.emit(preview)

        self._run(self.tr("正在打开 {name}…").format(name=info.file_name), work, done)

    def save_selected(self, info: files.AttachmentInfo | None = None) -> None:
        """Ask where, then write the file there off the GUI thread; ``saved`` carries the path."""
        info = info or self.selected()
        if info is None or self.busy or self.ctx is None or self.actor is None:
            return
        name, _filter = QFileDialog.getSaveFileName(self, self.tr("附件另存为"), info.file_name)
        if not name:
            return
        ctx, actor, out, attachment_id = self.ctx, self.actor, Path(name), info.id

        def work(report: Progress, token: Token) -> Path:
            return files.save_attachment(ctx, actor, attachment_id, out, report=report,
                                         token=token)  # fmt: skip

        def done(written: Written[object]) -> None:
            if written.cancelled:
                self.status.setText(self.tr("已取消另存为，未留下文件"))
                return
            self.status.setText(self.tr("已另存为 {path}").format(path=name))
            self.saved.emit(written.result)

        self._run(self.tr("正在另存为 {path}…").format(path=name), work, done)

    def withdraw_selected(self) -> bool:
        info = self.selected()
        if info is None or self.ctx is None or self.actor is None:
            return False
        dialog = WithdrawDialog(info, self)
        ctx, actor = self.ctx, self.actor
        while dialog.exec():
            reason = dialog.reason.toPlainText()
            written = write(dialog, ctx,
                            lambda r=reason: files.withdraw_attachment(ctx, actor, info.id, r),
                            field_errors=into_labels({"reason": dialog.error}, "reason"),
                            on_refused=dialog.discard)  # fmt: skip
            if written is not None:
                self.reload()
                self.changed.emit()
                return True
        return False
