"""Building blocks of the layout generator: real article texts, gold records, names, ages."""

from __future__ import annotations

import html
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from evals.folds import fold_of

OUTLETS = ["Harbor Times", "The Northern Ledger", "Daily Meridian", "Coastline Post", "Kestrel News",
           "The Valley Courier", "Pacific Wire Report", "Metro Dispatch", "Lakeside Herald", "Summit Tribune"]
PEOPLE = ["Jane Doe", "Ken Ito", "Maria Lopez", "Sam Carter", "Aiko Tanaka", "Ravi Patel", "Olga Petrova",
          "Tom Becker", "Lena Hoff", "Chris Moreau", "Nadia Farouk", "Peter Quinn"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
_PROSE = re.compile(r"[.!?][\"'”’)]?$")


@dataclass(slots=True)
class Text:
    title: str
    paragraphs: list[str]


class TextSource:
    """Real article texts (title + prose paragraphs) from the WCXB DEV gold of one fold."""

    def __init__(self, shared: Path, fold: str):
        gold = json.loads((Path(shared) / "eval" / "wcxb" / "ground-truth.json").read_text(encoding="utf-8"))
        self.texts: list[Text] = []
        for key in sorted(gold):
            g = gold[key]
            if g["page_type"] != "article" or fold_of(key) != fold or not g.get("title"):
                continue
            # the WCXB gold keeps some HTML entities as text ("I&#39;m"): unescape so the gold is the text a reader sees
            title = re.sub(r"\s+", " ", html.unescape(g["title"])).strip()
            if not (4 <= len(title.split()) <= 16) or title[-1] in ".:;,!?":
                continue
            paras = [re.sub(r"\s+", " ", html.unescape(p)).strip() for p in (g.get("main_content") or "").split("\n\n")]
            prose = [p for p in paras if len(p.split()) >= 20 and _PROSE.search(p)]
            if len(prose) >= 3:
                self.texts.append(Text(title, prose[:6]))

    def take(self, rng: random.Random, min_paragraphs: int = 2) -> Text:
        t = rng.choice(self.texts)
        n = rng.randint(max(2, min_paragraphs), min(5, len(t.paragraphs)))
        return Text(t.title, t.paragraphs[:n])


@dataclass
class Gold:
    articles: list[dict] = field(default_factory=list)
    chrome: list[str] = field(default_factory=list)
    links: int = 0

    def article(self, t: Text, outlet: str | None = None) -> None:
        self.articles.append({"title": t.title, "starts": t.paragraphs[0], "ends": t.paragraphs[-1],
                              "outlet": outlet})


@dataclass
class Page:
    kind: str  # "text" or "html"
    content: str
    gold: Gold
    family: str = ""
    split: str = ""


def words(rng: random.Random, text: str, n: int) -> list[str]:
    """``n`` words of ``text`` from a random start (wrapping), as a fragment of real prose."""
    w = text.split()
    start = rng.randrange(len(w))
    return [w[(start + i) % len(w)] for i in range(n)]


def age(rng: random.Random) -> str:
    n = rng.randint(1, 23)
    return f"{n} {rng.choice(['hours', 'minutes'])} ago" if n > 1 else "1 hour ago"


def clock_date(rng: random.Random, style: str = "long") -> str:
    month, day, year = rng.choice(MONTHS), rng.randint(1, 28), rng.choice([2024, 2025])
    hour, minute = rng.randint(1, 12), rng.randint(0, 59)
    if style == "comment":
        return f"{month} {day}, {year} at {hour}:{minute:02d} {rng.choice(['am', 'pm'])}"
    if style == "short":
        return f"{month[:3]} {day}, {year}"
    return f"{month} {day}, {year} {hour}:{minute:02d} {rng.choice(['AM', 'PM'])}"


def sentences(rng: random.Random, texts: TextSource, n: int = 1, *, avoid: Text | None = None) -> str:
    """``n`` whole sentences of another real article: text shaped like a comment or a review. With
    ``avoid`` (the page's own article), never a sentence of that article: a comment that repeats a
    line of the story would be gold chrome inside the gold body."""
    source = texts.take(rng)
    while avoid is not None and source.title == avoid.title:
        source = texts.take(rng)
    para = rng.choice(source.paragraphs)
    parts = [x for x in re.split(r"(?<=[.!?])\s+", para) if x]
    start = rng.randrange(len(parts))
    return " ".join(parts[start : start + n])
