"""The tune-only cross-validation of the page-type classifier (evals.pagetype_train.tune_cv)."""

import random

from evals.pagetype_train import CV_REPEATS, _balanced, tune_cv


def test_balanced_weights_give_every_type_the_same_total():
    types = ["article"] * 30 + ["listing"] * 5 + ["service"] * 10
    w = _balanced(types)
    totals = {t: sum(x for x, u in zip(w, types) if u == t) for t in set(types)}
    assert max(totals.values()) - min(totals.values()) < 1e-9
    assert abs(sum(w) - len(types)) < 1e-9


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
