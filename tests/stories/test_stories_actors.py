"""Lead actors (stories.actors) and the weighted-sum join they gate: same kind of event, different
principal actor."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from storyline.stories.actors import actor_cues, actor_names, first_sentence, share_actor
from storyline.stories.cluster import ClusterParams, StoryIndex
from tests.stories.test_stories_cluster import T0, doc

# Invented reports: two rate decisions of one week by different central banks, and a follow-up.
HOLD_A = (
    "SYDNEY — The Reserve Bank of Australia left its cash rate unchanged at 3.6% on Tuesday, saying inflation "
    "was still above its target band. Governor Alice Marron said the board would stay patient on cuts."
)
HOLD_B = (
    "The Reserve Bank of Australia kept interest rates on hold at 3.6% on Tuesday. Alice Marron told reporters "
    "inflation was above target and the board was in no hurry to cut rates."
)
CUT = (
    "OTTAWA — The Bank of Canada cut its policy rate to 2.5% on Wednesday, saying inflation was close to its "
    "target band. Governor Paul Brisset said the board would stay patient on further cuts to interest rates."
)
FOLLOW = (
    "Australian bank shares rose on Wednesday after the Reserve Bank of Australia held interest rates at 3.6%, "
    "as traders priced out a cut this year. Alice Marron's board said inflation was above target."
)


def names(title, body):
    return {" ".join(n) for n in actor_names(title, body)}


def test_lead_actors_are_the_names_of_headline_and_first_sentence():
    lead = "TOKYO — The Bank of Japan raised rates. Governor Ueda spoke."
    assert first_sentence(lead) == "The Bank of Japan raised rates."
    assert names("RBA holds rates", HOLD_A) == {"rba", "reserve bank of australia"}  # no dateline, no "the"
    assert names("U.S., Japan's envoys meet on Monday", "") == {"us", "japan"}
    # a title-case headline names nothing reliably: only the first sentence counts
    assert names("Ministry Looks to Improve Economic Diplomacy", "The Foreign Ministry will reorganise.") == {
        "foreign ministry"}
    assert names(None, "Tokyo and Seoul agreed to a Japan-South Korea dialogue.") == {"tokyo", "seoul", "japan",
                                                                                     "south korea"}


def test_two_reports_share_an_actor_when_one_name_is_a_run_of_the_others_words():
    def share(a, b):
        return share_actor(*actor_cues(None, a), [actor_cues(None, b)])

    assert share("The US Court of International Trade ruled.", "The Court of International Trade found.")
    assert share("Henrik Vaalgren met envoys.", "Talks led by Vaalgren ended.")
    assert not share("The Bank of England cut rates.", "The Bank of Japan raised rates.")
    assert not share(CUT, HOLD_A)
    assert share("no names at all here.", HOLD_A)  # nothing to compare: no evidence either way
    assert share(FOLLOW, HOLD_B)


def test_weighted_sum_join_needs_a_lead_actor_in_common():
    """With no story at the link model's join threshold, a dated report joins by the weighted sum only a
    story whose reports name one of its lead actors at their top: the other central bank's decision of
    the same week starts its own story, the follow-up naming the same bank joins."""
    never = replace(ClusterParams.learned().link, threshold=1.01, merge_threshold=1.01)
    for gated in (True, False):
        index = StoryIndex(replace(ClusterParams.learned(never), sum_join_actors=gated))
        s1, _ = index.assign(doc(1, "RBA holds rates at 3.6%", HOLD_A))
        assert index.assign(doc(2, "Australia's central bank stays on hold", HOLD_B, T0 + timedelta(hours=2))) == (
            s1, False)
        s3, new = index.assign(doc(3, "Bank of Canada cuts rates, stays patient on cuts", CUT, T0 + timedelta(days=1)))
        assert new is gated and (s3 == s1) is not gated  # without the gate the sum joins the other bank
        assert index.assign(doc(4, "Bank shares rise after RBA hold", FOLLOW, T0 + timedelta(days=1)))[0] == s1
    assert ClusterParams.learned().sum_join_actors and not ClusterParams().sum_join_actors
