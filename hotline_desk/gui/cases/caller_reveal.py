"""The detail pane's two audited ways to see a caller (services/cases/reveal.py): 显示 beside the
masked caller for intake and the desk, which shows name, phone and address until another case is
opened; and 查看联系电话 for the handler working the case, which shows the number for 60 seconds
and then masks it again. Each click is one audit row; lists never show either."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from hotline_desk.domain.errors import DeskError
from hotline_desk.gui.common.errors import show_error
from hotline_desk.services.cases import reveal
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseDetail


class CallerReveal(QObject):
    """Owns the 显示 and 查看联系电话 buttons of a detail pane and the caller labels they fill.

    ``phone_ms`` is how long the callback number stays (a test gives a shorter time)."""

    def __init__(self, pane: QWidget, labels: dict[str, QLabel], note: QLabel,
                 ctx: ServiceContext | None, actor: Actor | None,
                 phone_ms: int = reveal.CALLBACK_SECONDS * 1000) -> None:  # fmt: skip
        super().__init__(pane)
        self._pane, self._labels, self._note = pane, labels, note
        self._ctx, self._actor = ctx, actor
        self._case: CaseDetail | None = None
        self._note_text = note.text()
        self.show_button = QPushButton(self.tr("显示"))
        self.show_button.setObjectName("revealCaller")
        self.show_button.setToolTip(
            self.tr("显示来电人的完整姓名、电话和地址；每次查看都记入审计日志")
        )
        self.show_button.clicked.connect(self.reveal_caller)
        self.phone_button = QPushButton(self.tr("查看联系电话"))
        self.phone_button.setObjectName("revealCallbackPhone")
        self.phone_button.setToolTip(
            self.tr("联系来电人时查看完整电话号码，显示 60 秒后自动隐藏；查看记入审计日志")
        )
        self.phone_button.clicked.connect(self.reveal_phone)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(phone_ms)
        self.timer.timeout.connect(self.hide_phone)
        for button in (self.show_button, self.phone_button):
            button.setAutoDefault(False)
            button.hide()

    def show_case(self, case: CaseDetail | None) -> None:
        """A case (or none) is shown masked again: nothing revealed carries over."""
        self.timer.stop()
        self._case = case
        self._note.setText(self._note_text)
        self._note.setToolTip("")
        self.show_button.hide()
        self.phone_button.hide()
        if case is None or self._ctx is None or self._actor is None:
            return
        has_caller = any((case.caller_name, case.caller_phone, case.caller_address))
        if case.personal_data_masked and has_caller and reveal.may_reveal_caller(self._actor):
            self.show_button.setEnabled(True)
            self.show_button.show()
        work = case.work
        if work is None or not case.caller_phone or not case.personal_data_masked:
            return
        refusal = reveal.callback_refusal(
            self._actor, handler_id=work.handler_id, lead_unit_id=work.lead_unit_id,
            handling_unit_id=work.handling_unit_id, status=case.status,
            confidential=case.confidential,
        )  # fmt: skip
        if refusal is None:
            self._reset_phone_button()
            self.phone_button.show()

    def reveal_caller(self) -> None:
        case, ctx, actor = self._case, self._ctx, self._actor
        if case is None or ctx is None or actor is None:
            return
        try:
            shown = reveal.reveal_caller(ctx, actor, case.id)
        except DeskError as exc:
            show_error(self._pane, exc)
            return
        self.timer.stop()  # the full caller covers the phone too
        self.phone_button.hide()
        self._labels["caller_name"].setText(shown.name or "—")
        self._labels["caller_phone"].setText(shown.phone or "—")
        self._labels["caller_address"].setText(shown.address or "—")
        self.show_button.hide()
        self._note.setText(self.tr("正在显示完整的来电人信息，此次查看已记入审计日志"))
        self._note.show()
        self._status(self.tr("已显示办件 {case_no} 的来电人信息，此次查看已记入审计日志").format(
            case_no=case.case_no))  # fmt: skip

    def reveal_phone(self) -> None:
        case, ctx, actor = self._case, self._ctx, self._actor
        if case is None or ctx is None or actor is None:
            return
        try:
            phone = reveal.reveal_callback_phone(ctx, actor, case.id)
        except DeskError as exc:
            show_error(self._pane, exc)
            return
        self._labels["caller_phone"].setText(phone)
        self.phone_button.setEnabled(False)
        self.timer.start()
        seconds = max(1, round(self.timer.interval() / 1000))
        self.phone_button.setText(self.tr("{seconds} 秒后隐藏").format(seconds=seconds))
        self._status(
            self.tr("联系电话将在 {seconds} 秒后隐藏，此次查看已记入审计日志").format(
                seconds=seconds
            )
        )

    def hide_phone(self) -> None:
        """The callback number's time is up: masked again, the button offered again."""
        case = self._case
        if case is None:
            return
        self._labels["caller_phone"].setText(case.caller_phone or "—")
        self._reset_phone_button()

    def _reset_phone_button(self) -> None:
        self.phone_button.setText(self.tr("查看联系电话"))
        self.phone_button.setEnabled(True)

    def _status(self, text: str) -> None:
        window = self._pane.window()
        status = getattr(window, "statusBar", None)
        if callable(status):
            status().showMessage(text, 10_000)
        self._note.setToolTip(text)
