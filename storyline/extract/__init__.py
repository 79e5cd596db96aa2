"""Extract: raw page bytes -> clean articles (+ headline-only links).

``extract_page`` is the one entry point. It decodes the bytes, then hands plain-text dumps
to :mod:`storyline.extract.textdump` and HTML to :mod:`storyline.extract.html`. A page with no
article is an outcome ("no-article"), never an exception.
"""

from __future__ import annotations

from storyline.extract import language, pagetype
from storyline.extract.dates import load_fallback
from storyline.extract.decode import decode_page
from storyline.extract.html import extract_html
from storyline.extract.language import detect_language
from storyline.extract.textdump import extract_text_page
from storyline.models import ExtractResult, FetchedPage
from storyline.text.ja_outlets import canonical_outlet, split_ja_wire


def extract_page(page: FetchedPage) -> ExtractResult:
    try:
        text, _encoding = decode_page(page)
    except UnicodeError as exc:
        return ExtractResult(outcome="decode-error", message=f"{page.source}: {exc}")
    if not text.strip():
        return ExtractResult(outcome="empty", message=f"{page.source}: no text in page")
    if page.kind == "text":
        result = extract_text_page(text, source=page.source, url=page.url, fetched_at=page.fetched_at)
    else:
        result = extract_html(text, source=page.source, url=page.url, fetched_at=page.fetched_at, page=page)
    _fill_language(result)
    _japanese_credits(result)
    return result


def load_models() -> None:
    """Load now what extraction otherwise loads at first use in each process: the page-type trees,
    the language identifier (its model is an lzma-compressed file) and dateparser's languages.
    Called before worker processes fork, so that they inherit these instead of each loading them."""
    pagetype.load()
    language.load()
    load_fallback()


def _japanese_credits(result: ExtractResult) -> None:
    """Japanese site names -> the outlet's usual name (読売新聞オンライン -> 読売新聞); agency datelines
    (【北京共同】) -> dateline and wire (:mod:`storyline.text.ja_outlets`)."""
    for article in result.articles:
        article.outlet = canonical_outlet(article.outlet)
        if article.language == "ja" and not article.dateline:
            place, wire, body = split_ja_wire(article.body)
            if place:
                article.dateline, article.body = place, body.strip()
                article.wire = article.wire or wire


def _fill_language(result: ExtractResult) -> None:
    for article in result.articles:
        if not article.language:
            article.language = detect_language(f"{article.title or ''}\n{article.body}")
