"""A truthful command line: every command and option explains itself in Chinese and English,
a data directory without a database is refused (nothing is created) unless the command makes
one, a server configured in the settings needs no file, and a reader that closes the pipe early
gets no traceback."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from hotline_desk.cli.helptext import width_of, wrap
from hotline_desk.cli.login import ENV_PASSWORD
from hotline_desk.cli.main import EXIT_CLOSED_PIPE, build_parser, main
from hotline_desk.demo.rows import DEMO_PASSWORD
from hotline_desk.domain.periods import previous_month
from hotline_desk.services.context import ServiceContext
from hotline_desk.settings import Settings
from tests.conftest import add_user

CHINESE = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")
PASSWORD = "Cli-Truthful#2026"


Parser = argparse.ArgumentParser


def _parsers(parser: Parser, path: str) -> Iterator[tuple[str, Parser]]:
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield from _parsers(child, f"{path} {name}")


def _bilingual(text: str | None) -> str | None:
    """What is wrong with a help text, or None: a Chinese line and an English line."""
    if not text or text == argparse.SUPPRESS:
        return "no text"
    lines = [line for line in text.splitlines() if line.strip()]
    if not any(CHINESE.search(line) for line in lines):
        return "no Chinese"
    english = [line for line in lines if not CHINESE.search(line)]
    if not any(ENGLISH_WORD.search(line) for line in english):
        return "no English line"
    return None


def test_every_command_and_option_speaks_chinese_and_english() -> None:
    walked = list(_parsers(build_parser(), "hotline-desk"))
    names = {path for path, _ in walked}
    expected = ("stats", "audit key import", "slip", "import", "restore", "demo", "screenshots")
    assert {f"hotline-desk {name}" for name in expected} <= names
    problems: list[str] = []
    for path, parser in walked:
        if why := _bilingual(parser.description):
            problems.append(f"{path}: description: {why}")
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:  # the line in the parent's list
                    if why := _bilingual(choice.help):
                        problems.append(f"{path} {choice.dest}: help: {why}")
            elif why := _bilingual(action.help):
                problems.append(f"{path} {'/'.join(action.option_strings) or action.dest}: {why}")
        shown = parser.format_help()  # renders ('%' in a help would fail here)
        assert "usage: " in shown and "用法" in shown and "选项 / options" in shown
        assert "show this help message" not in shown, path  # argparse's own English line
    assert problems == []


def test_help_lines_fit_the_terminal_by_display_width(capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "80")
    with pytest.raises(SystemExit):
        main(["stats", "--help"])
    shown = capsys.readouterr().out
    assert "统计期：YYYY-MM（月）、YYYY-Qn（季度）或 YYYY（年）" in shown
    assert "period: YYYY-MM (month), YYYY-Qn (quarter)" in shown
    assert max(width_of(line) for line in shown.splitlines()) <= 80
    assert wrap("一二三四五六，七八", 12) == ["一二三四五", "六，七八"]  # no line starts with ，


@pytest.mark.parametrize(
    "command",
    [
        ["stats", "--month", "2026-11", "--user", "lingdao"],
        ["backup"],
        ["audit", "verify", "--user", "shenji"],
        ["audit", "key", "import", "key.txt"],
        ["slip", "XX20261101-0001", "--out", "s.pdf", "--user", "duban"],
        ["import", "orders.xlsx", "--user", "duban"],
        ["screenshots", "--out", "shots"],
    ],
    ids=lambda c: c[0] if c[0] != "audit" else "-".join(c[:2]),
)
def test_a_data_dir_without_a_database_is_refused(tmp_path: Path, command: list[str], capsys,
                                                  monkeypatch) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    """A mistyped --data-dir: refused before any password is asked, nothing created; an empty
    existing folder stays empty."""
    monkeypatch.delenv(ENV_PASSWORD, raising=False)
    monkeypatch.delenv("HOTLINE_DESK_DATABASE_URL", raising=False)
    empty, typo = tmp_path / "empty", tmp_path / "typo"
    empty.mkdir()
    for folder in (empty, typo):
        assert main(["--data-dir", str(folder), *command]) == 1
        err = capsys.readouterr().err
        assert f"数据目录 {folder} 中没有办件台数据库" in err and "hotline-desk demo" in err, err
        assert "密码" not in err and "Traceback" not in err
    assert list(empty.iterdir()) == [] and not typo.exists()


def test_a_sqlite_url_to_a_missing_file_is_refused(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "elsewhere" / "desk.db"
    url = f"sqlite+pysqlite:///{missing}"
    argv = ["--data-dir", str(tmp_path / "d"), "--database-url", url, "backup"]
    assert main(argv) == 1
    assert f"数据库文件 {missing} 不存在" in capsys.readouterr().err
    assert not missing.parent.exists() and not (tmp_path / "d").exists()


def test_a_server_saved_in_the_settings_needs_no_file(ctx: ServiceContext, db_url: str,
                                                      tmp_path: Path, capsys,
                                                      monkeypatch) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    """The data directory holds only settings.json naming the database (PostgreSQL: a server,
    no file to check); the command runs as before."""
    leader = add_user(ctx, "leader", password=PASSWORD)
    data = tmp_path / "data"
    data.mkdir()
    Settings(data / "settings.json").set(Settings.DATABASE_URL, db_url)
    monkeypatch.setenv(ENV_PASSWORD, PASSWORD)
    monkeypatch.delenv("HOTLINE_DESK_DATABASE_URL", raising=False)
    argv = ["--data-dir", str(data), "stats", "--month", "2026-11", "--user", leader.username]
    assert main(argv) == 0, capsys.readouterr().err
    assert "2026年11月" in capsys.readouterr().out
    assert not (data / "hotline_desk.db").exists()


def test_demo_still_makes_its_database(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    fresh = tmp_path / "new"
    assert main(["--data-dir", str(fresh), "demo", "--cases", "5"]) == 0
    assert (fresh / "hotline_desk.db").stat().st_size > 0
    assert main(["--data-dir", str(fresh), "backup"]) == 0  # now it has one
    capsys.readouterr()


def test_the_window_and_restore_may_start_where_there_is_none(tmp_path: Path, capsys,
                                                             monkeypatch) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    """The window's first start makes the database (its own setup follows); a restore may put
    a backup into an empty data directory: neither is refused by the check."""
    from hotline_desk.gui.shell import app

    opened: list[str | None] = []
    monkeypatch.setattr(app, "run_gui", lambda data_dir, _url: opened.append(data_dir) or 0)
    assert main(["--data-dir", str(tmp_path / "first")]) == 0
    assert opened == [str(tmp_path / "first")]
    assert main(["--data-dir", str(tmp_path / "r"), "restore", str(tmp_path / "none")]) == 1
    err = capsys.readouterr().err
    assert "找不到备份" in err and "没有办件台数据库" not in err


def _desk(*args: str) -> list[str]:
    return [sys.executable, "-m", "hotline_desk", *args]


def _env() -> dict[str, str]:
    return {**os.environ, ENV_PASSWORD: DEMO_PASSWORD, "PYTHONPATH": os.pathsep.join(sys.path)}


def _into_closed_pipe(argv: list[str]) -> subprocess.CompletedProcess[bytes]:
    """Run with stdout a pipe whose reader has already gone (``… | head`` that has quit)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(argv, stdout=write_end, stderr=subprocess.PIPE, env=_env(),
                              timeout=120, check=False)  # fmt: skip
    finally:
        os.close(write_end)


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("demo")
    assert main(["--data-dir", str(folder), "demo", "--cases", "200", "--seed", "11"]) == 0
    return folder


def test_a_closed_pipe_is_quiet(demo_dir: Path) -> None:
    month = previous_month(date.today()).key
    stats = ["--data-dir", str(demo_dir), "stats", "--month", month, "--user", "lingdao"]
    for argv, code in (
        (_desk("--help"), 0),  # argparse drops its help quietly and exits 0 itself
        (_desk(*stats), EXIT_CLOSED_PIPE),
        (_desk(*stats, "--json"), EXIT_CLOSED_PIPE),
    ):
        done = _into_closed_pipe(argv)
        err = done.stderr.decode("utf-8", "replace")
        assert done.returncode == code, err
        assert "Traceback" not in err and "BrokenPipe" not in err and "Exception" not in err, err


def test_a_reader_that_stops_after_one_line(demo_dir: Path) -> None:
    """``hotline-desk stats --json … | head -1``: the reader takes a line and closes."""
    month = previous_month(date.today()).key
    argv = _desk("--data-dir", str(demo_dir), "stats", "--month", month, "--json",
                 "--user", "lingdao")  # fmt: skip
    with subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          env=_env()) as proc:  # fmt: skip
        assert proc.stdout is not None and proc.stderr is not None
        first = proc.stdout.readline()
        proc.stdout.close()
        err = proc.stderr.read().decode("utf-8", "replace")
        code = proc.wait(timeout=120)
    assert first.strip() == b"{"
    assert code in (0, EXIT_CLOSED_PIPE), err  # 0 when it had written all before the close
    assert "Traceback" not in err and "BrokenPipe" not in err, err
