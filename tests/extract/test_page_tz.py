"""A UTC publication stamp read as the page's local day (storyline.extract.page_tz)."""

from datetime import UTC, datetime, timedelta

from storyline.extract.date_rank import gather
from storyline.extract.html_dates import find_publication_date
from storyline.extract.html_meta import load_tree
from storyline.extract.page_tz import local_days, page_offset

# An evening story in New York: its published stamp in UTC is already the next day; the page's
# schedule widget states the zone (-0400) twice.
NY = """<html><head><title>Station to close overnight</title>
<meta property="article:published_time" content="2020-05-02T02:54:29.000Z">
<script>var s = [{"date": "Fri, 01 May 2020 23:00:00 -0400"}, {"date": "Sat, 02 May 2020 06:00:00 -0400"}];</script>
</head><body><article><h1>Station to close overnight</h1>
<p>The station will close every night for cleaning, the governor said on Friday evening.</p>
</article></body></html>"""


def test_page_offset_is_the_most_common_nonzero_offset():
    assert page_offset(NY) == timedelta(hours=-4)
    assert page_offset('<time datetime="2024-01-01T10:00:00Z"></time>') is None  # UTC only: no local zone
    tie = '<p>2024-01-01T10:00:00+09:00</p><p>2024-01-01T10:00:00-05:00</p>'
    assert page_offset(tie) is None


def test_a_utc_published_stamp_moves_to_the_local_day():
    tree = load_tree(NY)
    assert local_days(NY, tree) == {"2020-05-02": "2020-05-01"}
    got = gather(NY, tree, None, "2021-01-01")
    assert got["local"] == {"2020-05-02": "2020-05-01"}
    found = find_publication_date(NY, fetched_at=datetime(2021, 1, 1, tzinfo=UTC))
    assert found is not None and found.when.date().isoformat() == "2020-05-01"
    assert found.when == datetime(2020, 5, 2, 2, 54, 29, tzinfo=UTC)  # the same instant, in the page's zone


def test_a_visible_date_of_the_utc_day_keeps_it():
    page = NY.replace("<h1>Station to close overnight</h1>",
                      "<h1>Station to close overnight</h1><p>Published May 2, 2020</p>")
    assert gather(page, load_tree(page), None, "2021-01-01")["local"] == {}
    found = find_publication_date(page, fetched_at=datetime(2021, 1, 1, tzinfo=UTC))
    assert found is not None and found.when.date().isoformat() == "2020-05-02"


def test_a_stamp_with_its_offset_is_never_moved():
    page = NY.replace("2020-05-02T02:54:29.000Z", "2020-05-01T22:54:29-04:00")
    assert local_days(page, load_tree(page)) == {}
