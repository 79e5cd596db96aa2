"""End to end through the pipeline: raw pages kept, idempotent, versions, bad input never stops a run."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime

import pytest

from storyline.config import Settings
from storyline.pipeline import Pipeline
from storyline.store import open_store

T0 = datetime(2025, 7, 30, 8, 20, tzinfo=UTC)

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{title} | Harbor Ledger</title><meta property="og:site_name" content="Harbor Ledger">
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="2025-07-30T16:20:00+09:00"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{title}</h1><p class="byline">By Aiko Tanaka</p>
{paras}</article><footer>Subscribe to our newsletter. © Harbor Ledger</footer></body></html>"""

PARAS = [
    "TOKYO — Japan and South Korea agreed on Wednesday to set up a regular dialogue on supply chains for "
    "critical minerals, the two governments said after their foreign ministers met in Tokyo.",
    "The ministers said the dialogue would meet twice a year and cover rare earths, batteries and "
    "semiconductor materials, areas where both countries depend heavily on imports.",
    "Officials said the first session would take place in Seoul early next year, with trade and industry "
    "ministries joining the foreign ministries at the table.",
]


def write_page(path, title="Japan, South Korea launch minerals dialogue", paras=PARAS):
    body = "\n".join(f"<p>{p}</p>" for p in paras)
    path.write_text(PAGE.format(title=title, paras=body), encoding="utf-8")
    return path


@pytest.fixture
def store(tmp_path):
    s = open_store(str(tmp_path / "p.db"))
    yield s
    s.close()


def ingest(store, inputs, **kw):
    return Pipeline(store, Settings(), enrich=kw.pop("enrich", False)).ingest([str(i) for i in inputs], fetched_at=T0)


def test_page_to_article_and_idempotent(store, tmp_path):
    page = write_page(tmp_path / "a.html")
    first = ingest(store, [page])
    assert (first.pages, first.new_pages, first.articles_new) == (1, 1, 1)
    art = store.list_articles()[0]
    assert art["title"] == "Japan, South Korea launch minerals dialogue"
    assert art["body"].count("rare earths") == 1 and "Subscribe" not in art["body"]
    assert store.get_raw_page(art["raw_page_id"])["content"] == page.read_bytes()
    again = ingest(store, [page])
    assert (again.duplicate_pages, again.articles_new) == (1, 0)
    assert store.count_articles() == 1


def test_changed_page_is_a_new_version_of_the_same_article(store, tmp_path):
    page = write_page(tmp_path / "a.html")
    ingest(store, [page])
    write_page(page, paras=PARAS + ["Update: the first session was moved to Busan, officials said on Thursday."])
    summary = ingest(store, [page])
    assert summary.articles_versions == 1 and store.count_articles() == 1
    art = store.list_articles()[0]
    assert art["version"] == 2 and "Busan" in art["body"]
    assert [v["version"] for v in store.article_versions(art["id"])] == [1, 2]


def test_bad_inputs_are_recorded_and_the_run_goes_on(store, tmp_path):
    good = write_page(tmp_path / "good.html")
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "junk.html").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "cut.html.gz").write_bytes(gzip.compress(good.read_bytes())[:60])
    (tmp_path / "broken.rss").write_text("<rss><channel><item><title>unclosed", encoding="utf-8")
    (tmp_path / "broken.jsonl").write_text('{"url": "https://x.example/a", "html": "<p>ok</p>"\nnot json\n')
    big = tmp_path / "huge.html"
    with open(big, "wb") as fh:
        fh.write(b"<html><body>" + b"<p>filler text </p>" * (3_000_000))  # ~57 MB
    summary = Pipeline(store, Settings(), enrich=False).ingest(
        [str(p) for p in [tmp_path / "empty.html", tmp_path / "junk.html", tmp_path / "cut.html.gz", big,
                          tmp_path / "broken.rss", tmp_path / "broken.jsonl", good, tmp_path / "missing.html"]],
        fetched_at=T0)
    assert summary.articles_new >= 1
    assert {"empty", "binary", "bad-gzip", "too-large", "not-found"} <= set(summary.errors)
    assert any(k.startswith("malformed") for k in summary.errors)
    problems = store.list_problems(limit=50)
    sources = " ".join(p["source"] for p in problems)
    for name in ["empty.html", "junk.html", "cut.html.gz", "huge.html", "missing.html"]:
        assert name in sources, name
    junk = next(p for p in problems if p["source"].endswith("junk.html"))
    assert junk["kept_bytes"] and junk["kept_bytes"] > 0  # the raw bytes are kept
    assert all(p["message"] for p in problems)
    # and nothing already stored is lost or duplicated by a second run
    again = Pipeline(store, Settings(), enrich=False).ingest([str(good)], fetched_at=T0)
    assert again.articles_new == 0 and store.count_articles() == summary.articles_new


def test_a_bug_in_extraction_is_an_outcome(store, tmp_path, monkeypatch):
    def boom(page):
        raise RuntimeError("extractor bug")

    monkeypatch.setattr("storyline.pipeline_work.extract_page", boom)  # the name the workers call
    page = write_page(tmp_path / "a.html")
    summary = ingest(store, [page])
    assert summary.errors["extract-error"] == 1 and summary.new_pages == 1
    raw = store.get_raw_page(1)
    assert raw["outcome"] == "extract-error" and "extractor bug" in raw["outcome_message"]


def test_jsonl_records_and_export_contract(store, tmp_path):
    from storyline.export import export_to_string

    recs = [{"url": f"https://news.example/{i}", "html": PAGE.format(title=f"Story {i} on tariffs", paras="".join(
        f"<p>{p}</p>" for p in PARAS)), "fetched_at": "2025-07-30T10:00:00+00:00"} for i in range(2)]
    path = tmp_path / "r.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in recs), encoding="utf-8")
    ingest(store, [path])
    lines = [json.loads(line) for line in export_to_string(store).splitlines()]
    assert len(lines) == 2
    required = {"id", "url", "source", "position", "title", "title_inferred", "outlet", "wire", "authors",
                "dateline", "published", "relative_age", "language", "body", "quality_flags", "hashtags"}
    for rec in lines:
        assert required <= set(rec)
        assert rec["url"].startswith("https://news.example/") and rec["source"] == str(path)
        assert rec["position"] == 0 and rec["published"] == "2025-07-30T16:20:00+09:00"


def test_same_headline_twice_on_a_page_gives_two_articles(store):
    from storyline.models import Article, ExtractResult, FetchedPage
    from storyline.pipeline_work import PageWork, complete_articles

    pipe = Pipeline(store, Settings(), enrich=False, stories=False)
    page = FetchedPage(source="p.txt", content=b"x", fetched_at=T0, kind="text")
    raw, _ = store.add_raw_page(page)
    result = ExtractResult(articles=[Article(body="first body", source="p.txt", title="Same headline", position=0),
                                     Article(body="second body", source="p.txt", title="Same Headline", position=1)])
    complete_articles(page, result)  # what a worker does after extraction
    assert [a.extra.get("occurrence") for a in result.articles] == [None, 1]
    assert [a.fetched_at for a in result.articles] == [T0, T0]
    fresh = pipe._store_work(page, PageWork(raw, result))
    assert len(fresh) == 2 and store.count_articles() == 2
    again = pipe._store_work(page, PageWork(raw, result))
    assert again == [] and store.count_articles() == 2
