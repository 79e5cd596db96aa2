"""Enrich: articles -> entities, roles, events, hashtags and quality flags.

Components run in a fixed order, each a named function registered in ``COMPONENTS``
(what it needs, what it sets):

    quality   article                      -> quality_flags, quality_evidence
    entities  article, doc                 -> entities, mentions
    roles     article, doc, mentions       -> roles
    events    article, doc, mentions       -> events
    hashtags  article, entities, mentions  -> hashtags, keyphrases, topics

spaCy parses each body once (``storyline.enrich.nlp.parse_many``) and every component reads
that one ``Doc``.
"""

from __future__ import annotations

from collections.abc import Iterable

from storyline.enrich.spacy_import import import_spacy
from storyline.models import Article, Enrichment

import_spacy()  # before any module here imports spaCy: without torch

from storyline.enrich.pipeline import run_components  # noqa: E402


def enrich_many(articles: Iterable[Article]) -> list[Enrichment]:
    """Enrich articles in one batch (spaCy ``pipe``); one :class:`Enrichment` per article."""
    return run_components(list(articles))


def enrich_article(article: Article) -> Enrichment:
    return enrich_many([article])[0]
