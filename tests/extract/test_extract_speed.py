"""The CPU savings in extraction keep results: the C-level element lookup types elements as
lxml.html would (bar form controls), and a same-shaped run is an item group exactly when at least
two and at least half of its members carry a headline."""

from __future__ import annotations

from lxml import html as lxml_html

from storyline.extract.html_meta import load_tree
from storyline.extract.htmlsplit import _read_group, read_item

PAGE = (
    "<html><head><title>T</title></head><body><!-- note --><form><input name=q><label>Find</label></form>"
    "<div class=card><h2><a href='/a'>Harbor cranes resume work after the long strike ends</a></h2></div>"
    "<div class=card><h2><a href='/b'>City council approves the new budget for next year</a></h2></div>"
    "<div class=card><p>Advertisement</p></div>"
    "<div class=card><p>Sponsored</p></div>"
    "<div class=card><p>Promoted</p></div>"
    "</body></html>"
)


def test_trees_are_html_elements_without_python_lookup():
    tree = load_tree(PAGE)
    kinds = {type(el) for el in tree.iter() if isinstance(el.tag, str)}
    assert kinds == {lxml_html.HtmlElement}  # lxml's own lookup makes InputElement, FormElement...
    comments = [el for el in lxml_html.document_fromstring(PAGE).iter() if not isinstance(el.tag, str)]
    assert comments and all(isinstance(c, lxml_html.HtmlComment) for c in comments)
    assert "Harbor cranes" in tree.find("body").text_content()


def _reference(members):
    items = [it for it in (read_item(m) for m in members) if it is not None]
    return items if len(items) >= 2 and len(items) * 2 >= len(members) else None


def test_read_group_matches_the_full_reading():
    cards = load_tree(PAGE).xpath("//div[@class='card']")
    for members in (cards[:2], cards[:3], cards[:4], cards, cards[1:], cards[2:]):
        got, want = _read_group(members), _reference(members)
        assert (got is None) == (want is None), len(members)
        if got is not None:
            assert [it.headline for it in got] == [it.headline for it in want]
    assert _read_group(cards[:4]) is not None  # two of four: a group
    assert _read_group(cards) is None  # two of five: not
