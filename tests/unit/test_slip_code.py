"""The QR payload of a slip: what it holds, and reading it back from what a scanner types."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from hotline_desk.domain.numbering import parse_slip_code, slip_code

CASE_NO = st.from_regex(r"(RX|XX|PT|LF|QT)20[0-9]{6}-[0-9]{4,5}", fullmatch=True)
QUERY = st.from_regex(r"[0-9]{6}", fullmatch=True)


@given(CASE_NO, QUERY)
def test_round_trip(case_no: str, query_code: str) -> None:
    assert parse_slip_code(slip_code(case_no, query_code)) == (case_no, query_code)


def test_what_a_scanner_may_type() -> None:
    assert slip_code("RX20261122-0007", "416138") == "RX20261122-0007 416138"
    assert parse_slip_code("  rx20261122-0007 416138\r\n") == ("RX20261122-0007", "416138")
    assert parse_slip_code("RX20261122-0007|416138") == ("RX20261122-0007", "416138")
    for text in ("RX20261122-0007", "RX20261122-0007 41613", "电梯 416138", "", "416138"):
        assert parse_slip_code(text) is None
