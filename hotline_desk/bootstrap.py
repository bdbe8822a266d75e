"""Wiring: which database to open (flag, environment, saved connection, default SQLite), the
password from the OS keyring, logging, and opening the desk for the GUI or a command."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from hotline_desk.domain.errors import DeskError
from hotline_desk.keyring_trust import trusted_keyring
from hotline_desk.services.admin.setup import open_desk
from hotline_desk.services.context import ServiceContext
from hotline_desk.settings import Paths, Settings, chosen_database_url
from hotline_desk.store import audit_key
from hotline_desk.store.backup.pg_tools import ENV_PG_BIN
from hotline_desk.store.engine import sqlite_url

log = logging.getLogger("hotline_desk")
KEYRING_SERVICE = "hotline_desk/database"


@dataclass(frozen=True)
class Target:
    """Where the desk's data lives; ``display`` never contains a password."""

    url: str
    display: str
    paths: Paths


def setup_logging(paths: Paths) -> None:
    """Rotating log file in the data directory; records ids and actions, never personal data."""
    paths.logs.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger("hotline_desk")
    if any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        return
    handler = logging.handlers.RotatingFileHandler(
        paths.logs / "hotline_desk.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def check_keyring_backend() -> None:
    """Refuse every keyring but the real OS stores (keyring_trust.py), with the reason."""
    trusted_keyring()


def password_from_keyring(url: str) -> str:
    """Insert the stored password into a PostgreSQL URL that has none."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" or parsed.password or not parsed.username:
        return url
    try:
        backend = trusted_keyring()
    except DeskError:
        # No trustworthy keyring here: connect without a password (trust, peer or .pgpass).
        log.warning("no trusted keyring; connecting to PostgreSQL without a stored password")
        return url
    secret = backend.get_password(KEYRING_SERVICE, _keyring_user(url))
    if secret:
        return parsed.set(password=secret).render_as_string(hide_password=False)
    return url


def store_password(url: str, password: str) -> None:
    trusted_keyring().set_password(KEYRING_SERVICE, _keyring_user(url), password)


def _keyring_user(url: str) -> str:
    p = make_url(url)
    return f"{p.username}@{p.host}:{p.port or 5432}/{p.database}"


def resolve_target(data_dir: str | None, database_url: str | None) -> Target:
    paths = Paths.resolve(data_dir)
    settings = Settings(paths.settings_file)
    if pg_bin := settings.get(Settings.PG_BIN):
        os.environ.setdefault(ENV_PG_BIN, pg_bin)  # backups find pg_dump there
    url = chosen_database_url(settings, database_url)
    if not url:
        url = sqlite_url(paths.database)
        return Target(url, str(paths.database), paths)
    display = make_url(url).render_as_string(hide_password=True)
    return Target(password_from_keyring(url), display, paths)


def missing_database(data_dir: str | None, database_url: str | None) -> Path | None:
    """The SQLite file the desk would open when it does not exist or is empty (a mistyped
    ``--data-dir``: opening it would create a new, empty database), else None. A server
    (PostgreSQL) has no file to check; nothing is created or read but the settings file."""
    paths = Paths.resolve(data_dir)
    url = chosen_database_url(Settings(paths.settings_file), database_url)
    if not url:
        file = paths.database
    else:
        parsed = make_url(url)
        if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
            return None
        file = Path(parsed.database).expanduser().resolve()
    try:
        return None if file.stat().st_size > 0 else file
    except (FileNotFoundError, NotADirectoryError):
        return file
    except OSError:  # unreadable: opening it will say why
        return None


def open_target(target: Target) -> ServiceContext:
    target.paths.ensure()
    if target.display == str(target.paths.database):  # the local SQLite file
        target.paths.ensure_database_file()
    setup_logging(target.paths)
    audit_key.use_directory(target.paths.data_dir)  # audit.key when no trusted keyring
    log.info("opening database %s", target.display)
    return open_desk(target.url, backup_dir=target.paths.backups, setup_dir=target.paths.data_dir)


def run_demo(data_dir: str | None, database_url: str | None, n_cases: int, seed: int) -> int:
    from hotline_desk.demo.generate import demo_summary, generate_demo
    from hotline_desk.services.admin.setup_code import read_code_file

    if n_cases < 0:
        print("--cases 必须是非负整数", file=sys.stderr)
        return 2
    try:
        target = resolve_target(data_dir, database_url)
        ctx = open_target(target)

        def progress(done: int, total: int) -> None:
            if total >= 100_000 and done % 100_000 < 20_000:
                print(f"  {done:,}/{total:,}", file=sys.stderr, flush=True)

        code = read_code_file(target.paths.data_dir)  # the code this run's seed just wrote
        report = generate_demo(ctx, n_cases, seed, progress, setup_code=code)
    except DeskError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # Ctrl+C: the batches written stay, the indexes are made again
        print("演示数据生成已中断：已写入的办件保留，数据库索引完整。", file=sys.stderr)
        return 130
    rate = report.cases / report.seconds if report.seconds else 0.0
    print(f"演示库：{target.display}")
    print(f"生成 {report.cases:,} 件办件、{report.events:,} 条流转记录，"
          f"用时 {report.seconds:.1f} 秒（{rate:,.0f} 件/秒）")  # fmt: skip
    print(demo_summary())
    return 0


def build_postgres_url(host: str, port: int, database: str, user: str) -> str:
    """A password-less PostgreSQL URL; the password lives in the keyring."""
    from sqlalchemy.engine import URL

    url = URL.create("postgresql+psycopg", username=user, host=host, port=port, database=database)
    return url.render_as_string(hide_password=False)


def parse_postgres_url(url: str) -> tuple[str, int, str, str] | None:
    if not url:
        return None
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        return None
    return parsed.host or "", parsed.port or 5432, parsed.database or "", parsed.username or ""


def check_postgres(url: str, password: str) -> None:
    """Connect once and run migrations-free ``SELECT 1``; raises DeskError with the reason."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import SQLAlchemyError

    full = make_url(url).set(password=password or None)
    engine = create_engine(full, hide_parameters=True, connect_args={"connect_timeout": 5})
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        reason = str(exc.orig) if getattr(exc, "orig", None) else type(exc).__name__
        raise DeskError("无法连接 PostgreSQL:{reason}", reason=reason.strip()[:300]) from None
    finally:
        engine.dispose()


def save_connection(paths: Paths, url: str, password: str) -> None:
    """Remember the server (URL in settings, password in the keyring); '' means local SQLite."""
    settings = Settings(paths.settings_file)
    if url and password:
        store_password(url, password)
    settings.set(Settings.DATABASE_URL, url)
