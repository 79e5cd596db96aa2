"""Roles after they are read: display names, a successor's fuller office, and redundant guesses dropped.

Helpers of :mod:`roles` that work on finished :class:`Role` records (no parse needed).
"""

from __future__ import annotations

import re

from storyline.enrich import gazetteer, names
from storyline.enrich.role_phrases import lexicon, normalize_office
from storyline.models import Article, Mention, Role


def person_names(mentions: list[Mention]) -> dict[str, str]:
    """Person key -> the first full form seen (a surname-only mention borrows it)."""
    out: dict[str, str] = {}
    for m in mentions:
        if m.entity_key.startswith("person:"):
            full = len(m.text.split()) > 1
            if m.entity_key not in out or (full and len(out[m.entity_key].split()) == 1):
                out[m.entity_key] = names.strip_possessive(m.text)
    return out


_SUCCESSION = re.compile(r"\b(replac|succeed|took over from|takes over from|taking over from)", re.IGNORECASE)


def inherit_successor_office(roles: list[Role], mentions: list[Mention]) -> None:
    """"Yoon replaces former minister Kang": a bare office ("Minister") of a person named in a
    succession sentence takes the fuller office (and country) the other person there holds."""
    for r in roles:
        if " " in r.office or not _SUCCESSION.search(r.sentence):
            continue
        others = {m.entity_key for m in mentions if m.sentence == r.sentence and m.entity_key.startswith("person:")
                  and m.entity_key != r.person_key}
        fuller = [o for o in roles if o.person_key in others and fuller_form(o.office, r.office)]
        if len({o.office for o in fuller}) == 1:
            r.office = fuller[0].office
            if fuller[0].organization_key:
                r.organization_key, r.organization = fuller[0].organization_key, fuller[0].organization


# "Vice Defense Minister" is another office than "Defense Minister", not a fuller name for it.
_RANK_PREFIXES = frozenset({"vice", "deputy", "assistant", "associate", "under", "acting"})


def fuller_form(longer: str, shorter: str) -> bool:
    """"Foreign Minister" names "Minister" more fully; "Vice Defense Minister" does not name "Defense Minister"."""
    longer, shorter = longer.lower(), shorter.lower()
    if not longer.endswith(" " + shorter):
        return False
    return not (set(longer[: -len(shorter)].split()) & _RANK_PREFIXES)


def prune(roles: list[Role], explicit: set[int]) -> list[Role]:
    """Drop guesses a stated role makes redundant: a context-inferred country when the same
    person's country is stated elsewhere, and a bare office ("Minister Cho") when a fuller one
    ("Foreign Minister") is known."""
    stated = {r.person_key for r in roles if id(r) in explicit and (r.organization_key or "").startswith("country:")}
    out, held = [], set()
    for r in roles:
        if id(r) not in explicit and r.person_key in stated:
            continue
        if (r.person_key, r.office.lower()) in held:  # one fact per office: "Governor of the BVI" and "BVI Governor"
            continue
        held.add((r.person_key, r.office.lower()))
        fuller = any(o.person_key == r.person_key and o is not r and fuller_form(o.office, r.office) for o in roles)
        if not fuller:
            out.append(r)
    return out


def facts_roles(article: Article) -> list[Role]:
    """Roles from a "Key Participants" table: [[name, "South Korea, Minister of Foreign Affairs"]]."""
    g = gazetteer.load()
    out = []
    for row in article.extra.get("facts_table") or []:
        if len(row) < 2 or not names.clean_person(str(row[0])) or len(str(row[0]).split()) < 2:
            continue
        if not any(w in lexicon()["_heads"] for w in re.findall(r"[a-z-]+", str(row[1]).lower())):
            continue  # a menu row ("Support: us"), not a title
        parts = [p.strip() for p in str(row[1]).split(",") if p.strip()]
        org = next((g.surfaces[p] for p in parts if p in g.surfaces), None)
        rest = ", ".join(p for p in parts if org is None or p not in g.surfaces)
        if not rest:
            continue
        name = names.clean_person(str(row[0]))
        key = None if org is None else (f"country:{org.country}" if org.type == "COUNTRY" else org.key)
        out.append(
            Role(
                names.person_key(name),
                name,
                normalize_office(rest),
                key,
                org.name if org else None,
                article.published,
                "current",
                f"{row[0]}: {row[1]}",
            )
        )
    return out
