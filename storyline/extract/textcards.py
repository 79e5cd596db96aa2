"""Runs of teaser cards in a plain-text page dump: a listing or a rail of other stories.

A card is a small block of lines (no blank line inside, a blank line around it): a headline, at
most one short teaser line, and the card's marks: when or where the story is from (a relative age,
a date line, "Outlet · 3 hours ago", an outlet name beside its age) or a "Read more" control, in
whatever order the site prints them (the teaser may come before the time, as in "Headline",
"One sentence.", "Outlet · 2 hours ago"). Three or more such blocks in a row, every one with a
teaser, are a list of other stories, whatever their lines read like one by one (a teaser that is
a short question reads like a headline; a headline may repeat the page's own): their headlines are
:class:`~storyline.models.Link` records and their teasers chrome, never an article's body. The
splitter (:mod:`storyline.extract.split`) takes them out before it walks the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from storyline.extract.chrome import chrome_kind
from storyline.extract.textlines import (
    DASH_OUTLET,
    date_line,
    is_age_line,
    is_headline,
    is_outlet_like,
    label_like,
    split_meta_combo,
)
from storyline.models import Link

MIN_RUN = 3  # cards in a row that make a list (two could be a page's own two short briefs)
TEASER_WORDS = 60  # one paragraph under this many words beside a headline is a teaser, not a body
TEASER_SHARE = 0.35  # a dated item under a third of the page's own story is a rail's teaser (tune families)
_MORE = re.compile(r"^(?:read more|continue reading|full story|more)\s*[›»>→]?$", re.IGNORECASE)
_SENTENCES = re.compile(r"[.!?][\"'”’)]?\s+[A-Z\"“]")


@dataclass(slots=True)
class Card:
    headline: str
    teaser: str | None
    outlet: str | None
    lines: list[str]


def _is_time(s: str) -> bool:
    return is_age_line(s) or date_line(s) is not None or split_meta_combo(s) is not None


def read_card(lines: list[str], short: bool = True) -> Card | None:
    """A :class:`Card` when the block's lines are a headline, one teaser line and the card's
    marks (exactly one time, or a "Read more" control; an outlet name and a short section label
    beside them), else None. ``short``: the headline must read as one (:func:`is_headline`) and
    the teaser must be short (under ``TEASER_WORDS`` words, at most three sentences); else any
    line that is no sentence is a headline and any one line a teaser."""
    if not 2 <= len(lines) <= 5:
        return None
    times = [k for k, s in enumerate(lines) if _is_time(s)]
    more = [k for k, s in enumerate(lines) if _MORE.match(s)]
    if len(times) > 1 or not (times or more):
        return None
    outlet = None
    rest: list[tuple[int, str]] = []
    names: list[tuple[int, str]] = []  # short name lines beside the time: the outlet, or a headline
    for k, s in enumerate(lines):
        if k in times or k in more:
            if k in times and (combo := split_meta_combo(s)):
                outlet = combo[0]
            continue
        dash = DASH_OUTLET.match(s)
        if dash and is_outlet_like(dash.group("name")):
            outlet = outlet or dash.group("name").strip()
        elif any(abs(k - t) == 1 for t in times) and is_outlet_like(s) and len(s.split()) <= 4:
            names.append((k, s))
        elif k == 0 and len(lines) >= 4 and label_like(s) and len(s.split()) <= 2:
            continue  # a section label over the card ("Business")
        else:
            rest.append((k, s))
    if len(rest) == 1 and len(names) == 1 and names[0][0] < rest[0][0]:
        rest, names = names + rest, []  # "Best Online Programs" (a headline in title case), time, teaser
    if len(rest) != 2 or len(names) > 1:
        return None
    outlet = outlet or (names[0][1] if names else None)
    (_k, headline), (_j, teaser) = rest
    if not 3 <= len(headline.split()) <= 24 or chrome_kind(headline):
        return None
    if not is_headline(headline) and (short or _SENTENCES.search(headline) or headline.endswith(".")):
        return None  # loosely: any one line that is no sentence ("Gear List (with PDF Checklist!)")
    if chrome_kind(teaser) or (
        short and (len(teaser.split()) >= TEASER_WORDS or len(_SENTENCES.findall(teaser)) > 2)
    ):
        return None
    return Card(headline, teaser, outlet, lines)


def _blocks(entries: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """Entries grouped into blocks of consecutive raw lines (a blank line ends a block)."""
    blocks: list[list[tuple[int, str]]] = []
    for raw, s in entries:
        if blocks and blocks[-1][-1][0] == raw - 1:
            blocks[-1].append((raw, s))
        else:
            blocks.append([(raw, s)])
    return blocks


@dataclass(slots=True)
class Run:
    """A run of cards over the entries ``start`` to ``stop - 1`` (its heading line included)."""

    stop: int
    links: list[Link]
    section: str | None = None  # its heading: what follows is under it, as under a list label
    teasers: list[str] = field(default_factory=list)

    @property
    def chrome(self) -> list[str]:
        """Its heading and its teasers: the lines that are no article's."""
        return ([self.section] if self.section else []) + self.teasers


def card_runs(entries: list[tuple[int, str]]) -> dict[int, Run]:
    """The runs of cards among the entries, by the index of their first entry. A run is blocks
    of the card shape in a row, ``MIN_RUN`` or more of them, most with a short teaser: then a card
    whose teaser runs long is one of them too (a listing's cards are cut to one shape; the items
    of an aggregator carry whole stories). A one-line block of a short label just above a run
    ("Latest", "More news") is the run's section heading."""
    blocks = _blocks(entries)
    cards = [read_card([s for _r, s in b], short=False) for b in blocks]
    strict = [c is not None and read_card(c.lines) is not None for c in cards]
    firsts = [0]
    for b in blocks:
        firsts.append(firsts[-1] + len(b))
    runs: dict[int, Run] = {}
    k = 0
    while k < len(blocks):
        end = k
        while end < len(blocks) and cards[end] is not None:
            end += 1
        if end - k < MIN_RUN or sum(strict[k:end]) * 2 < end - k:
            k = max(end, k + 1)
            continue
        head = k > 0 and len(blocks[k - 1]) == 1 and _heading(blocks[k - 1][0][1])
        section = blocks[k - 1][0][1] if head else None
        run = Run(firsts[end], [], section)
        for card in cards[k:end]:
            run.links.append(Link(title=card.headline, outlet=card.outlet, section=section))
            run.teasers.append(card.teaser)
        runs[firsts[k - 1] if head else firsts[k]] = run
        k = end
    return runs


def take_run(walker, i: int) -> bool:
    """Let the splitter's walker (:class:`storyline.extract.split._Walker`) pass over the run of
    cards starting at entry ``i``: its headlines become links and its teasers chrome. False (the
    walker reads the lines one by one) when the page's own story comes before the run and most of
    its teasers are not under ``TEASER_SHARE`` of that story's words (and the story does not go on
    after the run): aggregated briefs, each a story of its own. The run ends the draft before it,
    as a box does: prose right after it goes on with that body (a rail set inside a story); a
    draft opened just above it by a line that is no story (a heading, "Local news") is dropped,
    and a run before any story leaves the walker at the page's start; after a run under a
    heading the walker reads on under that heading, as after a list label's items."""
    run = walker.cards[i]
    cur = walker.cur
    main = next((d for d in [*walker.out.drafts, cur] if d is not None and d.paragraphs and not d.section), None)
    if main is not None and not _prose_at(walker.entries, run.stop):  # a rail inside a story is no briefs
        words = sum(len(p.split()) for p in main.paragraphs)
        if sum(len(t.split()) < TEASER_SHARE * words for t in run.teasers) * 2 < len(run.teasers):
            return False
    if cur is not None and not cur.paragraphs:
        walker.out.chrome.extend(x for x in (cur.title, cur.subtitle) if x)
        walker.page_title = None if walker.page_title == cur.title else walker.page_title
        walker.cur = None  # a heading (or a page title over the list) taken for a headline
    body = walker.cur if walker.cur is not None and walker.cur.paragraphs and walker.mode == "body" else None
    walker.close()
    walker.out.links.extend(run.links)
    walker.out.chrome.extend(run.chrome)
    walker.skip_until, walker.section, walker.trailer = run.stop - 1, run.section, []
    walker.resumable = body if body is not None and walker.out.drafts and walker.out.drafts[-1] is body else None
    walker.mode = "list" if run.section else "closed" if walker.out.drafts else "start"
    return True


def _heading(s: str) -> bool:
    """A list's heading: a short unfinished line ("Latest", "More news", "Trending now")."""
    return is_headline(s) and len(s.split()) <= 4 and (label_like(s) or chrome_kind(s) in ("list", "label"))


def _prose_at(entries: list[tuple[int, str]], k: int) -> bool:
    """Whether entry ``k`` is a paragraph of running text (a sentence of 12 words or more)."""
    if k >= len(entries):
        return False
    s = entries[k][1]
    return len(s.split()) >= 12 and not is_headline(s) and not chrome_kind(s)
