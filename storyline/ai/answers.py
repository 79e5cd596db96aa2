"""Structured answers from the fact tables: who held an office, when two parties met, which
outlets reported something. Each returns ``(answer, citations)`` or ``None`` when the facts do
not answer the question (then retrieval answers it). Only unflagged facts are read.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from datetime import UTC, datetime

from storyline.ai.qparse import Question
from storyline.ai.summarize import human_date
from storyline.ai.text import article_sentences, is_clean
from storyline.search import search_articles
from storyline.text.tokens import content_words


def _cite(store, article_id: int, sentence: str) -> dict:
    """A citation with the sentence's offsets in the stored body when it can be found."""
    row = store.get_article(article_id) or {}
    start = (row.get("body") or "").find(sentence)
    out = {"article_id": article_id, "sentence": sentence, "outlet": row.get("outlet"), "title": row.get("title")}
    if start >= 0:
        out.update(start=start, end=start + len(sentence))
    return out


def _utc(d: datetime | None) -> datetime | None:
    return d if d is None or d.tzinfo else d.replace(tzinfo=UTC)


def _clean_ids(store, ids) -> set[int]:
    return {r["id"] for r in store.get_articles(sorted(set(ids))) if is_clean(r)}


def answer_role(store, q: Question) -> tuple[str, list[dict]] | None:
    """Office (+ country) (+ time) -> the person who held it, from role facts dated by ``as_of``."""
    orgs = {e["id"] for e in q.entities if e["type"] in {"COUNTRY", "ORG", "INTL_ORG", "GOV_BODY"}}
    all_roles = [r for r in store.list_roles(office=q.office, limit=100000) if r["status"] != "former"]
    roles = [r for r in all_roles if not orgs or r["organization_id"] in orgs]
    if not roles and orgs:  # the role's organisation was not resolved: the sentence names the country
        names = [a.lower() for ids in store.entity_aliases(sorted(orgs)).values() for a in ids]
        roles = [r for r in all_roles if r["organization_id"] not in orgs and
                 any(re.search(rf"\b{re.escape(n)}\b", r["sentence"].lower()) for n in names)]
    dated = [r for r in roles if r["as_of"] is not None]
    if q.period:
        start, end = q.period
        within = [r for r in dated if start <= _utc(r["as_of"]) <= end]
        before = [r for r in dated if _utc(r["as_of"]) < start]
        pool = within or before[-1:]
    else:
        pool = dated[-1:] or roles[-1:]
    if not pool:
        return None
    latest = max(pool, key=lambda r: (_utc(r["as_of"]) or datetime.min.replace(tzinfo=UTC)))
    same = [r for r in pool if r["person_key"] == latest["person_key"]][-3:]
    others = sorted({r["person"] for r in pool} - {latest["person"]})
    org = latest["organization"] or (q.entities[0]["name"] if q.entities else "")
    when = f" in {q.period_text}" if q.period_text else ""
    verb = "was" if q.period and q.period[1] < datetime.now(UTC) else "is"
    basis = "" if q.period is None or latest in pool and start <= _utc(latest["as_of"]) <= end \
        else f" (latest record before then: {human_date(_utc(latest['as_of']).date().isoformat())})"
    text = f"{latest['person']} {verb} {org + chr(39) + 's ' if org else 'the '}{latest['office']}{when}{basis}."
    if others:
        text += f" Also recorded in that office then: {', '.join(others)}."
    return text, [_cite(store, r["article_id"], r["sentence"]) for r in same]


def answer_person_role(store, q: Question) -> tuple[str, list[dict]] | None:
    person = q.entities[0]
    roles = [r for r in store.list_roles(person_id=person["id"]) if r["status"] != "former"]
    if not roles:
        return None
    r = roles[-1]
    when = f" (as of {human_date(_utc(r['as_of']).date().isoformat())})" if r["as_of"] else ""
    org = f" of {r['organization']}" if r["organization"] else ""
    return f"{person['name']} is {r['office']}{org}{when}.", [_cite(store, r["article_id"], r["sentence"])]


def answer_event_date(store, q: Question) -> tuple[str, list[dict]] | None:
    """Events with every named participant -> their dates, best attested first."""
    first, *rest = q.entities
    want = {e["id"] for e in rest}
    events = [e for e in store.list_events(entity_id=first["id"], limit=1000)
              if want <= {p["id"] for p in e["participants"]} and e["sources"]]
    typed = [e for e in events if e["type"] in q.event_types] if q.event_types else events
    events = [e for e in (typed or events) if e.get("date")]
    if not events:
        return None
    by_date: dict[str, list[dict]] = defaultdict(list)
    for e in events:
        by_date[e["date"]].append(e)
    ranked = sorted(by_date.items(), key=lambda kv: (-sum(len(e["sources"]) for e in kv[1]), -len(kv[0]), kv[0]))
    names = " and ".join(e["name"] for e in q.entities)
    date, evs = ranked[0]
    kind = evs[0]["type"].replace("_", " ")
    place = next((e["place"] for e in evs if e.get("place")), None)
    text = f"{names}: {kind} on {human_date(date)}" + (f" in {place}" if place else "") + "."
    more = [human_date(d) for d, _ in ranked[1:4]]
    if more:
        text += f" Other dated events with them: {', '.join(more)}."
    cites, seen = [], set()
    for e in evs + [e for _, es in ranked[1:4] for e in es]:
        for s in e["sources"]:
            if (s["article_id"], s["sentence"]) not in seen:
                seen.add((s["article_id"], s["sentence"]))
                cites.append(_cite(store, s["article_id"], s["sentence"]))
    return text, cites


def _type_matches(word: str, etype: str) -> bool:
    return any(len(p) >= 4 and (word.startswith(p[:6]) or p.startswith(word[:6])) and min(len(word), len(p)) >= 4
               for p in etype.split("_"))


def _outlet_name(row: dict) -> str:
    if row.get("outlet"):
        return row["outlet"]
    if row.get("wire"):
        return f"{row['wire']} (wire)"
    page = os.path.basename(row.get("url") or row.get("source") or "") or "unknown page"
    return f"outlet unknown (page {page})"


def answer_outlets(store, q: Question) -> tuple[str, list[dict]] | None:
    """Events of the asked type and/or articles matching every topic word -> their outlets."""
    words = content_words(" ".join(q.topic + [e["name"] for e in q.entities]))
    types = [t for t, _ in store.event_types() if any(_type_matches(w, t) for w in q.topic)]
    sentences: dict[int, str] = {}
    terms = [w + "*" for w in dict.fromkeys(re.findall(r"\w+", " ".join(words))) if len(w) > 2]
    matched = set()
    if terms:
        matched = {h["id"] for h in search_articles(store, " ".join(terms), limit=200, facets=False).hits}
    for t in types:
        for ev in store.list_events(type=t, limit=1000):
            for s in ev["sources"]:
                if (
                    not matched
                    or s["article_id"] in matched
                    or not (set(q.topic) - {w for w in q.topic if _type_matches(w, t)})
                ):
                    sentences.setdefault(s["article_id"], s["sentence"])
    if not _clean_ids(store, sentences):  # no event of that kind: articles whose sentence covers the topic
        sentences = {}
        topic = _fold(q.topic)
        for row in store.get_articles(sorted(matched)):
            best = _best_sentence(row, q.topic)
            if topic and len(topic & _fold(content_words(best))) >= 0.66 * len(topic):
                sentences.setdefault(row["id"], best)
    ids = _clean_ids(store, sentences)
    if not ids:
        return None
    rows = store.get_articles(sorted(ids))
    cites = []
    for row in rows:
        sent = sentences[row["id"]] or _best_sentence(row, words)
        cites.append(_cite(store, row["id"], sent))
    names = list(dict.fromkeys(_outlet_name(r) for r in rows))
    subject = " ".join(q.topic) or "it"
    return f"Reported by {len(names)} source{'s' if len(names) != 1 else ''}: {'; '.join(names)} ({subject}).", cites


def _best_sentence(row: dict, words: list[str]) -> str:
    sents = article_sentences(row)
    if not sents:
        return row.get("title") or ""
    want = _fold(words)
    return max(sents, key=lambda s: (len(_fold(s.words) & want), -s.index)).text


def _fold(words) -> set[str]:
    """Word keys that let "licensing" meet "licence" and "exporters" meet "export" (5-letter prefix)."""
    return {w[:5] for w in words}
