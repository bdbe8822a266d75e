"""Refusals carry a template and parameters (``Msg``) so the GUI can translate them; the
templates are found in the code by ``tools/domain_messages.py`` and listed for lupdate."""

from __future__ import annotations

import pickle

import pytest

from hotline_desk.domain.actions import Action
from hotline_desk.domain.enums.handling import CaseStatus
from hotline_desk.domain.enums.org import Role
from hotline_desk.domain.errors import (
    Msg,
    NotFound,
    PermissionDenied,
    ValidationError,
    joined,
)
from hotline_desk.domain.routing import text_error
from tools import domain_messages


def test_a_message_is_its_chinese_text_and_keeps_template_and_params() -> None:
    m = Msg("办件当前状态为“{status}”，不能{action}", status=CaseStatus.CLOSED, action=Action.ROUTE)
    assert m == "办件当前状态为“已办结”，不能转办"
    assert m.template == "办件当前状态为“{status}”，不能{action}"
    assert m.params == {"status": CaseStatus.CLOSED, "action": Action.ROUTE}
    assert Msg("需要：{roles}", roles=(Role.DESK, Role.LEADER)) == "需要：办公室督办员、局领导"
    assert pickle.loads(pickle.dumps(m)).template == m.template


def test_errors_render_chinese_for_logs_cli_and_comparisons() -> None:
    exc = NotFound("办件 {case_no} 不存在或您无权查看", case_no="RX20261122-0007")
    assert str(exc) == exc.message == "办件 RX20261122-0007 不存在或您无权查看"
    assert exc.message.template == "办件 {case_no} 不存在或您无权查看"
    plain = PermissionDenied("不能停用自己的账号")
    assert str(plain) == plain.message == plain.message.template == "不能停用自己的账号"
    built = PermissionDenied(Msg("原因最多{limit}个字", limit=5))
    assert built.message.params == {"limit": 5}


def test_validation_errors_keep_each_fields_message() -> None:
    problem = text_error("退回依据", "", 10)
    assert problem == "请填写退回依据"
    exc = ValidationError({"basis": problem or "", "note": "协办科室重复"})
    assert str(exc) == "请填写退回依据；协办科室重复"
    assert exc.field_errors["basis"].template == "请填写{field}"  # type: ignore[union-attr]
    assert joined(["a", "b"]) == "a；b"


def test_every_refusal_can_be_translated() -> None:
    """No refusal is built with an f-string or ``+`` where it is raised or put in an error."""
    assert domain_messages.offenders() == []


def test_the_template_listing_is_up_to_date() -> None:
    found = domain_messages.templates()
    assert len(found) > 150
    assert "您没有“{action}”的权限（需要：{roles}）" in found  # raise PermissionDenied(…)
    assert "请填写{field}" in found  # Msg(…) in a helper
    assert "退回依据" in found  # a field's name given to text_error
    assert "12345平台转办的办件必须填写平台工单号" in found  # errors[field] = "…"
    assert domain_messages.main(["--check"]) == 0, "run python tools/domain_messages.py"


@pytest.mark.parametrize("text", ["f'办件 {x}'", "'办件' + x"])
def test_the_offender_check_sees_built_messages(text: str, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "domain").mkdir()
    (tmp_path / "domain" / "m.py").write_text(f"raise NotFound({text})\n", encoding="utf-8")
    monkeypatch.setattr(domain_messages, "PACKAGE", tmp_path)
    monkeypatch.setattr(domain_messages, "ROOT", tmp_path)
    assert domain_messages.offenders() == ["domain/m.py:1"]
