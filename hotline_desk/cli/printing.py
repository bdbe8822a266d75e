"""``hotline-desk slip|notice|letter CASE_NO… --out FILE.pdf``: a case's 交办单, 督办通知单 or
答复函 as a PDF, for scripting and checks; ``letter CASE_NO --out FILE.docx`` (or ``--docx``)
writes the 答复函 as Word from the office's template (services/output/letter_word.py).

``--user NAME`` is required: the user logs in (login.py), sees only the cases their roles
allow (another section's case is refused as not found), and may add ``--reveal`` to print the
caller in full when their roles permit — audited under that user like a print from the desk.
"""

from __future__ import annotations

import sys
from argparse import ArgumentParser, Namespace, _SubParsersAction
from pathlib import Path

from hotline_desk.cli import login
from hotline_desk.cli.helptext import bi, describe

HELP = {  # kind: (Chinese name, English name)
    "slip": ("交办单", "dispatch slip"),
    "notice": ("督办通知单", "supervision notice"),
    "letter": ("答复函", "reply letter"),
}


def add_commands(sub: _SubParsersAction, common: ArgumentParser) -> None:  # type: ignore[type-arg]
    for kind, (zh, en) in HELP.items():
        cmd = sub.add_parser(
            kind,
            parents=[common],
            help=bi(f"把办件的{zh}写成 PDF", f"write cases' {en} as a PDF"),
            description=describe(
                f"以 --user 登录，把给出的办件的{zh}写入一个 PDF（每件一份，记入审计日志）；"
                "只能打印该账号可见的办件。来电人信息默认脱敏，加 --reveal 显示完整信息。",
                f"Logs in as --user and writes the {en} of the cases given into one PDF (one "
                "each, audited); only cases that user may see. The caller's details are masked "
                "unless --reveal is given.",
            ),
        )
        cmd.add_argument(
            "case_no", nargs="+", help=bi("办件编号（一个或多个）", "one or more case numbers")
        )
        cmd.add_argument(
            "--out", metavar="F", required=True, help=bi("写入此 PDF 文件", "the PDF file to write")
        )
        login.add_user_option(cmd)
        cmd.add_argument(
            "--reveal",
            action="store_true",
            help=bi(
                "显示来电人完整信息（须账号有此权限，记入审计日志）",
                "show the caller in full (the user needs the right; audited)",
            ),
        )
        if kind == "letter":
            cmd.add_argument(
                "--docx",
                action="store_true",
                help=bi(
                    "写成 Word 文档（按单位的答复函模板；--out 以 .docx 结尾时亦然）",
                    "write a Word document from the office's template (also when --out ends "
                    "in .docx)",
                ),
            )
        if kind == "notice":
            cmd.add_argument(
                "--order",
                type=int,
                metavar="N",
                help=bi(
                    "督办单编号（默认为最近一张未办结的，没有时为最近一张）",
                    "supervision order number (default: the latest open one, else the latest)",
                ),
            )


@login.refusing
def run_print(args: Namespace) -> int:
    from hotline_desk.services.output import printing

    if args.command == "letter" and (args.docx or args.out.lower().endswith(".docx")):
        return run_word_letter(args)
    with login.logged_in(args) as (ctx, actor):
        job = printing.write_documents(ctx, actor, args.command, args.case_no,
                                       Path(args.out), reveal=args.reveal,
                                       order_id=getattr(args, "order", None))  # fmt: skip
    if job.font_warning:
        print(job.font_warning, file=sys.stderr)
    masked = "（个人信息已脱敏）" if args.command == "slip" and not job.revealed else ""
    print(f"已生成{printing.KINDS[args.command]} {len(job.case_nos)} 件，共 {job.page_count} 页"
          f"{masked}：{args.out}")  # fmt: skip
    return 0


@login.refusing
def run_word_letter(args: Namespace) -> int:
    """``letter CASE_NO --out F.docx``: one case's 答复函 as Word (audited as a Word file)."""
    from hotline_desk.services.output import letter_word

    if len(args.case_no) > 1:
        print("Word 答复函一次只能生成一件，请逐件生成", file=sys.stderr)
        return 2
    with login.logged_in(args) as (ctx, actor):
        letter_word.write_word_letter(ctx, actor, args.case_no[0], Path(args.out),
                                      reveal=args.reveal)  # fmt: skip
    print(f"已生成答复函（Word）：{args.out}")
    return 0
