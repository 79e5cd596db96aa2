"""Sources side by side: coverage, unique sentences, disagreeing numbers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storyline.stories import StoryDoc
from storyline.stories.compare import compare_sources, disagreements
from storyline.stories.quantities import quantities, voice_of
from tests.conftest import shared_path

T0 = datetime(2025, 1, 6, 3, tzinfo=UTC)
A = (
    "A magnitude 6.1 earthquake struck the region on Monday, killing 12 people, officials said. "
    "Rescue teams searched collapsed homes in the valley. The government pledged $5 million in emergency aid."
)
B = (
    "A strong earthquake struck the region on Monday, killing 15 people. Rescue teams searched collapsed homes. "
    "The government pledged $5 million in emergency aid. Schools in the province will stay closed for a week."
)


def test_two_sources_coverage_unique_sentences_and_toll_disagreement():
    docs = [
        StoryDoc(2, "Deadly quake", B, "Outlet B", T0 + timedelta(hours=2)),
        StoryDoc(1, "Quake hits", A, "Outlet A", T0),
    ]
    cmp = compare_sources(docs)
    assert [(c.outlet, c.first) for c in cmp.coverage] == [("Outlet A", True), ("Outlet B", False)]
    assert cmp.unique == {"Outlet B": ["Schools in the province will stay closed for a week."]}
    assert len(cmp.disagreements) == 1
    dis = cmp.disagreements[0]
    assert {dis.a.quantity.text, dis.b.quantity.text} == {"12 people", "15 people"}
    assert "killing" in dis.about  # what the numbers are about
    # the aid figure is the same in both: no disagreement on it
    assert all(q.a.quantity.unit != "USD" for q in cmp.disagreements)


def test_quantities_units_ranges_and_voices():
    qs = quantities(
        "Akazawa said equity would be about 1%-2% of the $550 billion, or 211 billion yen, "
        "and 100 Boeing aircraft. The summit is on July 13 in 2025."
    )
    got = {(q.unit, q.low, q.high) for q in qs}
    assert got == {("%", 1, 2), ("USD", 550e9, 550e9), ("JPY", 211e9, 211e9), ("n:aircraft", 100, 100)}
    assert voice_of("Meanwhile, Japan clarified that this sum represents a framework.") == "Japan"
    assert voice_of("'We plan to introduce them,' said Minister Nakano.") == "Minister Nakano"
    assert voice_of("Prices rose 5% in June.") is None


def test_yomiuri_trade_deal_two_governments_disagree_on_profit_and_equity_share():
    from storyline.extract import textdump

    path = next(shared_path("seeds").glob("001_*.txt"))
    page = textdump.extract_text_page(
        path.read_text(encoding="utf-8"),
        source=str(path),
        url=None,
        fetched_at=datetime(2025, 7, 31, 12, tzinfo=UTC),
    )
    art = next(a for a in page.articles if a.title and a.title.startswith("Lack of Japan-U.S. Trade Deal"))
    found = disagreements([StoryDoc(1, art.title, art.body, art.outlet, art.published)])
    pairs = {frozenset((d.a.quantity.text, d.b.quantity.text)) for d in found}
    assert frozenset(("90%", "1%-2%")) in pairs
    top = next(d for d in found if {d.a.quantity.text, d.b.quantity.text} == {"90%", "1%-2%"})
    assert {top.a.voice, top.b.voice} == {"Trump", "Akazawa"} and "investment" in top.about
    assert not any(
        "$550 billion" in (d.a.quantity.text, d.b.quantity.text) for d in found
    )  # both sides agree


def test_a_disagreement_repeated_by_copies_is_reported_once():
    docs = [
        StoryDoc(1, "Quake hits", A, "Outlet A", T0),
        StoryDoc(2, "Deadly quake", B, "Outlet B", T0),
        StoryDoc(3, "Deadly quake", B, "Outlet B", T0 + timedelta(hours=1)),  # the same text again
    ]
    found = disagreements(docs)
    assert len(found) == 1 and {found[0].a.source, found[0].b.source} == {"Outlet A", "Outlet B"}
