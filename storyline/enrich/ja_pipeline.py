"""Japanese articles through enrichment: GiNZA (``ja_ginza``, a spaCy pipeline on SudachiPy)
parses them, and the Japanese components give the same entity, role and event facts as the
English ones. The Japanese pipeline is loaded only when a Japanese article comes (about 7 s
once per process); English articles never touch it.

    entities  ja_entities.extract_entities
    roles     ja_roles.extract_roles
    events    ja_events.extract_events
    headline  headline.ja_headline_mentions (the title against the Japanese gazetteer)
    quality, hashtags: the shared components (quality counts Japanese by characters)
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.config import Settings
from storyline.enrich import headline, ja_entities, ja_events, ja_roles, nlp
from storyline.models import Article
from storyline.text.japanese import is_japanese

JA_FUNCS = {  # component name -> the Japanese function that takes its place
    "entities": ja_entities.extract_entities,
    "roles": ja_roles.extract_roles,
    "events": ja_events.extract_events,
    "headline": headline.ja_headline_mentions,
}


def is_japanese_article(article: Article) -> bool:
    lang = (article.language or "").lower().split("-")[0]
    if lang == "ja":
        return True
    return lang in ("", "zh", "und") and is_japanese(f"{article.title or ''}\n{article.body[:2000]}")


def get_ja_nlp():
    """The Japanese spaCy pipeline named by ``Settings().ja_spacy_model`` (cached per process)."""
    return nlp.load_model(Settings().ja_spacy_model, "pip install ja-ginza")


def parse_many_ja(texts: Sequence[str], batch_size: int = 16) -> list:
    return list(get_ja_nlp().pipe(texts, batch_size=batch_size))
