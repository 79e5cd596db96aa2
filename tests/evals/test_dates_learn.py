"""The date-candidate gathering and the candidate features of evals.dates_learn."""

from evals.date_candidates import SOURCES, gather
from evals.dates_learn import FEATURE_NAMES, features
from storyline.extract.html_meta import load_tree

PAGE = """<html><head><title>Harbour reopens</title>
<meta property="article:published_time" content="2024-03-01T09:00:00+09:00">
<meta property="article:modified_time" content="2024-07-05T10:00:00+09:00">
<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-03-01",
 "dateModified": "2024-07-05"}</script></head>
<body><article><h1>Harbour reopens</h1><p>Updated July 5, 2024</p>
<p><time datetime="2024-03-01T09:00">March 1</time></p>
<p>The harbour reopened on Friday after a week of repairs to the eastern pier and its cranes.</p>
</article></body></html>"""


def test_gather_keeps_each_source_apart_and_reads_the_dateline():
    tree = load_tree(PAGE)
    got = gather(PAGE, tree, "https://example.com/2024/03/01/harbour-reopens", "2025-01-01")
    s = got["sources"]
    assert set(s) == set(SOURCES)
    assert s["meta_pub"] == "2024-03-01" and s["meta_mod"] == "2024-07-05"
    assert s["ld_pub"] == "2024-03-01" and s["ld_mod"] == "2024-07-05"
    assert s["time_first"] == "2024-03-01" and s["url"] == "2024-03-01"
    assert s["visible"] == "2024-07-05"
    # lines count from the top of <article> (its headline is line 1)
    assert got["dateline"]["updated"] is True and got["dateline"]["line"] == 2


def test_days_after_the_fetch_are_dropped():
    tree = load_tree(PAGE)
    s = gather(PAGE, tree, None, "2024-05-01")["sources"]
    assert s["meta_mod"] is None and s["visible"] is None and s["ld_pub"] == "2024-03-01"


def test_features_one_row_per_distinct_day():
    rec = {"sources": dict.fromkeys(SOURCES) | {"hd_ext": "2024-03-01", "ld_mod": "2024-07-05",
                                                  "visible": "2024-07-05"},
           "dateline": {"visible": "2024-07-05", "line": 3, "updated": True}, "current": "2024-03-01"}
    days, x = features(rec)
    assert days == ["2024-03-01", "2024-07-05"]
    assert x.shape == (2, len(FEATURE_NAMES))
    col = {n: i for i, n in enumerate(FEATURE_NAMES)}
    assert x[1, col["n_sources"]] == 2 and x[0, col["n_sources"]] == 1
    assert x[1, col["vis_updated"]] == 1 and x[0, col["vis_updated"]] == 0
    assert x[0, col["current"]] == 1 and x[1, col["latest"]] == 1
