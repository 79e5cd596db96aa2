"""Summaries for the story and article pages, computed on first view and kept in the store's
key-value table until the story gains articles (or the article a new version)."""

from __future__ import annotations

from storyline.ai.summarize import summarize_article, summarize_story

STORY_SENTENCES = 4
ARTICLE_SENTENCES = 3


def cached_summary(store, kind: str, item_id: int) -> dict | None:
    """``Summary.as_dict()`` of a story or an article (None when it does not exist), cached."""
    if kind == "story":
        found = store.stories_by_ids([item_id])
        if not found:
            return None
        version = [found[0]["article_count"], str(found[0]["updated"]), store.max_article_id()]
    else:
        art = store.get_article(item_id)
        if art is None:
            return None
        version = [art.get("version") or 1, str(art.get("enriched_at"))]
    key = f"summary:{kind}:{item_id}"
    hit = store.get_value(key)
    if isinstance(hit, dict) and hit.get("version") == version:
        return hit["summary"]
    summary = (summarize_story(store, item_id, max_sentences=STORY_SENTENCES) if kind == "story"
               else summarize_article(store, item_id, max_sentences=ARTICLE_SENTENCES)).as_dict()
    store.set_value(key, {"version": version, "summary": summary})
    return summary
