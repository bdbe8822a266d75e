"""The personal-data detector over free text: ``find_personal(text, known)`` lists every name,
address, phone, ID number, plate, e-mail and bank card in the text; ``scrub(text, known)`` is
the text with them replaced by readable marks. Pure rules on top of a segmenter.

How: the text is folded (full-width digits and brackets read as ASCII, indices unchanged) and
tagged once by jieba's part-of-speech tagger (``segmenter``); checked number patterns
(``numbers``), names (``names``) and house-level addresses (``addresses``) propose spans, the
case's own caller fields (``Known``) propose theirs in variant forms, and the strongest
proposal wins where two overlap (known fields, then checked numbers, then the rest; longer
before shorter). An organisation's 统一社会信用代码 is never replaced and nothing inside it
is.

Marks: 张某 / 某先生 / 某某 for names, 某路某号 / 某小区某栋 / 某村某组 for addresses,
电话已隐去, 证件号已隐去, 车牌已隐去, 邮箱已隐去, 银行卡号已隐去 — or just 已隐去 when the text
already announces the number (联系电话：已隐去, never 电话电话已隐去). A mark holds no bracket
and a span never holds an unmatched one, so "(0769-22345678)" becomes "(电话已隐去)".
"""

from __future__ import annotations

import re
from functools import lru_cache

from hotline_desk.domain.privacy import segmenter
from hotline_desk.domain.privacy.addresses import address_mark, find_addresses, known_addresses
from hotline_desk.domain.privacy.findings import Finding, Kind, Known, apply, caller_known
from hotline_desk.domain.privacy.names import find_names, known_names
from hotline_desk.domain.privacy.normal import fold
from hotline_desk.domain.privacy.numbers import digits_of, find_numbers, kept_codes

NOTHING_KNOWN = Known()

_MARKS = {
    Kind.PHONE: ("电话已隐去", r"(?:电话|手机|座机|固话|号码|手机号|联系方式|传真)[::是为\s(（]*$"),
    Kind.ID_NUMBER: (
        "证件号已隐去",
        r"(?:身份证|证件号|身份证号|身份证号码|证件号码)[::是为\s(（]*$",
    ),
    Kind.PLATE: ("车牌已隐去", r"(?:车牌|车牌号|车牌号码)[::是为\s(（]*$"),
    Kind.EMAIL: ("邮箱已隐去", r"(?:邮箱|邮件|电子邮件|E-?mail)[::是为\s(（]*$"),
    Kind.BANK_CARD: ("银行卡号已隐去", r"(?:卡号|银行卡|账号|帐号)[::是为\s(（]*$"),
}
_OPEN, _CLOSE = "([{（【［｛〔「『《〈“‘", ")]}）】］｝〕」』》〉”’"
_RUN_OF_DIGITS = re.compile(r"[+(]?\d[\d\s()+-]{5,}\d")


def _number_mark(kind: Kind, before: str) -> str:
    mark, announced = _MARKS[kind]
    return "已隐去" if re.search(announced, before) else mark


def _known_phones(folded: str, phones: tuple[str, ...]) -> list[tuple[int, int]]:
    runs = list(_RUN_OF_DIGITS.finditer(folded)) if phones else []
    if not runs:  # (most titles: no run of digits to compare the phones with)
        return []
    wanted = {digits_of(p) for p in phones if len(digits_of(p)) >= 7}
    wanted |= {d[-8:] for d in wanted if d.startswith("0") and len(d) > 9}  # without area code
    wanted |= {d[2:] for d in wanted if d.startswith("86") and len(d) == 13}
    out = []
    for m in runs:
        run = m.group().strip("() -")
        start = m.start() + m.group().index(run)
        digits = digits_of(run)
        if digits in wanted or digits.removeprefix("86") in wanted:
            out.append((start, start + len(run)))
    return out


def _balanced(piece: str) -> bool:
    stack: list[str] = []
    for ch in piece:
        if ch in _OPEN:
            stack.append(_CLOSE[_OPEN.index(ch)])
        elif ch in _CLOSE:
            if not stack or stack.pop() != ch:
                return False
    return not stack


def _bracket_safe(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span shrunk until it holds no unmatched bracket; None if nothing is left."""
    while start < end and not _balanced(text[start:end]):
        if text[start] in _OPEN + _CLOSE:
            start += 1
        elif text[end - 1] in _OPEN + _CLOSE:
            end -= 1
        else:
            return None
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


SHORT_TEXT = 200
"""Texts up to this long (titles) keep what they hold whoever called (``_text_findings``)."""
TEXT_CACHE = 4096


def _text_findings(text: str) -> tuple[str, tuple[tuple[int, int, Kind], ...],
                                       tuple[tuple[int, int, int], ...],
                                       tuple[tuple[int, int, str, int], ...],
                                       tuple[tuple[int, int], ...]]:  # fmt: skip
    """What ``text`` holds whatever the case's caller: its folded form, its checked numbers,
    addresses and names, and the codes kept — the segmenter's work, the same for every case
    of a title (a demo's million cases have a few hundred titles)."""
    folded = fold(text)
    tagged = segmenter.tag(folded)
    return (folded, tuple(find_numbers(folded)), tuple(find_addresses(folded, tagged)),
            tuple(find_names(folded, tagged)), tuple(kept_codes(folded)))  # fmt: skip


_short_findings = lru_cache(maxsize=TEXT_CACHE)(_text_findings)


def find_personal(text: str, known: Known = NOTHING_KNOWN) -> list[Finding]:
    """Every stretch of personal data in ``text``, in order, not overlapping."""
    if not text:
        return []
    short = len(text) <= SHORT_TEXT
    found = _short_findings(text) if short else _text_findings(text)
    own = _known_proposals(found[0], known)
    if not any(own) and short:  # the caller's fields are not in it: what it holds for anyone
        return list(_plain_findings(text))
    return _choose(text, found, own)


Proposal = tuple[int, int, int, Kind, str | None]
"""(priority, start, end, kind, mark or None to compute)"""


def _known_proposals(folded: str, known: Known) -> tuple[list[Proposal], list[Proposal]]:
    """The proposals of the caller's own fields: phones, then names and addresses (they are
    weighed in this order with the text's own, ``_choose``)."""
    phones = [
        (5, start, end, Kind.PHONE, None) for start, end in _known_phones(folded, known.phones)
    ]
    proposals: list[Proposal] = []
    for start, end, mark, priority in known_names(folded, known.names):
        proposals.append((priority + 1, start, end, Kind.NAME, mark))
    for start, end, priority in known_addresses(folded, known.addresses):
        proposals.append((priority + 1, start, end, Kind.ADDRESS, None))
    return phones, proposals


@lru_cache(maxsize=TEXT_CACHE)
def _plain_findings(text: str) -> tuple[Finding, ...]:
    """The findings of a short text whatever the caller (none of the caller's fields in it:
    the same for every case of a title)."""
    return tuple(_choose(text, _short_findings(text), ([], [])))


def _choose(text: str, found: tuple[str, tuple[tuple[int, int, Kind], ...],
                                    tuple[tuple[int, int, int], ...],
                                    tuple[tuple[int, int, str, int], ...],
                                    tuple[tuple[int, int], ...]],
            own: tuple[list[Proposal], list[Proposal]]) -> list[Finding]:  # fmt: skip
    """The findings kept from the text's own (``_text_findings``) and the caller's proposals
    (``own``): the strongest proposal wins where two overlap (known fields, then checked
    numbers, then the rest; longer before shorter; in this order where that ties)."""
    folded, numbers, addresses, names, kept_spans = found
    known_phones, known_rest = own
    proposals: list[Proposal] = list(known_phones)
    for start, end, kind in numbers:
        proposals.append((4, start, end, kind, None))
    proposals.extend(known_rest)
    for start, end, priority in addresses:
        proposals.append((priority, start, end, Kind.ADDRESS, None))
    for start, end, mark, priority in names:
        proposals.append((priority, start, end, Kind.NAME, mark))

    taken = bytearray(len(text))
    for start, end in kept_spans:
        taken[start:end] = b"\x01" * (end - start)
    chosen: list[tuple[int, int, Kind, str | None]] = []
    left_over: list[tuple[int, int]] = []
    for _, start, end, kind, mark in sorted(proposals, key=lambda p: (-p[0], p[1] - p[2])):
        span = _bracket_safe(text, start, end)
        if span is None:
            continue
        start, end = span
        if any(taken[start:end]):
            if kind is Kind.ADDRESS:
                left_over.append((start, end))
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append((start, end, kind, mark))
    for start, end in left_over:  # a known 碧桂园21座 grows into the 碧桂园21座2605 seen
        hits = [c for c in chosen if c[0] < end and start < c[1]]
        if len(hits) == 1 and hits[0][2] is Kind.ADDRESS and start >= hits[0][0]:
            lo, hi = min(start, hits[0][0]), max(end, hits[0][1])
            if sum(taken[lo:hi]) == hits[0][1] - hits[0][0]:
                chosen.remove(hits[0])
                chosen.append((lo, hi, Kind.ADDRESS, None))
                taken[lo:hi] = b"\x01" * (hi - lo)
    kept: list[Finding] = []
    for start, end, kind, mark in sorted(chosen):
        if mark is None:
            if kind is Kind.ADDRESS:
                mark = address_mark(folded[start:end])
            else:
                mark = _number_mark(kind, folded[max(0, start - 8) : start])
        kept.append(Finding(start, end, kind, text[start:end], mark))
    return kept


def scrub(text: str, known: Known = NOTHING_KNOWN) -> str:
    """``text`` with every finding replaced by its readable mark."""
    return apply(text, find_personal(text, known))


def masked_title(title: str | None, name: str | None, phone: str | None,
                 address: str | None) -> str:  # fmt: skip
    """A case's title as shown to whoever may not see personal data (the lists, the masked
    exports): scrubbed with the case's own caller fields. Stored beside the case
    (``case_search.masked_title``) at every write of these fields."""
    return scrub(title or "", caller_known(name, phone, address))


def warm_up() -> None:
    """Load the segmenter's dictionary ahead of the first letter (about half a second)."""
    segmenter.warm_up()
