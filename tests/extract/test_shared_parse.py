"""One parse of a page serves trafilatura's runs: the same main text, and our tree left as it was."""

from pathlib import Path

from lxml import etree

from storyline.extract.html_body import extract_main_text
from storyline.extract.html_meta import load_page, page_metadata

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "storyline" / "data" / "samples" / "html").glob("*.html"))


def test_trafilatura_given_its_own_parse_gives_the_text_it_gives_for_the_page():
    assert len(SAMPLES) >= 5
    for path in SAMPLES[:8]:
        text = path.read_text(encoding="utf-8")
        tree, own = load_page(text)
        assert own and tree is not None
        before = etree.tostring(tree)
        title = page_metadata(tree).title
        shared = extract_main_text(text, None, title=title, tree=tree, parsed=tree)
        assert shared and shared == extract_main_text(text, None, title=title, tree=tree)
        assert etree.tostring(tree) == before  # trafilatura cut a copy, not our tree


def test_a_fragment_parsed_by_lxml_alone_is_not_trafilaturas_parse():
    tree, own = load_page("<p>One short paragraph, no document around it.</p>")
    assert tree is not None and not own
    assert load_page("plain words, no markup") == (None, False)
