"""Every dialog fits a 1366×768 screen with its buttons visible, at 100 % and at 125 % scaling.

Each dialog is built with realistic content, shown, and its frame (client size plus the window
frame ``fit.FRAME``) compared with the screen's available area less a 40 px taskbar: 1366×728 at
100 %, and 1093×582 logical pixels at 125 % (1366/1.25 × 728/1.25). The 125 % case is checked
in logical pixels because that is what Qt lays out in: fonts are in points, so at 125 % they
take the same logical pixels as at 100 % and only the logical screen shrinks. The offscreen
platform cannot change its device pixel ratio inside one process, so ``available_room`` (the
one place dialogs ask the screen) is replaced with each screen in turn.

``DIALOGS`` must name every ``QDialog`` subclass in ``hotline_desk/gui`` (found by reading the
source), so a new dialog cannot be left out.
"""

from __future__ import annotations

import ast
import inspect
import os
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QAbstractButton, QDialog, QDialogButtonBox, QWidget

import hotline_desk.gui as gui_package
from hotline_desk.domain.actions import Action
from hotline_desk.gui.actions.catalog import DialogRequest, factory_for, registered_actions
from hotline_desk.gui.actions.registry import _with_work
from hotline_desk.gui.common import fit
from hotline_desk.gui.common.tasks import TaskRunner
from hotline_desk.services.cases import catalog
from tests.gui.test_action_dialogs import Office

SCREENS = {"100%": QSize(1366, 728), "125%": QSize(1093, 582)}
BASES = {"GuardedDialog", "FormDialog", "ActionDialog", "_PickCase"}
"""Abstract bases: never shown themselves."""
LONG = (
    "本公司是本市重点扶持的科技型中小企业，去年十月提交了专项资金申请，材料齐全并已通过初审，"
    "但至今未收到拨付款项，多次电话询问均答复在走流程，请尽快核实办理进度并告知具体拨付时间。"
) * 3


def dialog_classes() -> set[str]:
    """The names of every class in hotline_desk/gui that derives from QDialog."""
    bases: dict[str, list[str]] = {}
    for path in Path(gui_package.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases[node.name] = [
                    b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases
                ]

    def derives(name: str) -> bool:
        return name == "QDialog" or any(derives(b) for b in bases.get(name, []) if b != name)

    return {name for name in bases if derives(name) and name != "QDialog"} - BASES


class Desk:
    """Cases in each state a dialog opens on, and one builder per dialog class."""

    def __init__(self, ctx, make_actor, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        self.office = Office(ctx, make_actor)
        self.ctx, self.tmp = ctx, tmp_path
        self.admin = make_actor("sys_admin", username="sysadmin")
        self.holder = QWidget()
        self.runner = TaskRunner(self.holder)
        self.case = self.office.in_progress(content=LONG)
        self.registered = self.office.register(content=LONG)
        self.awaiting = self.office.awaiting()
        self.supervised = self._supervised()

    def _supervised(self):  # type: ignore[no-untyped-def]
        """A case with all a supervision dialog shows: a pending extension, a 催办, a 督办单."""
        from hotline_desk.services.supervision import extensions, supervise

        o, ctx = self.office, self.ctx
        case = o.in_progress(content=LONG, category="complaint")
        why = "需会同区经信局、区市场监管局现场核查企业经营情况，并征求财政部门意见后答复。"
        extensions.request_extension(ctx, o.handler, case.id, 5, why)
        supervise.urge_case(ctx, o.desk, case.id, "企业再次来电，请加快办理，于本周五前反馈进展。")
        reason = "企业多次来电反映专项资金未拨付，请科室负责人督促办理并按期书面回复。"
        due = date.today() + timedelta(days=3)
        return supervise.issue_order(ctx, o.desk, case.id, "yellow", reason, due)

    def case_for(self, act: Action):  # type: ignore[no-untyped-def]
        """The case whose state the dialog of ``act`` opens on."""
        if act in (Action.EDIT, Action.ROUTE, Action.REJECT):
            return self.registered
        if act in (Action.APPROVE_REPLY, Action.SEND_BACK, Action.RECORD_REPLY):
            return self.awaiting
        if any(word in act.value for word in ("extension", "order", "urge")):
            return self.supervised
        return self.case

    def action_dialogs(self) -> dict[str, Callable[[], QDialog]]:
        """Every lifecycle dialog, through the registry the main window uses."""
        o = self.office
        built: dict[str, Callable[[], QDialog]] = {}
        for act in sorted(registered_actions(), key=str):
            factory = factory_for(act)
            assert factory is not None

            def make(act=act, factory=factory) -> QDialog:  # type: ignore[no-untyped-def]
                detail = _with_work(o.ctx, o.desk, self.case_for(act))
                request = DialogRequest(o.ctx, o.desk, detail, act, o.topics, o.units, None)
                return factory(request)  # type: ignore[return-value]

            cls = _class_of(factory)
            built.setdefault(cls, make)
        return built


def _class_of(factory: Callable[..., object]) -> str:
    """The dialog class a registered factory builds (its ``open_for`` or the lambda's ``cls``)."""
    owner = getattr(factory, "__self__", None)
    if isinstance(owner, type):
        return owner.__name__
    return inspect.getclosurevars(factory).nonlocals["cls"].__name__  # type: ignore[no-any-return]


@pytest.fixture
def desk(ctx, make_actor, tmp_path) -> Desk:  # type: ignore[no-untyped-def]
    d = Desk(ctx, make_actor, tmp_path)
    yield d
    d.runner.wait()
    d.holder.deleteLater()


def builders(desk: Desk) -> dict[str, Callable[[], QDialog]]:
    from hotline_desk.domain.periods import Period
    from hotline_desk.gui.cases.attachment_preview import AttachmentPreview
    from hotline_desk.gui.cases.attachments_view import WithdrawDialog
    from hotline_desk.gui.cases.export_dialog import ExportDialog
    from hotline_desk.gui.intake.import_dialog import ImportDialog
    from hotline_desk.gui.intake.results_dialog import ResultsDialog
    from hotline_desk.gui.pages.backup_restore import RestoreDialog
    from hotline_desk.gui.pages.calendar import DayDialog
    from hotline_desk.gui.pages.disclosure_dialog import DisclosureDialog
    from hotline_desk.gui.pages.limits import LimitDialog
    from hotline_desk.gui.pages.users import EditUserDialog, NewUserDialog, RolesDialog
    from hotline_desk.gui.printing.preview import PrintPreviewDialog
    from hotline_desk.gui.shell.connection import ConnectionDialog
    from hotline_desk.gui.shell.help_window import HelpWindow
    from hotline_desk.gui.shell.login import LoginDialog, PasswordDialog
    from hotline_desk.gui.shell.second_factor import EnrolDialog, SecondFactorDialog
    from hotline_desk.gui.shell.setup_assistant import SetupAssistant
    from hotline_desk.services.admin import calendar as calendar_service
    from hotline_desk.services.admin import users
    from hotline_desk.settings import Paths

    ctx, o = desk.ctx, desk.office
    made = desk.action_dialogs()
    made.update({
        "PrintPreviewDialog": lambda: PrintPreviewDialog(ctx, o.desk, desk.runner, desk.case.id),
        "ExportDialog": lambda: ExportDialog(o.desk, 1234, desk.tmp),
        "ImportDialog": lambda: ImportDialog(ctx, o.desk, desk.tmp),
        "ResultsDialog": lambda: ResultsDialog(ctx, o.desk, desk.tmp),
        "LimitDialog": lambda: LimitDialog(ctx, desk.admin, None),
        "NewUserDialog": lambda: NewUserDialog(ctx, desk.admin, catalog.list_org_units(ctx)),
        "ConnectionDialog": lambda: ConnectionDialog(Paths.resolve(desk.tmp)),
        "LoginDialog": lambda: LoginDialog(ctx, "hotline.sqlite", "duban"),
        "PasswordDialog": lambda: PasswordDialog(ctx, o.desk, o.desk.username, forced=True),
        "RolesDialog": lambda: RolesDialog(ctx, desk.admin, users.list_users(ctx, desk.admin)[0]),
        "SetupAssistant": lambda: SetupAssistant(ctx, desk.admin, 1, desk.tmp),
        "EditUserDialog": lambda: EditUserDialog(
            ctx, desk.admin, users.list_users(ctx, desk.admin)[0], catalog.list_org_units(ctx)
        ),
        "EnrolDialog": lambda: EnrolDialog(ctx, desk.admin, forced=True),
        "SecondFactorDialog": lambda: SecondFactorDialog(ctx, desk.admin),
        "HelpWindow": lambda: HelpWindow(["desk"], "zh_CN"),
        "DisclosureDialog": lambda: DisclosureDialog(
            ctx, o.desk, desk.runner, Period.month(date.today().year, date.today().month)
        ),
        "RestoreDialog": lambda: RestoreDialog(_restore_check(desk.tmp)),
        "AttachmentPreview": lambda: AttachmentPreview(_opened_photo(), lambda _i: None),
        "WithdrawDialog": lambda: WithdrawDialog(_opened_photo().info),
        "DayDialog": lambda: DayDialog(
            ctx, desk.admin, _day(calendar_service, ctx, desk.admin)
        ),
        "AdvancedSearchDialog": lambda: _advanced_search(desk),
    })  # fmt: skip
    return made


def _advanced_search(desk: Desk) -> QDialog:
    """高级查询 on a case list (kept alive on ``desk``) with a long search typed."""
    from hotline_desk.gui.cases.search_dialog import AdvancedSearchDialog
    from hotline_desk.gui.cases.workspace import CaseWorkspace
    from hotline_desk.services.dto import CaseFilter

    ctx, o = desk.ctx, desk.office
    topics, units = catalog.list_topics(ctx), catalog.list_org_units(ctx)
    desk.workspace = CaseWorkspace(ctx, o.desk, desk.runner, topics, units)  # type: ignore[attr-defined]
    panel = desk.workspace.panel  # type: ignore[attr-defined]
    panel.set_filter(CaseFilter(text="电梯 故障 物业负责人 解放路844号", channel="hotline"))
    return AdvancedSearchDialog(ctx, o.desk, panel, topics, units)


def _day(calendar_service, ctx, actor):  # type: ignore[no-untyped-def]
    today = date.today()
    view = calendar_service.year_view(ctx, today.year)
    return view.days[(today - date(today.year, 1, 1)).days]


def _opened_photo():  # type: ignore[no-untyped-def]
    """A 3000×2000 photo with a long name, as opened from a case (scaled to the window)."""
    from hotline_desk.services.attachments.files import AttachmentInfo, OpenedFile
    from tests.services.test_attachments import png_bytes

    content = png_bytes(3000, 2000)
    name = "东门外道路夜间施工现场照片（市民拍摄，反映噪音扰民问题）第01张.png"
    info = AttachmentInfo(7, 1, "RX20261120-0001", "photo", name, "png", "image/png",
                          len(content), "0" * 64, datetime(2026, 11, 20, 10, 5), "王登记",
                          None, "", "", True, True, True)  # fmt: skip
    return OpenedFile(info, content)


def _restore_check(folder: Path):  # type: ignore[no-untyped-def]
    """What a restore of a month-old backup found: every check passed, 16 tables counted."""
    from hotline_desk.services.backup.restore import CountRow, RestoreCheck
    from hotline_desk.store.backup.layout import Check

    tables = ("cases", "case_events", "replies", "audit_log", "users", "org_units", "topics",
              "attachments", "callbacks", "supervision_orders", "urges", "extensions",
              "work_calendar", "time_limits", "templates", "settings")  # fmt: skip
    return RestoreCheck(
        source=folder / "hotline-20261105-0200.zip", name="hotline-20261105-0200.zip",
        engine="sqlite", made_at=datetime(2026, 11, 5, 2, 0), kind="scheduled",
        made_by="系统", desk_version="1.4.0", schema_revision="0031", head_revision="0032",
        schema_known=True,
        checks=tuple(Check(n, True, "ok") for n in ("integrity", "audit_chain", "row_counts",
                                                   "sha256", "archive")),
        counts=tuple(CountRow(t, 1000 + i * 37, 1100 + i * 41) for i, t in enumerate(tables)),
        live_error="", files_back=("attachments/2026/11",), files_kept=(), prepared="x",
    )  # fmt: skip


NOT_BUILT: dict[str, str] = {}
"""Dialogs this test does not build yet, each with why; everything else must be built."""


def test_every_dialog_is_listed(desk: Desk) -> None:
    listed = set(builders(desk)) | set(NOT_BUILT)
    assert dialog_classes() == listed, "a dialog is missing from builders() or NOT_BUILT"


@pytest.mark.parametrize("scale", sorted(SCREENS))
def test_every_dialog_fits_the_screen(qtbot, app, desk: Desk, monkeypatch, scale, tmp_path) -> None:  # type: ignore[no-untyped-def]
    room = SCREENS[scale]
    monkeypatch.setattr(fit, "available_room", lambda widget=None: room)
    screen = QRect(0, 0, room.width() - fit.FRAME.width(), room.height() - fit.FRAME.height())
    too_big: list[str] = []
    shots = Path(os.environ.get("HOTLINE_DESK_TEST_ARTIFACTS") or tmp_path) / "dialogs" / scale
    shots.mkdir(parents=True, exist_ok=True)
    for name, make in sorted(builders(desk).items()):
        try:
            dialog = make()
        except Exception as exc:  # noqa: BLE001 - listed below, not swallowed
            too_big.append(f"{name} not built: {exc!r}")
            continue
        qtbot.addWidget(dialog)
        dialog.move(0, 0)
        dialog.show()
        qtbot.waitExposed(dialog)
        size = dialog.size()
        dialog.grab().save(str(shots / f"{name}.png"))  # to look at: each at its opening size
        if size.width() > screen.width() or size.height() > screen.height():
            too_big.append(f"{name} {size.width()}×{size.height()}")
        else:
            for button in _buttons(dialog):
                corner = button.mapTo(dialog, button.rect().bottomRight())
                assert dialog.rect().contains(corner), f"{name}: {button.text()} is cut off"
        dialog.done(0)
    assert not too_big, f"larger than {screen.width()}×{screen.height()} at {scale}: {too_big}"


def _buttons(dialog: QDialog) -> list[QAbstractButton]:
    boxes = dialog.findChildren(QDialogButtonBox)
    found = [b for box in boxes for b in box.buttons() if b.isVisible()]
    return found or [b for b in dialog.findChildren(QAbstractButton) if b.isVisible()]
