"""Command line: ``hotline-desk`` (the GUI) and its sub-commands ``demo``, ``screenshots``,
``stats`` (stats.py), ``disclosure`` (disclosure.py: the reviewed 政务公开 list), ``search``
(search.py: full-text search), ``slip`` /
``notice`` / ``letter`` (printing.py), ``backup`` / ``restore`` (backup.py), ``audit``
(audit.py: verify, checkpoint, key export/import) and ``import`` / ``platform-export``
(intake.py: the 12345 platform's work orders in, results out) and ``attach`` (attach.py: a file
added to a case).

Every command takes ``--data-dir`` and ``--database-url``; heavy imports (Qt, SQLAlchemy) are
deferred so ``--version`` answers at once. The commands that read case data (``stats``,
``disclosure`` and the printed documents) log in with ``--user`` (login.py) and see what that
user may see; ``demo`` makes a demo database and ``screenshots`` renders one, ``backup`` /
``restore`` are the machine owner's tools on the database file or server as a whole (see
backup.py).

A command opens an existing database only (``CREATES_DATABASE`` names those that may make
one): a data directory without its SQLite file is refused before anything is asked or created.
Every help text is Chinese then English (helptext.py). A reader that closes the pipe early
(``hotline-desk stats … | head -1``) ends the command quietly with ``EXIT_CLOSED_PIPE``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from hotline_desk import __version__
from hotline_desk.cli.helptext import DeskParser, bi, describe

# The commands that may make a new database: the GUI's first start (no command), ``demo`` and
# ``restore`` (into a data directory that has none). Every other command refuses a data
# directory without one, before asking for a password, and creates nothing.
CREATES_DATABASE = frozenset({None, "demo", "restore"})
# A reader that went away (``… | head -1``): as a program ended by SIGPIPE (128 + 13).
EXIT_CLOSED_PIPE = 141


def _common(default: object) -> argparse.ArgumentParser:
    """Options every command takes; sub-commands must not reset what was given before them."""
    common = DeskParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help=bi(
            "数据目录（默认取环境变量 HOTLINE_DESK_DATA_DIR，否则为本用户的应用数据目录）",
            "data directory (default: env HOTLINE_DESK_DATA_DIR, else this user's app data folder)",
        ),
    )
    common.add_argument(
        "--database-url",
        metavar="URL",
        default=default,
        help=bi(
            "数据库地址，如 postgresql+psycopg://账号@主机/库名（也可用环境变量 "
            "HOTLINE_DESK_DATABASE_URL）；默认为数据目录设置中保存的服务器，否则为数据目录中的 "
            "SQLite 文件",
            "database URL, e.g. postgresql+psycopg://user@host/name (or env "
            "HOTLINE_DESK_DATABASE_URL); default: the server saved in the data directory's "
            "settings, else the SQLite file there",
        ),
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common(argparse.SUPPRESS)
    parser = DeskParser(
        prog="hotline-desk",
        description=describe(
            "市长热线／市长信箱办件台。不带子命令时打开办件台窗口；子命令用于统计、打印、备份、"
            "审计、平台导入导出等脚本任务。\n"
            "除 demo、restore 和办件台窗口外，各命令只打开已有的数据库：数据目录中没有数据库时"
            "拒绝执行（退出状态 1），不会新建。",
            "Mayor's hotline and mailbox case desk. Without a command it opens the desk's window; "
            "the commands do statistics, printing, backups, audit checks and the 12345 platform's "
            "import and export from scripts.\n"
            "Except demo, restore and the window, every command opens an existing database only: "
            "a data directory without one is refused (exit status 1), nothing is created.",
        ),
        epilog=bi(
            "各子命令的说明：hotline-desk 子命令 --help",
            "each command's options: hotline-desk COMMAND --help",
        ),
        parents=[_common(None)],
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"hotline-desk {__version__}",
        help=bi("显示版本号并退出", "show the version and exit"),
    )
    sub = parser.add_subparsers(dest="command")
    from hotline_desk.cli import (
        attach,
        audit,
        backup,
        disclosure,
        intake,
        login,
        printing,
        search,
    )

    demo = sub.add_parser(
        "demo",
        parents=[common],
        help=bi("生成演示数据库", "create a demo database"),
        description=describe(
            "在数据目录中新建演示数据库，填入生成的办件、流转记录和演示账号（演示密码见输出）。"
            "已有真实数据的数据库拒绝填充。",
            "Creates a demo database in the data directory and fills it with generated cases, "
            "their history and demo accounts (the demo password is printed). A database that "
            "holds real data is refused.",
        ),
    )
    demo.add_argument(
        "--cases", type=int, required=True, help=bi("生成的办件数", "number of cases to generate")
    )
    demo.add_argument(
        "--seed",
        type=int,
        default=2026,
        help=bi("随机种子，默认 2026", "random seed (default 2026)"),
    )
    shots = sub.add_parser(
        "screenshots",
        parents=[common],
        help=bi("把各窗口渲染为 PNG 截图", "render the windows to PNG"),
        description=describe(
            "用演示库（先运行 hotline-desk demo）在屏幕外渲染各窗口和对话框，写成 PNG 文件。",
            "Renders the windows and dialogs offscreen from a demo database (run hotline-desk "
            "demo first) and writes them as PNG files.",
        ),
    )
    shots.add_argument(
        "--out", metavar="DIR", required=True, help=bi("PNG 写入此文件夹", "folder for the PNGs")
    )
    st = sub.add_parser(
        "stats",
        parents=[common],
        help=bi("某期办件统计，可另写月报", "a period's statistics, optionally the report files"),
        description=describe(
            "以 --user 登录（须有查看统计的角色），打印本期和上期的各项指标；--xlsx、--pdf 另写"
            "月报文件（记入审计日志）；--json 输出各维度的全部指标，供其他程序读取。",
            "Logs in as --user (a role that may see statistics) and prints every indicator for "
            "the period and the one before; --xlsx and --pdf also write the monthly report "
            "(audited); --json prints every indicator of every breakdown for other programs.",
        ),
    )
    st.add_argument(
        "--month",
        required=True,
        help=bi(
            "统计期：YYYY-MM（月）、YYYY-Qn（季度）或 YYYY（年）",
            "period: YYYY-MM (month), YYYY-Qn (quarter) or YYYY (year)",
        ),
    )
    login.add_user_option(st)
    st.add_argument(
        "--xlsx",
        metavar="F",
        help=bi("把月报工作簿（XLSX）写入此文件", "write the monthly report workbook here"),
    )
    st.add_argument(
        "--pdf", metavar="F", help=bi("把月报 PDF 写入此文件", "write the monthly report PDF here")
    )
    st.add_argument(
        "--json",
        action="store_true",
        dest="as_json",
        help=bi(
            "以 JSON（UTF-8）输出各维度的全部指标，代替表格",
            "every indicator of every breakdown as JSON (UTF-8) instead of the table",
        ),
    )
    disclosure.add_command(sub, common)
    search.add_command(sub, common)
    printing.add_commands(sub, common)
    backup.add_commands(sub, common)
    audit.add_commands(sub, common)
    intake.add_commands(sub, common)
    attach.add_command(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; a closed pipe on stdout ends it quietly (``EXIT_CLOSED_PIPE``)."""
    try:
        try:
            return _run(argv)
        finally:
            sys.stdout.flush()  # inside the try: a reader gone before the last flush
    except BrokenPipeError:
        return _closed_pipe()


def _closed_pipe() -> int:
    """No traceback; stdout goes to the null device from now on, so the interpreter's own
    last flush cannot fail again (the recipe of Python's ``signal`` documentation)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no file descriptor behind stdout (a test's capture)
        pass
    return EXIT_CLOSED_PIPE


def _refuse_missing_database(args: argparse.Namespace) -> int | None:
    """Exit status 1 and the reason when the command would open a database that is not there
    (a mistyped ``--data-dir`` would otherwise get a new, empty one); None to go on."""
    if args.command in CREATES_DATABASE:
        return None
    from hotline_desk.bootstrap import missing_database
    from hotline_desk.settings import Paths

    file = missing_database(args.data_dir, args.database_url)
    if file is None:
        return None
    data_dir = Paths.resolve(args.data_dir).data_dir
    if file.parent == data_dir:
        where = f"数据目录 {data_dir} 中没有办件台数据库（{file.name}）。请检查 --data-dir 是否写错"
    else:
        where = f"数据库文件 {file} 不存在或为空。请检查 --database-url 是否写错"
    print(f"{where}；要新建数据库，请打开办件台窗口（hotline-desk --data-dir 目录，不带子命令）"
          "完成首次设置，或运行 hotline-desk demo --cases N 生成演示库，或用 hotline-desk "
          "restore 从备份恢复。未创建任何文件。", file=sys.stderr)  # fmt: skip
    return 1


WINDOW_OPTIONS = ("--data-dir", "--database-url")


def window_only(argv: Sequence[str]) -> argparse.Namespace | None:
    """The window's own start, ``hotline-desk [--data-dir DIR] [--database-url URL]``, parsed
    without building the commands' parsers (their modules are not needed to paint the login);
    None for anything else (a command, ``--help``, an abbreviation), which the full parser
    reads."""
    rest = list(argv)
    while rest:
        name, equals, _value = rest.pop(0).partition("=")
        if name not in WINDOW_OPTIONS:
            return None
        if not equals:
            if not rest or rest[0].startswith("-"):
                return None  # a missing value: the full parser says so
            rest.pop(0)
    args = _common(None).parse_args(list(argv))
    args.command = None
    return args


def _run(argv: Sequence[str] | None) -> int:
    given = sys.argv[1:] if argv is None else list(argv)
    args = window_only(given) or build_parser().parse_args(given)
    if (refused := _refuse_missing_database(args)) is not None:
        return refused
    if args.command == "demo":
        from hotline_desk.bootstrap import run_demo

        return run_demo(args.data_dir, args.database_url, args.cases, args.seed)
    if args.command == "stats":
        from hotline_desk.cli.stats import run_stats

        return run_stats(args)
    if args.command == "disclosure":
        from hotline_desk.cli.disclosure import run_disclosure

        return run_disclosure(args)
    if args.command == "search":
        from hotline_desk.cli.search import run_search

        return run_search(args)
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
    if args.command == "attach":
        from hotline_desk.cli.attach import run_attach

        return run_attach(args)
    if args.command in ("slip", "notice", "letter"):
        from hotline_desk.cli.printing import run_print

        return run_print(args)
    from hotline_desk.gui.shell.app import run_gui

    return run_gui(args.data_dir, args.database_url)


if __name__ == "__main__":
    sys.exit(main())
