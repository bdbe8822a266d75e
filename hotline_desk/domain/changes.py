"""What a write changed, as the views need to know it: topics (kinds of data) and case ids.

The unit of work fills one ``Changes`` per transaction from the rows it flushed; the service
call's result travels with it to the GUI's one write helper, which announces it on the
application bus; on PostgreSQL the same ``Changes`` reaches every other desk through
``NOTIFY``. A view refreshes when ``changes.touches(...)`` what it shows.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

CASES = "cases"
"""Case rows and everything hanging on a case (events, assignments, drafts, callbacks …)."""
USERS = "users"
ORG = "org"
"""Sections, units and the topic catalogue (派单目录)."""
CALENDAR = "calendar"
LIMITS = "limits"
TEMPLATES = "templates"
OFFICE = "office"
"""Office settings (单位设置)."""
REPORTS = "reports"
"""Frozen monthly figures."""
TOPICS: frozenset[str] = frozenset(
    {CASES, USERS, ORG, CALENDAR, LIMITS, TEMPLATES, OFFICE, REPORTS}
)

MAX_CASE_IDS = 200
"""Past this many ids a change says "many cases" (no ids) so a notice stays small."""


@dataclass(frozen=True)
class Changes:
    """Topics touched, and the case ids when known (empty ids under ``cases``: any case)."""

    topics: frozenset[str] = frozenset()
    case_ids: frozenset[int] = frozenset()
    all_cases: bool = field(default=False)
    """True when some case rows changed without their ids being known (a bulk update)."""

    def __bool__(self) -> bool:
        return bool(self.topics)

    def __or__(self, other: Changes) -> Changes:
        all_cases = self.all_cases or other.all_cases
        ids = frozenset() if all_cases else self.case_ids | other.case_ids
        if len(ids) > MAX_CASE_IDS:
            ids, all_cases = frozenset(), True
        return Changes(self.topics | other.topics, ids, all_cases)

    @classmethod
    def of(cls, *topics: str, case_ids: Iterable[int] = (), all_cases: bool = False) -> Changes:
        ids = frozenset(case_ids)
        wide = all_cases or len(ids) > MAX_CASE_IDS
        return cls(frozenset(topics), frozenset() if wide else ids, wide)

    def touches(self, *topics: str) -> bool:
        """True when any of ``topics`` changed."""
        return not self.topics.isdisjoint(topics)

    def touches_case(self, case_id: int) -> bool:
        """True when the case ``case_id`` may have changed."""
        return CASES in self.topics and (self.all_cases or case_id in self.case_ids)

    def to_payload(self, origin: str = "") -> str:
        """Compact JSON for a ``NOTIFY`` payload (well under PostgreSQL's 8,000 bytes);
        ``origin`` names the desk process that made the change."""
        data: dict[str, object] = {"t": sorted(self.topics)}
        if self.all_cases:
            data["a"] = 1
        elif self.case_ids:
            data["c"] = sorted(self.case_ids)
        if origin:
            data["o"] = origin
        return json.dumps(data, separators=(",", ":"))

    @classmethod
    def from_payload(cls, payload: str) -> tuple[Changes, str]:
        """The changes a payload describes and its origin; anything unreadable means
        "everything" from an unknown origin."""
        try:
            data = json.loads(payload)
            topics = frozenset(str(t) for t in data["t"]) & TOPICS
            ids = frozenset(int(i) for i in data.get("c", ()))
            return cls(topics, ids, bool(data.get("a"))), str(data.get("o", ""))
        except (ValueError, KeyError, TypeError, AttributeError):
            return EVERYTHING, ""


NOTHING = Changes()
EVERYTHING = Changes(TOPICS, frozenset(), True)
"""What a desk assumes when it cannot know what changed (another process wrote to SQLite)."""
