"""The enrich orchestrator: named components, registered in one table, run in order.

    quality   article                              -> quality_flags, quality_evidence
    (parse)   all bodies at once with spaCy ``pipe``  -> doc
    entities  article, doc                         -> entities, mentions
    roles     article, doc, mentions               -> roles
    events    article, doc, mentions, entities, roles -> events
    hashtags  article, entities, mentions, events  -> hashtags, keyphrases, topics

Each component's module is imported lazily; a component whose module (or function) is not
there is skipped with one log line, so the stage works while parts are still being built.
A component that raises on one article is logged and leaves its fields empty for that
article; the other components and articles still run. Facts from a quality-flagged article
are extracted all the same (consumers leave them out of role histories and event counts).
"""

from __future__ import annotations

import dataclasses
import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from storyline.enrich.ja_pipeline import JA_FUNCS, is_japanese_article
from storyline.enrich.ja_pipeline import parse_many_ja as ja_parse
from storyline.models import Article, Enrichment

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Component:
    name: str
    module: str
    func: str
    needs: tuple[str, ...]  # fields of the context passed in, in call order
    sets: tuple[str, ...]  # Enrichment fields the result fills, in return order


COMPONENTS: tuple[Component, ...] = (
    Component("quality", "storyline.enrich.quality", "assess", ("article",), ("quality_flags", "quality_evidence")),
    Component("entities", "storyline.enrich.entities", "extract_entities", ("article", "doc"), ("entities", "mentions")),
    Component("roles", "storyline.enrich.roles", "extract_roles", ("article", "doc", "mentions"), ("roles",)),
    Component("events", "storyline.enrich.events", "extract_events",
              ("article", "doc", "mentions", "entities", "roles"), ("events",)),
    Component("hashtags", "storyline.enrich.hashtags", "tag_article",
              ("article", "entities", "mentions", "events"), ("hashtags", "keyphrases", "topics")),
)

_MISSING: set[str] = set()


def japanese(components: tuple[Component, ...]) -> tuple[Component, ...]:
    """The same table with the Japanese module in place of each language-bound component."""
    return tuple(dataclasses.replace(c, module=JA_FUNCS[c.name][0], func=JA_FUNCS[c.name][1])
                 if c.name in JA_FUNCS else c for c in components)


def resolve(component: Component) -> Callable[..., Any] | None:
    """The component's function, or None (logged once) when its module is not there yet."""
    try:
        return getattr(importlib.import_module(component.module), component.func)
    except (ImportError, AttributeError) as exc:
        if component.name not in _MISSING:
            _MISSING.add(component.name)
            log.warning("enrich: skipping component %r (%s)", component.name, exc)
        return None


def _apply(component: Component, func: Callable[..., Any], ctx: dict[str, Any], out: Enrichment) -> None:
    args = [ctx[n] for n in component.needs]
    try:
        result = func(*args)
    except Exception:  # one article must not sink the batch; the log names it
        log.exception("enrich: component %r failed on %s", component.name, ctx["article"].source)
        return
    values = result if len(component.sets) > 1 else (result,)
    for field_name, value in zip(component.sets, values):
        setattr(out, field_name, value)
        ctx[field_name] = value


def run_components(articles: list[Article], components: tuple[Component, ...] = COMPONENTS) -> list[Enrichment]:
    """Enrich ``articles`` in one batch: quality first, one spaCy parse, then the rest in order.
    Japanese articles go through GiNZA and the Japanese components (``ja_pipeline``)."""
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
    funcs = [(c, resolve(c)) for c in components]
    outs = [Enrichment() for _ in articles]
    ctxs: list[dict[str, Any]] = [
        {"article": a, "doc": None, "entities": [], "mentions": [], "roles": None, "events": []} for a in articles
    ]
    needs_doc = any(f and "doc" in c.needs for c, f in funcs)
    pre = [(c, f) for c, f in funcs if f and "doc" not in c.needs and c.name == "quality"]
    post = [(c, f) for c, f in funcs if f and (c, f) not in pre]
    for ctx, out in zip(ctxs, outs):
        for c, f in pre:
            _apply(c, f, ctx, out)
    if needs_doc and articles:
        from storyline.enrich.nlp import parse_many

        parse = ja_parse if lang == "ja" else parse_many
        for ctx, doc in zip(ctxs, parse([a.body or "" for a in articles])):
            ctx["doc"] = doc
    for ctx, out in zip(ctxs, outs):
        for c, f in post:
            _apply(c, f, ctx, out)
    return outs
