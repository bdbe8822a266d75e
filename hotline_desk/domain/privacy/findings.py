"""What the personal-data detector reports: one ``Finding`` per stretch of text (its kind, span
and the readable mark that replaces it), what the case already knows about its caller
(``Known``), and ``apply`` that writes the replacements into the text. Pure rules."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """Kinds of personal data, with the Chinese word the review and the reports show."""

    NAME = "name"
    ADDRESS = "address"
    PHONE = "phone"
    ID_NUMBER = "id_number"
    PLATE = "plate"
    EMAIL = "email"
    BANK_CARD = "bank_card"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Kind.NAME: "姓名",
    Kind.ADDRESS: "地址",
    Kind.PHONE: "电话",
    Kind.ID_NUMBER: "证件号码",
    Kind.PLATE: "车牌",
    Kind.EMAIL: "电子邮箱",
    Kind.BANK_CARD: "银行卡号",
}


@dataclass(frozen=True)
class Finding:
    """``text[start:end]`` is personal data of ``kind``; ``mark`` replaces it (张某, 某路某号,
    电话已隐去 — readable in the sentence, never a bracket of its own)."""

    start: int
    end: int
    kind: Kind
    found: str
    mark: str


@dataclass(frozen=True)
class Known:
    """The case's own caller fields, looked for in their variant forms too."""

    names: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()


def apply(text: str, findings: list[Finding]) -> str:
    """``text`` with every finding replaced by its mark (findings must not overlap)."""
    out: list[str] = []
    at = 0
    for f in sorted(findings, key=lambda f: f.start):
        if f.start < at:
            continue
        out.append(text[at : f.start])
        out.append(f.mark)
        at = f.end
    out.append(text[at:])
    return "".join(out)


def caller_known(name: str | None, phone: str | None, address: str | None,
                 also_names: tuple[str | None, ...] = ()) -> Known:  # fmt: skip
    """What a case's own caller fields tell the detector (blank fields tell nothing)."""
    return Known(
        names=tuple(n for n in (name, *also_names) if n),
        phones=(phone,) if phone else (),
        addresses=(address,) if address else (),
    )
