"""What the smaller benchmarks share to report like ``bench_foundation``: figures whose goal is
a bound the ``Figure`` of ``bench_foundation`` cannot say (a lower bound, an added time), the
``--json`` file ``run_all.py`` reads, the ``--pg-url`` option and a scratch PostgreSQL schema.

Every script that uses it prints its own lines as before and, with ``--json PATH``, writes
``{"args": …, "figures": [Figure.as_json(), …], …}`` — the shape ``run_all.py`` reads.
"""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_foundation import Figure, Report, print_table  # noqa: E402

__all__ = [
    "Bound",
    "Figure",
    "Report",
    "add_pg_url",
    "p95",
    "pg_schema",
    "print_table",
    "write_json",
]


@dataclass
class Bound(Figure):
    """A figure held to bounds ``Figure`` cannot express: at most ``added_limit`` more than its
    floor (a feature's cost, in ``unit``), at least ``at_least`` (a recall), or several at once
    (``limit`` and ``ratio_limit`` both): met when every bound given is met."""

    added_limit: float | None = None
    at_least: float | None = None

    @property
    def verdict(self) -> str:
        ours, floor, ratio = self.ours, self.floor, self.ratio
        checks = [
            (self.limit, lambda b: ours is not None and ours <= b),
            (self.ratio_limit, lambda b: ratio is not None and ratio <= b),
            (
                self.added_limit,
                lambda b: ours is not None and floor is not None and ours - floor <= b,
            ),
            (self.at_least, lambda b: ours is not None and ours >= b),
        ]
        given = [ok(bound) for bound, ok in checks if bound is not None]
        if not given:
            return ""
        return "ok" if all(given) else "MISS"


def p95(values: Sequence[float]) -> float:
    """Nearest-rank 95th percentile."""
    ordered = sorted(values)
    return ordered[max(1, -(-95 * len(ordered) // 100)) - 1]


def add_pg_url(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--pg-url",
        default="",
        help="a PostgreSQL server database (a scratch schema is made and dropped); "
        "without it the PostgreSQL figures are skipped",
    )


@contextmanager
def pg_schema(server_url: str) -> Iterator[str]:
    """A URL whose connections use a new schema of ``server_url``'s database, dropped after."""
    from sqlalchemy import create_engine, text

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield f"{server_url}{'&' if '?' in server_url else '?'}options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def write_json(path: str | Path | None, report: Report, args: Any = None, **extra: Any) -> None:
    """The figures (and what else the script keeps) as ``run_all.py`` reads them."""
    if not path:
        return
    payload = {
        "args": vars(args) if isinstance(args, argparse.Namespace) else args,
        "figures": [f.as_json() for f in report.figures],
        "notes": report.notes,
        **extra,
    }
    Path(path).write_text(
        json.dumps(payload, ensure_ascii=False, indent=2, default=str), encoding="utf-8"
    )
    print(f"Wrote {path}")
