"""The learned article-to-article link (stories.pairmodel) and average-linkage assignment."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta

import pytest

from storyline.stories.cluster import LINK_DOC_TERMS, ClusterParams, StoryIndex
from storyline.stories.pairmodel import (
    FEATURES,
    MODEL_PATH,
    figures,
    load_link_model,
    pair_cues,
    pair_features,
    year_relation,
)
from tests.stories.test_stories_cluster import QUAKE_A, QUAKE_A2, QUAKE_B, SUMMIT, SUMMIT2, T0, doc


def _x(cos, year_clash=0, year_share=0, names=0.2, fig=0, dated=0):
    """A pair's features (FEATURES order) from its parts."""
    return (cos, year_clash, year_share, names, fig, dated, dated * cos, dated * names)


def test_shipped_model_is_plain_data_with_the_known_features():
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert tuple(data["features"]) == FEATURES and set(data["coef"]) == set(FEATURES)
    model = load_link_model()
    assert 0.0 < model.merge_threshold < model.threshold < 1.0
    p = model.probability
    for dated in (0, 1):
        # more shared wording, more likely one story; years that clash count against, shared ones for
        assert p(_x(0.6, dated=dated)) > p(_x(0.2, dated=dated))
        assert p(_x(0.3, 1, 0, dated=dated)) < p(_x(0.3, dated=dated)) < p(_x(0.3, 0, 1, dated=dated))
        # more names in common, more likely one story; figures that clash count against
        assert p(_x(0.3, names=0.5, dated=dated)) > p(_x(0.3, names=0.1, dated=dated))
        assert p(_x(0.3, fig=1, dated=dated)) < p(_x(0.3, dated=dated))
    # news of the same weeks (both dated): shared wording and names are weaker evidence than between
    # undated reports (fitted on the same-week gold: different stories of one beat share both)
    assert all(p(_x(c, names=n, dated=1)) < p(_x(c, names=n)) for c in (0.2, 0.4, 0.6) for n in (0.1, 0.3, 0.6))
    # the bound used to skip merge candidates is never below a real probability
    assert all(model.best_case(c) >= p(_x(c, y1, y2, n, f, d)) for c in (0.1, 0.5)
               for y1, y2 in ((0, 0), (1, 0), (0, 1)) for n in (0.0, 1.0) for f in (0, 1) for d in (0, 1))


def test_dated_fit_leaves_undated_pairs_as_they_were():
    """Stage two fits only the dated terms, the base logit as an offset: undated pairs keep their
    probability; on pairs where shared names mean different stories the dated names weight falls."""
    import numpy as np

    from evals.clusters_learn import fit_dated

    base = replace(load_link_model(), coef=load_link_model().coef[:5] + (0.0, 0.0, 0.0))
    rng = np.random.default_rng(0)
    rows, y = [], []
    for _ in range(400):  # dated pairs: one story when the wording agrees, whatever names they share
        cos, names = rng.uniform(0, 0.8), rng.uniform(0, 0.8)
        rows.append(_x(cos, names=names, dated=1))
        y.append(int(cos > 0.45))
    x = np.asarray(rows, dtype=float)
    fitted = fit_dated(base, x, np.asarray(y), np.ones(len(y)))
    assert fitted.coef[:5] == base.coef[:5] and fitted.intercept == base.intercept
    assert fitted.probability(_x(0.3, names=0.4)) == base.probability(_x(0.3, names=0.4))
    assert fitted.coef[7] < 0  # names shared by different stories of one period: weaker evidence


def test_unknown_features_fail_loudly(tmp_path):
    bad = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    bad["features"] = [*FEATURES, "outlet"]
    path = tmp_path / "m.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(ValueError, match="features"):
        load_link_model(path)


def test_year_relation():
    assert year_relation(frozenset({"2008"}), frozenset({"2013"})) == (True, False)
    assert year_relation(frozenset({"2008", "2013"}), frozenset({"2013"})) == (False, True)
    assert year_relation(frozenset(), frozenset({"2013"})) == (False, False)


def test_figures_leave_out_years_and_small_counts():
    text = "A 6.1 magnitude quake killed 1,200 people in 2004; 3 towns and 12 villages were hit."
    assert figures(text) == {"6.1", "1200", "12"}


def test_pair_features_of_two_reports_and_of_two_events_of_one_kind():
    a = pair_cues(QUAKE_A, {"2026"})
    a2 = pair_cues(QUAKE_A2, {"2026"})
    b = pair_cues(QUAKE_B, {"2017"})
    same, other = pair_features(0.4, a, a2), pair_features(0.4, a, b)
    assert same[:3] == (0.4, 0.0, 1.0) and other[:3] == (0.4, 1.0, 0.0)
    assert same[3] > other[3]  # Aceh and its towns named in both reports, not in the Mexico one
    assert same[4] == 0.0 and other[4] == 1.0  # 6.4 and 12 in both; 7.1 in the other
    assert pair_features(0.4, pair_cues("", set()), a) == (0.4,) + (0.0,) * 7  # nothing to compare
    dated = pair_features(0.4, pair_cues(QUAKE_A, {"2026"}, True), pair_cues(QUAKE_A2, {"2026"}, True))
    assert dated[:5] == same[:5] and dated[5:] == (1.0, 0.4, same[3])  # both dated: the dated terms
    assert pair_features(0.4, pair_cues(QUAKE_A, {"2026"}, True), a2)[5:] == (0.0, 0.0, 0.0)  # one undated


def test_learned_assignment_joins_one_event_and_keeps_others_apart():
    index = StoryIndex(ClusterParams.learned())
    assert index.p.doc_terms == LINK_DOC_TERMS and index.join_threshold == index.p.link.threshold
    s1, new1 = index.assign(doc(1, "Deadly quake hits Aceh", QUAKE_A))
    s2, new2 = index.assign(doc(2, "Aceh quake toll rises", QUAKE_A2, T0 + timedelta(hours=5)))
    s3, new3 = index.assign(doc(3, "Mexico City quake", QUAKE_B, T0 + timedelta(hours=6)))
    s4, new4 = index.assign(doc(4, "Iwaya, Cho agree to develop ties", SUMMIT, T0 + timedelta(hours=7)))
    assert new1 and not new2 and s2 == s1
    assert new3 and new4 and len({s1, s3, s4}) == 3


def test_average_link_merge_pass_joins_two_halves_of_one_story_only():
    model = replace(ClusterParams.learned().link, threshold=1.01)  # nothing joins at assign time
    index = StoryIndex(replace(ClusterParams.learned(model), sum_joins_dated=False))
    for aid, title, body, hours in [(1, "Deadly quake hits Aceh", QUAKE_A, 0), (2, "Aceh quake toll", QUAKE_A2, 2),
                                    (3, "Iwaya, Cho agree", SUMMIT, 3), (4, "Mexico quake", QUAKE_B, 4),
                                    (5, "Ministers meet", SUMMIT2, 5)]:
        index.assign(doc(aid, title, body, T0 + timedelta(hours=hours)))
    assert len(index.stories) == 5
    changes = index.merge_pass()
    assert {frozenset(index.members(s)) for s in index.story_ids()} == {
        frozenset({1, 2}), frozenset({3, 5}), frozenset({4})
    }
    assert len(changes) == 2 and all(kind == "merge" for kind, _, _ in changes)


def test_dated_articles_may_also_join_by_the_weighted_sum_undated_ones_not():
    """With no story at the link model's join threshold, a dated article joins the story the
    weighted sum would put it in (only between dated articles and stories); undated ones do not."""
    never = replace(ClusterParams.learned().link, threshold=1.01, merge_threshold=1.01)
    for when, joined in ((T0, True), (None, False)):
        index = StoryIndex(ClusterParams.learned(never))
        assert index.p.sum_joins_dated
        a = replace(doc(1, "Deadly quake hits Aceh", QUAKE_A), published=when, fetched_at=when)
        b = replace(doc(2, "Aceh quake toll rises", QUAKE_A2), published=when, fetched_at=when)
        c = replace(doc(3, "Mexico City quake", QUAKE_B), published=when, fetched_at=when)
        s1, _ = index.assign(a)
        n = len(index.stories)
        assert index.placement(b) == (s1 if joined else None) and len(index.stories) == n  # nothing changed
        s2, _ = index.assign(b)
        s3, _ = index.assign(c)
        assert (s2 == s1) is joined and s3 not in (s1, s2)
    off = StoryIndex(replace(ClusterParams.learned(never), sum_joins_dated=False))
    off.assign(doc(1, "Deadly quake hits Aceh", QUAKE_A))
    assert off.assign(doc(2, "Aceh quake toll rises", QUAKE_A2, T0 + timedelta(hours=5)))[1]  # a new story


def test_link_pairs_and_fit_learn_that_shared_wording_means_one_story():
    from evals.clusters_learn import fit_link, link_pairs

    recs = [{"doc_id": str(i), "cluster": c, "text": t} for i, (c, t) in enumerate(
        [("a", QUAKE_A), ("a", QUAKE_A2), ("b", QUAKE_B), ("c", SUMMIT), ("c", SUMMIT2),
         ("a", QUAKE_A + " Aid arrived in Bireuen."), ("b", QUAKE_B + " Rescuers kept digging in Puebla.")])]
    x, y, w = link_pairs(recs, ClusterParams(doc_terms=LINK_DOC_TERMS))
    assert x.shape == (21, len(FEATURES)) and y.sum() == 5  # 7 docs: 21 pairs, 3 + 1 + 1 in one story
    assert (w == 1.0).all()  # no topics: every pair counts fully
    model = fit_link(x, y, w)
    assert model.coef[0] > 0


def test_hard_negatives_count_fully_and_other_topics_little():
    from evals.clusters_learn import EASY_WEIGHT, link_pairs

    recs = [{"doc_id": str(i), "cluster": c, "topic": t, "text": body} for i, (c, t, body) in enumerate(
        [("a", "quake", QUAKE_A), ("a", "quake", QUAKE_A2), ("b", "quake", QUAKE_B), ("c", "talks", SUMMIT)])]
    _, y, w = link_pairs(recs, ClusterParams(doc_terms=LINK_DOC_TERMS))
    # 6 pairs: 1 same story, 2 same topic different story (hard), 3 across topics (easy)
    assert sorted(w.tolist()) == [EASY_WEIGHT] * 3 + [1.0] * 3 and y.sum() == 1


def test_pipeline_uses_the_learned_link_when_the_setting_is_on(sqlite_store):
    from storyline.pipeline_stories import StoryAssigner

    assert StoryAssigner(sqlite_store, embeddings=False, links=True).index.p.link is not None
    assert StoryAssigner(sqlite_store, embeddings=False, links=False).index.p.link is None


def test_fit_writes_into_its_own_checkout_only(monkeypatch, tmp_path):
    """``--fit`` writes the model file of the checkout ``evals`` belongs to, and refuses when the
    ``storyline`` imported is another checkout's (an editable install pointing elsewhere)."""
    from pathlib import Path

    import evals.clusters_learn as cl

    repo = Path(cl.__file__).resolve().parents[1]
    if MODEL_PATH.resolve().parents[2] == repo:
        assert cl.model_path_here() == repo / "storyline" / "data" / MODEL_PATH.name
    monkeypatch.setattr(cl, "MODEL_PATH", tmp_path / "other" / "storyline" / "data" / MODEL_PATH.name)
    with pytest.raises(SystemExit, match="PYTHONPATH"):
        cl.model_path_here()


def test_threshold_grid_scores_as_clustering_each_pair_from_scratch():
    """The threshold search assigns once per join threshold and merges a copy per merge threshold:
    the same scores as clustering from scratch for every pair."""
    from evals import clusters_learn as cl

    texts = [("a", "quake", QUAKE_A), ("a", "quake", QUAKE_A2), ("b", "quake", QUAKE_B), ("c", "talks", SUMMIT),
             ("c", "talks", SUMMIT2), ("a", "quake", QUAKE_A + " Aid arrived in Bireuen.")]
    recs = [{"doc_id": str(i), "cluster": c, "topic": t, "text": body} for i, (c, t, body) in enumerate(texts)]
    shipped = load_link_model()
    model = replace(shipped, intercept=shipped.intercept - 5.0)  # less sure: the thresholds decide
    params, groups = ClusterParams(doc_terms=LINK_DOC_TERMS), cl.topic_groups(recs, 2)
    grid = cl.grid_group_f1(groups, params, model)
    assert set(grid) == {(j, m) for j in cl.JOIN_THRESHOLDS for m in cl.MERGE_THRESHOLDS}
    for (j, m), f1 in grid.items():
        assert f1 == cl.mean_group_f1(groups, replace(params, link=replace(model, threshold=j, merge_threshold=m)))
    assert len(set(grid.values())) > 1  # the thresholds matter on these documents
