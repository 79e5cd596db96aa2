"""Person names: cleaning NER spans, deterministic keys, and the display-name rule.

Keys ignore name order and case: ``person_key("Iwaya Takeshi") == person_key("Takeshi Iwaya")
== "person:iwaya takeshi"`` (tokens lower-cased, dots dropped, sorted). So the same person
enriched in two articles (Western or Japanese order) gets one key with no shared state.

Display rule (:func:`choose_display`): the first full form (two or more tokens) seen right
after a title or in a facts table (how the outlet formally introduces the person); else the
most frequent full form; else the first form seen. Every other form becomes an alias.
"""

from __future__ import annotations

import re
from collections import Counter

_TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "gen", "lt", "col", "adm", "sen",
    "rep", "gov", "president", "minister", "secretary", "premier", "chancellor", "king", "queen",
    "prince", "princess", "emperor", "ambassador", "spokesman", "spokeswoman", "chairman", "chief",
    "mayor", "governor", "senator", "former", "foreign", "prime", "deputy", "general",
    "detective", "inspector", "sergeant", "sgt", "constable", "superintendent", "commissioner", "sheriff", "judge",
    "justice",
}
# Lower-case particles inside a name ("Richard von Weizsäcker", "Bill de Blasio", "Vincent van Gogh").
_PARTICLES = frozenset({"von", "van", "de", "der", "den", "da", "di", "du", "del", "della", "dos", "das", "le", "la",
                        "ter", "bin", "ibn", "al", "el", "zu", "af"})
_POSSESSIVE = re.compile(r"\s*['\u2019]s?$")
_NAME_TOKEN = re.compile(r"^[A-Z\u00c0-\u024f][\w\u00c0-\u024f'\u2019.\-]*$")


# A spaced dash ends a name: the tagger may run a PERSON span on into a dashed aside ("Steve Case - now chairman").
_DASHED = re.compile(r"\s[-\u2013\u2014]\s")


def strip_possessive(text: str) -> str:
    return _POSSESSIVE.sub("", text.strip())


def _is_title(token: str) -> bool:
    """A title word, singular or plural ("Governor", "Governors Gavin Newsom and ...")."""
    word = token.lower().rstrip(".")
    return word in _TITLES or word.removesuffix("s") in _TITLES


def clean_person(text: str) -> str | None:
    """A clean person name from an NER span, or None when it does not look like a name.

    Drops a possessive, leading titles ("President Trump" -> "Trump"), a dashed aside after the name, and refuses junk:
    lower-case tokens (other than particles inside the name: "von", "de"), digits, more than five tokens.
    """
    text = strip_possessive(_DASHED.split(" ".join(text.split()))[0])
    tokens = text.split()
    while tokens and _is_title(tokens[0]):
        tokens = tokens[1:]
    if not tokens or len(tokens) > 5:
        return None
    if any(not (_NAME_TOKEN.match(t) or (0 < i < len(tokens) - 1 and t in _PARTICLES)) or any(ch.isdigit() for ch in t)
           for i, t in enumerate(tokens)):
        return None
    if len(tokens) == 1 and (len(tokens[0]) < 2 or tokens[0].isupper() and len(tokens[0]) > 4):
        return None
    return " ".join(tokens)


def name_tokens(name: str) -> list[str]:
    return [t.replace(".", "").lower() for t in name.split() if t.replace(".", "")]


def person_key(name: str) -> str:
    """``person:<sorted lower-case name tokens>``."""
    return "person:" + " ".join(sorted(name_tokens(name)))


def choose_display(forms: list[tuple[str, bool]]) -> str:
    """Pick the display name from ``(surface, titled)`` pairs in text order (rule above)."""
    full = [(f, titled) for f, titled in forms if len(f.split()) > 1]
    for form, titled in full:
        if titled:
            return form
    if full:
        counts = Counter(f for f, _ in full)
        best = max(counts.values())
        return next(f for f, _ in full if counts[f] == best)
    return forms[0][0]
