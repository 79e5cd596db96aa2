"""Reader threads, credited captions and page titles in a plain-text page dump: line shapes the
splitter (:mod:`storyline.extract.split`) asks about that need more than one line to judge.

- A comment thread printed without a head or controls: blocks of a time line and a commenter's
  name (in either order) over one or two lines of text, two or more in a row
  (``"August 11, 2018 at 9:51 am"``, ``"jane42"``, the comment). A story's header is the same time
  and name lines but over a headline or a body of more than ``MAX_COMMENT_WORDS``, and never repeats right after itself.
- A photo caption ending in its outlet's credit after a bar (``"Crowds at the harbour on Friday |
  Harbor Times"``): a fragment of six or more words that is no Title Case headline, then a short
  name. Judged inside a body only (a page's own headline line reads the same at its top).
- A page's ``<title>`` printed above the dump's menu (``"Headline | Outlet"``, ``"Headline -
  Outlet"``): the headline met again further down, with the site's name after a bar or dash.
"""

from __future__ import annotations

import re

from storyline.extract.chrome import chrome_kind
from storyline.extract.textlines import SEPARATOR, date_line, is_age_line, is_headline, is_outlet_like, same_title

MAX_COMMENT_WORDS = 150  # a block with more text under its time and name is a story, not a comment
_HANDLE = re.compile(r"^@?[A-Za-z][\w.-]{1,30}$")  # "jane42", "@jane": a commenter's account name
_TAIL = re.compile(r"^(?P<text>.+?)\s+[|｜]\s+(?P<name>[^|｜]{2,40})$")
_TITLE_TAIL = re.compile(r"\s+[|｜\-–—:]\s+(?P<name>[^|｜]{2,40})$")
_TITLE_WORDS = re.compile(r"[A-Za-z][\w'’-]*")


def _when(s: str) -> bool:
    return is_age_line(s) or date_line(s) is not None


def _who(s: str) -> bool:
    """A commenter's name or account: a name line of up to three words, or one handle-like word."""
    words = s.split()
    return 1 <= len(words) <= 3 and (is_outlet_like(s) or (len(words) == 1 and bool(_HANDLE.match(s))))


def _prose(s: str) -> bool:
    return not is_headline(s) or len(s.split()) >= 12


def comment_blocks(entries: list[tuple[int, str]], i: int) -> int:
    """How many comment blocks (time and name lines in either order, then one or two lines of
    text and nothing else) follow each other from entry ``i``; 0 when entry ``i`` opens none."""
    count, k, n = 0, i, len(entries)
    while k + 2 < n:
        a, b = entries[k][1], entries[k + 1][1]
        if not ((_when(a) and _who(b)) or (_who(a) and _when(b))):
            break
        text = k + 2
        if not _prose(entries[text][1]) or chrome_kind(entries[text][1]):
            break
        k = text + 1
        if k < n and _prose(entries[k][1]) and not chrome_kind(entries[k][1]) and len(entries[k][1].split()) < 60:
            k += 1  # a comment of two paragraphs
        if sum(len(s.split()) for _n, s in entries[text:k]) > MAX_COMMENT_WORDS:
            break  # a story's body under its time and byline, not a comment
        while k < n and (SEPARATOR.match(entries[k][1]) or chrome_kind(entries[k][1]) == "ugc-item"):
            k += 1
        count += 1
    return count


def credited_caption(line: str) -> bool:
    """A photo caption ending in its outlet's credit after a bar: six or more words before the bar
    (no Title Case headline), a short name after it."""
    m = _TAIL.match((line or "").strip())
    if not m:
        return False
    text, name = m.group("text").strip(), m.group("name").strip()
    words = _TITLE_WORDS.findall(text)
    long = [w for w in words if len(w) >= 4]
    title_case = len(long) >= 3 and all(w[0].isupper() for w in long)
    return len(text.split()) >= 6 and not title_case and len(name.split()) <= 4 and is_outlet_like(name)


def title_with_site(title: str | None, headline: str) -> str | None:
    """The site's name when ``title`` is ``headline`` followed by a bar or dash and a short name
    (a page's ``<title>`` line), else None."""
    if not title or not headline or len(title) <= len(headline):
        return None
    m = _TITLE_TAIL.search(title)
    if not m or not is_outlet_like(m.group("name").strip()):
        return None
    return m.group("name").strip() if same_title(title[: m.start()], headline, 0.97) else None
