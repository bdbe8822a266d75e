"""One source of words: the GUI names glossary values by their enum members, never by bare
string (or tier number) literals, so a renamed code or a new value is found by the type checker
and by grep, not by a user."""

from __future__ import annotations

import ast
from enum import Enum
from pathlib import Path

import hotline_desk
from hotline_desk.domain.enums.handling import (
    ApprovalStep,
    AssignmentRole,
    CaseStatus,
    ReturnDecision,
    ReviewDecision,
    Tier,
)
from hotline_desk.domain.enums.org import Role
from hotline_desk.domain.enums.supervision import Clock, Level

GUI = Path(hotline_desk.__file__).parent / "gui"
WORD_ENUMS: tuple[type[Enum], ...] = (
    CaseStatus, Role, Tier, AssignmentRole, ApprovalStep, ReturnDecision, ReviewDecision, Level,
    Clock,
)  # fmt: skip
CODES = {str(m.value) for enum in WORD_ENUMS for m in enum}
TIERS = {int(t) for t in Tier}
NOT_YET: set[str] = set()
COMPARE = (ast.Eq, ast.NotEq, ast.In, ast.NotIn)


def _literals(node: ast.expr) -> list[ast.Constant]:
    """The constants a comparison operand is or contains (a tuple/list/set of them)."""
    if isinstance(node, ast.Constant):
        return [node]
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return [e for e in node.elts if isinstance(e, ast.Constant)]
    return []


def _names_tier(node: ast.expr) -> bool:
    name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")
    if isinstance(node, ast.Call):
        return _names_tier(node.func)
    return "tier" in name.lower()


def bare_words(source: str) -> list[str]:
    """``line: code`` of every comparison with a glossary code as a bare literal, and of every
    tier compared with a bare number."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Compare):
            continue
        operands = [node.left, *node.comparators]
        pairs = zip(operands, operands[1:], strict=False)
        for op, (left, right) in zip(node.ops, pairs, strict=True):
            if not isinstance(op, COMPARE):
                continue
            for side, other in ((left, right), (right, left)):
                for const in _literals(side):
                    if isinstance(const.value, str) and const.value in CODES:
                        found.append(f"{node.lineno}: {const.value!r}")
                    elif (type(const.value) is int and const.value in TIERS
                          and _names_tier(other)):  # fmt: skip
                        found.append(f"{node.lineno}: tier {const.value}")
    return found


def test_the_check_finds_bare_words() -> None:
    source = (
        "a == 'registered'\n"
        "b in ('dispatched', 'closed')\n"
        "'lead' != c.role\n"
        "d.tier == 1\n"
        "e not in {'leader'}\n"
        "f == CaseStatus.CLOSED\n"
        "g == 'nothing'\n"
        "h.count == 1\n"
    )
    assert bare_words(source) == [
        "1: 'registered'",
        "2: 'dispatched'",
        "2: 'closed'",
        "3: 'lead'",
        "4: tier 1",
        "5: 'leader'",
    ]


def test_gui_compares_no_bare_glossary_codes() -> None:
    found = []
    for path in sorted(GUI.rglob("*.py")):
        where = path.relative_to(GUI).as_posix()
        if where not in NOT_YET:
            found += [f"{where}:{hit}" for hit in bare_words(path.read_text(encoding="utf-8"))]
    assert found == []


WORDS = "common/words.py"
LISTINGS = {"common/enum_labels.py", "common/kpi_labels.py"}  # QT_TRANSLATE_NOOP for lupdate


def _label_contexts(source: str) -> list[str]:
    """``line: how`` of every use of the ``enum``/``kpi`` translation contexts, and every import
    of the listing modules."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0]
            if (name in {"translate", "QT_TRANSLATE_NOOP"} and isinstance(first, ast.Constant)
                    and first.value in {"enum", "kpi"}):  # fmt: skip
                found.append(f"{node.lineno}: {name}({first.value!r}, …)")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").endswith(
            ("enum_labels", "kpi_labels")
        ):
            found.append(f"{node.lineno}: import {node.module}")
    return found


def test_enum_and_kpi_words_reach_widgets_only_through_words_py() -> None:
    found = []
    for path in sorted(GUI.rglob("*.py")):
        where = path.relative_to(GUI).as_posix()
        if where != WORDS and where not in LISTINGS:
            found += [f"{where}:{hit}" for hit in _label_contexts(path.read_text("utf-8"))]
    assert found == []
    assert _label_contexts((GUI / WORDS).read_text("utf-8"))  # the check sees the real thing
