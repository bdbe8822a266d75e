"""Command line: ``hotline-desk`` (the GUI) and its sub-commands ``demo``, ``screenshots``,
``stats`` (stats.py), ``disclosure`` (disclosure.py: the reviewed 政务公开 list), ``slip`` /
``notice`` / ``letter`` (printing.py), ``backup`` / ``restore`` (backup.py), ``audit``
(audit.py: verify, checkpoint, key export/import) and ``import`` / ``platform-export``
(intake.py: the 12345 platform's work orders in, results out).

Every command takes ``--data-dir`` and ``--database-url``; heavy imports (Qt, SQLAlchemy) are
deferred so ``--version`` answers at once. The commands that read case data (``stats``,
``disclosure`` and the printed documents) log in with ``--user`` (login.py) and see what that
user may see; ``demo`` and ``screenshots`` make a demo database of their own, ``backup`` /
``restore`` are the machine owner's tools on the database file or server as a whole (see
backup.py).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from hotline_desk import __version__


def _common(default: object) -> argparse.ArgumentParser:
    """Options every command takes; sub-commands must not reset what was given before them."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir", help="数据目录 (data directory; env HOTLINE_DESK_DATA_DIR)", default=default
    )
    common.add_argument(
        "--database-url",
        help="PostgreSQL 等数据库地址 (env HOTLINE_DESK_DATABASE_URL); 默认使用数据目录下的 SQLite",
        default=default,
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common(argparse.SUPPRESS)
    parser = argparse.ArgumentParser(
        prog="hotline-desk",
        description="市长热线/市长信箱办件台 — hotline and mailbox case desk",
        parents=[_common(None)],
    )
    parser.add_argument("--version", action="version", version=f"hotline-desk {__version__}")
    sub = parser.add_subparsers(dest="command")
    from hotline_desk.cli import login

    demo = sub.add_parser("demo", parents=[common], help="生成演示数据 (fill with demo cases)")
    demo.add_argument("--cases", type=int, required=True, help="number of cases")
    demo.add_argument("--seed", type=int, default=2026, help="random seed")
    shots = sub.add_parser(
        "screenshots", parents=[common], help="把各窗口渲染为 PNG (render views offscreen)"
    )
    shots.add_argument("--out", required=True, help="output directory")
    st = sub.add_parser("stats", parents=[common], help="月度统计 (monthly statistics)")
    st.add_argument("--month", required=True, help="YYYY-MM (或 2026-Q4、2026)")
    login.add_user_option(st)
    st.add_argument("--xlsx", help="write the monthly report workbook here")
    st.add_argument("--pdf", help="write the monthly report PDF here")
    st.add_argument(
        "--json",
        action="store_true",
        dest="as_json",
        help="every KPI of every breakdown as JSON (UTF-8) instead of the table",
    )

    from hotline_desk.cli import audit, backup, disclosure, intake, printing

    disclosure.add_command(sub, common)
    printing.add_commands(sub, common)
    backup.add_commands(sub, common)
    audit.add_commands(sub, common)
    intake.add_commands(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "demo":
        from hotline_desk.bootstrap import run_demo

        return run_demo(args.data_dir, args.database_url, args.cases, args.seed)
    if args.command == "stats":
        from hotline_desk.cli.stats import run_stats

        return run_stats(args)
    if args.command == "disclosure":
        from hotline_desk.cli.disclosure import run_disclosure

        return run_disclosure(args)
    if args.command == "screenshots":
        from hotline_desk.gui.shots.run import run_screenshots

        return run_screenshots(args.data_dir, args.database_url, args.out)
    if args.command == "backup":
        from hotline_desk.cli.backup import run_backup_command

        return run_backup_command(args)
    if args.command == "restore":
        from hotline_desk.cli.backup import run_restore_command

        return run_restore_command(args)
    if args.command == "audit":
        from hotline_desk.cli.audit import run_audit

        return run_audit(args)
    if args.command == "import":
        from hotline_desk.cli.intake import run_import_command

        return run_import_command(args)
    if args.command == "platform-export":
        from hotline_desk.cli.intake import run_export_command

        return run_export_command(args)
    if args.command in ("slip", "notice", "letter"):
        from hotline_desk.cli.printing import run_print

        return run_print(args)
    from hotline_desk.gui.shell.app import run_gui

    return run_gui(args.data_dir, args.database_url)


if __name__ == "__main__":
    sys.exit(main())
