"""Offscreen pictures of closing the loop and of duplicates for ``hotline-desk screenshots``: the
回访 page (queue and case), the callback dialog filled in, the screening dialog, the 回访与关联
tab of a reopened case, the registration form with its duplicate panel, and the merge dialog.
Nothing is saved: dialogs are built, filled, grabbed and closed; the form is cleared."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from hotline_desk.gui.actions.callbacks import CallbackDialog, ScreenDialog
from hotline_desk.gui.actions.duplicates import MergeDialog
from hotline_desk.gui.shots.helpers import grab, save, wait_until
from hotline_desk.services.callbacks.dto import CallbackInfo
from hotline_desk.services.cases import duplicates, queries, read_model, reveal
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseDetail, CaseFilter

if TYPE_CHECKING:
    from hotline_desk.gui.shell.main_window import MainWindow


def _newest(ctx: ServiceContext, actor: Actor, statuses: tuple[str, ...],
            fits: Callable[[int], bool], tries: int = 60) -> int | None:  # fmt: skip
    """The newest case in ``statuses`` that ``fits`` (among the newest ``tries``)."""
    rows = queries.list_cases(ctx, actor, CaseFilter(statuses=statuses), limit=tries).rows
    return next((r.id for r in rows if fits(r.id)), None)


def _unsatisfied(detail: CaseDetail, actor: Actor) -> CaseDetail:
    """The case as if its callback had just found the citizen unsatisfied (for the picture)."""
    assert detail.work is not None and detail.work.closing is not None
    at = detail.work.replied_at or detail.received_at
    words = QCoreApplication.translate(
        "closing_shots", "答复说下月解决，但至今没有落实，也没人联系我"
    )
    rating = CallbackInfo(detail.work.closing.reopen_count, 1, at, actor.display_name, "reached",
                          "unsatisfied", False, words, "")  # fmt: skip
    before = detail.work.closing
    closing = replace(before, callback_status="reached", satisfaction="unsatisfied",
                      screening="pending", callbacks=(*before.callbacks, rating))  # fmt: skip
    return replace(detail, work=replace(detail.work, closing=closing))


def render_closing_shots(ctx: ServiceContext, out: Path, window: MainWindow,
                         desk: Actor) -> list[Path]:  # fmt: skip
    """Shots of the desk's 回访 page and dialogs and of the registration duplicate panel;
    ``window`` is the desk's main window."""
    shots: list[Path] = []
    window.show_page("callbacks")
    page = window.page("callbacks")
    wait_until(lambda: page.model.total is not None and not page.model.loading)
    if page.model.rowCount():
        page.table.selectRow(0)
        wait_until(lambda: page.detail.case is not None)
    shots.append(save(window, out, "callback_queue"))
    if page.detail.case is not None and page.detail.case.work is not None:
        detail = page.detail.case
        dialog = CallbackDialog(ctx, desk, detail)
        dialog.outcome.set_value("reached")
        dialog.satisfaction.set_value("basically")
        dialog.resolved.set_value(True)
        dialog.words.set_text(
            QCoreApplication.translate("closing_shots", "问题已经解决了，就是比预计晚了一周")
        )
        shots.append(grab(dialog, out / "callback_dialog.png"))
        screen = ScreenDialog(ctx, desk, _unsatisfied(detail, desk))
        screen.verdict.set_value(True)
        screen.reason.set_text(
            QCoreApplication.translate("closing_shots", "承办科室答复的办理时限未落实，诉求合理")
        )
        shots.append(grab(screen, out / "screen_dialog.png"))

    def was_reopened(case_id: int) -> bool:
        work = read_model.get_case(ctx, desk, case_id).work
        return bool(work and work.closing and work.closing.reopen_count)

    reopened = _newest(ctx, desk, ("closed",), was_reopened)
    if reopened is not None:
        window.show_page("cases")
        window.open_case(reopened)
        detail_panel = window.detail
        detail_panel.tabs.setCurrentWidget(detail_panel.closing_view)
        shots.append(save(window, out, "case_closing_tab"))
        detail_panel.tabs.setCurrentIndex(0)

    shots += _duplicate_shots(ctx, out, window, desk)
    return shots


def _duplicate_shots(ctx: ServiceContext, out: Path, window: MainWindow,
                     desk: Actor) -> list[Path]:  # fmt: skip
    """The registration form holding a second call about a recent case, and the merge dialog."""
    shots: list[Path] = []

    def has_phone(case_id: int) -> bool:
        return bool(read_model.get_case(ctx, desk, case_id).caller_phone)

    master = _newest(ctx, desk, ("dispatched", "in_progress"), has_phone)
    if master is None:
        return shots
    case = read_model.get_case(ctx, desk, master)
    # the caller calls again: the clerk types the number heard, not the detail's masked one
    phone = reveal.reveal_caller(ctx, desk, master).phone
    window.show_page("register")
    page = window.register_page
    form = page.form
    form.channel.set_value("mailbox")
    form.caller_name.setText(QCoreApplication.translate("closing_shots", "李明"))
    form.caller_phone.setText(phone)
    form.category.set_value(case.category)
    form.topic.set_topic(case.topic_id)
    again = QCoreApplication.translate("closing_shots", "再次反映：")
    form.title.setText(again + case.title)
    form.content.setPlainText(again + case.content)
    page.duplicates.timer.setInterval(0)
    wait_until(lambda: page.duplicates.result is not None
         and page.duplicates.shown_generation == page.duplicates.generation)  # fmt: skip
    shots.append(save(window, out, "register_duplicates"))
    page.start_new()

    def has_master(case_id: int) -> bool:
        found = duplicates.duplicates_of_case(ctx, desk, case_id).candidates
        return any(c.likely and c.mergeable for c in found)

    target = _newest(ctx, desk, ("registered",), has_master, 30) or _newest(
        ctx, desk, ("registered",), lambda _i: True
    )
    if target is not None:
        merge = MergeDialog(ctx, desk, read_model.get_case(ctx, desk, target))
        shots.append(grab(merge, out / "merge_dialog.png"))
    return shots
