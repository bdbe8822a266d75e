"""Showing one attachment inside the desk: an image scaled to the window (QLabel/QPixmap), a PDF
in QtPdf's view, plain text, or a call recording played with QtMultimedia; and, for any other
type, the system's own program on a temporary copy after a warning.

What can be shown inside is decided from the type the content was judged to be when it was
stored (``AttachmentInfo.extension``), never from the file's name. The bytes come from
``files.open_attachment`` (which audits the open) before this window exists, read off the GUI
thread together with what showing them needs (``loaded``: an image decoded into a ``QImage``, a
recording or a file for the system's program written to its temporary copy), so a large file
never holds up the window.

QtMultimedia is loaded only when a recording is opened, and a desk without an audio output
(a terminal server, the offscreen test platform) gets a line saying so instead of a player.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hotline_desk.gui.common.fit import fit_to_screen
from hotline_desk.gui.common.words import label
from hotline_desk.services.attachments.content import AUDIO, IMAGES, human_size
from hotline_desk.services.attachments.files import AttachmentInfo, OpenedFile

INSIDE = IMAGES | AUDIO | {"pdf", "txt"}
"""Types the desk shows itself; anything else goes to the system's program."""


def shown_inside(info: AttachmentInfo) -> bool:
    return info.extension in INSIDE


def temp_copy(opened: OpenedFile) -> Path:
    """The file written to a fresh temporary folder under its own name (the system program
    and the media player read it from there)."""
    folder = Path(tempfile.mkdtemp(prefix="hotline-attachment-"))
    name = Path(opened.info.file_name).name or "attachment"
    if not name.lower().endswith("." + opened.info.extension):
        name = f"{name}.{opened.info.extension}"
    path = folder / name
    path.write_bytes(opened.content)
    return path


@dataclass(frozen=True)
class Loaded:
    """An opened file with what showing it needs, prepared off the GUI thread."""

    opened: OpenedFile
    image: QImage | None = None  # an image decoded (None: not an image, or not decodable)
    copy: Path | None = None  # the temporary copy: a recording, or a file for the system


def loaded(opened: OpenedFile, purpose: str) -> Loaded:
    """Prepare ``opened`` for ``purpose`` (``files.PURPOSES``); safe on a worker thread."""
    ext = opened.info.extension
    if purpose == "system" or ext in AUDIO:
        return Loaded(opened, copy=temp_copy(opened))
    if ext in IMAGES:
        image = QImage.fromData(opened.content)
        return Loaded(opened, image=None if image.isNull() else image)
    return Loaded(opened)


def open_with_system(path: Path) -> Path:
    """Hand a temporary copy to the program the system associates with its type."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
    return path


class ImageView(QScrollArea):
    """An image scaled to fit the window, keeping its proportions (never enlarged)."""

    def __init__(self, pixmap: QPixmap, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pixmap = pixmap
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWidget(self.label)
        self.setWidgetResizable(True)
        self._scale()

    def _scale(self) -> None:
        room = self.viewport().size()
        shown = self.pixmap
        if shown.width() > room.width() or shown.height() > room.height():
            shown = shown.scaled(room, Qt.AspectRatioMode.KeepAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)  # fmt: skip
        self.label.setPixmap(shown)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._scale()


class AudioPlayer(QWidget):
    """Play / pause / stop for a recording; a line instead when there is no audio output."""

    def __init__(self, copy: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.player = None
        self.state = QLabel()
        layout = QHBoxLayout(self)
        try:
            from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer

            if not QMediaDevices.audioOutputs():
                raise RuntimeError("no audio output")
            self.output = QAudioOutput(self)
            self.player = QMediaPlayer(self)
            self.player.setAudioOutput(self.output)
            self.player.setSource(QUrl.fromLocalFile(str(copy)))
        except Exception:  # noqa: BLE001 - no multimedia backend or no device: say so
            self.player = None
            self.state.setText(
                self.tr("本机没有可用的音频输出设备，无法播放；可“另存为…”后用其他设备播放。")
            )
            self.state.setWordWrap(True)
            layout.addWidget(self.state, 1)
            return
        self.play_button = QPushButton(self.tr("播放"))
        self.pause_button = QPushButton(self.tr("暂停"))
        self.stop_button = QPushButton(self.tr("停止"))
        self.play_button.clicked.connect(self.player.play)
        self.pause_button.clicked.connect(self.player.pause)
        self.stop_button.clicked.connect(self.player.stop)
        for button in (self.play_button, self.pause_button, self.stop_button):
            layout.addWidget(button)
        layout.addWidget(self.state, 1)
        self.player.positionChanged.connect(self._position)

    def _position(self, ms: int) -> None:
        total = self.player.duration() if self.player is not None else 0
        self.state.setText(f"{ms // 60000}:{ms // 1000 % 60:02d} / "
                           f"{total // 60000}:{total // 1000 % 60:02d}")  # fmt: skip

    def stop(self) -> None:
        if self.player is not None:
            self.player.stop()


class AttachmentPreview(QDialog):
    """One attachment shown inside the desk; 另存为… hands it to the tab's save."""

    def __init__(
        self,
        opened: OpenedFile | Loaded,
        save: Callable[[AttachmentInfo], object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if isinstance(opened, OpenedFile):  # a small file at hand (the screenshots): here
            opened = loaded(opened, "preview")
        info = opened.opened.info
        self.setWindowTitle(self.tr("附件：{name}").format(name=info.file_name))
        self.audio: AudioPlayer | None = None
        self._pdf_buffer: QBuffer | None = None
        heading = QLabel(
            self.tr("{kind}  {type}  {size}  {who} 添加于 {at}").format(
                kind=label("attachment_kind", info.kind), type=info.extension.upper(),
                size=human_size(info.size), who=info.added_by_name,
                at=info.added_at.strftime("%Y-%m-%d %H:%M"),
            )
        )  # fmt: skip
        heading.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        if info.withdrawn:
            withdrawn = QLabel(
                self.tr("此附件已撤回：{reason}").format(reason=info.withdraw_reason)
            )
            withdrawn.setStyleSheet("color: #b71c1c;")
            layout.addWidget(withdrawn)
        self.body = self._body(opened)
        layout.addWidget(self.body, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)
        if save is not None:
            save_button = buttons.addButton(
                self.tr("另存为…"), QDialogButtonBox.ButtonRole.ActionRole
            )
            save_button.setAutoDefault(False)
            save_button.clicked.connect(lambda: save(info))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        big = info.extension in IMAGES or info.extension == "pdf"
        fit_to_screen(self, 900 if big else 560, 700 if big else 220 if self.audio else 480)

    def _body(self, ready: Loaded) -> QWidget:
        opened = ready.opened
        ext = opened.info.extension
        if ext in IMAGES:
            if ready.image is not None:
                return ImageView(QPixmap.fromImage(ready.image), self)
            return QLabel(self.tr("本机无法显示此图片格式（{type}），请“另存为…”后查看。").format(
                type=ext.upper()))  # fmt: skip
        if ext == "pdf":
            from PySide6.QtPdf import QPdfDocument
            from PySide6.QtPdfWidgets import QPdfView

            self._pdf_buffer = QBuffer(self)
            self._pdf_buffer.setData(QByteArray(opened.content))
            self._pdf_buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            self.document = QPdfDocument(self)
            self.document.load(self._pdf_buffer)
            view = QPdfView(self)
            view.setDocument(self.document)
            view.setPageMode(QPdfView.PageMode.MultiPage)
            view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            return view
        if ext in AUDIO:
            self.audio = AudioPlayer(ready.copy or temp_copy(opened), self)
            return self.audio
        text = QPlainTextEdit()
        text.setReadOnly(True)
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text.setPlainText(opened.content.decode(encoding))
                break
            except UnicodeDecodeError:
                continue
        return text

    def done(self, result: int) -> None:
        if self.audio is not None:
            self.audio.stop()
        super().done(result)
