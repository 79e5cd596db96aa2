"""Headline mentions: the entities a title names, linked like the body's.

Only the body used to be parsed, so a headline's "S. Korean", "N Korea" or "Iwaya" reached no
entity; a country named only in the title was not linked to the article at all. This component
runs after the body's components and adds ``Mention`` rows with ``label="headline"`` whose
``start``/``end`` are offsets into the **title** (``sentence`` is the title), so body-offset
consumers (entity marking, sentence evidence) skip them by label.

What a headline is matched against, longest match first, no overlaps:

* every surface the body already resolved (entity names and aliases, and a person's surname when
  no other person of the article shares it): a headline says "Iwaya" for the body's Takeshi Iwaya;
* the gazetteer's surfaces (countries with their demonyms and press short forms, capitals, cities,
  international bodies), case-sensitive as in the body: a country only the headline names
  becomes an entity of the article;
* the names the title's own parse yields (``title_doc``, parsed in the same batch as the bodies),
  found as the body's are (NER, gazetteer, ministries, the same junk and type checks), so "Fiat
  Group SpA" in a headline is a name even when the body wrote only "Fiat"; a name the body did not
  resolve is taken from a sentence-case headline only (Title Case makes NER read every word as a
  name).

The matched surface becomes an alias of its entity (never a bare surname), so headline forms
are counted in the entity export like body forms.
"""

from __future__ import annotations

import re
from functools import lru_cache

from storyline.enrich import gazetteer, ja_entities
from storyline.enrich.entities import extract_entities
from storyline.models import Article, Entity, Mention

LABEL = "headline"
_WORD = r"[\w\u00c0-\u024f]"
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


@lru_cache(maxsize=1)
def _gazetteer_re() -> re.Pattern[str]:
    g = gazetteer.load()
    alts = sorted(g.surfaces, key=len, reverse=True)
    # not before "$": "US$ 78 million" is a currency, not the country
    return re.compile(rf"(?<!{_WORD})(?:{'|'.join(map(re.escape, alts))})(?!{_WORD}|\$)")


def _body_surfaces(entities: list[Entity]) -> dict[str, str]:
    """Surface -> entity key for what the body resolved; surnames only when unambiguous."""
    out: dict[str, str] = {}
    surnames: dict[str, set[str]] = {}
    for ent in entities:
        for s in (ent.name, *ent.aliases):
            if s and len(s) > 1:
                out.setdefault(s, ent.key)
        if ent.type == "PERSON":
            toks = [t for t in ent.name.split() if t.strip(".,").lower() not in _SUFFIXES]
            if len(toks) > 1 and len(toks[-1]) > 2 and toks[-1][:1].isupper():
                surnames.setdefault(toks[-1], set()).add(ent.key)
    for s, keys in surnames.items():
        if len(keys) == 1:
            out.setdefault(s, next(iter(keys)))
    return out


def _matches(title: str, entities: list[Entity]) -> list[tuple[int, int, str, Entity | None]]:
    """``(start, end, key, new_entity_or_None)`` in the title, longest first, no overlaps."""
    found: list[tuple[int, int, str, Entity | None]] = []
    body = _body_surfaces(entities)
    if body:
        alts = sorted(body, key=len, reverse=True)
        pat = re.compile(rf"(?<!{_WORD})(?:{'|'.join(map(re.escape, alts))})(?!{_WORD})")
        found += [(m.start(), m.end(), body[m.group()], None) for m in pat.finditer(title)]
    g = gazetteer.load()
    for m in _gazetteer_re().finditer(title):
        entry = g.surfaces[m.group()]
        name = g.country_name(entry.key[8:]) if entry.key.startswith("country:") else entry.name
        typ = "COUNTRY" if entry.key.startswith("country:") else entry.type
        found.append((m.start(), m.end(), entry.key, Entity(key=entry.key, name=name, type=typ)))
    return _longest(found)


def _longest(found):
    taken: list[tuple[int, int]] = []
    out = []
    for s, e, key, new in sorted(found, key=lambda f: (-(f[1] - f[0]), f[3] is not None, f[0])):
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        out.append((s, e, key, new))
    return sorted(out)


def _merge(title: str, found, entities: list[Entity], mentions: list[Mention]):
    by_key = {e.key: e for e in entities}
    entities = list(entities)
    added: list[Mention] = []
    for s, e, key, new in found:
        surface = title[s:e]
        ent = by_key.get(key)
        if ent is None:
            if new is None:
                continue
            ent = Entity(key=new.key, name=new.name, type=new.type, attrs={"mentions": 0})
            by_key[key] = ent
            entities.append(ent)
        ent.attrs["headline_mentions"] = ent.attrs.get("headline_mentions", 0) + 1
        is_surname = ent.type == "PERSON" and " " not in surface
        if surface != ent.name and surface not in ent.aliases and not is_surname:
            ent.aliases.append(surface)
        added.append(Mention(entity_key=key, text=surface, start=s, end=e, sentence=title, label=LABEL))
    return entities, list(mentions) + added


def headline_mentions(article: Article, entities: list[Entity], mentions: list[Mention],
                      title_doc=None) -> tuple[list[Entity], list[Mention]]:
    """The body's entities and mentions plus those the title names (English titles); ``title_doc``,
    the title's spaCy parse, adds the names NER finds in it."""
    title = (article.title or "").strip()
    if not title:
        return entities, mentions
    found = _matches(title, entities)
    if title_doc is not None and title_doc.text == title:
        found += _ner_matches(title, title_doc, {e.key for e in entities})
    return _merge(title, _longest(found), entities, mentions)


def _title_case(title: str) -> bool:
    """Most words after the first capitalised ("Boeing Delivers Final 717 To AirTran"): NER reads
    every word as a name there."""
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", title)[1:] if len(w) > 3]
    return sum(w[0].isupper() for w in words) * 2 > len(words)


def _ner_matches(title: str, doc, body_keys: set[str]) -> list[tuple[int, int, str, Entity | None]]:
    """The title's own names, found as the body's are (NER, gazetteer, ministries, the same junk and
    type checks), so "General Motors" or "Fiat Group SpA" in a headline is a mention even when the body
    resolved only a shorter form. A name the body did not resolve is taken only from a sentence-case
    headline."""
    entities, mentions = extract_entities(Article(body=title, source="headline"), doc)
    types = {e.key: e for e in entities}
    new_ok = not _title_case(title)
    out = []
    for m in mentions:
        if title[m.start : m.end] != m.text or m.metonym:
            continue
        if m.entity_key in body_keys:
            out.append((m.start, m.end, m.entity_key, None))
        elif new_ok and m.entity_key in types and types[m.entity_key].type != "MISC":
            e = types[m.entity_key]
            out.append((m.start, m.end, e.key, Entity(key=e.key, name=e.name, type=e.type)))
    return out


def ja_headline_mentions(article: Article, entities: list[Entity], mentions: list[Mention],
                         title_doc=None) -> tuple[list[Entity], list[Mention]]:
    """The same for a Japanese title: the body's surfaces, then the Japanese gazetteer."""
    title = (article.title or "").strip()
    if not title:
        return entities, mentions
    body = _body_surfaces(entities)
    found: list[tuple[int, int, str, Entity | None]] = []
    for surf, key in body.items():
        start = title.find(surf)
        while start >= 0:
            found.append((start, start + len(surf), key, None))
            start = title.find(surf, start + 1)
    for s, e, key, name, typ in ja_entities.gazetteer_spans(title):
        found.append((s, e, key, Entity(key=key, name=name, type=typ)))
    return _merge(title, _longest(found), entities, mentions)
