"""The candidate main texts of the main-block experiment (evals.wcxb_mainblock_cands)."""

from __future__ import annotations

from lxml import html as lxml_html

from evals.wcxb_mainblock_cands import CANDIDATE_FEATURES, _linked_words, candidate_rows
from storyline.extract.body_blocks import page_lines

PARAGRAPHS = [
    "The harbour authority reopened the northern quay on Tuesday after eleven days of repairs to the storm wall "
    "and the cranes that unload grain ships.",
    "Dock workers said the first vessels were unloaded within hours, and the queue of lorries outside the gate "
    "had cleared by the evening shift.",
    "Officials expect the southern quay to follow next month once the new fenders arrive from the supplier "
    "and the divers finish their survey.",
]
RELATED = [f"Related story number {i} about a different port and its plans for the winter season" for i in range(6)]
PAGE = (
    "<html><head><title>Quay reopens</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav>"
    "<h1>Quay reopens</h1><div class='wrap'><article>"
    + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    + "</article></div><aside class='related'>"
    + "".join(f"<p><a href='/s{i}'>{t}</a></p>" for i, t in enumerate(RELATED))
    + "</aside></body></html>"
)


def _rows():
    root = lxml_html.fromstring(PAGE)
    lines = [(t, el) for t, el in page_lines(root) if t.strip()]
    body = "\n\n".join(PARAGRAPHS)
    in_ours = [t in PARAGRAPHS for t, _el in lines]
    proba = [0.9 if v else 0.1 for v in in_ours]
    return candidate_rows(root, lines, in_ours, body, None, proba, [False] * len(lines))


def _x(row) -> dict:
    return dict(zip(CANDIDATE_FEATURES, row[1]))


def test_our_text_comes_first_then_the_containers():
    rows = _rows()
    assert _x(rows[0])["is_ours"] == 1.0 and rows[0][0] == "\n\n".join(PARAGRAPHS)
    article = [r for r in rows[1:] if r[0] == "\n\n".join(PARAGRAPHS)]
    assert len(article) == 1  # the wrapper whose one child holds all its words is not a second candidate
    x = _x(article[0])
    assert x["is_article"] == 1.0 and x["in_ours"] == 1.0 and x["ours_in"] == 1.0
    assert x["line_proba"] > 0.85 and x["link_density"] == 0.0


def test_a_link_list_box_is_a_candidate_with_its_link_density():
    related = [r for r in _rows() if r[0].startswith("Related story number 0")]
    assert related, "the related box has 90 words: a candidate"
    x = _x(related[0])
    assert x["link_density"] == 1.0 and x["in_ours"] < 0.2 and x["chrome_hint"] == 1.0


def test_link_words_are_summed_up_the_tree():
    root = lxml_html.fromstring(PAGE)
    counts = _linked_words(root)
    assert counts[id(root)][1] == 3 + sum(len(t.split()) for t in RELATED)
    assert counts[id(root.find(".//nav"))][1] == 3
    assert id(root.find(".//h1")) not in counts
