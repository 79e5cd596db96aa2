"""Stories stage: duplicates, story clustering, related articles, timelines, trends, source comparison.

Pure functions and in-memory indexes over plain records (:class:`StoryDoc`); the pipeline feeds
them from the store and writes their results back. Nothing here does I/O.

- ``dedup``: ``text_fingerprint``, ``NearDupIndex``, ``group_duplicates`` (one text, many publications)
- ``cluster``: ``StoryIndex`` (``assign``, ``add_existing``, ``merge_pass``, ``split_pass``, ``prune``),
  ``story_title``
- ``related``: ``related_articles``; ``timeline``: ``build_timeline``; ``trends``: ``trending``;
  ``compare``: ``compare_sources``
"""

from storyline.stories.doc import StoryDoc

__all__ = ["StoryDoc"]
