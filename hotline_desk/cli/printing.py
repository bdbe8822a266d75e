"""``hotline-desk slip|notice|letter CASE_NO… --out FILE.pdf``: a case's 交办单, 督办通知单 or
答复函 as a PDF, for scripting and checks.

Without ``--user`` the documents are masked and the audit names the command line; with
``--user NAME`` the user logs in (password from ``HOTLINE_DESK_PASSWORD`` or asked for), sees
only the cases their roles allow, and may add ``--reveal`` to print the caller in full when
their roles permit — audited like a print from the desk.
"""

from __future__ import annotations

import getpass
import os
import sys
from argparse import ArgumentParser, Namespace, _SubParsersAction
from pathlib import Path

ENV_PASSWORD = "HOTLINE_DESK_PASSWORD"
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
        cmd.add_argument("--user", help="打印人账号 (log in; password from $HOTLINE_DESK_PASSWORD)")
        cmd.add_argument(
            "--reveal", action="store_true", help="显示来电人完整信息 (--user with the right)"
        )
        if kind == "notice":
            cmd.add_argument("--order", type=int, help="督办单编号 (default: latest open order)")


def _password(username: str) -> str:
    secret = os.environ.get(ENV_PASSWORD)
    if secret is not None:
        return secret
    if not sys.stdin.isatty():
        raise SystemExit(f"{username} 的密码:请设置环境变量 {ENV_PASSWORD}")
    return getpass.getpass(f"{username} 的密码:")


def run_print(args: Namespace) -> int:
    from hotline_desk.bootstrap import open_target, resolve_target
    from hotline_desk.domain.errors import DeskError
    from hotline_desk.services.admin import auth
    from hotline_desk.services.output import printing

    if args.reveal and not args.user:
        print("--reveal 需要同时用 --user 指定有权查看个人信息的账号", file=sys.stderr)
        return 2
    try:
        ctx = open_target(resolve_target(args.data_dir, args.database_url))
        actor = auth.login(ctx, args.user, _password(args.user)).actor if args.user else None
        job = printing.write_documents(ctx, actor, args.command, args.case_no, Path(args.out),
                                       reveal=args.reveal,
                                       order_id=getattr(args, "order", None))  # fmt: skip
    except DeskError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    if job.font_warning:
        print(job.font_warning, file=sys.stderr)
    masked = "(个人信息已脱敏)" if args.command == "slip" and not job.revealed else ""
    print(f"已生成{printing.KINDS[args.command]} {len(job.case_nos)} 件,共 {job.page_count} 页"
          f"{masked}:{args.out}")  # fmt: skip
    return 0
