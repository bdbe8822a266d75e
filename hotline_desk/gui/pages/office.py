"""单位设置: the office-wide settings every workstation shares — for the 系统管理员 the bureau's
name on printed documents, the CJK font PDFs embed, the Word template of the 答复函
(gui/pages/letter_template.py) and the switches of the rules; for the
安全管理员 the security switches (the administrators' second factor) — each administrator sees
and saves only the keys it owns, in one audited transaction (services/office.py)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hotline_desk.domain.permissions import LETTER_TEMPLATE_ROLES, has_any
from hotline_desk.gui.common.widgets import ERROR_STYLE, ChoiceCombo, ErrorLabel
from hotline_desk.gui.common.writes import into_labels, write
from hotline_desk.gui.pages.letter_template import LetterTemplateRow
from hotline_desk.services.admin import office
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.services.output import printing

# Labels and choices come from services/office.py; listed here so lupdate extracts them.
# Keep in step with OFFICE_SETTINGS (tests/gui/test_print_gui.py checks it).
OFFICE_LABELS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("OfficeSettingsPage", "单位名称（用于交办单、答复函抬头）"),
    QT_TRANSLATE_NOOP("OfficeSettingsPage", "答复时限起算"),
    QT_TRANSLATE_NOOP("OfficeSettingsPage", "受理次日起算"),
    QT_TRANSLATE_NOOP("OfficeSettingsPage", "转办次日起算"),
    QT_TRANSLATE_NOOP("OfficeSettingsPage", "签收次日起算"),
    QT_TRANSLATE_NOOP("OfficeSettingsPage", "单次延期最多工作日数"),
    QT_TRANSLATE_NOOP("OfficeSettingsPage", "回访联系不上的尝试次数"),
    QT_TRANSLATE_NOOP("OfficeSettingsPage", "重复件比对天数"),
    QT_TRANSLATE_NOOP("OfficeSettingsPage", "满意率计入“基本满意”"),
    QT_TRANSLATE_NOOP("OfficeSettingsPage", "红黑榜达标线（按时办结率、满意率）"),
    QT_TRANSLATE_NOOP("OfficeSettingsPage", "PDF 中文字体文件（留空自动查找）"),
    QT_TRANSLATE_NOOP("OfficeSettingsPage", "单位简称（用于答复函文号）"),
    QT_TRANSLATE_NOOP(
        "OfficeSettingsPage",
        "答复函文号格式（可用 {bureau_short} 简称、{year} 年份、{seq} 序号、{case_no} 办件编号）",
    ),
    QT_TRANSLATE_NOOP("OfficeSettingsPage", "答复函联系人"),
    QT_TRANSLATE_NOOP("OfficeSettingsPage", "答复函联系电话"),
    QT_TRANSLATE_NOOP("OfficeSettingsPage", "备份保留份数（自动、手动、升级前各保留最近几份）"),
    QT_TRANSLATE_NOOP("OfficeSettingsPage", "管理员登录须使用双因素认证（动态验证码）"),
    QT_TRANSLATE_NOOP("OfficeSettingsPage", "密码有效期（天，0 表示不过期）"),
    QT_TRANSLATE_NOOP("OfficeSettingsPage", "无操作自动锁屏（分钟，0 表示不锁屏）"),
    QT_TRANSLATE_NOOP("OfficeSettingsPage", "办理结果回传的联系电话（12345平台回访时联系本单位）"),
    QT_TRANSLATE_NOOP("OfficeSettingsPage", "附件大小上限（MB，每个文件）"),
)


def _text(label: str) -> str:
    return QCoreApplication.translate("OfficeSettingsPage", label)


class FontPicker(QWidget):
    """The ``pdf_font`` setting: 自动 or one of this computer's embeddable fonts, or a file."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.addItem(self.tr("自动选择（推荐）"), "")
        for font in printing.font_options():
            self.combo.addItem(f"{font.family}  ({font.path})", font.value)
        self.browse = QPushButton(self.tr("浏览…"))
        self.in_use = QLabel()
        self.in_use.setWordWrap(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo, 1)
        row.addWidget(self.browse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.in_use)
        self.browse.clicked.connect(lambda: self.choose_file())
        self.combo.currentIndexChanged.connect(
            lambda _i: (self._show_in_use(), self.changed.emit())
        )
        self._show_in_use()

    def value(self) -> str:
        return str(self.combo.currentData() or "")

    def set_value(self, value: str) -> None:
        index = self.combo.findData(value)
        if index < 0:
            self.combo.addItem(value, value)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(index)

    def choose_file(self, path: str | None = None) -> None:
        if path is None:
            path, _filter = QFileDialog.getOpenFileName(
                self, self.tr("选择中文字体文件"), "", self.tr("TrueType 字体 (*.ttf *.ttc)")
            )
        if path:
            self.set_value(path)

    def _show_in_use(self) -> None:
        font = printing.font_in_use(self.value())
        if font is None:
            self.in_use.setStyleSheet(ERROR_STYLE)
            self.in_use.setText(self.tr("本机没有可嵌入的中文字体:PDF 将使用内置字体，"
                                        "其他电脑上可能显示为方框。"))  # fmt: skip
            return
        self.in_use.setStyleSheet("color: gray;")
        note = (
            ""
            if not self.value() or font.value == self.value()
            else self.tr("（所选字体在本机不可用）")
        )
        self.in_use.setText(self.tr("本机打印将使用：{family}{note}").format(
            family=font.family, note=note))  # fmt: skip


class OfficeSettingsPage(QWidget):
    saved = Signal()

    def __init__(self, ctx: ServiceContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.actor = ctx, actor
        self.inputs: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self.result = QLabel()
        self.save_button = QPushButton(self.tr("保存"))
        self.reload_button = QPushButton(self.tr("撤销修改"))
        title = QLabel(self.tr("单位设置"))
        title.setObjectName("pageTitle")
        self.form = QFormLayout()
        self.form.setVerticalSpacing(4)
        for info in office.list_settings(ctx, actor):  # the keys this administrator owns
            widget = self._editor(info)
            self.inputs[info.key] = widget
            self.errors[info.key] = ErrorLabel()
            self.form.addRow(_text(info.label), widget)
            self.form.addRow("", self.errors[info.key])
        self.letter_template: LetterTemplateRow | None = None
        if has_any(actor.roles, LETTER_TEMPLATE_ROLES):  # the Word letter's (saved on its own)
            self.letter_template = LetterTemplateRow(ctx, actor)
            self.form.addRow(self.tr("答复函 Word 模板："), self.letter_template)
        bar = QHBoxLayout()
        bar.addWidget(self.result, 1)
        bar.addWidget(self.reload_button)
        bar.addWidget(self.save_button)
        note = QLabel(self.tr("这些设置对所有工作站生效；每项修改都记入审计日志。"))
        note.setStyleSheet("color: gray;")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(note)
        layout.addLayout(self.form)
        layout.addStretch(1)
        layout.addLayout(bar)
        self.save_button.clicked.connect(self.save)
        self.reload_button.clicked.connect(self.load)
        self.load()

    def _editor(self, info: office.OfficeSettingInfo) -> QWidget:
        key = office.OFFICE_SETTINGS[info.key]
        if key is office.PDF_FONT:
            return FontPicker()
        if info.choices:
            return ChoiceCombo([(v, _text(label)) for v, label in info.choices])
        if key.kind is bool:
            return QCheckBox()
        if key.kind is int:
            spin = QSpinBox()
            spin.setRange(int(key.minimum or 0), int(key.maximum or 10_000))
            return spin
        if info.percent:  # entered as 85 %, stored as 0.85 (the service converts)
            box = QDoubleSpinBox()
            box.setDecimals(1)
            box.setSingleStep(1)
            box.setRange(float(key.minimum or 0) * 100, float(key.maximum or 1) * 100)
            box.setSuffix(self.tr("%"))
            box.setAccelerated(True)
            return box
        if key.kind is float:
            box = QDoubleSpinBox()
            box.setDecimals(2)
            box.setSingleStep(0.01)
            box.setRange(float(key.minimum or 0), float(key.maximum or 1))
            return box
        line = QLineEdit()
        line.setMaxLength(60)
        return line

    def load(self) -> None:
        for info in office.list_settings(self.ctx, self.actor):
            self._set(self.inputs[info.key], info.value)
            self.errors[info.key].set_error("")
        self.result.clear()

    @staticmethod
    def _set(widget: QWidget, value: Any) -> None:
        if isinstance(widget, (FontPicker, ChoiceCombo)):
            widget.set_value(value)
        elif isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        elif isinstance(widget, (QSpinBox, QDoubleSpinBox)):
            widget.setValue(value)
        elif isinstance(widget, QLineEdit):
            widget.setText(str(value))

    @staticmethod
    def _get(widget: QWidget) -> Any:
        if isinstance(widget, (FontPicker, ChoiceCombo)):
            return widget.value()
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        if isinstance(widget, (QSpinBox, QDoubleSpinBox)):
            return widget.value()
        assert isinstance(widget, QLineEdit)
        return widget.text()

    def values(self) -> dict[str, Any]:
        return {key: self._get(widget) for key, widget in self.inputs.items()}

    def save(self) -> None:
        shown = into_labels(self.errors)

        def field_errors(errors: dict[str, str]) -> None:
            shown(errors)
            self.result.setText(self.tr("未保存：请按提示修改") if errors else "")

        values = self.values()
        written = write(self, self.ctx, lambda: office.save_settings(self.ctx, self.actor, values),
                        field_errors=field_errors)  # fmt: skip
        if written is None:
            return
        self.result.setText(self.tr("已保存"))
        self.saved.emit()
