"""``hotline-desk attach CASE_NO FILE [--kind K] [--user U]``: attach a file to a case from the
command line (a scanner's output folder, a recording exported from the telephone system).

Logs in like the other commands (``--user``, password from ``HOTLINE_DESK_PASSWORD`` or asked;
login.py), finds the case by its number among the cases the user may see, checks the file as
the desk does (type from the content, size limit) and prints what was stored: the case, the
kind, the type found, the size and the SHA-256. A refused file exits 1 with a Chinese message
naming the field and what is allowed."""

from __future__ import annotations

import sys
from argparse import ArgumentParser, Namespace, _SubParsersAction
from pathlib import Path

from hotline_desk.cli import login
from hotline_desk.cli.helptext import bi, describe
from hotline_desk.domain.enums.intake import AttachmentKind

KIND_HELP = "、".join(f"{k.value}={k.label}" for k in AttachmentKind)


def add_command(sub: _SubParsersAction, common: ArgumentParser) -> None:  # type: ignore[type-arg]
    cmd = sub.add_parser(
        "attach",
        parents=[common],
        help=bi("给办件添加附件", "attach a file to a case"),
        description=describe(
            "以 --user 登录，把文件作为附件存入办件（按内容判断类型：图片、PDF、音频、Office "
            "文档、纯文本；大小以单位设置为限，默认每个 20 MB），并显示所存内容及其 SHA-256。"
            "退出状态：0 已存入，1 被拒绝或无法执行。",
            "Logs in as --user and stores the file as an attachment of the case (type judged "
            "from the content: images, PDF, audio, Office documents, plain text; size limited "
            "by the office setting, 20 MB per file by default), then prints what was stored "
            "and its SHA-256. Exit status: 0 stored, 1 refused or could not run.",
        ),
    )
    login.add_user_option(cmd)
    cmd.add_argument("case_no", metavar="CASE_NO", help=bi("办件编号", "the case number"))
    cmd.add_argument("file", metavar="FILE", help=bi("要添加的文件", "the file to attach"))
    cmd.add_argument(
        "--kind",
        metavar="K",
        default=AttachmentKind.OTHER.value,
        help=bi(f"附件类型：{KIND_HELP}（默认 other）", "the attachment's kind (default: other)"),
    )


@login.refusing
def run_attach(args: Namespace) -> int:
    from hotline_desk.services.attachments import files
    from hotline_desk.services.attachments.content import human_size
    from hotline_desk.services.cases.read_model import find_case_id

    path = Path(args.file)
    if not path.is_file():
        print(f"文件：找不到 {path}", file=sys.stderr)
        return 1
    with login.logged_in(args) as (ctx, actor):
        case_id = find_case_id(ctx, actor, args.case_no)
        if case_id is None:
            print(f"办件编号：找不到您可查看的办件 {args.case_no}", file=sys.stderr)
            return 1
        info = files.add_attachment(ctx, actor, case_id, args.kind, path)
    print(f"已存入办件 {info.case_no} 的附件（编号 {info.id}）")
    print(f"  文件名：{info.file_name}")
    print(f"  附件类型：{AttachmentKind(info.kind).label}")
    print(f"  内容类型：{info.extension.upper()}（{info.mime}）")
    print(f"  大小：{human_size(info.size)}（{info.size} 字节）")
    print(f"  SHA-256：{info.sha256}")
    if info.confidential:
        print("  注意：本件来电人要求保密（请求保密）")
    return 0
