"""Reading small fact tables that lose their columns when a page is dumped as text.

A table like "Key Participants | Representing" becomes lines such as
"Cho Hyun South Korea, Minister of Foreign Affairs". ``parse_facts_rows`` puts the column
break back: at a tab or a run of spaces when the dump kept one, else before the country or
organisation name that opens the description (a real-world gazetteer from pycountry), else
after the first two words (most personal names).
"""

from __future__ import annotations

import re
from functools import lru_cache

_EXTRA_PLACES = (
    "South Korea",
    "North Korea",
    "United States",
    "U.S.",
    "US",
    "USA",
    "United Kingdom",
    "UK",
    "Britain",
    "Russia",
    "Iran",
    "Syria",
    "Vietnam",
    "Laos",
    "Taiwan",
    "Bolivia",
    "Venezuela",
    "Tanzania",
    "Moldova",
    "Czech Republic",
    "European Union",
    "EU",
    "NATO",
    "United Nations",
    "UN",
    "ASEAN",
    "African Union",
    "Hong Kong",
    "Macau",
    "Palestine",
    "Kosovo",
    "Turkey",
    "Holy See",
    "Vatican",
)


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    names = {p.lower() for p in _EXTRA_PLACES}
    try:
        import pycountry

        for c in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(c, attr, None)
                if value and "," not in value:
                    names.add(value.lower())
    except ImportError:  # the extra list still covers the usual names
        pass
    return frozenset(names)


def split_row(row: str) -> list[str]:
    """``[name, description]`` for one dumped table row."""
    row = row.strip()
    cells = [c.strip() for c in re.split(r"\t+|\s{2,}|\s*\|\s*", row) if c.strip()]
    if len(cells) >= 2:
        return [cells[0], " ".join(cells[1:])]
    head, comma, tail = row.partition(",")
    tokens = head.split()
    places = _places()
    for k in range(1, len(tokens)):
        if " ".join(tokens[k:]).lower() in places:
            return [" ".join(tokens[:k]), " ".join(tokens[k:]) + comma + tail]
    tokens = row.split()
    if len(tokens) <= 2:
        return [row, ""]
    return [" ".join(tokens[:2]), " ".join(tokens[2:])]


def parse_facts_rows(rows: list[str]) -> list[list[str]]:
    """The rows of a dumped facts table as ``[[name, description], ...]``."""
    return [split_row(r) for r in rows if r.strip()]
