"""The PyInstaller one-folder build (build.spec) builds, starts, and migrates a new database.

Slow (about a minute or two): it runs the real build into a temporary folder. CI runs it.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

import hotline_desk

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build.spec"
EXE_NAME = "hotline-desk.exe" if sys.platform == "win32" else "hotline-desk"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        importlib.util.find_spec("PyInstaller") is None,
        reason="PyInstaller is not installed (pip install -e '.[test]' provides it)",
    ),
]


def _run(cmd: list[str], *, timeout: float, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    # The frozen program must use its own SQLite file in --data-dir, nothing from the developer.
    env.pop("HOTLINE_DESK_DATABASE_URL", None)
    env.pop("HOTLINE_DESK_DATA_DIR", None)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        cmd,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def _explain(proc: subprocess.CompletedProcess, tail: int = 6000) -> str:
    return (
        f"command: {' '.join(map(str, proc.args))}\nexit code: {proc.returncode}\n"
        f"--- stdout (tail) ---\n{proc.stdout[-tail:]}\n"
        f"--- stderr (tail) ---\n{proc.stderr[-tail:]}"
    )


def _files(folder: Path) -> list[str]:
    """Relative paths of the files below ``folder`` (Python caches left out)."""
    if not folder.is_dir():
        return []
    return [
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    ]


def _head_revision() -> str | None:
    from hotline_desk.store.migrate import head_revision

    return head_revision()


def test_pyinstaller_bundle_runs_and_migrates(tmp_path: Path) -> None:
    dist, work, data = tmp_path / "dist", tmp_path / "build", tmp_path / "data"
    try:
        build = _run(
            [
                sys.executable,
                "-m",
                "PyInstaller",
                str(SPEC),
                "--noconfirm",
                "--log-level",
                "WARN",
                "--distpath",
                str(dist),
                "--workpath",
                str(work),
            ],
            cwd=ROOT,
            timeout=600,
        )
        assert build.returncode == 0, "PyInstaller build failed\n" + _explain(build)

        exe = dist / "hotline-desk" / EXE_NAME
        assert exe.is_file(), f"no executable at {exe}; dist holds {sorted(dist.rglob('*'))[:20]}"
        internal = exe.parent / "_internal"
        bundle = internal if internal.is_dir() else exe.parent
        assert (bundle / "db" / "env.py").is_file(), "Alembic env.py is not bundled as db/"
        assert list((bundle / "db" / "versions").glob("*.py")), "no migrations bundled"
        for folder in ("db", "resources"):
            missing = sorted(set(_files(ROOT / folder)) - set(_files(bundle / folder)))
            assert not missing, f"not bundled under {folder}/: {missing[:20]}"

        version = _run([str(exe), "--version"], timeout=60)
        assert version.returncode == 0, _explain(version)
        assert version.stdout.strip() == f"hotline-desk {hotline_desk.__version__}", _explain(
            version
        )

        # The bundled Alembic environment and migrations create a fresh database.
        demo = _run([str(exe), "--data-dir", str(data), "demo", "--cases", "20"], timeout=300)
        assert demo.returncode == 0, "frozen `demo --cases 20` failed\n" + _explain(demo)
        db_file = data / "hotline_desk.db"
        assert db_file.is_file(), f"{db_file} was not created\n" + _explain(demo)
        with closing(sqlite3.connect(db_file)) as conn:
            revisions = [row[0] for row in conn.execute("SELECT version_num FROM alembic_version")]
        assert revisions == [_head_revision()], "database is not at the newest migration"
    finally:
        # A bundle is 100+ MB; do not leave it in pytest's kept temp directories.
        shutil.rmtree(dist, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)
