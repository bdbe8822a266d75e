"""The login window is the desk's first view: what ``python -m hotline_desk`` imports before
painting it (the command line's parser, gui/shell/app.py, login.py, opening.py) must not pull in
the database layer, the migrations or the report writers; they load behind the login."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("sqlalchemy", "alembic", "reportlab", "jieba", "openpyxl", "xlsxwriter", "argon2")

# What run_gui needs to paint the login: main() builds the parser, then app.py and the login.
LOGIN_CHAIN = """
import json, sys
from hotline_desk.cli.main import build_parser
build_parser().parse_args([])
import hotline_desk.gui.shell.app, hotline_desk.gui.shell.login, hotline_desk.gui.shell.opening
heavy = {heavy!r}
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in heavy)))
"""


def _loaded(code: str) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, cwd=ROOT, check=True, timeout=120)  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_the_login_windows_modules_load_no_database_migrations_or_reports() -> None:
    assert _loaded(LOGIN_CHAIN.format(heavy=HEAVY)) == []


def test_the_check_itself_sees_a_heavy_import() -> None:
    """The same check flags the modules the login opens behind it (not a vacuous pass)."""
    code = LOGIN_CHAIN.format(heavy=HEAVY).replace(
        "heavy = ", "import hotline_desk.bootstrap\nheavy = "
    )
    assert "sqlalchemy" in _loaded(code)


OPEN_DESK = """
import json, sys
from pathlib import Path
from hotline_desk.services.admin.setup import open_desk
from hotline_desk.store.engine import sqlite_url
open_desk(sqlite_url(Path({db!r}))).engines.dispose()
print(json.dumps(sorted(m for m in ("alembic", "mako") if m in sys.modules)))
"""


def test_a_database_at_the_schema_head_opens_without_alembic(tmp_path: Path) -> None:
    db = str(tmp_path / "hotline_desk.db")
    assert _loaded(OPEN_DESK.format(db=db)) == ["alembic", "mako"]  # a new one is migrated
    assert _loaded(OPEN_DESK.format(db=db)) == []  # the next start only reads its revision


WINDOW_START = """
import json, sys
from hotline_desk.cli.main import window_only
window_only(["--data-dir", "/tmp/x"])
import hotline_desk.gui.shell.app, hotline_desk.gui.shell.login, hotline_desk.gui.shell.opening
print(json.dumps(sorted(m for m in sys.modules if m.startswith("hotline_desk.cli."))))
"""


def test_the_windows_start_does_not_load_the_commands() -> None:
    """``hotline-desk [--data-dir D]`` paints its login without the commands' modules."""
    assert _loaded(WINDOW_START) == ["hotline_desk.cli.helptext", "hotline_desk.cli.main"]


def test_the_windows_start_reads_its_options_as_the_full_parser_does() -> None:
    from hotline_desk.cli.main import build_parser, window_only

    for argv in ([], ["--data-dir", "/d"], ["--data-dir=/d", "--database-url", "sqlite:///x"],
                 ["--database-url=postgresql://u@h/db"]):  # fmt: skip
        fast = window_only(argv)
        assert fast is not None and vars(fast) == vars(build_parser().parse_args(argv))
    for argv in (["demo", "--cases", "1"], ["--help"], ["--version"], ["--data", "/d"],
                 ["--data-dir"], ["--data-dir", "--database-url", "u"],
                 ["stats", "--data-dir", "/d"]):  # fmt: skip
        assert window_only(argv) is None  # the full parser answers (or refuses) these
