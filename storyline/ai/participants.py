"""Key participants of a set of articles: person, office, country, from the stored role facts.

People are the PERSON entities the articles name, most-covered first. Each one's office comes
from a role stated in these articles (the latest), else the latest role stated elsewhere up to
the articles' time. Roles from quality-flagged articles are never used (``Store.list_roles``
leaves them out).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime


@dataclass(slots=True)
class Participant:
    person: str
    person_key: str
    office: str | None
    country: str | None
    as_of: datetime | None
    article_id: int | None  # where the role was stated
    sentence: str | None
    articles: int  # how many of the articles name the person

    def as_dict(self) -> dict:
        return {"person": self.person, "person_key": self.person_key, "office": self.office,
                "country": self.country, "as_of": self.as_of.isoformat() if self.as_of else None,
                "article_id": self.article_id, "sentence": self.sentence, "articles": self.articles}


def _pick_role(roles: list[dict], ids: set[int], until: datetime | None) -> dict | None:
    """The role stated in these articles that the person's whole record agrees with most (one
    mis-read sentence does not make a foreign minister change country); else the latest before."""
    current = [r for r in roles if r["status"] != "former"]
    here = [r for r in current if r["article_id"] in ids]
    if here:
        votes = Counter((r["office"], r["organization"]) for r in current)
        votes.update((r["office"], r["organization"]) for r in here)  # the articles' own word counts double
        last = {(r["office"], r["organization"]): i for i, r in enumerate(current)}  # ties: the latest statement
        pair = max(votes, key=lambda p: (votes[p], any((r["office"], r["organization"]) == p for r in here), last[p]))
        same = [r for r in here if (r["office"], r["organization"]) == pair]
        return (same or [r for r in current if (r["office"], r["organization"]) == pair])[-1]
    before = [r for r in current if until is None or r["as_of"] is None or r["as_of"] <= until]
    return before[-1] if before else None


def key_participants(store, article_ids: list[int], limit: int = 8) -> list[Participant]:
    """People named in the articles with their office and country (role facts), by coverage."""
    if not article_ids:
        return []
    keys = store.entity_keys_of(article_ids)
    counts = Counter(k for ks in keys.values() for k in ks if k.startswith("person:"))
    names = store.entity_names(list(counts))
    rows = store.get_articles(article_ids)
    times = [r["published"] for r in rows if r.get("published")]
    until = max(times) if times else None
    ids = set(article_ids)
    out: list[Participant] = []
    for key, n in counts.most_common():
        ent = names.get(key)
        if ent is None or ent["type"] != "PERSON":
            continue
        role = _pick_role(store.list_roles(person_id=ent["id"]), ids, until)
        out.append(Participant(ent["name"], key, role["office"] if role else None,
                               role["organization"] if role else None, role["as_of"] if role else None,
                               role["article_id"] if role else None, role["sentence"] if role else None, n))
    out.sort(key=lambda p: (p.office is None, -p.articles, p.person))
    return out[:limit]
