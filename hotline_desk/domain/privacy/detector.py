"""The personal-data detector over free text: ``find_personal(text, known)`` lists every name,
address, phone, ID number, plate, e-mail and bank card in the text; ``scrub(text, known)`` is
the text with them replaced. Pure rules.

FIRST CUT (interface only): the patterns of ``domain.redact`` and exact copies of the known
caller fields. Replaced by the segmenter-based detector of issue 15.
"""

from __future__ import annotations

from hotline_desk.domain import redact
from hotline_desk.domain.privacy.findings import Finding, Kind, Known, apply

NOTHING_KNOWN = Known()


def find_personal(text: str, known: Known = NOTHING_KNOWN) -> list[Finding]:
    """Every stretch of personal data in ``text``, in order, not overlapping."""
    spans: list[Finding] = []
    for kind, mark, values in (
        (Kind.ADDRESS, "某地", known.addresses),
        (Kind.NAME, "某某", known.names),
    ):
        for value in sorted({v.strip() for v in values if len(v.strip()) >= 2}, key=len,
                            reverse=True):  # fmt: skip
            start = text.find(value)
            while start >= 0:
                spans.append(Finding(start, start + len(value), kind, value, mark))
                start = text.find(value, start + len(value))
    for kind, mark, pattern in (
        (Kind.ID_NUMBER, "证件号已隐去", redact.ID_NUMBER),
        (Kind.PHONE, "电话已隐去", redact.MOBILE),
        (Kind.PHONE, "电话已隐去", redact.LANDLINE),
    ):
        for m in pattern.finditer(text):
            spans.append(Finding(m.start(), m.end(), kind, m.group(), mark))
    spans.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[Finding] = []
    for f in spans:
        if not kept or f.start >= kept[-1].end:
            kept.append(f)
    return kept


def scrub(text: str, known: Known = NOTHING_KNOWN) -> str:
    """``text`` with every finding replaced by its readable mark."""
    return apply(text, find_personal(text, known))
