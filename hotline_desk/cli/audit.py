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

from hotline_desk.domain.errors import DeskError

EXIT_BROKEN = 2


def add_commands(sub: _SubParsersAction, common: ArgumentParser) -> None:  # type: ignore[type-arg]
    from hotline_desk.cli import login

    audit = sub.add_parser("audit", parents=[common], help="审计日志校验、检查点与密钥")
    cmds = audit.add_subparsers(dest="audit_command", required=True)
    verify = cmds.add_parser(
        "verify",
        parents=[common],
        help="校验审计日志哈希链(审计管理员)",
        description="重新计算每一行的密钥哈希;链断开时列出第一处损坏并以非零状态退出。",
    )
    login.add_user_option(verify)
    verify.add_argument(
        "--checkpoint",
        metavar="F",
        action="append",
        default=[],
        help="与此前导出的检查点文件比对(可多次给出)",
    )
    cp = cmds.add_parser("checkpoint", parents=[common], help="导出签名的审计检查点(审计管理员)")
    login.add_user_option(cp)
    cp.add_argument("--out", metavar="F", required=True, help="检查点写入此文件")
    key = cmds.add_parser("key", parents=[common], help="导出或导入本数据库的审计密钥")
    key_cmds = key.add_subparsers(dest="key_command", required=True)
    export = key_cmds.add_parser(
        "export", parents=[common], help="导出审计密钥(审计管理员或系统管理员,在保存密钥的电脑上)"
    )
    login.add_user_option(export)
    export.add_argument("--out", metavar="F", required=True, help="密钥写入此文件(请妥善保管)")
    imp = key_cmds.add_parser("import", parents=[common], help="在本机导入审计密钥文件")
    imp.add_argument("file", metavar="F", help="hotline-desk audit key export 写出的文件")
    imp.add_argument(
        "--replace", action="store_true", help="替换本机已保存的另一把密钥(记入审计日志)"
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
        print(f"无法读写文件:{exc.strerror or exc}", file=sys.stderr)
        return 1


def _read_text(name: str) -> str:
    """A file given on the command line as text; not UTF-8 is a plain refusal, not a crash."""
    try:
        return Path(name).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise DeskError("文件 {name} 不是 UTF-8 文本,不是办件台导出的文件", name=name) from None


def _verify(args: Namespace) -> int:
    from hotline_desk.cli import login
    from hotline_desk.services import audit
    from hotline_desk.services.audit_guard import audit_guard_report

    checkpoints = [audit.Checkpoint.from_text(_read_text(f)) for f in args.checkpoint]
    with login.logged_in(args) as (ctx, actor):
        check = audit.check_audit_chain(ctx, actor, checkpoints)
        # a weak guard is not a break (exit code unchanged), but the auditor must hear of it
        for problem in audit_guard_report(ctx):
            print(f"警告:审计日志的数据库保护未生效:{problem}", file=sys.stderr)
    if check.ok:
        extra = f",与 {len(checkpoints)} 个检查点一致" if checkpoints else ""
        print(f"审计日志完好:共 {check.rows} 行{extra}")
        return 0
    if check.key_problem:
        print(f"无法校验:{check.reason}", file=sys.stderr)
        return 1
    where = "链头" if check.first_bad_id == -1 else f"第 {check.first_bad_id} 行"
    print(f"审计日志已损坏:第一处在{where}。{check.reason}")
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
    print(f"审计密钥已写入 {out}:请只通过可信介质带到其他工作站导入,导入后删除该文件。")
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
    print(f"审计密钥已导入,保存在:{where}")
    return 0
