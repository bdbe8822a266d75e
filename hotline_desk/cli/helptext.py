"""How ``--help`` speaks: every text in Chinese, then English, in one scheme.

- An option's or a sub-command's help is ``bi(中文, English)``: the Chinese line first, the
  English line below it (the Chinese line may hold names such as ``--user`` or ``YYYY-MM``; the
  English line holds no Chinese).
- A command's description is ``describe(中文段落, English paragraph)``: the Chinese paragraph(s),
  then the English one(s). Each line of a description is a paragraph, wrapped to the terminal;
  an indented line (an example) is kept exactly as written.

``DeskParser`` makes every parser and sub-parser follow it: the ``-h`` option, the section
titles and the ``usage:`` prefix are bilingual too, and lines are wrapped by display width (a
Chinese character takes two columns), not by character count.
"""

from __future__ import annotations

import argparse
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any


def bi(chinese: str, english: str) -> str:
    """An option's or sub-command's help: Chinese line, English line."""
    return f"{chinese}\n{english}"


def describe(chinese: str, english: str) -> str:
    """A command's description: Chinese paragraph(s), a blank line, English paragraph(s)."""
    return f"{chinese}\n\n{english}"


def width_of(text: str) -> int:
    """Columns a terminal gives ``text`` (wide and full-width characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap(line: str, width: int) -> list[str]:
    """``line`` broken into pieces of at most ``width`` columns: between words for English,
    between any two characters for Chinese (never before a full-width punctuation mark)."""
    width = max(width, 10)
    out: list[str] = []
    current = ""
    for token in _tokens(line):
        if current and width_of(current + token) > width:
            if token.isspace():
                out.append(current.rstrip())
                current = ""
                continue
            if token[0] in "，。；：、）》”’！？,.;:)":
                current, token = current[:-1], current[-1] + token
            out.append(current.rstrip())
            current = token.lstrip()
        else:
            current += token
    if current.strip() or not out:
        out.append(current.rstrip())
    return out


def _tokens(line: str) -> Iterable[str]:
    """Words (runs of non-wide, non-space characters), single wide characters and spaces."""
    word = ""
    for c in line:
        if c.isspace() or unicodedata.east_asian_width(c) in "WF":
            if word:
                yield word
                word = ""
            yield c
        else:
            word += c
    if word:
        yield word


class Formatter(argparse.HelpFormatter):
    """Keeps the Chinese and English lines apart and wraps by display width."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return [piece for line in text.splitlines() for piece in wrap(line.strip(), width)]

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        lines: list[str] = []
        for line in text.splitlines():
            if not line.strip() or line[0].isspace():
                lines.append(line.rstrip())  # a blank line or an example: as written
            else:
                lines += [indent + piece for piece in wrap(line, width - len(indent))]
        return "\n".join(lines)

    def add_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                  groups: Iterable[Any], prefix: str | None = None) -> None:  # fmt: skip
        super().add_usage(usage, actions, groups, "用法 / usage: " if prefix is None else prefix)


POSITIONALS = "参数 / arguments"
OPTIONS = "选项 / options"
COMMANDS = "子命令 / commands"


class DeskParser(argparse.ArgumentParser):
    """An ArgumentParser whose own words (help option, titles, errors) follow the scheme; the
    sub-parsers made by ``add_subparsers().add_parser`` are DeskParsers too."""

    def __init__(self, *args: Any, parents: Sequence[argparse.ArgumentParser] = (),
                 add_help: bool = True, **kwargs: Any) -> None:  # fmt: skip
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, add_help=False, **kwargs)
        # the titles first: a parent's options join the group of the same title
        self._positionals.title = POSITIONALS
        self._optionals.title = OPTIONS
        if add_help:
            self.add_argument(
                "-h",
                "--help",
                action="help",
                default=argparse.SUPPRESS,
                help=bi("显示本帮助并退出", "show this help and exit"),
            )
        for parent in parents:
            self._add_container_actions(parent)
            self._defaults.update(parent._defaults)

    def add_subparsers(self, **kwargs: Any) -> Any:
        kwargs.setdefault("title", COMMANDS)
        kwargs.setdefault("metavar", "COMMAND")
        return super().add_subparsers(**kwargs)

    def error(self, message: str) -> Any:  # argparse's exit code 2 for a wrong command line
        self.print_usage()
        self.exit(2, f"{self.prog}: 参数错误 / error: {message}\n"
                     f"用法见 / see: {self.prog} --help\n")  # fmt: skip
