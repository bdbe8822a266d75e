"""The long steps of 备份与恢复 in the background — a backup, putting a backup into a new file
and checking it, the swap — each with a progress dialog (取消 where it can stop), and the
dialog that shows what a restore found (made at, schema, checks, row counts beside the live
database) and asks for the confirmation before anything live is replaced."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hotline_desk.gui.common.fit import fit_to_screen
from hotline_desk.gui.common.tasks import CancelToken, TaskRunner
from hotline_desk.gui.common.widgets import fill_table, make_table
from hotline_desk.gui.common.words import fmt_dt
from hotline_desk.services.backup.restore import RestoreCheck

OK_STYLE = "color: #2e7d32;"
BAD_STYLE = "color: #c62828; font-weight: bold;"


CHECK_NAMES = {
    "integrity": QT_TRANSLATE_NOOP("BackupPage", "数据库完整性(integrity_check)"),
    "audit_chain": QT_TRANSLATE_NOOP("BackupPage", "审计日志哈希链"),
    "row_counts": QT_TRANSLATE_NOOP("BackupPage", "各表行数与清单一致"),
    "sha256": QT_TRANSLATE_NOOP("BackupPage", "文件校验和与清单一致"),
    "archive": QT_TRANSLATE_NOOP("BackupPage", "转储文件可读(pg_restore)"),
}
TABLE_NAMES = {
    "cases": QT_TRANSLATE_NOOP("BackupPage", "办件"),
    "case_events": QT_TRANSLATE_NOOP("BackupPage", "办理时间线"),
    "case_facts": QT_TRANSLATE_NOOP("BackupPage", "统计事实"),
    "case_assignments": QT_TRANSLATE_NOOP("BackupPage", "协办分配"),
    "case_links": QT_TRANSLATE_NOOP("BackupPage", "办件关联"),
    "case_no_counters": QT_TRANSLATE_NOOP("BackupPage", "办件编号计数"),
    "callbacks": QT_TRANSLATE_NOOP("BackupPage", "回访记录"),
    "extensions": QT_TRANSLATE_NOOP("BackupPage", "延期申请"),
    "supervisions": QT_TRANSLATE_NOOP("BackupPage", "督办记录"),
    "return_requests": QT_TRANSLATE_NOOP("BackupPage", "退回申请"),
    "handling_notes": QT_TRANSLATE_NOOP("BackupPage", "办理记录"),
    "instructions": QT_TRANSLATE_NOOP("BackupPage", "领导批示"),
    "reply_drafts": QT_TRANSLATE_NOOP("BackupPage", "答复稿"),
    "reply_reviews": QT_TRANSLATE_NOOP("BackupPage", "答复审核"),
    "reply_templates": QT_TRANSLATE_NOOP("BackupPage", "答复模板"),
    "drafts": QT_TRANSLATE_NOOP("BackupPage", "未提交草稿"),
    "audit_log": QT_TRANSLATE_NOOP("BackupPage", "审计日志"),
    "audit_head": QT_TRANSLATE_NOOP("BackupPage", "审计链头"),
    "users": QT_TRANSLATE_NOOP("BackupPage", "用户"),
    "user_roles": QT_TRANSLATE_NOOP("BackupPage", "用户角色"),
    "org_units": QT_TRANSLATE_NOOP("BackupPage", "组织机构"),
    "topics": QT_TRANSLATE_NOOP("BackupPage", "派单目录"),
    "topic_assist_units": QT_TRANSLATE_NOOP("BackupPage", "派单目录协办单位"),
    "calendar_days": QT_TRANSLATE_NOOP("BackupPage", "工作日历"),
    "calendar_years": QT_TRANSLATE_NOOP("BackupPage", "日历年份"),
    "time_limits": QT_TRANSLATE_NOOP("BackupPage", "时限设置"),
    "office_settings": QT_TRANSLATE_NOOP("BackupPage", "单位设置"),
    "report_snapshots": QT_TRANSLATE_NOOP("BackupPage", "统计快照"),
    "disclosure_decisions": QT_TRANSLATE_NOOP("BackupPage", "政务公开审核"),
    "fact_instants": QT_TRANSLATE_NOOP("BackupPage", "统计时点"),
    "fact_marks": QT_TRANSLATE_NOOP("BackupPage", "时点在办件"),
    "fact_months": QT_TRANSLATE_NOOP("BackupPage", "已存月份"),
    "fact_month_cells": QT_TRANSLATE_NOOP("BackupPage", "已存月份数据"),
    "alembic_version": QT_TRANSLATE_NOOP("BackupPage", "结构版本"),
}
"""What each table holds, for the administrator comparing a backup with the live database."""
KIND_NAMES = {
    "auto": QT_TRANSLATE_NOOP("BackupPage", "自动"),
    "manual": QT_TRANSLATE_NOOP("BackupPage", "手动"),
    "before-upgrade": QT_TRANSLATE_NOOP("BackupPage", "升级前"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate("BackupPage", text)


def check_name(name: str) -> str:
    return _t(CHECK_NAMES[name]) if name in CHECK_NAMES else name


def table_name(table: str) -> str:
    """The table's Chinese name with its own name beside it (unknown tables: their name)."""
    label = TABLE_NAMES.get(table)
    return f"{_t(label)}({table})" if label else table


def kind_name(kind: str) -> str:
    return _t(KIND_NAMES[kind]) if kind in KIND_NAMES else (kind or "—")


def checks_html(checks: Any) -> str:
    """One line per check: ✓/✗, its name and, for a failed one, what was found."""
    lines = []
    for c in checks:
        mark = (
            f'<span style="{OK_STYLE}">✓</span>' if c.ok else f'<span style="{BAD_STYLE}">✗</span>'
        )
        extra = "" if c.ok or not c.detail else f":{c.detail}"
        lines.append(f"{mark} {check_name(c.name)}{extra}")
    return "<br>".join(lines)


class ProgressJob:
    """One background step with a progress dialog; ``label`` names the stage of a value."""

    def __init__(
        self,
        parent: QWidget,
        runner: TaskRunner,
        title: str,
        work: Callable[..., Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[BaseException], None],
        label: Callable[[int], str],
        cancellable: bool = True,
    ) -> None:
        self.label = label
        self.finished = False
        self.cancelled = False
        self.progress = QProgressDialog(
            label(0),
            QCoreApplication.translate("BackupPage", "取消") if cancellable else "",
            0,
            1000,
            parent,
        )
        if not cancellable:
            self.progress.setCancelButton(None)
        self.progress.setWindowTitle(title)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.setMinimumWidth(420)

        def done(result: Any) -> None:
            self.finished = True
            self.progress.reset()
            on_done(result)

        def failed(exc: BaseException) -> None:
            self.finished = True
            self.progress.reset()
            on_failed(exc)

        self.token: CancelToken = runner.run(work, done, failed, self._step)
        self.progress.canceled.connect(self.cancel)

    def _step(self, done: int, total: int) -> None:
        value = 1000 * done // total if total else 0
        self.progress.setValue(value)
        self.progress.setLabelText(self.label(value))

    def cancel(self) -> None:
        if not self.finished:
            self.cancelled = True
            self.token.cancel()
            self.finished = True


class RestoreDialog(QDialog):
    """What the restored copy holds and what the checks found; 恢复并重新启动 only after the
    administrator ticks that the live database is to be replaced."""

    def __init__(self, check: RestoreCheck, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = check
        self.setWindowTitle(self.tr("从备份恢复"))
        kept_hint = (
            self.tr("hotline_desk.before-restore-<时间>.db")
            if check.engine == "sqlite"
            else self.tr("<原名>_before_restore_<时间>")
        )
        self.setMinimumWidth(640)
        made = fmt_dt(check.made_at) if check.made_at else self.tr("（无清单，无法确认制作时间）")
        head = QLabel(
            self.tr(
                "备份：{name}<br>制作于 {made}（{kind}，{who}）<br>"
                "结构版本：{schema}  办件台版本：{version}"
            ).format(
                name=check.name,
                made=made,
                kind=kind_name(check.kind),
                who=check.made_by or "—",
                schema=check.schema_revision or self.tr("未知"),
                version=check.desk_version or "—",
            )
        )
        head.setTextFormat(Qt.TextFormat.RichText)
        head.setWordWrap(True)
        lines = [checks_html(check.checks)]
        if not check.schema_known:
            lines.append(
                f'<span style="{BAD_STYLE}">✗</span> '
                + self.tr("不是本程序认识的办件台数据库（或来自更新的版本）")
            )
        elif check.needs_upgrade:
            lines.append(
                self.tr("恢复后将按正常升级步骤把结构从 {old} 升级到 {new}。").format(
                    old=check.schema_revision, new=check.head_revision
                )
            )
        self.checks = QLabel("<br>".join(lines))
        self.checks.setTextFormat(Qt.TextFormat.RichText)
        self.checks.setWordWrap(True)
        self.table = make_table([self.tr("表"), self.tr("备份中"), self.tr("当前数据库")])
        fill_table(self.table, [[table_name(r.table), _n(r.backup), _n(r.live)]
                                 for r in check.counts])  # fmt: skip
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for r, row in enumerate(check.counts):
            for c in (1, 2):
                self.table.item(r, c).setTextAlignment(right)
            if row.backup != row.live:
                self.table.item(r, 2).setForeground(QColor("#b26a00"))
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(120)
        self.table.setMinimumHeight(140)  # scrolls; the dialog stays within a 125 % screen
        newer = [r for r in check.counts if r.table == "cases" and (r.live or 0) > (r.backup or 0)]
        self.lost = QLabel(
            self.tr(
                "当前数据库比备份多 {n} 件办件：恢复后它们不在新数据库中"
                "（仍在改名保留的原数据库里）。"
            ).format(n=f"{newer[0].live - newer[0].backup:,}")
            if newer and newer[0].live is not None and newer[0].backup is not None
            else ""
        )
        self.lost.setStyleSheet("color: #b26a00;")
        self.lost.setWordWrap(True)
        self.lost.setVisible(bool(self.lost.text()))
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(self.checks)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.lost)
        if check.live_error:
            live = QLabel(self.tr("当前数据库无法读取：{error}").format(error=check.live_error))
            live.setWordWrap(True)
            layout.addWidget(live)
        if check.files_back or check.files_kept:
            files = QLabel(
                self.tr(
                    "数据目录中的文件：恢复缺少的 {back} 个，保留与备份不同的 {kept} 个"
                    "（现有文件不会被覆盖）。"
                ).format(back=len(check.files_back), kept=len(check.files_kept))
            )
            files.setWordWrap(True)
            layout.addWidget(files)
        self.what = QLabel(
            self.tr(
                "确认后：当前数据库改名保留为 {kept}，这份备份成为当前数据库，办件台随后重新启动。"
            ).format(kept=kept_hint)
        )
        self.what.setWordWrap(True)
        self.what.setVisible(check.ok)
        layout.addWidget(self.what)
        self.confirm = QCheckBox(self.tr("我已核对以上内容，确认用这份备份替换当前数据库"))
        self.confirm.setVisible(check.ok)
        layout.addWidget(self.confirm)
        if not check.ok:
            refused = QLabel(self.tr("这份备份未通过校验，不能用来恢复。当前数据库未作任何改动。"))
            refused.setStyleSheet(BAD_STYLE)
            refused.setWordWrap(True)
            layout.addWidget(refused)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.swap_button = QPushButton(self.tr("恢复并重新启动"))
        self.swap_button.setEnabled(False)
        self.swap_button.setVisible(check.ok)
        buttons.addButton(self.swap_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.confirm.toggled.connect(self.swap_button.setEnabled)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_to_screen(self, 720, 640)  # on a short screen the count table scrolls


def _n(value: int | None) -> str:
    return "—" if value is None else f"{value:,}"
