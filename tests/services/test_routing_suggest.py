"""派单建议 on SQLite and PostgreSQL: the catalogue's default without history, following similar
past cases routed elsewhere (with the counts in the basis), not swayed by dissimilar ones,
desk only, the case itself left out; the window reads by an index. Plus the pure similarity
helpers it is built on."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from hotline_desk.demo.generate import generate_demo
from hotline_desk.domain import similarity
from hotline_desk.domain.errors import PermissionDenied
from hotline_desk.services.cases import registration
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.services.lifecycle import routing
from hotline_desk.services.lifecycle.dto import RouteInput
from hotline_desk.services.lifecycle.routing_suggest import Window, suggest_route, window_statements
from hotline_desk.store.models import OrgUnit
from tests.conftest import MakeActor
from tests.factories import case_input, topic_id

FUNDS = "资金扶持"  # default lead 财务科 (CWK), assisted by 产业发展科 (CYFZ)
TECH_GRANT = "咨询技改补助资金申报"


def unit_id(ctx: ServiceContext, code: str) -> int:
    with ctx.uow.read() as uow:
        return uow.session.execute(select(OrgUnit.id).where(OrgUnit.code == code)).scalar_one()


def routed(ctx: ServiceContext, desk: Actor, title: str, code: str, topic: str = FUNDS) -> int:
    """Register a case and route it (tier 2) to the section ``code``; returns its id."""
    case = registration.register_case(
        ctx, desk, case_input(ctx, title=title, topic_id=topic_id(ctx, topic))
    )
    route = RouteInput(tier=2, lead_unit_id=unit_id(ctx, code))
    return routing.route_case(ctx, desk, case.id, case.version, route).id


@pytest.fixture
def desk(make_actor: MakeActor) -> Actor:
    return make_actor("desk", "intake", unit="BGS")


def test_without_history_the_catalogue_default_is_proposed(
    ctx: ServiceContext, desk: Actor
) -> None:
    got = suggest_route(ctx, desk, topic_id=topic_id(ctx, FUNDS), title=TECH_GRANT)
    assert got.lead_unit_id == unit_id(ctx, "CWK") and got.lead_unit_name == "财务科"
    assert got.assist_unit_ids == (unit_id(ctx, "CYFZ"),)
    assert got.basis == "派单目录默认主办：财务科（暂无相似办件）"
    assert got.similar_cases == 0
    assert got.ranked[0][:2] == (unit_id(ctx, "CWK"), "财务科")

    nothing = suggest_route(ctx, desk, topic_id=None, title="来电咨询一件事情")
    assert nothing.lead_unit_id is None and nothing.ranked == ()
    assert "暂无相似办件" in nothing.basis
    # without a topic the 派单目录's keywords still point somewhere ("申报": 企业政策 → 综合科)
    by_words = suggest_route(ctx, desk, topic_id=None, title=TECH_GRANT)
    assert by_words.lead_unit_id is not None and "申报" in by_words.basis

    routed(ctx, desk, "反映园区频繁停电影响生产", "YXJC")
    unrelated = suggest_route(ctx, desk, topic_id=None, title="来电咨询一件事情")
    assert unrelated.lead_unit_id is None, "no similar case, no catalogue entry, no keyword"
    assert unrelated.basis == "暂无相似办件，派单目录也未设默认主办科室，请人工选择"
    assert [u for u, _n, _s in unrelated.ranked] == [unit_id(ctx, "YXJC")]


def test_similar_past_cases_routed_elsewhere_lead_the_way(ctx: ServiceContext, desk: Actor) -> None:
    for _ in range(3):
        routed(ctx, desk, TECH_GRANT, "CYFZ")
    routed(ctx, desk, "咨询技改补助资金申报材料", "CWK")
    routed(ctx, desk, "反映园区频繁停电影响生产", "YXJC")  # not similar: no vote

    got = suggest_route(ctx, desk, topic_id=topic_id(ctx, FUNDS), title="咨询技改补助资金申报流程")
    assert got.lead_unit_id == unit_id(ctx, "CYFZ") and got.lead_unit_name == "产业发展科"
    assert got.similar_cases == 4
    assert got.basis == "相似办件 4 件中 3 件由产业发展科办理"
    assert got.assist_unit_ids == (), "the default assistant now leads"
    ranked = [unit for unit, _name, _share in got.ranked]
    assert ranked[:2] == [unit_id(ctx, "CYFZ"), unit_id(ctx, "CWK")]
    assert abs(sum(share for *_u, share in got.ranked) - 1) < 1e-3


def test_dissimilar_titles_do_not_sway_the_default(ctx: ServiceContext, desk: Actor) -> None:
    for title in ("反映园区频繁停电影响生产", "投诉小区宽带无法接入", "举报非法设置无线电台"):
        routed(ctx, desk, title, "XXH")
    got = suggest_route(ctx, desk, topic_id=topic_id(ctx, FUNDS), title="反映专项资金迟迟未拨付")
    assert got.lead_unit_id == unit_id(ctx, "CWK")
    assert got.similar_cases == 0
    assert got.basis == "派单目录默认主办：财务科（暂无相似办件）"


def test_a_minority_of_similar_cases_does_not_beat_the_catalogue(
    ctx: ServiceContext, desk: Actor
) -> None:
    routed(ctx, desk, "询问奖励资金到账时间", "ZHK")
    got = suggest_route(ctx, desk, topic_id=topic_id(ctx, FUNDS), title="反映奖励资金到账时间太长")
    assert got.similar_cases == 1
    assert got.lead_unit_id == unit_id(ctx, "CWK")
    assert got.basis == "相似办件 1 件中 0 件由财务科办理；派单目录默认主办：财务科"


def test_only_the_desk_may_ask(ctx: ServiceContext, make_actor: MakeActor) -> None:
    for actor in (make_actor("handler", unit="CYFZ"), make_actor("intake"), make_actor("leader")):
        with pytest.raises(PermissionDenied):
            suggest_route(ctx, actor, topic_id=topic_id(ctx, FUNDS), title=TECH_GRANT)


def test_the_case_being_routed_does_not_vote_for_itself(ctx: ServiceContext, desk: Actor) -> None:
    funds = topic_id(ctx, FUNDS)
    older = routed(ctx, desk, TECH_GRANT, "CYFZ")
    newer = routed(ctx, desk, TECH_GRANT, "CYFZ")
    both = suggest_route(ctx, desk, topic_id=funds, title=TECH_GRANT)
    assert both.similar_cases == 2 and both.lead_unit_id == unit_id(ctx, "CYFZ")
    one = suggest_route(ctx, desk, topic_id=funds, title=TECH_GRANT, exclude_case_id=newer)
    assert one.similar_cases == 1 and one.basis == "相似办件 1 件中 1 件由产业发展科办理"
    none = suggest_route(
        ctx, desk, topic_id=funds, title=TECH_GRANT, exclude_case_id=older, before_id=older
    )
    assert none.similar_cases == 0 and none.lead_unit_id == unit_id(ctx, "CWK")


def test_window_reads_newest_first_by_an_index(ctx: ServiceContext) -> None:
    if ctx.engines.reader.dialect.name != "sqlite":
        pytest.skip("EXPLAIN QUERY PLAN is SQLite's")
    generate_demo(ctx, 300, seed=5)  # ends with ANALYZE
    window = Window(topic_id(ctx, FUNDS), exclude_case_id=250, before_id=250)
    plans = []
    with ctx.engines.reader.connect() as conn:
        for stmt, params in window_statements(window):
            sql = stmt.compile(dialect=conn.dialect)
            state = sql.construct_expanded_state(params)
            rows = conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN " + state.statement, tuple(state.positional_parameters)
            ).all()
            plans.append(" ".join(r[-1] for r in rows))
            found = conn.execute(stmt, params).all()
            assert found and all(r[0] < 250 for r in found)
            assert [r[0] for r in found] == sorted((r[0] for r in found), reverse=True)
        assert conn.execute(text("SELECT count(*) FROM sqlite_stat1")).scalar_one() > 0
    assert plans[0].startswith("SEARCH cases USING INDEX ix_cases_topic_id (topic_id=? AND id<?)")
    assert plans[1].startswith("SEARCH cases USING INTEGER PRIMARY KEY (rowid<?)")
    assert all("TEMP B-TREE" not in p for p in plans)


# --- the pure helpers (domain.similarity) ----------------------------------------------------


def test_bigrams_ignore_punctuation_width_and_case() -> None:
    assert similarity.bigrams("反映停电") == {"反映", "映停", "停电"}
    assert similarity.bigrams("反映，停 电！") == similarity.bigrams("反映停电")
    assert similarity.bigrams("ＡＢ") == similarity.bigrams("ab") == {"ab"}
    assert similarity.bigrams("电") == {"电"} and similarity.bigrams(" ,") == frozenset()


def test_jaccard_cosine_top_k_and_vote() -> None:
    a, b = similarity.bigrams("咨询技改补助"), similarity.bigrams("咨询技改补助资金")
    assert similarity.jaccard(a, a) == 1.0 and similarity.jaccard(a, frozenset()) == 0.0
    assert similarity.jaccard(a, b) == pytest.approx(5 / 7)
    assert similarity.cosine(a, b) == pytest.approx(5 / (5 * 7) ** 0.5)
    scored = [(0.2, "x"), (0.9, "y"), (0.5, "z"), (0.9, "w")]
    assert similarity.top_k(scored, 2, 0.3) == [(0.9, "y"), (0.9, "w")]
    assert similarity.top_k(scored, 8, 0.3) == [(0.9, "y"), (0.9, "w"), (0.5, "z")]
    ranked = similarity.weighted_vote([(0.9, "a"), (0.6, "b"), (0.5, "b")], {"c": 1.0})
    assert [k for k, _s in ranked] == ["b", "c", "a"]
    assert sum(s for _k, s in ranked) == pytest.approx(1.0)
    assert similarity.weighted_vote([]) == []
