"""Who a byline names: a person, a wire service, or the publishing site itself.

Pages and feeds put all three in the same author slot: ``"By Reuters"``, ``<dc:creator>Pacific
Wire</dc:creator>`` on Pacific Wire's own feed, a JSON Feed author "NBW World" on nbwworld's
site, a WordPress "Admin". :func:`clean_credits` sorts them: a wire service becomes
``Article.wire``, the publisher becomes the outlet (when none is known) and neither stays an
author; generic account names are dropped. The publisher is recognised by comparing the name
with the site name and with the labels of the page's host ("NBW World" ~ ``nbwworld.example``),
so it works for sites never seen before.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from storyline.extract.meta import wire_name

# Account names, not people (a real-world list of CMS defaults and desk credits).
_GENERIC = re.compile(
    r"^(?:admin(?:istrator)?|staff|staff writer|editor|editors|editorial(?: (?:staff|team|board))?|newsroom|"
    r"news ?desk|web ?desk|webmaster|web team|team|guest|anonymous|contributor|unknown|author|"
    r"(?:the )?(?:online|digital|news|web) (?:desk|team|staff|editor))$",
    re.IGNORECASE,
)
# A name shaped like a news organisation ("Hanbit News", "Pacific Wire", "Press Trust of India").
_AGENCY_WORD = re.compile(r"\b(?:News|Press|Agency|Wire|Newswire|Service|Presse|Nachrichten)\b")
_HOST_NOISE = {"www", "m", "amp", "mobile", "en", "english", "news", "com", "org", "net", "co", "example"}


def squash(name: str | None) -> str:
    """A name reduced for comparison: lower-case letters and digits, no leading "the"."""
    text = re.sub(r"^\s*the\s+", "", (name or "").lower())
    return re.sub(r"[\W_]+", "", text)


def _host_labels(url: str | None) -> set[str]:
    try:
        host = urlsplit(url or "").hostname or ""
    except ValueError:  # "Invalid IPv6 URL" and the like: no host to compare with
        host = ""
    labels = host.split(".")[:-1]  # without the top-level domain
    return {label.replace("-", "") for label in labels if label and label not in _HOST_NOISE}


def is_site_name(name: str | None, sitename: str | None, url: str | None) -> bool:
    """``name`` names the publishing site: its site name or its host ("NBW World" ~ nbwworld.example.org)."""
    key = squash(name)
    if len(key) < 3:
        return False
    site = squash(sitename)
    if site and key == site:
        return True
    site_head = squash(re.split(r"\s+[-|–—:]\s+", sitename or "")[0])
    return (site_head and key == site_head) or key in _host_labels(url)


# Words that make a name a publication's, not a person's (a real-world list of masthead words).
_MASTHEAD = re.compile(
    r"\b(?:News|Times|Daily|Post|Journal|Herald|Ledger|World|Media|Tribune|Observer|Gazette|Wire|"
    r"Press|Review|Report|Monitor|Chronicle|Courier|Standard|Telegraph|Guardian|Express|Star|Sun|"
    r"Mail|Weekly|Online|Network|Radio|TV|Broadcasting|Shimbun|Current|Today|Insider|Digest)\b"
)


# A capitalised name word; a surname may carry a patronymic prefix with its own capital (McCravy,
# MacLeod, O'Brien, D'Souza, FitzGerald) or join two capitalised parts (Smith-Jones).
_NAME_WORD = re.compile(
    r"(?:(?:Mc|Mac|Fitz|O['’]|D['’])?[A-Z][a-z'’]+)(?:-(?:Mc|Mac|O['’]|D['’])?[A-Z][a-z'’]+)*|[A-Z][a-z'’-]+"
)


def _person_shaped(name: str) -> bool:
    """Two or three capitalised words, no capitals-only token, no masthead word ("Jane Doe")."""
    words = name.split()
    return (
        2 <= len(words) <= 3
        and all(_NAME_WORD.fullmatch(w) for w in words)
        and not _MASTHEAD.search(re.sub(r"(?<=Mc|ac|tz)(?=[A-Z])", " ", name))  # "MacNews" holds "News"
    )


def _wire_of(name: str) -> str | None:
    """The wire service a byline names when that is all it names ("Reuters", "By AP")."""
    found = wire_name(name)
    if found and len(name.split()) <= 4:
        return found
    return None


def clean_credits(
    authors: list[str], wire: str | None, sitename: str | None, url: str | None
) -> tuple[list[str], str | None, str | None]:
    """``(authors, wire, outlet)``: people stay authors; wires and the publisher move out."""
    outlet = sitename
    people: list[str] = []
    for raw in authors:
        name = re.sub(r"^\s*by\s+", "", raw or "", flags=re.IGNORECASE).strip(" ,;")
        if not name or _GENERIC.match(name):
            continue
        if is_site_name(name, sitename, url):
            outlet = outlet or name
            if not _person_shaped(name):
                continue  # the publisher; a person whose own site it is (a personal blog whose
                # site name is the owner's name) stays an author too
        if wire and squash(name) == squash(wire):
            continue
        found = _wire_of(name)
        if found is None and _AGENCY_WORD.search(name) and len(name.split()) <= 4:
            found = name  # an organisation that is not this site: the agency whose copy it is
        if found is not None:
            wire = wire or found
            continue
        if name not in people:
            people.append(name)
    return people, wire, outlet
