"""The one record the stories stage works on."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(slots=True)
class StoryDoc:
    """An article as the stories stage sees it: text, source, times and canonical keys.

    ``entity_keys``/``event_keys`` come from enrichment (empty when it did not run);
    clustering works on text alone and uses them as extra evidence when present.
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

    @property
    def when(self) -> datetime | None:
        """Best time we know for it: publication, else fetch time."""
        return self.published or self.fetched_at
