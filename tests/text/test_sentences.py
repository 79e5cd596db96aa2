"""One sentence splitter: Ask, summaries, source comparison, timelines and the evals cut the same
article into the same sentences, at the same character offsets."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storyline.ai.evidence import SentenceFacts
from storyline.ai.summarize import select
from storyline.ai.text import article_sentences
from storyline.models import Event
from storyline.stories.compare import unique_sentences
from storyline.stories.doc import StoryDoc
from storyline.stories.timeline import build_timeline
from storyline.text.sentences import cite, sentences, split_spans

BODY = (
    "SEOUL — Japan's Foreign Minister Takeshi Iwaya met South Korea's Cho Hyun in Seoul on Tuesday. "
    "Mr. Iwaya said the U.S. alliance remained central to the security policy of both countries. "
    "The two ministers agreed to hold another round of talks in Tokyo in October.\n"
    "\"We will keep working together,\" Cho told reporters after the meeting ended late on Tuesday. "
    "Officials said 3 new projects on hydrogen would be funded by the two governments next year."
)
OTHER = "Rainfall in the northern prefectures broke records as farmers counted losses to rice and fruit crops."


@pytest.fixture(scope="module")
def expected() -> list[tuple[int, int]]:
    spans = split_spans(BODY)
    assert all(BODY[s:e] == text for s, e, text in spans)
    return [(s, e) for s, e, _ in spans]


def test_the_splitter_keeps_abbreviations_and_breaks_lines(expected):
    texts = [BODY[s:e] for s, e in expected]
    assert len(texts) == 5
    assert texts[1].startswith("Mr. Iwaya said the U.S. alliance")  # no break after "Mr." or "U.S."
    assert texts[3].startswith("\"We will keep")  # the line break ends a sentence
    assert sentences(BODY) == texts


def test_ask_and_summaries_cite_the_same_offsets(expected):
    row = {"id": 7, "body": BODY, "outlet": "Kanto Herald", "published": datetime(2025, 7, 29, tzinfo=UTC)}
    ask_sents = article_sentences(row)  # what Ask retrieves and quotes
    assert [(s.start, s.end) for s in ask_sents] == expected
    facts = {(s.article_id, s.index): SentenceFacts() for s in ask_sents}
    summary = select(ask_sents, facts, k=len(ask_sents))
    assert sorted((c.sentence.start, c.sentence.end) for c in summary) == expected


def test_source_comparison_and_timeline_use_the_same_sentences(expected):
    docs = [StoryDoc(1, "Iwaya in Seoul", BODY, outlet="Kanto Herald"),
            StoryDoc(2, "Record rain", OTHER, outlet="Pacific Wire")]
    unique = unique_sentences(docs)["Kanto Herald"]
    assert [(BODY.index(u), BODY.index(u) + len(u)) for u in unique] == expected
    parsed = "Japan's Foreign Minister Takeshi Iwaya met South Korea's Cho Hyun in Seoul on Tuesday."
    entry = build_timeline([(docs[0], Event("meeting", ["person:a", "person:b"], parsed, date="2025-07-29"))])[0]
    assert entry.span == expected[0] and entry.sentence == BODY[slice(*expected[0])]
    assert cite(BODY, "not in the body") is None


def test_the_evals_split_with_the_same_function(expected):
    timex_eval = pytest.importorskip("evals.timex_eval", reason="the evals package sits beside storyline")
    assert timex_eval.sentences is sentences
    assert [BODY.index(s) for s in timex_eval.sentences(BODY)] == [s for s, _ in expected]
