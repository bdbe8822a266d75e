"""The 政务公开 preview and review (issue 15), opened from the 统计 page: the period's letters on
the left (replacements, reviewed or not), the selected letter on the right with every
replacement highlighted (``disclosure_text``) and a toggle to the published form. The reviewer
keeps a replacement (保留原文), hides a selected stretch as a chosen kind (隐去所选文字),
confirms the letter (确认无误) or undoes a decision (恢复) — by buttons or the right-click
menu, each decision saved at once — then 导出… writes the list in the background with progress
and cancel (asking first when letters are not reviewed; ``disclosure_export``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hotline_desk.domain.periods import Period
from hotline_desk.domain.privacy.disclosure import ReviewAction
from hotline_desk.domain.privacy.findings import Kind
from hotline_desk.gui.common.errors import show_error
from hotline_desk.gui.common.fit import fit_to_screen
from hotline_desk.gui.common.tasks import TaskRunner
from hotline_desk.gui.common.widgets import ChoiceCombo
from hotline_desk.gui.common.writes import write
from hotline_desk.gui.pages.disclosure_export import DisclosureExportJob, ask_export
from hotline_desk.gui.pages.disclosure_text import KIND_COLOURS, LetterText, kind_name
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.services.output import disclosure
from hotline_desk.services.output.disclosure import DisclosurePreview, LetterReview


def _t(text: str) -> str:
    return QCoreApplication.translate("DisclosureReview", text)


class DisclosureDialog(QDialog):
    def __init__(
        self,
        ctx: ServiceContext,
        actor: Actor,
        runner: TaskRunner,
        period: Period,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.actor, self.runner, self.period = ctx, actor, runner, period
        self.preview: DisclosurePreview | None = None
        self.letters: list[LetterReview] = []
        self.loading = True
        self.last_export: DisclosureExportJob | None = None
        self.setWindowTitle(
            QCoreApplication.translate(
                "DisclosureReview", "政务公开清单预览与审核 — {period}"
            ).format(period=period.label)
        )
        self.setSizeGripEnabled(True)
        fit_to_screen(self, 1280, 700)
        self._build()
        self._wire()
        self._enable()
        self.runner.run(
            lambda: disclosure.disclosure_preview(ctx, actor, period), self._arrived, self._failed
        )

    # --- layout --------------------------------------------------------------------------------
    def _build(self) -> None:
        self.summary = QLabel(self.tr("正在读取本期来信…"))
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("办件编号"),
                self.tr("替换"),
                self.tr("审核"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2):
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.published = QCheckBox(self.tr("显示公开后的文本"))
        self.text = LetterText()
        self.text.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.keep_button = QPushButton(self.tr("保留原文"))
        self.keep_button.setToolTip(
            QCoreApplication.translate(
                "DisclosureReview", "光标所在的替换不隐去（如公职人员姓名、并非住址的路名）"
            )
        )
        self.kind = ChoiceCombo([(k.value, kind_name(k)) for k in Kind])
        self.hide_button = QPushButton(self.tr("隐去所选文字"))
        self.hide_button.setToolTip(self.tr("所选文字在本件各处按所选类别隐去"))
        self.check_button = QPushButton(self.tr("确认无误"))
        self.decisions = QListWidget()
        self.decisions.setMaximumHeight(110)
        self.revoke_button = QPushButton(self.tr("恢复"))
        self.revoke_button.setToolTip(self.tr("撤销所选的审核决定"))
        self.legend = QLabel(self._legend())
        self.state = QLabel()
        self.export_button = QPushButton(self.tr("导出…"))
        self.close_button = QPushButton(self.tr("关闭"))
        for button in self.findChildren(QPushButton) + [
            self.keep_button,
            self.hide_button,
            self.check_button,
            self.revoke_button,
            self.export_button,
            self.close_button,
        ]:
            button.setAutoDefault(False)  # Enter in the list must not export or keep

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.table)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.info, 1)
        top.addWidget(self.published)
        rv.addLayout(top)
        rv.addWidget(self.text, 1)
        acts = QHBoxLayout()
        for w in (
            self.keep_button,
            QLabel(self.tr("类别：")),
            self.kind,
            self.hide_button,
        ):
            acts.addWidget(w)
        acts.addStretch(1)
        acts.addWidget(self.check_button)
        rv.addLayout(acts)
        rv.addWidget(QLabel(self.tr("本件的审核决定：")))
        dec = QHBoxLayout()
        dec.addWidget(self.decisions, 1)
        dec.addWidget(self.revoke_button, 0, Qt.AlignmentFlag.AlignTop)
        rv.addLayout(dec)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 960])
        bottom = QHBoxLayout()
        bottom.addWidget(self.legend)
        bottom.addStretch(1)
        bottom.addWidget(self.state)
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)

    def _legend(self) -> str:
        chips = "".join(
            f'<span style="background:{KIND_COLOURS[k]}">&nbsp;{kind_name(k)}&nbsp;</span> '
            for k in (Kind.NAME, Kind.ADDRESS, Kind.PHONE, Kind.ID_NUMBER)
        )
        return chips + QCoreApplication.translate(
            "DisclosureReview", "<u>下划线</u>：审核人添加 <s>删除线</s>：保留原文"
        )

    def _wire(self) -> None:
        self.table.itemSelectionChanged.connect(self._show_current)
        self.published.toggled.connect(lambda _on: self._show_current())
        self.text.cursorPositionChanged.connect(self._enable)
        self.text.selectionChanged.connect(self._enable)
        self.text.customContextMenuRequested.connect(self._menu)
        self.decisions.itemSelectionChanged.connect(self._enable)
        self.keep_button.clicked.connect(self.keep_current)
        self.hide_button.clicked.connect(lambda: self.hide_selection(self.kind.value()))
        self.check_button.clicked.connect(self.check_letter)
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.export_button.clicked.connect(lambda: self.export())
        self.close_button.clicked.connect(self.reject)

    # --- loading -------------------------------------------------------------------------------
    def _arrived(self, preview: DisclosurePreview) -> None:
        self.preview, self.letters, self.loading = preview, list(preview.letters), False
        self.table.setRowCount(len(self.letters))
        for row, letter in enumerate(self.letters):
            self._fill_row(row, letter)
        self._summarise()
        if self.letters:
            self.table.selectRow(0)
        self._enable()

    def _failed(self, exc: BaseException) -> None:
        self.loading = False
        self.summary.setText(self.tr("读取失败"))
        show_error(self, exc)

    def _fill_row(self, row: int, letter: LetterReview) -> None:
        items = (
            QTableWidgetItem(letter.case_no),
            QTableWidgetItem(str(letter.replacements)),
            QTableWidgetItem(self.tr("已审核") if letter.reviewed else self.tr("未审核")),
        )
        items[1].setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        if not letter.reviewed:
            items[2].setForeground(QColor("#C00000"))
        for col, item in enumerate(items):
            self.table.setItem(row, col, item)

    def _summarise(self) -> None:
        reviewed = sum(1 for x in self.letters if x.reviewed)
        self.summary.setText(
            QCoreApplication.translate(
                "DisclosureReview",
                "{period}：共 {n} 件可公开来信，已审核 {done} 件，未审核 {left} 件",
            ).format(
                period=self.period.label,
                n=len(self.letters),
                done=reviewed,
                left=len(self.letters) - reviewed,
            )
        )

    # --- the letter ----------------------------------------------------------------------------
    def current(self) -> LetterReview | None:
        row = self.table.currentRow()
        return self.letters[row] if 0 <= row < len(self.letters) else None

    def select_letter(self, case_no: str) -> None:
        row = next(i for i, x in enumerate(self.letters) if x.case_no == case_no)
        self.table.selectRow(row)

    def _show_current(self) -> None:
        letter = self.current()
        self.text.show_letter(letter, self.published.isChecked())
        self.decisions.clear()
        if letter is None:
            self.info.setText("")
            self._enable()
            return
        replied = f"{letter.replied_at:%Y-%m-%d}" if letter.replied_at else ""
        self.info.setText(
            self.tr(
                "{no}  {category}  {topic}  答复单位：{unit}  答复日期：{replied}  "
                "替换 {n} 处（保留 {kept}、添加 {added}）"
            ).format(
                no=letter.case_no,
                category=letter.category,
                topic=letter.topic,
                unit=letter.unit,
                replied=replied,
                n=letter.replacements,
                kept=letter.undone,
                added=letter.added,
            )
        )
        for d in letter.decisions:
            what = _t(d.action.label)
            if d.action == ReviewAction.HIDE:
                what += f"({kind_name(d.kind)})"
            shown = f"“{d.text}”" if d.text else ""
            item = QListWidgetItem(f"{what}{shown}  —  {d.by}  {d.at:%Y-%m-%d %H:%M}")
            item.setData(Qt.ItemDataRole.UserRole, d.id)
            self.decisions.addItem(item)
        self._enable()

    def _enable(self) -> None:
        letter = self.current()
        place = self.text.current_place() if letter else None
        self.keep_button.setEnabled(
            place is not None and not place.span.kept and not place.span.added
        )
        self.hide_button.setEnabled(letter is not None and self.text.selection() is not None)
        self.check_button.setEnabled(letter is not None)
        self.revoke_button.setEnabled(bool(self.decisions.selectedItems()))
        self.export_button.setEnabled(not self.loading and self.preview is not None)

    def _menu(self, at: QPoint) -> None:
        menu = self.context_menu(self.text.cursorForPosition(at).position())
        if menu is not None:
            menu.exec(self.text.mapToGlobal(at))

    def context_menu(self, position: int) -> QMenu | None:
        """The right-click menu at a document position (None when nothing applies)."""
        letter = self.current()
        if letter is None:
            return None
        menu = QMenu(self)
        place = self.text.place_at(position)
        if place is not None and not place.span.kept and not place.span.added:
            found = place.span.found
            menu.addAction(
                self.tr("保留原文“{text}”").format(text=found), lambda: self._decide("keep", found)
            )
        if place is not None and (place.span.kept or place.span.added):
            action = ReviewAction.KEEP if place.span.kept else ReviewAction.HIDE
            found = place.span.found
            decision = next(
                (d for d in letter.decisions if d.action == action and d.text == found), None
            )
            if decision is not None:
                menu.addAction(
                    self.tr("恢复（撤销“{what}”）").format(what=_t(action.label)),
                    lambda: self.revoke(decision.id),
                )
        if self.text.selection() is not None:
            hide = menu.addMenu(self.tr("隐去所选文字"))
            for kind in Kind:
                hide.addAction(kind_name(kind), lambda k=kind.value: self.hide_selection(k))
        return menu if menu.actions() else None

    # --- decisions -----------------------------------------------------------------------------
    def _decide(self, action: str, text: str = "", kind: str = "") -> None:
        letter = self.current()
        if letter is None:
            return
        ctx, actor, no = self.ctx, self.actor, letter.case_no
        done = write(
            self, ctx, lambda: disclosure.decide_disclosure(ctx, actor, no, action, text, kind)
        )
        if done is not None:
            self._replace(done.result)

    def keep_current(self) -> None:
        place = self.text.current_place()
        if place is not None and not place.span.kept:
            self._decide("keep", place.span.found)

    def hide_selection(self, kind: str) -> None:
        chosen = self.text.selection()
        if chosen is not None:
            self._decide("hide", chosen, kind)

    def check_letter(self) -> None:
        self._decide("check")

    def revoke_selected(self) -> None:
        items = self.decisions.selectedItems()
        if items:
            self.revoke(int(items[0].data(Qt.ItemDataRole.UserRole)))

    def revoke(self, decision_id: int) -> None:
        ctx, actor = self.ctx, self.actor
        done = write(
            self, ctx, lambda: disclosure.revoke_disclosure_decision(ctx, actor, decision_id)
        )
        if done is not None:
            self._replace(done.result)

    def _replace(self, letter: LetterReview) -> None:
        row = next(i for i, x in enumerate(self.letters) if x.case_id == letter.case_id)
        self.letters[row] = letter
        self._fill_row(row, letter)
        self._summarise()
        scroll = self.text.verticalScrollBar().value()
        self._show_current()
        self.text.verticalScrollBar().setValue(scroll)

    # --- export --------------------------------------------------------------------------------
    def export(self, path: Path | None = None) -> DisclosureExportJob | None:
        """导出…: asked about unreviewed letters, then where; the job runs in the background."""
        waiting = sum(1 for x in self.letters if not x.reviewed)
        path = ask_export(self, self.period, waiting, path)
        if path is None:
            return None
        self.state.setText("")
        self.last_export = DisclosureExportJob(
            self, self.ctx, self.actor, self.runner, self.period, path, self.exported
        )
        return self.last_export

    def exported(self, result: disclosure.DisclosureExport) -> None:
        self.state.setText(
            self.tr("已导出 {rows} 件到 {path}").format(rows=result.rows, path=result.path.name)
        )
