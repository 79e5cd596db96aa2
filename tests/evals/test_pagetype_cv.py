"""The tune-only cross-validation of the page-type classifier (evals.pagetype_train.tune_cv)."""

import random

from evals.pagetype_train import CV_REPEATS, tune_cv


def test_tune_cv_counts_every_row_once_per_repeat_and_separates_clear_types():
    rng = random.Random(0)
    rows = []
    for kind, centre in (("article", 0.0), ("listing", 5.0), ("service", 10.0)):
        for _ in range(40):
            rows.append({"type": kind, "f": {"a": centre + rng.random(), "b": rng.random()}})
    got = tune_cv(rows, ["a", "b"], {"n_estimators": 20}, balanced=True)
    assert set(got) == {"article", "listing", "service"}
    for right, not_article, n in got.values():
        assert n == 40 * CV_REPEATS
        assert right <= n and not_article <= n
    assert got["listing"][0] >= 0.9 * got["listing"][2]  # well-separated types are typed right
    assert got["article"][1] <= 0.05 * got["article"][2]  # article pages stay articles


def test_site_folds_keep_each_site_in_one_fold():
    from evals.pagetype_train import _groups, site_folds

    rows = [{"type": "article" if i % 3 else "listing", "group": f"site{i % 17}"} for i in range(170)]
    rows.append({"type": "article"})  # no site: a group of its own
    groups = _groups(rows)
    assert groups[-1] == "row170"
    seen: dict[str, int] = {}
    for fold, (_train, test) in enumerate(site_folds(0).split(rows, [r["type"] for r in rows], groups)):
        for i in test:
            assert seen.setdefault(groups[i], fold) == fold
    assert len(seen) == 18


def test_threshold_is_the_quantile_of_the_pooled_sets_article_pages_only():
    from evals.pagetype_train import choose_threshold

    rng = random.Random(1)
    rows = []
    for i in range(60):  # WCXB: articles near 0, listings near 5
        rows.append({"type": "article", "set": "wcxb", "group": f"a{i}", "f": {"a": rng.random()}})
        rows.append({"type": "listing", "set": "wcxb", "group": f"l{i}", "f": {"a": 5 + rng.random()}})
    # news pages that look like listings: pooled, they would push the threshold to the top
    rows += [{"type": "article", "set": "htmldate", "group": f"h{i}", "f": {"a": 5 + rng.random()}} for i in range(8)]
    assert choose_threshold(rows, ["a"], pool=("wcxb",)) < choose_threshold(rows, ["a"], pool=("wcxb", "htmldate"))


def test_article_sets_follow_the_stated_criteria():
    import json
    import os
    from pathlib import Path
    from urllib.parse import urlparse

    import pytest

    from evals.pagetype_train import article_sets

    shared = Path(os.environ.get("STORYLINE_SHARED", Path(__file__).resolve().parents[3] / "shared"))
    if not (shared / "eval" / "trafilatura_eval_en" / "evaldata.json").exists():
        pytest.skip("DEV sets absent (set STORYLINE_SHARED)")
    got = article_sets(shared)
    keys = [k for _s, k, _p, _site in got]
    assert len(keys) == len(set(keys))  # a page in two sets counts once
    hd = json.loads((shared / "eval" / "htmldate_pubdate" / "gold.json").read_text(encoding="utf-8"))
    homes = {g["file"] for u, g in hd.items() if not urlparse(u).path.strip("/")}
    assert homes and not homes & set(keys)  # home pages are left out
    tr = json.loads((shared / "eval" / "trafilatura_eval_en" / "evaldata.json").read_text(encoding="utf-8"))
    by_file = {g["file"]: g for g in tr.values()}
    traf = [k for s, k, _p, _site in got if s == "trafilatura"]
    assert traf and all(by_file[k]["author"] and by_file[k]["date"] for k in traf)
    assert {s for s, *_ in got} == {"zyte", "htmldate", "trafilatura"}
