"""``hotline-desk backup [--out F]`` and ``hotline-desk restore F [--verify-only] [--yes]``.

Both work on the database the desk would open (``--data-dir``, ``--database-url``) without
upgrading it first, so an old or damaged database can be backed up and restored. SQLite: the
online copy and its checks; PostgreSQL: ``pg_dump`` / ``pg_restore`` (custom format). The audit
names the command line and the operating-system user. Exit codes: 0 done, 1 failed or refused,
2 a check did not pass.
"""

from __future__ import annotations

import getpass
import sys
from argparse import ArgumentParser, Namespace, _SubParsersAction
from pathlib import Path

from hotline_desk.cli.helptext import bi, describe

CHECK_NAMES = {
    "integrity": "完整性(integrity_check)",
    "audit_chain": "审计日志哈希链",
    "row_counts": "各表行数与清单一致",
    "sha256": "文件校验和(SHA-256)与清单一致",
    "archive": "转储文件可读(pg_restore --list)",
}
KIND_NAMES = {"auto": "自动", "manual": "手动", "before-upgrade": "升级前"}


def add_commands(sub: _SubParsersAction, common: ArgumentParser) -> None:  # type: ignore[type-arg]
    backup = sub.add_parser(
        "backup",
        parents=[common],
        help=bi("立即备份数据库及数据目录中的文件", "back up the database and data files now"),
        description=describe(
            "在线备份（办件台运行时也可）：SQLite 用备份接口复制，PostgreSQL 用 pg_dump；"
            "写完后校验完整性、审计日志哈希链和各表行数，结果写入备份旁的 manifest.json。"
            "退出状态：0 完成，1 失败，2 备份已写入但未通过校验。",
            "Online backup (the desk may be running): SQLite through its backup API, "
            "PostgreSQL with pg_dump; then the integrity, the audit hash chain and the row "
            "counts are checked and written to manifest.json beside the backup. "
            "Exit status: 0 done, 1 failed, 2 written but a check did not pass.",
        ),
    )
    backup.add_argument(
        "--out",
        metavar="DIR",
        help=bi(
            "备份保存到这个新文件夹（默认：数据目录下 backups/ 中按时间命名的文件夹）",
            "save the backup in this new folder (default: a dated folder in backups/)",
        ),
    )
    restore = sub.add_parser(
        "restore",
        parents=[common],
        help=bi("从备份恢复", "restore a backup"),
        description=describe(
            "把备份恢复到一个新文件（PostgreSQL：新数据库）并校验，显示校验结果；确认后才替换"
            "当前数据库，原数据库改名保留；数据目录中还没有数据库时即以备份为数据库。"
            "恢复前请关闭所有办件台。退出状态：0 完成，1 失败或取消，2 备份未通过校验。",
            "Restores the backup into a new file (PostgreSQL: a new database) and checks it, "
            "showing the results; only when confirmed does it replace the current database, "
            "which is kept under a new name (a data directory without a database gets the "
            "backup as its database). Close every desk first. "
            "Exit status: 0 done, 1 failed or cancelled, 2 the backup did not pass its checks.",
        ),
    )
    restore.add_argument(
        "backup",
        metavar="F",
        help=bi(
            "备份文件夹、其中的 manifest.json 或数据库文件",
            "the backup folder, its manifest.json or the database file",
        ),
    )
    restore.add_argument(
        "--verify-only",
        action="store_true",
        help=bi("只校验备份，不替换当前数据库", "only check the backup, replace nothing"),
    )
    restore.add_argument(
        "--yes",
        action="store_true",
        help=bi("不再询问，校验通过即替换", "do not ask: replace once the checks pass"),
    )


def _open(args: Namespace):  # type: ignore[no-untyped-def]
    from hotline_desk.bootstrap import resolve_target, setup_logging
    from hotline_desk.services.backup.backups import DeskPlace

    target = resolve_target(args.data_dir, args.database_url)
    target.paths.ensure()
    setup_logging(target.paths)
    return target, DeskPlace(target.url, target.paths.data_dir)


def _who() -> str:
    try:
        return f"命令行：{getpass.getuser()}"
    except Exception:  # noqa: BLE001 - no user name on this system
        return "命令行"


def _progress(prefix: str):  # type: ignore[no-untyped-def]
    shown = [-1]

    def report(done: int, total: int) -> None:
        step = 100 * done // total // 10 if total else 0
        if step != shown[0] and sys.stderr.isatty():
            shown[0] = step
            print(f"\r{prefix} {step * 10}%", end="", file=sys.stderr, flush=True)

    return report


def _checks_text(checks) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        f"  {'通过' if c.ok else '未通过'}  {CHECK_NAMES.get(c.name, c.name)}"
        + ("" if c.ok or not c.detail else f":{c.detail}")
        for c in checks
    ]


def run_backup_command(args: Namespace) -> int:
    from hotline_desk.domain.errors import DeskError
    from hotline_desk.services.backup.backups import run_backup
    from hotline_desk.services.context import ServiceContext
    from hotline_desk.store.backup.layout import BackupKind, human_size
    from hotline_desk.store.engine import make_engines

    try:
        target, place = _open(args)
        ctx = ServiceContext.for_engines(make_engines(target.url))
        try:
            info = run_backup(
                ctx,
                place,
                BackupKind.MANUAL,
                actor_name=_who(),
                out=Path(args.out) if args.out else None,
                report=_progress("正在备份…"),
            )
        finally:
            ctx.engines.dispose()
    except DeskError as exc:
        print(f"\n备份失败：{exc.message}", file=sys.stderr)
        return 1
    print(f"\n已备份：{info.path}")
    print(
        f"  数据库 {target.display}，结构版本 {info.schema_revision}，"
        f"大小 {human_size(info.size)}，"
        f"办件 {info.cases if info.cases is not None else '—'} 件"
    )
    print("\n".join(_checks_text(info.checks)))
    if not info.ok:
        print("备份已写入，但未通过校验：当前数据库可能已损坏，请立即检查。", file=sys.stderr)
        return 2
    return 0


def run_restore_command(args: Namespace) -> int:
    from hotline_desk.domain.errors import DeskError
    from hotline_desk.services.backup import restore

    try:
        target, place = _open(args)
        check = restore.prepare_restore(
            place, Path(args.backup), actor_name=_who(), report=_progress("正在恢复到新文件并校验…")
        )
    except DeskError as exc:
        print(f"\n恢复失败：{exc.message}", file=sys.stderr)
        return 1
    _print_check(check, target.display)
    if not check.ok:
        print("这份备份未通过校验，不能恢复。当前数据库未作任何改动。", file=sys.stderr)
        return 2
    if args.verify_only:
        restore.discard_restore(place, check)
        print("校验通过（--verify-only：未替换当前数据库）。")
        return 0
    if not args.yes and not _confirm():
        restore.discard_restore(place, check)
        print("已取消，当前数据库未作任何改动。")
        return 1
    try:
        swapped = restore.swap_in(place, check, actor_name=_who())
    except DeskError as exc:
        restore.discard_restore(place, check)
        print(f"恢复失败：{exc.message}", file=sys.stderr)
        return 1
    print(f"已恢复 {check.name}。原数据库保留为：{swapped.kept or '（原先没有数据库）'}")
    if swapped.revision_after != swapped.revision_before:
        print(f"数据库结构已从 {swapped.revision_before} 升级到 {swapped.revision_after}。")
    return 0


def _print_check(check, display: str) -> None:  # type: ignore[no-untyped-def]
    made = f"{check.made_at:%Y-%m-%d %H:%M:%S}" if check.made_at else "（无清单）"
    kind = KIND_NAMES.get(check.kind, check.kind or "—")
    print(f"\n备份：{check.name}（制作于 {made}，{kind}，由 {check.made_by or '—'}）")
    upgrade = "（恢复后将升级到 " + check.head_revision + ")" if check.needs_upgrade else ""
    schema = check.schema_revision or "未知"
    print(f"结构版本：{schema}{upgrade}；办件台版本：{check.desk_version or '—'}")
    if not check.schema_known:
        print("  未通过  结构版本：不是本程序认识的办件台数据库（或来自更新的版本）")
    print("\n".join(_checks_text(check.checks)))
    print(f"\n{'表':<22}{'备份中':>12}{'当前数据库':>14}")
    for row in check.counts:
        backup = "—" if row.backup is None else f"{row.backup:,}"
        live = "—" if row.live is None else f"{row.live:,}"
        print(f"{row.table:<22}{backup:>12}{live:>14}")
    if check.live_error:
        print(f"当前数据库 {display} 无法读取：{check.live_error}")
    if check.files_back:
        print("将恢复缺少的文件：" + "、".join(check.files_back))
    if check.files_kept:
        print("以下文件与备份不同，保留现有的：" + "、".join(check.files_kept))


def _confirm() -> bool:
    if not sys.stdin.isatty():
        print("需要确认：请在终端中运行，或加 --yes。", file=sys.stderr)
        return False
    answer = input("确认用这份备份替换当前数据库？原数据库将改名保留。输入 yes 确认：")
    return answer.strip().lower() in ("yes", "y", "是")
