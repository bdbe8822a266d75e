"""Lazy table model of the case list: pages are fetched in the background by keyset, on
demand as the view scrolls; the true total comes from a separate COUNT."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from html import escape
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from hotline_desk.domain.enums.intake import Urgency
from hotline_desk.gui.common.tasks import CancelToken, TaskRunner, run_later
from hotline_desk.gui.common.words import fmt_dt, label
from hotline_desk.services.dto import CaseFilter, CasePage, CaseSort, CaseSummary, Snippet

# (attribute, header, sortable column name or None); headers are translated when shown
COLUMNS: list[tuple[str, str, str | None]] = [
    ("case_no", QT_TRANSLATE_NOOP("CaseTableModel", "办件编号"), "case_no"),
    ("received_at", QT_TRANSLATE_NOOP("CaseTableModel", "受理时间"), "received_at"),
    ("channel", QT_TRANSLATE_NOOP("CaseTableModel", "来源渠道"), None),
    ("category", QT_TRANSLATE_NOOP("CaseTableModel", "诉求类型"), None),
    ("title", QT_TRANSLATE_NOOP("CaseTableModel", "标题"), None),
    ("caller_name", QT_TRANSLATE_NOOP("CaseTableModel", "来电人"), None),
    ("caller_phone", QT_TRANSLATE_NOOP("CaseTableModel", "联系电话"), None),
    ("topic_name", QT_TRANSLATE_NOOP("CaseTableModel", "事项分类"), None),
    ("lead_unit_name", QT_TRANSLATE_NOOP("CaseTableModel", "主办科室"), None),
    ("urgency", QT_TRANSLATE_NOOP("CaseTableModel", "紧急程度"), None),
    ("status", QT_TRANSLATE_NOOP("CaseTableModel", "状态"), None),
    ("snippet", QT_TRANSLATE_NOOP("CaseTableModel", "匹配内容"), None),
]
SNIPPET_COLUMN = len(COLUMNS) - 1
AFTER_ROWS_MS = 100
"""What waits for a list's first rows (the 我的待办 counts, the deadline alerts) starts this long
after they arrived: the rows are painted first (the start's clerk waits for them)."""
HTML_ROLE = Qt.ItemDataRole.UserRole + 1
"""The snippet with its match marked, as rich text (``SnippetDelegate`` paints it)."""
LABELLED = {"channel", "category", "urgency", "status"}  # columns showing enum labels

Progress = Callable[[int, int], None]
PageFetcher = Callable[[CaseFilter, CaseSort, tuple[Any, int] | None, Progress], CasePage]
Counter = Callable[[CaseFilter], int]
Explainer = Callable[[CaseFilter], object]
SnippetFetcher = Callable[[tuple[int, ...], str], dict[int, Snippet]]
"""Where a search matched in the given cases (``queries.case_snippets``), asked after a page
of rows fetched without them has been painted."""
"""Why a filter found nothing (``services/search/service.NoHit``), or None."""


def field_label(snippet: Snippet) -> str:
    """The snippet's field as a lead-in (标题：, 诉求内容：)."""
    field = QCoreApplication.translate("domain", snippet.field)
    return QCoreApplication.translate("CaseTableModel", "{field}：").format(field=field)


CELL_LEAD = 8
"""Characters of context kept before the match in the list's cell (the tooltip has them all):
the match stays in view in a narrow column."""


def snippet_html(snippet: Snippet, lead: int | None = None) -> str:
    """The snippet as rich text: its field, then the text with the match highlighted; with
    ``lead``, at most that many characters before the match."""
    before = snippet.before
    if lead is not None and len(before) > lead:
        before = "…" + before[-lead:]
    parts = (escape(before), escape(snippet.match), escape(snippet.after))
    return (
        f"<span style='color:#666'>{escape(field_label(snippet))}</span>{parts[0]}"
        f"<span style='background:#ffe082;font-weight:bold'>{parts[1]}</span>{parts[2]}"
    )


class CaseTableModel(QAbstractTableModel):
    pageLoaded = Signal(int)  # rows now held
    totalCounted = Signal(int)
    loadFailed = Signal(object)
    scanProgress = Signal(int, int)  # a scanning search's (done, total)
    explained = Signal(object)  # why nothing was found (NoHit) or None

    def __init__(
        self,
        fetch: PageFetcher,
        count: Counter | None,
        runner: TaskRunner,
        explain: Explainer | None = None,
        snippets: SnippetFetcher | None = None,
    ) -> None:
        super().__init__()
        self._fetch, self._count, self._runner = fetch, count, runner
        self._explain = explain
        self._snippets = snippets
        self.reason: object = None
        self.scanning = False
        self.stopped = False
        self._rows: list[CaseSummary] = []
        self._cursor: tuple[Any, int] | None = None
        self._exhausted = True
        self._loading = False
        self._generation = 0
        self._tokens: list[CancelToken] = []
        self.filter = CaseFilter()
        self.sort_key = CaseSort()
        self.total: int | None = None

    # --- queries -------------------------------------------------------------------------
    def set_query(self, flt: CaseFilter, sort: CaseSort | None = None) -> None:
        """Start over with a new filter/sort: clear, fetch the first page and count."""
        for token in self._tokens:
            token.cancel()
        self._tokens.clear()
        self._generation += 1
        self.filter = flt
        if sort is not None:
            self.sort_key = sort
        self.beginResetModel()
        self._rows, self._cursor, self._exhausted, self._loading = [], None, False, False
        self.total, self.reason, self.stopped = None, None, False
        self.endResetModel()
        self._load_page()
        gen, flt_now, count = self._generation, self.filter, self._count
        if count is None:  # the page tells the total itself (``set_total``)
            return
        # The worker's callable must not hold the model: its last reference could then go in
        # the worker thread, and PySide6 deletes such objects later at an unsafe moment.
        self._tokens.append(
            self._runner.run(
                lambda: count(flt_now),
                lambda n: self._counted(gen, n),
                self._failed,
            )
        )

    def once_loaded(self, fn: Callable[[], None]) -> None:
        """``fn()`` once, when the page being fetched has arrived (or failed), or now when none
        is: what the window does after its first rows (their queries go first at the start)."""
        if not self._loading:
            fn()
            return
        pending = [fn]

        def run(*_args: object) -> None:
            if pending:
                pending.pop()()

        self.pageLoaded.connect(run)
        self.loadFailed.connect(run)

    def after_rows(self, context: QObject, fn: Callable[[], None],
                   ms: int = AFTER_ROWS_MS) -> None:  # fmt: skip
        """``fn()`` ``ms`` after the page being fetched has arrived (or failed): the rows are
        painted first, then what can wait for them (counts, alerts, the detail's widgets)
        starts. Not once ``context`` is gone, nor after its window stopped its timers."""

        def later() -> None:
            if shiboken6.isValid(context):
                run_later(context, ms, fn)

        self.once_loaded(later)

    def refresh(self) -> None:
        if not shiboken6.isValid(self._runner):
            return  # the page that ran this list is gone (its window deleted): nothing to show
        self.set_query(self.filter, self.sort_key)

    def _load_page(self) -> None:
        if self._loading or self._exhausted:
            return
        self._loading = True
        gen, flt, sort, after = self._generation, self.filter, self.sort_key, self._cursor
        fetch = self._fetch

        def job(report: Progress, token: CancelToken) -> CasePage:
            def progress(done: int, total: int) -> None:
                token.check()  # 停止检索: the service stops at its next stretch
                report(done, total)

            return fetch(flt, sort, after, progress)

        self._tokens.append(
            self._runner.run(
                job,
                lambda page: self._page_arrived(gen, page),
                self._failed,
                lambda done, total: self._scanned(gen, done, total),
            )
        )

    def _scanned(self, gen: int, done: int, total: int) -> None:
        if gen == self._generation and self._loading:
            self.scanning = done < total
            self.scanProgress.emit(done, total)

    def stop(self) -> None:
        """Stop a running search (its page and its count); the rows found so far stay."""
        for token in self._tokens:
            token.cancel()
        self._tokens.clear()
        self._generation += 1
        self._loading = self.scanning = False
        self._exhausted, self.stopped = True, True
        self.pageLoaded.emit(len(self._rows))

    def _page_arrived(self, gen: int, page: CasePage) -> None:
        if gen != self._generation:
            return
        self._loading = self.scanning = False
        if page.rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self._rows.extend(page.rows)
            self.endInsertRows()
        self._cursor = page.cursor
        self._exhausted = page.cursor is None
        self.pageLoaded.emit(len(self._rows))
        if page.rows and self._snippets is not None and self.filter.text.strip():
            self._ask_snippets(gen, len(self._rows) - len(page.rows), page.rows)

    def _ask_snippets(self, gen: int, first: int, rows: tuple[CaseSummary, ...]) -> None:
        """The 匹配内容 of rows just painted, from a second background call."""
        fetch, ids, text = self._snippets, tuple(r.id for r in rows), self.filter.text
        assert fetch is not None
        self._tokens.append(
            self._runner.run(
                lambda: fetch(ids, text),
                lambda found: self._snippets_arrived(gen, first, found),
                self.loadFailed.emit,
            )
        )

    def _snippets_arrived(self, gen: int, first: int, found: dict[int, Snippet]) -> None:
        if gen != self._generation or not found:
            return
        last = first
        for i in range(first, len(self._rows)):
            row = self._rows[i]
            if row.id in found:
                self._rows[i], last = replace(row, snippet=found[row.id]), i
        self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

    def set_total(self, n: int) -> None:
        """The total of the current query, known to the page without a COUNT of its own
        (the 督办台 derives it from its level counts)."""
        self._counted(self._generation, n)

    def _counted(self, gen: int, n: int) -> None:
        if gen != self._generation:
            return
        self.total = n
        self.totalCounted.emit(n)
        explain, flt = self._explain, self.filter
        if n == 0 and explain is not None and flt.text.strip():
            self._tokens.append(
                self._runner.run(
                    lambda: explain(flt), lambda r: self._explained(gen, r), self._failed
                )
            )

    def _explained(self, gen: int, reason: object) -> None:
        if gen == self._generation:
            self.reason = reason
            self.explained.emit(reason)

    def _failed(self, exc: BaseException) -> None:
        self._loading = False
        self._exhausted = True
        self.loadFailed.emit(exc)

    @property
    def loading(self) -> bool:
        return self._loading

    # --- Qt model API ----------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:
        return not parent.isValid() and not self._exhausted and not self._loading

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:
        if not parent.isValid():
            self._load_page()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("CaseTableModel", COLUMNS[section][1])
        return None

    def row(self, index: int) -> CaseSummary:
        return self._rows[index]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        case = self._rows[index.row()]
        attr = COLUMNS[index.column()][0]
        if attr == "snippet":
            return self._snippet_data(case, role)
        if role == Qt.ItemDataRole.DisplayRole:
            value = getattr(case, attr)
            if attr in LABELLED:
                return label(attr, value)
            if attr == "received_at":
                return fmt_dt(value)
            if attr == "title" and case.important:
                return self.tr("【重要】{title}").format(title=value)
            return value
        if role == Qt.ItemDataRole.UserRole:
            return case.id
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and attr == "urgency"
            and case.urgency != Urgency.NORMAL
        ):
            return QBrush(QColor("#c62828"))
        if role == Qt.ItemDataRole.ToolTipRole and attr == "title":
            return (
                f"{escape(case.title)}<br>{snippet_html(case.snippet)}"
                if case.snippet
                else case.title
            )
        return None

    def _snippet_data(self, case: CaseSummary, role: int) -> Any:
        snippet = case.snippet
        if snippet is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{field_label(snippet)}{snippet.marked()}"
        if role == HTML_ROLE:
            return snippet_html(snippet, CELL_LEAD)
        if role == Qt.ItemDataRole.ToolTipRole:
            return snippet_html(snippet)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][2] if 0 <= column < len(COLUMNS) else None
        if key is None:
            return
        self.set_query(self.filter, CaseSort(key, order == Qt.SortOrder.DescendingOrder))

    def sortable(self, column: int) -> bool:
        return COLUMNS[column][2] is not None

    def indicator(self) -> tuple[int, Qt.SortOrder]:
        """The header's sort indicator for the order the rows are in: the sorted column, or
        none (-1) for 登记顺序 (``id``), which no column shows."""
        order = Qt.SortOrder.DescendingOrder if self.sort_key.descending else (
            Qt.SortOrder.AscendingOrder)  # fmt: skip
        for column, (_attr, _header, key) in enumerate(COLUMNS):
            if key is not None and key == self.sort_key.column:
                return column, order
        return -1, order
