"""Full-width punctuation in Chinese text: finds (and fixes) a half-width , : ; ! ? ( ) that
stands in Chinese text, where Chinese typesetting wants ，：；！？（）.

Allowed as they are (not Chinese text): inside a format placeholder (``{at:%H:%M}``), in a URL,
between digits (17:48, 1,000), a menu mnemonic ``(&C)``, before Latin text (``数据库:admin``,
``认证(TOTP)``, a file filter ``(*.xlsx)``), and regular expressions. Parentheses are judged as a
pair: Chinese inside makes them full-width; a number or a placeholder alone inside takes the
text around it.

    python tools/fullwidth.py            # rewrite the Chinese string literals in hotline_desk/
    python tools/fullwidth.py --check    # list them, exit 1 if any
    python tools/fullwidth.py --ts resources/translations/hotline_desk_en.ts
        # rewrite the <source> texts of a .ts the same way, keeping their translations, so a
        # following pyside6-lupdate finds every fixed string already translated

The fixes change single characters in place, so a string keeps its length and escapes.
tests/unit/test_fullwidth.py runs the check on the code and on the .ts sources.
"""

from __future__ import annotations

import ast
import io
import re
import sys
import tokenize
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "hotline_desk"
FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
CJK = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\u2018\u2019\u201c\u201d]")
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")
LATIN = re.compile("[A-Za-z]")
PROTECTED = re.compile(r"\{[^{}]*\}|[A-Za-z][A-Za-z0-9+.-]*://\S*|\(&\w\)|&&")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
REGEX_LIKE = re.compile(r"\(\?|\\[dswbDSWB]|\[[^\]]*\][?*+{]?|\||^\^|\$$")


def _skippable(text: str, i: int, masked: list[bool]) -> bool:
    return masked[i] or text[i].isspace() or text[i] in FULL


def _neighbour(text: str, i: int, step: int, masked: list[bool]) -> str:
    """The nearest character before (step -1) or after (+1) ``i`` that is not a space, part of
    a placeholder or another half-width mark; "" at the end of the text."""
    j = i + step
    while 0 <= j < len(text) and _skippable(text, j, masked):
        j += step
    return text[j] if 0 <= j < len(text) else ""


def _mask(text: str) -> list[bool]:
    masked = [False] * len(text)
    for m in PROTECTED.finditer(text):
        for k in range(m.start(), m.end()):
            masked[k] = True
    return masked


def offences(text: str, chinese: bool = False) -> list[int]:
    """Positions of the half-width marks in ``text`` that should be full-width. ``chinese``:
    the text is a translatable source (the UI's source language is Chinese), so a template made
    only of placeholders and marks (``{name}({unit})``) joins Chinese words too."""
    if chinese and not HAN.search(text) and not LATIN.search(PLACEHOLDER.sub("", text)):
        text = PLACEHOLDER.sub(lambda m: "中" * len(m.group()), text)
    if not HAN.search(text) or REGEX_LIKE.search(text):
        return []
    masked = _mask(text)
    found: set[int] = set()
    pairs: dict[int, int] = {}
    open_at: list[int] = []
    for i, ch in enumerate(text):
        if masked[i]:
            continue
        if ch == "(":
            open_at.append(i)
        elif ch == ")" and open_at:
            pairs[open_at.pop()] = i
    closing = set(pairs.values())
    for i, ch in enumerate(text):
        if masked[i] or ch not in FULL or i in closing:
            continue
        if i in pairs:
            j = pairs[i]
            inner = PLACEHOLDER.sub("", text[i + 1 : j])
            outside = _neighbour(text, i, -1, masked) + _neighbour(text, j, 1, masked)
            if CJK.search(inner) or (not LATIN.search(inner) and CJK.search(outside)):
                found.update((i, j))
            continue
        before, after = _neighbour(text, i, -1, masked), _neighbour(text, i, 1, masked)
        if LATIN.fullmatch(after or "-"):
            continue  # followed by Latin text
        if ch in ",:" and before.isdigit() and after.isdigit():
            continue
        if not CJK.fullmatch(before or "-") and text[i + 1 : i + 2] == " ":
            continue  # "label: ", as English writes it
        if CJK.fullmatch(before or "-") or CJK.fullmatch(after or "-"):
            found.add(i)
    return sorted(found)


def fix(text: str, chinese: bool = False) -> str:
    chars = list(text)
    for i in offences(text, chinese):
        chars[i] = FULL[chars[i]]
    return "".join(chars)


# --------------------------------------------------------------------------- Python sources


def _regex_calls(tree: ast.AST) -> set[int]:
    """ids of the string nodes passed to ``re.*`` (patterns are not Chinese text)."""
    ids: set[int] = set()
    for node in ast.walk(tree):
        func = node.func if isinstance(node, ast.Call) else None
        if isinstance(func, ast.Attribute) and getattr(func.value, "id", "") == "re":
            for arg in node.args[:1]:  # type: ignore[union-attr]
                ids.update(id(n) for n in ast.walk(arg))
    return ids


TRANSLATED = {"tr", "translate", "QT_TRANSLATE_NOOP", "QT_TR_NOOP", "Msg", "msg"}
"""Calls whose string arguments are translatable sources, written in Chinese."""


def _translatable(tree: ast.AST) -> set[int]:
    ids: set[int] = set()
    for node in ast.walk(tree):
        func = node.func if isinstance(node, ast.Call) else None
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in TRANSLATED:
            ids.update(id(a) for a in node.args)  # type: ignore[union-attr]
    return ids


def _nodes(tree: ast.AST) -> Iterator[tuple[ast.expr, str, bool]]:
    """The string literals of a module with their text (an f-string's placeholders as ``{}``)
    and whether they are translatable sources, less docstrings and the patterns passed to
    ``re``."""
    sources = _translatable(tree)
    skip = _regex_calls(tree)
    skip |= {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)}  # docstrings
    parts: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            parts.update(id(v) for v in node.values)
            if id(node) not in skip:
                text = "".join(
                    v.value if isinstance(v, ast.Constant) else "{}" for v in node.values
                )
                yield node, text, id(node) in sources
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) not in skip and id(node) not in parts:
                yield node, node.value, id(node) in sources


def literals(path: Path) -> Iterator[tuple[int, str, list[int]]]:
    """(line, text, offending positions) of the string literals of a module that need fixing."""
    for node, text, chinese in _nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if bad := offences(text, chinese):
            yield node.lineno, text, bad


def _marks_in_source(segment: str) -> list[int]:
    """Where the half-width marks of a literal's text are in its source ``segment`` (one or
    more string tokens), in order: the bodies of the tokens, less f-string expressions."""
    found: list[int] = []
    wrapped = f"({segment}\n)"  # implicit concatenation over several lines tokenizes as one
    lines = wrapped.splitlines(keepends=True)
    for tok in tokenize.generate_tokens(io.StringIO(wrapped).readline):
        if tok.type != tokenize.STRING:
            continue
        m = re.match(r"(?is)([rbuf]*)('\'\'|\"\"\"|'|\")", tok.string)
        if m is None:
            continue
        fstring = "f" in m.group(1).lower()
        base = sum(len(x) for x in lines[: tok.start[0] - 1]) + tok.start[1] - 1
        body_start, body_end = m.end(), len(tok.string) - len(m.group(2))
        i, depth = body_start, 0
        while i < body_end:
            ch = tok.string[i]
            if fstring and ch in "{}" and tok.string[i : i + 2] in ("{{", "}}") and depth == 0:
                i += 2
                continue
            if fstring and ch == "{":
                depth += 1
            elif fstring and ch == "}":
                depth -= 1
            elif depth == 0 and ch in FULL:
                found.append(base + i)
            i += 1
    return found


def _offset(lines: list[str], offsets: list[int], line: int, byte_col: int) -> int:
    """A character offset in the module from ast's line and UTF-8 byte column."""
    return offsets[line - 1] + len(lines[line - 1].encode()[:byte_col].decode())


def fix_module(path: Path) -> bool:
    """Rewrite the offending string literals of one module; True if it changed."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    chars = list(source)
    for node, text, chinese in _nodes(ast.parse(source)):
        bad = set(offences(text, chinese))
        if not bad:
            continue
        begin = _offset(lines, offsets, node.lineno, node.col_offset)
        end = _offset(lines, offsets, node.end_lineno or node.lineno, node.end_col_offset or 0)
        marks = _marks_in_source(source[begin:end])
        in_text = [i for i, ch in enumerate(text) if ch in FULL]
        if len(marks) != len(in_text):
            raise ValueError(f"{path}:{node.lineno}: cannot map the literal to its source")
        for k, i in enumerate(in_text):
            if i in bad:
                chars[begin + marks[k]] = FULL[text[i]]
    fixed = "".join(chars)
    if fixed != source:
        ast.parse(fixed)  # never write a module that no longer parses
        path.write_text(fixed, encoding="utf-8")
    return fixed != source


# --------------------------------------------------------------------------- .ts files

SOURCE = re.compile(r"<source>(.*?)</source>", re.S)
ENTITY = re.compile(r"&(?:#x[0-9a-fA-F]+|#\d+|\w+);")
ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def _unescape_with_map(raw: str) -> tuple[str, list[int]]:
    """The XML text and, for each of its characters, where it is in ``raw``."""
    text: list[str] = []
    where: list[int] = []
    i = 0
    while i < len(raw):
        m = ENTITY.match(raw, i)
        if m:
            name = m.group()[1:-1]
            if name.startswith("#x"):
                ch = chr(int(name[2:], 16))
            elif name.startswith("#"):
                ch = chr(int(name[1:]))
            else:
                ch = ENTITIES.get(name, "?")
            text.append(ch)
            where.append(-1)  # an entity is never a punctuation mark to fix
            i = m.end()
        else:
            text.append(raw[i])
            where.append(i)
            i += 1
    return "".join(text), where


def ts_sources(path: Path) -> Iterator[tuple[str, list[int]]]:
    """(source text, offending positions) of the .ts messages whose source needs fixing."""
    for m in SOURCE.finditer(path.read_text(encoding="utf-8")):
        text, _where = _unescape_with_map(m.group(1))
        if bad := offences(text, chinese=True):
            yield text, bad


def fix_ts(path: Path) -> int:
    """Rewrite the .ts <source> texts; the translations stay. Returns how many changed."""
    raw = path.read_text(encoding="utf-8")
    changed = 0

    def one(m: re.Match[str]) -> str:
        nonlocal changed
        body = list(m.group(1))
        text, where = _unescape_with_map(m.group(1))
        bad = offences(text, chinese=True)
        for i in bad:
            if where[i] >= 0:
                body[where[i]] = FULL[text[i]]
        changed += bool(bad)
        return f"<source>{''.join(body)}</source>"

    path.write_text(SOURCE.sub(one, raw), encoding="utf-8")
    return changed


# --------------------------------------------------------------------------- seed data

SEED_TEMPLATES = ROOT / "db" / "seed" / "reply_templates.json"
JSON_STRING = re.compile(r'("_comment":\s*)?"((?:[^"\\]|\\.)*)"')


def json_strings(path: Path) -> Iterator[tuple[str, list[int], list[int]]]:
    """(text, offending positions, where each text character is in the file) of the strings of
    a JSON file (less ``_comment``), read as written: one character of text per file character
    except escapes, which are never marks."""
    raw = path.read_text(encoding="utf-8")
    for m in JSON_STRING.finditer(raw):
        if m.group(1):
            continue
        text, where, i = [], [], m.start(2)
        while i < m.end(2):
            if raw[i] == "\\":
                text.append("\n")  # an escape (\\n, \\"): a break between words
                where.append(-1)
                i += 2
                continue
            text.append(raw[i])
            where.append(i)
            i += 1
        joined = "".join(text)
        yield joined, offences(joined), where


def fix_json(path: Path) -> int:
    """Fix the strings of a JSON file in place, keeping its layout; returns how many."""
    chars = list(path.read_text(encoding="utf-8"))
    count = 0
    for text, bad, where in json_strings(path):
        for i in bad:
            chars[where[i]] = FULL[text[i]]
        count += bool(bad)
    path.write_text("".join(chars), encoding="utf-8")
    return count


def main(argv: list[str]) -> int:
    if argv[:1] == ["--ts"]:
        for name in argv[1:]:
            print(f"{name}: {fix_ts(Path(name))} sources fixed")
        return 0
    check = argv[:1] == ["--check"]
    count = 0
    for path in sorted(PACKAGE.rglob("*.py")):
        for line, text, _bad in literals(path):
            count += 1
            if check:
                print(f"{path.relative_to(ROOT)}:{line}: {text[:80]!r}")
        if not check:
            fix_module(path)
    for text, bad, _where in json_strings(SEED_TEMPLATES):
        count += bool(bad)
        if check and bad:
            print(f"{SEED_TEMPLATES.relative_to(ROOT)}: {text[:80]!r}")
    if check:
        return 1 if count else 0
    fix_json(SEED_TEMPLATES)
    print(f"{count} strings fixed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
