"""evals.dates_learn: site-grouped folds and the chooser it measures (production's rank)."""

from evals.dates_learn import _site, choose, site_folds
from storyline.extract.date_rank import SOURCES, _model


def test_site_folds_keep_each_site_in_one_fold():
    data = [{"site": s} for s in ["a.com", "b.org", "a.com", "c.net", "b.org", "a.com"]]
    folds = site_folds(data, 5, seed=0)
    by_site = {}
    for r, f in zip(data, folds, strict=True):
        by_site.setdefault(r["site"], set()).add(f)
    assert all(len(v) == 1 for v in by_site.values())
    assert _site("https://www.example.com/a/b") == "example.com" and _site("example.org") == "example.org"


def test_choose_is_production_rank():
    trees, margin = _model()
    rec = {"sources": dict.fromkeys(SOURCES) | {"hd_ext": "2024-03-01", "ld_pub": "2024-02-01",
                                                  "meta_pub": "2024-02-01"},
           "lines": {}, "current": "2024-03-01"}
    assert choose(trees, rec, 2.0) == "2024-03-01"
    assert choose(trees, rec, margin) in ("2024-03-01", "2024-02-01")
