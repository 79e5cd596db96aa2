"""Story and article summaries: cited sentences, no repeats, event order, key participants."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storyline.ai.evidence import SentenceFacts
from storyline.ai.summarize import select, summarize_article, summarize_articles, summarize_story
from storyline.ai.text import Sentence, overlap
from storyline.ai.whatsnew import whats_new
from storyline.text.sentences import split_spans
from storyline.text.tokens import content_words
from tests.ai.conftest import gold_article_ids


def _cho_story(store, gold):
    """The story holding the gold "Cho Hyun visit" articles (or those articles when split)."""
    members = next(s["members"] for s in gold["stories"] if "Cho Hyun" in s["name"])
    ids = gold_article_ids(store, members)
    assert len(ids) == len(members)
    stories = {store.get_article(i)["story_id"] for i in ids}
    if len(stories) == 1:
        return summarize_story(store, stories.pop(), max_sentences=6), ids
    return summarize_articles(store, store.get_articles(ids), max_sentences=6), ids


def test_cho_hyun_story_summary_names_people_and_dates_with_citations(seeds_store, seeds_gold):
    summary, _ids = _cho_story(seeds_store, seeds_gold)
    text = summary.text
    for name in ("Cho Hyun", "Takeshi Iwaya", "Shigeru Ishiba"):
        assert name in text
    assert "July 29" in text and "July 30" in text
    assert len(summary.sentences) >= 3
    for s in summary.sentences:
        body = seeds_store.get_article(s.sentence.article_id)["body"]
        assert body[s.sentence.start:s.sentence.end] == s.sentence.text  # offsets point at the quote
        assert s.sentence.article_id in summary.article_ids
    assert len({s.sentence.article_id for s in summary.sentences}) >= 2  # more than one outlet


def test_story_summary_says_nothing_twice_and_keeps_event_order(seeds_store, seeds_gold):
    summary, _ = _cho_story(seeds_store, seeds_gold)
    sents = summary.sentences
    for i, a in enumerate(sents):
        for b in sents[i + 1:]:
            assert overlap(a.sentence.words, b.sentence.words) < 0.75
    days = [s.date[:10] if s.date else s.sentence.published.date().isoformat() for s in sents]
    assert days == sorted(days)


def test_key_participants_come_from_role_facts(seeds_store, seeds_gold):
    summary, _ = _cho_story(seeds_store, seeds_gold)
    people = {p.person: p for p in summary.participants}
    assert people["Cho Hyun"].office == "Foreign Minister" and people["Cho Hyun"].country == "South Korea"
    assert people["Takeshi Iwaya"].country == "Japan"
    assert people["Shigeru Ishiba"].office == "Prime Minister"


def test_near_duplicates_collapse_to_the_most_informative_version():
    when = datetime(2025, 7, 30, tzinfo=UTC)
    texts = [
        (1, "Cho Hyun met Takeshi Iwaya in Tokyo on Tuesday to discuss North Korea."),
        (2, "Cho Hyun met Takeshi Iwaya in Tokyo on Tuesday to discuss North Korea and trade ties."),
        (3, "Separately, the ministry announced a budget for new embassies in Africa next year."),
    ]
    sents = [Sentence(a, 0, 0, len(t), t, f"outlet {a}", None, when, content_words(t)) for a, t in texts]
    facts = {(s.article_id, s.index): SentenceFacts() for s in sents}
    facts[(2, 0)].entities |= {"person:cho hyun", "person:iwaya takeshi", "city:tokyo", "country:PRK"}
    facts[(1, 0)].entities |= {"person:cho hyun", "person:iwaya takeshi"}
    chosen = select(sents, facts, k=3)
    kept = [c.sentence.article_id for c in chosen]
    assert 2 in kept and 1 not in kept and 3 in kept
    dup = next(c for c in chosen if c.sentence.article_id == 2)
    assert [a["article_id"] for a in dup.also] == [1]


def test_sentence_spans_keep_offsets_and_abbreviations():
    body = "U.S. Secretary of State Marco Rubio met S. Korean officials.\nHe said Mr. Lee left on Jan. 5. Talks ended."
    spans = split_spans(body)
    assert [t for _, _, t in spans] == ["U.S. Secretary of State Marco Rubio met S. Korean officials.",
                                        "He said Mr. Lee left on Jan. 5.", "Talks ended."]
    assert all(body[s:e] == t for s, e, t in spans)


def test_article_summary_and_flagged_article_excluded(seeds_store):
    flagged = [r for r in seeds_store.iter_articles() if r["quality_flags"]]
    assert flagged, "seed 002's filler article should carry a quality flag"
    assert summarize_article(seeds_store, flagged[0]["id"]).sentences == []
    clean = next(r for r in seeds_store.iter_articles() if not r["quality_flags"] and len(r["body"]) > 500)
    summary = summarize_article(seeds_store, clean["id"], max_sentences=2)
    assert 1 <= len(summary.sentences) <= 2
    assert all(s.sentence.text in clean["body"] for s in summary.sentences)


def test_whats_new_counts_what_was_stored_after_a_time(seeds_store, seeds_gold):
    _summary, ids = _cho_story(seeds_store, seeds_gold)
    story_id = seeds_store.get_article(ids[0])["story_id"]
    everything = whats_new(seeds_store, story_id, datetime(2000, 1, 1, tzinfo=UTC))
    story_ids = {r["id"] for r in seeds_store.get_story(story_id)["articles"]}
    assert everything.sentences and everything.events
    assert {s.article_id for s in everything.sentences} <= story_ids
    texts = [s.text for s in everything.sentences]
    assert len(texts) == len(set(texts))
    nothing = whats_new(seeds_store, story_id, datetime.now(UTC) + timedelta(minutes=1))
    assert nothing.sentences == [] and nothing.events == [] and nothing.articles == []


def test_participant_role_follows_the_persons_whole_record():
    from storyline.ai.participants import _pick_role

    def role(aid, org, hour):
        return {"article_id": aid, "office": "Foreign Minister", "organization": org, "status": "current",
                "as_of": datetime(2026, 11, 18, hour, tzinfo=UTC), "sentence": "s"}

    record = [role(1, "Japan", 1), role(2, "South Korea", 2), role(3, "Japan", 3), role(4, "Japan", 4)]
    # article 2 alone says South Korea (a mis-read); the record says Japan
    assert _pick_role(record, {2}, None)["organization"] == "Japan"
    assert _pick_role(record, {2, 3}, None)["article_id"] == 3
    assert _pick_role([role(5, "Japan", 1)], {9}, datetime(2026, 11, 19, tzinfo=UTC))["article_id"] == 5
    assert _pick_role([{**role(6, "Japan", 1), "status": "former"}], {6}, None) is None
