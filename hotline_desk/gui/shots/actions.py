"""Offscreen pictures of the lifecycle dialogs for ``hotline-desk screenshots``: the route dialog,
the reply editor (a draft that was sent back) and the review dialog, filled with realistic
content. Nothing is saved: the dialogs are built, filled, grabbed and closed."""

from __future__ import annotations

import random
import re
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from hotline_desk.demo.hours import OfficeHours, office_calendar
from hotline_desk.demo.text import routing_opinion
from hotline_desk.domain.actions import Action
from hotline_desk.domain.errors import DeskError
from hotline_desk.gui.actions.replies import ReplyDialog, ReviewDialog
from hotline_desk.gui.actions.route import RouteDialog
from hotline_desk.gui.shots.helpers import grab
from hotline_desk.services.cases import catalog, read_model
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseDetail
from hotline_desk.services.lifecycle import templates
from hotline_desk.services.lifecycle.dto import DraftInfo, ReviewInfo

_GAP = re.compile(f"^[({chr(0xFF08)}][^\\n]{{2,16}}[){chr(0xFF09)}]$", re.MULTILINE)
"""A template's "(答复内容)"-style line, where the handler writes the substance."""


def _sample_reply(ctx: ServiceContext, actor: Actor, detail: CaseDetail) -> str:
    """The case's category template filled for the case, its gap written in."""
    body = QCoreApplication.translate(
        "action_shots",
        "经核实，您反映的事项属于我局职责范围。我们已会同相关单位研究处理，"
        "将于5个工作日内把处理结果告知您。",
    )
    found = templates.list_templates(ctx)
    chosen = next((t for t in found if t.category == detail.category), None)
    if chosen is None:
        return body
    try:
        text = templates.fill_template(ctx, actor, detail.id, chosen.id)
    except DeskError:
        return body
    return _GAP.sub(body, text, count=1)


def _draft_times(ctx: ServiceContext, detail: CaseDetail) -> list[datetime]:
    """When the first draft was written, sent back and the second written: in office hours
    after the case came in, and before ``now`` (the screenshots' clock)."""
    now = ctx.now()
    start = max(detail.received_at, now - timedelta(days=2))
    hours = OfficeHours(office_calendar(ctx), random.Random(detail.id))
    times = [hours.later(start, 0.5, 2)]
    times += [hours.later(times[0], 1, 3)]
    times += [hours.later(times[1], 1, 4)]
    if times[-1] > now:  # a case of a moment ago: evenly in between
        times = [start + (now - start) * n / 4 for n in (1, 2, 3)]
    return [t.replace(second=0, microsecond=0) for t in times]


def _with_drafts(detail: CaseDetail, actor: Actor, reply: str,
                 times: list[datetime]) -> CaseDetail:  # fmt: skip
    """The case as if a first draft had been sent back and a second one submitted."""
    assert detail.work is not None
    reviewer = QCoreApplication.translate("action_shots", "赵科长")
    comment = QCoreApplication.translate("action_shots", "请补充具体的办理时限和联系人电话。")
    sent_back = ReviewInfo("section", "sent_back", comment, reviewer, times[1])
    short = QCoreApplication.translate("action_shots", "经核实，我们将尽快处理。")
    first_text = reply.split("\n\n")[0] + "\n\n" + short
    first = DraftInfo(-1, 1, first_text, actor.display_name, times[0], "sent_back",
                      (sent_back,))  # fmt: skip
    second = DraftInfo(-2, 2, reply, actor.display_name, times[2], None, ())
    work = replace(detail.work, drafts=(first, second), approval_step="section",
                   reply_sent_back=False)  # fmt: skip
    return replace(detail, work=work)


def render_dialogs(ctx: ServiceContext, actor: Actor, detail: CaseDetail,
                   out_dir: Path) -> list[Path]:  # fmt: skip
    """Save route_dialog.png, reply_dialog.png and review_dialog.png of ``detail`` into
    ``out_dir`` (created if missing) and return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    if detail.work is None:
        detail = replace(detail, work=read_model.get_case(ctx, actor, detail.id).work)
    topics, units = catalog.list_topics(ctx), catalog.list_org_units(ctx)
    shots: list[Path] = []

    route = RouteDialog(ctx, actor, detail, Action.ROUTE, topics, units)
    code = next((t.code for t in topics if t.id == detail.topic_id), "")
    route.opinion.setText(routing_opinion(random.Random(detail.id), code))  # the case's matter
    shots.append(grab(route, out_dir / "route_dialog.png"))

    reply = _sample_reply(ctx, actor, detail)
    drafted = _with_drafts(detail, actor, reply, _draft_times(ctx, detail))
    assert drafted.work is not None
    sent_back = replace(drafted, work=replace(drafted.work, drafts=drafted.work.drafts[:1]))
    editor = ReplyDialog(ctx, actor, sent_back)
    editor.editor.set_text(reply)
    shots.append(grab(editor, out_dir / "reply_dialog.png"))

    review = ReviewDialog(ctx, actor, drafted)
    review.comment.set_text(QCoreApplication.translate("action_shots", "同意，请按时答复来电人。"))
    shots.append(grab(review, out_dir / "review_dialog.png"))
    return shots
