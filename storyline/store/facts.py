"""Entities, mentions, roles and events: the enrichment of each article, every fact with its sentence."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, delete, func, insert, or_, select, update

from storyline.models import Enrichment
from storyline.store.schema import (
    articles,
    entities,
    entity_aliases,
    event_participants,
    event_sources,
    events,
    mentions,
    roles,
)


def _chunks(items: list, size: int = 500):
    """``items`` in slices of ``size``: the bound of one ``IN (...)`` list."""
    return (items[i:i + size] for i in range(0, len(items), size))


class FactsMixin:
    engine: Any

    def _entity_ids(self, conn, enrichment: Enrichment) -> dict[str, int]:
        """Upsert the article's entities by key; merge aliases. Returns key -> id.

        One query for the stored ids of all the article's keys and one for their aliases (it was
        two or three queries per entity, most of the store's time for an enriched article); new
        entities are inserted in the article's order, as before."""
        keys = list(dict.fromkeys(ent.key for ent in enrichment.entities))
        ids: dict[str, int] = {}
        for chunk in _chunks(keys):
            ids.update(conn.execute(select(entities.c.key, entities.c.id).where(entities.c.key.in_(chunk))).all())
        have: dict[int, set[str]] = {}
        known = list(ids.values())
        for chunk in _chunks(known):
            for eid, alias in conn.execute(select(entity_aliases.c.entity_id, entity_aliases.c.alias)
                                           .where(entity_aliases.c.entity_id.in_(chunk))):
                have.setdefault(eid, set()).add(alias)
        new: dict[str, dict] = {}  # the first entity of each new key, in the article's order
        for ent in enrichment.entities:
            if ent.key not in ids and ent.key not in new:
                new[ent.key] = dict(key=ent.key, name=ent.name, type=ent.type, attrs=ent.attrs or {})
        if new:  # one statement for all (it was one per entity); ids handed back in the rows' order
            stmt = insert(entities).returning(entities.c.key, entities.c.id, sort_by_parameter_order=True)
            ids.update(conn.execute(stmt, list(new.values())).all())
        fresh: list[dict] = []
        for ent in enrichment.entities:
            eid = ids[ent.key]
            seen = have.setdefault(eid, set())
            names = {a[:300] for a in [ent.name, *ent.aliases] if a}  # as stored
            for alias in sorted(names - seen):
                fresh.append(dict(entity_id=eid, alias=alias))
                seen.add(alias)
        if fresh:
            conn.execute(insert(entity_aliases), fresh)
        return ids

    def save_enrichment(self, article_id: int, enrichment: Enrichment) -> None:
        """Replace the article's facts with ``enrichment`` (re-enrichment is idempotent)."""
        with self.begin() as conn:
            art = conn.execute(select(articles.c.extra).where(articles.c.id == article_id)).first()
            # the extractor's own flags plus this enrichment's: a re-enrichment replaces, never accumulates
            extracted = (art.extra or {}).get("extract_quality_flags", []) if art else []
            flags = sorted(set(extracted) | set(enrichment.quality_flags))
            flagged = bool(flags)
            conn.execute(delete(mentions).where(mentions.c.article_id == article_id))
            conn.execute(delete(roles).where(roles.c.article_id == article_id))
            conn.execute(delete(event_sources).where(event_sources.c.article_id == article_id))
            ids = self._entity_ids(conn, enrichment)
            rows = [dict(article_id=article_id, entity_id=ids[m.entity_key], text=m.text, start=m.start, end=m.end,
                         sentence=m.sentence, label=m.label, metonym=m.metonym)
                    for m in enrichment.mentions if m.entity_key in ids]
            if rows:
                conn.execute(insert(mentions), rows)
            role_rows = [dict(article_id=article_id, person_id=ids[r.person_key], office=r.office,
                              organization_id=ids.get(r.organization_key or ""), organization=r.organization,
                              as_of=r.as_of, status=r.status, sentence=r.sentence, flagged=flagged)
                         for r in enrichment.roles if r.person_key in ids]
            if role_rows:
                conn.execute(insert(roles), role_rows)
            self._save_events(conn, article_id, enrichment.events, ids, flagged)
            conn.execute(update(articles).where(articles.c.id == article_id).values(
                quality_flags=flags, quality_evidence=enrichment.quality_evidence or {},
                hashtags=list(enrichment.hashtags), keyphrases=list(enrichment.keyphrases),
                topics=list(enrichment.topics), enriched_at=datetime.now(UTC)))
        self.set_tags(article_id, enrichment.hashtags)

    def _save_events(self, conn, article_id: int, evs: list, ids: dict[str, int], flagged: bool) -> None:
        """Upsert the article's events by key, add their participants and this article as a source.

        A few statements for all the events (it was four or five per event): the stored events and
        their participants read at once, new events inserted in the article's order (ids handed
        back in the rows' order), a stored event's missing place filled as before."""
        if not evs:
            return
        keys = list(dict.fromkeys(ev.key for ev in evs))
        known: dict[str, list] = {}  # key -> [id, place]
        for chunk in _chunks(keys):
            for key, eid, place in conn.execute(
                select(events.c.key, events.c.id, events.c.place).where(events.c.key.in_(chunk))
            ):
                known[key] = [eid, place]
        new: dict[str, dict] = {}
        for ev in evs:
            if ev.key not in known and ev.key not in new:
                new[ev.key] = dict(key=ev.key, type=ev.type, plover=ev.plover, date=ev.date, date_text=ev.date_text,
                                   date_note=ev.date_note, place=ev.place, status=ev.status, attrs=ev.attrs or {})
        have: dict[int, set[int]] = {}
        stored = [v[0] for v in known.values()]
        for chunk in _chunks(stored):
            for eid, entity_id in conn.execute(select(event_participants.c.event_id, event_participants.c.entity_id)
                                               .where(event_participants.c.event_id.in_(chunk))):
                have.setdefault(eid, set()).add(entity_id)
        inserted: set[str] = set()
        if new:
            stmt = insert(events).returning(events.c.key, events.c.id, sort_by_parameter_order=True)
            for key, eid in conn.execute(stmt, list(new.values())).all():
                known[key] = [eid, new[key]["place"]]
                inserted.add(key)
        participants: list[dict] = []
        sources: list[dict] = []
        for ev in evs:
            entry = known[ev.key]
            event_id = entry[0]
            if ev.key in inserted:
                inserted.discard(ev.key)  # its first occurrence: inserted with its own place
            elif ev.place and entry[1] is None:  # a stored event's place is filled once, never replaced
                conn.execute(
                    update(events).where(events.c.id == event_id, events.c.place.is_(None)).values(place=ev.place)
                )
                entry[1] = ev.place
            seen = have.setdefault(event_id, set())
            fresh = {ids[p] for p in ev.participants if p in ids} - seen
            participants += [dict(event_id=event_id, entity_id=e) for e in sorted(fresh)]
            seen |= fresh
            sources.append(dict(event_id=event_id, article_id=article_id, sentence=ev.sentence,
                                date_text=ev.date_text, status=ev.status, flagged=flagged))
        if participants:
            conn.execute(insert(event_participants), participants)
        conn.execute(insert(event_sources), sources)

    # -- reads
    def article_fact_keys(self, article_id: int) -> tuple[set[str], set[str]]:
        """(entity keys, event keys) of one article, for story assignment."""
        return self.fact_keys_of([article_id])[article_id]

    def fact_keys_of(self, article_ids: list[int]) -> dict[int, tuple[set[str], set[str]]]:
        """``{article id: (entity keys, event keys)}`` for many articles in two queries."""
        out: dict[int, tuple[set[str], set[str]]] = {i: (set(), set()) for i in article_ids}
        with self.connect() as conn:
            for start in range(0, len(article_ids), 500):
                chunk = article_ids[start : start + 500]
                for aid, key in conn.execute(
                    select(mentions.c.article_id, entities.c.key)
                    .join(entities, entities.c.id == mentions.c.entity_id)
                    .where(mentions.c.article_id.in_(chunk))
                ):
                    out[aid][0].add(key)
                for aid, key in conn.execute(
                    select(event_sources.c.article_id, events.c.key)
                    .join(events, events.c.id == event_sources.c.event_id)
                    .where(event_sources.c.article_id.in_(chunk))
                ):
                    out[aid][1].add(key)
        return out

    def find_entities(self, name: str, limit: int = 10) -> list[dict]:
        """Entities whose name or alias matches (exact, case-folded first; then substring)."""
        low = name.strip().lower()
        with self.connect() as conn:
            exact = select(entities).where(
                or_(
                    func.lower(entities.c.name) == low,
                    entities.c.key == name,
                    entities.c.id.in_(
                        select(entity_aliases.c.entity_id).where(func.lower(entity_aliases.c.alias) == low)
                    ),
                )
            )
            rows = conn.execute(exact.limit(limit)).all()
            if not rows:
                like = f"%{low}%"
                rows = conn.execute(
                    select(entities)
                    .where(
                        or_(
                            func.lower(entities.c.name).like(like),
                            entities.c.id.in_(
                                select(entity_aliases.c.entity_id).where(func.lower(entity_aliases.c.alias).like(like))
                            ),
                        )
                    )
                    .limit(limit)
                ).all()
        return [dict(r._mapping) for r in rows]

    def get_entity(self, entity_id: int) -> dict | None:
        with self.connect() as conn:
            row = conn.execute(select(entities).where(entities.c.id == entity_id)).first()
            if row is None:
                return None
            out = dict(row._mapping)
            out["aliases"] = sorted(
                conn.execute(select(entity_aliases.c.alias).where(entity_aliases.c.entity_id == entity_id)).scalars()
            )
            out["mention_count"] = conn.execute(
                select(func.count()).select_from(mentions).where(mentions.c.entity_id == entity_id)
            ).scalar()
        return out

    def list_entities(self, *, type: str | None = None, limit: int = 100, offset: int = 0) -> list[dict]:
        count = func.count(func.distinct(mentions.c.article_id)).label("articles")
        query = (
            select(entities.c.id, entities.c.key, entities.c.name, entities.c.type, count)
            .join(mentions, mentions.c.entity_id == entities.c.id, isouter=True)
            .group_by(entities.c.id)
            .order_by(count.desc(), entities.c.name)
            .limit(limit)
            .offset(offset)
        )
        if type:
            query = query.where(entities.c.type == type.upper())
        with self.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def entity_aliases(self, entity_ids: list[int]) -> dict[int, list[str]]:
        out: dict[int, list[str]] = {i: [] for i in entity_ids}
        with self.connect() as conn:
            for eid, alias in conn.execute(
                select(entity_aliases.c.entity_id, entity_aliases.c.alias).where(
                    entity_aliases.c.entity_id.in_(entity_ids)
                )
            ):
                out[eid].append(alias)
        return out

    def article_mentions(self, article_id: int) -> list[dict]:
        query = (
            select(
                mentions,
                entities.c.name.label("entity_name"),
                entities.c.type.label("entity_type"),
                entities.c.key.label("entity_key"),
            )
            .join(entities, entities.c.id == mentions.c.entity_id)
            .where(mentions.c.article_id == article_id)
            .order_by(mentions.c.start)
        )
        with self.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def list_roles(
        self,
        *,
        person_id: int | None = None,
        office: str | None = None,
        include_flagged: bool = False,
        limit: int = 1000,
    ) -> list[dict]:
        person = entities.alias("person")
        query = (
            select(roles, person.c.name.label("person"), person.c.key.label("person_key"))
            .join(person, person.c.id == roles.c.person_id)
            .order_by(roles.c.as_of.is_(None), roles.c.as_of, roles.c.id)
            .limit(limit)
        )
        if person_id is not None:
            query = query.where(roles.c.person_id == person_id)
        if office:
            query = query.where(func.lower(roles.c.office) == office.lower())
        if not include_flagged:
            query = query.where(roles.c.flagged.is_(False))
        with self.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def list_events(
        self,
        *,
        type: str | None = None,
        since: str | None = None,
        until: str | None = None,
        entity_id: int | None = None,
        article_ids: list[int] | None = None,
        include_flagged: bool = False,
        limit: int = 200,
        offset: int = 0,
    ) -> list[dict]:
        """Events with participants and sources; an event only seen in flagged articles is left out
        unless ``include_flagged``."""
        query = select(events).order_by(events.c.date.is_(None), events.c.date.desc(), events.c.id.desc())
        if type:
            query = query.where(events.c.type == type)
        if since:
            query = query.where(events.c.date >= since)
        if until:
            query = query.where(events.c.date <= until)
        if entity_id is not None:
            query = query.where(
                events.c.id.in_(
                    select(event_participants.c.event_id).where(event_participants.c.entity_id == entity_id)
                )
            )
        src = select(event_sources.c.event_id)
        if not include_flagged:
            src = src.where(event_sources.c.flagged.is_(False))
        if article_ids is not None:
            src = src.where(event_sources.c.article_id.in_(article_ids))
        query = query.where(events.c.id.in_(src)).limit(limit).offset(offset)
        with self.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(query)]
            self._attach_event_details(conn, rows, include_flagged)
        return rows

    def _attach_event_details(self, conn, rows: list[dict], include_flagged: bool) -> None:
        ids = [r["id"] for r in rows]
        if not ids:
            return
        parts: dict[int, list[dict]] = {i: [] for i in ids}
        for r in conn.execute(
            select(event_participants.c.event_id, entities.c.id, entities.c.name, entities.c.key, entities.c.type)
            .join(entities, entities.c.id == event_participants.c.entity_id)
            .where(event_participants.c.event_id.in_(ids))
        ):
            parts[r.event_id].append(dict(id=r.id, name=r.name, key=r.key, type=r.type))
        srcs: dict[int, list[dict]] = {i: [] for i in ids}
        cond = [event_sources.c.event_id.in_(ids)]
        if not include_flagged:
            cond.append(event_sources.c.flagged.is_(False))
        for r in conn.execute(
            select(
                event_sources,
                articles.c.outlet,
                articles.c.wire,
                articles.c.title,
                articles.c.published,
                articles.c.duplicate_of,
            )
            .join(articles, articles.c.id == event_sources.c.article_id)
            .where(and_(*cond))
        ):
            srcs[r.event_id].append(dict(r._mapping))
        for row in rows:
            row["participants"] = parts[row["id"]]
            row["sources"] = srcs[row["id"]]
            # independent outlets: a wire story re-published by ten outlets is one source
            originals = {
                s["wire"] or s["outlet"] or f"a{s['article_id']}" for s in srcs[row["id"]] if s["duplicate_of"] is None
            }
            row["independent_sources"] = len(originals) or min(1, len(srcs[row["id"]]))
