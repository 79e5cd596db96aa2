"""Japanese-script names -> the canonical keys English text gives the same entities.

* People listed in ``data/gazetteer/ja.json`` take the key of their English name (岩屋毅 ->
  ``person:iwaya takeshi``, 趙顕 -> ``person:cho hyun``).
* Other Japanese people are romanised from the dictionary readings of their name tokens
  (SudachiPy via GiNZA; pykakasi when a token has no reading) in the Hepburn spelling English
  outlets use, long vowels folded (オウ -> o, ユウ -> u): 青柳健太 -> "Kenta Aoyagi", which is the
  key the English "Kenta Aoyagi" / "Aoyagi Kenta" gets (keys ignore name order).
* Chinese and Korean names written in kanji have no usable Japanese reading; they keep a
  script key (``person:ja:<name>``) until a bilingual alias (``stories.crosslang``) links them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache

import pykakasi

from storyline.enrich import gazetteer, names
from storyline.text.japanese import nfkc


@dataclass(slots=True)
class JaGazetteer:
    surfaces: dict[str, gazetteer.Entry] = field(default_factory=dict)  # JA surface -> entry
    abbrev: dict[str, gazetteer.Entry] = field(default_factory=dict)  # one-kanji country forms
    ministries: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # surface -> (slug, ISO3)
    people: dict[str, str] = field(default_factory=dict)  # JA name -> English name
    offices: dict[str, str] = field(default_factory=dict)  # JA office -> English office phrase
    office_status: dict[str, str] = field(default_factory=dict)  # 前 -> former
    pattern: re.Pattern | None = None  # longest-first alternation of every surface


class GazetteerDataError(ValueError):
    pass


def _entry(g, english: str) -> gazetteer.Entry:
    entry = g.lookup(english)
    if entry is None:
        raise GazetteerDataError(f"ja.json: {english!r} is not in the English gazetteer")
    return entry


@lru_cache(maxsize=1)
def load() -> JaGazetteer:
    g = gazetteer.load()
    data = json.loads((gazetteer.DATA_DIR / "ja.json").read_text(encoding="utf-8"))
    out = JaGazetteer()
    for section in ("countries", "places", "orgs"):
        for ja, en in data[section].items():
            out.surfaces[ja] = _entry(g, en)
    for ja, en in data["abbrev"].items():
        out.abbrev[ja] = _entry(g, en)
    for ja, (gslug, country) in data["ministries"].items():
        iso = _entry(g, country).country if country else None
        out.ministries[ja] = (gslug, iso)
    out.people = dict(data["people"])
    out.offices = dict(data["offices"])
    out.office_status = dict(data["office_status"])
    every = list(out.surfaces) + list(out.ministries) + list(out.people)
    out.pattern = re.compile("|".join(re.escape(s) for s in sorted(every, key=len, reverse=True)))
    return out


def ministry_entity(surface: str, iso: str | None) -> tuple[str, str]:
    """(key, display name) of a ministry given by its JA surface and the country it belongs to."""
    gslug, default = load().ministries[surface]
    g = gazetteer.load()
    rec = next(((a, r) for a, r in g.ministries.items() if r["slug"] == gslug), None)
    country = (rec[1]["country"] if rec else None) or iso or default
    name = rec[1]["name"] if rec else surface
    if country:
        key = f"org:{country.lower()}-{gslug}"
        return key, name if rec and rec[1]["country"] else f"{name} ({g.country_name(country)})"
    return f"org:{gslug}", name


# ---------------------------------------------------------------------------- romanisation

_LONG = ((re.compile(r"ou"), "o"), (re.compile(r"uu"), "u"), (re.compile(r"oo(?=$)"), "o"))


@lru_cache(maxsize=1)
def _kakasi():
    return pykakasi.kakasi()


def romanize(kana_or_kanji: str) -> str:
    """Hepburn spelling as English news writes Japanese names: long vowels folded."""
    text = "".join(part["hepburn"] for part in _kakasi().convert(nfkc(kana_or_kanji)))
    text = re.sub(r"[^a-z]", "", text.lower())
    for pat, rep in _LONG:
        text = pat.sub(rep, text)
    return text


def _reading(tok) -> str:
    reading = tok.morph.get("Reading")
    return reading[0] if reading and reading[0] not in ("", "*") else tok.text


_FAMILY = "名詞-固有名詞-人名-姓"
_GIVEN = "名詞-固有名詞-人名-名"


def japanese_name(tokens) -> str | None:
    """"Given Family" romanised from a surname token followed by given-name tokens (dictionary
    tags), or None when the tokens are not a Japanese family + given name."""
    tags = [t.tag_ for t in tokens]
    if len(tokens) < 2 or tags[0] != _FAMILY or not all(t == _GIVEN for t in tags[1:]):
        return None
    family = romanize(_reading(tokens[0]))
    given = romanize("".join(_reading(t) for t in tokens[1:]))
    if not family or not given:
        return None
    return f"{given.capitalize()} {family.capitalize()}"


def person_entity(surface: str, tokens=()) -> tuple[str, str, bool]:
    """(key, display name, romanised) for a person named in Japanese script."""
    surface = surface.strip()
    english = load().people.get(surface)
    if english:
        return names.person_key(english), english, False
    latin = nfkc(surface)
    if re.fullmatch(r"[A-Za-z][A-Za-z .\-]+", latin) and " " in latin:
        return names.person_key(latin), latin, False
    roman = japanese_name(list(tokens)) if tokens else None
    if roman:
        return names.person_key(roman), roman, True
    return f"person:ja:{surface}", surface, False


@lru_cache(maxsize=1)
def _listed_by_key() -> dict[str, str]:
    return {names.person_key(en): en for en in load().people.values()}


def listed_name(key: str) -> str | None:
    """The English name of a listed person with this key."""
    return _listed_by_key().get(key)
