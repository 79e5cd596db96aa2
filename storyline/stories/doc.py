"""The one record the stories stage works on."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

from storyline.models import normalize_text

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
