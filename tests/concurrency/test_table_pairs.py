"""Every other conflicting pair the lifecycle table allows, derived from it (``pairs.derive``):
each action the table offers on a starting point, paired with every other one there that it can
conflict with. CI runs ``ROUNDS`` rounds of each (the named pairs race at length);
``HOTLINE_DESK_LONG=1`` runs 50."""

from __future__ import annotations

import os

from tests.concurrency.arena import Arena
from tests.concurrency.pairs import COMMUTING, NAMED, derive, without

ROUNDS = 50 if os.environ.get("HOTLINE_DESK_LONG") == "1" else 2


def test_the_named_pairs_are_conflicts_of_the_table(arena: Arena) -> None:
    derived = {
        (p.setting, frozenset((p.a, p.b))): p.kind for p in derive(arena.enabled(), arena.states())
    }
    for pair in NAMED:
        assert derived.get((pair.setting, frozenset((pair.a, pair.b)))) == pair.kind, pair.name
    for pair in COMMUTING:
        assert (pair.setting, frozenset((pair.a, pair.b))) not in derived, pair.name


def test_every_other_conflicting_pair(arena: Arena) -> None:
    pairs = without(derive(arena.enabled(), arena.states()), NAMED + COMMUTING)
    assert len(pairs) > 100, "the table allows many more conflicting pairs than the issue names"
    tally = arena.run(pairs, ROUNDS)
    assert tally.rounds == ROUNDS * len(pairs)
    assert not tally.problems, f"{len(tally.problems)} problems:\n" + "\n".join(tally.problems[:15])
