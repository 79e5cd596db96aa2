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
