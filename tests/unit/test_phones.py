"""The mobile shortcut of ``normalise_cn_phone`` gives what the full ``phonenumbers`` way gives,
for every three-digit prefix the shortcut takes and random numbers behind it."""

from __future__ import annotations

import random

from hotline_desk.services.cases.phones import full_way, normalise_cn_phone


def test_shortcut_agrees_with_the_full_way() -> None:
    rng = random.Random(17)
    numbers = [
        f"1{second}{third}{rng.randrange(10**8):08d}"
        for second in "345689"
        for third in "0123456789"
        for _ in range(40)
    ]
    numbers += [f"1{rng.randrange(3, 10)}{rng.randrange(10**9):09d}" for _ in range(1500)]
    for text in numbers:
        assert normalise_cn_phone(text) == full_way(text), text


def test_other_numbers_still_go_the_full_way() -> None:
    assert normalise_cn_phone(" 138 1234 5678 ") == "13812345678"
    assert normalise_cn_phone("0571-87654321") == "0571-87654321"
    assert normalise_cn_phone("12345") is None
    assert normalise_cn_phone("1381234567") is None  # ten digits
    assert normalise_cn_phone("") is None
