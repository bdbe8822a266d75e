"""Every audit action the code records has a Chinese name, and every object type too; details
read as Chinese 键:值 pairs.

The code is read with ``ast``: each call of ``record_audit`` or of one of the wrappers that pass
an action code on (``WRAPPERS``: the position of their action argument) contributes its action —
a literal, an f-string over a known family (``case_<Action>``, ``print_<kind>``), or one of the
names in ``DYNAMIC`` whose values are enumerated here. An action the test cannot read fails it,
so a new way of recording is noticed.
"""

from __future__ import annotations

import ast
from pathlib import Path

from hotline_desk.domain.actions import PERIOD_SPECS, Action
from hotline_desk.domain.audit_names import (
    ACTION_NAMES,
    DETAIL_KEYS,
    OBJECT_NAMES,
    action_name,
    detail_text,
)
from hotline_desk.services.output.printing import KINDS

ROOT = Path(__file__).resolve().parents[2] / "hotline_desk"
WRAPPERS = {"record_audit": (3, 4), "audit_event": (3, None), "_audit": (2, None),
            "_audit_live": (4, None), "shift_audited": (5, 6)}  # fmt: skip
"""name: (position of the action, of the object type) among the positional args; the wrappers
set the object type themselves (in their own ``record_audit`` call)."""
DYNAMIC = {
    # the wrappers' own parameters: their callers are read as calls of the wrapper
    ("services/audit.py", "action"), ("services/backup/backups.py", "action"),
    ("services/backup/restore.py", "action"), ("services/output/exports.py", "action"),
    ("services/audit_query.py", "action"), ("services/admin/tree_order.py", "action"),
    # the period actions' codes (domain.actions.PERIOD_SPECS ... .audit)
    ("services/stats/freeze.py", "audit"),
}  # fmt: skip
FAMILIES = {
    "case_": [a.value for a in Action],
    "print_": list(KINDS),
    "admin_request_": ["expired", "refused", "withdrawn"],  # dual_control._close's statuses
}


def _arg(call: ast.Call, position: int, keyword: str) -> ast.expr | None:
    if len(call.args) > position:
        return call.args[position]
    return next((k.value for k in call.keywords if k.arg == keyword), None)


def _recorded() -> tuple[set[str], set[str], list[str]]:
    actions: set[str] = set()
    objects: set[str] = set()
    unread: list[str] = []
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name not in WRAPPERS:
                continue
            at, obj_at = WRAPPERS[name]
            action = _arg(node, at, "action")
            obj = _arg(node, obj_at, "object_type") if obj_at is not None else None
            if isinstance(obj, ast.Constant) and isinstance(obj.value, str):
                objects.add(obj.value)
            if isinstance(action, ast.Constant) and isinstance(action.value, str):
                actions.add(action.value)
            elif isinstance(action, ast.IfExp) and all(
                isinstance(b, ast.Constant) for b in (action.body, action.orelse)
            ):
                actions |= {action.body.value, action.orelse.value}  # type: ignore[union-attr]
            elif isinstance(action, ast.JoinedStr) and isinstance(action.values[0], ast.Constant):
                prefix = str(action.values[0].value)
                assert prefix in FAMILIES, f"{rel}:{node.lineno}: unknown family {prefix!r}"
                actions |= {prefix + v for v in FAMILIES[prefix]}
            elif isinstance(action, ast.Name) and (rel, action.id) in DYNAMIC:
                continue
            else:
                unread.append(f"{rel}:{node.lineno}")
    actions |= {spec.audit for spec in PERIOD_SPECS.values()}
    return actions, objects, unread


def test_every_recorded_action_and_object_has_a_chinese_name() -> None:
    actions, objects, unread = _recorded()
    assert unread == [], f"actions this test cannot read (add them to DYNAMIC/FAMILIES): {unread}"
    assert len(actions) > 60
    assert sorted(actions - ACTION_NAMES.keys()) == []
    assert sorted(objects - OBJECT_NAMES.keys()) == []
    assert all(ACTION_NAMES[a] and not ACTION_NAMES[a].isascii() for a in actions)


def test_details_read_as_chinese_pairs() -> None:
    assert action_name("case_route") == "办件转办"
    assert action_name("something_new") == "something_new"  # a newer desk's code, as stored
    text = detail_text('{"roles": ["intake", "desk"], "reason": "unknown", "active": true}')
    assert text == "角色：登记员、办公室督办员；原因：用户名不存在；启用：是"
    assert detail_text('{"filter": {"action": "login", "case_no": "A1"}, "rows": 3}') == (
        "筛选条件：操作 登录，办件编号 A1；行数：3"
    )
    assert detail_text('{"filter": {}, "locked_until": null}') == "筛选条件：无"
    assert detail_text("") == "" and detail_text("not json") == "not json"
    assert detail_text('{"tier": 2}') == "层级：转办科室"
    assert all(not v.isascii() for v in DETAIL_KEYS.values())


def test_every_admin_request_kind_reads_in_chinese() -> None:
    from hotline_desk.services.admin.dual_control import FACTOR, KINDS

    for kind in KINDS:
        text = detail_text(f'{{"kind": "{kind}"}}')
        assert text.startswith("类型：") and not text.removeprefix("类型：").isascii(), kind
    assert detail_text(f'{{"kind": "{FACTOR}", "requested_by": 3, "confirmed_by": 5}}') == (
        "类型：重置动态验证码；申请人：3；确认人：5"
    )
