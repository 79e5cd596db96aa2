"""Splitting a plain-text page dump into article drafts and headline-only links.

A rendered news page, dumped as text, is a run of lines: a headline, metadata lines (outlet,
"4 hours ago", "- Outlet", "• Category"), body paragraphs, site chrome, and lists of other
items (related articles with bodies, ranking lists of bare headlines). ``split_page`` walks the
lines once with a small state machine:

- ``header``: collecting a draft's metadata and title; the first paragraph opens its body.
- ``body``: paragraphs join the body; a strong article-start signal opens a new draft.
- ``closed``: a chrome line ended the body; what follows (filler boxes, FAQ blocks, reader
  questions) is trailer, dropped until a strong article-start signal.
- ``list``: under a list label ("Related Articles", "POPULAR ARTICLE"); items with a body
  become drafts, items without one become links.

Strong article-start signals (general, not page-specific): a metadata line (relative age,
date line, "- Outlet", an outlet line followed by an age), a headline printed twice in a row,
a headline repeating the page's first headline, a headline directly followed by metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from storyline.extract.chrome import (
    chrome_kind,
    is_embed_credit,
    is_embed_head,
    is_ugc_head,
    split_breadcrumb,
)
from storyline.extract.meta import find_relative_age, split_authors
from storyline.extract.tables import parse_facts_rows
from storyline.extract.textcards import TEASER_SHARE, TEASER_WORDS, card_runs, take_run
from storyline.extract.textlines import (
    BULLET,
    BYLINE,
    DASH_OUTLET,
    SEPARATOR,
    date_line,
    is_age_line,
    is_caption_like,
    is_headline,
    is_outlet_like,
    label_like,
    same_title,
    split_meta_combo,
)
from storyline.models import Link


@dataclass
class Draft:
    """One article as found in the lines, before its body metadata is read."""

    title: str | None = None
    subtitle: str | None = None
    outlet: str | None = None
    relative_age: str | None = None
    time_text: str | None = None
    caption: str | None = None
    categories: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)  # from a byline line in the header
    paragraphs: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)  # credit lines after the body ("© KYODO")
    facts_table: list[list[str]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)  # hashtags printed with it
    section: str | None = None  # the list label it sat under, if any


@dataclass
class SplitPage:
    drafts: list[Draft] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    chrome: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)  # hashtags the page is about


_MORE = re.compile(r"^(?:read more|continue reading|see more|full story|more)\s*[›»>→]?$", re.IGNORECASE)
_RESUMABLE = frozenset({"cta", "label", "adblock", "cookie"})  # boxes that interrupt a body, not end it
LISTING_ITEMS = 4  # a page of teasers is a listing from this many items on (fewer: briefs)
LISTING_SHARE = 0.75  # ... when they are this share of its drafts


class _Walker:
    """The state machine over the significant lines of one page (see the module docstring)."""

    PROMOTE = 3  # substantial paragraphs after a closed body that make an article of their own

    def __init__(self, entries: list[tuple[int, str]]):
        self.entries = entries
        self.out = SplitPage()
        self.cur: Draft | None = None
        self.mode = "start"
        self.section: str | None = None
        self.page_title: str | None = None
        self.skip_until = -1
        self.trailer: list[tuple[str, str]] = []
        self.resumable: Draft | None = None  # a body a box interrupted (sign-up, share bar)
        self.cards = card_runs(entries)  # runs of teaser cards (a listing, a rail), by their first entry

    # -- lookahead helpers
    def _next(self, i: int, *, over_separators: bool = True, skip: int = 0) -> str | None:
        """The next significant line after entry ``i`` (``skip`` more lines further on)."""
        for _, s in self.entries[i + 1 :]:
            if over_separators and SEPARATOR.match(s):
                continue
            if skip == 0:
                return s
            skip -= 1
        return None

    def _is_meta(self, s: str | None) -> bool:
        return bool(s) and (
            is_age_line(s)
            or date_line(s) is not None
            or bool(DASH_OUTLET.match(s))
            or split_meta_combo(s) is not None
        )

    def _starts_article(self, i: int, s: str) -> bool:
        nxt = self._next(i)
        if nxt is not None and same_title(s, nxt, 0.97) and is_headline(nxt):
            return True  # a headline printed twice in a row
        if self.page_title and same_title(s, self.page_title):
            return True
        if is_outlet_like(s) and not (nxt and (split_meta_combo(nxt) or DASH_OUTLET.match(nxt))):
            return False  # a name line, unless the next line names the outlet itself ("Outlet | date")
        if self._is_meta(nxt):
            return True  # "Headline" then "4 hours ago"
        # "Headline", "Outlet", "4 hours ago"
        return bool(nxt) and is_outlet_like(nxt) and self._is_meta(self._next(i, skip=1))

    # -- draft handling
    def _open(self, **fields) -> Draft:
        self.close()
        self.trailer, self.resumable = [], None
        self.cur = Draft(section=self.section, **fields)
        self.mode = "header"
        return self.cur

    def close(self) -> None:
        if self.cur is not None and self.cur.section and self._rail_teaser(self.cur):
            self.out.chrome.extend(self.cur.paragraphs)  # a teaser under a list label: the item is a link
            self.cur.paragraphs = []
        if self.cur is not None:
            if any(not is_headline(p) or len(p.split()) >= 12 for p in self.cur.paragraphs):
                self.out.drafts.append(self.cur)  # at least one real paragraph, not only short lines
            elif self.cur.title:  # a headline without a body is a link, not an article
                link = Link(title=self.cur.title, outlet=self.cur.outlet, section=self.cur.section)
                self.out.links.append(link)
        self.cur = None

    def _table_at(self, i: int) -> int:
        """Rows of a facts table headed by entry ``i``: consecutive short lines, no blank between."""
        rows = 0
        prev_raw = self.entries[i][0]
        for raw, s in self.entries[i + 1 :]:
            if raw != prev_raw + 1 or not is_headline(s) or len(s.split()) > 15 or chrome_kind(s):
                break
            rows += 1
            prev_raw = raw
        return rows if rows >= 2 and len(self.entries[i][1].split()) <= 6 else 0

    # -- the walk
    def run(self) -> SplitPage:
        for i, (_raw, s) in enumerate(self.entries):
            if i <= self.skip_until:
                continue
            if i in self.cards and take_run(self, i):
                continue
            self.step(i, s)
        self.close()
        return self.out

    def step(self, i: int, s: str) -> None:
        """Route one line: furniture, metadata, bullet categories, byline, outlet, or text."""
        if self.mode == "ugc" and self._in_ugc(i, s):
            return
        if SEPARATOR.match(s):
            if s == "#" or len(s) > 3:
                self.out.chrome.append(s)
            return
        crumbs, s = split_breadcrumb(s)
        if crumbs:
            self.out.chrome.append(crumbs)
            self._site_header()
            if not s:
                return
        kind = "embed" if is_embed_credit(s) else "embed-head" if is_embed_head(s) else chrome_kind(s)
        if kind == "box" and self.mode == "header" and self.cur and self.cur.title and len(s.split()) >= 12:
            kind = None  # "Key takeaway: ...", "TL;DR: ..." right under a headline: the story's own summary
        if kind:
            self._chrome(kind, s, i)
        elif not (self._meta(i, s) or self._header_line(i, s)):
            if is_headline(s) or (len(s.split()) <= 20 and (self._repeated(i, s) or self._over_meta(i))):
                self._headline(i, s)
            else:
                self._paragraph(s, i)

    def _meta(self, i: int, s: str) -> bool:
        """Time and outlet lines: "Outlet · 4h ago", "4 hours ago", "12:57 JST, July 3, 2023", "- Outlet"."""
        combo = split_meta_combo(s)
        if combo:
            self._meta_time(i, combo[1])
            self.cur.outlet = self.cur.outlet or combo[0]
            return True
        if is_age_line(s) or date_line(s) is not None:
            self._meta_time(i, s)
            return True
        m = DASH_OUTLET.match(s)
        if m and is_outlet_like(m.group("name")):
            if self.cur is None or self.cur.paragraphs or self.mode in ("closed", "list"):
                self._open()
            self.cur.outlet = self.cur.outlet or m.group("name").strip()
            return True
        return False

    def _header_line(self, i: int, s: str) -> bool:
        """Lines that only mean something before a body: "• Category", "By X", an outlet name."""
        header = self.cur is not None and not self.cur.paragraphs and self.mode == "header"
        bullet = BULLET.match(s)
        if bullet and (header or self.mode == "start"):
            text = bullet.group("text").strip()
            if is_headline(text) and len(text.split()) <= 5:
                if self.cur is None:
                    self._open()  # a section crumb above the page's headline opens its header
                if not same_title(text, self.cur.outlet):
                    self.cur.categories.append(text)
                return True
        if BYLINE.match(s) and self._header_in_body():
            self._retitle(self.cur.paragraphs.pop())  # short lines, then "By X": the last one was the headline
            self.cur.categories.extend(p for p in self.cur.paragraphs if len(p.split()) <= 3)
            self.cur.paragraphs, self.mode = [], "header"
        if BYLINE.match(s) and (self.cur is None or not self.cur.paragraphs):
            authors, rest = split_authors(s)
            if authors and not rest.strip():
                if self.cur is None:
                    self._open()
                self.cur.authors.extend(a for a in authors if a not in self.cur.authors)
                return True
        nxt = self._next(i) or ""
        after = self._next(i, skip=1)
        titled = after is None or is_headline(after) or self._is_meta(after)  # a name over a time, then a headline
        titled = titled or (header and self.cur.title is not None and not self.cur.outlet)  # or under one
        titled = titled and not (header and same_title(s, self.cur.title, 0.97))  # not the headline again
        if is_outlet_like(s) and (is_age_line(nxt) or date_line(nxt)) and not is_caption_like(s) and titled:
            if not (header and not self.cur.outlet):
                self._open()
            self.cur.outlet = s
            return True
        return False

    def _rail_teaser(self, draft: Draft) -> bool:
        """An item under a list label whose body is one short paragraph: a teaser when it is
        undated, or when it is a small share of the page's own article (a rail beside a story;
        aggregated briefs are as long as the page's own text)."""
        if not _teaser(draft) or draft.categories:
            return False  # a body of its own, or a full header block (section bullets): a story
        if not _dated(draft):
            return True
        main = self.out.drafts[0] if self.out.drafts and not self.out.drafts[0].section else None
        if main is None:
            return True  # a labelled list of cards on a page without a story of its own
        words = sum(len(p.split()) for p in main.paragraphs)
        return len(draft.paragraphs[0].split()) < TEASER_SHARE * words

    def _in_ugc(self, i: int, s: str) -> bool:
        """Inside a reader-made section (comments, user reviews) lines are held as trailer, and
        dropped unless a run of real paragraphs with no author, time or controls between them
        grows into an article (:meth:`_trail`); a list label or a line that starts an article of
        its own (a long headline over metadata) ends the section."""
        kind = chrome_kind(s)
        if kind in ("list", "copyright"):
            return False
        if (kind is None and is_headline(s) and len(s.split()) >= 5 and not is_outlet_like(s)
                and self._starts_article(i, s)):
            self.mode = "closed"
            return False
        self.out.chrome.append(s)
        if kind or SEPARATOR.match(s) or self._is_meta(s) or is_outlet_like(s):
            self.trailer = []  # an item's author, time or controls: one comment ends here
        else:
            self._trail("headline" if is_headline(s) else "paragraph", s)
            if self.mode != "ugc":  # promoted: the held lines were not the section's after all
                self.out.chrome = [c for c in self.out.chrome if c not in self.cur.paragraphs and c != self.cur.title]
        return True

    def _drop_comment(self, i: int) -> None:
        """A comment's controls ("Reply") under a comment that no section head announced: the
        lines since its author and time line were the comment, not the article."""
        start = i
        for j in range(i - 1, max(-1, i - 5), -1):
            line = self.entries[j][1]
            if self._is_meta(line):
                start = j - 1 if j > 0 and is_headline(self.entries[j - 1][1]) else j
                break
        else:
            return
        texts = {t for _n, t in self.entries[start:i]}
        cur = self.cur
        if cur is None:
            return
        if self.out.drafts and (cur.title is None or cur.title in texts or is_outlet_like(cur.title)):
            self.out.chrome.extend(cur.paragraphs)
            self.cur = None  # the draft was opened by the comment's own time line
            return
        while cur.paragraphs and cur.paragraphs[-1] in texts:
            self.out.chrome.append(cur.paragraphs.pop())

    def _chrome(self, kind: str, s: str, i: int = -1) -> None:
        self.out.chrome.append(s)
        self.trailer = []
        if kind == "inline":
            return
        if kind == "label" and _MORE.match(s) and self._teaser_card():
            return  # "Section", "Headline", "one-line teaser", "Read More": a card, not the body's end
        if kind == "embed-head":  # "Jane Doe @janedoe · May 3": the post's text is the next line
            nxt = self.entries[i + 1][1] if 0 <= i < len(self.entries) - 1 else ""
            if nxt and not chrome_kind(nxt):
                self.out.chrome.append(nxt)
                self.skip_until = max(self.skip_until, i + 1)
            return
        if kind == "embed":  # an embedded post: the quoted line just above its "— Name (@handle)" credit
            cur = self.cur
            if cur is not None and cur.paragraphs and i > 0 and cur.paragraphs[-1] == self.entries[i - 1][1]:
                self.out.chrome.append(cur.paragraphs.pop())
            return
        if kind == "ugc-item" or (kind == "comments" and is_ugc_head(s)):
            if kind == "ugc-item":
                self._drop_comment(i)
            self.close()
            self.mode, self.section = "ugc", None
            return
        if kind == "tags":
            target = self.cur or (self.out.drafts[-1] if self.out.drafts else None)
            if target is not None:
                target.tags.extend(t.strip("#,") for t in s.split() if t.strip("#,") not in target.tags)
            return
        if kind not in ("list", "copyright") and self.cur is not None and self.mode == "header":
            return  # furniture between a headline and its body (share buttons, logos) ends nothing
        if kind == "copyright" and self.cur is not None:
            self.cur.credits.append(s)
        resumable = self.cur if kind in _RESUMABLE and self.mode == "body" else None
        self.close()
        if resumable is not None and self.out.drafts and self.out.drafts[-1] is resumable:
            self.resumable = resumable
        if kind == "list":
            self.mode, self.section = "list", s
            self.out.tags.extend(t for t in re.findall(r"#(\w+)", s) if t not in self.out.tags)
        else:
            self.section = None
            if self.mode != "start" or self.out.drafts:
                self.mode = "closed"

    def _meta_time(self, i: int, s: str) -> None:
        """A time line opens a new draft unless the current one is still in its header. Inside a
        body it does so only when a headline or outlet follows (an item's metadata); otherwise it
        is the current article's own stamp ("Updated July 31, 2025")."""
        in_body = self.cur is not None and self.cur.paragraphs and self.mode == "body"
        nxt = self._next(i)
        if in_body and not (nxt and (is_headline(nxt) or self._is_meta(nxt))):
            self.cur.time_text = self.cur.time_text or date_line(s)
            return
        if self.cur is None or self.cur.paragraphs or self.mode in ("closed", "list", "start"):
            self._open()
        if is_age_line(s):
            self.cur.relative_age = self.cur.relative_age or find_relative_age(s)
        else:
            self.cur.time_text = self.cur.time_text or date_line(s)

    def _headline(self, i: int, s: str) -> None:
        """A short line without a sentence end: title, caption, subtitle, subheading or link."""
        if self.mode == "start" or self.cur is None:
            self._headline_without_draft(i, s)
        elif self.mode == "header":
            self._header_headline(i, s)
        elif self._starts_article(i, s):
            self._open(title=s)
        elif self.mode == "body" and self.cur.section and self._rail_teaser(self.cur):
            self.mode = "list"  # the next item of a rail of headlines with one-line teasers
            self._list_or_trailer(i, s)
        elif self.mode == "body":
            self._body_headline(i, s)
        else:
            self._list_or_trailer(i, s)

    def _headline_without_draft(self, i: int, s: str) -> None:
        if self.mode in ("closed", "list") and not self._starts_article(i, s):
            self._list_or_trailer(i, s)
        elif is_caption_like(s) and self._is_meta(self._next(i)):
            self._open(caption=s)  # alt text over a time line; the page prints no headline
        else:
            self._open(title=s)
            self.page_title = self.page_title or s

    def _header_headline(self, i: int, s: str) -> None:
        cur = self.cur
        if cur.title is None and self._outlet_after_time(i, s):
            cur.outlet = s  # "4 hours ago", "Outlet", "Headline", body
        elif cur.title is None:
            if is_caption_like(s) and self._is_meta(self._next(i)):
                cur.caption = s
            else:
                cur.title = s
                self.page_title = self.page_title or s
        elif same_title(s, cur.title, 0.97):
            return  # the same headline printed again
        elif not cur.paragraphs and (self._repeated(i, s) or (label_like(cur.title) and len(s.split()) >= 4)):
            self._retitle(s)  # the line printed twice, or the full line under a label, is the headline
        elif cur.caption is None and is_caption_like(s) and self._is_meta(self._next(i)):
            cur.caption = s  # "Headline", "The EU headquarters", "12:57 JST, July 3, 2023"
        elif cur.subtitle is None and not self._table_at(i) and not (_stamped(cur) and len(s.split()) > 20):
            cur.subtitle = s
        else:
            self._body_headline(i, s)

    def _teaser_card(self) -> bool:
        """Pop a teaser card (a short label, a headline, one short sentence) off the body's end as a link."""
        cur = self.cur
        if cur is None or self.mode != "body" or len(cur.paragraphs) < 3:
            return False
        teaser, head = cur.paragraphs[-1], cur.paragraphs[-2]
        one_sentence = not re.search(r"[.!?][\"'”’)]?\s+[A-Z]", teaser) and len(teaser.split()) < TEASER_WORDS
        if not (one_sentence and is_headline(head) and len(head.split()) >= 3):
            return False
        del cur.paragraphs[-2:]
        last = cur.paragraphs[-1]
        label = cur.paragraphs.pop() if is_headline(last) and len(last.split()) <= 2 else None
        self.out.links.append(Link(title=head, section=label, position=len(self.out.links)))
        self.out.chrome.append(teaser)
        return True

    def _site_header(self) -> None:
        """A breadcrumb trail under a header's first lines: those were the site's (its name, kept as
        the outlet when it reads as one, and a tagline), not the article's; its headline follows."""
        cur = self.cur
        if cur is None or self.mode != "header" or cur.paragraphs or not cur.title or self.out.drafts:
            return
        if not cur.outlet and is_outlet_like(cur.title):
            cur.outlet = cur.title
        self.out.chrome.extend(x for x in (cur.title, cur.subtitle) if x and x != cur.outlet)
        cur.title = cur.subtitle = None
        if self.page_title is not None:
            self.page_title = None

    def _header_in_body(self) -> bool:
        """The draft's "body" so far is a few short header lines (a site name, its tagline, crumbs and
        the headline) of a page whose byline comes only now."""
        cur = self.cur
        return (
            cur is not None
            and self.mode == "body"
            and not self.out.drafts
            and 1 <= len(cur.paragraphs) <= 3
            and all(is_headline(p) and len(p.split()) <= 16 for p in cur.paragraphs)
        )

    def _over_meta(self, i: int) -> bool:
        """A short line opening the page (or a header without a title) right above a byline or a
        time line is the headline, even when it ends like a sentence ("... (With Confidence!)")."""
        if not (self.cur is None and self.mode == "start") and not (
            self.mode == "header" and self.cur is not None and self.cur.title is None and not self.cur.paragraphs
        ):
            return False
        nxt = self._next(i)
        return bool(nxt) and (self._is_meta(nxt) or bool(BYLINE.match(nxt)))

    def _repeated(self, i: int, s: str) -> bool:
        nxt = self._next(i)
        return nxt is not None and len(s.split()) >= 3 and same_title(s, nxt, 0.97)

    def _retitle(self, s: str) -> None:
        """Make ``s`` the draft's headline; the lines taken for title and subtitle before it were
        the header's outlet (a short name) or section labels."""
        cur = self.cur
        for old in (cur.title, cur.subtitle):
            if not old:
                continue
            if is_outlet_like(old) and not cur.outlet:
                cur.outlet = old
            elif len(old.split()) <= 4 and old not in cur.categories:
                cur.categories.append(old)
        cur.title, cur.subtitle = s, None
        if self.page_title is None or self.page_title in (cur.outlet, *cur.categories):
            self.page_title = s

    def _outlet_after_time(self, i: int, s: str) -> bool:
        """A short name after the draft's time line, before its headline and body."""
        cur = self.cur
        if cur.outlet or not (cur.relative_age or cur.time_text) or not is_outlet_like(s) or len(s.split()) > 4:
            return False
        headline, body = self._next(i), self._next(i, skip=1)
        return bool(headline and body) and is_headline(headline) and not is_headline(body)

    def _body_headline(self, i: int, s: str) -> None:
        """A short line inside a body: a chrome heading, a facts table, or a kept subheading."""
        nxt = self._next(i)
        if nxt is not None and chrome_kind(nxt) and chrome_kind(nxt) != "inline":
            self.out.chrome.append(s)  # a heading over a chrome block ("Stay informed" + app pitch)
            return
        rows = self._table_at(i)
        if rows:
            self.cur.facts_table.extend(parse_facts_rows([e[1] for e in self.entries[i + 1 : i + 1 + rows]]))
            self.skip_until = i + rows
            return
        self.cur.paragraphs.append(s)  # a subheading stays in the body as its own paragraph
        self.mode = "body"

    def _trail(self, kind: str, s: str) -> None:
        """Hold a line met after a body closed; a run of ``PROMOTE`` real paragraphs (not
        bullets, not one-liners) with no chrome between them is an article after all."""
        self.trailer.append((kind, s))
        substantial = [
            t
            for k, t in self.trailer
            if k == "paragraph" and not BULLET.match(t) and not re.match(r"^[*\-–]\s", t) and len(t.split()) >= 20
        ]
        if len(substantial) < self.PROMOTE:
            return
        held, self.trailer = self.trailer, []
        title = held[0][1] if held[0][0] == "headline" else None
        self._open(title=title)
        self.cur.paragraphs.extend(t for _k, t in (held[1:] if title else held))
        self.mode = "body"

    def _list_or_trailer(self, i: int, s: str) -> None:
        """Under a list label a headline is an item (with a body) or a link; else trailer."""
        if self.mode != "list":
            self._trail("headline", s)  # trailer after the body closed: held, usually dropped
            return
        nxt = self._next(i, over_separators=False)
        if nxt is not None and not is_headline(nxt) and not SEPARATOR.match(nxt) and not chrome_kind(nxt):
            self._open(title=s)  # an item with its own body
            return
        self.out.links.append(Link(title=s, section=self.section, position=len(self.out.links)))

    def _paragraph(self, s: str, i: int = -1) -> None:
        if self.cur is not None and not self.cur.paragraphs and same_title(s, self.cur.title, 0.97):
            return  # the headline printed again (one that reads like two sentences)
        if self.mode == "body" and self.cur.section and len(s.split()) <= 16 and self._rail_teaser(self.cur):
            self.mode = "list"  # a short line after a rail's teaser is the next item's headline
            self._list_or_trailer(i, s)
            return
        resume = self.mode == "closed" and self.cur is None and not self.trailer and len(s.split()) >= 12
        if resume and self.resumable is not None:
            if self.out.drafts and self.out.drafts[-1] is self.resumable:
                self.cur = self.out.drafts.pop()  # prose right after a box goes on with the body
                self.mode, self.resumable = "body", None
        if self.mode in ("closed", "list") and (self.cur is None or self.cur.paragraphs):
            self._trail("paragraph", s)  # trailer or list filler, unless it grows into an article
            return
        if self.cur is None:
            self._open()
        self.cur.paragraphs.append(s)
        self.mode = "body"


def _stamped(draft: Draft) -> bool:
    """The header already gave a time or a byline: a long line after it opens the body (a deck
    sits between the headline and those lines)."""
    return bool(draft.relative_age or draft.time_text or draft.authors)


def _dated(draft: Draft) -> bool:
    """The item names its own source or time: an aggregated story, however short."""
    return bool(draft.outlet or draft.relative_age or draft.time_text)


def _teaser(draft: Draft) -> bool:
    """A draft whose body is one short paragraph: a listing's or rail's teaser, not an article."""
    return len(draft.paragraphs) == 1 and len(draft.paragraphs[0].split()) < TEASER_WORDS


def _listing(page: SplitPage) -> None:
    """A page whose own drafts (those under no list label, which :meth:`_Walker._rail_teaser`
    judges) are mostly headline + one-line teaser is a listing: links, not articles."""
    own = [d for d in page.drafts if not d.section]
    short = [d for d in own if d.title and _teaser(d)]
    if len(short) < LISTING_ITEMS or len(short) < LISTING_SHARE * len(own):
        return
    links = [Link(title=d.title, outlet=d.outlet, section=d.section) for d in short]
    page.chrome.extend(d.paragraphs[0] for d in short)
    page.drafts = [d for d in page.drafts if not any(d is x for x in short)]
    page.links = page.links + links


def split_page(text: str) -> SplitPage:
    """Drafts (in page order), links and chrome lines of one plain-text page dump."""
    entries = [(n, line.strip()) for n, line in enumerate(text.splitlines()) if line.strip()]
    page = _Walker(entries).run()
    _listing(page)
    for n, link in enumerate(page.links):
        link.position = n
    return page
