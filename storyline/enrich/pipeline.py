"""The enrich orchestrator: named components, registered in one table, run in order.

    quality   article                              -> quality_flags, quality_evidence
    (parse)   all bodies at once with spaCy ``pipe``  -> doc; all English titles, once more -> title_doc
    entities  article, doc                         -> entities, mentions
    roles     article, doc, mentions               -> roles
    events    article, doc, mentions, entities, roles -> events
    hashtags  article, entities, mentions, events  -> hashtags, keyphrases, topics
    headline  article, entities, mentions, title_doc -> entities, mentions (+ the title's, label "headline")

Every component is imported when this module is, and the table is checked then (each function
takes what its row says it needs): a missing or broken component fails at start-up with an
ImportError or a :class:`storyline.errors.ComponentError`, never by silently leaving fields
empty. A component that raises on one article's data is logged and leaves its fields empty for
that article; the other components and articles still run (a NameError or ImportError, a bug
rather than bad data, is raised). Facts from a quality-flagged article
are extracted all the same (consumers leave them out of role histories and event counts).
"""

from __future__ import annotations

import dataclasses
import inspect
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from storyline.enrich.entities import extract_entities
from storyline.enrich.events import extract_events
from storyline.enrich.hashtags import tag_article
from storyline.enrich.headline import headline_mentions
from storyline.enrich.ja_pipeline import JA_FUNCS, is_japanese_article
from storyline.enrich.ja_pipeline import parse_many_ja as ja_parse
from storyline.enrich.nlp import parse_many
from storyline.enrich.quality import assess
from storyline.enrich.roles import extract_roles
from storyline.errors import ComponentError
from storyline.models import Article, Enrichment

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Component:
    name: str
    func: Callable[..., Any]
    needs: tuple[str, ...]  # fields of the context passed in, in call order
    sets: tuple[str, ...]  # Enrichment fields the result fills, in return order


COMPONENTS: tuple[Component, ...] = (
    Component("quality", assess, ("article",), ("quality_flags", "quality_evidence")),
    Component("entities", extract_entities, ("article", "doc"), ("entities", "mentions")),
    Component("roles", extract_roles, ("article", "doc", "mentions"), ("roles",)),
    Component("events", extract_events, ("article", "doc", "mentions", "entities", "roles"), ("events",)),
    Component("hashtags", tag_article, ("article", "entities", "mentions", "events"),
              ("hashtags", "keyphrases", "topics")),
    Component("headline", headline_mentions, ("article", "entities", "mentions", "title_doc"),
              ("entities", "mentions")),
)
_CONTEXT = ("article", "doc", "title_doc", "entities", "mentions", "roles", "events", "quality_flags",
            "quality_evidence")


def check_components(components: tuple[Component, ...]) -> tuple[Component, ...]:
    """Raise ComponentError unless every component can be called with what it says it needs, needs
    only what the context holds, and sets only Enrichment fields."""
    fields = set(Enrichment.__dataclass_fields__)
    for c in components:
        if not callable(c.func):
            raise ComponentError(f"enrich component {c.name!r}: {c.func!r} is not callable")
        unknown = [n for n in c.needs if n not in _CONTEXT] + [f for f in c.sets if f not in fields]
        if unknown:
            raise ComponentError(f"enrich component {c.name!r}: unknown fields {unknown}")
        try:
            inspect.signature(c.func).bind(*c.needs)
        except TypeError as exc:
            raise ComponentError(f"enrich component {c.name!r} cannot take {c.needs}: {exc}") from None
    return components


def japanese(components: tuple[Component, ...]) -> tuple[Component, ...]:
    """The same table with the Japanese function in place of each language-bound component."""
    return tuple(dataclasses.replace(c, func=JA_FUNCS[c.name]) if c.name in JA_FUNCS else c for c in components)


check_components(COMPONENTS)
check_components(japanese(COMPONENTS))


def _apply(component: Component, func: Callable[..., Any], ctx: dict[str, Any], out: Enrichment) -> None:
    args = [ctx[n] for n in component.needs]
    try:
        result = func(*args)
    except (NameError, ImportError):  # a bug in the component, not bad data: fail loudly
        raise
    except Exception:  # one article's data must not sink the batch; the log names it
        log.exception("enrich: component %r failed on %s", component.name, ctx["article"].source)
        return
    values = result if len(component.sets) > 1 else (result,)
    for field_name, value in zip(component.sets, values):
        setattr(out, field_name, value)
        ctx[field_name] = value


def run_components(articles: list[Article],
                   components: tuple[Component, ...] = COMPONENTS) -> list[Enrichment]:
    """Enrich ``articles`` in one batch: quality first, one spaCy parse, then the rest in order.
    Japanese articles go through GiNZA and the Japanese components (``ja_pipeline``)."""
    check_components(components)
    ja = [i for i, a in enumerate(articles) if is_japanese_article(a)]
    if not ja:
        return _run(articles, components, "en")
    outs: list[Enrichment] = [Enrichment() for _ in articles]
    rest = [i for i in range(len(articles)) if i not in set(ja)]
    for group, comps, lang in ((rest, components, "en"), (ja, japanese(components), "ja")):
        if group:
            for i, out in zip(group, _run([articles[i] for i in group], comps, lang)):
                outs[i] = out
    return outs


def _run(articles: list[Article], components: tuple[Component, ...], lang: str) -> list[Enrichment]:
    funcs = [(c, c.func) for c in components]
    outs = [Enrichment() for _ in articles]
    ctxs: list[dict[str, Any]] = [
        {"article": a, "doc": None, "title_doc": None, "entities": [], "mentions": [], "roles": None, "events": []}
        for a in articles
    ]
    needs_doc = any(f and "doc" in c.needs for c, f in funcs)
    pre = [(c, f) for c, f in funcs if f and "doc" not in c.needs and c.name == "quality"]
    post = [(c, f) for c, f in funcs if f and (c, f) not in pre]
    for ctx, out in zip(ctxs, outs):
        for c, f in pre:
            _apply(c, f, ctx, out)
    if needs_doc and articles:
        parse = ja_parse if lang == "ja" else parse_many
        for ctx, doc in zip(ctxs, parse([a.body or "" for a in articles])):
            ctx["doc"] = doc
    if lang == "en" and any(f and "title_doc" in c.needs for c, f in funcs):
        titled = [ctx for ctx in ctxs if (ctx["article"].title or "").strip()]  # parsed in one batch too
        for ctx, doc in zip(titled, parse_many([ctx["article"].title.strip() for ctx in titled])):
            ctx["title_doc"] = doc
    for ctx, out in zip(ctxs, outs):
        for c, f in post:
            _apply(c, f, ctx, out)
    return outs
