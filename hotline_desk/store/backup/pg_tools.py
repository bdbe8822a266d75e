"""PostgreSQL's client programs (``pg_dump``, ``pg_restore``) as the backup runs them: where
they are, the connection they get, and running one with cancel.

The programs are looked for in ``HOTLINE_DESK_PG_BIN`` (a folder; the desk's setting
``database/pg_bin`` fills it in), then on ``PATH``, then in the usual Windows install folders.
The connection goes through ``PG*`` environment variables — the password as ``PGPASSWORD``,
never on a command line other users could read. A URL whose ``options`` set
``-csearch_path=<schema>`` names the schema the desk lives in; then only that schema is dumped.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from hotline_desk.domain.errors import DeskError

ENV_PG_BIN = "HOTLINE_DESK_PG_BIN"
MAINTENANCE_DB = "postgres"
_QUERY_ENV = {
    "sslmode": "PGSSLMODE",
    "options": "PGOPTIONS",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "application_name": "PGAPPNAME",
    "sslrootcert": "PGSSLROOTCERT",
}


def find_tool(name: str) -> Path | None:
    exe = name + (".exe" if sys.platform == "win32" else "")
    folder = os.environ.get(ENV_PG_BIN, "").strip()
    if folder and (Path(folder) / exe).is_file():
        return Path(folder) / exe
    found = shutil.which(name)
    if found:
        return Path(found)
    if sys.platform == "win32":  # pragma: no cover - Windows only
        base = Path(os.environ.get("ProgramFiles", r"C:\Program Files")) / "PostgreSQL"
        candidates = sorted(base.glob(f"*/bin/{exe}"), key=lambda p: p.parts[-3], reverse=True)
        if candidates:
            return candidates[0]
    return None


def require_tool(name: str) -> Path:
    tool = find_tool(name)
    if tool is None:
        raise DeskError(
            "找不到 PostgreSQL 客户端程序 {tool}。请在本机安装 PostgreSQL 客户端工具"
            "（Debian/Ubuntu:postgresql-client;Windows:PostgreSQL 安装包中的命令行工具），"
            "或设置环境变量 {env} 指向其 bin 目录。",
            tool=name,
            env=ENV_PG_BIN,
        )
    return tool


def schema_of(options: str | None) -> str | None:
    """The first schema of ``-csearch_path=…`` (or ``-c search_path=…``) in ``options``."""
    if not options:
        return None
    text = options.replace("-c search_path", "-csearch_path")
    for part in text.split():
        if part.startswith("-csearch_path="):
            first = part.split("=", 1)[1].split(",")[0].strip().strip('"')
            return first or None
    return None


@dataclass(frozen=True)
class PgPlace:
    """Where the desk's PostgreSQL data lives: server, database and, in a shared database,
    the schema (from the URL's ``options``)."""

    url: URL

    @classmethod
    def of(cls, url: str | URL) -> PgPlace:
        return cls(make_url(url) if isinstance(url, str) else url)

    @property
    def database(self) -> str:
        return self.url.database or ""

    @property
    def options(self) -> str | None:
        value = self.url.query.get("options")
        return value if isinstance(value, str) or value is None else value[0]

    @property
    def schema(self) -> str | None:
        return schema_of(self.options)

    def on(self, database: str) -> PgPlace:
        return PgPlace(self.url.set(database=database))

    def env(self) -> dict[str, str]:
        """The process environment for a client program: ours, without inherited ``PG*``."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        u = self.url
        values = {
            "PGHOST": u.host,
            "PGPORT": str(u.port) if u.port else None,
            "PGUSER": u.username,
            "PGPASSWORD": u.password,
            "PGDATABASE": u.database,
            "PGCONNECT_TIMEOUT": "10",
        }
        for key, name in _QUERY_ENV.items():
            value = u.query.get(key)
            if value:
                values[name] = value if isinstance(value, str) else value[0]
        env.update({k: str(v) for k, v in values.items() if v})
        return env


def run(
    args: list[str],
    place: PgPlace,
    cancel: Callable[[], None],
    tick: Callable[[], None] | None = None,
) -> str:
    """Run a client program to its end; stops it when ``cancel`` raises. Returns its standard
    output; a failure raises a DeskError with the program's own message."""
    proc = subprocess.Popen(
        args,
        env=place.env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
    )
    try:
        while True:
            cancel()
            try:
                out, err = proc.communicate(timeout=0.2)
                break
            except subprocess.TimeoutExpired:
                if tick is not None:
                    tick()
    except BaseException:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover - a hung client
            proc.kill()
        raise
    if proc.returncode != 0:
        message = (err or out or "").strip().splitlines()
        raise DeskError(
            "{tool} 未能完成：{reason}",
            tool=Path(args[0]).stem,
            reason="; ".join(message[-3:])[:400] or f"exit {proc.returncode}",
        )
    return out


def stamp() -> str:
    return time.strftime("%Y%m%d_%H%M%S")
