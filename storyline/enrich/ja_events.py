"""Typed events from Japanese text: the same :class:`Event` facts as English ``events``.

Each sentence (GiNZA's sentence split) is searched for the triggers of
``data/ja_event_lexicon.json`` (電話会談 -> phone_call, 会談 -> meeting, 訪米 -> visit, 合意 ->
agreement, 輸出規制/許可制 -> export_control, 関税 -> tariff...), longest first. Participants are
the sentence's people; an office standing for people (``両外相``) takes the article's holders of
that office (from ``ja_roles``); with no people, the countries and bodies named (日韓 -> Japan,
South Korea). Measures (export controls, tariffs, sanctions) belong to the body or country that
is the sentence's topic or subject (``中国商務省は``). Date: the sentence's Japanese date
(``2025年7月30日``, ``30日``, ``きのう``) resolved against the publication time, else one from the
two sentences before, else unresolved. Place: a city named before で, else the dateline. Status:
planned (予定, 方針, 〜へ), reported (関係者によると), else happened. One event per (type,
participants, date), so a Japanese and an English report of one meeting share the event key.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from storyline.enrich import gazetteer, ja_names
from storyline.models import Article, Entity, Event, Mention, Role
from storyline.text.ja_dates import find_ja_dates

_NEEDS_PEOPLE = {"meeting", "phone_call", "negotiation", "summit", "visit", "agreement", "appointment", "dismissal"}
_MEASURES = {"export_control", "tariff", "sanction", "concede"}
_ACTOR_PARTICLE = ("は", "が", "も")


@lru_cache(maxsize=1)
def lexicon() -> dict:
    data = json.loads((gazetteer.DATA_DIR.parent / "ja_event_lexicon.json").read_text(encoding="utf-8"))
    words = sorted(data["triggers"], key=len, reverse=True)
    data["_re"] = re.compile("|".join(re.escape(w) for w in words))
    data["_planned"] = re.compile("|".join(data["planned"]))
    data["_reported"] = re.compile("|".join(re.escape(w) for w in data["reported"]))
    return data


def triggers_in(sentence: str) -> list[tuple[str, str, str | None]]:
    """(trigger, type, PLOVER) in ``sentence``, weak types dropped when a stronger one is there."""
    lex = lexicon()
    found = []
    for m in lex["_re"].finditer(sentence):
        typ, plover = lex["triggers"][m.group()]
        found.append((m.group(), typ, plover))
    if any(t not in lex["weak"] for _, t, _ in found):
        found = [f for f in found if f[1] not in lex["weak"]]
    seen, out = set(), []
    for f in found:
        if f[1] not in seen:
            seen.add(f[1])
            out.append(f)
    return out


def _status(sentence: str) -> str:
    lex = lexicon()
    body = sentence.rstrip("」』 \n")
    if lex["_reported"].search(body):
        return "reported"
    if lex["_planned"].search(body):
        return "planned"
    return "happened"


def _people(sentence_mentions: list[Mention]) -> list[str]:
    return list(dict.fromkeys(m.entity_key for m in sentence_mentions if m.entity_key.startswith("person:")))


def _office_holders(sentence: str, roles: list[Role]) -> list[str]:
    """"両外相" / "日韓外相" -> the people the article gives that office."""
    ja = ja_names.load()
    out = []
    for surf, english in ja.offices.items():
        if re.search(f"(両|[{''.join(ja.abbrev)}]{{2,4}}){re.escape(surf)}", sentence):
            want = english.lower()
            out += [r.person_key for r in roles if r.status != "former"
                    and (r.office.lower() == want or r.office.lower().endswith(want))]
    return list(dict.fromkeys(out))


def _actors(sentence: str, start: int, sm: list[Mention]) -> list[str]:
    """Bodies or countries that are the topic/subject (X は / X が) of a measure sentence."""
    keyed = [m for m in sm if not m.entity_key.startswith(("person:", "city:", "loc:"))]
    subj = [m.entity_key for m in keyed if sentence[m.end - start:m.end - start + 1] in _ACTOR_PARTICLE]
    if subj:
        return subj[:2]
    return [keyed[0].entity_key] if keyed else []


def _place(sentence: str, start: int, sm: list[Mention], article: Article, g) -> tuple[str | None, str | None]:
    for m in sm:
        after = sentence[m.end - start:]
        if m.entity_key.startswith("city:") and re.match(r"(?:都内|市内|市|の[^\s、。]{0,8})?で", after):
            entry = g.lookup(next((e.name for e in g.surfaces.values() if e.key == m.entity_key), ""))
            return (entry.name if entry else m.text), m.entity_key
    return (article.dateline, None) if article.dateline else (None, None)


def extract_events(article: Article, doc, mentions: list[Mention], entities: list[Entity],
                   roles: list[Role] | None = None) -> list[Event]:
    """Events of one Japanese article, one per (type, participants, date)."""
    if doc is None:
        return []
    g = gazetteer.load()
    roles = roles or []
    anchor = article.published
    sents = [s for s in doc.sents if s.text.strip()]
    dated: list[tuple[str, str] | None] = []
    events: dict[str, Event] = {}
    for index, sent in enumerate(sents):
        text, start = sent.text, sent.start_char
        found = [d for d in find_ja_dates(text, anchor) if d.value and d.precision == "day"]
        dated.append((found[0].value.isoformat(), found[0].text) if found else None)
        if text.rstrip().endswith(("?", "？", "か。")):
            continue
        sm = [m for m in mentions if start <= m.start < sent.end_char]
        for trigger, typ, plover in triggers_in(text):
            if typ in _MEASURES:
                parts = _actors(text, start, sm)
            else:
                parts = _people(sm) or _office_holders(text, roles)
                if typ in _NEEDS_PEOPLE and len(parts) < 2:
                    others = [m.entity_key for m in sm if m.entity_key.startswith(("country:", "org:"))]
                    parts = list(dict.fromkeys(parts + others))
            if typ == "visit":  # 訪米 / 来日: the destination is a participant too
                parts = list(dict.fromkeys(parts + [m.entity_key for m in sm if m.label == "ja-visit"]))
            if not parts:
                continue
            status = _status(text)
            date = dated[index] or (None if status == "planned" else  # "来月訪米": not the neighbour's day
                                    next((dated[j] for j in (index - 1, index - 2) if j >= 0 and dated[j]), None))
            place, place_key = _place(text, start, sm, article, g)
            ev = Event(type=typ, participants=parts[:6], sentence=text.strip(), date=date[0] if date else None,
                       date_text=date[1] if date else None,
                       date_note=None if date else "no date in or before the sentence",
                       place=place, place_key=place_key, status=status, plover=plover,
                       attrs={"trigger": trigger, "language": "ja"})
            events.setdefault(ev.key, ev)
    return list(events.values())
