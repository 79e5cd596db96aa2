"""What an HTML page prints around its main text: photo caption, reporter box, site furniture.

The main-text extractor leaves these out (images and boxes are not text), but they carry
metadata: a ``<figcaption>`` inside the article is its photo caption; a byline box ("By X" in an
element whose class says byline/reporter/author) names the author when the head does not; and
the lines of the page that :func:`storyline.extract.chrome.chrome_kind` recognises as furniture
fill :attr:`ExtractResult.chrome`.
"""

from __future__ import annotations

import re

from storyline.extract.chrome import chrome_kind, is_embed_credit, is_ugc_head, split_breadcrumb
from storyline.extract.html_lines import SKIP_TAGS, iter_block_lines, word_count
from storyline.extract.meta import split_authors
from storyline.extract.textlines import (
    BYLINE,
    date_line,
    is_age_line,
    is_headline,
    is_outlet_like,
    same_title,
)

# Reader-made content: schema.org types of comments, reviews and posts, and comment/review containers.
_UGC_TYPE = re.compile(r"schema\.org/(?:Review|Comment|UserComments|SocialMediaPosting|DiscussionForumPosting)\s*$",
                       re.IGNORECASE)  # not Answer: a FAQ's answers are the publisher's own text
_UGC_CLASS = re.compile(r"(?:^|[\s_-])(?:comments?|commentlist|comment-list|disqus_thread|reviews|user-reviews|"
                        r"review-list)(?:$|\s)", re.IGNORECASE)
# Embedded social posts: a blockquote typed by the network's embed class.
_EMBED_CLASS = re.compile(r"\b(?:twitter-tweet|instagram-media|tiktok-embed|bluesky-embed|reddit-embed|"
                          r"threads-post|fb-post|mastodon-embed)\b", re.IGNORECASE)
_BYLINE_CLASS = re.compile(r"byline|reporter|author|writer|journalist", re.IGNORECASE)
# Photo captions and credits: a <figcaption>, or an element whose class names a caption or a photo
# credit ("wp-caption-text", "img-caption", "photo-credit"). The WCXB DEV gold leaves them out of the
# main text (tune fold: 23 of 477 figcaptions of four words or more are in it).
_CAPTION_CLASS = re.compile(r"(?:^|[\s_-])(?:caption|(?:photo|image|img|media)[_-]?credits?)(?:$|[\s_-])",
                            re.IGNORECASE)
_MAX_CAPTION_WORDS = 80  # longer: a wrapper that only carries the class, not a caption
_HEADS = ("h1", "h2", "h3", "h4", "h5", "h6")
_MAX_CHROME = 200  # a cap for pathological pages


def _clean(text: str) -> str:
    return " ".join((text or "").split())  # = re.sub(r"\s+", " ", text).strip(), without the regex


def photo_caption(tree) -> str | None:
    """The first photo caption inside the article (or main) element, else the page's only one."""
    scoped = tree.xpath("//article//figcaption | //main//figcaption")
    every = tree.xpath("//figcaption")
    for node in scoped or (every if len(every) == 1 else []):
        text = _clean(node.text_content())
        if word_count(text) >= 4:
            return text
    return None


def byline_authors(tree) -> list[str]:
    """Names in a byline box ("By Park Min-ji" in ``<div class="reporter-box">``), if any."""
    for node in tree.iter():
        if not isinstance(node.tag, str) or node.tag in SKIP_TAGS:
            continue
        if not _BYLINE_CLASS.search(node.get("class") or ""):
            continue
        text = _clean(node.text_content())
        if not text.lower().startswith("by ") or word_count(text) > 20:
            continue
        text = re.sub(r"\S+@\S+", "", text).strip()  # the reporter's e-mail address
        names, _rest = split_authors(text)
        if names:
            return names
    return []


# A labelled byline line under the headline: "By Jane Doe", "Written by: Jane Doe", "Author Jane Doe",
# the names (two to four capitalised words each, joined by "and" or commas) ending the line or followed by a
# separator and the rest of the line (a role, a date: "By Jane Doe ⋅ Review Editor ⋅ Updated May 6, 2025").
_PERSON_WORDS = r"[A-Z][\w'’.-]+(?:[ \t]+(?:van|von|de|da|del|bin|al|le)?[ \t]*[A-Z][\w'’.-]+){1,3}"
_MONTH_WORD = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*"
_LABELLED_BYLINE = re.compile(
    rf"^(?i:by|written by|words by|authored by|posted by|author)\b\s*:?\s*"
    rf"(?P<names>{_PERSON_WORDS}(?:\s*(?:,|\band\b|&)\s*{_PERSON_WORDS})*)"
    rf"\s*(?:$|[⋅·•|,–—/-]|\bon\b|\bUpdated\b|{_MONTH_WORD}\.?\s+\d)"
)
HEADER_BYLINE_LINES = 15  # lines after the headline searched for a labelled byline, up to the first paragraph
BODY_WORDS = 30  # of this many words or more


def header_byline(tree) -> list[str]:
    """Names of a labelled byline line among the first lines under an ``<h1>`` (the first three: a
    site's logo may be the first), before the story's first paragraph."""
    heads = {_clean(h.text_content()) for h in tree.xpath("//h1")[:3]} - {""}
    if not heads:
        return []
    root = tree.find("body") if tree.find("body") is not None else tree
    seen = None  # lines since the last headline
    for line in iter_block_lines(root):
        line = _clean(line)
        if line in heads:
            seen = 0
            continue
        if seen is None:
            continue
        seen += 1
        if seen > HEADER_BYLINE_LINES:
            seen = None
            continue
        if word_count(line) >= BODY_WORDS:  # the story has begun: the header, where bylines are, is over
            seen = None
            continue
        m = _LABELLED_BYLINE.match(line) if len(line) <= 160 else None
        if m:
            names = [n.strip() for n in re.split(r"\s*(?:,|\band\b|&)\s*", m.group("names")) if n.strip()]
            names = [n for n in names if not BYLINE_NOT_NAME.search(n)]
            if names:
                return names
    return []


# Words that end a "name" read off a byline line: a job title or a date word, not a person.
BYLINE_NOT_NAME = re.compile(r"\b(?:Editor|Writer|Reporter|Staff|Team|Updated|Published|Contributor|Analyst|"
                             r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|"
                             r"June|July|August|September|October|November|December)\b")


def chrome_lines(tree, bodies: list[str]) -> list[str]:
    """Lines of the page recognised as site furniture and absent from every article body."""
    body = tree.find("body") if tree.find("body") is not None else tree
    text = "\n".join(bodies)
    found: list[str] = []
    for line in iter_block_lines(body):
        if len(found) >= _MAX_CHROME:
            break
        if line in found or line in text or chrome_kind(line) is None:
            continue
        found.append(line)
    return found


def reader_content(tree) -> list:
    """Elements whose text is no part of the article: reader-made content (comments, user reviews,
    embedded social posts typed as such or ending in a post's attribution: schema.org
    ``Comment``/``Review``/``SocialMediaPosting`` items and comment/review containers, by class or
    id) and photo captions and credits
    (:func:`caption_elements`). Never an element that holds the page's headline (``<h1>``) or half
    of its text: a review *article* or a wrapper class such as "has-comments" is the page itself."""
    body = tree.find("body") if tree.find("body") is not None else tree
    total = max(word_count(body.text_content()), 1)
    holders, _alive = _reply_holders(body)  # the proxies stay alive, so their ids stay theirs
    found: list = []
    for node in body.iter():
        if not isinstance(node.tag, str) or node.tag in SKIP_TAGS or node.tag in ("body", "html"):
            continue
        if found and any(node is f or _inside(node, f) for f in found):
            continue
        typed = _UGC_TYPE.search(node.get("itemtype") or "")
        container = _UGC_CLASS.search(f"{node.get('class') or ''} {node.get('id') or ''}")
        embed = node.tag == "blockquote" and (_EMBED_CLASS.search(node.get("class") or "") or _credited_post(node))
        if not (typed or container or embed or (holders and _reply_list(node, holders))):
            continue
        if next(node.iter("h1"), None) is not None or word_count(node.text_content()) * 2 > total:
            continue
        found.append(node)
        head = node.getprevious()
        if head is not None and isinstance(head.tag, str) and is_ugc_head(_clean(head.text_content())):
            found.append(head)  # the section's heading ("3 Responses") goes with it
    return found + [c for c in caption_elements(body) if not any(c is f or _inside(c, f) for f in found)]


def caption_elements(body) -> list:
    """Photo captions and credits: ``<figcaption>`` elements and short elements whose class names
    a caption or a photo credit, outermost first; never one holding a heading or a paragraph of
    running text beside its caption (a wrapper that is the article)."""
    found: list = []
    for node in body.iter():
        if not isinstance(node.tag, str) or node.tag in SKIP_TAGS:
            continue
        if node.tag != "figcaption" and not _CAPTION_CLASS.search(node.get("class") or ""):
            continue
        if found and any(_inside(node, f) for f in found):
            continue
        if word_count(node.text_content()) > _MAX_CAPTION_WORDS or next(node.iter(*_HEADS), None) is not None:
            continue
        found.append(node)
    return found


def _credited_post(node) -> bool:
    """A blockquote that ends in an embedded post's attribution ("— Jane Doe (@jane) May 3, 2025"):
    a social post whatever its class, not a quotation from the story's sources."""
    lines = list(iter_block_lines(node))
    return len(lines) >= 2 and is_embed_credit(lines[-1])


def _thread_follows(lines: list[str]) -> bool:
    """Under a section head, comments show as author/time lines or their controls."""
    return any(chrome_kind(x) == "ugc-item" or is_age_line(x.strip()) or date_line(x.strip()) is not None
               or re.search(r"\b(?:at \d{1,2}:\d{2}|says:?)\s*(?:[ap]m)?$", x.strip(), re.IGNORECASE) for x in lines)


def _reply_holders(body) -> tuple[set[int], list]:
    """Ids of the elements that hold a comment control ("Reply", "Like · Reply": a short link or
    button reading "Reply"), found in one pass over the page; with the element proxies, which
    must stay referenced for their ids to stay theirs."""
    ids: set[int] = set()
    alive: list = []
    for n in body.iter("a", "button"):
        text = _clean(n.text_content())
        if len(text) < 30 and re.fullmatch(r"reply\W*", text, re.IGNORECASE):
            a = n
            while a is not None and id(a) not in ids:  # an ancestor already marked has its own marked
                ids.add(id(a))
                alive.append(a)
                a = a.getparent()
    return ids, alive


def _reply_list(node, holders: set[int]) -> bool:
    """Two or more child blocks that each end in a comment control ("Reply", "Like · Reply"):
    a comment thread, whatever its markup is called."""
    children = [c for c in node if isinstance(c.tag, str) and c.tag not in SKIP_TAGS]
    if len(children) < 2:
        return False
    with_reply = sum(id(c) in holders for c in children)
    return with_reply >= 2 and with_reply * 2 >= len(children)


def _inside(node, ancestor) -> bool:
    parent = node.getparent()
    while parent is not None:
        if parent is ancestor:
            return True
        parent = parent.getparent()
    return False


def trim_reader_section(body: str) -> str:
    """The body without a reader section the main-text extractor kept at its end: cut at a
    section head ("3 Responses", "Comments", "Leave a Reply") past the first paragraph, or, with
    no head, at the author/time lines above the first comment control ("Reply", "Like · Reply")."""
    paragraphs = body.split("\n\n")
    for i, p in enumerate(paragraphs[1:], start=1):
        if is_ugc_head(p) and _thread_follows(paragraphs[i + 1 : i + 6]):
            return "\n\n".join(paragraphs[:i])
    first = next((k for k, p in enumerate(paragraphs) if chrome_kind(p) == "ugc-item"), None)
    if first is None or first < 2:
        return body
    for j in range(first - 1, max(0, first - 5), -1):
        p = paragraphs[j].strip()
        if is_age_line(p) or date_line(p) is not None:
            cut = j - 1 if j > 1 and is_headline(paragraphs[j - 1]) and len(paragraphs[j - 1].split()) <= 4 else j
            return "\n\n".join(paragraphs[:cut]) if cut > 0 else body
        stamp = re.match(r"^(?P<who>[^\n]{2,40}?)\s+(?P<when>\S.{4,40})$", p)  # "Jane Doe May 3, 2024 at 9:51 am"
        if stamp and (date_line(stamp.group("when")) or is_age_line(stamp.group("when"))) and j > 0:
            return "\n\n".join(paragraphs[:j])
    return "\n\n".join(paragraphs[: first - 1])  # no author line kept: the comment is the paragraph above


def _one_line(p: str) -> bool:
    """Up to 20 words and one sentence: a box's line, not a paragraph that mentions subscribing."""
    return len(p.split()) <= 20 and not re.search(r"[.!?][\"'”’)]?\s+[A-Z]", p)


_BOX_KINDS = frozenset({"cta", "paywall", "list", "label", "comments", "adblock", "badge", "ugc-item"})


def drop_furniture_lines(body: str) -> str:
    """Body paragraphs that read as site furniture wherever they stand (sign-up and paywall
    boxes, their headings, comment prompts): short lines :func:`chrome_kind` names as such."""
    paragraphs = body.split("\n\n")
    kept = [p for p in paragraphs
            if p.lstrip().startswith("|") or not (_one_line(p) and chrome_kind(p) in _BOX_KINDS)]  # table rows stay
    return "\n\n".join(kept) if kept else body


def trim_header_block(body: str, title: str | None) -> str:
    """Leading header lines the main text kept, in any order: the headline (again), an age or date
    line, a breadcrumb, a short name line among them. Stops at the first other line; a body whose
    first line is a byline keeps it (the article builder reads the author off it)."""
    paragraphs = body.split("\n\n")
    start, saw_title = 0, False
    while start < len(paragraphs) - 1:
        p = paragraphs[start].strip()
        if title and same_title(p, title, 0.97):
            saw_title = True
        elif not (is_age_line(p) or date_line(p) is not None or split_breadcrumb(p)[0] or chrome_kind(p) == "label"
                  or (is_outlet_like(p) and len(p.split()) <= 4 and not BYLINE.match(p))):
            break
        start += 1
    if start == 0 or not saw_title:
        return body  # only a header that held the headline is taken for one
    return "\n\n".join(paragraphs[start:])


def holds_reader_text(body: str, removed: list) -> bool:
    """Whether a paragraph of the main text comes from the reader content ``removed`` (else the
    page need not be read again without it: the main text already leaves it out)."""
    text = " ".join(_clean(n.text_content()) for n in removed)
    return any(key and key in text for key in (_clean(p)[:80] for p in body.split("\n\n")))


def removed_only_reader_text(before: str, after: str, removed: list) -> bool:
    """True when reading the page without its reader content changed the main text only by leaving
    that content out (most of the words the body lost were inside the removed elements); not when
    the extractor picked another block of the page instead."""
    kept = set(after.split("\n\n"))
    lost = [p for p in before.split("\n\n") if p not in kept]
    lost_words = sum(word_count(p) for p in lost)
    if not lost_words:
        return True
    removed_text = " ".join(_clean(n.text_content()) for n in removed)
    inside = sum(word_count(p) for p in lost if _clean(p)[:80] in removed_text)
    return inside >= 0.8 * lost_words and word_count(after) >= 0.5 * (word_count(before) - inside)
