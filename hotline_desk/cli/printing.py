"""``hotline-desk slip|notice|letter CASE_NO… --out FILE.pdf``: a case's 交办单, 督办通知单 or
答复函 as a PDF, for scripting and checks.

``--user NAME`` is required: the user logs in (login.py), sees only the cases their roles
allow (another section's case is refused as not found), and may add ``--reveal`` to print the
caller in full when their roles permit — audited under that user like a print from the desk.
"""

from __future__ import annotations

import sys
from argparse import ArgumentParser, Namespace, _SubParsersAction
from pathlib import Path

from hotline_desk.cli import login

HELP = {
    "slip": "打印交办单 PDF (dispatch slip)",
    "notice": "打印督办通知单 PDF (supervision notice)",
    "letter": "打印答复函 PDF (reply letter)",
}


def add_commands(sub: _SubParsersAction, common: ArgumentParser) -> None:  # type: ignore[type-arg]
    for kind, text in HELP.items():
        cmd = sub.add_parser(kind, parents=[common], help=text)
        cmd.add_argument("case_no", nargs="+", help="办件编号 (one or more case numbers)")
        cmd.add_argument("--out", required=True, help="output PDF file")
        login.add_user_option(cmd)
        cmd.add_argument(
            "--reveal", action="store_true", help="显示来电人完整信息 (--user with the right)"
        )
        if kind == "notice":
            cmd.add_argument("--order", type=int, help="督办单编号 (default: latest open order)")


def run_print(args: Namespace) -> int:
    from hotline_desk.domain.errors import DeskError
    from hotline_desk.services.output import printing

    try:
        with login.logged_in(args) as (ctx, actor):
            job = printing.write_documents(ctx, actor, args.command, args.case_no,
                                           Path(args.out), reveal=args.reveal,
                                           order_id=getattr(args, "order", None))  # fmt: skip
    except DeskError as exc:
        return login.refuse(exc)
    if job.font_warning:
        print(job.font_warning, file=sys.stderr)
    masked = "(个人信息已脱敏)" if args.command == "slip" and not job.revealed else ""
    print(f"已生成{printing.KINDS[args.command]} {len(job.case_nos)} 件,共 {job.page_count} 页"
          f"{masked}:{args.out}")  # fmt: skip
    return 0
