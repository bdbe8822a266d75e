"""``hotline-desk disclosure --month YYYY-MM --out F.xlsx --user NAME [--review-file R]``: the
政务公开 list of a month written from the reviewed texts, as the desk's 导出… does (audited under
the user, who needs the desk's role). ``--review-file`` applies review decisions first, each
stored and audited as if made in the preview; ``--require-reviewed`` refuses the export while
a letter of the month is unreviewed. The review file's format is ``REVIEW_FORMAT``."""

from __future__ import annotations

import json
from argparse import ArgumentParser, Namespace
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hotline_desk.cli import login
from hotline_desk.cli.helptext import bi, describe
from hotline_desk.domain.errors import ValidationError
from hotline_desk.domain.periods import Period
from hotline_desk.domain.privacy.disclosure import hide_problem
from hotline_desk.domain.privacy.findings import Kind

if TYPE_CHECKING:  # the command line's parser is built at every start, the window's too
    from hotline_desk.services.context import ServiceContext
    from hotline_desk.services.dto import Actor

KINDS = ", ".join(k.value for k in Kind)
REVIEW_FORMAT = f"""审核文件（--review-file）为 UTF-8 JSON，按办件编号给出审核决定：

  {{
    "XX20261103-0002": {{
      "keep": ["人民路"],
      "hide": [{{"text": "老张家", "kind": "name"}}],
      "check": true
    }}
  }}

  keep   自动检测隐去、但应保留原文的文字（须与检测到的文字完全相同），本件各处均保留；
  hide   检测遗漏、应隐去的文字及其类别，本件标题、来信和答复中各处均按类别隐去；
         类别：{KINDS}
  check  true 表示本件已审核、无需改动。

每条决定与在办件台预览中操作相同：记入数据库（审核人、时间）并写审计日志；同一决定重复给出只记一次。
文件中任一条不成立时不做任何改动、不导出。"""

Decision = tuple[str, str, str, str]  # case_no, action, text, kind


def add_command(sub: Any, common: ArgumentParser) -> None:
    cmd = sub.add_parser(
        "disclosure",
        parents=[common],
        help=bi("导出审核后的政务公开清单", "export the reviewed public-disclosure list"),
        description=describe(
            "以 --user 登录，按审核结果导出某月的政务公开清单（XLSX），记入审计日志。\n\n"
            + REVIEW_FORMAT,
            "Logs in as --user and exports the month's public-disclosure list (XLSX) from the "
            "reviewed texts, audited. --review-file first applies review decisions from a UTF-8 "
            "JSON file (format above: per case number, keep: detected texts to show as written, "
            "hide: missed texts to hide with their kind, check: true when reviewed); one "
            "decision that cannot apply changes nothing.",
        ),
    )
    cmd.add_argument("--month", required=True, help=bi("月份 YYYY-MM", "the month, YYYY-MM"))
    cmd.add_argument(
        "--out", metavar="F", required=True, help=bi("写入的 XLSX 文件", "the XLSX file to write")
    )
    cmd.add_argument(
        "--review-file",
        metavar="R",
        help=bi(
            "先应用此 JSON 文件中的审核决定（格式见上）",
            "apply the review decisions of this JSON file first (format above)",
        ),
    )
    cmd.add_argument(
        "--require-reviewed",
        action="store_true",
        help=bi(
            "本月仍有未审核的来信时拒绝导出",
            "refuse the export while a letter of the month is unreviewed",
        ),
    )
    login.add_user_option(cmd)


@login.refusing
def run_disclosure(args: Namespace) -> int:
    period = Period.parse(args.month)
    decisions = read_review_file(Path(args.review_file)) if args.review_file else []
    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        raise ValidationError({"out": "导出文件须为 .xlsx"})
    with login.logged_in(args) as (ctx, actor):
        if decisions:
            check_decisions(ctx, actor, period, decisions)
            print(apply_decisions(ctx, actor, decisions))
        return export(ctx, actor, period, out, args.require_reviewed)


def read_review_file(path: Path) -> list[Decision]:
    """The file's decisions in order; a ValidationError names what is wrong in it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise ValidationError({"review_file": f"无法读取审核文件 {path}：{exc.strerror}"}) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValidationError({"review_file": f"审核文件不是有效的 UTF-8 JSON:{exc}"}) from None
    if not isinstance(data, dict):
        raise ValidationError({"review_file": "审核文件应为以办件编号为键的 JSON 对象"})
    out: list[Decision] = []
    for case_no, entry in data.items():
        bad = _bad_entry(entry)
        if bad:
            raise ValidationError({"review_file": f"办件 {case_no}：{bad}"})
        out += [(case_no, "keep", text, "") for text in entry.get("keep", [])]
        out += [(case_no, "hide", h["text"], h["kind"]) for h in entry.get("hide", [])]
        if entry.get("check"):
            out.append((case_no, "check", "", ""))
    return out


def _bad_entry(entry: object) -> str | None:
    if not isinstance(entry, dict) or set(entry) - {"keep", "hide", "check"}:
        return "只能含 keep、hide、check"
    keep, hide = entry.get("keep", []), entry.get("hide", [])
    if not isinstance(keep, list) or not all(isinstance(t, str) for t in keep):
        return "keep 应为文字的列表"
    if not isinstance(hide, list) or not all(
        isinstance(h, dict) and set(h) == {"text", "kind"} and isinstance(h["text"], str)
        for h in hide
    ):
        return 'hide 应为 {"text": …, "kind": …} 的列表'
    for h in hide:
        if h["kind"] not in {k.value for k in Kind}:
            return f"类别 {h['kind']!r} 无效，应为 {KINDS} 之一"
    if not isinstance(entry.get("check", False), bool):
        return "check 应为 true 或 false"
    return None


def check_decisions(ctx: ServiceContext, actor: Actor, period: Period,
                    decisions: list[Decision]) -> None:  # fmt: skip
    """Refuse the whole file before anything is stored when one decision cannot apply."""
    from hotline_desk.services.output.disclosure import disclosure_preview

    letters = {x.case_no: x for x in disclosure_preview(ctx, actor, period).letters}
    problems: list[str] = []
    for case_no, action, text, _kind in decisions:
        letter = letters.get(case_no)
        if letter is None:
            problems.append(f"办件 {case_no} 不在 {period.key} 的政务公开清单中")
        elif action == "keep" and text not in {
            s.found for t in letter.texts for s in t.spans if not s.added
        }:
            problems.append(f"办件 {case_no}：“{text}”不是被隐去的文字，无法保留")
        elif action == "hide" and (why := hide_problem((t.original for t in letter.texts), text)):
            problems.append(f"办件 {case_no}：{why}（“{text}”）")
    if problems:
        raise ValidationError({"review_file": ";".join(problems)})


def apply_decisions(ctx: ServiceContext, actor: Actor, decisions: list[Decision]) -> str:
    """Store each decision (one transaction and audit row each); what was applied."""
    from hotline_desk.services.output.disclosure import decide_disclosure

    decide: Callable[..., object] = decide_disclosure
    counts = {"keep": 0, "hide": 0, "check": 0}
    for case_no, action, text, kind in decisions:
        decide(ctx, actor, case_no, action, text, kind)
        counts[action] += 1
    return (f"已应用审核决定 {len(decisions)} 条（保留原文 {counts['keep']}、"
            f"隐去 {counts['hide']}、确认 {counts['check']}）")  # fmt: skip


def export(ctx: ServiceContext, actor: Actor, period: Period, out: Path,
           require_reviewed: bool) -> int:  # fmt: skip
    from hotline_desk.services.output.disclosure import export_disclosure

    r = export_disclosure(ctx, actor, period, out, require_reviewed)
    left = r.rows - r.reviewed
    print(f"已写入 {out}（{r.rows} 件，替换 {r.replacements} 处，其中添加 {r.added} 处；"
          f"保留原文 {r.undone} 处；已审核 {r.reviewed} 件，未审核 {left} 件）")  # fmt: skip
    return 0
