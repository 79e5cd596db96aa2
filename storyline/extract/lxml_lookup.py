"""A C-level element-class lookup for the HTML parsers extraction uses.

``lxml.html.HTMLParser`` picks each element's Python class through
``HtmlElementClassLookup.lookup``, a Python method called every time lxml makes a proxy for an
element (tens of thousands of times per page as the passes walk the tree: about 15 % of
extraction's CPU). :func:`use_fast_lookup` swaps in lxml's C-level ``ElementDefaultClassLookup``
with the same classes (``HtmlElement``, ``HtmlComment``, ``HtmlEntity``,
``HtmlProcessingInstruction``). The only difference: form controls (``<form>``, ``<input>``,
``<select>``, ``<textarea>``, ``<label>``) become plain ``HtmlElement`` s instead of lxml's
form classes, whose extra members (``.value``, ``.fields``, ``.form``) neither extraction nor
the libraries it calls (trafilatura, its readability port, htmldate) use.
"""

from __future__ import annotations

from lxml import etree
from lxml import html as lxml_html

_LOOKUP = etree.ElementDefaultClassLookup(
    element=lxml_html.HtmlElement,
    comment=lxml_html.HtmlComment,
    pi=lxml_html.HtmlProcessingInstruction,
    entity=lxml_html.HtmlEntity,
)
_done = False


def use_fast_lookup() -> None:
    """Set the C-level lookup on the parsers that build extraction's trees: lxml.html's default
    parser, trafilatura's and htmldate's (each library parses with its own module-level parser)."""
    global _done
    if _done:
        return
    from htmldate import utils as htmldate_utils
    from trafilatura import utils as trafilatura_utils

    for parser in (lxml_html.html_parser, trafilatura_utils.HTML_PARSER, htmldate_utils.HTML_PARSER):
        parser.set_element_class_lookup(_LOOKUP)
    _done = True
