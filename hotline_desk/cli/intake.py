"""``hotline-desk import FILE [--mapping M] [--dry-run] [--json]`` and
``hotline-desk platform-export --month YYYY-MM --out F.xlsx [--include-sent]``.

Both log in like the other commands (``--user``, password from ``HOTLINE_DESK_PASSWORD`` or
asked; login.py) as a desk or intake user. ``import`` previews the file and, unless
``--dry-run``, imports its new rows (a row changed on the platform is updated only with
``--update-changed``); it prints the counts and every refused row, or all of it as JSON, and
exits 0 when every row went in or was already there, 3 when some rows were refused, 1 when it
could not run. ``--errors F.xlsx`` writes the error report workbook. ``platform-export`` writes
the 办理结果回传 of the cases replied in the month (CSV when ``--out`` ends in .csv)."""

from __future__ import annotations

import json
import sys
from argparse import ArgumentParser, Namespace, _SubParsersAction
from pathlib import Path
from typing import Any

from hotline_desk.cli import login
from hotline_desk.cli.helptext import bi, describe

EXIT_REFUSED_ROWS = 3


def add_commands(sub: _SubParsersAction, common: ArgumentParser) -> None:  # type: ignore[type-arg]
    imp = sub.add_parser(
        "import",
        parents=[common],
        help=bi("导入 12345 平台导出的工单（XLSX/CSV）", "import the 12345 platform's work orders"),
        description=describe(
            "以 --user 登录（登记员或督办员），预览文件并导入其中的新工单；平台上已变更的工单"
            "加 --update-changed 才更新。退出状态：0 每行都已导入或已存在，3 有行不能导入，"
            "1 无法执行。",
            "Logs in as --user (intake or desk staff), previews the file and imports its new "
            "work orders; orders changed on the platform are updated only with "
            "--update-changed. Exit status: 0 every row imported or already there, 3 some "
            "rows refused, 1 could not run.",
        ),
    )
    login.add_user_option(imp)
    imp.add_argument(
        "file",
        metavar="FILE",
        help=bi("平台导出的工单文件（.xlsx 或 .csv）", "the platform's export (.xlsx or .csv)"),
    )
    imp.add_argument(
        "--mapping",
        metavar="M",
        default="12345平台",
        help=bi(
            "使用已保存的列映射（来源名称），默认“12345平台”",
            "the saved column mapping to use (its source name; default: the 12345 platform's)",
        ),
    )
    imp.add_argument(
        "--dry-run", action="store_true", help=bi("只预览，不写入", "preview only, write nothing")
    )
    imp.add_argument(
        "--update-changed",
        action="store_true",
        help=bi(
            "平台上已变更的工单也按文件更新（默认只列出）",
            "also update orders changed on the platform (default: list them only)",
        ),
    )
    imp.add_argument(
        "--errors",
        metavar="F",
        help=bi(
            "把不能导入的行写入此错误报告（.xlsx）", "write the refused rows to this report (.xlsx)"
        ),
    )
    imp.add_argument(
        "--json",
        action="store_true",
        dest="as_json",
        help=bi("以 JSON 输出结果", "print the result as JSON"),
    )
    exp = sub.add_parser(
        "platform-export",
        parents=[common],
        help=bi("导出办理结果回传（12345 平台）", "export the results for the 12345 platform"),
        description=describe(
            "以 --user 登录，把答复时间在该月的办件写成平台的办理结果回传表（--out 以 .csv "
            "结尾时写 CSV）；此前已回传的办件加 --include-sent 才包括。",
            "Logs in as --user and writes the cases replied in the month as the platform's "
            "results sheet (CSV when --out ends in .csv); cases sent before are included "
            "only with --include-sent.",
        ),
    )
    login.add_user_option(exp)
    exp.add_argument(
        "--month",
        required=True,
        help=bi("答复时间所在月份 YYYY-MM", "the month of the replies, YYYY-MM"),
    )
    exp.add_argument(
        "--out",
        required=True,
        metavar="F",
        help=bi("写入此文件（.xlsx 或 .csv）", "the file to write (.xlsx or .csv)"),
    )
    exp.add_argument(
        "--include-sent",
        action="store_true",
        help=bi("包括此前已回传的办件", "include cases sent before"),
    )


@login.refusing
def run_import_command(args: Namespace) -> int:
    from hotline_desk.services.intake import platform_import as pi
    from hotline_desk.services.intake.error_report import write_error_report

    try:
        with login.logged_in(args) as (ctx, actor):
            preview = pi.preview_import(ctx, actor, Path(args.file), args.mapping)
            summary = None
            if not args.dry_run and not preview.missing:
                ticked = frozenset(
                    r.platform_ref for r in preview.rows if r.status == pi.CHANGED
                ) if args.update_changed else frozenset()  # fmt: skip
                summary = pi.run_import(ctx, actor, preview, ticked)
        refused = (summary.refused if summary else tuple(
            pi.Refusal(r.line, r.platform_ref, f, p) for r in preview.rows
            if r.status == pi.REFUSED for f, p in r.problems))  # fmt: skip
        if args.errors and refused:
            write_error_report(refused, Path(args.errors), preview.file_name)
    except OSError as exc:
        print(f"无法读写文件：{exc.strerror or exc}", file=sys.stderr)
        return 1
    result = _result(preview, summary, refused)
    if args.as_json:
        from hotline_desk.cli.stats import _write_utf8

        _write_utf8(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    else:
        _print(result)
    if preview.missing:
        return 1
    return EXIT_REFUSED_ROWS if refused else 0


def _result(preview: Any, summary: Any, refused: Any) -> dict[str, Any]:
    from hotline_desk.services.intake import platform_import as pi

    out: dict[str, Any] = {
        "file": preview.file_name,
        "rows": len(preview.rows),
        "unknown_headers": list(preview.unknown),
        "missing_columns": list(preview.missing),
        "preview": {s: preview.count(s) for s in (pi.NEW, pi.UNCHANGED, pi.CHANGED, pi.REFUSED)},
        "refused": [
            {"line": r.line, "platform_ref": r.platform_ref, "field": r.field, "problem": r.problem}
            for r in refused
        ],  # fmt: skip
        "dry_run": summary is None,
    }
    if summary is not None:
        out["imported"] = {"added": summary.added, "updated": summary.updated,
                           "unchanged": summary.unchanged, "skipped": summary.skipped}  # fmt: skip
    return out


def _print(result: dict[str, Any]) -> None:
    if result["missing_columns"]:
        print(f"缺少必需的列：{'、'.join(result['missing_columns'])}", file=sys.stderr)
    if result["unknown_headers"]:
        print(f"未识别的列（未导入）：{'、'.join(result['unknown_headers'])}")
    p = result["preview"]
    print(f"{result['file']}：共 {result['rows']} 行；新增 {p['new']}，无变化 {p['unchanged']}，"
          f"平台已变更 {p['changed']}，不能导入 {p['refused']}")  # fmt: skip
    if "imported" in result:
        i = result["imported"]
        print(f"已导入：新增 {i['added']} 件，更新 {i['updated']} 件，"
              f"未勾选的变更 {i['skipped']} 件")  # fmt: skip
    else:
        print("预览模式：未写入任何数据")
    for r in result["refused"]:
        print(f"第 {r['line']} 行 {r['platform_ref']} {r['field']}：{r['problem']}")


@login.refusing
def run_export_command(args: Namespace) -> int:
    from hotline_desk.domain.periods import Period
    from hotline_desk.services.intake.platform_export import export_results

    out = Path(args.out)
    fmt = "csv" if out.suffix.lower() == ".csv" else "xlsx"
    period = Period.parse(args.month)
    with login.logged_in(args) as (ctx, actor):
        result = export_results(ctx, actor, period.first, period.last, out, fmt,
                                args.include_sent)  # fmt: skip
    print(f"已写入 {result.path}：办理结果 {result.rows} 件")
    return 0
