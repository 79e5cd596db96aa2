"""Comments: plain text in, safe HTML out (links made safe), a scored spam filter with a moderation queue.

Text is escaped first; then bare http(s) URLs in the escaped text become links, and nh3 cleans the
result (only ``a``/``br``/``p`` survive, every link gets ``rel="nofollow noopener"``), so nothing a user
writes can become markup of its own.
"""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta

import nh3

from storyline.errors import CommentError

MAX_LENGTH = 5000
PENDING_SCORE = 4.0  # at or above: held for moderation
SPAM_WORDS = (
    "viagra",
    "casino",
    "crypto giveaway",
    "free money",
    "click here",
    "buy now",
    "bitcoin doubler",
    "payday loan",
    "work from home",
    "earn $",
    "xxx",
    "porn",
    "cheap pills",
    "limited offer",
)
_URL = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
_ESCAPED_URL = re.compile(r"https?://(?:(?!&quot;|&lt;|&gt;|&#x27;)[^\s<>\"'])+", re.IGNORECASE)
_REPEAT = re.compile(r"(.)\1{7,}")


class CommentTargetMissing(CommentError):
    """The article or story commented on does not exist."""


def spam_score(text: str, recent_posts: int = 0) -> tuple[float, list[str]]:
    """A score (0 = clean) and the reasons: links, repeated characters, known spam words, shouting,
    and posting rate (comments by the same user in the last 10 minutes)."""
    score, reasons = 0.0, []
    links = len(_URL.findall(text)) + text.lower().count("www.")
    if links:
        score += 1.5 * links if links > 1 else 0.5
        reasons.append(f"{links} link(s)")
    if _REPEAT.search(text):
        score += 2.0
        reasons.append("repeated characters")
    low = text.lower()
    words = [w for w in SPAM_WORDS if w in low]
    if words:
        score += 3.0 * len(words)
        reasons.append("spam words: " + ", ".join(words))
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 20 and sum(c.isupper() for c in letters) / len(letters) > 0.7:
        score += 1.5
        reasons.append("shouting")
    if recent_posts >= 3:
        score += 1.0 * (recent_posts - 2)
        reasons.append(f"{recent_posts} posts in 10 minutes")
    return round(score, 2), reasons


def render_comment(text: str) -> str:
    """Plain text -> safe HTML: escaped, paragraphs, http(s) links with rel="nofollow noopener"."""
    escaped = html.escape(text, quote=True)

    def link(m: re.Match) -> str:
        url = m.group(0)
        trail = ""
        while url and url[-1] in ".,;:!?)":
            trail, url = url[-1] + trail, url[:-1]
        return f'<a href="{url}">{url}</a>{trail}'

    linked = _ESCAPED_URL.sub(link, escaped)
    paras = "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in re.split(r"\n\s*\n", linked.strip()) if p)
    return nh3.clean(
        paras,
        tags={"a", "br", "p"},
        attributes={"a": {"href"}},
        url_schemes={"http", "https"},
        link_rel="nofollow noopener",
    )


def post_comment(store, user: dict, target_type: str, target_id: int, text: str) -> dict:
    """Store a comment (visible, or pending when the spam score is high); returns the stored row."""
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise CommentError("The comment is empty.")
    if len(text) > MAX_LENGTH:
        raise CommentError(f"Comments are at most {MAX_LENGTH} characters.")
    if target_type not in ("article", "story"):
        raise CommentError("Comments go on articles and stories.")
    exists = store.get_article(target_id) if target_type == "article" else store.stories_by_ids([target_id])
    if not exists:
        raise CommentTargetMissing(f"There is no {target_type} {target_id} to comment on.")
    recent = store.count_recent_comments(user["id"], datetime.now(UTC) - timedelta(minutes=10))
    score, reasons = spam_score(text, recent)
    status = "pending" if score >= PENDING_SCORE and not user.get("is_admin") else "visible"
    cid = store.add_comment(
        target_type, target_id, user["id"], text, status=status, spam_score=score, spam_reasons=reasons
    )
    return store.get_comment(cid)


def edit_comment(store, user: dict, comment_id: int, text: str) -> dict:
    c = store.get_comment(comment_id)
    if c is None or c["user_id"] != user["id"] or c["status"] == "deleted":
        raise CommentError("Only the author can edit a comment.")
    text = (text or "").replace("\r\n", "\n").strip()
    if not text or len(text) > MAX_LENGTH:
        raise CommentError(f"Comments are 1-{MAX_LENGTH} characters.")
    score, reasons = spam_score(text)
    status = "pending" if score >= PENDING_SCORE and not user.get("is_admin") else c["status"]
    store.update_comment(
        comment_id,
        body=text,
        spam_score=score,
        spam_reasons=reasons,
        status=status,
        edited_at=datetime.now(UTC),
    )
    return store.get_comment(comment_id)


def delete_comment(store, user: dict, comment_id: int) -> dict:
    c = store.get_comment(comment_id)
    if c is None or c["user_id"] != user["id"]:
        raise CommentError("Only the author can delete a comment.")
    store.update_comment(comment_id, status="deleted")
    return c


def moderate(store, admin: dict, comment_id: int, action: str) -> dict:
    """Admin: ``hide``, ``show`` (approve) a comment."""
    if not admin.get("is_admin"):
        raise CommentError("Only an admin can moderate comments.")
    c = store.get_comment(comment_id)
    if c is None:
        raise CommentError("No such comment.")
    store.update_comment(comment_id, status={"hide": "hidden", "show": "visible"}[action])
    return c


def comments_for(store, target_type: str, target_id: int, viewer: dict | None) -> list[dict]:
    rows = store.list_comments(
        target_type,
        target_id,
        viewer_id=viewer["id"] if viewer else None,
        moderator=bool(viewer and viewer.get("is_admin")),
    )
    for r in rows:
        r["html"] = render_comment(r["body"])
    return rows
