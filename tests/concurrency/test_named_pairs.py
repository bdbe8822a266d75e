"""The races the issue and its brief name, a few that must never conflict, and two desks merging
two cases into each other, on both engines: two desks in separate processes released by a
barrier, ``ROUNDS`` rounds each in CI too (the pairs the table derives beyond these race at
length with ``HOTLINE_DESK_LONG=1``: test_table_pairs.py)."""

from __future__ import annotations

import pytest

from hotline_desk.domain.actions import Action
from tests.concurrency.arena import Arena, Tally, check_round
from tests.concurrency.pairs import COMMUTING, EXCLUSIVE, NAMED, Pair

ROUNDS = 50


@pytest.mark.parametrize("pair", NAMED + COMMUTING, ids=lambda p: p.name)
def test_pair(arena: Arena, pair: Pair) -> None:
    tally = arena.run([pair], ROUNDS)
    assert not tally.problems, "\n".join(tally.problems[:10])
    assert tally.rounds == ROUNDS


def test_two_desks_merging_two_cases_into_each_other(arena: Arena) -> None:
    """Each merge locks both cases, in id order: no deadlock, one merge, the other desk told."""
    merge, rounds = Action.MERGE, ROUNDS
    first, second = arena.cast.people["desk"]
    copies = arena.copies("registered", 2 * rounds)
    tally, pair = Tally(), Pair("registered", merge, merge, EXCLUSIVE)
    wins = []
    for x, y in zip(copies[::2], copies[1::2], strict=True):
        ra, rb = arena.racers.race(
            arena.call(merge, first, x, "registered", other_case=y.case_id),
            arena.call(merge, second, y, "registered", other_case=x.case_id),
        )
        check_round(
            tally, pair, f"{x.case_no}/{y.case_no}", ((merge, first, ra), (merge, second, rb))
        )
        wins.append(int(ra.ok) + int(rb.ok))
    added = arena.added(copies)
    for x, y, won in zip(copies[::2], copies[1::2], wins, strict=True):
        events = added[x.case_id][0] + added[y.case_id][0]
        audits = added[x.case_id][1] + added[y.case_id][1]
        assert (events, audits) == (2 * won, won), "并单 on one, 并入重复件 on the other"
    assert not tally.problems, "\n".join(tally.problems[:10])
