"""Metadata helpers shared by text-dump and HTML extraction.

Each ``split_*`` function reads one kind of metadata off an article body and returns it with
the body that remains, so callers can chain them: wire credit, author line, dateline, leading
photo caption. Times live in :mod:`storyline.extract.dates` and are re-exported here.
Everything is a general rule (a real-world table of wire services, the shapes datelines and
credits take); nothing knows particular pages.
"""

from __future__ import annotations

import re

from storyline.extract.dates import (  # noqa: F401  (re-exported: the documented meta API)
    find_relative_age,
    parse_absolute_time,
    parse_absolute_time_ex,
    resolve_relative_age,
)

# Wire services: canonical name -> spellings seen in credits (a real-world list).
WIRES: dict[str, tuple[str, ...]] = {
    "Kyodo": ("kyodo news", "kyodo"),
    "Jiji Press": ("the jiji press, ltd.", "the jiji press", "jiji press", "jiji"),
    "Reuters": ("thomson reuters", "reuters"),
    "AP": ("the associated press", "associated press", "ap"),
    "AFP": ("agence france-presse", "agence france presse", "afp"),
    "Yonhap": ("yonhap news agency", "yonhap"),
    "Xinhua": ("xinhua news agency", "xinhua"),
    "Bloomberg": ("bloomberg news", "bloomberg"),
    "dpa": ("deutsche presse-agentur", "dpa"),
    "EFE": ("efe",),
    "ANSA": ("ansa",),
    "PTI": ("press trust of india", "pti"),
    "IANS": ("ians",),
    "ANI": ("ani",),
    "UPI": ("united press international", "upi"),
    "TASS": ("tass",),
    "Bernama": ("bernama",),
    "Antara": ("antara",),
    "CNA": ("cna",),
    "Anadolu": ("anadolu agency", "anadolu"),
}
_WIRE_BY_NAME = {alias: canon for canon, aliases in WIRES.items() for alias in aliases}
_WIRE_ALT = "|".join(re.escape(a) for a in sorted(_WIRE_BY_NAME, key=len, reverse=True))
_DASH = r"(?:--|—|–|-)"


def wire_name(text: str) -> str | None:
    """The canonical wire service a short credit names ("© KYODO" -> "Kyodo"), else None."""
    m = re.search(rf"(?<![A-Za-z])({_WIRE_ALT})(?![A-Za-z])", text or "", re.IGNORECASE)
    return _WIRE_BY_NAME[m.group(1).lower()] if m else None


# A trailing credit: "© KYODO", "[Copyright The Jiji Press, Ltd.] Jiji Press", "(Reuters)", "— AP".
_TAIL_CREDIT = re.compile(
    r"\s*(?:"
    r"\[(?:copyright|©)[^\]]{1,80}\]\s*[^.\n]{0,40}"  # "[Copyright The Jiji Press, Ltd.] Jiji Press"
    r"|(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?[A-Za-z][^\n]{0,90}"  # "© KYODO", "(c) Yonhap News Agency, Co. Ltd."
    rf"|\(({_WIRE_ALT})\)"  # "(Reuters)"
    rf"|{_DASH}\s*({_WIRE_ALT})"  # "— AP"
    r")\s*$",
    re.IGNORECASE,
)
# A news agency's end-of-story mark ("... home. (END)", "/ENDS"): furniture, not text.
_END_MARK = re.compile(r"\s*(?:\((?:END|ENDS)\)|/ENDS?|-+\s*END\s*-+)\s*$")
_LEAD_CREDIT = re.compile(rf"^\s*\(({_WIRE_ALT})\)\s*{_DASH}\s*", re.IGNORECASE)
_INNER_CREDIT = re.compile(rf"\(({_WIRE_ALT})\)\s*{_DASH}", re.IGNORECASE)
_COMPANY = re.compile(r"\b(?:Ltd|Inc|LLC|Co|Corp|plc|GmbH|S\.A)\b\.?|all rights reserved", re.IGNORECASE)


def publisher_from_credit(credit: str) -> str | None:
    """The holder a full copyright notice names ("[Copyright The Jiji Press, Ltd.]" -> "Jiji Press").

    Only notices in a company's legal form count; a bare "© KYODO" is a wire credit, not a notice.
    """
    if not credit or not _COMPANY.search(credit):
        return None
    m = re.search(
        r"(?:copyright|©|\(c\))\s*(?:\d{4}\s*)?(?:the\s+)?([A-Z][\w.&' "
        r"-]{1,60}?)(?:,?\s*(?:Ltd|Inc|LLC|Co|Corp|plc|GmbH)\b|\.\s*all rights|\])",
        credit,
        re.IGNORECASE,
    )
    return m.group(1).strip(" ,.") if m else None


def _after_sentence(text: str, start: int) -> bool:
    """True when a credit found at ``start`` stands on its own: at the start, on its own line or
    after a finished sentence ("... them. © KYODO"), not inside one ("over copyright claims")."""
    before = text[:start]
    stripped = before.rstrip()
    return not stripped or "\n" in before[len(stripped) :] or stripped[-1] in ".!?\"'”’)]"


def split_wire(body: str) -> tuple[str | None, str]:
    """``(wire, body)``: the wire service credited and the body without credit lines/suffixes.

    A credit at the end ("© KYODO", "(Reuters)", "— AP", "[Copyright The Jiji Press, Ltd.] Jiji
    Press") is stripped; a lead "(Reuters) -" is stripped; a "(Jiji Press)--" inside a dateline
    is left for :func:`split_dateline` but still names the wire.
    """
    wire = None
    text = _END_MARK.sub("", body.rstrip())
    m = _TAIL_CREDIT.search(text)
    if (
        m
        and _after_sentence(text, m.start())
        and (wire_name(m.group(0)) or re.search(r"©|copyright|\(c\)", m.group(0), re.IGNORECASE))
    ):
        wire = wire_name(m.group(0))
        text = text[: m.start()].rstrip()
    lead = _LEAD_CREDIT.match(text)
    if lead:
        wire = wire or _WIRE_BY_NAME[lead.group(1).lower()]
        text = text[lead.end() :]
    else:
        inner = _INNER_CREDIT.search(text[:200])
        if inner:
            wire = wire or _WIRE_BY_NAME[inner.group(1).lower()]
    return wire, text


_NAME = r"[A-Z][\w'’.-]+(?:[ \t]+(?:van|von|de|da|del|bin|al|le)?[ \t]*[A-Z][\w'’.-]+){0,3}"
_NAMES = rf"{_NAME}(?:[ \t]*,[ \t]*{_NAME})*(?:,?[ \t]+and[ \t]+{_NAME})?"
_PERSON = (
    r"[A-Z][\w'’.-]+(?:[ \t]+(?:van|von|de|da|del|bin|al|le)?[ \t]*[A-Z][\w'’.-]+){1,3}"  # two words or more
)
_PERSONS = rf"{_PERSON}(?:[ \t]*,[ \t]*{_PERSON})*(?:,?[ \t]+and[ \t]+{_PERSON})?"
_AUTHOR_NOTE = re.compile(
    rf"\s*\(?(?:This (?:article|story|report) was (?:written|reported|compiled) by)\s+(?P<names>{_NAMES})\.?\)?\s*$"
)
_REPORTING = re.compile(
    rf"\s*\((?:Reporting|Writing|Reported) by\s+(?P<names>{_NAMES})(?:\s+in\s+[A-Z][\w .-]{{1,30}}?)?"
    rf"(?:,?\s+and\s+(?P<more>{_NAME})(?:\s+in\s+[A-Z][\w .-]{{1,30}}?)?)?(?:;[^()]*)?\)\s*$"
)
_BYLINE = re.compile(
    r"^\s*(?:By|Written by|Words by|Reporting "
    rf"by)\s+(?P<names>{_PERSONS})(?:\s*(?:,|\||—|-)\s*[^\n]{{0,60}})?\s*(?:\n|$)",
    re.MULTILINE,
)
_BIO = re.compile(
    rf"(?:^|(?<=[.!?]\s)|\n)(?P<name>{_NAME})\s*(?:\([^)\n]{{0,60}}?\)?\s*)?(?:is|was|serves "
    r"as)\s+(?:a|an|the|deputy|senior|chief|director|professor|editor|associate)\b"
)

_ROLE = re.compile(
    r"\b(?:fellow|professor|director|editor|correspondent|analyst|researcher|leader|writer|"
    r"journalist|author|columnist|reporter|advisor|adviser|scholar|lecturer|economist|"
    r"manager|chair|president|founder|partner|consultant|student|officer|contributor)\b",
    re.IGNORECASE,
)

_NOT_PERSON = re.compile(
    r"^(?:The|This|It|He|She|That|There)\b|\b(?:Prime|President|Minister|Secretary|Foreign|"
    r"Chief|General|Mr|Ms|Mrs|Dr|King|Queen|Ministry|Government|Party|University|"
    r"Council|Committee|Bank|Group|Agency|Korea|Japan|China|States|Union)\b"
)


def _names(text: str) -> list[str]:
    """Person names from "X, Y and Z"; job titles ("Staff Writer") are not names."""
    parts = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", text.strip())
    names = [re.sub(r"(?<=[a-z]{2})\.$", "", p.strip()) for p in parts]
    return [n for n in names if n and not _ROLE.search(n) and not re.search(r"\b(?:Staff|Bureau)\b", n)]


def split_authors(body: str) -> tuple[list[str], str]:
    """``(authors, body)`` from a byline ("By X and Y", "Written by X") or an author note
    ("(This article was written by X and Y.)"), which are stripped, or from closing author
    bios ("X (email) is a senior fellow at ..."), which stay in the body as content."""
    m = _AUTHOR_NOTE.search(body)
    if m:
        return _names(m.group("names")), body[: m.start()].rstrip()
    m = _REPORTING.search(body)
    if m:
        names = _names(m.group("names")) + ([m.group("more")] if m.group("more") else [])
        return names, body[: m.start()].rstrip()
    m = _BYLINE.match(body)
    if m:
        return _names(m.group("names")), body[m.end() :].lstrip()
    tail = body[-900:]
    bios = [b.group("name") for b in _BIO.finditer(tail) if _ROLE.search(tail[b.end() : b.end() + 90])]
    bios = [n for n in bios if 2 <= len(n.split()) <= 4 and not _NOT_PERSON.search(n)]
    return list(dict.fromkeys(bios)), body


_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DAY = rf"{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?"
_CAPS_PLACE = r"[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+){0,3}(?:,\s*[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)?)?"
_CAP_PLACE = r"[A-Z][a-z.'-]+(?:\s+[A-Z][a-z.'-]+){0,2}(?:,\s*[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,2})?"
_WIRE_PAREN = r"\((?P<wire>[^()\n]{2,40})\)"
_STAMP = re.compile(rf"{_MONTH}\s+\d{{1,2}},\s*\d{{4}}(?:\s+\d{{1,2}}:\d{{2}})?(?:\s*\([A-Z]{{2,5}}\))?\s+")
_DATELINES = [
    # "Gyeongju, South Korea – October 29, 2025 – "
    re.compile(rf"^(?P<place>{_CAP_PLACE})\s*[—–-]\s*(?P<date>{_DAY})\s*[—–-]+\s*"),
    # "Tokyo, July 30 (Jiji Press)--", "NEW YORK, Oct 3 (Reuters) - "
    re.compile(
        rf"^(?P<place>{_CAP_PLACE}|{_CAPS_PLACE}),\s*(?P<date>{_DAY})\s*(?:{_WIRE_PAREN})?\s*{_DASH}\s*"
    ),
    # "WASHINGTON (Reuters) -", "Seoul (Yonhap) --"
    re.compile(rf"^(?P<place>{_CAP_PLACE}|{_CAPS_PLACE})\s*{_WIRE_PAREN}\s*{_DASH}\s*"),
    # "BRUSSELS — ", "KYIV, Ukraine — "
    re.compile(rf"^(?P<place>{_CAPS_PLACE})\s*(?:—|–|--|-)\s+"),
]


# Capitalised acronyms that open sentences but are no place (a real-world list, not page lines).
_NOT_PLACES = {
    "NATO",
    "U.S",
    "US",
    "USA",
    "UK",
    "EU",
    "UN",
    "G7",
    "G20",
    "IMF",
    "WHO",
    "WTO",
    "ASEAN",
    "APEC",
    "OPEC",
    "AP",
    "AFP",
    "CEO",
    "GDP",
    "AI",
    "UPDATE",
    "BREAKING",
    "EXCLUSIVE",
    "ANALYSIS",
    "OPINION",
    "WATCH",
}


_AGENCY = re.compile(r"^[A-Z][\w&'’.-]*(?:\s+(?:of\s+)?[A-Z][\w&'’.-]*){0,3}$")


def is_agency_credit(text: str) -> bool:
    """A parenthesised credit in a dateline names a news agency: a known wire ("Reuters") or a
    short capitalised name ("Pacific Wire", "Hanbit News"), not a date, a number or a phrase."""
    text = (text or "").strip()
    if re.fullmatch(r"[A-Z](?:-[\w.]+)?", text):
        return False  # a party tag ("(R)", "(D-Calif.)"), not an agency
    return bool(wire_name(text)) or bool(_AGENCY.match(text) and not re.search(r"\d", text))


def dateline_wire(body: str) -> str | None:
    """The agency a lead dateline credits ("TOKYO (Pacific Wire)--" -> "Pacific Wire"), else None."""
    text = (body or "").lstrip()
    m = _match_dateline(text)
    if m is None:
        stamp = _STAMP.search(text[:160])
        m = _match_dateline(text[stamp.end() :]) if stamp else None
    credit = (m.groupdict().get("wire") or "").strip() if m else ""
    if not credit or not is_agency_credit(credit):
        return None
    return wire_name(credit) if wire_name(credit) and len(credit.split()) <= 3 else credit


_JA_DATELINE = re.compile(r"^[【\[]\s*(?P<place>[^＝=】\]\s]{1,12})\s*[＝=][^】\]]{0,20}[】\]]\s*")


def _match_dateline(text: str) -> re.Match | None:
    for pattern in _DATELINES:
        m = pattern.match(text)
        if m and (pattern is not _DATELINES[2] or is_agency_credit(m.group("wire") or "")):
            return m
    return None


def split_dateline(body: str) -> tuple[str | None, str | None, str]:
    """``(place, time_text, body)`` for a lead dateline, stripped from the body.

    Handles "BRUSSELS — ", "Tokyo, July 30 (Jiji Press)--", "Gyeongju, South Korea – October 29,
    2025 – ", and a section kicker with a full time before it ("News from Japan Politics Jul 30,
    2025 16:20 (JST) Tokyo, July 30 (Jiji Press)--"), whose fuller time wins.
    """
    text = body.lstrip()
    ja = _JA_DATELINE.match(text)
    if ja:  # "【北京＝田所健】": place = reporter's posting
        return ja.group("place"), None, text[ja.end() :]
    m = _match_dateline(text)
    prefix_time = None
    if not m:
        stamp = _STAMP.search(text[:160])
        if not stamp:
            return None, None, body
        m = _match_dateline(text[stamp.end() :])
        if not m:
            return None, None, body
        prefix_time = stamp.group(0).strip()
        text = text[stamp.end() :]
    place = m.group("place").strip(" ,")
    if place.rstrip(".").upper() in _NOT_PLACES or len(place) < 3:
        return None, None, body  # "NATO — the alliance ...", "U.S. — China talks ...": not datelines
    date = m.groupdict().get("date")
    return place, prefix_time or date, text[m.end() :]


_CAPTION_CREDIT = re.compile(
    r"^(?P<cap>.{15,400}?)\s*\((?P<credit>(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})(?:\s+(?:file\s+)?photo)?"
    r"|[^()]{0,40}\b(?i:photo|file|pool|getty|images)\b[^()]{0,20})\)\s+(?=[A-Z\"'“‘])",
)


def split_photo_caption(body: str) -> tuple[str | None, str]:
    """``(caption, body)`` for a leading photo caption closed by a parenthesised credit:
    "... on July 29. (Pool) South Korean ...", "... on Feb. 7 (Kotaro Ebara) The government ..."."""
    m = _CAPTION_CREDIT.match(body)
    if not m:
        return None, body
    credit, words = m.group("credit"), len(m.group("cap").split())
    single = len(credit.split()) == 1
    if words < 4 or not credit[0].isupper():
        return None, body
    if single and wire_name(credit) and words < 6:
        return None, body  # "Officials met (Reuters) Then ...": too short to be a caption
    if single and credit.isupper() and not wire_name(credit):
        return None, body  # "(LDP) The party ...": an acronym, not a photo credit
    caption = body[: m.end()].strip()
    return caption, body[m.end() :]
