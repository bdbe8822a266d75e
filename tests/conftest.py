"""Shared fixtures: a migrated, seeded desk on SQLite in a temp dir, and on PostgreSQL.

PostgreSQL tests use the server named by ``HOTLINE_DESK_TEST_PG_URL`` (``.ci/run`` starts
one); each test gets its own schema, dropped afterwards. On CI a missing server is an error,
elsewhere those tests are skipped.
"""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from sqlalchemy import create_engine, text

from hotline_desk.keyring_trust import also_trusting
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.store.models import OrgUnit, User, UserRole
from tests.desk_templates import DeskTemplates

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if os.environ["QT_QPA_PLATFORM"] == "offscreen":
    # The offscreen screen is 800×800 unless configured; dialogs size themselves to the screen
    # (gui/common/fit.py), so the GUI tests run on a clerk's 1366×768 less a 40 px taskbar.
    _SCREEN = Path(tempfile.mkdtemp(prefix="hotline-screen-")) / "screen.json"
    atexit.register(shutil.rmtree, _SCREEN.parent, True)
    _SCREEN.write_text(
        '{"screens": [{"name": "desk", "x": 0, "y": 0, "width": 1366, "height": 728,'
        ' "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}',
        encoding="utf-8",
    )
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"
# One audit key for every test database (and the desks tests spawn, which inherit it); the
# tests of the key's own storage (tests/security) take it away with monkeypatch.
TEST_AUDIT_KEY = "5a" * 32
os.environ.setdefault("HOTLINE_DESK_AUDIT_KEY", TEST_AUDIT_KEY)
PG_URL = os.environ.get("HOTLINE_DESK_TEST_PG_URL", "")


class MemoryKeyring(KeyringBackend):
    """In-memory keyring for tests (the desk trusts it only inside ``memory_keyring``)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture(autouse=True)
def no_data_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts without a data directory for the audit key and anchor (bootstrap sets
    one per run; it must not leak into the next test)."""
    from hotline_desk.store import audit_key

    monkeypatch.setattr(audit_key, "_directory", None)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """The tests' keyring, trusted explicitly (the desk trusts only the OS stores)."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    with also_trusting(MemoryKeyring, "测试用内存密钥环"):
        yield backend
    keyring.set_keyring(previous)


class Clock:
    """An injectable clock; tests move it explicitly."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 11, 20, 10, 0, 0))


def _pg_schema_url() -> Iterator[str]:
    if not PG_URL:
        if os.environ.get("CI"):
            pytest.fail("CI must provide HOTLINE_DESK_TEST_PG_URL (a running PostgreSQL)")
        pytest.skip("no PostgreSQL server (set HOTLINE_DESK_TEST_PG_URL)")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in PG_URL else "?"
    yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    with admin.connect() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        yield f"sqlite+pysqlite:///{tmp_path / 'hotline_desk.db'}"
    else:
        yield from _pg_schema_url()


@pytest.fixture
def sqlite_url(tmp_path) -> str:  # type: ignore[no-untyped-def]
    return f"sqlite+pysqlite:///{tmp_path / 'hotline_desk.db'}"


@pytest.fixture(scope="session")
def desk_templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DeskTemplates]:
    """Desks migrated once per session, cloned per test (tests/desk_templates.py)."""
    templates = DeskTemplates(tmp_path_factory.mktemp("desk-templates"), PG_URL, TEST_AUDIT_KEY)
    yield templates
    templates.close()


@pytest.fixture
def ctx(
    db_url: str, clock: Clock, tmp_path: Path, desk_templates: DeskTemplates
) -> Iterator[ServiceContext]:
    """A migrated, seeded desk (a clone of the session's template: see desk_templates)."""
    context = desk_templates.open(db_url, tmp_path / "backups", clock, clock.now)
    yield context
    context.engines.dispose()


@pytest.fixture
def setup_code(ctx: ServiceContext, tmp_path) -> str:  # type: ignore[no-untyped-def]
    """The one-time setup code of ``ctx``'s desk, as a first start with a data directory would
    have written it (the fixtures open desks without one, which makes no code)."""
    from hotline_desk.services.admin import setup_code as codes

    with ctx.uow.write() as uow:
        code = codes.issue(uow.session, tmp_path, ctx.now())
        uow.commit()
    assert code is not None
    codes.hand_out(tmp_path, code)
    return code


MakeActor = Callable[..., Actor]


@functools.cache
def password_hash(password: str) -> str:
    """Argon2 takes ~0.2 s: a test password is hashed once per run."""
    from hotline_desk.services.admin.auth import hash_password

    return hash_password(password)


def add_user(
    ctx: ServiceContext, *roles: str, unit: str = "BGS", username: str | None = None,
    display_name: str | None = None, password: str | None = None,
) -> Actor:  # fmt: skip
    """A user with the given roles in the section of code ``unit``, straight into the store
    (with ``password`` it can log in)."""
    from sqlalchemy import select

    from hotline_desk.services.admin.auth import actor_for

    with ctx.uow.write() as uow:
        s = uow.session
        unit_id = s.execute(select(OrgUnit.id).where(OrgUnit.code == unit)).scalar_one()
        user = User(
            username=username or f"u{uuid.uuid4().hex[:8]}",
            display_name=display_name or f"测试{'/'.join(roles)}",
            password_hash=password_hash(password) if password else None,
            must_change_password=False,
            org_unit_id=unit_id,
            active=True,
            failed_logins=0,
            is_demo=False,
            created_at=ctx.now(),
        )
        user.roles = [UserRole(role=r) for r in roles]
        s.add(user)
        s.flush()
        actor = actor_for(s, user)
        uow.commit()
        return actor


@pytest.fixture
def make_actor(ctx: ServiceContext) -> MakeActor:
    """Create a user with the given roles (and section code) directly in the store."""

    def make(*roles: str, unit: str = "BGS", username: str | None = None) -> Actor:
        return add_user(ctx, *roles, unit=unit, username=username)

    return make


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Delete the windows and the QApplication before the interpreter exits (PySide6 would
    otherwise tear them down in the wrong order and crash the process after a green run)."""
    if "PySide6.QtWidgets" in sys.modules:
        from hotline_desk.gui.shell.app import shutdown_application

        shutdown_application()
