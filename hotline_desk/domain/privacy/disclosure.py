"""The pre-publication review of the 政务公开 list (issue 15), as pure rules: what a reviewer may
decide about one letter (keep a found text as written, hide a stretch the detector missed,
confirm the letter), and what a text looks like once the detector's findings and those decisions
are put together (``review_text``) and published (``published``).

Decisions are about text, not positions: keeping ``人民路`` keeps every replacement of that text
in the letter, hiding ``老王家`` masks it wherever it stands in the letter's title, content and
reply. So a decision still means the same after the detector changes its spans.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from hotline_desk.domain.privacy.findings import Finding, Kind


class ReviewAction(StrEnum):
    """What a reviewer decided about one letter."""

    KEEP = "keep"
    """保留原文: a text the detector found stays as written (an official's name, a street)."""
    HIDE = "hide"
    """隐去所选文字: a text the detector missed is masked with the mark of its kind."""
    CHECK = "check"
    """确认无误: the reviewer read the letter and its replacements are right."""

    @property
    def label(self) -> str:
        return {"keep": "保留原文", "hide": "隐去文字", "check": "确认无误"}[self.value]


HIDE_MARKS: dict[Kind, str] = {
    Kind.NAME: "某某",
    Kind.ADDRESS: "某地",
    Kind.PHONE: "电话已隐去",
    Kind.ID_NUMBER: "证件号已隐去",
    Kind.PLATE: "车牌已隐去",
    Kind.EMAIL: "邮箱已隐去",
    Kind.BANK_CARD: "银行卡号已隐去",
}
"""The mark a reviewer's own replacement gets, by kind (readable in the sentence, no brackets)."""
HIDE_MAX = 200
"""Longest stretch a reviewer may hide at once (a longer one is a paragraph, not a name)."""


@dataclass(frozen=True)
class Span:
    """One replacement in a reviewed text: ``found`` at ``[start, end)`` becomes ``mark``, unless
    the reviewer kept it (``kept``). ``added`` is true for a reviewer's own replacement."""

    start: int
    end: int
    kind: Kind
    found: str
    mark: str
    added: bool = False
    kept: bool = False


@dataclass(frozen=True)
class Choice:
    """One active decision as the rules need it (the store keeps who and when)."""

    action: ReviewAction
    text: str = ""
    kind: Kind | None = None


def review_text(text: str, findings: Iterable[Finding], choices: Sequence[Choice]) -> list[Span]:
    """The replacements of ``text``: the reviewer's hidden texts wherever they occur (longest
    first, never overlapping each other), then the detector's findings that do not overlap
    them, each marked ``kept`` when its text is kept. In order of position."""
    kept = {c.text for c in choices if c.action == ReviewAction.KEEP}
    added: list[Span] = []
    hides = sorted({(c.text, c.kind) for c in choices if c.action == ReviewAction.HIDE and c.text
                    and c.kind is not None}, key=lambda h: -len(h[0]))  # fmt: skip
    for value, kind in hides:
        assert kind is not None
        at = text.find(value)
        while at >= 0:
            end = at + len(value)
            if not any(s.start < end and at < s.end for s in added):
                added.append(Span(at, end, kind, value, HIDE_MARKS[kind], added=True))
            at = text.find(value, at + 1)
    spans = list(added)
    for f in findings:
        if any(s.start < f.end and f.start < s.end for s in added):
            continue
        spans.append(Span(f.start, f.end, f.kind, f.found, f.mark, kept=f.found in kept))
    return sorted(spans, key=lambda s: s.start)


def published(text: str, spans: Iterable[Span]) -> str:
    """``text`` as the list publishes it: every replacement not kept written as its mark."""
    out: list[str] = []
    at = 0
    for s in sorted(spans, key=lambda s: s.start):
        if s.kept or s.start < at:
            continue
        out.append(text[at : s.start])
        out.append(s.mark)
        at = s.end
    out.append(text[at:])
    return "".join(out)


def hide_problem(texts: Iterable[str], value: str) -> str | None:
    """Why ``value`` cannot be hidden in a letter of ``texts`` (None when it can)."""
    if not value.strip():
        return "请先选择要隐去的文字"
    if len(value) > HIDE_MAX:
        return f"一次最多隐去 {HIDE_MAX} 个字"
    if not any(value in t for t in texts):
        return "所选文字不在该来信的公开内容中"
    return None
