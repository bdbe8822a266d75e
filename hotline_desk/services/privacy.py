"""What a user sees of a case's personal data (issue 15; DESIGN.md §10) — the one function every
case read goes through: ``shield(actor, ...)`` gives a ``Shield`` built from the case's own caller
fields that

- shows the caller's name, phone and address masked (张*明, 139****5678) for every role, and not at
  all — ``(保密)`` — to a user without the right when the caller asked for confidentiality;
- for a user who may not see personal data (``may_see_personal``: everyone but intake and the
  desk), passes every free text — title, content, opinions, notes, replies, timeline texts, filled
  templates, slips — through the personal-data detector (``domain.privacy.detector.scrub``) with
  the caller's fields as ``Known``, and leaves it untouched for the others (no detector run).

``Shield.dto`` rewrites a whole DTO tree (dataclasses, tuples, the timeline's ``Msg`` summaries
and change lists): the text fields by name (``TEXT_FIELDS``), never codes, numbers or statuses.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any, TypeVar

from hotline_desk.domain.errors import Msg
from hotline_desk.domain.privacy.findings import Known, caller_known
from hotline_desk.domain.privacy.masking import mask_address, mask_name, mask_phone, masked_caller
from hotline_desk.domain.validation import FIELD_LABELS
from hotline_desk.services.cases.visibility import may_see_personal
from hotline_desk.services.dto import Actor

CONFIDENTIAL_MARK = "（保密）"
"""What stands for the caller of a 请求保密 case, wherever a user without the right looks."""

TEXT_FIELDS = frozenset({
    "title", "content", "opinion", "reason", "basis", "decision_note", "text", "comment",
    "office_opinion", "reject_reason", "reply_text", "response", "close_note", "words", "note",
    "close_reason", "summary", "result",
})  # fmt: skip
"""Dataclass fields holding free text a person wrote (scrubbed for users without the right)."""

FREE_PARAMS = frozenset({
    "text", "note", "reason", "comment", "words", "basis", "opinion", "title", "content", "why",
    "response",
})  # fmt: skip
"""Parameters of the timeline's messages (``Msg``) that carry what a person wrote."""
_JOINED = re.compile(r"m\d+")  # the parts of ``errors.joined``

CALLER_FIELDS = ("caller_name", "caller_phone", "caller_address")
_CALLER_LABELS = frozenset(FIELD_LABELS[f] for f in CALLER_FIELDS)
_MASKS: dict[str, Callable[[str], str]] = {
    "caller_name": mask_name, "caller_phone": mask_phone, "caller_address": mask_address,
}  # fmt: skip
_FREE_TEXT_LABELS = frozenset(FIELD_LABELS.get(f, f) for f in ("title", "content", "platform_ref"))

T = TypeVar("T")


@dataclass(frozen=True)
class Shield:
    """One case's caller as one user may see it. ``scrubbing``: free text goes through the
    detector; ``hidden``: the caller is confidential to this user (never shown, not even
    masked)."""

    known: Known
    scrubbing: bool
    hidden: bool

    # --- the caller's own fields ---------------------------------------------------------------

    def caller(self, field: str, value: str | None) -> str:
        """``caller_name``/``caller_phone``/``caller_address`` as a list or detail shows it."""
        if not value:
            return ""
        if self.hidden:
            return CONFIDENTIAL_MARK
        return _MASKS[field](value)

    def name(self, value: str | None) -> str:
        return self.caller("caller_name", value)

    def phone(self, value: str | None) -> str:
        return self.caller("caller_phone", value)

    def address(self, value: str | None) -> str:
        return self.caller("caller_address", value)

    # --- free text ------------------------------------------------------------------------------

    def text(self, value: str) -> str:
        """``value`` as this user may read it (unchanged for those who may see personal data)."""
        if not self.scrubbing or not value:
            return value
        return scrub_short(value, self.known)

    def msg(self, value: str) -> str:
        """A timeline summary: a ``Msg`` keeps its template (the GUI translates it) with its
        free-text parameters scrubbed (``FREE_PARAMS``: not the names of units and staff, nor
        dates and counts); plain text is scrubbed."""
        if not self.scrubbing or not value:
            return value
        if isinstance(value, Msg):
            return Msg(value.template, **{k: self._param(k, v) for k, v in value.params.items()})
        return self.text(value)

    def _param(self, key: str, value: Any) -> Any:
        if isinstance(value, Msg):
            return self.msg(value)
        if isinstance(value, tuple | list):
            return tuple(self._param(key, v) for v in value)
        if isinstance(value, Enum) or not isinstance(value, str):
            return value
        if key in FREE_PARAMS or _JOINED.fullmatch(key):
            return self.text(value)
        return value

    def changes(self, changes: dict[str, list[str]]) -> dict[str, list[str]]:
        """A timeline event's field changes: the caller's fields masked for everyone (``***``
        for users without the right), free-text fields scrubbed."""
        out: dict[str, list[str]] = {}
        for label, values in changes.items():
            if label in _CALLER_LABELS:
                field = next(f for f in CALLER_FIELDS if FIELD_LABELS[f] == label)
                out[label] = [
                    "***" if self.scrubbing else (_MASKS[field](v) if v else v) for v in values
                ]
            elif self.scrubbing and (label in _FREE_TEXT_LABELS or label not in _PLAIN_LABELS):
                out[label] = [self.text(v) if isinstance(v, str) else v for v in values]
            else:
                out[label] = values
        return out

    def dto(self, obj: T) -> T:
        """``obj`` (a frozen dataclass, or a tuple of them) with every free-text field
        (``TEXT_FIELDS``, at any depth) as this user may read it."""
        if not self.scrubbing:
            return obj
        return self._walk(obj)  # type: ignore[no-any-return]

    def _walk(self, obj: Any) -> Any:
        if isinstance(obj, tuple):
            return tuple(self._walk(x) for x in obj)
        if not dataclasses.is_dataclass(obj) or isinstance(obj, type):
            return obj
        changed: dict[str, Any] = {}
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if isinstance(value, str) and f.name in TEXT_FIELDS:
                new = self.msg(value) if isinstance(value, Msg) else self.text(value)
            elif isinstance(value, tuple) or dataclasses.is_dataclass(value):
                new = self._walk(value)
            else:
                continue
            if new is not value:
                changed[f.name] = new
        return dataclasses.replace(obj, **changed) if changed else obj


# Field-change labels whose values are codes or dates, never free text.
_PLAIN_LABELS = frozenset(
    FIELD_LABELS.get(f, f)
    for f in ("channel", "received_at", "category", "topic_id", "urgency", "important",
              "anonymous", "confidential", "publish_consent")
) | {"重要件"}  # fmt: skip


def shield(
    actor: Actor,
    *,
    name: str | None = "",
    phone: str | None = "",
    address: str | None = "",
    confidential: bool = False,
    also_names: tuple[str | None, ...] = (),
) -> Shield:
    """The shield for one case's text as ``actor`` sees it, built from the case's caller
    fields (``also_names``: other names the case knows, e.g. the person replied to)."""
    scrubbing = not may_see_personal(actor)
    known = caller_known(name, phone, address, also_names)
    return Shield(known, scrubbing, hidden=confidential and scrubbing)


def shield_case(actor: Actor, case: Any) -> Shield:
    """``shield`` for a ``Case`` row (or anything with its caller attributes)."""
    return shield(
        actor, name=case.caller_name, phone=case.caller_phone, address=case.caller_address,
        confidential=bool(case.confidential), also_names=(getattr(case, "reply_to", None),),
    )  # fmt: skip


def list_caller(name: str | None, phone: str | None, confidential: bool) -> tuple[str, str]:
    """(name, phone) as a list shows them to every role: masked, ``(保密)`` when confidential."""
    if confidential:
        return (CONFIDENTIAL_MARK if name else "", CONFIDENTIAL_MARK if phone else "")
    return masked_caller(name, phone)


def shield_paper(case: Any, reveal: bool) -> Shield:
    """The shield for a printed document of ``case``: masked (free text scrubbed) unless the
    printing user may see personal data and asked to reveal it — slips and notices go to the
    sections — and a confidential caller never shown, whoever prints."""
    known = caller_known(case.caller_name, case.caller_phone, case.caller_address,
                                  (getattr(case, "reply_to", None),))  # fmt: skip
    confidential = bool(case.confidential)
    return Shield(known, scrubbing=confidential or not reveal, hidden=confidential)


def warm_up() -> None:
    """Load the detector's segmenter (about a second, once per process) before the first text
    is scrubbed: the desk calls this off the GUI thread after its window shows."""
    from hotline_desk.domain.privacy import detector

    detector.warm_up()


SHORT_TEXT = 200
"""Texts up to this long (titles, snippets' windows) are scrubbed once per process."""


def scrub(text: str, known: Known) -> str:
    """The detector's ``scrub``; the detector (its dictionaries, ~16 ms to import) loads on the
    first text it scrubs, not with the first page's modules."""
    from hotline_desk.domain.privacy.detector import scrub as detector_scrub

    return detector_scrub(text, known)


@functools.lru_cache(maxsize=8192)
def _scrubbed(text: str, known: Known) -> str:
    return scrub(text, known)


def scrub_short(text: str, known: Known) -> str:
    """``scrub`` (a pure function of the text and the caller's fields), remembered for short
    texts: a list refreshed after every change shows the same titles again, and the detector
    (the segmenter) costs about 0.2 ms a title — 20 ms a page for section users."""
    return _scrubbed(text, known) if len(text) <= SHORT_TEXT else scrub(text, known)
