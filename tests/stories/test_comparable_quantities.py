"""Only comparable numbers disagree: same unit, same kind, different outlets (sentences from the bundled samples)."""

from __future__ import annotations

from datetime import UTC, datetime

from storyline.stories.compare import disagreements
from storyline.stories.doc import StoryDoc
from storyline.stories.quantities import kind_of, quantities

T0 = datetime(2026, 11, 22, tzinfo=UTC)
STOCK = ("Trade Minister Choi Eun-sook told an emergency meeting with battery and automotive companies that the "
         "government would expand public stockpiles of dysprosium and terbium to 100 days of demand from the current "
         "60 days.")
LICENCE = (
    "Choi said Seoul would also raise the issue with Beijing through the bilateral export control dialogue and ask "
    "for licences to be processed within 45 days."
)
SHARE = "China accounts for about 90% of global production of rare-earth magnets."
RISE = (
    "Prices of rare-earth magnets outside China have risen about 12% since Monday, according to industry estimates, "
    "as manufacturers of electric motors scrambled to secure supplies before the rules take effect."
)


def _kinds(text):
    return {q.text.split()[0] if q.unit == "%" else q.text: q.kind for q in quantities(text)}


def test_kinds_of_measure():
    assert _kinds(SHARE)["90%"] == "share"
    assert _kinds(RISE)["12%"] == "change"
    stock = _kinds(STOCK)
    assert stock["100 days"] == "stock"
    assert _kinds(LICENCE)["45 days"] == "duration"
    assert kind_of("Inflation was 3% in May.", 13, 15, "%") == "level"


def test_stockpile_days_never_disagree_with_licence_days_even_across_outlets():
    docs = [
        StoryDoc(1, "Seoul stockpiles", STOCK, "Outlet A", T0),
        StoryDoc(2, "Seoul asks Beijing", LICENCE, "Outlet B", T0),
    ]
    assert disagreements(docs) == []


def test_share_of_production_never_disagrees_with_a_price_rise():
    docs = [
        StoryDoc(1, "Magnets", SHARE + " Magnet prices matter.", "Outlet A", T0),
        StoryDoc(2, "Magnets", RISE + " Magnet prices matter.", "Outlet B", T0),
    ]
    assert disagreements(docs) == []


def test_same_kind_across_outlets_still_disagrees_and_one_outlet_does_not():
    a = "China accounts for about 90% of global production of rare-earth magnets."
    b = "China accounts for about 60% of global production of rare-earth magnets."
    found = disagreements([StoryDoc(1, "x", a, "Outlet A", T0), StoryDoc(2, "y", b, "Outlet B", T0)])
    assert found and {found[0].a.quantity.text, found[0].b.quantity.text} == {"90%", "60%"}
    assert found[0].a.quantity.sentence and found[0].b.quantity.sentence
    same = disagreements([StoryDoc(1, "x", a, "Outlet A", T0), StoryDoc(2, "y", b, "Outlet A", T0)])
    assert same == []
