"""Layering rules of DESIGN.md §8: Qt only in gui/, no SQLAlchemy in gui/, pure domain."""

from __future__ import annotations

import ast
from pathlib import Path

import hotline_desk

ROOT = Path(hotline_desk.__file__).parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _modules(sub: str = "") -> list[Path]:
    return sorted((ROOT / sub).rglob("*.py"))


def test_qt_only_in_gui() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in _modules()
        if "gui" not in p.relative_to(ROOT).parts and _imports(p) & {"PySide6", "shiboken6"}
    ]
    assert offenders == []


def test_gui_never_imports_sqlalchemy() -> None:
    offenders = [str(p.relative_to(ROOT)) for p in _modules("gui") if "sqlalchemy" in _imports(p)]
    assert offenders == []


def test_domain_uses_standard_library_only() -> None:
    import sys

    allowed = set(sys.stdlib_module_names) | {"hotline_desk", "__future__"}
    offenders = {
        str(p.relative_to(ROOT)): sorted(_imports(p) - allowed) for p in _modules("domain")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_every_module_has_a_docstring_and_stays_small() -> None:
    for path in _modules():
        source = path.read_text(encoding="utf-8")
        assert ast.get_docstring(ast.parse(source)), f"{path} has no module docstring"
        assert source.count("\n") < 600, f"{path} is over 600 lines"
