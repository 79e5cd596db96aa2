"""Capital-for-government metonymy, read from the dependency parse.

"Tokyo wants...", "Moscow's invasion", "talks with Seoul", "urged Beijing to..." use the
capital as an actor: the mention resolves to the country. "in Tokyo", "visited Seoul",
"Tokyo's streets" keep the city. The decision looks only at the grammatical role of the
capital's head token, so it carries over to any capital in the gazetteer.
"""

from __future__ import annotations

# nouns whose possessor is the place, not the government ("Tokyo's streets")
_PLACE_NOUNS = {
    "street", "district", "ward", "suburb", "airport", "station", "resident", "population", "mayor",
    "governor", "skyline", "downtown", "center", "centre", "outskirt", "neighborhood", "neighbourhood",
    "hotel", "restaurant", "weather", "temperature", "traffic", "university", "subway", "metro", "port",
    "city", "citizen", "area", "park", "landmark", "museum", "heat", "rain", "air", "stadium", "hospital",
}
# verbs whose subject is a place rather than an actor ("Tokyo hosted", "Seoul lies")
_PLACE_VERBS = {"be", "host", "lie", "sit", "locate", "remain", "become", "have", "see", "experience", "record"}
# verbs whose object is a government ("urged Beijing", "pressed Tokyo"); others ("visited Seoul") keep the city
_ACTOR_OBJECT_VERBS = {
    "urge", "press", "pressure", "accuse", "criticize", "criticise", "warn", "ask", "condemn", "blame",
    "sanction", "support", "back", "tell", "invite", "persuade", "convince", "thank", "praise", "join",
    "lobby", "push", "threaten", "punish", "reassure", "engage", "trust", "reject", "defy", "oppose",
}
_ACTOR_PREPS = {"with", "against", "between", "by", "toward", "towards"}
_PLACE_HEADS_OF_PREP = {
    "flight",
    "trip",
    "visit",
    "road",
    "train",
    "route",
    "border",
    "distance",
    "travel",
    "fly",
    "drive",
}


def _anchor(token):
    """Climb conjunctions: in "Tokyo and Seoul agreed", Seoul takes Tokyo's role."""
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    return token


def is_metonym(span) -> bool:
    """True when the capital in ``span`` acts as its government."""
    tok = _anchor(span.root)
    dep, head = tok.dep_, tok.head
    if dep in ("nsubj", "nsubjpass"):
        return head.lemma_.lower() not in _PLACE_VERBS or any(c.dep_ == "xcomp" for c in head.children)
    if dep == "poss":
        return head.lemma_.lower() not in _PLACE_NOUNS
    if dep == "dobj":
        return head.lemma_.lower() in _ACTOR_OBJECT_VERBS
    if dep == "pobj":
        prep = head
        if prep.lower_ not in _ACTOR_PREPS:
            return False
        return prep.head.lemma_.lower() not in _PLACE_HEADS_OF_PREP
    return False
