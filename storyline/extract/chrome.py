"""Recognising site furniture ("chrome") in the lines of a rendered news page.

A general classifier, not a list of known lines: it looks at features any news site shares —
shortness, missing sentence ends, imperative verbs opening the line, addressing the reader
("you", "your"), keyword families (app stores, comments, newsletters, ad blockers, rankings),
breadcrumb separators, copyright marks. ``chrome_kind(line)`` says which kind of furniture a
line is, or ``None`` for content. Kinds:

- ``"list"``: a section label that heads a list of other items ("Related Articles", "POPULAR
  ARTICLE", "You may also like"); what follows is other articles or headline links.
- ``"label"``: another section label ("Hashtags", "Comments", "Share this").
- ``"cta"``: a call to action (download the app, sign up, try our features, share your thoughts).
- ``"tags"``: a line of hashtags only ("#Japan #SouthKorea").
- ``"comments"``, ``"adblock"``, ``"breadcrumb"``, ``"logo"``, ``"badge"``, ``"copyright"``,
  ``"box"`` (filler boxes: "Did You Know?", "Pro Tip:"), ``"inline"`` (ad labels, "Read more:"
  teasers and photo credits that sit inside a body and are skipped without ending it).
"""

from __future__ import annotations

import re
from functools import lru_cache

_LIST_LABEL = re.compile(
    r"\b(?:related|also like|also read|recommended|more (?:from|on|in|stories|news|articles)|"
    r"popular|most (?:read|viewed|popular|shared|commented)|trending|ranking|top (?:stories|news|picks)|"
    r"latest (?:news|stories|articles|headlines)|read next|up next|what to read next|editor[’']?s'? picks|"
    r"you might (?:also )?(?:like|enjoy)|don'?t miss|further reading|see also|in case you missed)\b",
    re.IGNORECASE,
)
_LABEL = re.compile(
    r"^(?:hashtags?|tags?|topics?|comments?|share(?: this(?: article| story)?)?|follow us|newsletter|"
    r"advertisement|sponsored(?: content)?|related topics|categories|menu|search|navigation|"
    r"subscribe|sign in|log in|login|register|contact us|about us|privacy policy|terms of (?:use|service)|"
    r"cookie (?:policy|settings)|(?:skip|jump|go|move) (?:directly )?to (?:the )?(?:main |page )?"
    r"(?:content|navigation|nav|menu|search|footer|main|article|text)|back to top|print|email|close|loading\.*|"
    r"table of contents|listen(?: to this article)?|read more|continue reading|show more|load more|"
    r"facebook|twitter|linkedin|whatsapp|reddit|pinterest|telegram|flipboard|bluesky|threads|copy (?:link|url)|"
    r"share (?:on|via) \w+|view this (?:post|profile) on \w+)\s*:?$",
    re.IGNORECASE,
)
_INLINE = re.compile(
    r"^(?:advertisement|advert|ad|sponsored|story continues below(?: advertisement)?|"
    r"scroll to continue(?: with content)?|article continues (?:below|after (?:this )?advertisement))$",
    re.IGNORECASE,
)
_CTA_VERBS = (
    r"download|try|sign up|signup|subscribe|join|follow|get|register|log ?in|sign in|click|tap|"
    r"explore|discover|start|support|share|leave|post|add|write|tell|let us know|install|"
    r"upgrade|unlock|enable|disable|allow|accept|turn off|whitelist|read|watch|listen|see|"
    r"check out|learn more|find out|stay|never miss|don'?t miss|ready to|want to|become|contact|send"
)
_CTA_START = re.compile(rf"^(?:{_CTA_VERBS})\b", re.IGNORECASE)
_CTA_OBJECTS = re.compile(
    r"\b(?:app|apps|app store|google play|play store|newsletter|features?|account|premium|"
    r"subscription|notifications?|comments?|thoughts|inbox|updates|podcast|our (?:site|website|journalism)|"
    r"free trial|members?|membership|feedback|story tips?|alerts?)\b",
    re.IGNORECASE,
)
# Inline furniture inside bodies: related-story teasers and photo credits on their own line.
_TEASER = re.compile(
    r"^(?:read (?:more|also|next)|also read|see also|related|more|watch|listen)\s*:\s*\S", re.IGNORECASE
)
_PHOTO_CREDIT = re.compile(
    r"^(?:\((?:photo|image|picture|video|file photo|credit)s?\b[^.()]{0,60}\)|"
    r"(?:photo|image|picture|video|file photo|credit)s?(?:\s+by\s+|\s*:\s*)[^.]{0,60}|"
    r"(?:[\w.]+\s+){0,4}(?:via\s+)?(?:getty images|shutterstock|ap photo)(?:/[\w .-]+)?|"
    r"(?:reuters|afp|ap|epa|kyodo|yonhap|xinhua)/[\w .-]+)$",
    re.IGNORECASE,
)
_APPEAL = re.compile(
    r"\b(?:donate|make a donation|support (?:our|independent|local|quality) (?:journalism|news|reporting)|"
    r"rely on (?:your|reader|readers') support|become a (?:member|supporter|patron)|letter to the editor|"
    r"scroll (?:down )?(?:for|to) (?:the )?next (?:article|story))\b",
    re.IGNORECASE,
)
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|you're|you'll)\b", re.IGNORECASE)
_COMMENTS = re.compile(
    r"\b(?:no comments yet|be the first to comment|leave a (?:comment|reply)|post a comment|"
    r"^\(?\d+\)?\s+comments?$|^comments?\s+\(\d+\)$|comment data is processed|akismet|"
    r"^join the (?:conversation|discussion)|email address will not be published|required fields are marked|"
    r"comments are (?:closed|moderated)|view comments|show comments|commenting (?:policy|rules)|"
    r"let us know (?:below|in the comments|what you think)|what do you (?:think|make of))\b",
    re.IGNORECASE,
)
_ADBLOCK = re.compile(
    r"\bad ?-?block(?:er|ing)?\b|\bdisabl\w* (?:your )?ad\b|\bad blocker\b|"
    r"\b(?:whitelist|allowlist) (?:us|our (?:site|website)|this (?:site|website))\b",
    re.IGNORECASE,
)
_SHORT_TRAIL = re.compile(r"^\s*(?:home|news|top)\s*[»›>|/]\s*[^»›>|/.!?]{1,30}$", re.IGNORECASE)
_RUN_TRAIL = re.compile(r"^\s*Home(?=[A-Z])[^.!?»›>|/]{2,30}$")  # a trail whose links ran together
_BREADCRUMB = re.compile(r"^\s*((?:[^»›>|/\n]{1,30}\s*[»›>|/]\s*){2,})")
_BADGE = re.compile(
    r"^(?:app[- ]?store|play[- ]?store|google[- ]?play|get it on google play|"
    r"download on the app store|available on the app store)(?:[\s-]*(?:app[- ]?store|play[- ]?store|google[- "
    r"]?play))*$",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(
    r"^(?:\[?(?:©|\(c\)|copyright\b)|.{0,60}\ball rights reserved\b|.{0,40}\bis the copyrighted property of\b|"
    r".{0,60}\bunauthori[sz]ed (?:reproduction|copying|use)\b|.{0,40}無断(?:転載|複製|使用))",
    re.IGNORECASE,
)
# Japanese list headings ("related articles", "ranking", "recommended"): the same furniture as _LIST_LABEL.
_JA_LIST_LABEL = re.compile(
    r"^(?:関連(?:記事|ニュース|リンク)|おすすめ(?:記事)?|人気(?:記事|ランキング)|(?:アクセス)?ランキング|"
    r"最新(?:記事|ニュース)|注目(?:記事|ニュース)|あわせて読みたい|こちらもおすすめ)$"
)
_MENU_SEP = re.compile(r"\s+[|｜・]\s+|\s*｜\s*")
# Paywall and metering notes: the page withholds the rest of the text from non-subscribers.
_PAYWALL = re.compile(
    r"\b(?:for (?:paid )?(?:subscribers|members) only|subscribers? only|subscriber-only|already (?:a )?"
    r"(?:subscriber|member)|(?:limit|number) of free (?:articles|stories)|free (?:articles?|stories) "
    r"(?:left|remaining)|"
    r"unlimited (?:digital )?access|cancel any ?time|subscribe (?:now|today)|continue reading (?:with|by)|"
    r"subscribe to (?:read|continue|unlock|keep reading|access)|to read (?:the )?(?:rest|full|whole)|"
    r"unlock (?:this|the full|the rest of this) (?:article|story)|^premium (?:content|article|story)$|members[- ]only|"
    r"to (?:continue|keep) reading|(?:is|are) (?:for|available to|exclusive to|reserved for) (?:paid )?"
    r"(?:subscribers|members|premium))\b",
    re.IGNORECASE,
)
# Heads of reader-made sections (comments, replies, user reviews): what follows is not the article.
_UGC_HEAD = re.compile(
    r"^(?:(?:\(?\d+\)?\s+)?(?:comments|responses|replies|reviews)|\(?\d+\)?\s+(?:comment|response|reply|review)|"
    r"comment|(?:customer|user|reader|guest) "
    r"(?:reviews?|comments?|ratings?)|ratings? (?:and|&) reviews?|discussion|conversation|leave a (?:reply|comment)|"
    r"add (?:a )?comment|write a review|top reviews|most (?:helpful|recent) reviews|"
    r"what (?:our )?(?:customers|readers|clients|guests|users) (?:say|think)|"
    r"\d+ thoughts? on .{1,200}|[^.!?]{2,40}\s+(?:says|said|wrote|commented)\s*:)(?:\s*\(\d+\))?\s*:?$",
    re.IGNORECASE,
)
# Controls under one comment or review ("Reply", "Like · Reply", "Was this helpful?") and star ratings.
_UGC_ITEM = re.compile(
    r"^(?:(?:reply|like|report|flag|helpful|quote|permalink|upvote|downvote)(?:\s*[·|•]?\s*"
    r"(?:reply|like|report|flag|share|quote))*\s*[↓↑→]?|\d+\s+(?:likes?|replies|people found this helpful)|"
    r"was this (?:review |comment )?helpful\??.{0,20}|[★☆✩✪⭐]{3,}.{0,30}|[★☆✩✪⭐]{1,2}|"
    r"verified (?:purchase|buyer|owner)|"
    r"reviewed in .{2,40} on .{4,30}|"
    r"(?:rated )?[1-5](?:\.\d)?\s*(?:out of|/)\s*5(?: stars)?)$",
    re.IGNORECASE,
)
# The attribution under an embedded social post: "— Jane Doe (@jane) May 3, 2025".
_EMBED_CREDIT = re.compile(r"^(?:[—–-]\s*|a post shared by\s+)[^()\n]{1,60}\(@[\w.]{1,40}\)\s*.{0,40}$", re.IGNORECASE)
# A photo caption ending in its credit: "... the harbour. Photo: Jane Doe/Harbor Times", "(Photo by X)".
_CAPTION_CREDIT = re.compile(
    r"(?:(?:^|[.!?\"”’)]\s+)(?:\(?(?:photo|image|picture|photograph|credit|file photo|illustration)s?"
    r"(?:\s+by\s+|\s*:\s*)[^.()]{2,60}\)?|\(\s*(?:photo|image)[^()]{0,60}\)|(?:getty images|ap photo)[^.]{0,40})|"
    r"\s\((?:photo|image|picture|photograph|credit|file photo|illustration)s?(?:\s+by\s+|\s*:\s*)[^.()]{2,60}\)|"
    r"[.!?]\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s*/\s*[A-Z][\w.' -]{1,40})$",
    re.IGNORECASE,
)
# Cookie and consent notes, e-mail sign-up forms.
_CONSENT = re.compile(
    r"\bcookies?\b.{0,120}\b(?:use|accept|consent|agree|settings|preferences|policy)\b|"
    r"\b(?:use|accept|consent to|agree to)\b.{0,60}\bcookies?\b|^(?:accept all|reject all|manage (?:preferences|"
    r"cookies|consent)|your privacy choices|enter your e-?mail(?: address)?|sign up|your e-?mail(?: address)?)$|"
    r"\bby (?:signing up|subscribing|clicking)\b.{0,80}\bagree\b",
    re.IGNORECASE,
)
_SITE_VOICE = re.compile(r"\b(?:we|our|us|this (?:site|website)|you|your)\b", re.IGNORECASE)
# The head line of an embedded post ("Jane Doe @janedoe · May 3"), a post's picture link.
_EMBED_HEAD = re.compile(r"^(?:[^@:\n]{1,40}\s)?(?:@\w{1,30}|\(@\w{1,30}\))(?:\s*[·•]\s*.{1,25})?$")
_PIC_LINK = re.compile(r"^(?:pic\.twitter\.com|t\.co|instagr\.am)/\S+$", re.IGNORECASE)
_BOX = re.compile(
    r"^(?:did you know|pro tip|fun fact|quick tip|tip|note to readers|key takeaways?|"
    r"tl;?dr|faq|frequently asked questions)(?:\s*[?:!.]|$|\s+(?:about|on|for)\b)",
    re.IGNORECASE,
)
_LOGO = re.compile(r"^(?:logo|site logo|home|#|menu|icon|image|photo|video|close|x|×|☰)$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…\"'”’)]$")


def split_breadcrumb(line: str) -> tuple[str | None, str]:
    """``(crumbs, rest)`` for a line opening with a breadcrumb trail ("Home » Economy » Title")."""
    m = _BREADCRUMB.match(line)
    if not m:
        short = _SHORT_TRAIL.match(line) or _RUN_TRAIL.match(line)  # "Home › Travel", "HomeLatest News"
        return (line.strip(), "") if short else (None, line)
    crumbs = m.group(1)
    parts = [p.strip() for p in re.split(r"[»›>|/]", crumbs) if p.strip()]
    if not parts or any(len(p.split()) > 4 for p in parts):
        return None, line
    if not (re.match(r"(?:home|news|top)\b", parts[0], re.IGNORECASE) or "»" in crumbs or "›" in crumbs):
        return None, line
    return crumbs.strip(), line[m.end() :].strip()


def is_embed_credit(line: str) -> bool:
    """The attribution line under an embedded social post ("— Jane Doe (@jane) May 3, 2025").
    Not furniture by itself (benchmarks keep quoted posts in bodies); a text dump's walker uses it
    to keep the post out of the article it interrupts."""
    text = (line or "").strip()
    return len(text.split()) <= 16 and bool(_EMBED_CREDIT.match(text))


def is_embed_head(line: str) -> bool:
    """The head line of an embedded post in a text dump: a handle, alone or after a name, maybe
    with the post's time ("Jane Doe @janedoe · May 3", "Jane Doe (@janedoe)", "@janedoe")."""
    text = (line or "").strip()
    return len(text.split()) <= 10 and bool(_EMBED_HEAD.match(text))


def is_ugc_head(line: str) -> bool:
    """The head of a reader-made section: "12 Comments", "Customer reviews", "Leave a Reply"."""
    text = (line or "").strip().strip("*_").strip()
    return len(text.split()) <= 40 and bool(_UGC_HEAD.match(text))


def _is_list_label(text: str) -> bool:
    """A label heading a list ("Related Articles", "JN ACCESS RANKING"): the keyword is most of
    the line, so a headline that merely uses the word ("Popular uprising topples government") is not."""
    m = _LIST_LABEL.search(text)
    if not m:
        return False
    rest = (text[: m.start()] + " " + text[m.end() :]).replace('"', " ").split()
    return len(rest) <= 2


def _is_cta(line: str, words: list[str]) -> bool:
    """Calls to action: an imperative opening aimed at a product object (app, newsletter,
    comments, features) or, when very short, at the reader ("Explore what X can do for you:")."""
    if len(words) > 45:
        return False
    lead = _CTA_START.match(line) or (
        re.match(rf"^(?:\w+[\s,:]+){{1,3}}(?:{_CTA_VERBS})\b", line, re.IGNORECASE)
        and not re.match(r"^(?:how|why|what|when|where|who|which)\b", line, re.IGNORECASE)
    )  # "How to write a newsletter" is a headline, not a call to action
    you = bool(_SECOND_PERSON.search(line))
    obj = bool(_CTA_OBJECTS.search(line))
    ours = bool(re.search(r"\b(?:our|us)\b", line, re.IGNORECASE))
    if lead and obj and (you or ours or len(words) <= 8):
        return True
    if _CTA_START.match(line) and you and len(words) <= 10:
        return True
    if _APPEAL.search(line) and (you or ours):
        return True
    if re.search(
        r"\b(?:download|install|subscribe to|sign up)\b.*\b(?:our|the) (?:app|newsletter)\b",
        line,
        re.IGNORECASE,
    ):
        return True
    return bool(you and obj and ours and len(words) <= 30)


def _is_menu(text: str) -> bool:
    """A navigation bar printed as one line: four or more short items between bars
    ("Home | Politics | Economy | World", "トップ | 経済 | 国際 | 企業")."""
    parts = [p.strip() for p in _MENU_SEP.split(text)]
    return (
        len(parts) >= 4
        and all(p and len(p.split()) <= 3 and len(p) <= 25 for p in parts)
        and not _SENTENCE_END.search(text)
    )


@lru_cache(maxsize=8192)
def chrome_kind(line: str) -> str | None:
    """The kind of site furniture ``line`` is, or ``None`` when it reads as content.

    Cached: the extractors ask about the same line several times per page (about 40 % of the
    calls on the Zyte pages), each answer costing some twenty regular-expression passes."""
    text = (line or "").strip().strip("*_").strip()
    if not text:
        return None
    words = text.split()
    short = len(words) <= 6 and not _SENTENCE_END.search(text)
    if _LOGO.match(text):
        return "logo"
    if _INLINE.match(text) or (len(words) <= 20 and _TEASER.match(text)):
        return "inline"
    if len(words) <= 10 and _PHOTO_CREDIT.match(text):
        return "inline"
    if len(words) <= 40 and _CAPTION_CREDIT.search(text):
        return "inline"
    if _PIC_LINK.match(text) or (len(words) <= 30 and re.match(r"^[▲△▶►]\s*\S", text)):
        return "inline"  # a post's picture link; a caption marked by a pointer ("▲ Workers at the plant")
    if len(words) <= 12 and _UGC_ITEM.match(text):
        return "ugc-item"
    if is_ugc_head(text):
        return "comments"
    if _BADGE.match(text):
        return "badge"
    if all(re.fullmatch(r"#[^\W\d_][\w-]*,?", w) for w in words):
        return "tags"  # "#Japan #SouthKorea": the article's own hashtags
    if len(words) <= 8 and re.search(r"(?:^|\s)#[A-Za-z]\w", text) and not _SENTENCE_END.search(text):
        return "list"  # "Latest news with #Topic": a tag page's heading
    if short and len(text) < 60 and (_is_list_label(text) or _JA_LIST_LABEL.match(text)):
        return "list"
    if _is_menu(text):
        return "label"
    if _LABEL.match(text):
        return "label"
    crumbs, _rest = split_breadcrumb(text)
    if crumbs:
        return "breadcrumb"
    if _COPYRIGHT.match(text) and len(words) <= 25:
        return "copyright"
    if _BOX.match(text) and len(words) <= 60:
        return "box"
    if _COMMENTS.search(text) and len(words) <= 16:
        return "comments"
    if _ADBLOCK.search(text) and len(words) <= 40:
        return "adblock"
    if _is_cta(text, words) or (len(words) <= 12 and _APPEAL.search(text) and not _SENTENCE_END.search(text)):
        return "cta"
    if _PAYWALL.search(text) and len(words) <= 30:
        return "paywall"
    if _CONSENT.search(text) and len(words) <= 50 and (len(words) <= 6 or _SITE_VOICE.search(text)):
        return "cookie"
    if short and len(words) <= 3 and text.isupper() and re.search(r"\b(?:APP|MENU|NEWS|LOGIN|SHARE)\b", text):
        return "label"
    return None


def is_chrome(line: str) -> bool:
    """True when ``line`` is site furniture rather than article content."""
    return chrome_kind(line) is not None
