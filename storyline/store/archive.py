"""An article's stored facts as plain data, and back: what ``export --with-facts`` / ``import`` carry.

``article_facts(id)`` reads everything enrichment stored for one article, by keys (entities by
their key, events by their key), never by row ids, so it can be written into another store;
``import_article(article, archived)`` writes an article with those facts in one transaction.
Nothing is recomputed on the way: an imported article has exactly the facts it was exported with.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update

from storyline.models import Article
from storyline.store.articles import _article_values
from storyline.store.schema import (
    article_versions,
    articles,
    entities,
    entity_aliases,
    event_participants,
    event_sources,
    events,
    mentions,
    roles,
)

ARTICLE_EXTRAS = ("published_text", "subtitle", "tags", "extra", "quality_evidence", "enriched_at", "first_seen")


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def _time(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) and value else None


class ArchiveMixin:
    engine: Any

    def article_facts(self, article_id: int) -> dict[str, Any]:
        """The article's own stored fields beyond the export record, and its facts, keyed by keys."""
        with self.connect() as conn:
            art = conn.execute(select(*(articles.c[c] for c in ARTICLE_EXTRAS))
                               .where(articles.c.id == article_id)).mappings().first()
            if art is None:
                return {}
            ment = conn.execute(select(mentions, entities.c.key.label("entity"))
                                .join(entities, entities.c.id == mentions.c.entity_id)
                                .where(mentions.c.article_id == article_id).order_by(mentions.c.id)).mappings().all()
            org = entities.alias("org")
            role_rows = conn.execute(
                select(roles, entities.c.key.label("person"), org.c.key.label("organization_key"))
                .join(entities, entities.c.id == roles.c.person_id)
                .outerjoin(org, org.c.id == roles.c.organization_id)
                .where(roles.c.article_id == article_id).order_by(roles.c.id)).mappings().all()
            ev_rows = conn.execute(
                select(events, event_sources.c.sentence, event_sources.c.date_text.label("source_date_text"),
                       event_sources.c.status.label("source_status"), event_sources.c.flagged)
                .join(event_sources, event_sources.c.event_id == events.c.id)
                .where(event_sources.c.article_id == article_id).order_by(events.c.key)).mappings().all()
            parts: dict[int, list[str]] = {}
            for row in conn.execute(select(event_participants.c.event_id, entities.c.key)
                                    .join(entities, entities.c.id == event_participants.c.entity_id)
                                    .where(event_participants.c.event_id.in_([e["id"] for e in ev_rows]))):
                parts.setdefault(row.event_id, []).append(row.key)
            keys = {m["entity"] for m in ment} | {r["person"] for r in role_rows}
            keys |= {r["organization_key"] for r in role_rows if r["organization_key"]}
            keys |= {k for ks in parts.values() for k in ks}
            ents = conn.execute(select(entities).where(entities.c.key.in_(sorted(keys)))
                                .order_by(entities.c.key)).mappings().all()
            aliases: dict[int, list[str]] = {}
            for row in conn.execute(select(entity_aliases).where(
                    entity_aliases.c.entity_id.in_([e["id"] for e in ents]))):
                aliases.setdefault(row.entity_id, []).append(row.alias)
        return {
            **{c: _iso(art[c]) for c in ARTICLE_EXTRAS},
            "entities": [{"key": e["key"], "name": e["name"], "type": e["type"], "attrs": e["attrs"] or {},
                          "aliases": sorted(aliases.get(e["id"], []))} for e in ents],
            "mentions": [{k: m[k] for k in ("entity", "text", "start", "end", "sentence", "label", "metonym")}
                         for m in ment],
            "roles": [{**{k: r[k] for k in ("person", "office", "organization_key", "organization", "status",
                                             "sentence", "flagged")}, "as_of": _iso(r["as_of"])}
                      for r in role_rows],
            "events": [{**{k: e[k] for k in ("key", "type", "plover", "date", "date_text", "date_note", "place",
                                             "status", "sentence", "source_date_text", "source_status",
                                             "flagged")},
                        "attrs": e["attrs"] or {}, "first_seen": _iso(e["first_seen"]),
                        "participants": sorted(parts.get(e["id"], []))} for e in ev_rows],
        }

    def import_article(
        self, article: Article, record: dict[str, Any], archived: dict[str, Any] | None
    ) -> tuple[int, str]:
        """Store one exported article (and its facts when archived); ``status`` as ``upsert_article``.

        An article already present with the same text is left as it is ("unchanged").
        """
        with self.begin() as conn:
            row = conn.execute(select(articles.c.id, articles.c.body_hash).where(articles.c.key == article.key)).first()
            if row is not None and row.body_hash == article.body_hash:
                return row.id, "unchanged"
            values = _values(article, record, archived)
            if row is None:
                aid = conn.execute(insert(articles).values(key=article.key, **values)).inserted_primary_key[0]
                status = "new"
            else:
                aid, status = row.id, "version"
                conn.execute(update(articles).where(articles.c.id == aid).values(**values))
            conn.execute(
                insert(article_versions).values(
                    article_id=aid,
                    version=values["version"],
                    raw_page_id=None,
                    title=article.title,
                    body=article.body,
                    body_hash=article.body_hash,
                )
            )
            if archived is not None:
                _write_facts(conn, aid, archived)
        self.set_tags(aid, list(record.get("hashtags") or []))
        return aid, status


def _values(article: Article, record: dict[str, Any], archived: dict[str, Any] | None) -> dict[str, Any]:
    values = _article_values(article)
    values.update(
        quality_flags=list(record.get("quality_flags") or []),
        hashtags=list(record.get("hashtags") or []),
        keyphrases=list(record.get("keyphrases") or []),
        topics=list(record.get("topics") or []),
        version=int(record.get("version") or 1),
        raw_page_id=None,
    )
    if archived is not None:
        values.update(
            published_text=archived.get("published_text"),
            subtitle=archived.get("subtitle"),
            tags=list(archived.get("tags") or []),
            extra=dict(archived.get("extra") or {}),
            quality_evidence=dict(archived.get("quality_evidence") or {}),
            enriched_at=_time(archived.get("enriched_at")),
        )
        if archived.get("first_seen"):
            values["first_seen"] = values["updated_at"] = _time(archived["first_seen"])
    return values


def _write_facts(conn, article_id: int, facts: dict[str, Any]) -> None:
    conn.execute(delete(mentions).where(mentions.c.article_id == article_id))
    conn.execute(delete(roles).where(roles.c.article_id == article_id))
    conn.execute(delete(event_sources).where(event_sources.c.article_id == article_id))
    ids: dict[str, int] = {}
    for ent in facts.get("entities", []):
        row = conn.execute(select(entities.c.id).where(entities.c.key == ent["key"])).first()
        eid = (
            row.id
            if row
            else conn.execute(
                insert(entities).values(
                    key=ent["key"], name=ent["name"], type=ent["type"], attrs=ent.get("attrs") or {}
                )
            ).inserted_primary_key[0]
        )
        ids[ent["key"]] = eid
        have = set(conn.execute(select(entity_aliases.c.alias).where(entity_aliases.c.entity_id == eid)).scalars())
        fresh = [{"entity_id": eid, "alias": a} for a in sorted(set(ent.get("aliases") or []) - have)]
        if fresh:
            conn.execute(insert(entity_aliases), fresh)
    rows = [
        {
            "article_id": article_id,
            "entity_id": ids[m["entity"]],
            **{k: m[k] for k in ("text", "start", "end", "sentence", "label", "metonym")},
        }
        for m in facts.get("mentions", [])
        if m["entity"] in ids
    ]
    if rows:
        conn.execute(insert(mentions), rows)
    rows = [
        {
            "article_id": article_id,
            "person_id": ids[r["person"]],
            "organization_id": ids.get(r["organization_key"] or ""),
            "as_of": _time(r["as_of"]),
            **{k: r[k] for k in ("office", "organization", "status", "sentence", "flagged")},
        }
        for r in facts.get("roles", [])
        if r["person"] in ids
    ]
    if rows:
        conn.execute(insert(roles), rows)
    for ev in facts.get("events", []):
        row = conn.execute(select(events.c.id).where(events.c.key == ev["key"])).first()
        event_id = (
            row.id
            if row
            else conn.execute(
                insert(events).values(
                    first_seen=_time(ev.get("first_seen")) or datetime.now().astimezone(),
                    attrs=ev.get("attrs") or {},
                    **{
                        k: ev[k] for k in ("key", "type", "plover", "date", "date_text", "date_note", "place", "status")
                    },
                )
            ).inserted_primary_key[0]
        )
        have = set(
            conn.execute(
                select(event_participants.c.entity_id).where(event_participants.c.event_id == event_id)
            ).scalars()
        )
        fresh = sorted({ids[p] for p in ev.get("participants", []) if p in ids} - have)
        if fresh:
            conn.execute(insert(event_participants), [{"event_id": event_id, "entity_id": e} for e in fresh])
        conn.execute(
            insert(event_sources).values(
                event_id=event_id,
                article_id=article_id,
                sentence=ev["sentence"],
                date_text=ev["source_date_text"],
                status=ev["source_status"],
                flagged=ev["flagged"],
            )
        )
