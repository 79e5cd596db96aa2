"""Officials' roles from Japanese text: the same :class:`Role` facts as English ``roles``.

Japanese news names an official as name + title (``岩屋毅外相``, ``石破首相``), title + の + name
(``官房長官の林芳正氏``) or title + 、 + name + 氏. The country is the one named right before the
name or title (``韓国の趙顕外相``, ``米国のルビオ国務長官``, ``中国商務省の何雅蘭報道官`` -> the ministry),
a one-kanji abbreviation glued to the title (``米国務長官``), else Japan (a Japanese article's
home) unless Japan has no such office (大統領, 国務長官), then the article's most named foreign
country. Status: 前/元 -> former, 新 -> new, 次期 -> incoming. Offices are the English office
names (``外相`` -> "Foreign Minister"), normalised like English titles.
"""

from __future__ import annotations

from collections import Counter

from storyline.enrich import gazetteer, ja_names
from storyline.enrich.ja_entities import office_matches
from storyline.enrich.role_phrases import normalize_office
from storyline.models import Article, Mention, Role

_GAP = ("", "氏", "さん")


def _qualifier(text: str, start: int, by_end: dict[int, Mention]) -> Mention | None:
    """The country/body mention that ends right before ``start`` (optionally followed by の)."""
    for gap in ("", "の"):
        pos = start - len(gap)
        if text[pos:start] == gap and pos in by_end:
            m = by_end[pos]
            if not m.entity_key.startswith("person:"):
                return m
    return None


def _org(mention: Mention | None, office: str, text: str, start: int, foreign: str | None):
    g = gazetteer.load()
    ja = ja_names.load()
    if mention is not None:
        key = mention.entity_key
        if key.startswith("country:"):
            return key, g.country_name(key[8:])
        return key, None
    if text[start - 1:start] in ja.abbrev:
        entry = ja.abbrev[text[start - 1:start]]
        return entry.key, g.country_name(entry.country)
    exceptions = g.offices.get("office_exceptions", ())
    iso = "JPN" if not g.blocked("JPN", office, exceptions) else foreign
    return (f"country:{iso}", g.country_name(iso)) if iso else (None, None)


def _status(text: str, start: int) -> str:
    ja = ja_names.load()
    for word, status in ja.office_status.items():
        if text[max(0, start - len(word)):start] == word:
            return status
    return "current"


def extract_roles(article: Article, doc, mentions: list[Mention]) -> list[Role]:
    """Roles of the people a Japanese article names with their titles."""
    if doc is None:
        return []
    text = doc.text
    ja = ja_names.load()
    people = {m.start: m for m in mentions if m.entity_key.startswith("person:")}
    people_end = {m.end: m for m in mentions if m.entity_key.startswith("person:")}
    others_end = {m.end: m for m in mentions if not m.entity_key.startswith("person:")}
    foreign = Counter(m.entity_key[8:] for m in mentions
                      if m.entity_key.startswith("country:") and m.entity_key != "country:JPN")
    top_foreign = foreign.most_common(1)[0][0] if foreign else None
    roles: dict[tuple[str, str], Role] = {}
    guessed: dict[tuple, str] = {}
    for om in office_matches(text):
        office = normalize_office(ja.offices[om.group()])
        person = people_end.get(om.start())
        if person is not None:  # 岩屋毅外相
            qual_at, status_at = person.start, person.start
        else:  # 官房長官の林芳正氏 / 官房長官、林芳正氏
            sep = text[om.end():om.end() + 1]
            person = people.get(om.end() + 1) if sep in ("の", "、", "・") else people.get(om.end())
            if person is None or text[person.end : person.end + 1] not in (
                "氏",
                "さ",
                "は",
                "が",
                "、",
                "と",
                "も",
                "の",
                "に",
                "。",
                "",
            ):
                continue
            qual_at, status_at = om.start(), om.start()
        qual = _qualifier(text, qual_at, others_end)
        org_key, org_name = _org(qual, office, text, om.start(), top_foreign)
        sent_key = next((s.start_char for s in doc.sents if s.start_char <= om.start() < s.end_char), -1)
        if (
            qual is None
            and org_key == "country:JPN"
            and top_foreign
            and guessed.get((sent_key, office, org_key), person.entity_key) != person.entity_key
        ):
            # two holders of one office in one sentence never share a guessed country (日韓外相会談)
            org_key, org_name = f"country:{top_foreign}", gazetteer.load().country_name(top_foreign)
        if qual is None:
            guessed.setdefault((sent_key, office, org_key), person.entity_key)
        if org_key and org_key.startswith("org:") and org_name is None:
            org_name = next((m.text for m in mentions if m.entity_key == org_key), None)
        display = _display(person, mentions, doc)
        key = (person.entity_key, office)
        if key in roles:
            continue
        sentence = next((s.text for s in doc.sents if s.start_char <= om.start() < s.end_char), "")
        roles[key] = Role(
            person.entity_key, display, office, org_key, org_name, article.published, _status(text, status_at), sentence
        )
    return list(roles.values())


def _display(person: Mention, mentions: list[Mention], doc) -> str:
    """The display name entity extraction gave this person: from its longest mention."""
    listed = ja_names.listed_name(person.entity_key)
    if listed:
        return listed
    longest = max((m for m in mentions if m.entity_key == person.entity_key), key=lambda m: m.end - m.start)
    span = doc.char_span(longest.start, longest.end, alignment_mode="expand")
    key, name, _ = ja_names.person_entity(longest.text, list(span) if span is not None else [])
    return name if key == person.entity_key else longest.text
