"""Event facts per article for the cross-language story signal (types and dates, not keys)."""

from __future__ import annotations

from sqlalchemy import select

from storyline.store.schema import event_sources, events


class CrossFactsMixin:
    def article_event_facts(self, article_id: int) -> set[tuple[str, str | None]]:
        """(event type, ISO date or None) of every event one article reports."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(events.c.type, events.c.date)
                                .join(event_sources, event_sources.c.event_id == events.c.id)
                                .where(event_sources.c.article_id == article_id)).all()
        return {(t, d) for t, d in rows}
