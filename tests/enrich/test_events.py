"""Events from parsed articles: type, participants, place, date, status, evidence; merging; filler.

These run the real chain (spaCy parse + ``extract_entities``) on short hand-written reports.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storyline.models import Article

WED = datetime(2025, 7, 30, 8, 20, tzinfo=UTC)  # a Wednesday


@pytest.fixture(scope="module")
def run():
    from storyline.enrich.entities import extract_entities
    from storyline.enrich.events import extract_events
    from storyline.enrich.nlp import parse

    def _run(body: str, published=WED, **kw):
        article = Article(body=body, source="test", published=published, **kw)
        doc = parse(body)
        entities, mentions = extract_entities(article, doc)
        return extract_events(article, doc, mentions, entities)

    return _run


def _names(keys):
    """Person keys as sets of name words (the key's name order is the entities module's business)."""
    return {frozenset(k.split(":", 1)[1].split()) if k.startswith("person:") else k for k in keys}


def _people(*names):
    return {frozenset(n.lower().split()) for n in names}


def _one(events, typ):
    found = [e for e in events if e.type == typ]
    assert len(found) == 1, [(e.type, e.participants, e.sentence) for e in events]
    return found[0]


def test_meeting_with_participants_place_date_and_evidence(run):
    body = ("German Chancellor Friedrich Merz held talks in Paris with French President Emmanuel Macron on Monday. "
            "The two leaders discussed defense spending.")
    ev = _one(run(body), "meeting")
    assert _names(ev.participants) == _people("Friedrich Merz", "Emmanuel Macron")
    assert ev.plover == "CONSULT"
    assert ev.date == "2025-07-28" and ev.date_text == "Monday"
    assert ev.place == "Paris" and ev.status == "happened"
    assert ev.sentence.startswith("German Chancellor Friedrich Merz held talks")


def test_planned_meeting_resolves_forward(run, monkeypatch):
    # the sparse typer (what CI runs): the MiniLM model, where the embeddings extra is installed, types this
    # sentence CONSULT (a known disagreement with the convention below; see README, event type row)
    monkeypatch.setenv("STORYLINE_EMBEDDINGS", "false")
    body = "Indian Prime Minister Narendra Modi will meet Australian Prime Minister Anthony Albanese on Friday."
    ev = _one(run(body), "meeting")
    assert ev.status == "planned" and ev.date == "2025-08-01"
    assert ev.plover == "AGREE"  # PLOVER codes an announced meeting as intent (CAMEO 036), not CONSULT


def test_unknown_publication_time_leaves_the_date_unresolved(run):
    body = "Indian Prime Minister Narendra Modi met Australian Prime Minister Anthony Albanese on Tuesday."
    ev = _one(run(body, published=None), "meeting")
    assert ev.date is None
    assert ev.date_note == "unresolved: publication time unknown (text: 'Tuesday')"


def test_mentions_across_sentences_merge_into_one_event(run):
    body = ("Philippine President Ferdinand Marcos met Japanese Prime Minister Fumio Kishida on Tuesday. "
            "At their meeting in Manila, Marcos and Kishida discussed maritime security.")
    events = [e for e in run(body) if e.type == "meeting"]
    assert len(events) == 1
    ev = events[0]
    assert ev.date == "2025-07-29" and ev.place == "Manila"
    assert len(ev.attrs["evidence"]) == 2


def test_phone_call_and_reported_status(run):
    body = "U.S. President Donald Trump reportedly spoke by phone with Russian President Vladimir Putin on Sunday."
    ev = _one(run(body), "phone_call")
    assert _names(ev.participants) == _people("Donald Trump", "Vladimir Putin")
    assert ev.status == "reported" and ev.date == "2025-07-27"


def test_statement_carries_plover_type_and_target(run):
    body = "China on Tuesday strongly condemned Japan's new defense white paper."
    ev = _one(run(body), "statement")
    assert ev.plover == "DISAPPROVE"
    assert {"country:CHN", "country:JPN"} <= set(ev.participants)


def test_reorganization_needs_no_participant_and_uses_the_dateline(run):
    body = "The ministry will set up a new economic security division as part of a restructuring on Aug. 1."
    ev = _one(run(body, dateline="TOKYO"), "reorganization")
    assert ev.date == "2025-08-01" and ev.status == "planned"
    assert ev.place == "TOKYO" and ev.attrs["place_from"] == "dateline"


def test_questions_hypotheticals_and_placeholders_give_no_events(run):
    body = ("Will Indian Prime Minister Narendra Modi meet Chinese President Xi Jinping? "
            "If Modi met Xi, trade would follow. "
            "Prime Minister [Insert Name] met President [Insert Name] on Tuesday.")
    assert run(body) == []


def test_filler_flagged_article_still_gives_its_events(run):
    body = "Indian Prime Minister Narendra Modi met Australian Prime Minister Anthony Albanese on Tuesday."
    assert [e.type for e in run(body, quality_flags=["machine_generated_filler"])] == ["meeting"]


def test_no_doc_no_events():
    from storyline.enrich.events import extract_events

    assert extract_events(Article(body="x", source="t"), None, [], []) == []


def test_metonyms_resolve_to_their_countries(run):
    body = "Beijing on Friday criticized Tokyo over the decision, while talks in Beijing continued."
    ev = _one(run(body), "statement")
    assert set(ev.participants) == {"country:CHN", "country:JPN"}
    assert ev.date == "2025-07-25"


def test_enrich_pipeline_fills_events():
    from storyline.enrich import enrich_many

    body = "Indian Prime Minister Narendra Modi met Australian Prime Minister Anthony Albanese in Sydney on Tuesday."
    (enrichment,) = enrich_many([Article(body=body, source="t", published=WED)])
    (ev,) = [e for e in enrichment.events if e.type == "meeting"]
    assert _names(ev.participants) == _people("Narendra Modi", "Anthony Albanese")
    assert (ev.date, ev.place, ev.sentence) == ("2025-07-29", "Sydney", body)


def test_a_headline_line_is_not_part_of_the_next_sentence(run):
    body = ("Modi and Albanese to meet\n"
            "Indian Prime Minister Narendra Modi met Australian Prime Minister Anthony Albanese on Tuesday.")
    ev = _one(run(body), "meeting")
    assert ev.sentence.startswith("Indian Prime Minister") and "\n" not in ev.sentence
