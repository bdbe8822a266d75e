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
    # The one exception: the personal-data detector's Chinese segmenter (issue 15), a pure
    # function of the text, imported inside a function by this one module only.
    # Likewise search's traditional → simplified conversion (issue 16) in text_input.
    segmenter = {"domain/privacy/segmenter.py": {"jieba"}, "domain/text_input.py": {"opencc"}}
    offenders = {
        str(p.relative_to(ROOT)): sorted(
            _imports(p) - allowed - segmenter.get(str(p.relative_to(ROOT)), set())
        )
        for p in _modules("domain")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_every_module_has_a_docstring_and_stays_small() -> None:
    for path in _modules():
        source = path.read_text(encoding="utf-8")
        doc = ast.get_docstring(ast.parse(source))
        assert doc, f"{path} has no module docstring"
        if "do not edit by hand" in doc:
            continue  # a generated listing (one line per message), not code to read
        assert source.count("\n") < 600, f"{path} is over 600 lines"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _internal_imports(path: Path, module: str, known: set[str]) -> set[str]:
    """The package's modules ``path`` imports; imports under ``if TYPE_CHECKING:`` do not count,
    imports inside functions do (they hide a circle, they do not remove it)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            node.body = []
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = module.split(".")
                keep = len(parts) - node.level + (1 if path.name == "__init__.py" else 0)
                base = ".".join(parts[:keep] + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {name for name in found if name in known and name != module}


def import_graph() -> dict[str, set[str]]:
    paths = {_module_name(p): p for p in _modules()}
    known = set(paths)
    return {name: _internal_imports(path, name, known) for name, path in paths.items()}


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component: list[str] = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return cycles


def test_the_cycle_finder_finds_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert import_cycles(graph) == [["a", "b", "c"]]


def test_no_import_circles_between_modules() -> None:
    assert import_cycles(import_graph()) == []


def _importers(layer: str, banned: str) -> list[str]:
    graph = import_graph()
    return sorted(
        name
        for name, deps in graph.items()
        if name.startswith(f"hotline_desk.{layer}")
        and any(d.startswith(f"hotline_desk.{banned}") for d in deps)
    )


def test_layers_point_downwards() -> None:
    """domain ← store ← services ← gui/cli; reports take DTOs and depend on no service."""
    assert _importers("domain", "store") == []
    assert _importers("domain", "services") == []
    assert _importers("store", "services") == []
    assert _importers("services", "gui") == []
    assert _importers("reports", "services") == []
    assert _importers("reports", "gui") == []
    assert _importers("gui", "store") == []


def test_folders_hold_at_most_25_modules() -> None:
    crowded = {
        str(folder.relative_to(ROOT)): n
        for folder in [ROOT, *(p for p in ROOT.rglob("*") if p.is_dir())]
        if (n := len([m for m in folder.glob("*.py") if m.name != "__init__.py"])) > 25
    }
    assert crowded == {}


def test_the_gui_asks_the_domain_who_may_do_what() -> None:
    """Role rules live in domain/ (permissions, actions, lifecycle); the GUI names no role."""
    import re

    offenders = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in _modules("gui")
        if "shots" not in p.parts
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\bRole\.[A-Z_]+\b|\.has\(Role", line)
    ]
    assert offenders == []
