"""Line-level readings of a plain-text page dump: is this line a relative age, a date line, an
"Outlet · 4h ago" pair, a headline, a site or person name, a caption; are two headlines the same.
Shared by the splitter (:mod:`storyline.extract.split`) and the HTML lead trimmer."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from storyline.extract.meta import find_relative_age, parse_absolute_time_ex
from storyline.models import normalize_text

SEPARATOR = re.compile(r"^(?:[-–—•·▪*#|_=~]+|\d{1,2}[.)]?)$")
DASH_OUTLET = re.compile(r"^[-–—]\s+(?P<name>\S.{0,50})$")
BULLET = re.compile(r"^[•·▪◦›»‣○▸]\s*(?P<text>\S.*)$")
_END = re.compile(r"[.!;:,…]$|[.!?…][\"'”’)]$")
_CONNECTORS = {"of", "the", "and", "&", "de", "du", "la", "le", "for", "on", "in", "el", "al"}
_VERBS = frozenset(
    "is are was were be will to says said has have had can may gets get makes takes sets hits cuts wins vows "
    "eyes seeks who which that".split()
)
_DATE_WORDS = frozenset(
    "jan january feb february mar march apr april may jun june jul july aug august sep sept september oct "
    "october nov november dec december mon monday tue tuesday wed wednesday thu thursday fri friday sat "
    "saturday sun sunday am pm at on of utc gmt jst kst est edt cst cdt pst pdt cet cest bst ist hkt sgt "
    "aest aedt th st nd rd".split()
)
_DETERMINERS = {"the", "a", "an", "this", "these"}
BYLINE = re.compile(r"^(?:By|Written by|Words by|Reporting by)\s+[A-Z]")
_META_PREFIX = re.compile(r"^(?:time|updated|posted|published|last updated|date)\s*:?\s*", re.IGNORECASE)


def is_age_line(s: str) -> bool:
    """A line that is only a relative age ("4 hours ago", "time3 days ago")."""
    age = find_relative_age(s)
    if not age or len(s) > 40:
        return False
    rest = _META_PREFIX.sub("", s.lower())
    return len(rest.split()) <= 4


def date_line(s: str) -> str | None:
    """The time text when the line is only a date/time ("12:57 JST, July 3, 2023", "time05-05-2025")."""
    if len(s) > 60 or len(s.split()) > 8 or s.endswith("."):
        return None
    text = _META_PREFIX.sub("", s)
    if len([w for w in re.findall(r"[^\W\d_]{2,}", text) if w.lower() not in _DATE_WORDS]) > 1:
        return None  # words beyond months, weekdays and zones: a sentence that holds a date
    value, _precision = parse_absolute_time_ex(text)
    if value or re.fullmatch(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{4}", text.strip()):
        return text  # an ambiguous "02-03-2025" is still a date line, though its value stays unknown
    return None


def split_meta_combo(s: str) -> tuple[str, str] | None:
    """``(outlet, time)`` for one line holding both: "Asia Times · 2 hours ago", "NHK | Jul 3, 2025"."""
    parts = [p.strip() for p in re.split(r"\s+[·•|—–-]\s+", s) if p.strip()]
    if len(parts) != 2:
        return None
    for name, when in (parts, parts[::-1]):
        if is_outlet_like(name) and (is_age_line(when) or date_line(when)):
            return name, when
    return None


def is_headline(s: str) -> bool:
    """Short, single line without a sentence end: a headline, subheading, label or name."""
    title = _title_case(s)
    if re.search(r"[a-z]{2}[.!?][\"'”’]?\s+[A-Z]", s) and not (title and not _END.search(s)):
        return False  # two sentences: a paragraph (a Title Case line breaking at "?" is one headline)
    ended = _END.search(s) and not (title and re.search(r"[!?]\)$", s))  # "... (Plus 2 Bonus Picks!)"
    return len(s) <= 250 and len(s.split()) <= 32 and not ended


def _title_case(s: str) -> bool:
    """Every word of four letters or more capitalised, in a line of four words or more: headline
    style ("How Much Does a Home Remodel Cost in California? A Comprehensive Guide to Budgeting"),
    which prose never is."""
    words = re.findall(r"[A-Za-z][\w'’-]*", s)
    long = [w for w in words if len(w) >= 4]
    return len(words) >= 4 and len(long) >= 3 and all(w[0].isupper() for w in long) and not s.isupper()


def is_outlet_like(s: str) -> bool:
    """A short name in title case or capitals ("Asahi Shimbun", "NHK", "The Japan Times")."""
    words = s.split()
    if not 1 <= len(words) <= 5 or _END.search(s) or re.search(r"\d", s) or BYLINE.match(s):
        return False
    return all(w[0].isupper() or w.lower() in _CONNECTORS for w in words)


def is_caption_like(s: str) -> bool:
    """A short noun phrase opening with a determiner ("The EU headquarters", "A view of the
    harbour"): alt text or a caption, not a headline, which carries a predicate. Verb-like
    words (a lowercase "-s" word inside the line, "-ed", "-ing", common verbs) make it a headline."""
    words = s.split()
    if not 2 <= len(words) <= 6 or words[0].lower() not in _DETERMINERS or re.search(r"[:;?!]", s):
        return False
    inner = [w for w in words[1:] if w.islower()]
    if not any(w not in _CONNECTORS for w in inner):
        return False
    for k, w in enumerate(words[1:], start=1):
        inner = k < len(words) - 1  # a last word ending in -s/-ing/-ed is usually a noun
        if w.islower() and (w in _VERBS or (inner and (w.endswith(("ed", "ing")) or _plural_verb(w)))):
            return False
    return True


def _plural_verb(word: str) -> bool:
    return word.endswith("s") and not word.endswith(("ss", "us", "is"))


def same_title(a: str | None, b: str | None, threshold: float = 0.9) -> bool:
    """True when two headline lines are the same up to case, quotes and small edits."""
    if not a or not b:
        return False
    na, nb = normalize_text(a), normalize_text(b)
    if na == nb:
        return True
    if 2 * min(len(na), len(nb)) / (len(na) + len(nb)) < threshold:
        return False  # lengths alone rule it out (the ratio cannot reach the threshold)
    matcher = SequenceMatcher(None, na, nb)
    return matcher.quick_ratio() >= threshold and matcher.ratio() >= threshold


def label_like(s: str | None) -> bool:
    """A section label or a site name, not a headline: up to three words in capitals or title case."""
    return bool(s) and len(s.split()) <= 3 and (s.isupper() or is_outlet_like(s))
