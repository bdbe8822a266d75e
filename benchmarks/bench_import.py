"""Platform import benchmark: 10,000 work orders from a platform export, with the preview and
the duplicate check, against the floor of reading the same file with openpyxl in read-only mode
plus a bare ``executemany`` of the same rows, measured in one run (goal: ≤ 2× the floor).

* **file.** An XLSX as the platform writes it (title row, header, N rows; Excel dates, phone
  numbers stored as text), written into the work directory; each round of ours gets its own
  file (its 工单编号 prefixed with the round) so that every round imports N new rows.
* **ours.** On one desk (SQLite in the work directory, or ``--database-url``: an empty
  database): ``preview_import`` (read, map, prepare and validate every row as registration
  does, the duplicate check against ``cases.platform_ref``, the routing suggestion) then
  ``run_import`` (a batch of ``--batch`` rows per transaction through
  ``intake.bulk.write_new_rows``: the rows as the preview validated them, the topic and 工单编号
  re-checked, numbering, clocks, one timeline line saying the case came from the file, search
  rows with the masked titles, audit chain, facts, the rows sent straight to the driver; a
  savepoint per row only when a batch is refused). Then the same file previewed again (every
  row found already imported) — the re-import a desk does to resume; not in the ratio.
* **segmenter.** The masked titles need the Chinese segmenter's dictionary. The desk loads it
  in the background after start-up (``gui/shell/app.py``, ``PRIVACY_WARM_UP_MS``), so an import
  started from the window finds it loaded; the benchmark loads it before the first round, as
  the desk does, and reports the time (``segmenter_load_s``) and the first round's ratio with it
  added (``ratio_with_load``: the CLI's ``import`` in a new process pays it).
* **floor.** The file read with openpyxl read-only (every cell, ``reading.read_rows(lean=False)``:
  openpyxl's own cell parsing, with the sheet read once and not twice as plain openpyxl reads a
  sheet without ``<dimension>``; the desk's lean cell parsing is ours, not the floor's), then one
  ``executemany`` INSERT of the same rows into ``cases`` (the columns the import fills and the
  columns' defaults, case numbers made up) on the driver's cursor (``driver_rows.bulk_insert``:
  the statement compiled once, no per-row SQLAlchemy processing) in one transaction, then
  deleted again. It stores only the cases, not the desk's timeline, search, audit and fact rows.
* **rounds.** ``--repeat`` rounds, each the floor then ours, one after the other; the figures
  are the medians, with the 1-minute load average of each round (the machine may be shared).

    python benchmarks/bench_import.py --rows 10000 --work /tmp/bench_import --json /tmp/imp.json
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
from statistics import median
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("HOTLINE_DESK_AUDIT_KEY", "5a" * 32)  # a benchmark desk's own key

from sqlalchemy import select, text  # noqa: E402

from hotline_desk.domain.privacy import detector  # noqa: E402
from hotline_desk.services.admin.auth import actor_for  # noqa: E402
from hotline_desk.services.admin.setup import open_desk  # noqa: E402
from hotline_desk.services.context import ServiceContext  # noqa: E402
from hotline_desk.services.dto import Actor  # noqa: E402
from hotline_desk.services.intake import platform_import as pi  # noqa: E402
from hotline_desk.services.intake import reading  # noqa: E402
from hotline_desk.store.driver_rows import bulk_insert  # noqa: E402
from hotline_desk.store.models import Case, OrgUnit, User, UserRole  # noqa: E402

HEADERS = ["工单编号", "来源渠道", "派单类型", "标题", "问题描述/诉求内容", "诉求人姓名",
           "来电号码", "发生地址", "联系地址", "问题分类", "工单类型", "紧急程度", "市派单时间",
           "市截止时间(办理时限)", "受理时间", "是否保密", "是否同意公开", "备注"]  # fmt: skip
DEFAULTS = {c.key: c.default.arg for c in Case.__table__.columns
            if c.default is not None and c.default.is_scalar}  # type: ignore[union-attr]  # fmt: skip
"""The columns' own defaults, which the floor's rows carry as a Core insert would fill them."""
TOPICS = ["企业政策", "资金扶持", "电力保障", "中小企业服务", "通信网络", "节能监察"]


def write_file(path: Path, n: int, start: datetime, prefix: str = "SZ") -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("工单")
    sheet.append(["某市12345政务服务便民热线工单导出"])
    sheet.append(HEADERS)
    for i in range(n):
        at = start + timedelta(minutes=3 * i)
        sheet.append([
            f"{prefix}{i:012d}", "电话", "直派", f"反映{TOPICS[i % 6]}相关问题第{i}号",
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
    rows = reading.read_rows(path, lean=False)[2:]
    t1 = time.perf_counter()
    now = ctx.now()
    params = [
        {**DEFAULTS, "case_no": f"BENCH-{i:08d}", "query_code": "000000", "channel": "platform",
         "received_at": r[14], "platform_ref": f"BENCH{r[0]}", "caller_name": r[5],
         "caller_phone": r[6], "caller_address": r[8], "category": "consult",
         "urgency": "normal", "title": r[3], "content": r[4], "status": "registered",
         "created_at": now, "updated_at": now, "version": 1, "external_deadline": now}
        for i, r in enumerate(rows)
    ]  # fmt: skip
    with ctx.engines.writer.begin() as conn:  # one executemany on the driver's cursor
        bulk_insert(conn, Case.__table__, params)
    t2 = time.perf_counter()
    cpu = time.process_time() - c0
    with ctx.engines.writer.begin() as conn:
        conn.execute(text("DELETE FROM cases WHERE case_no LIKE 'BENCH-%'"))
    return t1 - t0, t2 - t1, cpu


def ours(ctx: ServiceContext, actor: Actor, path: Path, rows: int,
         batch: int) -> dict[str, float]:  # fmt: skip
    """One import of the file into the desk: its times (wall and CPU) and the re-preview's."""
    c1 = time.process_time()
    t0 = time.perf_counter()
    preview = pi.preview_import(ctx, actor, path)
    t1 = time.perf_counter()
    summary = pi.run_import(ctx, actor, preview, batch_size=batch)
    t2 = time.perf_counter()
    c2 = time.process_time()
    again = pi.preview_import(ctx, actor, path)
    t3 = time.perf_counter()
    assert summary.added == rows, (summary.added, summary.refused[:3])
    assert again.count(pi.UNCHANGED) == rows
    return {"preview_s": t1 - t0, "import_s": t2 - t1, "ours_s": t2 - t0,
            "preview_again_s": t3 - t2, "ours_cpu_s": c2 - c1}  # fmt: skip


def _load() -> float | None:
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=10_000)
    ap.add_argument("--work", default="/tmp/bench_import")
    ap.add_argument("--database-url", default="")
    ap.add_argument("--batch", type=int, default=pi.BATCH)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", default="")
    args = ap.parse_args(argv)
    work = Path(args.work)
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    now = datetime.now().replace(microsecond=0)
    start = now - timedelta(minutes=3 * args.rows + 60)
    files = []
    for r in range(args.repeat):
        files.append(work / f"platform{r}.xlsx")
        write_file(files[-1], args.rows, start, prefix=f"SZ{r}")
    url = args.database_url or f"sqlite+pysqlite:///{work / 'hotline_desk.db'}"
    ctx = open_desk(url, backup_dir=work / "backups")
    actor = desk_user(ctx)
    c0 = time.process_time()
    t0 = time.perf_counter()
    detector.warm_up()  # as the desk does after start-up (module docstring)
    load_s, load_cpu = time.perf_counter() - t0, time.process_time() - c0
    rounds = []
    for r in range(args.repeat):  # the floor first: ours then finds the tables warm too
        read_s, insert_s, floor_cpu = floor(ctx, files[0])
        mine = ours(ctx, actor, files[r], args.rows, args.batch)
        rounds.append({**mine, "floor_read_s": read_s, "floor_executemany_s": insert_s,
                       "floor_s": read_s + insert_s, "floor_cpu_s": floor_cpu,
                       "ratio": mine["ours_s"] / (read_s + insert_s),
                       "cpu_ratio": mine["ours_cpu_s"] / max(floor_cpu, 1e-9),
                       "load": _load() or 0.0})  # fmt: skip
    engine = ctx.engines.writer.dialect.name
    ctx.engines.dispose()
    figures: dict[str, Any] = {"rows": args.rows, "engine": engine, "batch": args.batch,
                               "repeat": args.repeat}  # fmt: skip
    for key in rounds[0]:
        figures[key] = round(median([x[key] for x in rounds]), 2)
    figures["rows_per_s"] = round(args.rows / figures["ours_s"])
    figures["segmenter_load_s"] = round(load_s, 2)
    figures["segmenter_load_cpu_s"] = round(load_cpu, 2)
    first = rounds[0]
    figures["ratio_with_load"] = round((first["ours_s"] + load_s) / first["floor_s"], 2)
    figures["rounds"] = [{k: round(v, 2) for k, v in x.items()} for x in rounds]
    print(f"平台工单导入 {args.rows} 行({engine},每批 {args.batch} 行,{args.repeat} 轮取中位数)")
    for i, x in enumerate(rounds, 1):
        print(f"  round {i}: ours {x['ours_s']:.2f} s (preview {x['preview_s']:.2f} + import "
              f"{x['import_s']:.2f}), floor {x['floor_s']:.2f} s (read {x['floor_read_s']:.2f}"
              f" + executemany {x['floor_executemany_s']:.2f}) = {x['ratio']:.2f}×; CPU "
              f"{x['ours_cpu_s']:.2f} / {x['floor_cpu_s']:.2f} s = {x['cpu_ratio']:.2f}×; "
              f"load {x['load']:.1f}")  # fmt: skip
    print(f"  median: ours {figures['ours_s']} s, floor {figures['floor_s']} s, ratio "
          f"{figures['ratio']}× (goal ≤ 2×: {'ok' if figures['ratio'] <= 2 else 'MISS'}); "
          f"CPU {figures['cpu_ratio']}×; load {figures['load']}")  # fmt: skip
    print(f"  segmenter dictionary loaded before the first round: {figures['segmenter_load_s']} s"
          f" (first round with it: {figures['ratio_with_load']}×)")  # fmt: skip
    print(f"  re-import preview (all unchanged): {figures['preview_again_s']} s")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
