"""Definite descriptions that name an organisation of the article: "the ministry", "the agency".

News names a body once ("Japan's Foreign Ministry", "the Japan Fisheries Agency") and then calls it
by its head noun ("the ministry", "the agency's plan"). A common noun with a definite or
possessive determiner ("the", "this", "its") whose lemma is the last word of an organisation
named **earlier** in the article (a government body, an international body or another
organisation) refers to the nearest such mention before it. Only these refer: a head noun no
earlier name ends with ("the government", "the company" after "Toyota Motor") stays unresolved,
because unknown is better than wrong. Event arguments use this for nominal events ("the
reorganization of the ministry": the ministry is its actor).
"""

from __future__ import annotations

from bisect import bisect_left

from storyline.models import Entity, Mention

ORG_TYPES = frozenset({"ORG", "GOV_BODY", "INTL_ORG"})
_DETS = frozenset({"the", "this", "its"})


def definite_refs(doc, mentions: list[Mention], entities: list[Entity]) -> dict[int, Mention]:
    """Token index -> the earlier organisation mention a definite head noun refers to."""
    types = {e.key: e.type for e in entities}
    by_head: dict[str, list[tuple[int, Mention]]] = {}  # head noun -> (char offset, mention), in text order
    for m in sorted(mentions, key=lambda m: m.start):
        if types.get(m.entity_key) in ORG_TYPES and not m.metonym and m.label != "headline":
            words = m.text.split()
            if len(words) > 1 and words[-1][:1].isupper():
                by_head.setdefault(words[-1].lower(), []).append((m.start, m))
    out: dict[int, Mention] = {}
    if not by_head:
        return out
    for tok in doc:
        named = by_head.get(tok.lower_)
        if not named or tok.pos_ != "NOUN" or not tok.is_lower or tok.tag_ not in {"NN", "NNP"}:
            continue
        if not any(c.dep_ in {"det", "poss"} and c.lower_ in _DETS for c in tok.children):
            continue
        k = bisect_left(named, tok.idx, key=lambda h: h[0])  # the nearest name before the description
        if k:
            out[tok.i] = named[k - 1][1]
    return out
