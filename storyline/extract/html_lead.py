"""The head of an extracted HTML body: what stands before the story's first sentence.

Main-text extractors often keep the lines a page prints above the story: a section kicker
("Defense"), the headline again, "Posted : 2026.11.18 22:03" stamps, a subtitle ("Aoyagi and Han
also pledge ..."). News copy marks its own start in two general ways: the headline is printed
once just above the text, and wire-style copy opens with a dateline ("TOKYO --", "Seoul, Nov. 18
(Hanbit News)--", "【北京＝...】"). :func:`split_lead` drops the short header lines before either
mark and hands back the subtitle among them. Nothing here knows particular sites.
"""

from __future__ import annotations

import re

from storyline.extract import meta
from storyline.extract.html_lines import word_count
from storyline.extract.split import date_line
from storyline.models import normalize_text

_MAX_LEAD = 4  # header lines above a story: kicker, headline, stamp(s), subtitle
_SHORT = 5  # a kicker or section label
_MAX_HEADER_WORDS = 40  # a subtitle or standfirst, not a paragraph of the story
_SENTENCE_END = re.compile(r"[.!?。][\"'”’)]?$")
_LIST_MARK = re.compile(r"^[-–—•·▪*]\s*")
_JA_STAMP = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日(?:\s*\d{1,2}時\d{1,2}分)?(?:\s*[(（]?更新[)）]?)?$")


def is_stamp(line: str) -> bool:
    """A line that only gives a time ("- Posted : 2026.11.18 22:03", "2026年11月17日 19時00分")."""
    text = _LIST_MARK.sub("", line.strip())
    text = re.sub(
        r"^(?:posted|updated|published|modified|last updated|date)\s*:?\s*", "", text, flags=re.IGNORECASE
    )
    if _JA_STAMP.match(text):
        return True
    if re.fullmatch(r"\d{4}[./-]\d{1,2}[./-]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?", text):
        return True
    return date_line(text) is not None


def _is_header_line(line: str) -> bool:
    return is_stamp(line) or (
        word_count(line) <= _MAX_HEADER_WORDS and not _SENTENCE_END.search(line.strip())
    )


def _opens_with_dateline(paragraph: str) -> bool:
    place, _time, rest = meta.split_dateline(paragraph)
    return place is not None and bool(rest.strip())


def _subtitle(lines: list[str], title: str | None) -> str | None:
    """The standfirst among dropped header lines: the longest that is neither stamp nor headline."""
    t = normalize_text(title or "")
    candidates = [
        line for line in lines
        if word_count(line) > _SHORT and not is_stamp(line) and normalize_text(line) != t
    ]  # fmt: skip
    return max(candidates, key=word_count) if candidates else None


def split_lead(paragraphs: list[str], title: str | None) -> tuple[list[str], str | None]:
    """``(paragraphs, subtitle)`` with the header lines above the story dropped.

    Cut after the headline when it is printed within the first lines below nothing but short
    labels; then cut header lines (short, unfinished lines and time stamps) above a dateline
    that opens one of the next paragraphs; then drop leading time stamps.
    """
    dropped: list[str] = []
    t = normalize_text(title or "")
    if t:
        for i, p in enumerate(paragraphs[:_MAX_LEAD]):
            if normalize_text(p) == t and i + 1 < len(paragraphs):
                if all(word_count(q) <= _SHORT and _is_header_line(q) for q in paragraphs[:i]):
                    dropped, paragraphs = paragraphs[: i + 1], paragraphs[i + 1 :]
                break
    for i, p in enumerate(paragraphs[: _MAX_LEAD + 1]):
        if i and _opens_with_dateline(p) and all(_is_header_line(q) for q in paragraphs[:i]):
            dropped, paragraphs = dropped + paragraphs[:i], paragraphs[i:]
            break
        if not _is_header_line(p):
            break
    while len(paragraphs) > 1 and is_stamp(paragraphs[0]):
        dropped, paragraphs = dropped + paragraphs[:1], paragraphs[1:]
    return paragraphs, _subtitle(dropped, title)
