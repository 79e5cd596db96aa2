"""Query functions shared by the web pages and the JSON API.

The web (`storyline.web`) and the API (`storyline.api`) never call each other: both call these
functions, which read the store (and `storyline.search`) and call the pure `storyline.stories`
helpers (related articles, timelines, trends, source comparison) directly: a missing helper fails
at import, not by leaving a page section silently empty. Results are plain dicts and lists.
"""

from storyline.queries.articles import article_detail, list_articles_page, mark_mentions
from storyline.queries.common import Page, parse_when
from storyline.queries.entities import entity_detail, list_entities_page
from storyline.queries.front import front_page
from storyline.queries.search import search_page
from storyline.queries.sources import sources_page, status_page
from storyline.queries.stories import SORTS, list_stories_page, story_detail
from storyline.queries.tags import list_tags, tag_page

__all__ = [
    "Page",
    "article_detail",
    "entity_detail",
    "front_page",
    "list_articles_page",
    "list_entities_page",
    "list_stories_page",
    "SORTS",
    "list_tags",
    "mark_mentions",
    "parse_when",
    "search_page",
    "sources_page",
    "status_page",
    "story_detail",
    "tag_page",
]
