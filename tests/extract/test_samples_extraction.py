"""Every page of the bundled sample corpus, extracted and checked field by field against
``storyline/data/samples/expected.toml`` (one test per article and field).

Pages are made the way ingest makes them: HTML files as ``kind="html"`` with no URL, the text
dump as ``kind="text"``, JSONL records with their own URL, and feed entries as the fallback
page ingest builds from the entry's own content (``storyline.ingest.feeds.entry_page``, with
the entry's ``feed_entry`` and the feed file as ``source``), all fetched at 2026-11-22T21:00Z.
"""

from __future__ import annotations

import json
import re
import tomllib
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import pytest

from storyline.extract import extract_page
from storyline.models import Article, ExtractResult, FetchedPage

SAMPLES = Path(__file__).resolve().parents[2] / "storyline" / "data" / "samples"
EXPECTED = tomllib.loads((SAMPLES / "expected.toml").read_text(encoding="utf-8"))
FETCHED_AT = datetime(2026, 11, 22, 21, 0, tzinfo=UTC)
FIELDS = (
    "title", "outlet", "published", "wire", "authors", "dateline", "starts", "ends",
    "photo_caption", "published_text", "relative", "category", "language",
)  # fmt: skip

# Honest misses, (article key, field) -> why. Keep this short.
KNOWN_MISSES: dict[tuple[str, str], str] = {}


def _pages_of(page: dict) -> dict[str, FetchedPage]:
    """FetchedPage per expected article key (feeds/JSONL hold several pages in one file)."""
    path = SAMPLES / page["file"]
    data = path.read_bytes()
    keys = [a["key"] for a in page.get("article", [])]
    if page["file"].endswith(".jsonl"):
        records = [json.loads(line) for line in data.decode("utf-8").splitlines() if line.strip()]
        by_url = {
            r["url"]: FetchedPage(source=str(path), content=r["html"].encode("utf-8"), url=r["url"],
                                  fetched_at=FETCHED_AT, kind="html", encoding="utf-8")
            for r in records
        }  # fmt: skip
        return {a["key"]: by_url[a["url"]] for a in page["article"]}
    if page.get("kind") == "feed":
        from storyline.ingest.feeds import entry_page, parse_feed, parse_json_feed

        entries = (
            parse_json_feed(data, str(path)) if path.suffix == ".json" else parse_feed(data, str(path))[0]
        )
        by_url = {e.link: entry_page(e, str(path), FETCHED_AT) for e in entries}
        return {a["key"]: by_url[a["url"]] for a in page["article"]}
    kind = "text" if path.suffix == ".txt" else "html"
    fetched = FetchedPage(source=str(path), content=data, fetched_at=FETCHED_AT, kind=kind)
    return {key: fetched for key in keys} or {page["file"]: fetched}


@cache
def _extract(file: str, key: str) -> ExtractResult:
    page = next(p for p in EXPECTED["page"] if p["file"] == file)
    return extract_page(_pages_of(page)[key])


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "").replace("’", "'")).strip()


def _find(result: ExtractResult, want: dict) -> Article | None:
    """The extracted article that is the expected one: same opening words, else same title."""
    for art in result.articles:
        if want.get("starts") and _norm(art.body).startswith(_norm(want["starts"])):
            return art
    for art in result.articles:
        if want.get("title") and _norm(art.title) == _norm(want["title"]):
            return art
    return None


# Fields checked only where expected.toml states them (the others are checked both ways:
# a fact the page does not give must stay empty).
_ONLY_WHEN_GIVEN = {
    "starts": "starts", "ends": "ends", "photo_caption": "photo_caption", "published_text": "published_text",
    "relative": "relative", "category": "category",
}  # fmt: skip


def _cases():
    for page in EXPECTED["page"]:
        for want in page.get("article", []):
            for name in FIELDS:
                if name in _ONLY_WHEN_GIVEN and _ONLY_WHEN_GIVEN[name] not in want:
                    continue  # nothing to check: expected.toml gives no such fact for this article
                marks = []
                if (want["key"], name) in KNOWN_MISSES:
                    marks = [pytest.mark.xfail(reason=KNOWN_MISSES[(want["key"], name)], strict=True)]
                yield pytest.param(page, want, name, id=f"{want['key']}-{name}", marks=marks)


def _expected_time(want: dict) -> datetime | None:
    text = want.get("published")
    return datetime.fromisoformat(text) if text and "T" in text else None


def check(page: dict, want: dict, name: str, art: Article) -> None:
    """One field of one article against expected.toml (absent facts must stay absent)."""
    body = _norm(art.body)
    if name == "title":
        if "title" in want:
            assert _norm(art.title) == _norm(want["title"]) and not art.title_inferred
        else:  # a page without a headline: a stand-in from the lead, flagged as such
            assert art.title_inferred and art.title and _norm(art.title)[:20] in body
    elif name == "outlet":
        assert art.outlet == want.get("outlet")
    elif name == "published":
        if "relative" in want and "published" not in want:
            pytest.skip("only a relative age; checked under 'relative'")
        when = _expected_time(want)
        if when is not None:
            assert art.published == when
            if not (page.get("kind") == "feed" and page.get("format") != "jsonfeed11"):
                assert art.published.utcoffset() == when.utcoffset()  # RSS/Atom: ingest gives UTC
        elif "published" in want:  # date only
            assert art.published and art.published.date().isoformat() == want["published"]
            assert art.extra.get("published_precision") == want.get("published_precision", "day")
        else:
            assert art.published is None
    elif name == "wire":
        assert art.wire == want.get("wire")
    elif name == "authors":
        if "authors" in want:
            assert art.authors == want["authors"]
        else:  # no byline expected: whatever is found must be people, not the wire or the outlet
            names = {
                _norm(n).lower() for n in (want.get("wire"), want.get("outlet"), art.wire, art.outlet) if n
            }
            assert not names & {_norm(a).lower() for a in art.authors}
            assert all(len(a.split()) >= 2 for a in art.authors), art.authors
    elif name == "dateline":
        assert art.dateline == want.get("dateline")
    elif name in ("starts", "ends"):
        if name not in want:
            pytest.skip("expected.toml gives no body words for this article")
        assert (
            body.startswith(_norm(want["starts"])) if name == "starts" else body.endswith(_norm(want["ends"]))
        )
    elif name == "photo_caption":
        if "photo_caption" not in want:
            pytest.skip("no photo caption expected")
        assert _norm(art.photo_caption) == _norm(want["photo_caption"])
        assert _norm(want["photo_caption"])[:40] not in body
    elif name == "published_text":
        if "published_text" not in want:
            pytest.skip("no printed time expected")
        assert art.published_text == want["published_text"]
    elif name == "relative":
        if "relative" not in want:
            pytest.skip("no relative age expected")
        assert art.relative_age == want["relative"] and art.published is not None
    elif name == "category":
        if "category" not in want:
            pytest.skip("no category expected")
        assert want["category"] in art.categories
    elif name == "language":
        assert art.language == page.get("language", "en")


@pytest.mark.parametrize("page,want,name", list(_cases()))
def test_sample_article_field(page, want, name):
    result = _extract(page["file"], want["key"])
    art = _find(result, want)
    assert art is not None, f"{want['key']} not found among {[a.title for a in result.articles]}"
    check(page, want, name, art)


def _article_pages():
    return [p for p in EXPECTED["page"] if p.get("article") and p["file"].endswith((".html", ".txt"))]


@pytest.mark.parametrize("page", _article_pages(), ids=lambda p: Path(p["file"]).stem[:40])
def test_sample_page_holds_exactly_its_articles(page):
    """No listing heading, widget or teaser becomes an extra article."""
    result = _extract(page["file"], page["article"][0]["key"])
    assert result.outcome == "ok"
    assert len(result.articles) == len(page["article"]), [a.title for a in result.articles]


def test_ranking_page_gives_links_and_no_article():
    page = next(p for p in EXPECTED["page"] if p.get("link_titles"))
    result = _extract(page["file"], page["file"])
    assert result.outcome == "no-article" and not result.articles
    titles = [link.title for link in result.links]
    ranked = len(page["link_titles"])
    assert titles[:ranked] == page["link_titles"]  # the ranking, in order
    assert len(titles) == page["headline_links"]  # + the editor's picks (one repeats a ranked one)
    assert {link.section for link in result.links[:ranked]} == {"Most read"}


def test_page_without_headline_keeps_its_headline_lists_as_links():
    page = next(p for p in EXPECTED["page"] if "without a headline" in p["kind"])
    result = _extract(page["file"], page["article"][0]["key"])
    assert len(result.links) == page["headline_links"]


@pytest.mark.parametrize(
    "file", [p["file"] for p in EXPECTED["page"] if p["file"].endswith((".html", ".txt"))]
)
def test_chrome_lines_are_reported_and_kept_out_of_bodies(file):
    page = next(p for p in EXPECTED["page"] if p["file"] == file)
    key = page["article"][0]["key"] if page.get("article") else file
    result = _extract(file, key)
    assert result.chrome, "no site furniture reported"
    bodies = "\n".join(a.body for a in result.articles)
    for line in result.chrome:
        if len(line.split()) >= 3:
            assert line not in bodies.split("\n"), line
