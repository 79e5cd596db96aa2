"""Plain-text page dumps -> articles (+ headline-only links).

``extract_text_page`` splits the page into drafts (:mod:`storyline.extract.split`), then reads
each draft's body metadata with the shared helpers in :mod:`storyline.extract.meta`: wire
credit, authors, dateline, leading photo caption, and the publication time (an absolute time
the page prints wins over a relative age resolved against the fetch time; with neither, the
time stays unknown).
"""

from __future__ import annotations

import re
from datetime import datetime

from storyline.extract import meta
from storyline.extract.split import Draft, date_line, is_headline, is_outlet_like, split_page
from storyline.models import Article, ExtractResult

_SENTENCE = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[A-Z\"“‘'])")


def infer_title(body: str, max_words: int = 14) -> str:
    """A stand-in headline for an article the page prints without one: its first sentence,
    cut to ``max_words`` words."""
    lead = body.strip().split("\n", 1)[0]
    first = _SENTENCE.split(lead, 1)[0].strip()
    words = first.split()
    if len(words) > max_words:
        return " ".join(words[:max_words]).rstrip(",;:") + "…"
    return first.rstrip(".")


def _published(
    draft: Draft, time_texts: list[str], fetched_at: datetime | None
) -> tuple[datetime | None, str | None, str | None]:
    """(published, the page's words for it, precision) from the best time the page gives."""
    for text in time_texts:
        value, precision = meta.parse_absolute_time_ex(text)
        if value is not None:
            return value, text, precision
    if draft.relative_age and fetched_at is not None:
        value = meta.resolve_relative_age(draft.relative_age, fetched_at)
        if value is not None:
            return value, draft.relative_age, "relative"
    return None, None, None


_STAMP_BYLINE = re.compile(r"^(?P<time>.{6,60}?)\s*(?:[|·•,]\s*)?\b[Bb]y\s+(?P<names>[A-Z][^\n]{2,80})$")


def _stamp(line: str) -> tuple[str, list[str]] | None:
    """``(time text, authors)`` for a header line giving a time, maybe with a byline
    ("Nov 21, 2026 14:52 (JST) by Emi Takara"), else None."""
    found = date_line(line)
    if found is not None:
        return found, []
    m = _STAMP_BYLINE.match(line.strip())
    if m and date_line(m.group("time").strip()) is not None:
        authors, rest = meta.split_authors("By " + m.group("names"))
        if authors and not rest.strip():
            return date_line(m.group("time").strip()), authors
    return None


def repair_header(draft: Draft) -> None:
    """A site header taken for the article's: the page's real headline is the short line just
    above a time stamp that sits among the body's first lines (all short, unfinished lines:
    section label, headline). The first title then was the site's name (kept as the outlet when
    it reads as one), its "subtitle" the site's tagline; a label above the headline is a category."""
    lines = draft.paragraphs
    for i, line in enumerate(lines[:6]):  # noqa: B007 - i is read after the loop
        stamp = _stamp(line)
        if stamp is not None:
            break
        if not is_headline(line):
            return
    else:
        return
    if i == 0 or not is_headline(lines[i - 1]) or len(lines[i - 1].split()) < 3 or i + 1 >= len(lines):
        return
    if draft.title and is_outlet_like(draft.title) and not draft.outlet:
        draft.outlet = draft.title
    draft.title, draft.subtitle = lines[i - 1], None
    draft.categories.extend(c for c in lines[: i - 1] if len(c.split()) <= 3 and c not in draft.categories)
    draft.time_text = draft.time_text or stamp[0]
    draft.authors.extend(a for a in stamp[1] if a not in draft.authors)
    draft.paragraphs = lines[i + 1 :]


def _read_body(draft: Draft) -> dict:
    """Body text and the metadata read off it (wire, publisher, authors, dateline, caption)."""
    paragraphs = list(draft.paragraphs)
    wire, paragraphs[-1] = meta.split_wire(draft.paragraphs[-1])
    removed = draft.paragraphs[-1].rstrip()[len(paragraphs[-1].rstrip()) :]  # the credit split_wire cut off
    publisher = next((p for p in map(meta.publisher_from_credit, [removed, *draft.credits]) if p), None)
    for credit in draft.credits:
        wire = wire or meta.wire_name(credit)
    first_wire, paragraphs[0] = (
        meta.split_wire(paragraphs[0]) if len(paragraphs) > 1 else (None, paragraphs[0])
    )
    wire = wire or first_wire
    place, time_text, paragraphs[0] = meta.split_dateline(paragraphs[0])
    caption = draft.caption
    if caption is None:
        caption, paragraphs[0] = meta.split_photo_caption(paragraphs[0])
    body = "\n\n".join(p.strip() for p in paragraphs if p.strip())
    authors, body = meta.split_authors(body)
    return {
        "body": body,
        "wire": wire,
        "publisher": publisher,
        "dateline": place,
        "time_text": time_text,
        "caption": caption,
        "authors": authors,
    }


def draft_to_article(
    draft: Draft,
    *,
    position: int,
    source: str,
    url: str | None,
    fetched_at: datetime | None,
    tags: list[str],
    multi: bool,
) -> Article | None:
    """An :class:`Article` from one draft; ``None`` when nothing of a body is left."""
    repair_header(draft)
    read = _read_body(draft)
    if not re.search(r"\w", read["body"]):
        return None  # punctuation alone is no body
    times = [t for t in (draft.time_text, read["time_text"]) if t]
    published, published_text, precision = _published(draft, times, fetched_at)
    title = draft.title
    article = Article(
        body=read["body"],
        source=source,
        position=position,
        url=url if position == 0 else None,
        title=title or infer_title(read["body"]),
        title_inferred=title is None,
        subtitle=draft.subtitle,
        outlet=draft.outlet or read["publisher"],
        wire=read["wire"],
        authors=list(dict.fromkeys(draft.authors + read["authors"])),
        dateline=read["dateline"],
        published=published,
        published_text=published_text,
        relative_age=draft.relative_age,
        fetched_at=fetched_at,
        photo_caption=read["caption"],
        categories=list(draft.categories),
        tags=list(dict.fromkeys([*draft.tags, *tags])),
    )
    if precision:
        article.extra["published_precision"] = precision
    if draft.facts_table:
        article.extra["facts_table"] = draft.facts_table
    if draft.section:
        article.extra["section"] = draft.section
    if multi:
        article.extra["from_multi_article_page"] = True
    return article


def extract_text_page(
    text: str, *, source: str, url: str | None = None, fetched_at: datetime | None = None
) -> ExtractResult:
    """Articles in page order (positions from 0), headline-only links and chrome lines."""
    page = split_page(text or "")
    multi = len(page.drafts) > 1
    articles: list[Article] = []
    for draft in page.drafts:
        article = draft_to_article(
            draft,
            position=len(articles),
            source=source,
            url=url,
            fetched_at=fetched_at,
            tags=page.tags,
            multi=multi,
        )
        if article is not None:
            articles.append(article)
    outcome = "ok" if articles else "no-article"
    message = None if articles else f"{source}: no article text found in the page dump"
    return ExtractResult(
        articles=articles, links=page.links, chrome=page.chrome, outcome=outcome, message=message
    )
