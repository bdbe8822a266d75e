"""Translations: Chinese is the source language shown by default; the English .ts/.qm translate
every message, stay in step with the code, and a window built under English shows English."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTranslator

from hotline_desk.domain.actions import SPECS
from hotline_desk.domain.enums import LABELS
from hotline_desk.gui.cases.inbox_page import QUEUE_LABELS
from hotline_desk.gui.common.domain_messages import ACTION_WORDS
from hotline_desk.gui.common.enum_labels import ENUM_LABELS
from hotline_desk.gui.shell.app import _install_translators
from hotline_desk.gui.shell.main_window import MainWindow
from hotline_desk.services.cases import queues, registration
from hotline_desk.settings import resources_dir
from tests.factories import case_input

GUI = Path(__file__).resolve().parents[2] / "hotline_desk" / "gui"
TRANSLATIONS = resources_dir() / "translations"
TS = TRANSLATIONS / "hotline_desk_en.ts"
QM = TRANSLATIONS / "hotline_desk_en.qm"
PLACEHOLDER = re.compile(r"\{\w*\}")
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _messages(path: Path) -> list[tuple[str, str, str | None, ET.Element]]:
    """(context, source, comment, translation element) of every message in a .ts file."""
    rows = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            rows.append((name, message.findtext("source") or "", message.findtext("comment"),
                         translation))  # fmt: skip
    return rows


@pytest.fixture
def english(app) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """English for the duration of one test; Chinese again afterwards for the other tests."""
    assert _install_translators(app, "en"), "hotline_desk_en.qm did not load"
    try:
        yield
    finally:
        _install_translators(app, "zh_CN")


def _nav(window: MainWindow) -> list[str]:
    return [window.nav.item(i).text() for i in range(window.nav.count())]


def _headers(window: MainWindow) -> list[str]:
    """The headers shown (匹配内容 shows while searching only)."""
    assert window.case_panel is not None
    model, table = window.case_panel.model, window.case_panel.table
    return [model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
            for c in range(model.columnCount()) if not table.isColumnHidden(c)]  # fmt: skip


def _open_window(qtbot, ctx, actor) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, actor)
    qtbot.addWidget(window)
    if window.case_panel is not None:
        model = window.case_panel.model
        qtbot.waitUntil(lambda: model.total is not None and not model.loading)
    return window


def test_chinese_is_shown_by_default(qtbot, app, ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    window = _open_window(qtbot, ctx, make_actor("desk", "intake"))
    assert _nav(window) == ["我的待办", "全部办件", "登记", "督办台", "回访", "统计"]
    assert window.inbox is not None
    assert window.inbox.buttons["to_route"].text() == "待转办"
    assert _headers(window)[:3] == ["办件编号", "受理时间", "来源渠道"]
    assert "办公室督办员" in window.user_label.text()
    assert window.case_panel is not None
    assert window.case_panel.status.itemText(1) == "全部未办结"


def test_english_main_window(qtbot, app, ctx, make_actor, english, tmp_path) -> None:  # type: ignore[no-untyped-def]
    clerk = make_actor("desk", "intake")
    registration.register_case(ctx, clerk, case_input(ctx))
    window = _open_window(qtbot, ctx, clerk)
    qtbot.waitUntil(lambda: window.case_panel.model.rowCount() == 1)
    assert window.windowTitle() == "Mayor's Hotline · Mayor's Mailbox Case Desk"
    inbox = window.inbox
    assert inbox is not None
    qtbot.waitUntil(lambda: inbox.counts.get("to_route") == 1)  # counted off the GUI thread
    assert _nav(window) == ["My tasks (1)", "All cases", "Register", "Supervision", "Callbacks",
                            "Statistics"]  # fmt: skip
    assert [b.text() for b in inbox.buttons.values()] == [
        "To route (1)",
        "Returns to review",
        "In progress",
        "Sent back",
        "Reply to record",
        "Extensions to decide",
    ]  # QUEUE_LABELS, context "InboxPage"
    assert [a.text() for a in window.menuBar().actions()] == ["&Cases", "&System", "&View", "&Help"]
    assert _headers(window) == ["Case no.", "Received", "Channel", "Type", "Title", "Caller",
                                "Phone", "Topic", "Lead section", "Urgency", "Status"]  # fmt: skip
    assert "Roles: Intake clerk, Supervising officer" in window.user_label.text()
    panel = window.case_panel
    assert panel.status.itemText(1) == "All open"
    assert panel.channel.itemText(1) == "Mayor's hotline"  # an enum label, context "enum"
    model = panel.model
    row = [model.data(model.index(0, c)) for c in (2, 3, 9, 10)]
    assert row == ["Mayor's hotline", "Inquiry", "Normal", "Registered"]
    assert panel.total_label.text() == "Total: 1"
    form = window.register_page.form
    assert form.category.itemText(0) == "Please choose"
    detail = window.detail
    assert detail.heading.text() == "Select a case in the list on the left"
    tabs = [detail.tabs.tabText(i) for i in range(detail.tabs.count())]
    # && shows as "&" (not a mnemonic)
    assert tabs == ["History", "Handling && reply", "Callback && links", "Attachments"]
    window.open_case(model.row(0).id)
    assert detail.work_view.toPlainText().startswith("Not yet routed\nDeadlines\nReply by: ")
    actions = detail.actions.buttons  # Action labels as verbs, context "actions"
    assert [actions[a].text() for a in ("route", "handle_directly", "reject", "instruct")] == [
        "Route",
        "Handle directly",
        "Reject",
        "Instruct",
    ]

    window.resize(1366, 740)
    window.show()
    assert window.grab().save(str(tmp_path / "en_main.png"))  # to look at when in doubt

    auditor = _open_window(qtbot, ctx, make_actor("audit_admin"))
    assert _nav(auditor) == ["Users", "Audit log"]  # 用户管理: the dual-control requests
    admin = _open_window(qtbot, ctx, make_actor("sys_admin"))
    # the page title says "Reply templates"
    assert _nav(admin) == ["Templates", "Office settings", "Organisation", "Routing catalogue",
                          "Work calendar", "Time limits", "Backup and restore", "Users",
                          "Statistics"]  # fmt: skip


def test_a_window_built_after_switching_back_is_chinese(qtbot, app, ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    _install_translators(app, "en")
    _install_translators(app, "zh_CN")
    installed = app.findChildren(QTranslator, "hotline_desk_translator")
    assert all(t.language() != "en" for t in installed)
    window = _open_window(qtbot, ctx, make_actor("desk"))
    assert _nav(window) == ["我的待办", "全部办件", "登记", "督办台", "回访", "统计"]


def test_ts_has_no_unfinished_translations() -> None:
    messages = _messages(TS)
    assert len(messages) > 200
    for context, source, _comment, translation in messages:
        where = f"{context}: {source!r}"
        assert translation.get("type") is None, f"unfinished or obsolete: {where}"
        text = translation.text or ""
        assert text.strip(), f"empty translation: {where}"
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), where
        # "&&" is a literal ampersand in widget texts with mnemonics (menus, buttons, tabs)
        accelerators = text.replace("&&", "").count("&")
        assert accelerators == source.replace("&&", "").count("&"), f"accelerator lost: {where}"
        assert text.count("\n") == source.count("\n"), where


def test_qm_is_compiled_from_the_ts() -> None:
    translator = QTranslator()
    assert translator.load(str(QM))
    for context, source, comment, translation in _messages(TS):
        assert translator.translate(context, source, comment) == translation.text, (
            f"{context}: {source!r} — run pyside6-lrelease (resources/translations/README.md)"
        )


def test_every_enum_label_is_listed_for_translation() -> None:
    labels = {text for per_enum in LABELS.values() for text in per_enum.values()}
    assert set(ENUM_LABELS) == labels
    assert {s for c, s, _m, _t in _messages(TS) if c == "enum"} == labels


def test_every_statistics_label_is_listed_for_translation() -> None:
    from hotline_desk.domain import kpi, periods
    from hotline_desk.gui.common.kpi_labels import KPI_LABELS

    words = {k.label for k in kpi.KPIS} | set(kpi.BREAKDOWN_LABELS.values())
    words |= set(kpi.BREAKDOWN_HEADERS.values())
    words |= {kpi.TOTAL_LABEL} | set(kpi.NONE_LABELS.values()) | set(kpi.DRILL_LABELS.values())
    words |= set(periods.PERIOD_KIND_LABELS.values())
    assert set(KPI_LABELS) == words
    assert words <= {s for c, s, _m, _t in _messages(TS) if c == "kpi"}


def test_every_queue_and_action_label_is_listed_for_translation() -> None:
    """Inbox queue names (services) and action buttons (domain) are translated from tables lupdate
    cannot see; inbox_page.py and case_work_view.py list them, and must stay in step."""
    messages = _messages(TS)
    assert set(QUEUE_LABELS) == set(queues.QUEUE_LABELS.values())
    assert set(QUEUE_LABELS) <= {s for c, s, _m, _t in messages if c == "InboxPage"}
    words = {s.label for s in SPECS} | {s.button_text for s in SPECS}
    assert set(ACTION_WORDS) == words
    assert words <= {s for c, s, _m, _t in messages if c == "actions"}


@pytest.mark.skipif(shutil.which("pyside6-lupdate") is None, reason="pyside6-lupdate not found")
def test_ts_is_up_to_date_with_the_code(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in GUI.rglob("*.py"))
    subprocess.run(
        ["pyside6-lupdate", *sources, "-ts", str(fresh), "-source-language", "zh_CN",
         "-target-language", "en", "-locations", "none", "-no-obsolete"],
        check=True, capture_output=True,
    )  # fmt: skip

    def keys(path: Path) -> set[tuple[str, str, str | None]]:
        return {(c, s, m) for c, s, m, _t in _messages(path)}

    assert keys(fresh) == keys(TS), "re-run pyside6-lupdate (resources/translations/README.md)"


def _untranslated_literals(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        parent = parents.get(node)
        if not CJK.search(node.value) or isinstance(parent, ast.Expr):  # docstrings
            continue
        func = parent.func if isinstance(parent, ast.Call) else None
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name not in {"tr", "translate", "QT_TRANSLATE_NOOP", "QT_TR_NOOP"}:
            found.append(f"{path.name}:{node.lineno}: {node.value!r}")
    return found


def test_chinese_literals_in_gui_go_through_translation() -> None:
    found = [hit for path in sorted(GUI.rglob("*.py")) for hit in _untranslated_literals(path)]
    # shots/run.py types sample input into the form; that is data, not UI text
    assert [hit for hit in found if not hit.startswith("run.py:")] == []


def test_every_refusal_template_has_an_english_translation() -> None:
    """The domain's and the services' refusals (tools/domain_messages.py finds them) are listed
    for lupdate and translated, context "domain"."""
    from hotline_desk.gui.common.domain_messages import DOMAIN_MESSAGES
    from tools import domain_messages

    templates = domain_messages.templates()
    assert list(DOMAIN_MESSAGES) == templates, "run python tools/domain_messages.py"
    finished = {
        s: t.text for c, s, _m, t in _messages(TS) if c == "domain" and t.get("type") is None
    }
    missing = [t for t in templates if not finished.get(t)]
    assert missing == [], "translate these in the .ts (context domain), then run pyside6-lrelease"
    assert not [t for t in templates if CJK.search(finished[t])], "a translation is still Chinese"


def test_refusals_are_shown_in_english(app, english, qtbot) -> None:  # type: ignore[no-untyped-def]
    from hotline_desk.domain.actions import Action
    from hotline_desk.domain.enums.handling import CaseStatus
    from hotline_desk.domain.enums.org import Role
    from hotline_desk.domain.errors import NotFound, PermissionDenied, ValidationError, msg
    from hotline_desk.domain.lifecycle import InvalidTransition
    from hotline_desk.domain.routing import text_error
    from hotline_desk.gui.common.errors import error_text
    from hotline_desk.gui.common.widgets import ErrorLabel
    from hotline_desk.gui.common.words import render

    refused = InvalidTransition(
        "办件当前状态为“{status}”，不能{action}", status=CaseStatus.CLOSED, action=Action.ROUTE
    )
    assert str(refused) == "办件当前状态为“已办结”，不能转办"  # logs and the CLI: Chinese
    assert error_text(refused) == "The case is “Closed”; “Route” is not possible now"
    denied = PermissionDenied("您没有“{action}”的权限（需要：{roles}）", action=msg("查看统计"),
                              roles=(Role.DESK, Role.LEADER))  # fmt: skip
    assert error_text(denied) == (
        "You are not allowed to “view statistics” (requires: Supervising officer, Bureau leader)"
    )
    assert error_text(NotFound("办件不存在")) == "No such case"
    problem = text_error("退回依据", "", 10)
    assert render(problem or "") == "Enter the basis for the return"
    invalid = ValidationError({"basis": problem or "", "note": "协办科室重复"})
    assert (
        error_text(invalid)
        == "Enter the basis for the return; An assisting section is listed twice"
    )
    label = ErrorLabel()
    qtbot.addWidget(label)
    label.set_error(problem or "")
    assert label.text() == "Enter the basis for the return"
    assert render("张三") == "张三"  # not a template: shown as it is
    assert error_text(NotFound("办件 {case_no} 不存在或您无权查看", case_no="说明")) == (
        "Case 说明 does not exist or you may not see it"  # what the user typed is not translated
    )


def test_timeline_summaries_in_english(qtbot, app, ctx, make_actor, english) -> None:  # type: ignore[no-untyped-def]
    """A new event keeps its summary's template with it (``changes`` JSON, ``_summary``): the
    summary column and str() stay Chinese, the timeline shows English; older rows, which have
    only the Chinese text, are shown as stored."""
    from hotline_desk.gui.cases.detail import CaseDetailPanel
    from hotline_desk.gui.common.words import render

    clerk = make_actor("desk", "intake")
    detail = registration.register_case(ctx, clerk, case_input(ctx))
    event = detail.events[-1]
    assert event.summary == "市长热线登记" and "_summary" not in event.changes
    assert render(event.summary) == "Registered (Mayor's hotline)"
    panel = CaseDetailPanel(now=ctx.now)
    qtbot.addWidget(panel)
    panel.show_case(detail)
    item = panel.timeline.topLevelItem(panel.timeline.topLevelItemCount() - 1)
    assert item.text(4) == "Registered (Mayor's hotline)"
    assert render("市长热线登记") == "市长热线登记"  # an older row: as stored
