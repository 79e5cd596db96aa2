"""The page's JSON-LD: every object of every ``application/ld+json`` script, nested ones included."""

from __future__ import annotations

import json
from collections.abc import Iterator


def jsonld_nodes(tree) -> Iterator[dict]:
    """Each JSON object in document order, depth first (a node before the objects inside it);
    scripts that are not valid JSON are skipped."""
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        yield from _walk(data)


def _walk(node) -> Iterator[dict]:
    if isinstance(node, list):
        for v in node:
            yield from _walk(v)
    elif isinstance(node, dict):
        yield node
        for v in node.values():
            if isinstance(v, (dict, list)):
                yield from _walk(v)


def types_of(node: dict) -> list:
    """A node's ``@type`` as a list (it may be one value or several)."""
    t = node.get("@type")
    return t if isinstance(t, list) else [t]
