"""The merge experiment's rows and its out-of-fold scoring, on written pages."""

from __future__ import annotations

from evals.wcxb_merge_cv import adder_cv, paragraph_rows


def test_rows_hold_our_paragraphs_and_only_the_others_we_lack():
    ours = "The council met on Monday.\n\nIt voted for the plan."
    opinions = {"rec": "The council met on Monday.\nIt voted for the plan.\nThe mayor spoke after the vote.",
                "read": "The mayor spoke after the vote.\nShare this", "justext": None, "prec": ours}
    rows = paragraph_rows(ours, opinions)
    assert [(mine, text) for mine, _f, text in rows] == [
        (True, "The council met on Monday."), (True, "It voted for the plan."),
        (False, "The mayor spoke after the vote."), (False, "Share this")]
    mayor, share = rows[2][1], rows[3][1]
    # held by recall mode and readability / readability only
    assert mayor[1:3] == [1.0, 1.0] and share[1:3] == [0.0, 1.0]
    assert mayor[7] == 1.0 and share[7] == 0.0  # ends a sentence


def test_adder_gains_when_the_missing_sentences_are_held_by_several_opinions():
    pages = {}
    for i in range(60):
        gold = f"Story {i} begins here today. The second part of story {i} follows. A third line of story {i}."
        ours = f"Story {i} begins here today."
        rest = f"The second part of story {i} follows.\nA third line of story {i}."
        opinions = {"rec": f"{ours}\n{rest}\nSubscribe now", "read": f"{ours}\n{rest}", "justext": rest,
                    "prec": ours}
        pages[f"p{i:03d}"] = (ours, opinions, gold)
    gains = adder_cv(pages, thresholds=(0.5, 1.01))
    assert gains[1.01] == 0.0  # nothing added, nothing changed
    assert gains[0.5] > 0.2  # the two supported sentences come back, the sign-up line stays out


def test_dom_index_gives_link_density_and_class_hints_of_the_element():
    from lxml import html

    from evals.wcxb_merge_cv import dom_index

    tree = html.fromstring(
        "<html><body><div class='entry-content'><p>The council met on Monday evening.</p></div>"
        "<div class='related-posts'><p><a href='/a'>Five things</a> to know</p></div></body></html>")
    index = dom_index(tree)
    story, related = index["the council met on monday evening"], index["five things to know"]
    assert story[:3] == [0.0, 0.0, 1.0]  # no links, content class above it
    assert related[0] == 0.5 and related[1] == 1.0  # half its words linked, a related-posts box
