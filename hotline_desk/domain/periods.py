"""Reporting periods of the statistics (DESIGN.md §6): a month by default, or a quarter, a year or
a custom range of days. A period is half-open, ``[start, end)`` at midnight, and has a key that
names it in frozen reports and on the command line (``2026-11``, ``2026-Q4``, ``2026``,
``20261101-20261115``) and a Chinese label (``2026年11月``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from hotline_desk.domain.errors import Msg, ValidationError


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    CUSTOM = "custom"


PERIOD_KIND_LABELS = {"month": "月度", "quarter": "季度", "year": "年度", "custom": "自定义"}
MAX_CUSTOM_DAYS = 3 * 366


def _add_months(d: date, months: int) -> date:
    n = d.year * 12 + d.month - 1 + months
    return date(n // 12, n % 12 + 1, 1)


@dataclass(frozen=True, order=True)
class Period:
    """Days ``first`` to ``last`` inclusive."""

    first: date
    last: date
    kind: PeriodKind = PeriodKind.CUSTOM

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        first = date(year, month, 1)
        return cls(first, _add_months(first, 1) - timedelta(1), PeriodKind.MONTH)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        first = date(year, 3 * (quarter - 1) + 1, 1)
        return cls(first, _add_months(first, 3) - timedelta(1), PeriodKind.QUARTER)

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31), PeriodKind.YEAR)

    @classmethod
    def custom(cls, first: date, last: date) -> Period:
        if last < first:
            raise ValidationError({"period": "统计期间的结束日期不能早于开始日期"})
        if (last - first).days >= MAX_CUSTOM_DAYS:
            raise ValidationError({"period": "自定义统计期间最长三年"})
        return cls(first, last, PeriodKind.CUSTOM)

    @classmethod
    def containing(cls, day: date) -> Period:
        return cls.month(day.year, day.month)

    @classmethod
    def parse(cls, key: str) -> Period:
        """The period a key names; a ValidationError says what is allowed."""
        text = key.strip()
        try:
            if m := re.fullmatch(r"(\d{4})-(\d{1,2})", text):
                return cls.month(int(m[1]), int(m[2]))
            if m := re.fullmatch(r"(\d{4})-?[Qq]([1-4])", text):
                return cls.quarter(int(m[1]), int(m[2]))
            if re.fullmatch(r"\d{4}", text):
                return cls.year(int(text))
            if m := re.fullmatch(r"(\d{8})-(\d{8})", text):
                first = datetime.strptime(m[1], "%Y%m%d").date()
                return cls.custom(first, datetime.strptime(m[2], "%Y%m%d").date())
        except ValueError:
            pass
        raise ValidationError(
            {"period": Msg("统计期间“{key}”无效：应为 2026-11（月）、2026-Q4（季）、2026（年）"
                           "或 20261101-20261115（自定义）", key=key)}
        )  # fmt: skip

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first, time.min)

    @property
    def end(self) -> datetime:
        """Exclusive end: midnight after the last day."""
        return datetime.combine(self.last + timedelta(1), time.min)

    @property
    def key(self) -> str:
        if self.kind == PeriodKind.MONTH:
            return f"{self.first:%Y-%m}"
        if self.kind == PeriodKind.QUARTER:
            return f"{self.first.year}-Q{(self.first.month - 1) // 3 + 1}"
        if self.kind == PeriodKind.YEAR:
            return str(self.first.year)
        return f"{self.first:%Y%m%d}-{self.last:%Y%m%d}"

    @property
    def label(self) -> str:
        """``2026年11月``, ``2026年第4季度``, ``2026年``, ``2026-11-01至2026-11-15`` (a ``Msg``,
        so the GUI can show it in the UI language)."""
        year = self.first.year
        if self.kind == PeriodKind.MONTH:
            return Msg("{year}年{month}月", year=year, month=self.first.month)
        if self.kind == PeriodKind.QUARTER:
            return Msg(
                "{year}年第{quarter}季度", year=year, quarter=(self.first.month - 1) // 3 + 1
            )
        if self.kind == PeriodKind.YEAR:
            return Msg("{year}年", year=year)
        return Msg("{first}至{last}", first=f"{self.first:%Y-%m-%d}", last=f"{self.last:%Y-%m-%d}")

    @property
    def short_label(self) -> str:
        """For chart axes: ``11月``, ``2026-11`` when the year matters."""
        if self.kind == PeriodKind.MONTH:
            return f"{self.first:%Y-%m}"
        return self.label

    def previous(self) -> Period:
        """The period of the same kind just before (a custom range: as many days before)."""
        if self.kind == PeriodKind.MONTH:
            first = _add_months(self.first, -1)
            return Period.month(first.year, first.month)
        if self.kind == PeriodKind.QUARTER:
            first = _add_months(self.first, -3)
            return Period.quarter(first.year, (first.month - 1) // 3 + 1)
        if self.kind == PeriodKind.YEAR:
            return Period.year(self.first.year - 1)
        days = (self.last - self.first).days + 1
        return Period(self.first - timedelta(days), self.first - timedelta(1), PeriodKind.CUSTOM)

    def months(self) -> list[Period]:
        """The calendar months the period touches, oldest first."""
        out = []
        first = self.first.replace(day=1)
        while first <= self.last:
            out.append(Period.month(first.year, first.month))
            first = _add_months(first, 1)
        return out


def last_months(end_month: Period, count: int = 12) -> list[Period]:
    """``count`` months ending with ``end_month``, oldest first (the trend charts)."""
    first = _add_months(end_month.first, -(count - 1))
    return Period(first, end_month.last).months()


def previous_month(today: date) -> Period:
    """The month a monthly report is usually made for: the one before ``today``'s."""
    return Period.containing(today).previous()
