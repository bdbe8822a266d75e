"""备份与恢复 (系统管理员): the backups kept in the data directory with what their checks found,
立即备份, and 恢复… — the chosen backup is put into a new file and checked in the background,
the findings are shown, and only after the administrator confirms is the live database replaced
(the old one kept under another name) and the desk restarted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hotline_desk.gui.common.errors import show_error
from hotline_desk.gui.common.tasks import TaskRunner
from hotline_desk.gui.common.widgets import fill_table, make_table
from hotline_desk.gui.common.words import fmt_dt
from hotline_desk.gui.pages.backup_restore import (
    BAD_STYLE,
    ProgressJob,
    RestoreDialog,
    checks_html,
    kind_name,
)
from hotline_desk.services.admin import office
from hotline_desk.services.backup import backups, restore
from hotline_desk.services.backup.backups import BackupInfo, DeskPlace
from hotline_desk.services.backup.restore import RestoreCheck, Swapped
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor


def size_text(n: int) -> str:
    if n >= 1 << 30:
        return f"{n / (1 << 30):.1f} GB"
    return f"{n / (1 << 20):.1f} MB" if n >= 1 << 20 else f"{max(n, 0) / 1024:.0f} KB"


class BackupPage(QWidget):
    """The generations, 立即备份, 恢复…; ``restartRequested`` once a restore was swapped in."""

    restartRequested = Signal()

    def __init__(
        self,
        ctx: ServiceContext,
        actor: Actor,
        runner: TaskRunner,
        place: DeskPlace | None,
        release: Callable[[], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.actor, self.runner, self.place = ctx, actor, runner, place
        self.release = release or (lambda: None)
        self.entries: list[BackupInfo] = []
        self.job: ProgressJob | None = None
        self.check: RestoreCheck | None = None
        self.dialog: RestoreDialog | None = None
        self.done_box: QMessageBox | None = None
        self.swapped: Swapped | None = None
        title = QLabel(self.tr("备份与恢复"))
        title.setObjectName("pageTitle")
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.failure = QLabel()
        self.failure.setStyleSheet(BAD_STYLE)
        self.failure.setWordWrap(True)
        self.backup_button = QPushButton(self.tr("立即备份"))
        self.restore_button = QPushButton(self.tr("恢复…"))
        self.other_button = QPushButton(self.tr("从其他位置恢复…"))
        self.folder_button = QPushButton(self.tr("打开备份文件夹"))
        self.refresh_button = QPushButton(self.tr("刷新"))
        bar = QHBoxLayout()
        for button in (self.backup_button, self.restore_button, self.other_button):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.folder_button)
        bar.addWidget(self.refresh_button)
        self.table = make_table(
            [
                self.tr("制作时间"),
                self.tr("类型"),
                self.tr("校验"),
                self.tr("办件数"),
                self.tr("结构版本"),
                self.tr("大小"),
                self.tr("制作人"),
                self.tr("名称"),
            ]
        )
        self.detail = QLabel()
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.info)
        layout.addWidget(self.failure)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.other_button.clicked.connect(self.restore_other)
        self.folder_button.clicked.connect(self.open_folder)
        self.refresh_button.clicked.connect(self.refresh)
        self.table.itemSelectionChanged.connect(self._show_detail)
        for button in (
            self.backup_button,
            self.restore_button,
            self.other_button,
            self.folder_button,
        ):
            button.setEnabled(place is not None)
        self.refresh()

    # --- the list -------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.place is None:
            self.info.setText(self.tr("未指定数据目录，无法备份。"))
            return
        self.entries = backups.list_backups(self.place)
        fill_table(self.table, [self._row(e) for e in self.entries])
        for r, entry in enumerate(self.entries):
            self.table.item(r, 2).setForeground(
                Qt.GlobalColor.darkGreen if entry.ok else Qt.GlobalColor.red
            )
        keep = office.get_setting(self.ctx, office.BACKUP_KEEP)
        text = self.tr(
            "备份位置：{folder}。每种备份保留最近 {keep} 份（在“单位设置”中修改）。"
        ).format(folder=self.place.backups, keep=keep)
        if self.place.is_sqlite:
            last = backups.last_auto_backup(self.place)
            text += self.tr("办件台运行时每天自动备份一次，上次：{last}。").format(
                last=fmt_dt(last) if last else self.tr("尚无")
            )
        else:
            text += self.tr(
                "PostgreSQL 数据库应在服务器上定时用 pg_dump 备份（见使用说明）；"
                "“立即备份”在本机运行 pg_dump。"
            )
        self.info.setText(text)
        failure = backups.last_failure(self.place)
        self.failure.setText(
            self.tr("上次备份失败（{at}，{kind}）：{reason}").format(
                at=fmt_dt(failure.at), kind=kind_name(failure.kind), reason=failure.reason
            )
            if failure
            else ""
        )
        self.failure.setVisible(failure is not None)
        if self.entries:
            self.table.selectRow(0)
        self._show_detail()

    def _row(self, e: BackupInfo) -> list[str]:
        verdict = (
            self.tr("通过")
            if e.ok
            else (self.tr("未通过") if e.has_manifest else self.tr("未校验（旧版备份）"))
        )
        cases = "—" if e.cases is None else f"{e.cases:,}"
        return [
            fmt_dt(e.made_at),
            kind_name(e.kind),
            verdict,
            cases,
            e.schema_revision or "—",
            size_text(e.size),
            e.made_by or "—",
            e.name,
        ]

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.entries[rows[0].row()] if rows and self.entries else None

    def _show_detail(self) -> None:
        entry = self.selected()
        if entry is None:
            self.detail.setText("")
            return
        checks = checks_html(entry.checks) if entry.checks else self.tr("没有校验记录")
        self.detail.setText(f"{entry.path}<br>{checks}")

    def open_folder(self) -> None:
        if self.place is not None:
            self.place.backups.mkdir(parents=True, exist_ok=True)
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.place.backups)))

    def _status(self, text: str) -> None:
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 10_000)

    # --- 立即备份 --------------------------------------------------------------------------
    def backup_now(self) -> None:
        place, ctx, actor = self.place, self.ctx, self.actor
        assert place is not None
        stages = {
            "copy": self.tr("正在复制数据库…"),
            "hash": self.tr("正在计算校验和…"),
            "integrity": self.tr("正在校验备份的完整性…"),
            "chain": self.tr("正在核对审计日志和行数…"),
        }
        self.job = ProgressJob(
            self,
            self.runner,
            self.tr("立即备份"),
            lambda token, report: backups.run_backup(
                ctx, place, backups.BackupKind.MANUAL, actor, token=token, report=report
            ),
            self._backed_up,
            self._backup_failed,
            lambda v: f"{stages[backups.stage_of(v)]} {v // 10}%",
        )

    def _backed_up(self, info: BackupInfo) -> None:
        self.refresh()
        if info.ok:
            self._status(self.tr("已备份：{name}").format(name=info.name))
        else:
            QMessageBox.warning(
                self,
                self.tr("备份未通过校验"),
                self.tr(
                    "备份 {name} 已写入，但未通过校验，当前数据库可能已损坏：\n{checks}"
                ).format(name=info.name, checks=", ".join(c.name for c in info.checks if not c.ok)),
            )

    def _backup_failed(self, exc: BaseException) -> None:
        self.refresh()
        show_error(self, exc, self.tr("备份失败"))

    # --- 恢复 --------------------------------------------------------------------------------
    def restore_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            QMessageBox.information(self, self.tr("恢复"), self.tr("请先在列表中选择一份备份。"))
            return
        self.prepare(entry.path)

    def restore_other(self) -> None:
        start = str(self.place.backups) if self.place else ""
        path, _f = QFileDialog.getOpenFileName(
            self, self.tr("选择备份"), start, self.tr("办件台备份 (manifest.json *.db *.dump)")
        )
        if path:
            self.prepare(Path(path))

    def prepare(self, source: Path) -> None:
        """Put ``source`` into a new file and check it, in the background."""
        place, ctx, actor = self.place, self.ctx, self.actor
        assert place is not None
        self.job = ProgressJob(
            self,
            self.runner,
            self.tr("从备份恢复"),
            lambda token, report: restore.prepare_restore(
                place, source, actor, live=ctx, token=token, report=report
            ),
            self._prepared,
            lambda exc: show_error(self, exc, self.tr("恢复未完成")),
            lambda v: (
                (
                    self.tr("正在把备份恢复到新文件…")
                    if v < 400
                    else self.tr("正在校验恢复的数据库…")
                )
                + f" {v // 10}%"
            ),
        )

    def _prepared(self, check: RestoreCheck) -> None:
        self.check = check
        self.dialog = RestoreDialog(check, self)
        self.dialog.accepted.connect(lambda: self.swap(check))
        self.dialog.rejected.connect(lambda: self._discard(check))
        self.dialog.open()

    def _discard(self, check: RestoreCheck) -> None:
        if self.place is not None:
            restore.discard_restore(self.place, check)

    def swap(self, check: RestoreCheck) -> None:
        """Let go of the live database (the window stops its background work), swap, restart."""
        place, ctx, actor = self.place, self.ctx, self.actor
        assert place is not None
        self.release()
        self.job = ProgressJob(
            self,
            self.runner,
            self.tr("从备份恢复"),
            lambda: restore.swap_in(place, check, actor, live=ctx),
            self._swapped,
            self._swap_failed,
            lambda _v: self.tr("正在替换数据库并重新打开…"),
            cancellable=False,
        )

    def _swapped(self, result: Swapped) -> None:
        self.swapped = result
        upgraded = ""
        if result.revision_after != result.revision_before:
            upgraded = self.tr("数据库结构已从 {old} 升级到 {new}。").format(
                old=result.revision_before, new=result.revision_after
            )
        self._restart_box(
            self.tr("恢复完成"),
            self.tr(
                "已从备份恢复。{upgraded}\n原数据库保留为：{kept}\n办件台现在重新启动。"
            ).format(upgraded=upgraded, kept=result.kept or "—"),
        )

    def _swap_failed(self, exc: BaseException) -> None:
        show_error(self, exc, self.tr("恢复未完成"))
        self._restart_box(self.tr("需要重新启动"), self.tr("办件台已断开数据库，现在重新启动。"))

    def _restart_box(self, title: str, text: str) -> None:
        self.done_box = QMessageBox(
            QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, self
        )
        self.done_box.finished.connect(lambda _r: self.restartRequested.emit())
        self.done_box.open()
