"""spaCy's attribute ruler without spaCy's ``Matcher``: the same matches, found by lookups.

The sm model's ruler (179 patterns: TAG -> POS/MORPH maps and a few word exceptions) spent more
time matching than the tagger spent tagging. Every one of its patterns is a sequence of plain
token tests (equality, IN, NOT_IN, REGEX on TAG, LOWER, ORTH, DEP, IS_SPACE), so the matches can
be found by looking up each token's tag, word and dependency; they are returned in the ruler's
own order and applied as its own ``set_annotations`` applies them (in that order, by spaCy's
``set_token_attrs``, only without building a ``Span`` for each match): the same attributes on every
token (checked by ``tests/enrich/test_pipeline.py``). A ruler with any other kind of pattern is left alone.
"""

from __future__ import annotations

import re

_TOKEN_ATTRS = {"TAG": "tag_", "LOWER": "lower_", "ORTH": "text", "DEP": "dep_", "IS_SPACE": "is_space"}


def _token_test(spec: dict):
    """One pattern token as (attribute, kind, value) tests, or None if it uses anything else."""
    tests = []
    for key, value in spec.items():
        if key not in _TOKEN_ATTRS:
            return None
        if isinstance(value, dict):
            if set(value) - {"IN", "NOT_IN", "REGEX"}:
                return None
            tests += [(_TOKEN_ATTRS[key], op, re.compile(v) if op == "REGEX" else frozenset(v))
                      for op, v in value.items()]
        elif isinstance(value, (str, bool)):
            tests.append((_TOKEN_ATTRS[key], "==", value))
        else:
            return None
    return tests


_LOOKED_UP = ("tag_", "lower_", "dep_", "is_space")  # attributes indexed by value in ``match``


def _passes(token_values: dict, tests) -> bool:
    for attr, op, value in tests:
        got = token_values[attr]
        if (op == "==" and got != value) or (op == "IN" and got not in value) or (op == "NOT_IN" and got in value) \
                or (op == "REGEX" and not value.search(got)):  # spaCy's REGEX predicate searches
            return False
    return True


def fast_attribute_ruler(ruler) -> bool:
    """Switch ``ruler`` (an ``AttributeRuler``) to lookup matching; returns whether it was switched
    (False: a pattern uses something else, and spaCy's matcher stays)."""
    from spacy.pipeline import AttributeRuler
    from spacy.tokens._retokenize import set_token_attrs

    rules = []
    for attr_id, entry in enumerate(ruler.patterns):
        alternatives = []
        for pattern in entry["patterns"]:
            tests = [_token_test(spec) for spec in pattern]
            if not pattern or any(t is None for t in tests):
                return False
            alternatives.append(tests)
        rules.append((attr_id, alternatives))

    class FastAttributeRuler(AttributeRuler):
        def match(self, doc):
            values = [{"tag_": t.tag_, "lower_": t.lower_, "text": t.text, "dep_": t.dep_, "is_space": t.is_space}
                      for t in doc]
            by_value: dict[tuple, list[int]] = {}
            for i, v in enumerate(values):
                for attr in _LOOKED_UP:
                    by_value.setdefault((attr, v[attr]), []).append(i)
            n = len(values)
            found = []
            for attr_id, alternatives in rules:
                for tests in alternatives:
                    width = len(tests)
                    if width == 1 and len(tests[0]) == 1 and tests[0][0][1] == "==" and tests[0][0][0] in _LOOKED_UP:
                        # one token, one equality (the tag map's TAG -> POS rules): the looked-up
                        # positions are the matches, nothing left to test
                        found += [(attr_id, s, s + 1) for s in by_value.get(tests[0][0][::2], ())]
                        continue
                    for s in _starts(tests, by_value, n):
                        if s + width <= n and all(_passes(values[s + k], t) for k, t in enumerate(tests)):
                            found.append((attr_id, s, s + width))
            key = {attr_id: self.vocab.strings[str(attr_id)] for attr_id, _ in rules}
            return sorted((attr_id, key[attr_id], s, e) for attr_id, s, e in found)

        def set_annotations(self, doc, matches):
            """spaCy's, without a ``Span`` per match: the match's token is read off the doc."""
            for attr_id, match_id, start, end in matches:
                index = self.indices[attr_id]
                i = start + index if index >= 0 else end + index
                if not start <= i < end:  # spaCy's own error for a pattern index outside its match
                    AttributeRuler.set_annotations(self, doc, [(attr_id, match_id, start, end)])
                set_token_attrs(doc[i], self.attrs[attr_id])

    ruler.__class__ = FastAttributeRuler
    return True


def _starts(pattern, by_value: dict, n: int):
    """Token positions that can start a match of ``pattern`` (its tokens' tests): the fewest that
    one of its tokens allows by a test on a looked-up attribute (equality: that value's positions;
    IN: its values'; REGEX: those of the values on the page it finds), shifted back to the start;
    every position when no token has such a test."""
    best = None
    for k, tests in enumerate(pattern):
        for attr, op, value in tests:
            if attr not in _LOOKED_UP or op == "NOT_IN":
                continue
            if op == "==":
                positions = by_value.get((attr, value), ())
            elif op == "IN":
                positions = [i for v in value for i in by_value.get((attr, v), ())]
            else:  # REGEX, tried on each value the page holds once, not on each token
                positions = [i for (a, v), at in by_value.items()
                             if a == attr and isinstance(v, str) and value.search(v) for i in at]
            if best is None or len(positions) < len(best[1]):
                best = (k, positions)
    if best is None:
        return range(n)
    k, positions = best
    return sorted({i - k for i in positions if i >= k})
