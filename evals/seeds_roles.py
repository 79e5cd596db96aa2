"""Score roles, aliases and metonyms on the seed pages against ``gold/seeds.json``.

Runs the real chain: ``extract_page`` on each seed dump, then ``enrich_many`` on every
article. Gold has three lists:

* ``roles``: [person, office, country-or-body]; found when some predicted role has the same
  person key, the same normalised office (case-folded) and the same organisation key;
* ``aliases``: [a, b] surface pairs that must resolve to one entity key (both must be mentions);
* ``metonyms``: a capital in a given sentence that must resolve to its country.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from evals.seeds import extract_seed
from storyline.enrich import enrich_many, gazetteer, names
from storyline.enrich.roles import normalize_office
from storyline.models import normalize_text

_FETCHED_AT = datetime(2025, 7, 30, 12, 0, tzinfo=UTC)  # seeds were saved around then


def _org_key(name: str) -> str | None:
    entry = gazetteer.load().lookup(name)
    if entry is None:
        return None
    return f"country:{entry.country}" if entry.type == "COUNTRY" else entry.key


def enrich_seeds(seeds_dir: Path) -> list[tuple[str, Any, Any]]:
    """(page id "000#1", article, enrichment) for every article on every seed page."""
    items = []
    for path in sorted(Path(seeds_dir).glob("*.txt")):
        result = extract_seed(path, _FETCHED_AT)
        for art in result.articles:
            items.append((f"{path.name[:3]}#{art.position}", art))
    enrichments = enrich_many([a for _, a in items])
    return [(pid, a, e) for (pid, a), e in zip(items, enrichments)]


def _score_roles(gold: list, enriched) -> dict:
    predicted = {(r.person_key, r.office.casefold(), r.organization_key) for _, _, e in enriched for r in e.roles}
    found, missed = [], []
    for person, office, org in gold:
        want = (names.person_key(person), normalize_office(office).casefold(), _org_key(org))
        (found if want in predicted else missed).append([person, office, org])
    return {"found": len(found), "total": len(gold), "missed": missed, "predicted": len(predicted)}


def _keys_for(surface: str, enriched) -> set[str]:
    """Keys the surface got as a mention, in a body or a headline (``label="headline"``), and the
    entities that carry it as their name or an alias (what the entity export counts)."""
    keys = {m.entity_key for _, _, e in enriched for m in e.mentions
            if names.strip_possessive(m.text) == surface and not m.metonym}
    keys |= {ent.key for _, _, e in enriched for ent in e.entities if surface == ent.name or surface in ent.aliases}
    return keys


def _score_aliases(gold: list, enriched) -> dict:
    found, missed = [], []
    for a, b in gold:
        ok = bool(_keys_for(a, enriched) & _keys_for(b, enriched))
        (found if ok else missed).append([a, b])
    return {"found": len(found), "total": len(gold), "missed": missed}


def _score_metonyms(gold: list, enriched) -> dict:
    found, missed = [], []
    for item in gold:
        want = _org_key(item["refers_to"])
        arts = [x for x in enriched if x[0] == item.get("article")] or enriched
        has = normalize_text(item["sentence_has"])
        ok = any(m.metonym and m.text == item["mention"] and m.entity_key == want
                 and has in normalize_text(m.sentence) for _, _, e in arts for m in e.mentions)
        (found if ok else missed).append(item["mention"] + ": " + item["sentence_has"])
    return {"found": len(found), "total": len(gold), "missed": missed}


def score_seed_roles(seeds_dir: Path, gold_path: Path) -> dict:
    """``{"roles": {...}, "aliases": {...}, "metonyms": {...}, "articles": n}``."""
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    enriched = enrich_seeds(Path(seeds_dir))
    return {
        "articles": len(enriched),
        "roles": _score_roles(gold.get("roles", []), enriched),
        "aliases": _score_aliases(gold.get("aliases", []), enriched),
        "metonyms": _score_metonyms(gold.get("metonyms", []), enriched),
    }
