"""The body-trim experiment (evals.wcxb_trim): aligned labels, the trim rows, the edge-only trim."""

from __future__ import annotations

from evals.wcxb_trim import aligned_labels, trimmed
from evals.wcxb_trim_rows import TRIM_FEATURES, trim_rows
from storyline.extract.body_blocks import FEATURES

STORY = [
    "The ferry company added a second evening crossing to the island after the summer timetable ran out of seats",
    "Share",
    "Islanders had asked for the extra sailing for three years and the council agreed to meet half of its cost",
]
LINES = ["Photo: harbour office", *STORY, "Share", "Sign up for our newsletter"]


def _page(gold: str) -> dict:
    x = [[1.0 if f == "in_ours" else 0.0 for f in FEATURES] for _t in LINES]
    members = [[0], [1], [2], [3], [4], [5]]
    p = {"lines": LINES, "x": x, "gold": gold, "y": [True] * len(LINES), "title": "Second evening ferry crossing",
         "members": members, "body1": "\n\n".join(LINES)}
    p["trim_idx"], p["trim_x"] = trim_rows(LINES, x, [0.9] * len(LINES), members, p["title"])
    return p


def test_short_lines_count_only_where_the_gold_holds_them():
    # the gold holds "share" once, between the two long lines: the short line there is gold, the
    # second "Share" below the story is not, though its word stands in the gold text
    p = _page(" ".join(STORY))
    assert aligned_labels(p) == [False, True, True, True, False, False]
    assert aligned_labels(_page(" ".join(STORY[::2]))) == [False, True, False, True, False, False]


def test_trim_rows_see_the_place_in_the_body_and_furniture_words():
    p = _page(" ".join(STORY))
    col = {f: j for j, f in enumerate(TRIM_FEATURES)}
    rows = p["trim_x"]
    assert p["trim_idx"] == list(range(len(LINES)))
    assert rows[0][col["lead_short"]] == 1.0 and rows[1][col["lead_short"]] == 1.0
    assert rows[2][col["lead_short"]] == 0.0  # a long line stands above it
    assert rows[4][col["tail_short"]] == 1.0 and rows[2][col["tail_short"]] == 0.0
    assert rows[0][col["says_photo"]] == 1.0 and rows[5][col["says_subscribe"]] == 1.0
    assert rows[1][col["says_photo"]] == 0.0 and rows[4][col["says_share"]] == 1.0
    assert rows[1][col["line_in_title"]] == 1.0 and rows[0][col["line_in_title"]] == 0.0
    assert rows[0][col["words_before"]] == 0.0 and rows[5][col["words_after"]] == 0.0


def test_edge_trim_drops_only_from_the_ends():
    p = _page(" ".join(STORY))
    proba = {0: 0.1, 1: 0.9, 2: 0.1, 3: 0.9, 4: 0.1, 5: 0.1}
    assert trimmed(p, proba, 0.5).split("\n\n") == [LINES[1], LINES[3]]
    assert trimmed(p, proba, 0.5, edge=3).split("\n\n") == LINES[1:4]
    assert trimmed(p, proba, 0.5, edge=1).split("\n\n") == LINES[1:5]
    assert trimmed(p, None, 0.5) == p["body1"]
