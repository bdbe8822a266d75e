"""Offscreen pictures of kept drafts for ``hotline-desk screenshots`` (issue 18): the 登记 page
and the 转办 dialog each opening with the bar that offers what was typed last time
(恢复上次未提交的草稿（…）？ 恢复 / 放弃). The drafts are written for the pictures and dropped
afterwards."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from hotline_desk.domain.actions import Action
from hotline_desk.gui.cases.form_draft import KIND as FORM_KIND
from hotline_desk.gui.shots.helpers import SIZE, grab, save
from hotline_desk.services import drafts
from hotline_desk.services.cases import catalog, queries, read_model
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseFilter


def render_draft_shots(ctx: ServiceContext, desk: Actor, out: Path, database: str) -> list[Path]:
    from hotline_desk.gui.actions.route import RouteDialog
    from hotline_desk.gui.shell.main_window import MainWindow

    shots: list[Path] = []
    form = {
        "caller_name": QCoreApplication.translate("draft_shots", "周先生"),
        "caller_phone": "13905718826",
        "title": QCoreApplication.translate("draft_shots", "咨询技术改造补助申报时间"),
        "content": QCoreApplication.translate(
            "draft_shots", "来电人称其企业新购置数控设备，想了解技术改造补助何时申报，"
        ),
    }
    drafts.save_draft(ctx, desk, FORM_KIND, None, form)
    window = MainWindow(ctx, desk, None, database)
    window.show_page("register")
    shots.append(save(window, out, "register_draft_offer", SIZE))
    window.close()
    drafts.discard_draft(ctx, desk, FORM_KIND, None)

    waiting = queries.list_cases(ctx, desk, CaseFilter(statuses=("registered",)), limit=1).rows
    if waiting:
        case = read_model.get_case(ctx, desk, waiting[0].id)
        opinion = QCoreApplication.translate(
            "draft_shots", "请产业发展科核实企业申报材料，按技改补助政策答复来电人。"
        )
        drafts.save_draft(ctx, desk, "RouteDialog", case.id, {"opinion": opinion, "note": ""})
        topics, units = catalog.list_topics(ctx), catalog.list_org_units(ctx)
        dialog = RouteDialog(ctx, desk, case, Action.ROUTE, topics, units)
        shots.append(grab(dialog, out / "route_draft_offer.png"))
        drafts.discard_draft(ctx, desk, "RouteDialog", case.id)
    return shots
