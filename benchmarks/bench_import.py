"""Platform import benchmark: 10,000 work orders from a platform export, with the preview and
the duplicate check, against the floor of reading the same file with openpyxl in read-only mode
plus a bare ``executemany`` of the same rows, measured in one run (goal: ≤ 2× the floor).

* **file.** An XLSX as the platform writes it (title row, header, N rows; Excel dates, phone
  numbers stored as text), written once into the work directory.
* **ours.** On a new desk (SQLite in the work directory, or ``--database-url``):
  ``preview_import`` (read, map, prepare and validate every row as registration does, the
  duplicate check against ``cases.platform_ref``, the routing suggestion) then ``run_import``
  (a batch of ``--batch`` rows per transaction through ``intake.bulk.write_new_rows``: the rows
  as the preview validated them, the topic and 工单编号 re-checked, numbering, clocks, one
  timeline line saying the case came from the file, search rows, audit chain, facts, the rows
  sent straight to the driver; a savepoint per row only when a batch is refused). Then the same
  file previewed again (every row found already imported) — the re-import a desk does to resume.
* **floor.** The file read with openpyxl read-only (every cell, through ``reading.read_rows``,
  the desk's own reader: the floor reads as fast as ours, a sheet without ``<dimension>`` once
  and not twice), then one ``executemany`` INSERT of the same rows into ``cases`` (the columns
  the import fills, case numbers made up) through the same driver in one transaction, then
  deleted again. It stores only the cases, not the desk's timeline, search, audit and fact rows.

    python benchmarks/bench_import.py --rows 10000 --work /tmp/bench_import
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("HOTLINE_DESK_AUDIT_KEY", "5a" * 32)  # a benchmark desk's own key

from sqlalchemy import insert, select, text  # noqa: E402

from hotline_desk.services.admin.auth import actor_for  # noqa: E402
from hotline_desk.services.admin.setup import open_desk  # noqa: E402
from hotline_desk.services.context import ServiceContext  # noqa: E402
from hotline_desk.services.dto import Actor  # noqa: E402
from hotline_desk.services.intake import platform_import as pi  # noqa: E402
from hotline_desk.services.intake import reading  # noqa: E402
from hotline_desk.store.models import Case, OrgUnit, User, UserRole  # noqa: E402

HEADERS = ["工单编号", "来源渠道", "派单类型", "标题", "问题描述/诉求内容", "诉求人姓名",
           "来电号码", "发生地址", "联系地址", "问题分类", "工单类型", "紧急程度", "市派单时间",
           "市截止时间(办理时限)", "受理时间", "是否保密", "是否同意公开", "备注"]  # fmt: skip
TOPICS = ["企业政策", "资金扶持", "电力保障", "中小企业服务", "通信网络", "节能监察"]


def write_file(path: Path, n: int, start: datetime) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("工单")
    sheet.append(["某市12345政务服务便民热线工单导出"])
    sheet.append(HEADERS)
    for i in range(n):
        at = start + timedelta(minutes=3 * i)
        sheet.append([
            f"SZ{i:012d}", "电话", "直派", f"反映{TOPICS[i % 6]}相关问题第{i}号",
            f"市民来电反映{TOPICS[i % 6]}方面的问题,希望相关部门尽快处理。编号{i}",
            "王五" if i % 9 else "匿名", f"139{i:08d}", "高新区创业路18号", "高新区创业路20号",
            f"经济管理/{TOPICS[i % 6]}", ["咨询", "求助", "投诉", "建议"][i % 4],
            "一般", at + timedelta(minutes=20), (at + timedelta(days=5)).strftime("%Y-%m-%d"),
            at, "否", "是", "",
        ])  # fmt: skip
    book.save(path)


def desk_user(ctx: ServiceContext) -> Actor:
    with ctx.uow.write() as uow:
        s = uow.session
        unit = s.execute(select(OrgUnit.id).where(OrgUnit.code == "BGS")).scalar_one()
        user = User(username="bench_desk", display_name="导入测试", password_hash=None,
                    must_change_password=False, org_unit_id=unit, active=True,
                    failed_logins=0, is_demo=False, created_at=ctx.now())  # fmt: skip
        user.roles = [UserRole(role="desk"), UserRole(role="intake")]
        s.add(user)
        s.flush()
        actor = actor_for(s, user)
        uow.commit()
        return actor


def floor(ctx: ServiceContext, path: Path) -> tuple[float, float, float]:
    """(seconds to read the file read-only, seconds for the executemany of its rows, this
    process's CPU seconds for both)."""
    c0 = time.process_time()
    t0 = time.perf_counter()
    rows = reading.read_rows(path)[2:]
    t1 = time.perf_counter()
    now = ctx.now()
    params = [
        {"case_no": f"BENCH-{i:08d}", "query_code": "000000", "channel": "platform",
         "received_at": r[14], "platform_ref": f"BENCH{r[0]}", "caller_name": r[5],
         "caller_phone": r[6], "caller_address": r[8], "category": "consult",
         "urgency": "normal", "title": r[3], "content": r[4], "status": "registered",
         "created_at": now, "updated_at": now, "version": 1, "external_deadline": now}
        for i, r in enumerate(rows)
    ]  # fmt: skip
    with ctx.engines.writer.begin() as conn:  # Core insert: the columns' defaults fill the rest
        conn.execute(insert(Case.__table__), params)
    t2 = time.perf_counter()
    cpu = time.process_time() - c0
    with ctx.engines.writer.begin() as conn:
        conn.execute(text("DELETE FROM cases WHERE case_no LIKE 'BENCH-%'"))
    return t1 - t0, t2 - t1, cpu


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=10_000)
    ap.add_argument("--work", default="/tmp/bench_import")
    ap.add_argument("--database-url", default="")
    ap.add_argument("--batch", type=int, default=pi.BATCH)
    ap.add_argument("--json", default="")
    args = ap.parse_args(argv)
    work = Path(args.work)
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    file = work / "platform.xlsx"
    now = datetime.now().replace(microsecond=0)
    write_file(file, args.rows, now - timedelta(minutes=3 * args.rows + 60))
    url = args.database_url or f"sqlite+pysqlite:///{work / 'hotline_desk.db'}"
    ctx = open_desk(url, backup_dir=work / "backups")
    actor = desk_user(ctx)
    read_s, insert_s, floor_cpu = floor(ctx, file)  # first: ours then finds the tables warm too
    c1 = time.process_time()

    t0 = time.perf_counter()
    preview = pi.preview_import(ctx, actor, file)
    t1 = time.perf_counter()
    summary = pi.run_import(ctx, actor, preview, batch_size=args.batch)
    t2 = time.perf_counter()
    c2 = time.process_time()
    again = pi.preview_import(ctx, actor, file)
    t3 = time.perf_counter()
    assert summary.added == args.rows, (summary.added, summary.refused[:3])
    assert again.count(pi.UNCHANGED) == args.rows
    ours, floor_s = t2 - t0, read_s + insert_s
    figures: dict[str, Any] = {
        "rows": args.rows, "engine": ctx.engines.writer.dialect.name, "batch": args.batch,
        "preview_s": round(t1 - t0, 2), "import_s": round(t2 - t1, 2),
        "ours_s": round(ours, 2), "preview_again_s": round(t3 - t2, 2),
        "floor_read_s": round(read_s, 2), "floor_executemany_s": round(insert_s, 2),
        "floor_s": round(floor_s, 2), "ratio": round(ours / floor_s, 2),
        "rows_per_s": round(args.rows / ours),
        # this process's CPU (a busy machine stretches the wall clock; on PostgreSQL the
        # server's own work is not in it)
        "ours_cpu_s": round(c2 - c1, 2), "floor_cpu_s": round(floor_cpu, 2),
        "cpu_ratio": round((c2 - c1) / max(floor_cpu, 1e-9), 2),
    }  # fmt: skip
    ctx.engines.dispose()
    print(f"平台工单导入 {args.rows} 行({figures['engine']},每批 {args.batch} 行)")
    print(f"  ours : preview {figures['preview_s']} s + import {figures['import_s']} s "
          f"= {figures['ours_s']} s ({figures['rows_per_s']} rows/s)")  # fmt: skip
    print(f"  floor: openpyxl read-only {figures['floor_read_s']} s + executemany "
          f"{figures['floor_executemany_s']} s = {figures['floor_s']} s")  # fmt: skip
    print(f"  ratio: {figures['ratio']}× (goal ≤ 2×: {'ok' if figures['ratio'] <= 2 else 'MISS'})")
    print(f"  re-import preview (all unchanged): {figures['preview_again_s']} s")
    print(f"  process CPU: ours {figures['ours_cpu_s']} s, floor {figures['floor_cpu_s']} s "
          f"({figures['cpu_ratio']}×)")  # fmt: skip
    if args.json:
        Path(args.json).write_text(json.dumps(figures, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
