"""Quality flags for one article: is this real reporting, or a template, filler or page furniture?

``assess(article) -> (flags, evidence)`` returns any of

* ``unfilled_placeholder`` - template slots left in the text: ``[Insert name - research needed]``,
  ``{{name}}``, ``[NAME]``, ``<insert date>``, ``Lorem ipsum``, ``[TBD]``, ``$XX million``;
* ``machine_generated_filler`` - several independent signs of generated padding together:
  "Did You Know?" / "Pro Tip:" boxes, FAQ blocks, question-and-answer bullets, comment prompts
  and rhetorical questions at the end, listicle scaffolding ("* Label: sentence" bullets under
  many short headings) and a high density of stock "AI" phrasing ("delve", "a testament to",
  "complex geopolitical landscape"). One sign alone is not enough: real news has bullet lists
  and the odd "underscores", so the score needs at least two of them;
* ``mostly_chrome`` - most of the lines are site furniture (share/subscribe/comment prompts,
  app downloads, "Read more", cookie notices);
* ``near_empty`` - too few words to be an article.

``evidence`` maps each flag to the text that triggered it, so a reader can check the call.
The rules are general patterns of templates and generated text, not lines of known pages.
"""

from __future__ import annotations

import re

from storyline.models import Article
from storyline.text.counting import word_count

NEAR_EMPTY_WORDS = 30
CHROME_SHARE = 0.5
FILLER_THRESHOLD = 2.0

# ------------------------------------------------------------------------ placeholders

_PLACEHOLDER_PATTERNS: tuple[re.Pattern[str], ...] = (
    # [Insert Prime Minister's Name - research needed], [Add quote here], (insert date)
    re.compile(r"[\[<]\s*(?:insert|add|enter|fill\s*in|placeholder|your)\b[^\]>\n]{0,120}[\]>]?", re.IGNORECASE),
    # not Reuters' "(Adds details)"
    re.compile(r"\(\s*(?:insert|fill\s*in|placeholder)\b[^)\n]{0,120}\)?", re.IGNORECASE),
    re.compile(r"[\[(<]\s*Insert\w[^\])>\n]{0,120}", re.IGNORECASE),  # [InsertPrimeMinister'sName-...
    re.compile(r"\b(?:research|citation|source|quote|data|name)\s+needed\s*\]", re.IGNORECASE),
    re.compile(r"\{\{\s*[\w .\-]{1,40}\s*\}\}"),  # {{name}}
    re.compile(r"\$\{\s*\w{1,40}\s*\}"),  # ${name}
    # [NAME], [COMPANY NAME], [DATE], [CITY], [X]
    re.compile(r"\[\s*(?:[A-Z]+[ _])*(?:NAME|DATE|COMPANY|CITY|COUNTRY|TITLE|NUMBER|AMOUNT|LINK|URL|"
               r"PLACEHOLDER|LOCATION|PRODUCT|BRAND|SOURCE|QUOTE|X+|TBD|TODO|TK)(?:[ _][A-Z]+)*\s*\]"),
    re.compile(r"\blorem\s+ipsum\b", re.IGNORECASE),
    re.compile(r"[\[(<]\s*(?:TBD|TBA|TODO|TK|XXX+)\s*[\])>]"),
    re.compile(r"^\s*(?:TBD|TODO)\s*[.:]?\s*$", re.MULTILINE),
    re.compile(r"(?:\$\s?X{2,}(?:[.,]X+)?\b|\bX{2,}(?:,X{3})*\s?%|\bX{2,},X{3}\b)"),  # $XX million, XX%
)


def find_placeholders(text: str) -> list[str]:
    """Every unfilled template slot in ``text``, in order of appearance (overlaps merged, deduplicated)."""
    spans = sorted((m.start(), m.end()) for p in _PLACEHOLDER_PATTERNS for m in p.finditer(text))
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return list(dict.fromkeys(text[s:e].strip() for s, e in merged))


# ------------------------------------------------------------------------ generated filler

_BOX_HEADINGS = re.compile(
    r"^\s*(?:[-*\u2022]\s*)?(?:did you know\??|pro tips?\s*:|quick tips?\s*:|fun fact\s*:|key takeaways?\s*:?|"
    r"frequently asked questions\b.*|faqs?\s*:?|in conclusion\b|final thoughts\b|tl;?dr\b)",
    re.IGNORECASE | re.MULTILINE,
)
_COMMENT_PROMPT = re.compile(
    r"\b(?:share your (?:thoughts|views|opinion)|let us know (?:what you think|in the comments)|"
    r"in the comments(?: section)? below|what do you think\?|join the (?:conversation|discussion))",
    re.IGNORECASE,
)
_QA_BULLET = re.compile(
    r"^\s*(?:[-*\u2022]|\d+[.)]|Q\s*[:.])\s*(?:What|How|Why|Who|When|Where|Is|Are|Can|Will|Does|Do)\b"
    r"[^?\n]{5,200}\?\s+\S",
    re.MULTILINE,
)
_LABEL_BULLET = re.compile(r"^\s*(?:[-*\u2022]|\d{1,2}[.)])\s*[A-Z][\w'’&,/ -]{2,60}:\s+\S", re.MULTILINE)
_STOCK_PHRASES = re.compile(
    r"\b(?:delv(?:e|es|ed|ing) into|a testament to|tapestry|in today'?s (?:fast-paced|ever-changing|rapidly|"
    r"interconnected)|ever-evolving|navigat(?:e|ing) the complex(?:ities)?|complex (?:geopolitical |international )?"
    r"landscape|it is (?:important|worth|crucial) to note|plays? a (?:crucial|pivotal|vital) role|"
    r"underscor(?:es|ing) the (?:importance|significance)|paving the way|stay tuned|multifaceted|"
    r"in the realm of|a cornerstone of|central tenet|serves as a (?:reminder|testament)|"
    r"(?:valuable|crucial) insights|unwavering commitment|key (?:objectives|takeaways)|"
    r"amidst? a (?:complex|challenging|backdrop)|against a backdrop of|high on the agenda|"
    r"(?:foster|fostering) (?:stable|durable|deeper|greater|stronger)|vital for regional|"
    r"the ongoing conflict and its implications)\b",
    re.IGNORECASE,
)


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.splitlines() if p.strip()]


def _is_heading(line: str) -> bool:
    """A short line without closing punctuation: a section heading of a listicle."""
    words = line.split()
    return 2 <= len(words) <= 9 and line[-1] not in ".?!:;,\"'’”)" and line[0].isupper()


def filler_signals(text: str) -> list[tuple[str, float, str]]:
    """Signs of generated padding as ``(name, weight, evidence)``; weights add up to a score."""
    signals: list[tuple[str, float, str]] = []
    lines = _paragraphs(text)
    boxes = [m.group(0).strip() for m in _BOX_HEADINGS.finditer(text)]
    kinds = {re.sub(r"[^a-z]", "", b.lower())[:8] for b in boxes}  # three "Pro tip:" boxes are one kind
    if boxes:
        signals.append(("boxes", min(2.0, 1.0 * len(kinds)), " | ".join(dict.fromkeys(boxes[:5]))))
    qa = [m.group(0).strip() for m in _QA_BULLET.finditer(text)]
    if len(qa) >= 2:
        signals.append(("qa_bullets", 1.0, qa[0][:120]))
    prompt = _COMMENT_PROMPT.search(text)
    if prompt:
        signals.append(("comment_prompt", 1.0, prompt.group(0)))
    tail = lines[-3:] if lines else []
    rhetorical = [ln for ln in tail if ln.endswith("?") and len(ln.split()) >= 6]
    if rhetorical:
        signals.append(("rhetorical_ending", 0.5, rhetorical[-1][:160]))
    labels = _LABEL_BULLET.findall(text)
    if len(labels) >= 4 and len(labels) >= 0.15 * len(lines):
        signals.append(("listicle", 1.0, labels[0].strip()[:120]))
    headings = [ln for ln in lines if _is_heading(ln)]
    if len(headings) >= 4 and len(headings) >= 0.12 * len(lines):
        signals.append(("many_headings", 0.5, " | ".join(headings[:3])))
    words = max(1, len(text.split()))
    stock = [m.group(0) for m in _STOCK_PHRASES.finditer(text)]
    if len(stock) >= 3 and len(stock) * 1000 / words >= 3.0:
        signals.append(("stock_phrasing", 1.0, ", ".join(dict.fromkeys(stock[:5]))))
    return signals


# ------------------------------------------------------------------------ chrome

_CHROME_LINE = re.compile(
    r"^\W*(?:share(?: this| on| via)?\b|tweet\b|subscribe\b|sign (?:up|in)\b|log ?in\b|register\b|"
    r"follow us\b|download (?:the|our) app|get (?:started|the app)\b|read more\b|continue reading\b|"
    r"click here\b|(?:leave|post|add|write) a comment\b|comments?\b|no comments\b|related (?:articles|stories|posts)\b|"
    r"you may also like\b|recommended\b|advertisement\b|sponsored\b|cookie|accept (?:all )?cookies|"
    r"privacy policy\b|terms of (?:use|service)\b|all rights reserved\b|copyright\b|©|newsletter\b|"
    r"back to top\b|skip to\b|menu\b|home\s*[»>/]|loading\b|print\b|email\b|facebook\b|twitter\b|whatsapp\b|"
    r"linkedin\b|adblock|this site uses akismet|try our\b|explore what\b|watch\b.{0,20}video\b)",
    re.IGNORECASE,
)


def chrome_lines(text: str) -> list[str]:
    """Lines that read as site furniture (calls to action, sharing, comment and app prompts)."""
    out = []
    for line in _paragraphs(text):
        if len(line.split()) <= 25 and _CHROME_LINE.match(line):
            out.append(line)
    return out


# ------------------------------------------------------------------------ assess


def assess(article: Article) -> tuple[list[str], dict[str, str]]:
    """Quality flags for ``article`` and, per flag, the text that triggered it."""
    body = article.body or ""
    flags: list[str] = []
    evidence: dict[str, str] = {}
    words = word_count(body)  # Japanese and Chinese: two characters to a word, not one run per sentence
    if words < NEAR_EMPTY_WORDS:
        flags.append("near_empty")
        evidence["near_empty"] = f"{words} words: {body.strip()[:120]}"
    placeholders = find_placeholders(f"{article.title or ''}\n{body}")
    if placeholders:
        flags.append("unfilled_placeholder")
        evidence["unfilled_placeholder"] = " | ".join(placeholders[:3])[:300]
    signals = filler_signals(body)
    score = sum(weight for _, weight, _ in signals)
    if score >= FILLER_THRESHOLD and len(signals) >= 2:
        flags.append("machine_generated_filler")
        evidence["machine_generated_filler"] = "; ".join(f"{n}: {e}" for n, _, e in signals)[:500]
    lines = _paragraphs(body)
    chrome = chrome_lines(body)
    if lines and len(chrome) >= 2 and len(chrome) / len(lines) >= CHROME_SHARE:
        flags.append("mostly_chrome")
        evidence["mostly_chrome"] = " | ".join(chrome[:5])[:300]
    return flags, evidence
