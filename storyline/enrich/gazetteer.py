"""Gazetteers: countries, capitals and cities, international bodies, government bodies, offices.

Data lives in ``storyline/data/gazetteer/``. ``countries.json`` is generated from pycountry
(names, official and common names) merged with the hand-typed ``country_extras.json``
(demonyms, press short forms like "ROK" or "N Korea", capitals, offices a government lacks):

    python -m storyline.enrich.gazetteer build

Everything else is hand-typed because no kept package holds it. :func:`load` reads the files
once and returns a :class:`Gazetteer` of plain lookup tables.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "gazetteer"


def slug(text: str) -> str:
    """ASCII, lower-case, hyphen-joined: "The Hague" -> "the-hague"."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@dataclass(frozen=True, slots=True)
class Entry:
    """One surface form: what it resolves to and how."""

    key: str  # "country:KOR", "city:seoul", "org:nato"
    name: str  # the canonical display name
    type: str  # COUNTRY, CITY, INTL_ORG, GOV_BODY
    country: str | None = None  # ISO3 for cities and national bodies
    adjective: bool = False  # "Japanese", "S. Korean": a country used as a modifier
    capital: bool = False  # a capital that may stand for its government
    parent: str | None = None


@dataclass(slots=True)
class Gazetteer:
    surfaces: dict[str, Entry] = field(default_factory=dict)  # case-sensitive surface -> entry
    countries: dict[str, dict] = field(default_factory=dict)  # ISO3 -> record
    ministries: dict[str, dict] = field(default_factory=dict)  # lower alias -> {slug, name, country}
    offices: dict = field(default_factory=dict)

    def lookup(self, text: str) -> Entry | None:
        """Exact surface, else a multiword surface typed in the wrong case ("south Korea")."""
        entry = self.surfaces.get(text)
        if entry is None and " " in text:
            entry = self.surfaces.get(" ".join(w[:1].upper() + w[1:] for w in text.split()))
        return entry

    def blocked(self, iso3: str, office: str, exceptions=()) -> bool:
        """True when ``iso3``'s government has no such office or body (Japan has no president,
        the United States no ministries)."""
        low = office.lower()
        if low in exceptions:
            return False
        return any(low == e or low.endswith(" " + e) for e in self.countries.get(iso3, {}).get("no_office", []))

    def country_name(self, iso3: str) -> str:
        return self.countries.get(iso3, {}).get("name", iso3)


# ---------------------------------------------------------------------------- build


def build_countries(out: Path = DATA_DIR / "countries.json") -> int:
    """Write ``countries.json`` from pycountry + ``country_extras.json``; returns the count."""
    import pycountry

    extras = json.loads((DATA_DIR / "country_extras.json").read_text(encoding="utf-8"))
    records = {}
    for c in pycountry.countries:
        extra = extras.get(c.alpha_3, {})
        names = {c.name, getattr(c, "common_name", c.name), getattr(c, "official_name", c.name)}
        names |= set(extra.get("alias", []))
        names = {n for n in names if "," not in n}  # "Korea, Republic of" is no running-text form
        display = extra.get("name") or getattr(c, "common_name", None) or c.name
        records[c.alpha_3] = {
            "name": display,
            "alpha2": c.alpha_2,
            "names": sorted(names | {display}),
            "adj": extra.get("adj", []),
            "capital": extra.get("capital"),
            "capital_alias": extra.get("capital_alias", []),
            "no_office": extra.get("no_office", []),
        }
    out.write_text(json.dumps(records, indent=1, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    return len(records)


# ---------------------------------------------------------------------------- load


def _read(name: str) -> dict:
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def _add(g: Gazetteer, surface: str, entry: Entry) -> None:
    # first writer wins, so a country name is never shadowed by a city of the same spelling
    g.surfaces.setdefault(surface, entry)


def _load_countries(g: Gazetteer) -> None:
    g.countries = _read("countries.json")
    names_taken = {n for rec in g.countries.values() for n in rec["names"]}
    for iso3, rec in g.countries.items():
        key, name = f"country:{iso3}", rec["name"]
        for n in rec["names"]:
            _add(g, n, Entry(key, name, "COUNTRY", iso3))
        for a in rec["adj"]:
            _add(g, a, Entry(key, name, "COUNTRY", iso3, adjective=True))
    for iso3, rec in g.countries.items():
        cap = rec.get("capital")
        if not cap or cap in names_taken:  # Singapore, Vatican City: the city is the country
            continue
        entry = Entry(f"city:{slug(cap)}", cap, "CITY", iso3, capital=True)
        for n in [cap, *rec.get("capital_alias", [])]:
            _add(g, n, entry)


def _load_orgs(g: Gazetteer) -> None:
    orgs = _read("orgs.json")
    for rec in orgs["intl"]:
        entry = Entry(rec["key"], rec["name"], "INTL_ORG")
        for n in [rec["name"], *rec["aliases"]]:
            _add(g, n, entry)
    for rec in orgs["jpn"]:
        entry = Entry(rec["key"], rec["name"], "GOV_BODY", "JPN", parent=rec.get("parent"))
        for n in [rec["name"], *rec["aliases"]]:
            _add(g, n, entry)
    for name, rec in _read("cities.json").items():
        if name.startswith("_"):
            continue
        entry = Entry(f"city:{name}", rec["name"], "CITY", rec["country"])
        for n in [rec["name"], *rec.get("aliases", [])]:
            _add(g, n, entry)
    for gslug, rec in _read("gov_bodies.json").items():
        if gslug.startswith("_"):
            continue
        for alias in rec["aliases"]:
            g.ministries[alias.lower()] = {"slug": gslug, "name": rec["name"], "country": rec.get("country")}


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The gazetteer, read once per process."""
    g = Gazetteer()
    _load_countries(g)
    _load_orgs(g)
    g.offices = _read("offices.json")
    return g


def main(argv: list[str]) -> int:
    if argv[:1] == ["build"]:
        print(f"countries.json: {build_countries()} countries")
        return 0
    print("usage: python -m storyline.enrich.gazetteer build", file=sys.stderr)
    return 2


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main(sys.argv[1:]))
