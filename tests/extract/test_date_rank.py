"""The publication-day candidates, their features and the shipped ranker (storyline.extract.date_rank)."""

from datetime import UTC, datetime

from storyline.extract.date_rank import FEATURE_NAMES, SOURCES, _model, features, gather, labelled_days, rank
from storyline.extract.html_dates import find_publication_date
from storyline.extract.html_meta import load_tree

PAGE = """<html><head><title>Harbour reopens</title>
<meta property="article:published_time" content="2024-03-01T09:00:00+09:00">
<meta property="article:modified_time" content="2024-07-05T10:00:00+09:00">
<meta property="og:image" content="https://img.example.com/uploads/2024/02/28/pier.jpg">
<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-03-01",
 "dateModified": "2024-07-05"}</script></head>
<body><p>Tuesday, July 9, 2024</p><article><h1>Harbour reopens</h1><p>Updated July 5, 2024</p>
<p><a href="/archive/2024-03-01/">More from that day</a></p>
<p><time datetime="2024-03-01T09:00">March 1</time></p>
<p>The harbour reopened on Friday after a week of repairs to the eastern pier and its cranes.</p>
</article></body></html>"""


def test_gather_keeps_each_source_apart_and_reads_the_header():
    tree = load_tree(PAGE)
    got = gather(PAGE, tree, "https://example.com/2024/03/01/harbour-reopens", "2025-01-01")
    s = got["sources"]
    assert set(s) == set(SOURCES)
    assert s["meta_pub"] == "2024-03-01" and s["meta_mod"] == "2024-07-05"
    assert s["ld_pub"] == "2024-03-01" and s["ld_mod"] == "2024-07-05"
    assert s["time_first"] == "2024-03-01" and s["url"] == "2024-03-01"
    assert s["image"] == "2024-02-28" and s["head_link"] == "2024-03-01"
    assert s["vis_first"] == s["vis_upd"] == "2024-07-05" and s["vis_pub"] is None
    assert s["vis_above"] is None  # the body's top line is above <article>, which is searched alone
    # lines count from the top of <article> (its headline is line 1)
    assert got["lines"]["vis_upd"] == 2


def test_a_line_with_two_labelled_dates_gives_both():
    assert labelled_days("Mental Health December 22, 2022 Updated: January 2, 2026") == [
        ("2022-12-22", ""), ("2026-01-02", "updated")]
    assert labelled_days("Published March 3, 2021") == [("2021-03-03", "published")]
    assert labelled_days("no date here") == []


def test_days_after_the_fetch_are_dropped():
    tree = load_tree(PAGE)
    s = gather(PAGE, tree, None, "2024-05-01")["sources"]
    assert s["meta_mod"] is None and s["vis_upd"] is None and s["ld_pub"] == "2024-03-01"


def test_features_one_row_per_distinct_day():
    rec = {"sources": dict.fromkeys(SOURCES) | {"hd_ext": "2024-03-01", "ld_mod": "2024-07-05",
                                                  "vis_upd": "2024-07-05", "vis_first": "2024-07-05"},
           "lines": {"vis_upd": 3, "vis_first": 3}, "current": "2024-03-01"}
    days, x = features(rec)
    assert days == ["2024-03-01", "2024-07-05"]
    assert all(len(row) == len(FEATURE_NAMES) for row in x)
    col = {n: i for i, n in enumerate(FEATURE_NAMES)}
    assert x[1][col["n_sources"]] == 3 and x[0][col["n_sources"]] == 1
    assert x[1][col["vis_line"]] == 3 and x[0][col["vis_line"]] == 0
    assert x[0][col["current"]] == 1 and x[1][col["latest"]] == 1


def test_rank_keeps_the_fixed_rule_unless_a_day_beats_it_by_the_margin():
    model = _model()
    assert model is not None  # shipped: storyline/extract/data/date_ranker_model.json
    trees, _margin = model
    rec = {"sources": dict.fromkeys(SOURCES) | {"hd_ext": "2024-03-01", "vis_plain": "2024-07-05"},
           "lines": {"vis_plain": 30}, "current": "2024-03-01"}
    assert rank(rec, (trees, 1.01)) == "2024-03-01"  # no probability beats another by more than 1
    assert rank(rec, (trees, -1.0)) in ("2024-03-01", "2024-07-05")
    assert rank({"sources": dict.fromkeys(SOURCES), "lines": {}, "current": None}) is None


def test_markup_agreeing_with_htmldate_is_kept_against_a_lone_far_dateline():
    rec = {"sources": dict.fromkeys(SOURCES) | {k: "2020-03-18" for k in
                                                  ("hd_ext", "hd_fast", "hd_latest", "meta_pub", "ld_pub")}
           | {"vis_plain": "2017-05-11", "vis_first": "2017-05-11"},
           "lines": {"vis_plain": 25, "vis_first": 25}, "current": "2020-03-18"}
    assert rank(rec) == "2020-03-18"


FETCHED = datetime(2025, 7, 30, 12, 0, tzinfo=UTC)


def test_a_fragment_stating_no_date_never_takes_the_fetch_time():
    for fragment in ("<div><p>The council met on Tuesday to discuss the harbour budget and its cranes.</p></div>",
                     "<p>Reported today: the harbour reopened after repairs.</p>",
                     "<html><body><h1>Harbour</h1><p>Repairs ended.</p></body></html>"):
        assert find_publication_date(fragment, fetched_at=FETCHED) is None
        assert find_publication_date(fragment, url="https://example.com/news/harbour", fetched_at=FETCHED) is None


def test_an_extracted_fragment_stating_no_date_has_no_publication_time():
    from storyline.extract import extract_page
    from storyline.models import FetchedPage

    body = " ".join(["The council met to discuss the harbour budget, the cranes and the eastern pier."] * 12)
    for html in (f"<div><h2>Harbour budget</h2><p>{body}</p><p>{body}</p></div>",
                 f"<article><h1>Harbour budget</h1><p>{body}</p></article>"):
        page = FetchedPage(source="frag.html", content=html.encode(), fetched_at=FETCHED, url=None)
        result = extract_page(page)
        assert result.articles, result.outcome
        assert all(a.published is None for a in result.articles)


def test_a_text_dump_stating_no_date_has_no_publication_time():
    from storyline.extract import extract_page
    from storyline.models import FetchedPage

    body = " ".join(["The council met to discuss the harbour budget, the cranes and the eastern pier."] * 12)
    text = f"Harbour budget\n\n{body}\n\n{body}\n"
    result = extract_page(FetchedPage(source="dump.txt", content=text.encode(), fetched_at=FETCHED, url=None))
    assert result.articles, result.outcome
    assert all(a.published is None for a in result.articles)
    dated = text.replace("Harbour budget\n", "Harbour budget\n\n2 hours ago\n")  # a stated age is a stated date
    result = extract_page(FetchedPage(source="dump.txt", content=dated.encode(), fetched_at=FETCHED, url=None))
    assert any(a.published is not None and a.published <= FETCHED for a in result.articles)
