"""The article's likely home country: which country an unqualified "Foreign Minister X" or
"the Foreign Ministry" belongs to.

Counting only country names misleads: a Seoul paper writes "North Korean provocation" and
"cooperation with Japan" but rarely "South Korea" for its own government, and "Japan's
Foreign Ministry" hides the word "Japan" inside a ministry mention. So the ranking weighs

* each country mention (metonyms included)                             1
* each national body mention (``org:kor-trade-ministry``)              1
* each city mention, for the city's country                            0.5
* the dateline's place ("TOKYO", "Gyeongju, South Korea")              2
* a country or city named in the outlet's name ("The Seoul Ledger")    1

and returns ISO3 codes, heaviest first (ties keep first-seen order).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from storyline.enrich import gazetteer

W_COUNTRY, W_BODY, W_CITY, W_DATELINE, W_OUTLET = 1.0, 1.0, 0.5, 2.0, 1.0


@lru_cache(maxsize=1)
def _key_countries() -> dict[str, str]:
    """City and national-body key -> ISO3 of its country."""
    return {e.key: e.country for e in gazetteer.load().surfaces.values()
            if e.type in ("CITY", "GOV_BODY") and e.country}


def key_country(key: str) -> tuple[str | None, float]:
    """(ISO3, weight) that one entity key lends to the ranking; (None, 0) for others."""
    g = gazetteer.load()
    if key.startswith("country:"):
        return key[8:], W_COUNTRY
    if key.startswith("city:"):
        iso = _key_countries().get(key)
        return (iso, W_CITY) if iso else (None, 0.0)
    if key.startswith("org:"):
        head = key[4:].split("-", 1)
        if len(head) == 2 and head[0].upper() in g.countries:
            return head[0].upper(), W_BODY
        iso = _key_countries().get(key)
        if iso:
            return iso, W_BODY
    return None, 0.0


def place_country(text: str | None) -> str | None:
    """ISO3 for a dateline or outlet name that names a country or city, else None.

    Every comma part and every run of one to three words is tried, in title case too
    ("TOKYO" -> "Tokyo"), so "Gyeongju, South Korea" and "The Seoul Ledger" both resolve."""
    if not text:
        return None
    g = gazetteer.load()
    for part in reversed([p.strip() for p in text.split(",") if p.strip()]):
        words = re.findall(r"[\w.'-]+", part)
        for n in (3, 2, 1):
            for i in range(len(words) - n + 1):
                phrase = " ".join(words[i:i + n])
                for form in (phrase, phrase.title()):
                    entry = g.surfaces.get(form)
                    if entry is None or not entry.country or entry.type not in ("COUNTRY", "CITY"):
                        continue
                    if len(form) < 4 and form.isupper() and entry.type == "CITY":
                        continue
                    return entry.country
    return None


def home_ranking(keys: Iterable[str], dateline: str | None = None, outlet: str | None = None,
                 extra: Iterable[str] = ()) -> list[str]:
    """ISO3 codes of the countries an article points to, heaviest first (see module docstring).

    ``extra`` holds additional country keys counted once more each (e.g. the headline's)."""
    weights: dict[str, float] = {}
    for key in [*keys, *extra]:
        iso, w = key_country(key)
        if iso:
            weights[iso] = weights.get(iso, 0.0) + w
    for text, w in ((dateline, W_DATELINE), (outlet, W_OUTLET)):
        iso = place_country(text)
        if iso:
            weights[iso] = weights.get(iso, 0.0) + w
    order = {iso: i for i, iso in enumerate(weights)}
    return sorted(weights, key=lambda iso: (-weights[iso], order[iso]))


def title_countries(title: str | None) -> list[str]:
    """Country keys named in a headline (plain n-gram lookup, no parse)."""
    g = gazetteer.load()
    words = re.findall(r"[\w.]+", (title or "").replace("\u2019s", "").replace("'s", ""))
    keys = []
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            entry = g.surfaces.get(" ".join(words[i:i + n]))
            if entry and entry.type == "COUNTRY":
                keys.append(entry.key)
    return keys
