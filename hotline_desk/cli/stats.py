"""``hotline-desk stats --user NAME``: the bureau totals of a period printed as a table (or,
with ``--json``, every KPI of every breakdown as JSON for other programs), and the monthly report
written as XLSX/PDF (each an audit event under the user). The user logs in (login.py) and needs
a role that may see statistics, as at the desk."""

from __future__ import annotations

import sys
from argparse import Namespace
from pathlib import Path
from typing import TextIO

from hotline_desk.cli import login
from hotline_desk.domain.kpi import KPIS, format_value
from hotline_desk.domain.periods import Period
from hotline_desk.reports.stats_json import report_json
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.services.output.exports import export_monthly_report
from hotline_desk.services.stats.figures import monthly_report


@login.refusing
def run_stats(args: Namespace) -> int:
    """``hotline-desk stats --month YYYY-MM --user NAME``: print, and write the files."""
    with login.logged_in(args) as (ctx, actor):
        return print_totals(ctx, actor, args.month, _path(args.xlsx), _path(args.pdf),
                            args.as_json)  # fmt: skip


def _path(value: str | None) -> Path | None:
    return Path(value) if value else None


def print_totals(ctx: ServiceContext, actor: Actor, key: str, xlsx: Path | None,
                 pdf: Path | None, as_json: bool = False) -> int:  # fmt: skip
    period = Period.parse(key)
    report = monthly_report(ctx, actor, period)
    if as_json:
        _write_utf8(report_json(report) + "\n")
        _export(ctx, actor, period, xlsx, pdf, sys.stderr)  # stdout holds only the JSON
        return 0
    frozen = f"（已锁定 {report.frozen.frozen_at:%Y-%m-%d}）" if report.frozen else ""
    print(f"{report.bureau_name} {report.period_label} 办件统计{frozen}")
    previous = report.previous.values if report.previous else {}
    width = max(len(k.label) for k in KPIS)
    print(f"{'指标':<{width}}  {'本期':>10}  {report.previous_label:>10}")
    for kpi in KPIS:
        now = format_value(kpi, report.total.values[kpi.key])
        before = format_value(kpi, previous.get(kpi.key))
        print(f"{kpi.label:<{width}}  {now:>10}  {before:>10}")
    _export(ctx, actor, period, xlsx, pdf, sys.stdout)
    return 0


def _export(ctx: ServiceContext, actor: Actor, period: Period, xlsx: Path | None,
            pdf: Path | None, out: TextIO) -> None:  # fmt: skip
    if xlsx or pdf:
        written = export_monthly_report(ctx, actor, period, xlsx, pdf)
        for kind, path in (("xlsx", xlsx), ("pdf", pdf)):
            if path is not None:
                print(f"已写入 {path}（{written[kind]} 行）", file=out)


def _write_utf8(text: str) -> None:
    """UTF-8 whatever the console's code page (a Windows console may be GBK)."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    buffer.write(text.encode("utf-8"))
    buffer.flush()
