"""The one record the stories stage works on."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

from storyline.models import normalize_text
from storyline.text.times import as_utc

_NON_WORD = re.compile(r"[\W_]+")


def _bare(text: str) -> str:
    return _NON_WORD.sub(" ", normalize_text(text).casefold()).strip()


@dataclass(slots=True)
class StoryDoc:
    """An article as the stories stage sees it: text, source, times and canonical keys.

    ``entity_keys``/``event_keys`` come from enrichment (empty when it did not run);
    clustering works on text alone and uses them, and ``embedding``, as extra evidence when present.
    """

    article_id: int
    title: str | None
    body: str
    outlet: str | None = None
    published: datetime | None = None
    fetched_at: datetime | None = None
    entity_keys: set[str] = field(default_factory=set)
    event_keys: set[str] = field(default_factory=set)
    hashtags: list[str] = field(default_factory=list)
    title_inferred: bool = False  # the title was made from the body (no headline on the page)
    site_name: str | None = None
    embedding: np.ndarray | None = None  # unit title+lead vector (stories.embed), when available

    @property
    def headline(self) -> str | None:
        """The title when it is a real headline: not made from the body, and not just the name of
        the site or outlet (what a page without a headline often carries in ``<title>``)."""
        title = (self.title or "").strip()
        if not title or self.title_inferred:
            return None
        bare = f" {_bare(title)} "
        for name in (self.outlet, self.site_name):
            name = f" {_bare(name or '')} "
            if name.strip() and name in bare and len(bare.replace(name, " ").split()) <= 2:
                return None  # "The Kanto Herald", "NewsMesh - Latest news"
        return title

    @property
    def when(self) -> datetime | None:
        """Best time we know for it: publication, else fetch time."""
        return self.published or self.fetched_at


def story_doc(row: dict, entity_keys: set[str] | None = None, event_keys: set[str] | None = None) -> StoryDoc:
    """The one way an article becomes a :class:`StoryDoc`: from its stored row (``Store``'s article
    dict) and its fact keys. Story assignment, the start-up rebuild of the story index and the
    read paths (source comparison, related articles) all build it here, so they see the same
    fields. Times are made timezone-aware (UTC) when the store returns them naive."""
    extra = row.get("extra") or {}
    return StoryDoc(article_id=row["id"], title=row.get("title"), body=row.get("body") or "",
                    outlet=row.get("outlet"), published=as_utc(row.get("published")),
                    fetched_at=as_utc(row.get("fetched_at")), entity_keys=set(entity_keys or ()),
                    event_keys=set(event_keys or ()), hashtags=list(row.get("hashtags") or []),
                    title_inferred=bool(row.get("title_inferred")),
                    site_name=extra.get("site_name") if isinstance(extra, dict) else None)


def story_docs(store, rows: list[dict]) -> list[StoryDoc]:
    """:func:`story_doc` for many rows, their fact keys read in one batch."""
    keys = store.fact_keys_of([r["id"] for r in rows])
    return [story_doc(r, *keys.get(r["id"], (set(), set()))) for r in rows]
