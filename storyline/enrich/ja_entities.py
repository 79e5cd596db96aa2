"""Entities and mentions from Japanese text (GiNZA's NER + the Japanese gazetteer), resolved to
the same canonical keys as English text (岩屋毅 == Takeshi Iwaya, 外務省 == Japan's Foreign
Ministry, 東京 == Tokyo).

Candidate spans, longest first, a gazetteer span beating an NER span of the same length:

* gazetteer surfaces (``data/gazetteer/ja.json``): countries, cities, bodies, ministries (whose
  country is the one named right before them, 中国商務省, else their default, else the article's
  most named foreign country), listed office holders. Katakana surfaces must not touch other
  katakana (タイ is not inside ネクタイ);
* country compounds of one-kanji abbreviations before a relation word (日韓外相, 米中関係, 日米首脳)
  and visit words (訪米 -> United States, 来日 -> Japan);
* a name right before an office title (``岩屋毅外相``, ``韓国の韓智媛外相``, ``ルビオ国務長官``): the
  kanji or katakana run that ends at the title is a person even where NER cut it wrong;
* GiNZA's NER spans (Person, Country, City, Government, Company, International_Organization...).

A surname alone (``石破首相``) takes the key of the full name it starts in the same article, else
of the one listed person with that surname, else its own romanised key.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from storyline.enrich import gazetteer, ja_names
from storyline.models import Article, Entity, Mention
from storyline.text.japanese import nfkc

_KATAKANA = re.compile("[\u30a1-\u30fa\u30fc]")
_RELATION = ("外相", "外務", "首脳", "両国", "関係", "会談", "協議", "貿易", "同盟", "政府", "間", "合意",
             "共同", "防衛", "財務", "経済", "3カ国", "三カ国", "２国間", "2国間", "通商", "関税", "交渉",
             "電話", "次官", "高官", "連携", "3か国", "３か国", "３カ国")
_VISIT = re.compile(r"訪([日米中韓朝露豪英仏独印台比越加伊])|来日")
_NAME_BEFORE = re.compile(r"(?:[\u4e00-\u9fff\u3005]{2,5}|[\u30a1-\u30fa\u30fc\u30fb]{2,16})$")
_NOT_NAME_END = ("省", "庁", "部", "党", "府", "局", "会", "院", "国", "県", "都", "市", "社", "側", "政権", "政府")
_NER = {"Person": "PERSON", "Country": "COUNTRY", "Province": "LOC", "City": "CITY", "GPE_Other": "LOC",
        "Government": "ORG", "International_Organization": "ORG", "Company": "ORG", "Political_Party": "ORG",
        "Political_Organization_Other": "ORG", "Organization_Other": "ORG", "Military": "ORG",
        "Corporation_Other": "ORG", "Region": "LOC", "Continental_Region": "LOC"}


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    key: str
    name: str
    type: str
    label: str
    prio: int  # 2 title-anchored name, 1 gazetteer, 0 NER
    surface: str = ""


def _office_re() -> re.Pattern:
    offices = ja_names.load().offices
    return re.compile("|".join(re.escape(o) for o in sorted(offices, key=len, reverse=True)))


def office_matches(text: str) -> list[re.Match]:
    return list(_office_re().finditer(text))


def _entry_cand(start, end, entry: gazetteer.Entry, label: str, prio: int = 1) -> _Cand:
    g = gazetteer.load()
    name = g.country_name(entry.country) if entry.type == "COUNTRY" else entry.name
    return _Cand(start, end, entry.key, name, entry.type, label, prio)


def _touches_katakana(text: str, s: int, e: int) -> bool:
    return bool((s > 0 and _KATAKANA.match(text[s - 1])) or (e < len(text) and _KATAKANA.match(text[e])))


def _gaz_cands(text: str, context_iso: str | None) -> list[_Cand]:
    ja = ja_names.load()
    out = []
    for m in ja.pattern.finditer(text):
        s, e, surf = m.start(), m.end(), m.group()
        if _KATAKANA.match(surf[0]) and _touches_katakana(text, s, e):
            continue
        if surf in ja.ministries:
            iso = _qualifier_country(text, s) or (None if ja.ministries[surf][1] else context_iso)
            key, name = ja_names.ministry_entity(surf, iso)
            out.append(_Cand(s, e, key, name, "GOV_BODY", "ja-gazetteer", 1))
        elif surf in ja.people:
            key, name, _ = ja_names.person_entity(surf)
            out.append(_Cand(s, e, key, name, "PERSON", "ja-gazetteer", 1))
        else:
            out.append(_entry_cand(s, e, ja.surfaces[surf], "ja-gazetteer"))
    return out


def gazetteer_spans(text: str) -> list[tuple[int, int, str, str, str]]:
    """``(start, end, key, name, type)`` of the Japanese gazetteer's surfaces in ``text`` (a
    headline): the same lookup the body gets, without a home-country context."""
    return [(c.start, c.end, c.key, c.name, c.type) for c in _gaz_cands(text, None)]


def _qualifier_country(text: str, start: int, abbrev: bool = True) -> str | None:
    """ISO3 of a country named right before ``start`` ("中国商務省", "韓国の外交部"; with ``abbrev``
    also a one-kanji abbreviation glued to it, "米国務省")."""
    ja = ja_names.load()
    head = text[max(0, start - 12):start].removesuffix("の")
    for surf, entry in ja.surfaces.items():
        if entry.type == "COUNTRY" and head.endswith(surf):
            return entry.country
    if abbrev and head[-1:] in ja.abbrev:
        return ja.abbrev[head[-1:]].country
    return None


def _compound_cands(text: str) -> list[_Cand]:
    ja = ja_names.load()
    chars = "".join(ja.abbrev)
    out = []
    for m in re.finditer(f"(?<![{chars}\u4e00-\u9fff])([{chars}]{{2,4}})(?={'|'.join(_RELATION)})", text):
        seen = set()
        for i, ch in enumerate(m.group(1)):
            entry = ja.abbrev[ch]
            if entry.key in seen:
                break
            seen.add(entry.key)
            out.append(_entry_cand(m.start() + i, m.start() + i + 1, entry, "ja-compound"))
    for m in _VISIT.finditer(text):
        entry = ja.abbrev[m.group(1)] if m.group(1) else ja.abbrev["日"]
        s = m.start(1) if m.group(1) else m.start()
        out.append(_entry_cand(s, m.end(), entry, "ja-visit"))
    return out


def _span_tokens(doc, s: int, e: int):
    span = doc.char_span(s, e, alignment_mode="expand")
    return list(span) if span is not None else []


_READING = re.compile(r"[（(]([\u30a1-\u30fa\u30fc\u30fb・ 　]+)[）)]$")
_NOT_SURNAME = set("同両各元前新当本故")


def _person(text: str, start: int, surface: str, tokens) -> tuple[str, str, bool]:
    """A person's key; a kanji name qualified by a foreign country (中国の楊明外相, 韓国の朴成民外相) is a
    Chinese or Korean name whose Japanese reading is no romanisation: it keeps its script key."""
    iso = _qualifier_country(text, start, abbrev=False)
    if iso and iso != "JPN" and surface not in ja_names.load().people and re.fullmatch("[\u4e00-\u9fff]+", surface):
        return f"person:ja:{surface}", surface, False
    return ja_names.person_entity(surface, tokens)


def _title_name_cands(doc, text: str) -> list[_Cand]:
    """The kanji/katakana run right before an office title is a name: 岩屋毅外相, 韓智媛（ハン・ジウォン）外相;
    a run before 氏 is a name too (韓氏, 青柳氏), linked to the full name later."""
    ja = ja_names.load()
    out = []
    anchors = [(m.start(), False) for m in office_matches(text)] + [(m.start(), True) for m in re.finditer("氏", text)]
    for at, honorific in anchors:
        end, reading = at, None
        paren = _READING.search(text, max(0, at - 24), at)
        if paren:  # a reading in brackets between the name and the title
            end, reading = paren.start(), paren.group(1)
        m = _NAME_BEFORE.search(text, max(0, end - 16), end)
        if not m and honorific and end > 0 and re.match("[\u4e00-\u9fff]", text[end - 1]):
            m = re.search("[\u4e00-\u9fff]$", text[:end])
        if not m:
            continue
        run = m.group().strip("・")
        s = end - len(run)
        while len(run) > 1 and run[0] in ja.office_status and run not in ja.people:  # 前岩屋外相
            run, s = run[1:], s + 1
        if run[:1] in _NOT_SURNAME and len(run) == 1 or run.endswith(_NOT_NAME_END) or run in ja.surfaces:
            continue
        if run in ja.ministries or (len(run) < 2 and not honorific):
            continue
        if all(ch in ja.abbrev for ch in run) and not honorific or any(run.endswith(o) for o in ja.offices):
            continue
        key, name, _ = _person(text, s, run, _span_tokens(doc, s, end))
        if reading and key.startswith("person:ja:"):
            roman = " ".join(ja_names.romanize(p).capitalize() for p in re.split("[・ 　]", reading) if p)
            key, name = f"person:ja:{run}", f"{run} ({roman})"
        out.append(_Cand(s, end, key, name, "PERSON", "ja-title", 2 if not honorific else 1))
    return out


def _ner_cands(doc, text: str, skip: set[str]) -> list[_Cand]:
    ja = ja_names.load()
    g = gazetteer.load()
    out = []
    for ent in doc.ents:
        typ = _NER.get(ent.label_)
        surf = ent.text.strip()
        if not typ or len(surf) < 2 or surf in skip or "\n" in surf or all(ch in ja.abbrev for ch in surf):
            continue
        if typ != "PERSON" and surf not in ja.surfaces and not any("固有名詞" in t.tag_ for t in ent):
            continue  # "初会合": common nouns the model called an organisation
        s, e = ent.start_char, ent.end_char
        if typ == "PERSON":
            key, name, _ = _person(text, s, surf, list(ent))
            out.append(_Cand(s, e, key, name, "PERSON", "ja-ner", 0))
            continue
        ministry = next((m for m in ja.ministries if surf.endswith(m) and len(surf) > len(m)), None)
        if ministry:
            iso = _qualifier_country(surf, len(surf) - len(ministry))
            if iso:
                key, name = ja_names.ministry_entity(ministry, iso)
                out.append(_Cand(s, e, key, name, "GOV_BODY", "ja-ner", 0))
                continue
        entry = ja.surfaces.get(surf) or g.lookup(nfkc(surf))
        if entry is not None:
            out.append(_entry_cand(s, e, entry, "ja-ner", 0))
            continue
        prefix = "org" if typ == "ORG" else "loc"
        out.append(_Cand(s, e, f"{prefix}:ja:{nfkc(surf)}", surf, "ORG" if typ == "ORG" else "LOC", "ja-ner", 0))
    return out


def _select(cands: list[_Cand]) -> list[_Cand]:
    taken: list[tuple[int, int]] = []
    chosen = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), -c.prio, c.start)):
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        taken.append((c.start, c.end))
        chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def _link_surnames(cands: list[_Cand]) -> None:
    """"石破首相" after "石破茂首相" -> the full name's key; else the one listed person it starts."""
    ja = ja_names.load()
    people = [c for c in cands if c.type == "PERSON"]
    for prev, c in itertools.pairwise(people):  # 韓智媛（ハン・ジウォン）: the reading is the same person
        if c.label != "ja-title" and 0 < c.start - prev.end <= 1:
            c.key, c.name = prev.key, prev.name
    for c in people:
        longer = {f.key: f.name for f in people if len(f.surface) > len(c.surface) and f.surface.startswith(c.surface)}
        if len(longer) == 1:
            c.key, c.name = next(iter(longer.items()))
        elif not longer and (c.key.startswith("person:ja:") or len(c.name.split()) == 1):
            listed = [p for p in ja.people if p.startswith(c.surface) and p != c.surface]
            if len(listed) == 1:
                c.key, c.name, _ = ja_names.person_entity(listed[0])


def _context_country(cands: list[_Cand]) -> str | None:
    counts = Counter(c.key[8:] for c in cands if c.key.startswith("country:") and c.key != "country:JPN")
    return counts.most_common(1)[0][0] if counts else None


def extract_entities(article: Article, doc) -> tuple[list[Entity], list[Mention]]:
    """Entities and mentions of one Japanese article; ``doc`` is GiNZA's parse of the body."""
    text = doc.text
    skip = {n for n in (article.outlet, article.wire, (article.extra or {}).get("site_name")) if n}
    first = _gaz_cands(text, None) + _compound_cands(text)
    ctx = _context_country(first)
    cands = _select(_gaz_cands(text, ctx) + _compound_cands(text) + _title_name_cands(doc, text)
                    + _ner_cands(doc, text, skip))
    for c in cands:
        c.surface = text[c.start:c.end]
    _link_surnames(cands)
    sents = [(s.start_char, s.end_char, s.text) for s in doc.sents]
    mentions = []
    for c in cands:
        sent = next((t for s, e, t in sents if s <= c.start < e), "")
        mentions.append(Mention(entity_key=c.key, text=text[c.start:c.end], start=c.start, end=c.end,
                                sentence=sent, label=c.label))
    return _entities(cands, text), mentions


def _entities(cands: list[_Cand], text: str) -> list[Entity]:
    groups: dict[str, list[_Cand]] = defaultdict(list)
    for c in cands:
        groups[c.key].append(c)
    out = []
    for key, cs in groups.items():
        best = max(cs, key=lambda c: (c.prio > 0, len(c.name)))
        surfaces = list(dict.fromkeys(text[c.start:c.end] for c in cs))
        attrs = {"mentions": len(cs), "script": "ja"}
        out.append(Entity(key=key, name=best.name, type=best.type,
                          aliases=[s for s in surfaces if s != best.name], attrs=attrs))
    return out
