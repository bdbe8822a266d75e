"""派单建议: which section should lead a case, from the 派单目录 and from similar past cases.

The desk's routing form asks ``suggest_route`` for a ranked list of sections. The topic's
catalogue entry (``Topic.lead_unit_id``) is a prior; the evidence is how the most similar recent
routed cases were routed. Only a bounded window of cases is read, newest first by an index
(the last ``TOPIC_WINDOW`` routed cases of the same topic by ``(topic_id, id)``, and the last
``RECENT_WINDOW`` routed cases of any topic by id), so the cost does not grow with the database.
Similarity is character-bigram Jaccard of the titles (with a little of the content's opening),
computed in Python by ``domain.similarity``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Select, func, select

from hotline_desk.domain import similarity
from hotline_desk.domain.enums.handling import CaseStatus, Tier
from hotline_desk.domain.enums.org import OrgKind, Role
from hotline_desk.domain.permissions import require
from hotline_desk.domain.routing import keyword_hits
from hotline_desk.services.boundary import user_input
from hotline_desk.services.cases.windows import topic_and_recent, window_filters
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.services.lifecycle.dto import RouteSuggestion
from hotline_desk.store.models import Case, OrgUnit, Topic, TopicAssistUnit

TOPIC_WINDOW = 400
"""Recent routed cases of the same topic that are compared."""
RECENT_WINDOW = 150
"""Recent routed cases of any topic (catches a case filed under a neighbouring topic)."""
K = 8
"""Neighbours that vote."""
THRESHOLD = 0.3
"""Least similarity for a past case to count as similar."""
PRIOR_WEIGHT = 1.0
"""The catalogue's default lead weighs as much as one identical past case."""
BACKGROUND_WEIGHT = 0.3
"""Spread over the leads of the whole window by frequency: orders the sections no similar case
voted for (top-3), and never outweighs a real neighbour."""
HEAD_CHARS = 20
"""How much of the content's opening is compared."""
HEAD_WEIGHT = 0.2
"""Its share of the similarity (the title carries the rest)."""
KEYWORD_WEIGHT = 0.6
"""A topic of the 派单目录 whose keywords the case's title or content holds votes this much for
its default lead (more than half a neighbour: the catalogue's words are the office's own rule,
yet a run of similar past cases still outweighs them)."""
SUGGEST_ROLES = frozenset({Role.DESK})


@dataclass(frozen=True)
class Window:
    """Which past cases are compared: the case being routed and anything newer can be left out."""

    topic_id: int | None
    exclude_case_id: int | None = None
    before_id: int | None = None
    topic_window: int = TOPIC_WINDOW
    recent_window: int = RECENT_WINDOW


@lru_cache(maxsize=16)
def _statements(with_topic: bool, exclude: bool, before: bool) -> tuple[Select[Any], ...]:
    """The window SELECTs of one shape, built once, with bound parameters."""
    columns = (Case.id, Case.lead_unit_id, Case.title, func.substr(Case.content, 1, HEAD_CHARS))
    routed = window_filters(
        [
            Case.tier.in_((Tier.SECTION, Tier.UNIT)),
            Case.lead_unit_id.is_not(None),
            Case.status != CaseStatus.RETURN_REQUESTED.value,
        ],
        exclude,
        before,
    )
    return tuple(topic_and_recent(columns, routed, with_topic))


def window_statements(window: Window) -> list[tuple[Select[Any], dict[str, int]]]:
    """The SELECTs that read the candidate cases, with their parameters (also used by the
    benchmark's floor and the query-plan test): newest first by an index, each with a LIMIT."""
    with_topic = window.topic_id is not None and window.topic_window > 0
    params = {
        "topic_id": window.topic_id,
        "exclude_id": window.exclude_case_id,
        "before_id": window.before_id,
        "topic_limit": window.topic_window,
        "recent_limit": window.recent_window,
    }
    shape = (with_topic, window.exclude_case_id is not None, window.before_id is not None)
    stmts = _statements(*shape)
    used = {k: v for k, v in params.items() if v is not None}  # extra keys are ignored
    if window.recent_window <= 0:
        stmts = stmts[:-1]
    return [(stmt, used) for stmt in stmts]


Candidate = tuple[int, int, str, str]  # id, lead unit id, title, content opening


def read_window(conn: Connection, window: Window) -> list[Candidate]:
    """The candidates of all window statements, newest first, each case once."""
    seen: set[int] = set()
    rows: list[Candidate] = []
    for stmt, params in window_statements(window):
        for id_, lead, title, head in conn.execute(stmt, params):
            if id_ not in seen:
                seen.add(id_)
                rows.append((id_, lead, title, head or ""))
    rows.sort(key=lambda r: -r[0])
    return rows


def _similarities(
    title: str, content: str, candidates: Sequence[Candidate], sections: frozenset[int]
) -> Iterator[tuple[float, int]]:
    grams = similarity.bigrams(title)
    head = similarity.bigrams(content[:HEAD_CHARS])
    # a title below this can't reach the threshold whatever the content says
    least = (THRESHOLD - HEAD_WEIGHT) / (1 - HEAD_WEIGHT) if head else THRESHOLD
    for _id, lead, other_title, other_head in candidates:
        if lead not in sections:
            continue
        score = similarity.jaccard(grams, similarity.bigrams(other_title))
        if score < least:
            continue
        if head and other_head:
            other = similarity.bigrams(other_head[:HEAD_CHARS])
            score = (1 - HEAD_WEIGHT) * score + HEAD_WEIGHT * similarity.jaccard(head, other)
        yield score, lead


def rank_sections(
    title: str,
    content: str,
    candidates: Sequence[Candidate],
    default_lead: int | None,
    sections: frozenset[int],
    keyword_leads: Sequence[int] = (),
) -> tuple[list[tuple[int, float]], list[tuple[float, int]]]:
    """(sections ranked by share, best first; the neighbours as (similarity, lead unit)).

    Votes: each of the ``K`` most similar past cases its similarity; the catalogue's default
    lead ``PRIOR_WEIGHT``; the default lead of each topic whose keywords the case holds
    (``keyword_leads``) ``KEYWORD_WEIGHT``; ``BACKGROUND_WEIGHT`` shared by the window's leads
    by frequency.
    """
    compare = bool(candidates) and bool(similarity.bigrams(title))  # no past case: no neighbour
    neighbours = (
        similarity.top_k(_similarities(title, content, candidates, sections), K, THRESHOLD)
        if compare
        else []
    )
    prior: dict[int, float] = {}
    if default_lead in sections:
        prior[default_lead] = PRIOR_WEIGHT  # type: ignore[index]
    for lead in keyword_leads:
        if lead in sections:
            prior[lead] = prior.get(lead, 0.0) + KEYWORD_WEIGHT
    leads = [lead for _id, lead, _t, _h in candidates if lead in sections]
    for lead, count in Counter(leads).items():
        prior[lead] = prior.get(lead, 0.0) + BACKGROUND_WEIGHT * count / len(leads)
    return similarity.weighted_vote(neighbours, prior), neighbours


def basis_text(
    lead_name: str,
    default_name: str,
    lead_votes: int,
    neighbours: int,
    lead_is_default: bool,
    keywords: Sequence[str] = (),
) -> str:
    if not neighbours:
        if keywords and lead_name and not lead_is_default:
            return f"内容含派单目录关键词“{'、'.join(keywords)}”，默认由{lead_name}主办"
        if default_name:
            return f"派单目录默认主办：{default_name}（暂无相似办件）"
        return "暂无相似办件，派单目录也未设默认主办科室，请人工选择"
    text = f"相似办件 {neighbours} 件中 {lead_votes} 件由{lead_name}办理"
    if lead_is_default and lead_votes * 2 <= neighbours:
        text += f"；派单目录默认主办：{default_name}"
    return text


_KEYWORDS = select(Topic.lead_unit_id, Topic.keywords).where(
    Topic.active, Topic.keywords != "", Topic.lead_unit_id.is_not(None)
)


def _keyword_matches(conn: Connection, text: str) -> list[tuple[int, list[str]]]:
    """(default lead, keywords found) of each active topic whose keywords ``text`` holds."""
    found = []
    for lead, keywords in conn.execute(_KEYWORDS):
        if hits := keyword_hits(text, keywords):
            found.append((int(lead), hits))
    return found


@user_input
def suggest_route(
    ctx: ServiceContext,
    actor: Actor,
    *,
    topic_id: int | None,
    title: str,
    content: str = "",
    exclude_case_id: int | None = None,
    before_id: int | None = None,
) -> RouteSuggestion:
    """Propose the lead section (and the topic's default assisting sections) for a case.

    ``exclude_case_id``: the case being (re-)routed, so it does not vote for itself;
    ``before_id``: only cases registered before this id count (for replaying history).
    """
    require(actor.roles, SUGGEST_ROLES, "派单建议")
    with ctx.uow.read() as uow:
        conn = uow.session.connection()  # Core rows: no ORM work on hundreds of rows
        units = {
            r.id: r.name
            for r in conn.execute(select(OrgUnit.id, OrgUnit.name, OrgUnit.kind, OrgUnit.active))
            if r.kind == OrgKind.SECTION and r.active
        }
        default_lead = None
        assists: list[int] = []
        if topic_id is not None:
            default_lead = conn.execute(
                select(Topic.lead_unit_id).where(Topic.id == topic_id)
            ).scalar_one_or_none()
            assists = list(
                conn.execute(
                    select(TopicAssistUnit.org_unit_id)
                    .where(TopicAssistUnit.topic_id == topic_id)
                    .order_by(TopicAssistUnit.org_unit_id)
                ).scalars()
            )
        candidates = read_window(conn, Window(topic_id, exclude_case_id, before_id))
        matched = _keyword_matches(conn, f"{title}\n{content}")
    sections = frozenset(units)
    keyword_leads = [lead for lead, _words in matched]
    ranked, neighbours = rank_sections(title, content, candidates, default_lead, sections,
                                       keyword_leads)  # fmt: skip
    lead = ranked[0][0] if ranked else None
    if not neighbours and default_lead not in sections and not set(keyword_leads) & sections:
        lead = None  # window frequencies alone are no basis for a proposal
    votes = sum(1 for _sim, unit in neighbours if unit == lead)
    default_name = units.get(default_lead, "") if default_lead is not None else ""
    return RouteSuggestion(
        lead_unit_id=lead,
        lead_unit_name=units.get(lead, "") if lead is not None else "",
        assist_unit_ids=tuple(u for u in assists if u != lead and u in sections),
        basis=basis_text(
            units.get(lead, "") if lead is not None else "",
            default_name,
            votes,
            len(neighbours),
            lead is not None and lead == default_lead,
            [w for unit, words in matched if unit == lead for w in words],
        ),
        ranked=tuple((unit, units[unit], round(share, 4)) for unit, share in ranked),
        similar_cases=len(neighbours),
    )
