"""Attachment benchmark (issue 17): adding a 10 MB file to a case (goal ≤ 1 s) and opening a
case with 20 attachments against the same case without (goal ≤ 50 ms more), each beside a floor
measured in the same run, on SQLite and, with ``--pg-url``, on PostgreSQL.

* **add.** ``files.add_attachment`` of a 10 MB PDF: read the file, judge its type, SHA-256,
  then one transaction with the row, the bytes, the timeline event and the audit row.
  Floor: the same bytes written with their SHA-256 on the same storage — the file read, hashed
  and INSERTed into a scratch table of the same database and committed, through the same
  driver (the desk keeps the bytes in the database). On SQLite also, as a note, the
  alternative not taken: the bytes hashed and written to a file in the data directory, fsynced.
  Runs alternate the desk and the floor.
* **open.** What the detail pane does when a case is opened: ``read_model.get_case`` plus
  ``files.list_attachments`` (the 附件 tab), for a case with no files and for one with 20
  files of 1 MB (20 MB of bytes the list must not read). The case without files is the floor.

    python benchmarks/bench_attachments.py --work /tmp/bench_attach [--pg-url URL] [--json F]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("HOTLINE_DESK_AUDIT_KEY", "5a" * 32)  # a benchmark desk's own key

from bench_json import Bound, Figure, Report, add_pg_url, pg_schema, print_table, write_json  # noqa: E402
from sqlalchemy import text  # noqa: E402

from hotline_desk.services.admin.setup import open_desk  # noqa: E402
from hotline_desk.services.attachments import files  # noqa: E402
from hotline_desk.services.cases import read_model, registration  # noqa: E402
from hotline_desk.services.context import ServiceContext  # noqa: E402
from tests.conftest import add_user  # noqa: E402
from tests.factories import case_input  # noqa: E402

MB = 1024 * 1024


def pdf_of(size: int) -> bytes:
    """A file of ``size`` bytes that is a PDF by its first bytes (the rest incompressible)."""
    return b"%PDF-1.4\n" + os.urandom(size - 9)


def timed_s(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def blob_floor(ctx: ServiceContext) -> tuple[Callable[[Path], None], Callable[[], None]]:
    """The same bytes stored with their SHA-256 on the same storage: the file read and hashed,
    a bare INSERT of bytes and digest into a scratch table of the desk's database, a commit
    (same driver). Returns the one write and the scratch table's removal."""
    engine = ctx.engines.writer
    kind = "BYTEA" if engine.dialect.name == "postgresql" else "BLOB"
    with engine.begin() as conn:
        conn.execute(text(f"CREATE TABLE bench_blob (id INTEGER PRIMARY KEY, sha256 TEXT, "
                          f"content {kind})"))  # fmt: skip
    counter = iter(range(1, 100_000))

    def once(path: Path) -> None:
        content = path.read_bytes()
        digest = hashlib.sha256(content).hexdigest()
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO bench_blob (id, sha256, content) VALUES (:i, :h, :c)"),
                         {"i": next(counter), "h": digest, "c": content})  # fmt: skip

    def drop() -> None:
        with engine.begin() as conn:
            conn.execute(text("DROP TABLE bench_blob"))

    return once, drop


def file_write(path: Path, folder: Path, n: int) -> None:
    """The alternative not taken on SQLite: the bytes hashed and written into the data
    directory as a file of their own, fsynced."""
    content = path.read_bytes()
    hashlib.sha256(content).hexdigest()
    with (folder / f"{n}.bin").open("wb") as f:
        f.write(content)
        f.flush()
        os.fsync(f.fileno())


def measure(report: Report, url: str, work: Path, times: int, opens: int) -> None:
    """Both figures on one desk at ``url`` (a new, empty one)."""
    ctx = open_desk(url, backup_dir=None)
    engine = ctx.engines.writer.dialect.name
    desk = add_user(ctx, "desk", "intake", username="bench_desk")
    big = work / "来信扫描件.pdf"
    big.write_bytes(pdf_of(10 * MB))
    case = registration.register_case(ctx, desk, case_input(ctx))
    floor_once, drop = blob_floor(ctx)
    on_disk = work / "files"
    on_disk.mkdir(exist_ok=True)
    add: dict[str, list[float]] = {"desk": [], "floor": [], "file": []}
    try:
        files.add_attachment(ctx, desk, case.id, "letter_scan", big)  # warm: first statements
        floor_once(big)
        for i in range(times):  # alternated: the other desks' load hits both alike
            add["desk"].append(timed_s(
                lambda: files.add_attachment(ctx, desk, case.id, "letter_scan", big)))  # fmt: skip
            add["floor"].append(timed_s(lambda: floor_once(big)))
            if engine == "sqlite":
                add["file"].append(timed_s(lambda i=i: file_write(big, on_disk, i)))
    finally:
        drop()
        shutil.rmtree(on_disk, ignore_errors=True)
    note = "floor: read + SHA-256 + bare INSERT of the bytes + commit, same database"
    if add["file"]:
        note += (f"; the bytes as a file in the data directory (read, SHA-256, write, fsync): "
                 f"{statistics.median(add['file']):.3f} s")  # fmt: skip
    report.add(Figure(f"add a 10 MB attachment, median of {times} ({engine})",
                      statistics.median(add["desk"]), statistics.median(add["floor"]), "s",
                      goal="<= 1 s", limit=1.0, note=note))  # fmt: skip

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
    for _ in range(opens):  # interleaved
        for case_id in (bare, full):
            taken[case_id].append(timed_s(opened(case_id)) * 1000)
    ctx.engines.dispose()
    report.add(Bound(f"open a case with 20 attachments, median of {opens} ({engine})",
                     statistics.median(taken[full]), statistics.median(taken[bare]), "ms",
                     goal="<= +50 ms", added_limit=50.0,
                     note="get_case + list_attachments; floor: the same for a case without "
                          "files"))  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work", default="/tmp/bench_attach")
    add_pg_url(ap)
    ap.add_argument("--times", type=int, default=7, help="runs of each add (median)")
    ap.add_argument("--opens", type=int, default=50, help="runs of each open (median)")
    ap.add_argument("--json", default="")
    args = ap.parse_args(argv)
    work = Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    report = Report()
    try:
        measure(report, f"sqlite+pysqlite:///{work / 'hotline_desk.db'}", work, args.times,
                args.opens)  # fmt: skip
        if args.pg_url:
            with pg_schema(args.pg_url) as url:
                measure(report, url, work, args.times, args.opens)
        else:
            report.notes.append("PostgreSQL skipped: no --pg-url")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print_table(report)
    write_json(args.json, report, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
