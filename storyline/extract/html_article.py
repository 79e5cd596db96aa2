"""One :class:`~storyline.models.Article` from an HTML page's main text and metadata.

Shared by the single-article path (:mod:`storyline.extract.html`) and the multi-article splitter
(:mod:`storyline.extract.htmlsplit`): the header lines above the story are dropped
(:mod:`storyline.extract.html_lead`), the wire credit, author line and dateline are split off
the body (:mod:`storyline.extract.meta`), byline names are sorted into people, wire and outlet
(:mod:`storyline.extract.bylines`).
"""

from __future__ import annotations

import logging
from datetime import datetime

from storyline.extract import meta
from storyline.extract.bylines import clean_credits, is_site_name
from storyline.extract.html_body import drop_repeated_paragraphs
from storyline.extract.html_dates import PubDate
from storyline.extract.html_lead import split_lead
from storyline.extract.html_meta import PageMeta
from storyline.extract.textdump import infer_title
from storyline.models import Article

log = logging.getLogger(__name__)
MIN_BODY_WORDS = 15  # less than a couple of sentences is not an article


def split_credits(body: str) -> tuple[dict, str]:
    """Wire credit, author line and dateline split off the body by the shared helpers."""
    found: dict = {"wire": None, "authors": [], "dateline": None, "time_text": None}
    if not body:
        return found, body
    for name, helper in (("wire", meta.split_wire), ("authors", meta.split_authors)):
        try:
            value, rest = helper(body)
        except Exception:  # a helper bug must not cost the article
            log.exception("meta.%s failed", helper.__name__)
            continue
        if rest.strip():
            found[name], body = value, rest
    try:
        found["wire"] = found["wire"] or meta.dateline_wire(body)
        place, time_text, rest = meta.split_dateline(body)
        if rest.strip():
            found["dateline"], found["time_text"], body = place, time_text, rest
    except Exception:
        log.exception("meta.split_dateline failed")
    return found, body


def _published(pub: PubDate | None, time_text: str | None) -> tuple[datetime | None, str | None, str | None]:
    """(published, published_text, precision): markup first, then a dateline's own time."""
    if pub is not None:
        return pub.when, pub.text, pub.precision
    if time_text:
        try:
            when = meta.parse_absolute_time(time_text)
        except Exception:  # noqa: BLE001 - a helper bug must not cost the page
            when = None
        if when is not None:
            precision = "day" if (when.hour, when.minute, when.second) == (0, 0, 0) else "minute"
            return when, time_text, precision
    return None, None, None


def build_article(
    body: str, pm: PageMeta, pub: PubDate | None, *, source: str, url: str | None, fetched_at: datetime | None
) -> Article:
    """One Article from a main text and the page's metadata."""
    paragraphs, subtitle = split_lead(drop_repeated_paragraphs([p for p in body.split("\n\n") if p.strip()]), pm.title)
    credits, body = split_credits("\n\n".join(paragraphs))
    published, published_text, precision = _published(pub, credits["time_text"])
    extra = {"published_precision": precision} if precision else {}
    if pm.description:
        extra["description"] = pm.description
    title, inferred = pm.title, False
    if title and is_site_name(title, pm.sitename, pm.url or url):
        title = None  # a generic <title> naming only the site: the page prints no headline
    if not title and body.strip():
        title, inferred = infer_title(body), True
    authors, wire, outlet = clean_credits(
        pm.authors or list(credits["authors"] or []), credits["wire"], pm.sitename, pm.url or url
    )
    return Article(
        body=body.strip(),
        source=source,
        url=pm.url or url,
        title=title,
        title_inferred=inferred,
        subtitle=subtitle,
        outlet=outlet,
        wire=wire,
        authors=authors,
        dateline=credits["dateline"],
        published=published,
        published_text=published_text,
        fetched_at=fetched_at,
        language=pm.language,
        categories=pm.categories,
        tags=pm.tags,
        extra=extra,
    )
