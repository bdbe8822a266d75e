"""Pure rules: masking, numbering, validation and password policy."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hotline_desk.domain.enums.handling import CaseStatus
from hotline_desk.domain.enums.intake import Channel
from hotline_desk.domain.enums.org import Role
from hotline_desk.domain.errors import ValidationError
from hotline_desk.domain.numbering import case_no_key, format_case_no, looks_like_case_no
from hotline_desk.domain.passwords import PasswordPolicy, password_problems
from hotline_desk.domain.permissions import admin_role_conflict
from hotline_desk.domain.privacy.masking import mask_address, mask_id_number, mask_name, mask_phone
from hotline_desk.domain.text_input import as_written
from hotline_desk.domain.validation import CaseInput, validate_case_input

NOW = datetime(2026, 11, 22, 10, 0)


def test_masks_match_design_examples() -> None:
    assert mask_phone("13812341234") == "138****1234"
    assert mask_phone("0571-87654321") == "0571-****4321"
    assert mask_name("张三明") == "张*明"
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳小明") == "欧**明"
    assert mask_address("杭州市西湖区文三路88号") == "杭州市西湖区****"
    assert mask_id_number("330106199001011234") == "330106********1234"


@given(st.text(alphabet="0123456789", min_size=8, max_size=15))
def test_masked_phone_hides_the_middle_digits(phone: str) -> None:
    masked = mask_phone(phone)
    assert len(masked) == len(phone)
    assert masked[:3] == phone[:3] and masked[-4:] == phone[-4:]
    assert masked.count("*") == len(phone) - 7


def test_case_numbers() -> None:
    key = case_no_key(Channel.HOTLINE, date(2026, 11, 22))
    assert format_case_no(key, 7) == "RX20261122-0007"
    assert case_no_key(Channel.MAILBOX, date(2026, 1, 2)) == "XX20260102"
    assert case_no_key(Channel.PLATFORM, date(2026, 1, 2)).startswith("PT")
    assert case_no_key(Channel.OTHER, date(2026, 1, 2)).startswith("QT")
    assert looks_like_case_no("rx2026") and not looks_like_case_no("13812345678")


def _input(**kw) -> CaseInput:  # type: ignore[no-untyped-def]
    base = dict(channel="hotline", received_at=NOW - timedelta(hours=1), caller_name="王五",
                caller_phone="13900000000", title="标题", content="内容", category="help",
                topic_id=1)  # fmt: skip
    base.update(kw)
    return CaseInput(**base)  # type: ignore[arg-type]


def _ok(phone: str) -> str | None:
    return phone if phone.startswith("1") and len(phone) == 11 else None


def test_validation_collects_every_field_at_once() -> None:
    with pytest.raises(ValidationError) as err:
        validate_case_input(
            _input(caller_name="", caller_phone="1", title="", content="", topic_id=None,
                   received_at=NOW + timedelta(days=1)),
            NOW, _ok,
        )  # fmt: skip
    assert set(err.value.field_errors) == {
        "caller_name", "caller_phone", "title", "content", "topic_id", "received_at"
    }  # fmt: skip
    assert all(msg for msg in err.value.field_errors.values())


def test_validation_trims_and_accepts_clock_skew() -> None:
    clean = validate_case_input(
        _input(title="  标题  ", received_at=NOW + timedelta(seconds=30)), NOW, _ok
    )
    assert clean.title == "标题"


def test_content_keeps_its_layout_as_written() -> None:
    """Leading indentation and spaced-out signatures survive the save (the letters print them);
    only blank lines before the text and trailing whitespace go."""
    written = "\n\u3000\u3000市民反映：噪音扰民。\n  第二段。\n                    张某\n  \n"
    clean = validate_case_input(_input(content=written), NOW, _ok)
    assert clean.content == "\u3000\u3000市民反映：噪音扰民。\n  第二段。\n                    张某"
    assert as_written(" \n\t ") == ""


def test_password_policy() -> None:
    policy = PasswordPolicy()
    assert password_problems("Desk#2026ok", "dengji", policy) == []
    assert any("至少8位" in p for p in password_problems("Ab1#", "x", policy))
    assert any("至少3类" in p for p in password_problems("abcdefgh", "x", policy))
    assert any("常见" in p for p in password_problems("P@ssw0rd", "x", policy))
    assert any("用户名" in p for p in password_problems("Dengji#2026", "dengji", policy))


def test_three_admin_roles_are_separate() -> None:
    """An administrator role is held alone: not with another one, not with a business role."""
    assert admin_role_conflict([Role.SYS_ADMIN]) is None
    assert admin_role_conflict([Role.DESK, Role.INTAKE]) is None
    assert admin_role_conflict([Role.SYS_ADMIN, Role.AUDIT_ADMIN])
    assert "业务角色" in str(admin_role_conflict([Role.SYS_ADMIN, Role.INTAKE]))
    assert "业务角色" in str(admin_role_conflict(["audit_admin", "desk"]))


def test_every_enum_value_has_a_chinese_label() -> None:
    for status in CaseStatus:
        assert status.label and not status.label.isascii()
    for role in Role:
        assert role.label and not role.label.isascii()
