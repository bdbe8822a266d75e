"""List the refusal templates of the domain and service layers, and the actions' words, for Qt's
translation.

``pyside6-lupdate`` reads only ``hotline_desk/gui``; the refusals are written in ``domain/``,
``services/``, ``reports/`` (the statistics summary) and a few wiring modules as Chinese
templates (``domain/errors.py``: ``Msg``).
This script finds every template by reading the code (``ast``) and writes them, as
``QT_TRANSLATE_NOOP("domain", …)`` entries, into ``hotline_desk/gui/common/domain_messages.py``,
which lupdate then extracts into the .ts like any other GUI string.

A template is a string literal (with Chinese text) that is
- the first argument of ``Msg(…)`` or of a ``DeskError`` subclass (``raise NotFound("…")``);
- a value of a dict literal passed to ``ValidationError({…})``;
- assigned to an item of an error dict (``errors["title"] = "…"``);
- a field's or an action's name given to a helper that puts it into a message
  (``text_error("退回依据", …)``, ``require(roles, wanted, "锁定月报")``: ``LABEL_ARGS``).
Messages built otherwise (f-strings, ``+``) cannot be translated; ``offenders`` finds them
where refusals are made.

Usage (from the repository root)::

    python tools/domain_messages.py          # rewrite the listing
    python tools/domain_messages.py --check  # exit 1 when the listing is out of date
"""

from __future__ import annotations

import ast
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "hotline_desk"
SOURCES = ("domain", "services", "store", "reports", "bootstrap.py")
LISTING = PACKAGE / "gui" / "common" / "domain_messages.py"
ERRORS = frozenset({
    "DeskError", "ValidationError", "PermissionDenied", "ConflictError", "NotFound", "AuthError",
    "InvalidTransition", "SchemaTooNew", "SecondFactorRequired",
})  # fmt: skip
MAKERS = ERRORS | {"Msg"}
LABEL_ARGS = {
    "text_error": 0, "require_text": 1, "_require": 1, "require": 2, "OfficeKey": 3,
    "PeriodActionSpec": 1, "Field": 0, "text_problem": 0, "time_problem": 0, "int_problem": 0,
}  # fmt: skip
"""Helpers whose argument at that position is a field's or an action's Chinese name, shown
inside their messages (a template of its own)."""
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def source_files() -> list[Path]:
    files: list[Path] = []
    for name in SOURCES:
        path = PACKAGE / name
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path] if path.exists() else []
    return files


def _name(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _chinese(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and CJK.search(node.value):
        return node.value
    return None


def _error_dict_item(target: ast.expr) -> bool:
    return isinstance(target, ast.Subscript) and "error" in _name(target.value).lower()


def _found(tree: ast.AST) -> Iterator[tuple[ast.AST, str]]:
    """(node, template) of every template in ``tree``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _name(node.func) in MAKERS and node.args:
            first = node.args[0]
            if (text := _chinese(first)) is not None:
                yield first, text
            elif isinstance(first, ast.Dict) and _name(node.func) == "ValidationError":
                yield from ((v, t) for v in first.values if (t := _chinese(v)) is not None)
        if isinstance(node, ast.Call) and (at := LABEL_ARGS.get(_name(node.func))) is not None:
            if len(node.args) > at and (text := _chinese(node.args[at])) is not None:
                yield node.args[at], text
        elif isinstance(node, ast.Assign) and any(_error_dict_item(t) for t in node.targets):
            if (text := _chinese(node.value)) is not None:
                yield node.value, text


def templates() -> list[str]:
    """Every template, once, in the order first found (files sorted by path)."""
    seen: dict[str, None] = {}
    for path in source_files():
        for _node, text in _found(ast.parse(path.read_text(encoding="utf-8"))):
            seen.setdefault(text, None)
    return list(seen)


def _built(node: ast.AST) -> bool:
    """An f-string or a ``+`` with Chinese text in it: a message that cannot be translated."""
    for sub in ast.walk(node):
        if isinstance(sub, ast.JoinedStr) and any(_chinese(v) for v in sub.values):
            return True
        if isinstance(sub, ast.BinOp) and isinstance(sub.op, ast.Add):
            if _chinese(sub.left) or _chinese(sub.right):
                return True
    return False


def offenders() -> list[str]:
    """``file:line`` of every refusal message built in a way that cannot be translated: in a
    ``raise``, in the arguments of ``Msg`` or an error, or assigned to an error dict's item."""
    found = []
    for path in source_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = path.relative_to(ROOT).as_posix()
        for node in ast.walk(tree):
            parts: list[ast.AST] = []
            if isinstance(node, ast.Raise) and node.exc is not None:
                parts = [node.exc]
            elif isinstance(node, ast.Call) and _name(node.func) in MAKERS:
                parts = [*node.args, *(k.value for k in node.keywords if k.arg is None)]
            elif isinstance(node, ast.Assign) and any(_error_dict_item(t) for t in node.targets):
                parts = [node.value]
            if any(_built(p) for p in parts):
                found.append(f"{where}:{node.lineno}")
    return sorted(set(found), key=lambda w: (w.split(":")[0], int(w.split(":")[1])))


def action_words() -> list[str]:
    """The action specs' labels and button texts (``domain/actions.py``), in spec order."""
    sys.path.insert(0, str(ROOT))
    from hotline_desk.domain.actions import SPECS

    words: list[str] = []
    for spec in SPECS:
        for word in (spec.label, spec.button_text):
            if word not in words:
                words.append(word)
    return words


def listing(texts: list[str]) -> str:
    lines = [
        '"""Every refusal template of the domain and service layers, marked for lupdate in the',
        "``domain`` context (``gui/common/errors.py::render`` translates them), and the actions'",
        "labels and button texts of ``domain/actions.py`` in the ``actions`` context.",
        "",
        "Generated by ``python tools/domain_messages.py`` from the code; do not edit by hand.",
        '"""',
        "",
        "# ruff: noqa: E501",
        "from __future__ import annotations",
        "",
        "from PySide6.QtCore import QT_TRANSLATE_NOOP",
        "",
        "# fmt: off",
        "DOMAIN_MESSAGES: tuple[str, ...] = (",
    ]
    lines += [
        f'    QT_TRANSLATE_NOOP("domain", {json.dumps(t, ensure_ascii=False)}),' for t in texts
    ]
    lines += [")", "", "ACTION_WORDS: tuple[str, ...] = ("]
    lines += [
        f'    QT_TRANSLATE_NOOP("actions", {json.dumps(t, ensure_ascii=False)}),'
        for t in action_words()
    ]
    lines += [")", "# fmt: on", ""]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    wanted = listing(templates())
    current = LISTING.read_text(encoding="utf-8") if LISTING.exists() else ""
    if "--check" in argv:
        if current != wanted:
            print(
                f"{LISTING.relative_to(ROOT)} is out of date: run python tools/domain_messages.py"
            )
            return 1
        return 0
    if current != wanted:
        LISTING.write_text(wanted, encoding="utf-8")
    bad = offenders()
    print(f"{len(templates())} templates; {len(bad)} messages that cannot be translated")
    for where in bad:
        print("  " + where)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
