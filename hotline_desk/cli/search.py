"""``hotline-desk search "TERM" --user NAME [--limit N] [--json]``: full-text search as the
desk's search box does it (issue 16) — the cases the user may see holding every term, newest
first, each with its case number, title and the text around the match (【】 marks it); the
caller's fields are searched only for users who may see them. When nothing is found it says
why. ``--rebuild`` writes the whole search index again (a repair, by 系统管理员 or 办公室)."""

from __future__ import annotations

import json
import sys
from argparse import Namespace
from typing import Any

from hotline_desk.cli import login
from hotline_desk.cli.helptext import bi, describe

REASONS = {
    "too_short": "检索词太短：每个词至少 2 个字",
    "nothing": "没有找到包含这些词的办件",
    "filtered": "有办件包含这些词，但不符合筛选条件",
}


def add_command(sub: Any, common: Any) -> None:
    cmd = sub.add_parser(
        "search",
        parents=[common],
        help=bi("全文检索办件", "full-text search of the cases"),
        description=describe(
            "以 --user 登录，检索该用户可见的办件：标题、诉求内容、平台工单号、办理意见、办理记录、"
            "答复和回访记录；可查看来电人信息的用户还检索来电人姓名、电话和地址。多个词以空格分隔，"
            "须全部包含；全角半角、大小写、繁简体不论。按登记先后倒序输出办件编号、标题和匹配处。",
            "Logs in as --user and searches the cases that user may see: title, content, platform "
            "reference, opinions, handling notes, replies and callback remarks; users who may see "
            "callers also search the caller's name, phone and address. Words separated by spaces "
            "must all occur; full/half width, case and traditional/simplified do not matter. "
            "Prints case number, title and the matched text, newest first.",
        ),
    )
    cmd.add_argument("term", nargs="?", default="", help=bi("检索词", "the words to find"))
    cmd.add_argument(
        "--limit", type=int, default=20, metavar="N", help=bi("最多输出 N 件", "at most N hits")
    )
    cmd.add_argument(
        "--json",
        action="store_true",
        dest="as_json",
        help=bi("以 JSON（UTF-8）输出", "print the hits as JSON (UTF-8)"),
    )
    cmd.add_argument(
        "--rebuild",
        action="store_true",
        help=bi(
            "重建整个检索索引（修复用，须系统管理员或办公室角色）",
            "rebuild the whole search index (a repair; sys admin or desk role)",
        ),
    )
    login.add_user_option(cmd)


@login.refusing
def run_search(args: Namespace) -> int:
    with login.logged_in(args) as (ctx, actor):
        if args.rebuild:
            from hotline_desk.services.search.service import rebuild_index

            done = rebuild_index(ctx, actor, _progress)
            print(f"已重建检索索引：{done:,} 件")
            return 0
        from hotline_desk.services.search.service import search

        page = search(ctx, actor, args.term, None, args.limit)
    if args.as_json:
        hits = [
            {
                "case_no": h.case_no,
                "title": h.title,
                "status": h.status,
                "received_at": h.received_at.isoformat(" ", "minutes"),
                "field": str(h.snippet.field) if h.snippet else None,
                "snippet": h.snippet.marked() if h.snippet else None,
            }
            for h in page.hits
        ]
        reason = page.reason.value if page.reason else None
        data = {"total": page.total, "hits": hits, "reason": reason}
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return 0
    for h in page.hits:
        where = f"  [{h.snippet.field}] {h.snippet.marked()}" if h.snippet else ""
        print(f"{h.case_no}  {h.title}{where}")
    if page.reason:
        print(f"共 0 件：{REASONS[page.reason.value]}")
    else:
        print(f"共 {page.total:,} 件" + (f"，显示前 {len(page.hits)} 件" if page.more else ""))
    return 0


def _progress(done: int, total: int) -> None:
    print(f"\r重建检索索引：{done:,}/{total:,}", end="" if done < total else "\n", file=sys.stderr)
