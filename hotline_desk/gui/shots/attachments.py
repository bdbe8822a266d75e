"""Offscreen pictures of a case's files for ``hotline-desk screenshots``: the desk's main window
with a case open on its 附件 tab (a scanned letter, photos, a call recording, a withdrawn file;
the case's own caller data untouched), the same tab while a recording is saved elsewhere (the
progress line with 取消, the buttons waiting), and a site photo previewed inside the desk.

Nothing is written to the database: the list and the photo are built in memory (the photo is
drawn with QPainter) and shown through the same widgets the desk uses.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QLinearGradient, QPainter, QPolygonF

from hotline_desk.gui.cases.attachment_preview import AttachmentPreview
from hotline_desk.gui.common.tasks import CancelToken
from hotline_desk.gui.shots.helpers import grab, save
from hotline_desk.services.attachments.files import AttachmentInfo, OpenedFile
from hotline_desk.services.cases import queries
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseDetail, CaseFilter

if TYPE_CHECKING:
    from hotline_desk.gui.shell.main_window import MainWindow


def site_photo(width: int = 1600, height: int = 1200) -> bytes:
    """A drawn "photo" of a road works site at dusk, as a JPEG."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    sky = QLinearGradient(0, 0, 0, height * 0.55)
    sky.setColorAt(0, QColor("#36507a"))
    sky.setColorAt(1, QColor("#e9a86a"))
    p.fillRect(QRectF(0, 0, width, height * 0.55), sky)
    p.fillRect(QRectF(0, height * 0.55, width, height * 0.45), QColor("#5b5f63"))
    for i, (x, h) in enumerate(((80, 380), (330, 470), (620, 300), (1180, 420), (1420, 340))):
        p.fillRect(QRectF(x, height * 0.55 - h, 200, h), QColor("#2d3440" if i % 2 else "#39414f"))
        for row in range(int(h // 60)):
            p.fillRect(QRectF(x + 30, height * 0.55 - h + 25 + row * 60, 40, 28), QColor("#f6d58e"))
    road = QPolygonF([QPointF(width * 0.42, height * 0.55), QPointF(width * 0.58, height * 0.55),
                      QPointF(width * 0.9, height), QPointF(width * 0.1, height)])  # fmt: skip
    p.setBrush(QColor("#46494d"))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawPolygon(road)
    for k in range(6):  # the barriers of the works
        x = width * (0.3 + 0.08 * k)
        p.fillRect(QRectF(x, height * 0.72, 90, 46), QColor("#f2f2f2"))
        p.fillRect(QRectF(x + 10, height * 0.72, 22, 46), QColor("#d9342b"))
        p.fillRect(QRectF(x + 55, height * 0.72, 22, 46), QColor("#d9342b"))
    p.setBrush(QColor("#f0b400"))  # an excavator
    p.drawRect(QRectF(width * 0.62, height * 0.6, 260, 120))
    p.drawRect(QRectF(width * 0.66, height * 0.5, 30, 120))
    p.setPen(QColor("#ffffff"))
    font = QFont()
    font.setPixelSize(44)
    p.setFont(font)
    p.drawText(QRectF(40, height - 90, width - 80, 60), Qt.AlignmentFlag.AlignRight,
               "2026-11-19 22:47")  # fmt: skip
    p.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPG", 85)
    return bytes(data)


def _files(case: CaseDetail, desk: Actor, photo: bytes) -> list[AttachmentInfo]:
    at = case.received_at
    name = desk.display_name

    def info(i: int, kind: str, file_name: str, ext: str, mime: str, size: int, minutes: int,
             withdrawn: str = "") -> AttachmentInfo:  # fmt: skip
        when = at + timedelta(minutes=minutes)
        return AttachmentInfo(
            i, case.id, case.case_no, kind, file_name, ext, mime, size, f"{i:064x}", when, name,
            when + timedelta(minutes=30) if withdrawn else None, name if withdrawn else "",
            withdrawn, case.confidential, True, not withdrawn,
        )  # fmt: skip

    names = [
        QCoreApplication.translate("attachment_shots", "来信扫描件（第1-3页）.pdf"),
        QCoreApplication.translate("attachment_shots", "东门外道路夜间施工现场.jpg"),
        QCoreApplication.translate("attachment_shots", "施工公告照片.jpg"),
        QCoreApplication.translate("attachment_shots", "来电录音 20261120-0932.mp3"),
        QCoreApplication.translate("attachment_shots", "施工时间调整通知.docx"),
    ]
    wrong = QCoreApplication.translate("attachment_shots", "照片拍错了案件")
    docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return [
        info(1, "letter_scan", names[0], "pdf", "application/pdf", 1_843_200, 3),
        info(2, "photo", names[1], "jpg", "image/jpeg", len(photo), 4),
        info(3, "photo", names[2], "jpg", "image/jpeg", 2_310_144, 4, wrong),
        info(4, "recording", names[3], "mp3", "audio/mpeg", 3_276_800, 6),
        info(5, "closing_material", names[4], "docx", docx, 48_640, 60 * 26),
    ]


def render_attachment_shots(ctx: ServiceContext, out: Path, window: MainWindow,
                            desk: Actor) -> list[Path]:  # fmt: skip
    """``window`` is the desk's main window; a case in progress is opened on its 附件 tab."""
    rows = queries.list_cases(ctx, desk, CaseFilter(statuses=("in_progress",)), limit=1).rows
    if not rows or window.detail is None:
        return []
    window.show_page("cases")
    window.open_case(rows[0].id)
    detail = window.detail
    case = detail.case
    assert case is not None
    photo = site_photo()
    listed = _files(case, desk, photo)
    view = detail.attachments
    view.show_items(listed)
    detail.tabs.setCurrentWidget(view)
    title = QCoreApplication.translate("CaseDetailPanel", "附件（{n}）").format(n=4)
    detail.tabs.setTabText(detail.tabs.indexOf(view), title)
    view.list.setCurrentItem(view.list.topLevelItem(1))
    shots = [save(window, out, "case_attachments")]
    # a large recording being saved elsewhere off the GUI thread: the bar, 取消, buttons waiting
    view.busy += 1
    view._enable()
    view.work.start(QCoreApplication.translate("AttachmentsView", "正在另存为 {path}…").format(
        path=f"D:/hotline/{listed[3].file_name}"), CancelToken())  # fmt: skip
    view.work.progress(4 * 1024 * 1024, 10 * 1024 * 1024)
    shots.append(save(window, out, "case_attachments_saving"))
    view.busy -= 1
    view.work.finish()
    view._enable()
    preview = AttachmentPreview(OpenedFile(listed[1], photo), lambda _info: None, window)
    shots.append(grab(preview, out / "attachment_preview.png"))
    view.reload()  # the case's real list again
    return shots
