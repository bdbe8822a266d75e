"""The labelled enums' base: each member knows its Chinese label, read from ``LABELS`` — the
one table the glossary modules of this package (DESIGN.md §2) write their labels into, next
to their enums; the GUI shows them through Qt's translation."""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum, StrEnum
from typing import Any

LABELS: dict[str, Mapping[Any, str]] = {}
"""Enum class name: {value: Chinese label}."""


class LabelledEnum(StrEnum):
    """A string enum whose members know their Chinese label."""

    @property
    def label(self) -> str:
        return LABELS[type(self).__name__][self.value]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(m.value, m.label) for m in cls]


class LabelledIntEnum(IntEnum):
    """An int enum whose members know their Chinese label, for words an Integer column stores.

    Members are ints, so they compare equal to the stored numbers, bind as plain integers in
    SQLAlchemy expressions (``Case.tier == Tier.DIRECT``) and can be assigned to the column."""

    @property
    def label(self) -> str:
        return LABELS[type(self).__name__][self.value]

    @classmethod
    def choices(cls) -> list[tuple[int, str]]:
        return [(m.value, m.label) for m in cls]
