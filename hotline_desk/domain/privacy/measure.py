"""Measuring a personal-data detector on a labelled set (issue 15): recall and precision by
group (names, addresses, numbers), and the exact-match baseline the detector replaces — the
spans ``domain.privacy.redact.scrub_text`` removes (exact copies of the caller's name and
address, the name's surname + 先生/女士/同志/老师, ID numbers, mobiles, landlines, announced
local numbers).

Counting: a labelled span is *found* when every character of it is covered by some finding
(whatever kind the finding says — what matters is that it does not leak). A finding is
*right* when at least half of its characters are labelled personal. Recall is counted by the
label's group, precision by the finding's group. Pure rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from hotline_desk.domain.privacy import redact
from hotline_desk.domain.privacy.findings import Finding, Kind, Known

GROUPS = ("name", "address", "number")
GROUP_OF = {Kind.NAME: "name", Kind.ADDRESS: "address"}
Finder = Callable[[str, Known], list[Finding]]


def group_of(kind: Kind) -> str:
    return GROUP_OF.get(kind, "number")


@dataclass
class Tally:
    """Counts of one group."""

    labelled: int = 0
    found: int = 0
    findings: int = 0
    right: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.labelled if self.labelled else 1.0

    @property
    def precision(self) -> float:
        return self.right / self.findings if self.findings else 1.0


def known_of(item: dict) -> Known:
    k = item.get("known") or {}
    return Known(
        tuple(k.get("names", ())), tuple(k.get("phones", ())), tuple(k.get("addresses", ()))
    )


def score(items: Iterable[dict], finder: Finder) -> dict[str, Tally]:
    """Tallies by group of ``finder`` over labelled items ({text, spans, known})."""
    tallies = {g: Tally() for g in GROUPS}
    for item in items:
        text = item["text"]
        findings = finder(text, known_of(item))
        covered = bytearray(len(text))
        for f in findings:
            covered[f.start : f.end] = b"\x01" * (f.end - f.start)
        personal = bytearray(len(text))
        for start, end, group in item["spans"]:
            personal[start:end] = b"\x01" * (end - start)
            t = tallies[group]
            t.labelled += 1
            if all(covered[i] or text[i].isspace() for i in range(start, end)):
                t.found += 1
            else:
                t.missed.append(f"{item['id']}: {text[start:end]}")
        for f in findings:
            t = tallies[group_of(f.kind)]
            t.findings += 1
            if sum(personal[f.start : f.end]) * 2 >= f.end - f.start:
                t.right += 1
            else:
                t.wrong.append(f"{item['id']}: {f.found}")
    return tallies


def baseline_findings(text: str, known: Known = Known()) -> list[Finding]:  # noqa: B008
    """What today's exact-match scrubbing removes, as findings (its order of replacement)."""
    spans: list[Finding] = []
    taken = bytearray(len(text))

    def add(start: int, end: int, kind: Kind) -> None:
        if not any(taken[start:end]):
            taken[start:end] = b"\x01" * (end - start)
            spans.append(Finding(start, end, kind, text[start:end], "某某"))

    for address in sorted({a.strip() for a in known.addresses if len(a.strip()) >= 2}, key=len,
                          reverse=True):  # fmt: skip
        for m in re.finditer(re.escape(address), text):
            add(m.start(), m.end(), Kind.ADDRESS)
    for name in sorted({n.strip() for n in known.names if n.strip()}, key=len, reverse=True):
        for m in re.finditer(re.escape(name), text):
            add(m.start(), m.end(), Kind.NAME)
        if len(name) >= 2:
            for m in re.finditer(re.escape(name[0]) + "(先生|女士|同志|老师)", text):
                add(m.start(), m.end(), Kind.NAME)
    for pattern, kind in ((redact.ID_NUMBER, Kind.ID_NUMBER), (redact.MOBILE, Kind.PHONE),
                          (redact.LANDLINE, Kind.PHONE)):  # fmt: skip
        for m in pattern.finditer(text):
            add(m.start(), m.end(), kind)
    for m in redact.LOCAL_AFTER_WORD.finditer(text):
        digits = re.search(r"\d{7,8}$", m.group())
        add(m.start() + (digits.start() if digits else 0), m.end(), Kind.PHONE)
    spans.sort(key=lambda f: f.start)
    return spans
