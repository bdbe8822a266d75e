"""Migrated desks for the test fixtures, built once per pytest session and cloned per test.

Running the whole Alembic chain and seeding the bureau takes ~0.4 s on SQLite and ~0.6 s on
PostgreSQL; thousands of tests open a desk. A template is migrated and seeded once per
(engine, seed time) by ``open_desk`` itself; each test then gets a copy:

- SQLite: the template file is copied to the test's database path;
- PostgreSQL: the template schema is ``pg_dump``-ed once (plain SQL, INSERTs, owners and
  grants kept) and the script replayed into the test's fresh schema in one round trip.

``open_desk`` then opens the copy as it would an existing desk (at head: nothing to migrate,
the bureau already seeded). tests/test_desk_templates.py checks that a clone holds the same
schema and rows as a migrated desk on both engines. Tests of migrations, first starts, the
audit key's storage (another key than the tests' one) keep calling ``open_desk`` on an empty
database; the fixtures clone only for the tests' own audit key (``TEST_AUDIT_KEY``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import uuid
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from hotline_desk.demo.generate import generate_demo
from hotline_desk.services.admin.setup import open_desk
from hotline_desk.services.context import ServiceContext, local_now
from hotline_desk.store import audit_key
from hotline_desk.store.backup.pg_tools import PgPlace

ENV_AUDIT_KEY = audit_key.ENV_AUDIT_KEY
FINGERPRINT = audit_key.fingerprint
PLACEHOLDER = "__desk_template_schema__"


def schema_url(server_url: str, schema: str) -> str:
    """``server_url`` with ``schema`` as the connection's search_path (as the fixtures do)."""
    sep = "&" if "?" in server_url else "?"
    return f"{server_url}{sep}options=-csearch_path%3D{schema}"


def dump_schema(server_url: str, schema: str) -> str:
    """``pg_dump`` of one schema as plain SQL (owners and grants kept; the rows as COPY)."""
    args = ["pg_dump", "--schema", schema, "--no-comments", "--quote-all-identifiers"]
    place = PgPlace.of(server_url)
    done = subprocess.run(args, env=place.env(), capture_output=True, text=True, check=True)
    return done.stdout


Demo = tuple[int, int]  # generate_demo's cases and seed
Key = tuple[datetime, Demo | None]  # a template: the seed's time, the demo data in it

# One step of a replay: SQL statements, or a COPY statement with its rows (COPY text format)
Step = tuple[str, str | None]


def replay_steps(dump: str, schema: str) -> list[Step]:
    """The dump of ``schema`` as steps filling an existing, empty schema named ``PLACEHOLDER``:
    no psql meta-commands, no CREATE SCHEMA (the fixture makes it); each table's rows as one
    COPY (an INSERT per row would take most of the replay: the holiday calendar alone has
    thousands of days)."""
    dump = re.sub(rf"\b{re.escape(schema)}\b", PLACEHOLDER, dump)  # quoted and search_path
    steps: list[Step] = []
    sql: list[str] = []
    lines = iter(dump.splitlines())
    for line in lines:
        if line.startswith("COPY ") and line.endswith(" FROM stdin;"):
            rows = []
            for row in lines:
                if row == "\\.":
                    break
                rows.append(row + "\n")
            steps.extend([("\n".join(sql), None), (line.removesuffix(";"), "".join(rows))])
            sql = []
        elif not line.startswith(("\\", "--", f'CREATE SCHEMA "{PLACEHOLDER}"',
                                    f'ALTER SCHEMA "{PLACEHOLDER}" OWNER TO')):  # fmt: skip
            sql.append(line)
    steps.append(("\n".join(sql), None))
    return [(text_, rows) for text_, rows in steps if rows is not None or text_.strip()]


class DeskTemplates:
    """One pytest session's templates, keyed by engine and seed time."""

    def __init__(self, root: Path, pg_url: str, test_key: str) -> None:
        self.root = root
        self.pg_url = pg_url
        self.test_key = test_key
        self._sqlite: dict[Key, Path] = {}
        self._pg: dict[Key, list[Step]] = {}
        self._pg_schemas: list[str] = []
        self._admin: Engine | None = None
        self._today: dict[date, datetime] = {}

    def usable(self) -> bool:
        """Clones carry the tests' audit key and no note on this machine: a test that set
        another key, a data directory (where migrating notes the keyed chain: audit.anchor) or
        another fingerprint migrates for real (and its desk is never made a template)."""
        return (
            os.environ.get(ENV_AUDIT_KEY) == self.test_key
            and audit_key._directory is None  # noqa: SLF001 - set by bootstrap and such tests
            and audit_key.fingerprint is FINGERPRINT
        )

    def open(
        self, url: str, backup_dir: Path | None, clock: Callable[[], datetime], stamp: datetime,
        demo: Demo | None = None,
    ) -> ServiceContext:  # fmt: skip
        """A desk at ``url`` (an empty database) as ``open_desk(url, backup_dir, clock)`` would
        make it, the seed written at ``stamp`` (``clock()`` for a fixed clock); with ``demo``
        (cases, seed), filled by ``generate_demo`` (at ``stamp``) as well."""
        if not self.usable():
            ctx = open_desk(url, backup_dir=backup_dir, clock=clock)
            if demo is not None:
                generate_demo(ctx, demo[0], seed=demo[1])
            return ctx
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            assert parsed.database
            self.copy_sqlite((stamp, demo), Path(parsed.database))
        else:
            self.fill_schema((stamp, demo), url)
        return open_desk(url, backup_dir=backup_dir, clock=clock)

    @staticmethod
    def _build(url: str, key: Key) -> None:
        stamp, demo = key
        ctx = open_desk(url, clock=lambda: stamp)
        if demo is not None:
            generate_demo(ctx, demo[0], seed=demo[1])
        ctx.engines.dispose()  # (SQLite: the last connection's close checkpoints the WAL)

    def open_live(self, url: str, backup_dir: Path | None) -> ServiceContext:
        """A desk on the real clock (the GUI tests'): its seed written at the first moment of
        today that a test asked for one (the template is remade after midnight)."""
        now = local_now()
        stamp = self._today.setdefault(now.date(), now)
        return self.open(url, backup_dir, local_now, stamp)

    def copy_sqlite(self, key: Key, dest: Path) -> None:
        template = self._sqlite.get(key)
        if template is None:
            template = self.root / f"sqlite-{len(self._sqlite)}" / "hotline_desk.db"
            self._build(f"sqlite+pysqlite:///{template}", key)
            self._sqlite[key] = template
        dest.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal"):  # (no WAL left after the checkpoint, if all went well)
            source = template.with_name(template.name + suffix)
            if source.exists() and source.stat().st_size:
                shutil.copyfile(source, dest.with_name(dest.name + suffix))

    def pg_steps(self, key: Key) -> list[Step]:
        steps = self._pg.get(key)
        if steps is None:
            schema = f"tpl_{uuid.uuid4().hex[:12]}"
            admin = create_engine(self.pg_url, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text(f'CREATE SCHEMA "{schema}"'))
            admin.dispose()
            self._pg_schemas.append(schema)
            self._build(schema_url(self.pg_url, schema), key)
            steps = replay_steps(dump_schema(self.pg_url, schema), schema)
            self._pg[key] = steps
        return steps

    def fill_schema(self, key: Key, url: str) -> None:
        """Replay the template into the (existing, empty) schema of ``url``."""
        schema = PgPlace.of(url).schema
        assert schema
        if self._admin is None:
            self._admin = create_engine(self.pg_url, pool_size=1)
        with self._admin.connect() as conn:
            driver = conn.connection.driver_connection
            assert driver is not None
            with driver.cursor() as cur:  # one transaction
                for sql, rows in self.pg_steps(key):
                    sql = sql.replace(PLACEHOLDER, schema)
                    if rows is None:
                        cur.execute(sql)  # (no parameters: several statements at once)
                    else:
                        with cur.copy(sql) as copy:
                            copy.write(rows.replace(PLACEHOLDER, schema))
            driver.commit()

    def close(self) -> None:
        if self._admin is not None:
            self._admin.dispose()
        if self._pg_schemas:
            admin = create_engine(self.pg_url, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                for schema in self._pg_schemas:
                    conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()
        shutil.rmtree(self.root, ignore_errors=True)
