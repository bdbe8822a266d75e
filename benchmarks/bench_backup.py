"""What the desk's backup and restore cost against the bare tools, in the same run.

SQLite (the given file is only read; every copy goes under --work and is deleted):
- floor: Python's ``sqlite3.Connection.backup`` of the file in one step, and the ``sqlite3``
  command line's ``.backup`` (when installed), each into a new file;
- the desk: ``store/backup/make.py`` ``make_backup`` — the stepwise copy inside one read
  transaction, then the checks (source row counts in the snapshot, SHA-256, integrity_check,
  row counts and audit chain of the copy); the manifest's per-stage seconds split the copy
  from the checks. Rounds alternate floor and desk so both see the same cache and load.
- restore with verification: ``store/backup/restore.py`` ``prepare_sqlite`` (copy into a new
  file with its SHA-256, integrity_check, row counts, audit chain) and the swap, against a bare
  file copy.

PostgreSQL (a demo database of --pg-cases cases in a database of its own, dropped at the end):
a bare ``pg_dump -Fc`` against the desk's dump (exported snapshot, row counts and audit chain
in it, then SHA-256 and ``pg_restore --list``), and the restore into a new database with its
checks against a bare ``createdb`` + ``pg_restore``.

    python benchmarks/bench_backup.py --db /tmp/b12_full/hotline_desk.db --work /tmp/h13_bench \\
        [--rounds 2] [--pg-url URL --pg-cases 100000] [--json out.json]

PostgreSQL's part runs only with ``--pg-url`` (a server database where a database of its own is
created and dropped). The JSON's figures (``run_all.py``): the desk's copy against the faster
bare copy (issue 13's goal ≤ 1.2×, read for the copy as when the issue was resolved), the whole
backup with its checks and the restore with verification against their bare floors, and on
PostgreSQL the desk's dump and backup against a bare ``pg_dump`` and its restore against a bare
``createdb`` + ``pg_restore`` (reported, no goal).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_json import Figure, Report, add_pg_url, write_json  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from hotline_desk.store import audit_key  # noqa: E402
from hotline_desk.store.backup import layout, postgres  # noqa: E402
from hotline_desk.store.backup.layout import BackupKind  # noqa: E402
from hotline_desk.store.backup.make import BackupRequest, make_backup  # noqa: E402
from hotline_desk.store.backup.pg_tools import PgPlace, require_tool  # noqa: E402
from hotline_desk.store.backup.restore import Source, prepare_sqlite, swap_sqlite  # noqa: E402
from hotline_desk.store.backup.sqlite_files import copy_live  # noqa: E402

GB = 1 << 30


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def timed(fn: Any, *args: Any, **kw: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn(*args, **kw)
    return time.perf_counter() - start, result


def bare_python(src: Path, out: Path) -> None:
    s = sqlite3.connect(f"{src.resolve().as_uri()}?mode=ro", uri=True)
    d = sqlite3.connect(out)
    s.backup(d)
    d.close()
    s.close()


def bare_cli(src: Path, out: Path) -> None:
    subprocess.run(["sqlite3", "-readonly", str(src), f".backup '{out}'"], check=True)


def desk_backup(src: Path, root: Path) -> layout.Manifest:
    request = BackupRequest(BackupKind.MANUAL, "bench", datetime.now(), root)
    folder = make_backup(make_url(f"sqlite+pysqlite:///{src}"), request)
    manifest = layout.read_manifest(folder)
    assert manifest is not None and manifest.ok, manifest
    return manifest


def desk_copy(src: Path, out: Path) -> None:
    """The copy stage of the desk's backup alone (the snapshot's row counts are a check)."""
    copy_live(src, out, count_rows=False)


def copy_ratio(db: Path, work: Path, rounds: int) -> dict[str, Any]:
    """The bare copies and the desk's copy stage, each round in a rotated order (the first copy
    of a run meets an idle disk), so that the medians compare like with like."""
    work.mkdir(parents=True, exist_ok=True)
    ways = {"python_backup": bare_python, "desk_copy": desk_copy}
    if shutil.which("sqlite3"):
        ways["sqlite3_cli_backup"] = bare_cli
    names = list(ways)
    res: dict[str, Any] = {"load_before": load(), "runs": []}
    for r in range(rounds):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            out = work / f"ratio-{name}.db"
            seconds, _ = timed(ways[name], db, out)
            out.unlink()
            res["runs"].append({"round": r, "what": name, "seconds": round(seconds, 3)})
            print(f"  round {r} {name}: {seconds:.2f} s", flush=True)
    res["median"] = {
        n: statistics.median(x["seconds"] for x in res["runs"] if x["what"] == n) for n in names
    }
    res["load_after"] = load()
    return res


def sqlite_part(db: Path, work: Path, rounds: int) -> dict[str, Any]:
    work.mkdir(parents=True, exist_ok=True)
    size = db.stat().st_size
    floors = {"python_backup": bare_python}
    if shutil.which("sqlite3"):
        floors["sqlite3_cli_backup"] = bare_cli
    res: dict[str, Any] = {"file_bytes": size, "load_before": load(), "runs": []}
    kept: Path | None = None
    for r in range(rounds):
        for name, fn in floors.items():
            out = work / f"floor-{name}.db"
            seconds, _ = timed(fn, db, out)
            out.unlink()
            res["runs"].append({"round": r, "what": name, "seconds": round(seconds, 3)})
            print(f"  round {r} {name}: {seconds:.2f} s", flush=True)
        root = work / f"desk-{r}"
        seconds, manifest = timed(desk_backup, db, root)
        stages = manifest.seconds
        res["runs"].append(
            {
                "round": r,
                "what": "desk",
                "seconds": round(seconds, 3),
                "stages": stages,
                "copy_bytes": manifest.size,
            }
        )
        print(f"  round {r} desk: {seconds:.1f} s {stages}", flush=True)
        if kept is not None:
            shutil.rmtree(kept.parent)
        kept = next(root.iterdir()) / layout.SQLITE_FILE
    assert kept is not None
    res["restore"] = sqlite_restore(kept, work)
    shutil.rmtree(kept.parent.parent)
    res["load_after"] = load()
    return res


def synced_copy(source: Path, target: Path) -> None:
    shutil.copyfile(source, target)
    layout.fsync_file(target)


def sqlite_restore(copy: Path, work: Path) -> dict[str, Any]:
    manifest = layout.read_manifest(copy.parent)
    live = work / "live" / "hotline_desk.db"
    live.parent.mkdir(exist_ok=True)
    floor, _ = timed(synced_copy, copy, work / "floor-copy.db")
    (work / "floor-copy.db").unlink()
    seconds, restored = timed(prepare_sqlite, Source(copy, manifest, "sqlite"), live)
    assert restored.ok, restored.checks
    swap, _ = timed(swap_sqlite, Path(restored.prepared), live)
    out = {
        "bytes": live.stat().st_size,
        "prepare_and_check_seconds": round(seconds, 2),
        "swap_seconds": round(swap, 3),
        "bare_synced_file_copy_seconds": round(floor, 2),
    }
    print(f"  restore: {out}", flush=True)
    shutil.rmtree(live.parent)
    return out


def pg_part(server_url: str, cases: int, work: Path, rounds: int) -> dict[str, Any]:
    name = f"h13bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    place = PgPlace.of(url)
    res: dict[str, Any] = {"cases": cases, "load_before": load(), "runs": []}
    try:
        demo = [
            sys.executable,
            "-m",
            "hotline_desk",
            "--data-dir",
            str(work / "pgdata"),
            "--database-url",
            url,
            "demo",
            "--cases",
            str(cases),
        ]
        built, _ = timed(lambda: subprocess.run(demo, check=True, stdout=subprocess.DEVNULL))
        res["demo_seconds"] = round(built, 1)
        audit_key.use_directory(work / "pgdata")  # the PostgreSQL demo's key
        with admin.connect() as conn:
            res["database_bytes"] = conn.execute(
                text("SELECT pg_database_size(:d)"), {"d": name}
            ).scalar_one()
        dump_tool = str(require_tool("pg_dump"))
        manifest = None
        for r in range(rounds):
            out = work / "floor.dump"
            seconds, _ = timed(
                subprocess.run, [dump_tool, "-Fc", "-f", str(out)], env=place.env(), check=True
            )
            res["runs"].append(
                {
                    "round": r,
                    "what": "pg_dump",
                    "seconds": round(seconds, 3),
                    "bytes": out.stat().st_size,
                }
            )
            out.unlink()
            only, _ = timed(postgres.dump, place, work / "desk-only.dump")
            (work / "desk-only.dump").unlink()
            res["runs"].append({"round": r, "what": "desk_dump", "seconds": round(only, 2)})
            root = work / f"pg-desk-{r}"
            request = BackupRequest(BackupKind.MANUAL, "bench", datetime.now(), root)
            seconds, folder = timed(make_backup, make_url(url), request)
            manifest = layout.read_manifest(folder)
            assert manifest is not None and manifest.ok
            res["runs"].append(
                {
                    "round": r,
                    "what": "desk_backup",
                    "seconds": round(seconds, 3),
                    "stages": manifest.seconds,
                    "bytes": manifest.size,
                }
            )
            print(f"  round {r}: {res['runs'][-3:]}", flush=True)
        res["restore"] = pg_restore(place, folder, manifest, work)
    finally:
        with admin.connect() as conn:
            for db in (
                conn.execute(
                    text("SELECT datname FROM pg_database WHERE datname LIKE :p"), {"p": f"{name}%"}
                )
                .scalars()
                .all()
            ):
                conn.execute(text(f'DROP DATABASE "{db}" WITH (FORCE)'))
        admin.dispose()
    res["load_after"] = load()
    return res


def pg_restore(place: PgPlace, folder: Path, manifest: Any, work: Path) -> dict[str, Any]:
    from hotline_desk.store.backup.restore import prepare_postgres

    dump = folder / layout.PG_FILE
    floor_db = f"{place.database}_floor"
    env = place.env()

    def bare() -> None:
        subprocess.run([str(require_tool("createdb")), floor_db], env=env, check=True)
        subprocess.run(
            [str(require_tool("pg_restore")), "--single-transaction", "-d", floor_db, str(dump)],
            env=env,
            check=True,
        )

    floor, _ = timed(bare)
    seconds, restored = timed(prepare_postgres, Source(dump, manifest, "postgresql"), place)
    assert restored.ok, restored.checks
    out = {
        "dump_bytes": dump.stat().st_size,
        "bare_createdb_pg_restore_seconds": round(floor, 2),
        "desk_restore_and_check_seconds": round(seconds, 2),
    }
    print(f"  restore: {out}", flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="SQLite file (only read)")
    parser.add_argument("--work", type=Path, required=True, help="scratch folder (deleted)")
    parser.add_argument("--rounds", type=int, default=2, help="full backups (with checks)")
    parser.add_argument("--copy-rounds", type=int, default=5, help="rounds of the copy ratio")
    parser.add_argument("--only-copy", action="store_true", help="the copy ratio alone")
    parser.add_argument("--pg-cases", type=int, default=100_000)
    parser.add_argument("--skip-pg", action="store_true", help="(the default without --pg-url)")
    add_pg_url(parser)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if args.work.exists():
        raise SystemExit(f"{args.work} exists: give a new scratch folder")
    audit_key.use_directory(args.db.parent)  # the desk's key beside its database (the demo's)
    result: dict[str, Any] = {
        "when": datetime.now().isoformat(timespec="seconds"),
        "sqlite_version": sqlite3.sqlite_version,
        "cpus": os.cpu_count(),
    }
    try:
        print(f"SQLite: {args.db} ({args.db.stat().st_size / GB:.2f} GB), load {load()}")
        result["copy_ratio"] = copy_ratio(args.db, args.work / "ratio", args.copy_rounds)
        if not args.only_copy:
            result["sqlite"] = sqlite_part(args.db, args.work / "sqlite", args.rounds)
        pg_url = args.pg_url
        if not args.skip_pg and not args.only_copy and pg_url:
            print(f"PostgreSQL: {args.pg_cases:,} demo cases, load {load()}")
            result["postgresql"] = pg_part(pg_url, args.pg_cases, args.work, args.rounds)
    finally:
        shutil.rmtree(args.work, ignore_errors=True)
    summary(result)
    report = figures(result)
    if "postgresql" not in result:
        report.notes.append("PostgreSQL skipped: no --pg-url")
    write_json(args.json, report, args, **result)


def figures(result: dict[str, Any]) -> Report:
    """Each desk figure against its bare floor (medians of the rounds)."""
    report = Report()
    ratio = result["copy_ratio"]
    bare = {k: v for k, v in ratio["median"].items() if k != "desk_copy"}
    fastest = min(bare, key=bare.__getitem__)
    rounds = len(ratio["runs"]) // len(ratio["median"])
    report.add(Figure(f"SQLite backup, the copy, median of {rounds}",
                      ratio["median"]["desk_copy"], bare[fastest], "s", goal="<= 1.2x",
                      ratio_limit=1.2, note=f"floor: {fastest} of the same file (the faster bare "
                                            "copy); rounds rotated"))  # fmt: skip
    if "sqlite" in result:
        runs = result["sqlite"]["runs"]

        def med(what: str) -> float:
            return statistics.median(r["seconds"] for r in runs if r["what"] == what)

        floors = {w: med(w) for w in ("python_backup", "sqlite3_cli_backup")
                  if any(r["what"] == w for r in runs)}  # fmt: skip
        least = min(floors, key=floors.__getitem__)
        report.add(Figure("SQLite backup with its checks", med("desk"), floors[least], "s",
                          note=f"copy, SHA-256, integrity_check, row counts, audit chain; floor: "
                               f"{least} alone"))  # fmt: skip
        restore = result["sqlite"]["restore"]
        report.add(Figure("SQLite restore with verification",
                          restore["prepare_and_check_seconds"] + restore["swap_seconds"],
                          restore["bare_synced_file_copy_seconds"], "s",
                          note=f"{restore['bytes'] / GB:.2f} GB; floor: a bare file copy, "
                               "fsynced"))  # fmt: skip
    if "postgresql" in result:
        pg = result["postgresql"]

        def pmed(what: str) -> float:
            return statistics.median(r["seconds"] for r in pg["runs"] if r["what"] == what)

        note = f"{pg['cases']:,} demo cases, {pg['database_bytes'] / GB:.2f} GB; floor: pg_dump -Fc"
        report.add(Figure("PostgreSQL dump by the desk", pmed("desk_dump"), pmed("pg_dump"), "s",
                          note=note))  # fmt: skip
        report.add(Figure("PostgreSQL backup with its checks", pmed("desk_backup"),
                          pmed("pg_dump"), "s", note=note))  # fmt: skip
        restore = pg["restore"]
        report.add(Figure("PostgreSQL restore with its checks",
                          restore["desk_restore_and_check_seconds"],
                          restore["bare_createdb_pg_restore_seconds"], "s",
                          note=f"dump {restore['dump_bytes'] / 2**20:.0f} MB; floor: createdb + "
                               "pg_restore --single-transaction"))  # fmt: skip
    return report


def summary(result: dict[str, Any]) -> None:
    ratio = result["copy_ratio"]
    desk = ratio["median"]["desk_copy"]
    print("\nSQLite copy, medians of the rounds:")
    for what, seconds in ratio["median"].items():
        print(f"  {what:22} {seconds:7.2f} s   desk copy / it = {desk / seconds:.2f}")
    if "sqlite" not in result:
        return
    sq = result["sqlite"]
    runs = sq["runs"]

    def best(what: str) -> float:
        return min(r["seconds"] for r in runs if r["what"] == what)

    desk = min((r for r in runs if r["what"] == "desk"), key=lambda r: r["stages"]["copy"])
    copy = desk["stages"]["copy"]
    print("\nSQLite backup (best of the rounds):")
    for what in ("python_backup", "sqlite3_cli_backup"):
        if any(r["what"] == what for r in runs):
            print(f"  {what:22} {best(what):7.2f} s   desk copy / it = {copy / best(what):.2f}")
    print(f"  desk copy              {copy:7.2f} s")
    checks = {k: v for k, v in desk["stages"].items() if k != "copy"}
    print(f"  desk checks            {sum(checks.values()):7.1f} s  {checks}")
    print(f"  desk whole backup      {desk['seconds']:7.1f} s")
    print(f"  restore with checks    {sq['restore']}")
    if "postgresql" in result:
        pg = result["postgresql"]
        print(f"\nPostgreSQL ({pg['cases']:,} cases, {pg['database_bytes'] / GB:.2f} GB):")
        for what in ("pg_dump", "desk_dump", "desk_backup"):
            print(f"  {what:12} {min(r['seconds'] for r in pg['runs'] if r['what'] == what):.1f} s")
        print(f"  restore      {pg['restore']}")


if __name__ == "__main__":
    main()
