"""The 事项分类 picker: an editable combo over the 派单目录 that finds a topic by its name,
code, keyword or pinyin ("停电", "DLBZ", "tdian", "dlbz") and says why each one matched.

Typing shows the matches in a list; Enter takes the highlighted one (the first unless the
clerk moved), a click takes any. Leaving the field with exactly one match takes that one and
writes its name in the field, so what is saved is what is shown; the hint beside the field
names the topic taken and why, or how many match.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QLabel, QWidget

from hotline_desk.gui.common.topic_match import TopicEntry, TopicMatch, match_topics
from hotline_desk.services.dto import TopicInfo

NAME_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
WHY_ROLE = Qt.ItemDataRole.UserRole + 3


class TopicCombo(QComboBox):
    """Editable combo over the 派单目录; ``hint`` is a label to place beside it."""

    def __init__(self, topics: list[TopicInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._topics = {t.id: t for t in topics}
        self._entries = [TopicEntry(t.id, t.code, t.name, tuple(t.keywords.split()))
                         for t in topics]  # fmt: skip
        self._why = ""
        for t in topics:
            self.addItem(t.name, t.id)
            tip = self.tr("{topic}：{keywords}（主办：{unit}）").format(
                topic=t.name, keywords=t.keywords, unit=t.lead_unit_name
            )
            self.setItemData(self.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        self.matches = QStandardItemModel(self)
        completer = QCompleter(self.matches, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCompletionRole(NAME_ROLE)
        completer.setMaxVisibleItems(8)
        self.setCompleter(completer)
        completer.activated[QModelIndex].connect(self._activated)
        completer.popup().installEventFilter(self)  # after the completer's own: runs first
        self.hint = QLabel()
        self.hint.setStyleSheet("color: gray;")
        self.lineEdit().setPlaceholderText(
            self.tr("输入名称、代码、关键字或拼音首字母，如“停电”“tdian”")
        )
        self.lineEdit().textEdited.connect(self._refill)
        self.lineEdit().editingFinished.connect(self.resolve)
        self.currentIndexChanged.connect(self._show_hint)
        self.setCurrentIndex(-1)

    # --- matching ----------------------------------------------------------------------------
    def _refill(self, text: str) -> None:
        """The list of matches for what is typed (QLineEdit then pops it up)."""
        self._why = ""
        self.matches.clear()
        found = match_topics(text, self._entries) if text.strip() else []
        for m in found:
            self.matches.appendRow(self._item(m))
        if not text.strip():
            self.hint.clear()
        elif not found:
            self.hint.setText(self.tr("没有匹配的分类：可输入名称、代码、关键字或拼音首字母"))
        elif len(found) == 1 and found[0].name == text.strip():
            self._show_hint()
        else:
            self.hint.setText(self.tr("{count} 项匹配：↓ 选择,Enter 取第一项").format(
                count=len(found)))  # fmt: skip

    def _item(self, m: TopicMatch) -> QStandardItem:
        topic = self._topics[m.id]
        why = self._why_text(m)
        text = f"{m.name}  ·  {why}" if why else m.name
        item = QStandardItem(self.tr("{text}（主办：{unit}）").format(
            text=text, unit=topic.lead_unit_name))  # fmt: skip
        item.setData(m.name, NAME_ROLE)
        item.setData(m.id, ID_ROLE)
        item.setData(why, WHY_ROLE)
        item.setEditable(False)
        return item

    def _why_text(self, m: TopicMatch) -> str:
        texts = {
            "code": self.tr("代码 {word}"),
            "keyword": self.tr("关键字“{word}”"),
            "pinyin": self.tr("拼音 {word}"),
            "pinyin_keyword": self.tr("拼音 → 关键字“{word}”"),
        }
        return texts[m.why].format(word=m.word) if m.why in texts else ""

    def candidates(self) -> list[str]:
        """The names in the list of matches, best first (what the popup shows)."""
        return [self.matches.item(r).data(NAME_ROLE) for r in range(self.matches.rowCount())]

    def _take_row(self, row: int) -> None:
        item = self.matches.item(row)
        self._take(int(item.data(ID_ROLE)), str(item.data(WHY_ROLE) or ""))

    def _take(self, topic_id: int, why: str) -> None:
        self.completer().popup().hide()
        self.setCurrentIndex(self.findData(topic_id))
        self.lineEdit().setText(self._topics[topic_id].name)
        self._why = why
        self._show_hint()

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid() and index.data(ID_ROLE) is not None:
            self._take(int(index.data(ID_ROLE)), str(index.data(WHY_ROLE) or ""))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the open list takes the highlighted match, or the first."""
        popup = self.completer().popup()
        if (watched is popup and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and self.matches.rowCount()):  # fmt: skip
            current = popup.currentIndex()
            self._take_row(current.row() if current.isValid() else 0)
            return True
        return super().eventFilter(watched, event)

    def resolve(self) -> None:
        """Take the one topic the typed text matches, visibly; leave anything else as typed."""
        text = self.currentText().strip()
        if not text:
            return
        exact = [t for t in self._topics.values() if t.name == text]
        if exact:
            if self.currentData() != exact[0].id:
                self.setCurrentIndex(self.findData(exact[0].id))
            return
        found = match_topics(text, self._entries)
        if len(found) == 1:
            self._take(found[0].id, self._why_text(found[0]))

    def _show_hint(self, *_args: object) -> None:
        topic = self._topics.get(self.topic_id() or -1)
        if topic is None:
            return
        text = self.tr("主办：{unit}").format(unit=topic.lead_unit_name)
        if self._why:
            text = self.tr("按{why}选中 · {rest}").format(why=self._why, rest=text)
        self.hint.setText(text)

    # --- value -------------------------------------------------------------------------------
    def topic_id(self) -> int | None:
        """The topic whose name is in the field; None for anything else (never a guess)."""
        text = self.currentText().strip()
        for t in self._topics.values():
            if t.name == text:
                return t.id
        return None

    def set_topic(self, topic_id: int | None) -> None:
        self._why = ""
        self.setCurrentIndex(self.findData(topic_id) if topic_id is not None else -1)
        if topic_id is None:
            self.lineEdit().clear()
            self.hint.clear()
