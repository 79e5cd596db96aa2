"""Cross-language story facts: event types and dates per article, the people and offices of a
story's articles, and merging a script-only person into the English record (bilingual aliases)."""

from __future__ import annotations

from sqlalchemy import delete, insert, select, update

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


class CrossFactsMixin:
    def article_event_facts(self, article_id: int) -> set[tuple[str, str | None]]:
        """(event type, ISO date or None) of every event one article reports."""
        with self.connect() as conn:
            rows = conn.execute(select(events.c.type, events.c.date)
                                .join(event_sources, event_sources.c.event_id == events.c.id)
                                .where(event_sources.c.article_id == article_id)).all()
        return {(t, d) for t, d in rows}


    def story_people_roles(self, story_id: int) -> list[dict]:
        """People of a story's articles with the offices the articles give them:
        ``{article_id, language, key, name, office, org_key}`` (office/org None for people with no role)."""
        with self.connect() as conn:
            arts = dict(conn.execute(select(articles.c.id, articles.c.language)
                                     .where(articles.c.story_id == story_id)).all())
            if not arts:
                return []
            org = entities.alias("org")
            rows = conn.execute(
                select(roles.c.article_id, entities.c.key, entities.c.name, roles.c.office, org.c.key)
                .join(entities, entities.c.id == roles.c.person_id)
                .outerjoin(org, org.c.id == roles.c.organization_id)
                .where(roles.c.article_id.in_(list(arts)))).all()
            people = conn.execute(
                select(mentions.c.article_id, entities.c.key, entities.c.name)
                .join(entities, entities.c.id == mentions.c.entity_id)
                .where(mentions.c.article_id.in_(list(arts)), entities.c.type == "PERSON")).all()
        out = [
            {"article_id": a, "language": arts[a], "key": k, "name": n, "office": o, "org_key": ok}
            for a, k, n, o, ok in rows
        ]
        with_role = {(r["article_id"], r["key"]) for r in out}
        out += [
            {"article_id": a, "language": arts[a], "key": k, "name": n, "office": None, "org_key": None}
            for a, k, n in people
            if (a, k) not in with_role
        ]
        return out

    def merge_person_into(self, src_key: str, dst_key: str, article_ids: list[int], alias: str) -> bool:
        """Point ``article_ids``' mentions, roles and event participants of ``src_key`` at ``dst_key``
        and record ``alias`` (the other script's spelling) on ``dst_key``'s record."""
        with self.begin() as conn:
            ids = dict(
                conn.execute(select(entities.c.key, entities.c.id).where(entities.c.key.in_([src_key, dst_key]))).all()
            )
            if src_key not in ids or dst_key not in ids:
                return False
            src, dst = ids[src_key], ids[dst_key]
            conn.execute(
                update(mentions)
                .where(mentions.c.entity_id == src, mentions.c.article_id.in_(article_ids))
                .values(entity_id=dst)
            )
            conn.execute(
                update(roles).where(roles.c.person_id == src, roles.c.article_id.in_(article_ids)).values(person_id=dst)
            )
            evs = select(event_sources.c.event_id).where(event_sources.c.article_id.in_(article_ids))
            have = select(event_participants.c.event_id).where(event_participants.c.entity_id == dst)
            conn.execute(
                update(event_participants)
                .where(
                    event_participants.c.entity_id == src,
                    event_participants.c.event_id.in_(evs),
                    event_participants.c.event_id.not_in(have),
                )
                .values(entity_id=dst)
            )
            conn.execute(
                delete(event_participants).where(
                    event_participants.c.entity_id == src, event_participants.c.event_id.in_(evs)
                )
            )
            known = conn.execute(
                select(entity_aliases.c.alias).where(entity_aliases.c.entity_id == dst, entity_aliases.c.alias == alias)
            ).first()
            if known is None:
                conn.execute(insert(entity_aliases).values(entity_id=dst, alias=alias))
        return True
