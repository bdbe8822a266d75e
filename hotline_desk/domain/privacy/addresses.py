"""Addresses for the personal-data detector, down to house, building, unit and room.

What is replaced and what stays: the administrative levels a place shares with thousands of
people — 省, 市, 区/县, 镇/街道, and the name of a 村 or 社区 on its own — stay; everything
that leads to one household goes: the road with its house number (宏图路93号 → 某路某号),
an estate with its building, unit, floor and room (碧桂园3栋2单元501室 → 某小区某栋), a
village group and house number (石新村八组23号 → 某村某组), a bare room (501室 → 某室). A road
or estate without a number stays (a public place). The mark names at most the first two parts
so the sentence still reads.

The case's own caller address is also found in its variant forms: without its 省/市/区/镇
levels, with Chinese or Arabic numerals (八组 = 8组, 三栋 = 3栋), 楼 or 层, with or without the
floor, room or house number at its end. Pure rules.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from hotline_desk.domain.privacy.normal import NUMBER_CHARS, cn_number

N = f"[{NUMBER_CHARS}]{{1,5}}"
_ROAD = "大道|大街|大马路|路|街|巷|弄|胡同"
_ESTATE = "小区|花园|新村|公寓|大厦|家园|山庄|广场|宿舍|雅苑|名苑|华庭|新城|苑|园|府|庭|湾|城|居|阁"
_BLD = (
    f"(?:{N}|(?<![A-Za-z])[A-Z][0-9]{{0,2}})(?:号楼(?![下上里前后道梯边])|栋|幢|座)"
    "(?!楼|厂房|房子|宿舍|建筑|别墅|楼房)"
)
"""A building: 3栋, 三幢, 8号楼, A座, B2栋 — not a count of them (12栋楼, 5栋厂房)."""
_UNIT = f"{N}单元"
_FLOOR = f"{N}(?:楼|层)"
_ROOM = f"{N}(?:室|房|号房|号(?!楼))"
_BARE_ROOM = "(?:(?<=单元)|(?<=[栋幢座楼层]))\\d{3,4}(?![\\d号])"
"""A room number without 室 right after a building, unit or floor (3栋2单元501)."""
_TAIL = f"(?:{_BLD})?(?:{_UNIT})?(?:{_FLOOR})?(?:{_ROOM}|{_BARE_ROOM})?"
ROAD_HOUSE = re.compile(f"({_ROAD})({N}号(?:[-之]{N})?{_TAIL})")
ESTATE_BLD = re.compile(
    f"({_ESTATE}|社区|村)?((?:{_BLD}|{N}号(?={_BLD}))(?:{_UNIT})?(?:{_FLOOR})?(?:{_ROOM}|{_BARE_ROOM})?)"
)
UNIT_ONLY = re.compile(f"{_UNIT}(?:{_FLOOR})?(?:{_ROOM}|\\d{{3,4}}(?![\\d号]))?")
GROUP = re.compile(
    f"(村|社区)?(?<![第{NUMBER_CHARS}])({N}(?:组|队|村民小组)(?:{N}号)?(?:{_FLOOR})?)"
)
VILLAGE_HOUSE = re.compile(f"(村)({N}号(?:{_FLOOR})?)")
ROOM = re.compile(f"(?<![\\d{NUMBER_CHARS}])[0-9]{{3,4}}(?:室|房|号房)")
_ADMIN_END = ("省", "市", "区", "县", "镇", "乡", "街道", "开发区", "管委会")
_NOT_ADMIN = frozenset("城市 小区 社区 园区 都市 超市 门市 夜市".split())
_STOP_WORDS = frozenset(
    "老家 家住 住在 位于 附近 楼下 楼上 对面 隔壁 门口 旁边 前面 后面 里面 一带 地址 住址 "
    "现住 居住 租住 业主 市民 村民 居民 反映 投诉 关于 我家 我们 他家 她家 整改 核实 现场 "
    "查看 位置".split()
)
_STOP_CHARS = set("在住于的是到从近至我你他她省市区县镇乡道、，。：；")
_STOP_FLAGS = ("v", "p", "u", "r", "c", "d", "x", "y", "e", "o", "q", "t", "z", "uj", "ul")
_NAME_MAX = 7
_BID = f"(?:{N}|[A-Z][0-9]{{0,2}})"
_MARK_PARTS = re.compile(
    f"(?P<road>{_ROAD})(?={N}号)"
    f"|(?P<estate>{_ESTATE})(?={_BID}(?:号楼|栋|幢|座|单元|号|楼|层|室|房))"
    f"|(?P<community>社区)(?={N})|(?P<village>村)(?={N})"
    f"|(?P<bld>{_BID}(?:号楼|栋|幢|座))|(?P<unit>{N}单元)"
    f"|(?P<group>{N}(?:组|队|村民小组))|(?P<house>{N}号(?!楼|房))|(?P<floor>{N}(?:楼|层))"
    f"|(?P<room>{N}(?:室|房|号房)|\\d{{3,4}}$)"
)
_MARK_WORDS = {
    "estate": "某小区", "community": "某社区", "village": "某村", "bld": "某栋", "unit": "某单元",
    "group": "某组", "house": "某号", "floor": "某楼", "room": "某室",
}  # fmt: skip


def address_mark(found: str) -> str:
    """A readable mark naming at most the first two parts of ``found`` (某路某号, 某小区某栋)."""
    marks = []
    for m in _MARK_PARTS.finditer(found):
        part = m.lastgroup or ""
        marks.append("某" + m.group() if part == "road" else _MARK_WORDS[part])
    return "".join(marks[:2]) or "某地"


def _before(anchor: int, tagged: list[tuple[int, str, str]]) -> Iterator[tuple[int, str, str]]:
    """The words starting before ``anchor``, nearest first (a bisection, not a scan: a long
    text with many addresses stays linear)."""
    i = bisect.bisect_left(tagged, (anchor, "", ""))
    for k in range(i - 1, max(-1, i - 1 - 2 * _NAME_MAX), -1):
        yield tagged[k]


def _name_start(anchor: int, tagged: list[tuple[int, str, str]], folded: str) -> int:
    """Where the name before ``anchor`` (a road, estate or village suffix) begins: back over
    noun-like words, stopping at verbs, particles, punctuation and administrative levels."""
    start = anchor
    for at, word, flag in _before(anchor, tagged):
        end = at + len(word)
        if end > anchor:  # the word holding the suffix (中路, 小区): its head belongs to the name
            start = at
            continue
        if flag.startswith("m") and start == anchor and end == anchor and len(word) <= 2:
            start = at  # 运河东1路: a number inside the road's name
            continue
        if flag != "un" and (
            flag in _STOP_FLAGS or flag.startswith(("v", "u", "p", "r", "c", "d", "m"))
        ):
            break
        if word.endswith(_ADMIN_END) and word not in _NOT_ADMIN or word in _STOP_WORDS:
            break
        if not all("\u4e00" <= ch <= "\u9fff" for ch in word):
            break
        if anchor - at > _NAME_MAX:
            break
        start = at
    while (
        anchor - start < 2
        and start > 0
        and folded[start - 1] not in _STOP_CHARS
        and ("\u4e00" <= folded[start - 1] <= "\u9fff")
    ):
        start -= 1  # a name of one character is a cut name (元|美巷, 上|角村)
    name = folded[start:anchor]
    cuts = [
        i + len(a)
        for a in _ADMIN_END
        if not any(w in name for w in _NOT_ADMIN if a in w)
        for i in range(len(name))
        if name.startswith(a, i) and len(name) - i - len(a) >= 2  # 余杭区|市心路, not 市|心路
    ]
    return start + max(cuts, default=0)


def _estate_start(anchor: int, tagged: list[tuple[int, str, str]]) -> int:
    """Where an estate's name without a suffix begins: back over at most two nouns."""
    start, taken = anchor, 0
    for at, word, flag in _before(anchor, tagged):
        if at + len(word) > anchor:
            continue
        if at + len(word) != start or taken == 2 or not flag.startswith(("n", "l", "j")):
            break
        if word.endswith(_ADMIN_END) or flag in ("nr", "nrfg") and len(word) <= 3:
            break
        start, taken = at, taken + 1
    return start


def find_addresses(
    folded: str, tagged: list[tuple[int, str, str]]
) -> Iterator[tuple[int, int, int]]:
    """(start, end, priority) of every house-level address in the folded text."""
    for pattern in (ROAD_HOUSE, ESTATE_BLD, GROUP, VILLAGE_HOUSE):
        for m in pattern.finditer(folded):
            if m.group(1):
                yield _name_start(m.start(1), tagged, folded), m.end(), 2
            elif (
                pattern is GROUP
                and cn_number(re.sub("组|队|村民小组.*|号.*", "", m.group(2))) is None
            ):
                continue
            elif pattern is ESTATE_BLD:  # 星河传说十九号楼: an estate named without 小区/花园
                start = _estate_start(m.start(2), tagged)
                if start < m.start(2) or re.search("单元|室|房|\\d{3}", m.group(2)):
                    yield start, m.end(), 1
                # a bare 7栋 with no estate and no room counts buildings more often than not
            else:
                yield m.start(2), m.end(), 1
    for pattern in (UNIT_ONLY, ROOM):
        for m in pattern.finditer(folded):
            yield m.start(), m.end(), 1


def _number_forms(value: int) -> list[str]:
    digits = "零一二三四五六七八九"
    forms = {str(value)}
    forms.add("".join(digits[int(d)] for d in str(value)))
    forms.add("".join("〇一二三四五六七八九"[int(d)] for d in str(value)))
    if value < 100:
        tens, ones = divmod(value, 10)
        word = ("" if tens == 1 else digits[tens]) + "十" if tens else ""
        forms.add(word + (digits[ones] if ones or not tens else ""))
        if tens == 1:
            forms.add("一十" + (digits[ones] if ones else ""))
    elif value < 1000:
        h, rest = divmod(value, 100)
        t, o = divmod(rest, 10)
        word = digits[h] + "百"
        if t:
            word += digits[t] + "十"
        elif o:
            word += "零"
        forms.add(word + (digits[o] if o else ""))
    if value == 2:
        forms.add("两")
    return sorted(forms, key=len, reverse=True)


_SEGMENT = re.compile(f"([^{NUMBER_CHARS}]*?)({N})(号楼|村民小组|单元|[组队栋幢座号室房楼层])")
_NUMERAL = re.compile(f"[{NUMBER_CHARS}]")
_UNITS_ALIKE = {"楼": "楼|层", "层": "楼|层", "室": "室|房|号房|", "房": "室|房|号房|",
                "栋": "栋|幢|座|号楼", "幢": "栋|幢|座|号楼", "号楼": "栋|幢|座|号楼"}  # fmt: skip


@dataclass(frozen=True)
class _Shape:
    """A registered address's house-level part: its regex parts (the first ``first`` of them
    required) and the literal texts any match must contain (checked before compiling)."""

    parts: tuple[str, ...]
    first: int
    needles: tuple[str, ...]


@lru_cache(maxsize=4096)
def _shape(address: str) -> _Shape | None:
    rest = address.strip()
    while True:  # drop the administrative levels: they stay in the text
        m = re.match(r"^[\u4e00-\u9fff]{1,6}?(?:省|自治区|市|区|县|镇|乡|街道)", rest)
        if not m or m.end() == len(rest) or re.search(f"[{NUMBER_CHARS}]", m.group()):
            break
        if m.group().endswith(("小区", "社区", "园区", "景区", *_NOT_ADMIN)):
            break
        rest = rest[m.end() :]
    segments = list(_SEGMENT.finditer(rest))
    if not segments or segments[0].start() != 0:
        return None
    parts = []
    for seg in segments:
        value = cn_number(seg.group(2))
        if value is None:
            return None
        number = "|".join(re.escape(f) for f in _number_forms(value))
        unit = _UNITS_ALIKE.get(seg.group(3), re.escape(seg.group(3)))
        parts.append(f"{re.escape(seg.group(1))}(?:{number})(?:{unit})")
    first = 1
    if len(parts) > 1 and not re.search("[\u4e00-\u9fff]", segments[0].group(1)):
        first = 2  # a bare 3栋 is too little to be this caller's: it needs the next part too
    needles = tuple(seg.group(1) for seg in segments[:first] if seg.group(1))
    return _Shape(tuple(parts), first, needles)


@lru_cache(maxsize=1024)
def known_address_pattern(address: str) -> re.Pattern[str] | None:
    """A pattern finding the house-level part of a registered address in its variant forms;
    None if the address has no house-level part."""
    shape = _shape(address)
    if shape is None:
        return None
    parts, first = shape.parts, shape.first
    tail = ""
    for part in reversed(parts[first:]):
        tail = f"(?:{part}{tail})?"
    floor = f"(?:(?:{N})(?:楼|层))?(?:(?<=[栋幢座楼层元])\\d{{3,4}}(?![\\d号]))?"
    return re.compile(f"(?<![{NUMBER_CHARS}])" + "".join(parts[:first]) + tail + floor)


def known_addresses(folded: str, addresses: tuple[str, ...]) -> Iterator[tuple[int, int, int]]:
    """(start, end, priority) of the caller's own address, exact or in a variant form."""
    if not addresses or _NUMERAL.search(folded) is None:
        return  # every house-level part holds a number (each caller's shape costs 20 µs)
    for address in {a.strip() for a in addresses if len(a.strip()) >= 2}:
        shape = _shape(address)
        if shape is None or any(needle not in folded for needle in shape.needles):
            continue  # (each caller's pattern is new: compiling it costs 100 times the look)
        pattern = known_address_pattern(address)
        if pattern is not None:
            for m in pattern.finditer(folded):
                yield m.start(), m.end(), 4
