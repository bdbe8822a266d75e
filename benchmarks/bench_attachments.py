"""Attachment benchmark: adding a 10 MB file to a case (goal ≤ 1 s) and opening a case with 20
attachments against the same case without (goal ≤ 50 ms more), each beside a floor measured
in the same run.

* **add.** ``files.add_attachment`` of a 10 MB PDF: read the file, judge its type, SHA-256,
  then one transaction with the row, the bytes, the timeline event and the audit row.
  Floor: the file read plus a bare INSERT of the same 10 MB into a scratch table and a commit,
  through the same driver. On SQLite also the alternative not taken: the bytes written to a
  file in the data directory and fsynced (what keeping them outside the database would cost).
* **open.** What the detail pane does when a case is opened: ``read_model.get_case`` plus
  ``files.list_attachments`` (the 附件 tab), for a case with no files and for one with 20
  files of 1 MB (20 MB of bytes the list must not read). The case without files is the floor.

    python benchmarks/bench_attachments.py --work /tmp/bench_attach
    python benchmarks/bench_attachments.py --database-url postgresql+psycopg://…
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("HOTLINE_DESK_AUDIT_KEY", "5a" * 32)  # a benchmark desk's own key

from sqlalchemy import text  # noqa: E402

from hotline_desk.services.admin.setup import open_desk  # noqa: E402
from hotline_desk.services.attachments import files  # noqa: E402
from hotline_desk.services.attachments.content import read_file  # noqa: E402
from hotline_desk.services.cases import read_model, registration  # noqa: E402
from hotline_desk.services.context import ServiceContext  # noqa: E402
from tests.conftest import add_user  # noqa: E402
from tests.factories import case_input  # noqa: E402

MB = 1024 * 1024


def pdf_of(size: int) -> bytes:
    """A file of ``size`` bytes that is a PDF by its first bytes (the rest incompressible)."""
    return b"%PDF-1.4\n" + os.urandom(size - 9)


def median_s(run: Callable[[], object], times: int) -> float:
    taken = []
    for _ in range(times):
        start = time.perf_counter()
        run()
        taken.append(time.perf_counter() - start)
    return statistics.median(taken)


def blob_floor(ctx: ServiceContext, path: Path, times: int) -> float:
    """The file read, then a bare INSERT of its bytes and a commit (same driver)."""
    engine = ctx.engines.writer
    kind = "BYTEA" if engine.dialect.name == "postgresql" else "BLOB"
    with engine.begin() as conn:
        conn.execute(text(f"CREATE TABLE bench_blob (id INTEGER PRIMARY KEY, content {kind})"))
    counter = iter(range(1, 10_000))

    def once() -> None:
        content = path.read_bytes()
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO bench_blob (id, content) VALUES (:i, :c)"),
                         {"i": next(counter), "c": content})  # fmt: skip

    try:
        return median_s(once, times)
    finally:
        with engine.begin() as conn:
            conn.execute(text("DROP TABLE bench_blob"))


def file_floor(path: Path, folder: Path, times: int) -> float:
    """The alternative for SQLite: the bytes written into the data directory and fsynced."""
    folder.mkdir(parents=True, exist_ok=True)
    counter = iter(range(10_000))

    def once() -> None:
        content = path.read_bytes()
        target = folder / f"{next(counter)}.bin"
        with target.open("wb") as f:
            f.write(content)
            f.flush()
            os.fsync(f.fileno())

    return median_s(once, times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work", default="/tmp/bench_attach")
    ap.add_argument("--database-url", default="")
    ap.add_argument("--times", type=int, default=5, help="runs of each add (median)")
    ap.add_argument("--opens", type=int, default=50, help="runs of each open (median)")
    ap.add_argument("--json", default="")
    args = ap.parse_args(argv)
    work = Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    url = args.database_url or f"sqlite+pysqlite:///{work / 'hotline_desk.db'}"
    ctx = open_desk(url)
    engine = ctx.engines.writer.dialect.name
    desk = add_user(ctx, "desk", "intake", username="bench_desk")
    big = work / "来信扫描件.pdf"
    big.write_bytes(pdf_of(10 * MB))

    case = registration.register_case(ctx, desk, case_input(ctx))
    ours = median_s(lambda: files.add_attachment(ctx, desk, case.id, "letter_scan", big),
                    args.times)  # fmt: skip
    checked = median_s(lambda: read_file(big, 20), args.times)
    floor = blob_floor(ctx, big, args.times)
    on_disk = file_floor(big, work / "files", args.times) if engine == "sqlite" else None

    bare = registration.register_case(ctx, desk, case_input(ctx)).id
    full = registration.register_case(ctx, desk, case_input(ctx)).id
    one = work / "照片.pdf"
    one.write_bytes(pdf_of(MB))
    for _ in range(20):
        files.add_attachment(ctx, desk, full, "photo", one)

    def opened(case_id: int) -> Callable[[], object]:
        def run() -> object:
            read_model.get_case(ctx, desk, case_id)
            return files.list_attachments(ctx, desk, case_id)

        return run

    opened(bare)(), opened(full)()  # warm the statement caches alike
    taken: dict[int, list[float]] = {bare: [], full: []}
    for _ in range(args.opens):  # interleaved: the other desks' load hits both alike
        for case_id in (bare, full):
            taken[case_id].append(median_s(opened(case_id), 1))
    open_bare, open_full = statistics.median(taken[bare]), statistics.median(taken[full])
    ctx.engines.dispose()

    figures = {
        "engine": engine,
        "add_10mb_s": round(ours, 3),
        "read_check_hash_s": round(checked, 3),
        "floor_insert_commit_s": round(floor, 3),
        "add_ratio": round(ours / floor, 2),
        "file_in_data_dir_s": round(on_disk, 3) if on_disk is not None else None,
        "open_without_ms": round(open_bare * 1000, 2),
        "open_with_20_ms": round(open_full * 1000, 2),
        "open_extra_ms": round((open_full - open_bare) * 1000, 2),
    }
    print(f"附件（{engine}）")
    print(f"  添加 10 MB：{figures['add_10mb_s']} s（其中读取+判断类型+SHA-256 "
          f"{figures['read_check_hash_s']} s）；floor 读文件+裸 INSERT+提交 "
          f"{figures['floor_insert_commit_s']} s；{figures['add_ratio']}×；"
          f"目标 ≤ 1 s：{'ok' if ours <= 1 else 'MISS'}")  # fmt: skip
    if on_disk is not None:
        print(f"  对照：写入数据目录文件并 fsync {figures['file_in_data_dir_s']} s")
    print(f"  打开办件（详情+附件列表）：无附件 {figures['open_without_ms']} ms，20 个附件 "
          f"{figures['open_with_20_ms']} ms，多 {figures['open_extra_ms']} ms；目标 ≤ 50 ms："
          f"{'ok' if open_full - open_bare <= 0.05 else 'MISS'}")  # fmt: skip
    if args.json:
        Path(args.json).write_text(json.dumps(figures, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
