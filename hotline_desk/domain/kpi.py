"""The handling statistics' definitions (DESIGN.md §6), fixed in one place: which raw counts the
database is asked for, every KPI's name, Chinese label, definition and reading (``definitions()``
gives the notes that the tooltips, the notes sheet and the PDF footnote show), the rate formulas
from the counts, the 基本满意 switch, and the red/black lists (红榜/黑榜) of sections.

The counts for a period ``[start, end)``, each from the facts (``domain/facts.py``) dated inside
it — or, for the two marked *state*, from the cases open at an instant — never from a case's
current state (``services/stats/sql.py`` computes them in SQL). Each counts in the cell (section,
category, channel, topic, tier) the case was in when it happened:

=====================  ========================================================================
``received``            receipts (``received_at``) in the period, merged duplicates included
``carried_over``        *state*: cases open (received, not closed/rejected/merged, or reopened)
                        at the start
``dispatched``          dispatches to a section or unit (tier 2/3) in the period, re-dispatches
                        included
``signed``              signings of a dispatched case in the period
``signed_on_time``      of those, no later than that dispatch's sign deadline
``replied``             replies in the period (each round's reply counts)
``replied_on_time``     of those, no later than the effective reply deadline as it stood then
``replied_late``        of those, after it
``direct``              of those, by the office itself (tier 1)
``overdue_open``        *state*: open at the end (or now, for a period not over), not replied in
                        its round, and past its reply deadline as it stood then
``closed``              closings (办结) in the period (each round's closing counts)
``extensions``          extensions approved in the period
``returns``             returns (退单) approved in the period, in the section that asked
``callback_due``        callback rounds whose deadline is in the period, not anonymous, less
                        those refused or found not to need a callback before the period's end
``callback_reached``    of those, reached before the period's end
``rated``               callbacks in the period with a satisfaction rating (one per rating given)
``satisfied`` / ``basically`` / ``resolved``   of those, rated 满意 / 基本满意 / resolved
``reopened``            reopens (重办) in the period
``duplicates``          cases merged (并单) or first marked as a duplicate in the period
``workdays_sum`` / ``workdays_n``  working days from receipt to reply, of the replies in it whose
                        days were recorded
``reentered``           of the reopens, those of a case that had ended (a reopen after an
                        unsatisfied callback reopens a case still open)
``moved_in`` / ``moved_out``  open cases that came into / left the cell (routed, re-routed,
                        re-dispatched after a return, edited into another class); they cancel
                        out in the bureau total
``ended``               cases that ended without closing: rejected (不予受理) or merged (并单)

For every cell, ``carried_over + received + reentered + moved_in − moved_out − closed − ended``
is the next period's ``carried_over`` (``open_after``; the tests check it).
=====================  ========================================================================
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from hotline_desk.domain.errors import Msg

COUNT_KEYS: tuple[str, ...] = (
    "received", "carried_over", "direct", "dispatched", "signed", "signed_on_time", "replied",
    "replied_on_time", "replied_late", "overdue_open", "closed", "extensions", "returns",
    "callback_due", "callback_reached", "rated", "satisfied", "basically", "resolved",
    "reopened", "duplicates", "workdays_sum", "workdays_n", "reentered", "moved_in",
    "moved_out", "ended",
)  # fmt: skip

Counts = Mapping[str, int]
Value = float | int | None


class KpiKind(StrEnum):
    COUNT = "count"  # a number of cases
    RATE = "rate"  # a share, 0..1 (shown as a percentage)
    MEAN = "mean"  # an average (working days)


class Breakdown(StrEnum):
    """What a statistics table is broken down by (the bureau total has one row)."""

    BUREAU = "bureau"
    SECTION = "section"
    CATEGORY = "category"
    CHANNEL = "channel"
    TOPIC = "topic"
    TIER = "tier"

    @property
    def label(self) -> str:
        return BREAKDOWN_LABELS[self.value]


BREAKDOWN_LABELS = {
    "bureau": "全局合计", "section": "按科室", "category": "按诉求类型", "channel": "按来源渠道",
    "topic": "按事项分类", "tier": "按办理层级",
}  # fmt: skip
BREAKDOWN_HEADERS = {
    "bureau": "单位", "section": "主办科室", "category": "诉求类型", "channel": "来源渠道",
    "topic": "事项分类", "tier": "办理层级",
}  # fmt: skip
TOTAL_LABEL = "合计"
NONE_LABELS = {"section": "未转办", "topic": "未分类", "tier": "未分级", "category": "其他",
               "channel": "其他"}  # fmt: skip


@dataclass(frozen=True)
class Kpi:
    key: str
    label: str
    kind: KpiKind
    definition: str
    numerator: str
    denominator: tuple[str, ...] = ()
    """Counts added up for the denominator of a rate or mean (empty for a plain count); one
    written ``-key`` is taken away."""
    drill: str = ""
    """The set of cases a click on the figure opens (``services/stats_cases.py``)."""
    higher_is_better: bool = True
    reading: str = ""
    """How the desk reads the definition where it leaves a choice (shown next to it)."""


KPIS: tuple[Kpi, ...] = (
    Kpi("received", "受理量", KpiKind.COUNT,
        "本期登记受理的办件数（按受理时间）；重复来电并单的办件也计入，另在重复件率中统计。",
        "received", drill="received",
        reading="按受理时间计入所在月份；登记晚于受理时间的办件计入受理时间所在月份。按科室等分组"
                "统计时，计入受理当时所在的分组：登记时尚未转办的计入“未转办”，转办给科室后"
                "作为该科室的转入计入其办结率的分母。"),
    Kpi("carried_over", "上月结转", KpiKind.COUNT,
        "本期开始时仍在办理的办件数：已受理，且在本期开始时尚未办结、不予受理或并单。",
        "carried_over", drill="carried_over",
        reading="按本期开始时的状态和主办科室计；办结后又重办的办件，自重办时起重新计为在办，"
                "不因其后的操作而改变。"),
    Kpi("direct", "直办量", KpiKind.COUNT,
        "本期答复的直办件（办公室直接办理，第1层级）数。", "direct", drill="direct",
        reading="按答复时间计；重办后再次答复另计一次。"),
    Kpi("direct_rate", "直接办结率", KpiKind.RATE,
        "直办量 ÷ 本期答复量：本期答复中由办公室直接答复的比例。", "direct", ("replied",),
        drill="direct",
        reading="分母为本期答复次数（不是受理量），因此任何科室、任何月份都不超过100%。"),
    Kpi("sign_rate", "按时签收率", KpiKind.RATE,
        "本期签收的转办件中，在该次转办的签收时限内签收的比例。",
        "signed_on_time", ("signed",), drill="sign_late",
        reading="按签收时间计；重新转办的，以该次转办自己的签收时限判断。"),
    Kpi("closed", "办结量", KpiKind.COUNT,
        "本期办结（回访后办结）的次数（按办结时间）。", "closed", drill="closed",
        reading="重办后再次办结另计一次；其后重办不改变本期已计的办结。"),
    Kpi("ontime_rate", "按时办结率", KpiKind.RATE,
        "本期答复的办件中，在有效答复时限（含经批准的延期）内答复的比例。",
        "replied_on_time", ("replied",), drill="replied_late",
        reading="以答复当时的有效答复时限判断（含此前已批准的延期）；重办后的答复按重办时限另计。"),
    Kpi("close_rate", "办结率", KpiKind.RATE,
        "本期办结量 ÷（上月结转 + 本期受理量 + 本期办结后重办的件数）。", "closed",
        ("received", "carried_over", "reentered", "moved_in", "-moved_out"), drill="closed",
        reading="分母计入办结后又重办的办件，使其再次办结时办结率不超过100%。按科室统计时，分母为"
                "该科室本期应办的办件：期初在办，加上本期转入（转办、改派、退回后改派到本科室），"
                "减去本期转出；受理时尚未转办的办件计入“未转办”，转办时转出。"),
    Kpi("overdue", "超期件数", KpiKind.COUNT,
        "期末仍未答复（含重办后尚未再次答复）且已过答复时限的办件数，"
        "加上本期超过答复时限才答复的办件数。",
        "overdue_open", drill="overdue", higher_is_better=False,
        reading="期末指本期最后时刻（本月尚未结束的，指当前时刻）；答复时限自受理（或按单位设置"
                "自转办、签收）起算，未转办的办件也计入；以期末当时的有效时限判断。"),
    Kpi("extensions", "延期件数", KpiKind.COUNT,
        "本期批准的延期申请数（按审批时间）。", "extensions", drill="extended",
        higher_is_better=False, reading="同一办件多次批准延期的，每次计一件。"),
    Kpi("return_rate", "退单率", KpiKind.RATE,
        "本期同意退回的退单数（按提出退回的科室）÷ 本期转办件数。",
        "returns", ("dispatched",), drill="returned", higher_is_better=False,
        reading="按审批同意的时间计入；按科室统计时计入提出退回的科室。"),
    Kpi("callback_rate", "回访率", KpiKind.RATE,
        "回访时限在本期的应回访办件中，截至期末已回访联系上的比例（不含匿名、无需回访及"
        "截至期末拒绝回访的办件）。",
        "callback_reached", ("callback_due",), drill="callback_due",
        reading="按回访时限所在期间计；期末之后才联系上或拒绝的，不改变本期回访率。"),
    Kpi("satisfaction_rate", "满意率", KpiKind.RATE,
        "本期回访评价中“满意”（按单位设置另计“基本满意”）的评价数 ÷ 本期有评价的回访数。",
        "satisfied", ("rated",), drill="not_satisfied",
        reading="按评价时间计，每次评价计一次（重办后再次回访另计）。"),
    Kpi("resolution_rate", "解决率", KpiKind.RATE,
        "本期回访评价中认为问题已解决的评价数 ÷ 本期有评价的回访数。",
        "resolved", ("rated",), drill="unresolved", reading="按评价时间计，每次评价计一次。"),
    Kpi("reopen_rate", "重办率", KpiKind.RATE,
        "本期重办次数 ÷ 本期办结量。", "reopened", ("closed",), drill="reopened",
        higher_is_better=False, reading="按重办时间计；被重办的办结可能在以前月份。"),
    Kpi("duplicate_rate", "重复件率", KpiKind.RATE,
        "本期并单或标记为重复件的办件数 ÷ 本期受理量。", "duplicates", ("received",),
        drill="duplicates", higher_is_better=False,
        reading="按并单或标记重复的时间计，每个办件只计一次；并入其他月份办件的也计入并单当月。"),
    Kpi("avg_workdays", "平均办理时长", KpiKind.MEAN,
        "本期答复的办件从受理到答复的平均工作日数。", "workdays_sum", ("workdays_n",),
        drill="replied", higher_is_better=False,
        reading="按答复时间计；重办后的答复从受理起算的工作日数另计一次。"),
)  # fmt: skip
KPI_BY_KEY = {k.key: k for k in KPIS}
SATISFACTION_NOTE_BASIC = "（本期设置：“基本满意”计为满意）"
SATISFACTION_NOTE_STRICT = "（本期设置：仅“满意”计为满意）"
DRILL_LABELS = {
    "received": "受理的办件", "carried_over": "期初结转的办件", "direct": "答复的直办件",
    "sign_late": "未按时签收的转办件", "closed": "办结的办件", "replied_late": "超时答复的办件",
    "overdue": "超期的办件", "extended": "批准延期的办件", "returned": "同意退回的办件",
    "callback_due": "应回访的办件", "not_satisfied": "评价不满意的办件",
    "unresolved": "评价未解决的办件", "reopened": "重办的办件", "duplicates": "重复件",
    "replied": "答复的办件",
}  # fmt: skip


def _numerator(kpi: Kpi, counts: Counts, basically_counts: bool) -> int:
    if kpi.key == "overdue":
        return int(counts.get("overdue_open", 0)) + int(counts.get("replied_late", 0))
    if kpi.key == "satisfaction_rate" and basically_counts:
        return int(counts.get("satisfied", 0)) + int(counts.get("basically", 0))
    return int(counts.get(kpi.numerator, 0))


FORMULAS = 2
"""The formulas' revision. Months frozen with revision 1 (before the figures came from facts)
keep the bases their three changed rates were issued with (``V1_BASES``)."""
V1_BASES = {"direct_rate": ("received",), "sign_rate": ("dispatched",),
            "close_rate": ("received", "carried_over")}  # fmt: skip


def kpi_value(kpi: Kpi, counts: Counts, basically_counts: bool = True,
              formulas: int = FORMULAS) -> Value:  # fmt: skip
    """A KPI from the raw counts; None when a rate or mean has nothing to divide by."""
    top = _numerator(kpi, counts, basically_counts)
    if kpi.kind == KpiKind.COUNT:
        return top
    base = V1_BASES.get(kpi.key, kpi.denominator) if formulas < 2 else kpi.denominator
    bottom = denominator(base, counts)
    if bottom <= 0:
        return None
    return top / bottom


def denominator(keys: Iterable[str], counts: Counts) -> int:
    """The sum of the counts named, less those written ``-key``."""
    return sum(
        -int(counts.get(k[1:], 0)) if k.startswith("-") else int(counts.get(k, 0)) for k in keys
    )


def open_after(counts: Counts) -> int:
    """The cases a group has open at the period's end, from its flows: open at the start,
    received, reopened after ending and moved in, less moved out, closed and otherwise ended
    (the next period's ``carried_over``)."""
    return denominator(("carried_over", "received", "reentered", "moved_in", "-moved_out",
                        "-closed", "-ended"), counts)  # fmt: skip


def kpi_values(counts: Counts, basically_counts: bool = True,
               formulas: int = FORMULAS) -> dict[str, Value]:  # fmt: skip
    return {k.key: kpi_value(k, counts, basically_counts, formulas) for k in KPIS}


def add_counts(rows: Iterable[Counts]) -> dict[str, int]:
    """The counts of a total row: every count adds up across groups."""
    total = dict.fromkeys(COUNT_KEYS, 0)
    for row in rows:
        for key in COUNT_KEYS:
            total[key] += int(row.get(key, 0))
    return total


@dataclass(frozen=True)
class KpiNote:
    """A KPI's words as a report prints them: its definition and how the desk reads it."""

    key: str
    label: str
    definition: str
    reading: str


def definitions(basically_counts: bool) -> list[KpiNote]:
    """The note of every KPI, as the tooltips, the notes sheet and the PDF footnote show them
    (满意率's definition names the 基本满意 setting of the period)."""
    out = []
    for k in KPIS:
        text = k.definition
        if k.key == "satisfaction_rate":
            text += SATISFACTION_NOTE_BASIC if basically_counts else SATISFACTION_NOTE_STRICT
        out.append(KpiNote(k.key, k.label, text, k.reading))
    return out


def format_value(kpi: Kpi, value: Value) -> str:
    """The figure as a report prints it: ``1,234``, ``93.5%``, ``4.2``, ``—`` for none."""
    if value is None:
        return "—"
    if kpi.kind == KpiKind.RATE:
        return f"{value * 100:.1f}%"
    if kpi.kind == KpiKind.MEAN:
        return f"{value:.1f}"
    return f"{int(value):,}"


def change_text(kpi: Kpi, now: Value, before: Value) -> str:
    """How a figure moved since the previous period: ``增加 12 件``, ``上升 2.1 个百分点`` (a
    ``Msg``, so the GUI can show it in the UI language)."""
    if now is None or before is None:
        return Msg("无可比数据")
    diff = now - before
    if kpi.kind == KpiKind.RATE:
        points = f"{abs(diff * 100):.1f}"
        if abs(diff * 100) < 0.05:
            return Msg("持平")
        if diff > 0:
            return Msg("上升 {points} 个百分点", points=points)
        return Msg("下降 {points} 个百分点", points=points)
    if kpi.kind == KpiKind.MEAN:
        if abs(diff) < 0.05:
            return Msg("持平")
        days = f"{abs(diff):.1f}"
        return (
            Msg("延长 {days} 个工作日", days=days)
            if diff > 0
            else Msg("缩短 {days} 个工作日", days=days)
        )
    if diff == 0:
        return Msg("持平")
    n, pct = f"{abs(int(diff)):,}", f"({abs(diff) / before * 100:.1f}%)" if before else ""
    return (
        Msg("增加 {n} 件{pct}", n=n, pct=pct) if diff > 0 else Msg("减少 {n} 件{pct}", n=n, pct=pct)
    )


# --- red and black lists ----------------------------------------------------------------------

RANKED_KPIS = ("ontime_rate", "satisfaction_rate")
RED_LIST_SIZE = 3


@dataclass(frozen=True)
class Ranked:
    name: str
    value: float
    base: int  # the rate's denominator


@dataclass(frozen=True)
class Ranking:
    """One KPI's lists: the best sections at or above the floor, and every section below it."""

    kpi: str
    floor: float
    red: tuple[Ranked, ...]
    black: tuple[Ranked, ...]


def rank_sections(
    rows: Iterable[tuple[str, Counts]], kpi_key: str, floor: float,
    basically_counts: bool = True, size: int = RED_LIST_SIZE,
) -> Ranking:  # fmt: skip
    """红榜: the ``size`` best sections whose rate is at least ``floor``; 黑榜: every section
    below the floor, worst first. Ties go to the larger base; sections with nothing to rate
    are left out of both."""
    kpi = KPI_BY_KEY[kpi_key]
    rated: list[Ranked] = []
    for name, counts in rows:
        value = kpi_value(kpi, counts, basically_counts)
        if value is None:
            continue
        base = denominator(kpi.denominator, counts)
        rated.append(Ranked(name, float(value), base))
    best = sorted(rated, key=lambda r: (-r.value, -r.base, r.name))
    red = tuple(r for r in best if r.value >= floor)[:size]
    black = tuple(sorted((r for r in rated if r.value < floor),
                         key=lambda r: (r.value, -r.base, r.name)))  # fmt: skip
    return Ranking(kpi_key, floor, red, black)
