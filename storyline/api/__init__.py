"""The JSON API (``/api/v1``): articles, stories, entities, events, tags and search.

Built on the same ``storyline.queries`` functions as the web pages (the two never call each other).
Lists are paginated (limit/offset with a ``next`` link), every response carries an ETag
(``If-None-Match`` gets a 304), and every error has one shape, ``{"error": {"code", "message",
"detail"}}``, from one exception handler.
"""

from storyline.api.app import create_api

__all__ = ["create_api"]
