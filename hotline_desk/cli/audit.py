"""``hotline-desk audit verify [--checkpoint F ...]``, ``audit checkpoint --out F`` and
``audit key export --out F`` / ``audit key import F``.

``verify`` and ``checkpoint`` log in as the audit administrator (``--user``, password from
``HOTLINE_DESK_PASSWORD`` or asked; login.py). ``verify`` exits 0 when the chain and every
checkpoint given hold, 2 when the chain is broken (naming the first bad row), 1 when it could
not run (login refused, no key here). ``key export`` is for the audit or system administrator
on the machine that holds the key; ``key import`` needs no login (without the key nobody can
log in on this machine, since a login writes an audit row) and accepts only this database's key.
"""

from __future__ import annotations

import getpass
import sys
from argparse import ArgumentParser, Namespace, _SubParsersAction
from pathlib import Path

from hotline_desk.cli.helptext import bi, describe
from hotline_desk.domain.errors import DeskError

EXIT_BROKEN = 2


def add_commands(sub: _SubParsersAction, common: ArgumentParser) -> None:  # type: ignore[type-arg]
    from hotline_desk.cli import login

    audit = sub.add_parser(
        "audit",
        parents=[common],
        help=bi("审计日志校验、检查点与密钥", "audit log check, checkpoints and key"),
        description=describe(
            "审计日志的命令：verify 校验哈希链，checkpoint 导出签名检查点，key 导出或导入本数据库"
            "的审计密钥。",
            "Audit log commands: verify checks the hash chain, checkpoint exports a signed "
            "checkpoint, key exports or imports this database's audit key.",
        ),
    )
    cmds = audit.add_subparsers(dest="audit_command", required=True)
    verify = cmds.add_parser(
        "verify",
        parents=[common],
        help=bi("校验审计日志哈希链（审计管理员）", "check the audit hash chain (audit admin)"),
        description=describe(
            "以审计管理员登录，重新计算每一行的密钥哈希；链断开时列出第一处损坏。"
            "退出状态：0 完好，2 已损坏，1 无法校验（登录被拒、本机没有密钥）。",
            "Logs in as the audit administrator and recomputes every row's keyed hash, naming "
            "the first broken row. Exit status: 0 sound, 2 broken, 1 could not check (login "
            "refused, no key on this machine).",
        ),
    )
    login.add_user_option(verify)
    verify.add_argument(
        "--checkpoint",
        metavar="F",
        action="append",
        default=[],
        help=bi(
            "与此前导出的检查点文件比对（可多次给出）",
            "compare with a checkpoint file exported before (may be repeated)",
        ),
    )
    cp = cmds.add_parser(
        "checkpoint",
        parents=[common],
        help=bi("导出签名的审计检查点（审计管理员）", "export a signed checkpoint (audit admin)"),
        description=describe(
            "以审计管理员登录，把审计日志最后一行的编号和哈希写成签名的检查点文件；以后用 "
            "audit verify --checkpoint 比对，可发现被截去的行。",
            "Logs in as the audit administrator and writes the log's last row number and hash "
            "as a signed checkpoint file; audit verify --checkpoint later finds rows cut off.",
        ),
    )
    login.add_user_option(cp)
    cp.add_argument(
        "--out",
        metavar="F",
        required=True,
        help=bi("检查点写入此文件", "write the checkpoint to this file"),
    )
    key = cmds.add_parser(
        "key",
        parents=[common],
        help=bi("导出或导入本数据库的审计密钥", "export or import this database's audit key"),
        description=describe(
            "审计密钥保存在本机（系统密钥环或数据目录）；其他工作站须导入同一把密钥才能登录。",
            "The audit key lives on this machine (the system keyring or the data directory); "
            "another workstation needs the same key imported before anyone can log in there.",
        ),
    )
    key_cmds = key.add_subparsers(dest="key_command", required=True)
    export = key_cmds.add_parser(
        "export",
        parents=[common],
        help=bi("导出审计密钥", "export the audit key"),
        description=describe(
            "以审计管理员或系统管理员登录，在保存密钥的电脑上把密钥写入文件（仅本用户可读）。",
            "Logs in as the audit or system administrator, on the machine that holds the key, "
            "and writes the key to a file only this user may read.",
        ),
    )
    login.add_user_option(export)
    export.add_argument(
        "--out",
        metavar="F",
        required=True,
        help=bi("密钥写入此文件（请妥善保管）", "write the key to this file (keep it safe)"),
    )
    imp = key_cmds.add_parser(
        "import",
        parents=[common],
        help=bi("在本机导入审计密钥文件", "import an audit key file on this machine"),
        description=describe(
            "无须登录（没有密钥时本机无人能登录）；只接受本数据库的密钥，导入记入审计日志。",
            "Needs no login (without the key nobody can log in here); only this database's "
            "key is accepted, and the import is audited.",
        ),
    )
    imp.add_argument(
        "file",
        metavar="F",
        help=bi(
            "hotline-desk audit key export 写出的文件",
            "the file written by hotline-desk audit key export",
        ),
    )
    imp.add_argument(
        "--replace",
        action="store_true",
        help=bi(
            "替换本机已保存的另一把密钥（记入审计日志）",
            "replace another key saved on this machine (audited)",
        ),
    )


def run_audit(args: Namespace) -> int:
    try:
        if args.audit_command == "verify":
            return _verify(args)
        if args.audit_command == "checkpoint":
            return _checkpoint(args)
        if args.key_command == "export":
            return _export_key(args)
        return _import_key(args)
    except DeskError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"无法读写文件：{exc.strerror or exc}", file=sys.stderr)
        return 1


def _read_text(name: str) -> str:
    """A file given on the command line as text; not UTF-8 is a plain refusal, not a crash."""
    try:
        return Path(name).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise DeskError("文件 {name} 不是 UTF-8 文本，不是办件台导出的文件", name=name) from None


def _verify(args: Namespace) -> int:
    from hotline_desk.cli import login
    from hotline_desk.services import audit
    from hotline_desk.services.audit_guard import audit_guard_report

    checkpoints = [audit.Checkpoint.from_text(_read_text(f)) for f in args.checkpoint]
    with login.logged_in(args) as (ctx, actor):
        check = audit.check_audit_chain(ctx, actor, checkpoints)
        # a weak guard is not a break (exit code unchanged), but the auditor must hear of it
        for problem in audit_guard_report(ctx):
            print(f"警告：审计日志的数据库保护未生效：{problem}", file=sys.stderr)
    if check.ok:
        extra = f"，与 {len(checkpoints)} 个检查点一致" if checkpoints else ""
        print(f"审计日志完好：共 {check.rows} 行{extra}")
        return 0
    if check.key_problem:
        print(f"无法校验：{check.reason}", file=sys.stderr)
        return 1
    where = "链头" if check.first_bad_id == -1 else f"第 {check.first_bad_id} 行"
    print(f"审计日志已损坏：第一处在{where}。{check.reason}")
    return EXIT_BROKEN


def _checkpoint(args: Namespace) -> int:
    from hotline_desk.cli import login
    from hotline_desk.services import audit

    with login.logged_in(args) as (ctx, actor):
        cp = audit.export_checkpoint(ctx, actor)
    Path(args.out).write_text(cp.to_text(), encoding="utf-8")
    print(cp.printable())
    print(f"检查点已写入 {args.out}")
    return 0


def _export_key(args: Namespace) -> int:
    from hotline_desk.cli import login
    from hotline_desk.services import audit

    with login.logged_in(args) as (ctx, actor):
        secret = audit.export_key(ctx, actor)
    out = Path(args.out)
    out.write_text(secret, encoding="utf-8")
    if sys.platform != "win32":
        out.chmod(0o600)
    print(f"审计密钥已写入 {out}：请只通过可信介质带到其他工作站导入，导入后删除该文件。")
    return 0


def _import_key(args: Namespace) -> int:
    from hotline_desk.bootstrap import open_target, resolve_target
    from hotline_desk.services import audit

    raw = _read_text(args.file)
    ctx = open_target(resolve_target(args.data_dir, args.database_url))
    try:
        where = audit.import_key(ctx, raw, f"os:{getpass.getuser()}", replace=args.replace)
    finally:
        ctx.engines.dispose()
    print(f"审计密钥已导入，保存在：{where}")
    return 0
