"""The learned body decision: page lines with their elements, the refine step, the shipped trees'
batch probabilities, and the whole pipeline on a page written for this test (never fitted on)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from storyline.extract import body_blocks
from storyline.extract.body_blocks import block_rows, page_lines, refine
from storyline.extract.gbtrees import GBTrees
from storyline.extract.html_meta import load_tree

PARAGRAPHS = [
    "The harbour authority said on Tuesday that container cranes at the northern terminal would resume work "
    "after a strike that had halted loading for eleven days.",
    "Dock workers voted by a wide margin to accept a pay offer that raises wages by six percent this year and "
    "by four percent in each of the two following years.",
    "Shipping lines had diverted more than thirty vessels to other ports during the stoppage, and exporters of "
    "frozen fish and fruit warned that their cargo was spoiling on the quay.",
    "The authority expects the backlog of waiting ships to clear within a week, its director told reporters at "
    "a briefing, adding that night shifts would be added until then.",
]
CHROME = ["Home", "World", "Business", "Sign up for our newsletter", "Most read: Council approves budget",
          "Great article, thanks for sharing this!", "Copyright 2026 Harbour Times. All rights reserved."]
PAGE = (
    "<html><head><title>Harbour cranes resume work after strike</title></head><body>"
    "<nav class='menu'><ul><li><a href='/'>Home</a></li><li><a href='/w'>World</a></li>"
    "<li><a href='/b'>Business</a></li></ul></nav>"
    "<main><article class='story'><h1>Harbour cranes resume work after strike</h1>"
    + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    + "</article><aside class='related'><h3>Most read</h3><ul><li><a href='/x'>Most read: Council approves budget</a>"
    "</li></ul></aside><div class='newsletter'><p>Sign up for our newsletter</p></div>"
    "<section class='comments'><div class='comment'><p>Great article, thanks for sharing this!</p></div></section>"
    "</main><footer><p>Copyright 2026 Harbour Times. All rights reserved.</p></footer></body></html>"
)


def test_page_lines_come_with_their_block_element():
    lines = page_lines(load_tree(PAGE))
    texts = [t for t, _el in lines]
    assert texts[:3] == ["Home", "World", "Business"]
    tags = {t: el.tag for t, el in lines}
    assert tags[PARAGRAPHS[0]] == "p"
    assert tags["Home"] == "li"
    assert tags["Harbour cranes resume work after strike"] == "h1"


def test_rows_say_which_lines_the_body_and_trafilatura_hold():
    body = "\n\n".join(PARAGRAPHS[:3])
    rows = dict(block_rows(load_tree(PAGE), body, "\n".join(PARAGRAPHS)))
    names = body_blocks.FEATURES
    assert all(len(x) == len(names) for x in rows.values())
    col = {n: i for i, n in enumerate(names)}
    assert rows[PARAGRAPHS[0]][col["in_ours"]] == 1.0 and rows[PARAGRAPHS[3]][col["in_ours"]] == 0.0
    assert rows[PARAGRAPHS[3]][col["in_base"]] == 1.0
    assert rows["Home"][col["in_ours"]] == 0.0  # a short line is not "held" for its words turning up in the body
    assert rows["Home"][col["link_density"]] == 1.0 and rows[PARAGRAPHS[0]][col["link_density"]] == 0.0
    assert rows["Home"][col["in_nav"]] == 1.0 and rows[PARAGRAPHS[1]][col["in_article"]] == 1.0


def test_rows_say_which_lines_stand_in_the_body_container_and_are_of_its_kind():
    """A story paragraph the body missed sits inside the element holding the body and is of the
    body paragraphs' kind (tag and class, the parent's too); the footer and the comment are neither."""
    body = "\n\n".join(PARAGRAPHS[:3])
    rows = dict(block_rows(load_tree(PAGE), body, None))
    col = {n: i for i, n in enumerate(body_blocks.FEATURES)}
    missed, footer = rows[PARAGRAPHS[3]], rows[CHROME[-1]]
    assert missed[col["in_ours_box"]] == 1.0 and footer[col["in_ours_box"]] == 0.0
    assert rows[CHROME[-2]][col["in_ours_box"]] == 0.0
    assert missed[col["kin_share"]] == 0.75 and footer[col["kin_share"]] == 0.0
    assert missed[col["box_depth"]] == 0.1 and footer[col["box_depth"]] == -1.0


def test_refine_drops_doubted_paragraphs_and_adds_trusted_lines_in_page_order():
    lines = ["Menu", "First paragraph of the story here.", "A line the body missed in the middle.",
             "Second paragraph of the story here.", "Doubtful closing promo line right here."]
    body = "First paragraph of the story here.\n\nSecond paragraph of the story here.\n\n" \
           "Doubtful closing promo line right here."
    in_ours = [0, 1, 0, 1, 1]
    proba = [0.9, 0.95, 0.8, 0.9, 0.1]
    got = refine(body, lines, in_ours, proba, keep=0.2, add=0.7).split("\n\n")
    # "Menu" stands above every body line: never added; the missed line goes after the first paragraph
    assert got == [lines[1], lines[2], lines[3]]
    assert refine(body, lines, in_ours, proba, keep=0.0, add=1.01) == body


def test_refine_reports_the_page_lines_of_each_result_paragraph():
    lines = ["Menu", "Kicker words here", "Opening paragraph of the story.", "A line the body missed.",
             "Closing paragraph of the story here.", "Doubtful promo line", "Share this story"]
    body = "Kicker words here Opening paragraph of the story.\n\nClosing paragraph of the story here.\n\n" \
           "Doubtful promo line"
    members: list = []
    got = refine(body, lines, [0, 1, 1, 0, 1, 1, 0], [0.1, 0.9, 0.9, 0.8, 0.9, 0.05, 0.9], keep=0.2, add=0.7,
                 members=members)
    # "Share this story" stands below the body's last line: never added; the promo paragraph is dropped
    assert got.split("\n\n") == [body.split("\n\n")[0], lines[3], lines[4]]
    assert members == [[1, 2], [3], [4]]


@pytest.fixture(scope="module")
def shipped():
    return json.loads(body_blocks.MODEL.read_text(encoding="utf-8"))


def test_batch_probabilities_equal_one_row_at_a_time(shipped):
    trees = GBTrees.from_dict(shipped)
    assert trees.features == body_blocks.FEATURES
    rows = [x for _t, x in block_rows(load_tree(PAGE), "\n\n".join(PARAGRAPHS[:2]), "\n".join(PARAGRAPHS))]
    rng = np.random.default_rng(0)
    rows += rng.uniform(0, 1, size=(50, len(rows[0]))).tolist()
    batch = trees.positive_proba(rows)
    single = np.array([trees.predict_proba(r)[1] for r in rows])
    assert np.allclose(batch, single)
    assert 0 < shipped["add"] <= 1.01 and 0 <= shipped["keep"] < shipped["add"]


def test_unseen_page_keeps_its_story_and_no_chrome(shipped):
    from datetime import UTC, datetime

    from storyline.extract import extract_page
    from storyline.models import FetchedPage

    result = extract_page(FetchedPage(source="harbour.html", content=PAGE.encode(),
                                      fetched_at=datetime(2026, 12, 1, tzinfo=UTC)))
    assert len(result.articles) == 1
    body = result.articles[0].body
    for p in PARAGRAPHS:
        assert p in body
    for line in CHROME:
        assert line not in body


def test_embedded_post_inside_the_story_is_not_added_back(shipped):
    from datetime import UTC, datetime

    from storyline.extract import extract_page
    from storyline.models import FetchedPage

    tweet = "Cranes are moving again at the north terminal, what a relief for everyone here today"
    page = PAGE.replace(f"<p>{PARAGRAPHS[1]}</p>", f"<p>{PARAGRAPHS[1]}</p><blockquote class='twitter-tweet'>"
                        f"<p>{tweet}</p>&mdash; Port Watcher (@portwatch) May 3, 2026</blockquote>")
    result = extract_page(FetchedPage(source="harbour-tweet.html", content=page.encode(),
                                      fetched_at=datetime(2026, 12, 1, tzinfo=UTC)))
    body = result.articles[0].body
    assert all(p in body for p in PARAGRAPHS)
    assert tweet not in body
