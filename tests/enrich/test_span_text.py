"""``enrich.nlp.span_text`` is ``doc[start:end].text`` without building the Span (issue 10)."""

from __future__ import annotations

from storyline.enrich.nlp import parse, span_text

TEXT = (
    "Foreign Minister Kenta Aoyagi met his South Korean counterpart in Tokyo on Wednesday.\n\n"
    "The chief investment officer of Nippon Life - a unit of the group -  said \u201cno comment\u201d.  "
    "Vice-President Jane Doe (@janedoe) left at 7:40 a.m."
)


def test_span_text_equals_the_span_text_for_every_bound():
    doc = parse(TEXT)
    n = len(doc)
    assert n > 30
    bounds = [(s, e) for s in range(-3, n + 3) for e in range(-3, n + 3)]
    assert all(span_text(doc, s, e) == doc[s:e].text for s, e in bounds)
    sent = next(iter(doc.sents))  # a Span: its own indices, the old path
    assert all(span_text(sent, s, e) == sent[s:e].text for s in range(len(sent)) for e in range(len(sent) + 1))
