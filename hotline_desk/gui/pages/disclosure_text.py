"""The text pane of the 政务公开 review: one letter's title, content and reply, every replacement
highlighted in its kind's colour (a reviewer's own ones underlined, kept ones struck through
on white), with a tooltip naming the kind and the mark; or, toggled, the texts as published.
It answers which replacement is under the cursor and which text is selected."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QColor, QFont, QHelpEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit, QToolTip, QWidget

from hotline_desk.domain.privacy.disclosure import Span
from hotline_desk.domain.privacy.findings import Kind
from hotline_desk.services.output.disclosure import LetterReview

KIND_COLOURS: dict[Kind, str] = {
    Kind.NAME: "#FFE08A",
    Kind.ADDRESS: "#B7E1CD",
    Kind.PHONE: "#BDD7EE",
    Kind.ID_NUMBER: "#F4B6C2",
    Kind.PLATE: "#D9C3E9",
    Kind.EMAIL: "#FCD5B4",
    Kind.BANK_CARD: "#D0D0D0",
}
KIND_NAMES: dict[Kind, str] = {
    Kind.NAME: QT_TRANSLATE_NOOP("DisclosureReview", "姓名"),
    Kind.ADDRESS: QT_TRANSLATE_NOOP("DisclosureReview", "地址"),
    Kind.PHONE: QT_TRANSLATE_NOOP("DisclosureReview", "电话"),
    Kind.ID_NUMBER: QT_TRANSLATE_NOOP("DisclosureReview", "证件号码"),
    Kind.PLATE: QT_TRANSLATE_NOOP("DisclosureReview", "车牌"),
    Kind.EMAIL: QT_TRANSLATE_NOOP("DisclosureReview", "电子邮箱"),
    Kind.BANK_CARD: QT_TRANSLATE_NOOP("DisclosureReview", "银行卡号"),
}
FIELD_NAMES = {
    "title": QT_TRANSLATE_NOOP("DisclosureReview", "标题"),
    "content": QT_TRANSLATE_NOOP("DisclosureReview", "来信内容"),
    "reply_text": QT_TRANSLATE_NOOP("DisclosureReview", "答复内容"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate("DisclosureReview", text)


def kind_name(kind: Kind | None) -> str:
    return _t(KIND_NAMES[kind]) if kind is not None else ""


@dataclass(frozen=True)
class Place:
    """Where a replacement stands in the pane's document."""

    start: int
    end: int
    field: str
    span: Span


class LetterText(QTextEdit):
    """Read-only, selectable; ``show_letter`` fills it, ``published`` toggles the form."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.places: list[Place] = []
        self.bodies: list[tuple[int, int, str]] = []  # (start, end, field) of each text
        self.published = False
        self.letter: LetterReview | None = None
        self.viewport().installEventFilter(self)

    def show_letter(self, letter: LetterReview | None, published: bool | None = None) -> None:
        if published is not None:
            self.published = published
        self.letter = letter
        self.places, self.bodies = [], []
        self.clear()
        if letter is None:
            return
        cursor = QTextCursor(self.document())
        heading = QTextCharFormat()
        heading.setFontWeight(QFont.Weight.Bold)
        heading.setForeground(QColor("#1F4E79"))
        for n, text in enumerate(letter.texts):
            if n:
                cursor.insertBlock()
            label = _t(FIELD_NAMES.get(text.field, text.label))
            cursor.insertText(self.tr("【{field}】").format(field=label), heading)
            cursor.insertBlock()
            start = cursor.position()
            self._insert(cursor, text.field, text.original, text.spans)
            self.bodies.append((start, cursor.position(), text.field))
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def _insert(self, cursor: QTextCursor, field: str, text: str, spans: tuple[Span, ...]) -> None:
        plain = QTextCharFormat()
        at = 0
        for span in spans:
            if span.start < at:
                continue
            cursor.insertText(text[at : span.start], plain)
            shown = span.found if (span.kept or not self.published) else span.mark
            begin = cursor.position()
            cursor.insertText(shown, self._format(span))
            self.places.append(Place(begin, cursor.position(), field, span))
            at = span.end
        cursor.insertText(text[at:], plain)

    def _format(self, span: Span) -> QTextCharFormat:
        fmt = QTextCharFormat()
        if span.kept:
            fmt.setFontStrikeOut(not self.published)
            fmt.setForeground(QColor("#7F7F7F") if not self.published else QColor("#000000"))
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        else:
            fmt.setBackground(QColor(KIND_COLOURS.get(span.kind, "#FFE08A")))
            if span.added:
                fmt.setFontUnderline(True)
        return fmt

    def place_at(self, position: int) -> Place | None:
        """The replacement at a document position (its first to last character)."""
        return next((p for p in self.places if p.start <= position < p.end), None)

    def current_place(self) -> Place | None:
        cursor = self.textCursor()
        if cursor.hasSelection():
            return self.place_at(cursor.selectionStart())
        return self.place_at(cursor.position()) or self.place_at(cursor.position() - 1)

    def selection(self) -> str | None:
        """The selected text when it lies inside one text as written (not in the published
        form, where marks stand for the original)."""
        cursor = self.textCursor()
        if self.published or not cursor.hasSelection():
            return None
        a, b = cursor.selectionStart(), cursor.selectionEnd()
        if not any(s <= a and b <= e for s, e, _f in self.bodies):
            return None
        text = cursor.selectedText().replace("\u2029", "\n")
        return text if text.strip() else None

    def select_text(self, text: str, field: str = "content") -> bool:
        """Select the first ``text`` of ``field`` (for tests and the screenshot)."""
        for start, end, name in self.bodies:
            if name != field:
                continue
            at = self.toPlainText().find(text, start, end)
            if at >= 0:
                cursor = self.textCursor()
                cursor.setPosition(at)
                cursor.setPosition(at + len(text), QTextCursor.MoveMode.KeepAnchor)
                self.setTextCursor(cursor)
                return True
        return False

    def tooltip_for(self, place: Place) -> str:
        span = place.span
        if span.kept:
            return QCoreApplication.translate(
                "DisclosureReview", "{kind}：已保留原文（检测为“{mark}”）"
            ).format(kind=kind_name(span.kind), mark=span.mark)
        who = self.tr("审核人添加") if span.added else self.tr("自动检测")
        return QCoreApplication.translate(
            "DisclosureReview", "{kind}（{who}）：公开时写作“{mark}”"
        ).format(kind=kind_name(span.kind), who=who, mark=span.mark)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.viewport() and event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            place = self.place_at(self.cursorForPosition(event.pos()).position())
            if place is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip_for(place), self)
            return True
        return super().eventFilter(watched, event)
