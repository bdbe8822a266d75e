"""One database with its office, its prototypes and two racing desks, and the rounds of pairs.

``Arena.run(pairs, rounds)`` copies each pair's prototype ``rounds`` times (one copy per round,
all copies of a setting in one bulk insert), races the two actions on each copy and checks every
round: no raw database error, one success where the pair is exclusive (both where it commutes),
every loser told by a ``DeskError`` who won and what they did (their action's timeline label);
then, over all rounds at once, one timeline event and one audit row per success and none for a
loser. What went wrong is collected, not raised, so a failing test shows every broken round.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from sqlalchemy import func, select

from hotline_desk.domain.actions import Action, spec
from hotline_desk.domain.errors import NotFound
from hotline_desk.domain.lifecycle import transition_for
from hotline_desk.services.cases import read_model
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor, CaseDetail
from hotline_desk.services.lifecycle.facts import case_facts
from hotline_desk.store.models import AuditLog, Case, CaseEvent
from tests.concurrency import stage
from tests.concurrency.clone import Copy, clone
from tests.concurrency.pairs import COMMUTES, EXCLUSIVE, Pair
from tests.concurrency.workers import Racers, Result
from tests.factories import case_input

PERFORM = "tests.concurrency.acts:perform"
Side = tuple[Action, Actor, Result]


@dataclass
class Tally:
    rounds: int = 0
    wins: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)


@dataclass
class Arena:
    ctx: ServiceContext
    racers: Racers
    cast: stage.Cast
    protos: dict[str, CaseDetail] = field(default_factory=dict)
    allowed: dict[str, dict[Action, list[Actor]]] = field(default_factory=dict)
    extras: dict[str, dict[str, Any]] = field(default_factory=dict)

    def prototype(self, setting: str) -> CaseDetail:
        if setting not in self.protos:
            proto = stage.SETTINGS[setting](self.cast)
            self.protos[setting] = proto
            self.allowed[setting] = self._allowed(proto.id)
            master = stage.registered(self.cast)
            edit = case_input(self.ctx, received_at=proto.received_at, title="更正后的标题")
            level = "red" if "order" in setting else "yellow"  # a yellow one is open there
            self.extras[setting] = {"other_unit": self.cast.units["ZXQY"], "edit": edit,
                                    "handler": self.cast.first("handler").user_id,
                                    "other_case": master.id, "order_level": level}  # fmt: skip
        return self.protos[setting]

    def _allowed(self, case_id: int) -> dict[Action, list[Actor]]:
        """Who the table lets take which action on the case now (as their action bar shows)."""
        found: dict[Action, list[Actor]] = {}
        for _role, actor in self.cast.everyone:
            try:
                work = read_model.get_case(self.ctx, actor, case_id).work
            except NotFound:  # a section the case is not routed to
                continue
            for action in work.allowed_actions if work else ():
                found.setdefault(Action(action), []).append(actor)
        return found

    def enabled(self) -> dict[str, dict[Action, str]]:
        """Per setting, the actions the table offers someone there, each with the state its
        row leads to from the prototype's facts."""
        found = {}
        for setting in stage.SETTINGS:
            proto = self.prototype(setting)
            with self.ctx.uow.read() as uow:
                case = uow.session.get(Case, proto.id)
                assert case is not None
                facts = case_facts(uow.session, case)
            found[setting] = {
                action: transition_for(proto.status, action).next_state(facts).value  # type: ignore[union-attr]
                for action in self.allowed[setting]
            }
        return found

    def states(self) -> dict[str, str]:
        return {setting: self.prototype(setting).status for setting in stage.SETTINGS}

    def copies(self, setting: str, n: int) -> list[Copy]:
        proto = self.prototype(setting)
        with self.ctx.engines.writer.begin() as conn:
            return clone(conn, proto.id, n)

    def sides(self, pair: Pair) -> tuple[Actor, Actor]:
        """Two different users: the first who may take ``a``, another who may take ``b``."""
        self.prototype(pair.setting)
        first = self.allowed[pair.setting][pair.a][0]
        second = next(x for x in self.allowed[pair.setting][pair.b] if x != first)
        return first, second

    def call(self, action: Action, actor: Actor, copy: Copy, setting: str, **extra: Any) -> Any:
        return (PERFORM, (action.value, actor, copy.case_id, copy.version, copy.seen,
                          {**self.extras[setting], **extra}))  # fmt: skip

    def run(self, pairs: Iterable[Pair], rounds: int) -> Tally:
        tally = Tally()
        for setting, group in groupby(pairs, key=lambda p: p.setting):
            batch = list(group)
            copies = self.copies(setting, rounds * len(batch))
            for k, pair in enumerate(batch):
                self._race(tally, pair, copies[k * rounds : (k + 1) * rounds])
        return tally

    def _race(self, tally: Tally, pair: Pair, copies: Sequence[Copy]) -> None:
        side_a, side_b = self.sides(pair)
        results = [
            self.racers.race(
                self.call(pair.a, side_a, c, pair.setting),
                self.call(pair.b, side_b, c, pair.setting),
            )  # fmt: skip
            for c in copies
        ]
        for copy, (ra, rb) in zip(copies, results, strict=True):
            tally.rounds += 1
            check_round(tally, pair, copy.case_no, ((pair.a, side_a, ra), (pair.b, side_b, rb)))
        wins = [int(ra.ok) + int(rb.ok) for ra, rb in results]
        self.check_rows(tally, pair.name, copies, wins)

    def check_rows(self, tally: Tally, name: str, copies: Sequence[Copy], wins: list[int]) -> None:
        """One event and one audit row on each copy per success."""
        added = self.added(copies)
        for copy, won in zip(copies, wins, strict=True):
            if added[copy.case_id] != (won, won):
                tally.problems.append(f"{name} {copy.case_no}: {won} successes, "
                                      f"(events, audit rows) {added[copy.case_id]}")  # fmt: skip

    def added(self, copies: Sequence[Copy]) -> dict[int, tuple[int, int]]:
        """The timeline events and audit rows each copy gained since it was made."""
        with self.ctx.uow.read() as uow:
            s = uow.session
            events = dict(s.execute(
                select(CaseEvent.case_id, func.count())
                .where(CaseEvent.case_id.in_([c.case_id for c in copies]))
                .group_by(CaseEvent.case_id)
            ).all())  # fmt: skip
            audits = dict(s.execute(
                select(AuditLog.object_id, func.count())
                .where(AuditLog.object_id.in_([c.case_no for c in copies]))
                .group_by(AuditLog.object_id)
            ).all())  # fmt: skip
        return {
            c.case_id: (events.get(c.case_id, 0) - c.events, audits.get(c.case_no, 0))
            for c in copies
        }


def check_round(tally: Tally, pair: Pair, where: str, sides: tuple[Side, Side]) -> None:
    """One round's outcome against what the pair allows; the loser names the winner."""
    where = f"{pair.name} {where}"
    winners = [(action, actor) for action, actor, r in sides if r.ok]
    for i, (action, _actor, r) in enumerate(sides):
        if r.ok:
            tally.wins[action.value if pair.a != pair.b else "ab"[i]] += 1
        elif not r.desk_error:
            tally.problems.append(f"{where}: raw {r.error}: {r.message}\n{r.detail}")
    if not winners:
        tally.problems.append(f"{where}: nobody succeeded: {[r for *_x, r in sides]}")
    if pair.kind == EXCLUSIVE and len(winners) > 1:
        tally.problems.append(f"{where}: both succeeded")
    if pair.kind == COMMUTES and len(winners) < 2:
        tally.problems.append(f"{where}: commuting actions refused: {[r for *_x, r in sides]}")
    if len(winners) != 1:
        return
    action, actor = winners[0]
    what = spec(action).event.label
    for _a, _who, r in sides:
        if r.desk_error and (actor.display_name not in r.message or what not in r.message):
            tally.problems.append(f"{where}: loser not told {actor.display_name}/{what}: "
                                  f"{r.error}: {r.message}")  # fmt: skip
