"""The same-week, same-beat story gold (evals/data/weekgold) and its eval."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import replace
from datetime import date
from pathlib import Path

from evals.clusters_learn import EASY_WEIGHT
from evals.weekgold import link_pairs_of, read_gold, records, score_split, split_of
from storyline.stories.cluster import LINK_DOC_TERMS, ClusterParams

FLOORS = json.loads((Path(__file__).resolve().parents[1] / "quality_floors.json").read_text(encoding="utf-8"))


def test_gold_is_several_outlets_of_several_stories_per_beat_and_week():
    gold = read_gold()
    halves = split_of({g["beat"] for g in gold})
    assert sorted(halves.values()).count("tune") == 5 and len(halves) == 10
    by_story, by_beat = defaultdict(list), defaultdict(set)
    for g in gold:
        assert g["split"] == halves[g["beat"]] and g["story"].startswith(g["beat"] + "/")
        assert g["title"] and len(g["body"].split(". ")) >= 2
        by_story[g["story"]].append(g)
        by_beat[g["beat"]].add(g["story"])
    for story, arts in by_story.items():
        assert 2 <= len(arts) == len({a["outlet"] for a in arts}) <= 3, story  # different outlets
        assert len({a["title"] for a in arts}) == len(arts)  # told in different words
    for beat, stories in by_beat.items():
        days = [date.fromisoformat(g["date"]) for g in gold if g["beat"] == beat]
        assert 3 <= len(stories) <= 4 and (max(days) - min(days)).days <= 7, beat
    assert len({g["id"] for g in gold}) == len(gold)


def test_split_is_deterministic_and_blind_to_order():
    beats = ["b", "a", "c", "d"]
    assert split_of(beats) == split_of(list(reversed(beats)))
    assert {r["topic"] for r in records("tune")}.isdisjoint({r["topic"] for r in records("check")})


def test_same_beat_pairs_are_hard_negatives_other_beats_easy():
    recs = records("tune")
    x, y, w = link_pairs_of("tune", ClusterParams(doc_terms=LINK_DOC_TERMS))
    n = len(recs)
    assert x.shape[0] == n * (n - 1) // 2 and set(w.tolist()) == {1.0, EASY_WEIGHT}
    same_beat = sum(1 for i, a in enumerate(recs) for b in recs[i + 1:] if a["topic"] == b["topic"])
    assert (w == 1.0).sum() == same_beat and 0 < y.sum() < same_beat


def test_check_half_meets_its_floors_weighted_sum_and_learned_links():
    result = score_split("check")
    assert result["articles"] == len(records("check"))
    assert result["b3_f1"] >= FLOORS["stories_weekgold_check_b3_f1"]
    links = score_split("check", ClusterParams.learned())  # the default: links, dated articles also by the sum
    assert links["b3_f1"] >= FLOORS["stories_weekgold_check_links_b3_f1"]
    only = score_split("check", replace(ClusterParams.learned(), sum_joins_dated=False))  # the link model alone
    assert only["b3_f1"] >= FLOORS["stories_weekgold_check_links_only_b3_f1"] and only["b3_precision"] == 1.0


def test_eval_weekgold_command_prints_each_split():
    from typer.testing import CliRunner

    from storyline.cli.app import app

    out = CliRunner().invoke(app, ["eval", "weekgold", "--links"]).output
    lines = [ln for ln in out.splitlines() if " B3 P " in ln]
    expected = [[split, name] for split in ("check", "tune") for name in ("sum", "links", "alone")]
    assert [ln.split()[:2] for ln in lines] == expected


def test_score_split_fills_the_records_first_when_asked():
    """``--enrich`` passes a ``prepare`` that fills each record (entity and event keys) before clustering:
    here keys that differ per gold story, which the weighted sum counts for joins and against them."""
    seen = []

    def prepare(recs):
        seen.append(len(recs))
        for r in recs:
            r["entity_keys"] = [f"story:{r['cluster']}"]

    keyed = score_split("check", ClusterParams(), prepare=prepare)
    assert seen == [keyed["articles"]] == [len(records("check"))]
    assert keyed["b3_precision"] > score_split("check", ClusterParams())["b3_precision"]
