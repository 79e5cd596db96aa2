"""Plain records shared by every stage.

Nothing here does I/O and nothing here imports the rest of ``storyline``. Stages hand these
records along: ingest makes :class:`FetchedPage`, extract turns one page into an
:class:`ExtractResult` (articles and headline-only links), enrich adds an :class:`Enrichment`
to an article, stories groups articles into :class:`Story` records. ``pipeline.py`` is the only
place that writes them to the store.

All datetimes are timezone-aware (UTC unless the page said otherwise).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

# ---------------------------------------------------------------------------- ingest


@dataclass(slots=True)
class FetchedPage:
    """Raw bytes of one page as fetched, before any interpretation.

    ``source`` is where it came from as the user named it (a file path, a URL, a feed URL);
    ``url`` is the page's own address when known (the final URL after redirects, a JSONL/WARC
    record's ``url``, a feed entry's link), else ``None``.
    ``kind`` tells extract how to read the bytes: ``"html"``, ``"text"`` (a plain-text dump of
    a rendered page, like the seeds) or ``"feed"``.
    """

    source: str
    content: bytes
    fetched_at: datetime
    url: str | None = None
    status: int | None = None
    content_type: str | None = None
    kind: str = "html"
    encoding: str | None = None  # declared or sniffed; extract decodes with it
    headers: dict[str, str] = field(default_factory=dict)
    feed_entry: dict[str, Any] | None = None  # title/published/author from the feed, if any

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


@dataclass(slots=True)
class IngestProblem:
    """A named outcome for an input that gave no page (unreachable, malformed, too large...).

    ``kind`` is a short stable slug ("not-found", "empty", "binary", "too-large", "timeout",
    "robots", "blocked-address", "bad-gzip", "malformed-feed", "http-error", ...).
    ``content`` keeps whatever raw bytes there were, so nothing is lost.
    """

    source: str
    kind: str
    message: str
    content: bytes | None = None
    retry_after: float | None = None  # seconds the server asked us to wait (HTTP 429/503 Retry-After)


# ---------------------------------------------------------------------------- extract


@dataclass(slots=True)
class Link:
    """A headline-only item on a page (ranking list, "popular articles"): kept, not an article."""

    title: str
    url: str | None = None
    outlet: str | None = None
    section: str | None = None  # the list's own heading, e.g. "JN ACCESS RANKING"
    position: int = 0


@dataclass(slots=True)
class Article:
    """One article as extracted from a page (a page may hold several)."""

    body: str
    source: str  # the file path or URL the page came from
    position: int = 0  # order on its page, from 0
    url: str | None = None  # the article's own URL when known
    title: str | None = None
    title_inferred: bool = False
    subtitle: str | None = None
    outlet: str | None = None
    wire: str | None = None  # "Kyodo", "Jiji Press", "Reuters", "AP", "AFP"...
    authors: list[str] = field(default_factory=list)
    dateline: str | None = None  # "BRUSSELS", "Gyeongju, South Korea"
    published: datetime | None = None
    published_text: str | None = None  # the page's own words for the time
    relative_age: str | None = None  # as shown: "4 hours ago"
    fetched_at: datetime | None = None
    language: str | None = None
    photo_caption: str | None = None
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)  # tags the page itself gives
    quality_flags: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # e.g. "facts_table": [[name, desc]]

    @property
    def key(self) -> str:
        """Stable identity across re-fetches: its own URL, else page + headline (or lead)."""
        if self.url and self.position == 0 and not self.extra.get("from_multi_article_page"):
            basis = "url|" + self.url
        else:
            anchor = self.title or self.body[:200]
            basis = f"page|{self.url or self.source}|{normalize_text(anchor)}"
            if self.extra.get("occurrence"):  # the same headline twice on one page
                basis += f"|{self.extra['occurrence']}"
        return hashlib.sha1(basis.encode("utf-8")).hexdigest()

    @property
    def body_hash(self) -> str:
        return hashlib.sha1(normalize_text(self.body).encode("utf-8")).hexdigest()


@dataclass(slots=True)
class ExtractResult:
    """What extract makes of one page. No article is an outcome ("no-article"), not an error."""

    articles: list[Article] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    chrome: list[str] = field(default_factory=list)  # lines recognised as site furniture
    outcome: str = "ok"  # "ok", "no-article", "not-html", "decode-error", ...
    message: str | None = None
    page_type: str | None = None  # HTML: "article", "listing", "collection", "product", "forum", ...


# ---------------------------------------------------------------------------- enrich


@dataclass(slots=True)
class Entity:
    """A canonical real-world entity. ``key`` is deterministic ("person:iwaya takeshi",
    "country:KOR", "org:nato"), so articles enriched apart resolve to the same record."""

    key: str
    name: str
    type: str  # PERSON, COUNTRY, CITY, ORG, GOV_BODY, INTL_ORG, LOC, MISC
    aliases: list[str] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Mention:
    entity_key: str
    text: str
    start: int  # character offsets in the article body
    end: int
    sentence: str
    label: str | None = None  # the NER label or gazetteer it came from
    metonym: bool = False  # a capital standing for its government


@dataclass(slots=True)
class Role:
    person_key: str
    person: str
    office: str  # "Foreign Minister"
    organization_key: str | None  # "country:JPN", "org:nato"
    organization: str | None  # "Japan"
    as_of: datetime | None  # the article's publication time (or unresolved)
    status: str = "current"  # current, former, new, incoming
    sentence: str = ""


@dataclass(slots=True)
class Event:
    type: str  # PLOVER type lower-case or our extension: meeting, phone_call, visit, ...
    participants: list[str]  # entity keys
    sentence: str
    date: str | None = None  # ISO date (YYYY-MM-DD) or None
    date_text: str | None = None  # "on Tuesday", "July 29"
    date_note: str | None = None  # why unresolved
    place: str | None = None
    place_key: str | None = None
    status: str = "happened"  # happened, planned, reported
    plover: str | None = None  # the PLOVER type it maps to
    attrs: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """Same type + same participants + same date = same event across articles."""
        parts = "|".join(sorted(self.participants))
        return hashlib.sha1(f"{self.type}|{parts}|{self.date or ''}".encode()).hexdigest()[:20]


@dataclass(slots=True)
class Enrichment:
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    hashtags: list[str] = field(default_factory=list)  # ranked, without '#'
    keyphrases: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)  # taxonomy ids
    quality_flags: list[str] = field(default_factory=list)
    quality_evidence: dict[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------------------- stories


@dataclass(slots=True)
class Story:
    id: int | None
    title: str
    article_ids: list[int] = field(default_factory=list)
    first_seen: datetime | None = None
    updated: datetime | None = None


# ---------------------------------------------------------------------------- helpers

_WS = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """Case-, width- and whitespace-folded text, for hashing and comparing."""
    text = unicodedata.normalize("NFKC", text or "")
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return _WS.sub(" ", text).strip().lower()
