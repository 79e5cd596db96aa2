"""Japanese text basics: folding, bigram index form, query phrases, dates, outlets."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from storyline.search import fts5_query, japanese_snippet, pg_ja_tsquery, safe_snippet
from storyline.text.counting import word_count
from storyline.text.ja_dates import find_ja_dates, parse_ja_date, parse_ja_datetime
from storyline.text.ja_outlets import canonical_outlet, outlet_group, split_ja_wire
from storyline.text.japanese import index_form, is_japanese, query_segments

ANCHOR = datetime(2025, 7, 31, 9, 0, tzinfo=UTC)


def test_index_form_folds_and_bigrams():
    tokens = re.findall(r"\w+", index_form("岩屋毅外相は３０日、ＥＶの経済安全保障"))  # as FTS5 unicode61 reads it
    assert {"外相", "経済", "保障", "岩屋"} <= set(tokens)
    assert "30" in tokens and "EV" in tokens  # full-width folded
    assert index_form("Plain English text.") is None  # nothing to fold: the index reads the body
    assert index_form("ｊａｐａｎ") == "japan"


def test_query_segments():
    assert query_segments("経済安全保障") == [(["経済", "済安", "安全", "全保", "保障"], False)]
    assert query_segments("経") == [(["経"], True)]  # one character: a prefix query
    assert query_segments("ｊａｐａｎ") == [(["japan"], False)]
    assert fts5_query("外相 ｊａｐａｎ") == '"外相" "japan"'
    assert fts5_query('"foreign minister" tariffs') == '"foreign minister" "tariffs"'  # English unchanged
    assert pg_ja_tsquery("輸出管理") == "(('輸出' <-> '出管' <-> '管理'))"


def test_snippet_highlights_the_japanese_hit():
    body = "岩屋毅外相は３０日、韓国の趙顕外相と会談し、経済安全保障で協力することで一致した。"
    snip = safe_snippet(japanese_snippet(body, "経済安全保障"))
    assert "<mark>経済安全保障</mark>" in snip
    assert "<mark>外相</mark>" in safe_snippet(japanese_snippet(body, "外相"))


def test_is_japanese_and_counting():
    ja = "中国商務省は１７日、レアアース磁石の輸出を許可制にすると発表した。" * 3
    assert is_japanese(ja) and not is_japanese("中华人民共和国商务部发布公告") and not is_japanese("Tokyo talks")
    assert word_count(ja) >= 30  # three sentences are no near-empty article


def test_japanese_dates():
    assert parse_ja_date("2025年7月30日", ANCHOR) == date(2025, 7, 30)
    assert parse_ja_date("２０２５年７月３０日（水）", ANCHOR) == date(2025, 7, 30)
    found = find_ja_dates("岩屋外相は7月30日午後、会談した", ANCHOR)[0]
    assert found.value == date(2025, 7, 30) and found.text == "7月30日午後"
    era = find_ja_dates("令和7年の通常国会", ANCHOR)[0]
    assert era.value == date(2025, 1, 1) and era.precision == "year"
    assert parse_ja_date("令和元年5月1日") == date(2019, 5, 1)
    assert parse_ja_date("30日に会談した", ANCHOR) == date(2025, 7, 30)  # day of the publication month
    assert parse_ja_date("30日に会談した", datetime(2025, 8, 2)) == date(2025, 7, 30)  # last month's 30th
    assert parse_ja_date("30日に会談した") is None  # no anchor: unresolved, not guessed
    assert parse_ja_date("きのう会談した", ANCHOR) == date(2025, 7, 30)
    assert parse_ja_date("12月28日に", date(2026, 1, 5)) == date(2025, 12, 28)  # a January report
    assert find_ja_dates("3日間の日程", ANCHOR) == []  # a duration
    assert parse_ja_datetime("2025年7月30日 午後3時15分") == datetime(2025, 7, 30, 15, 15)


def test_outlets_from_japanese_site_names():
    assert canonical_outlet("NHKニュース") == "NHK"
    assert canonical_outlet("読売新聞オンライン") == "読売新聞"
    assert canonical_outlet("朝日新聞デジタル") == "朝日新聞"
    assert canonical_outlet("日本経済新聞 電子版") == "日本経済新聞"
    assert canonical_outlet("時事ドットコム") == "時事通信"
    assert canonical_outlet("共同通信") == "共同通信"
    assert canonical_outlet("The Japan News") == "The Japan News" and outlet_group("The Japan News") == "読売新聞"
    assert canonical_outlet("みなと経済新聞") == "みなと経済新聞"
    wire = split_ja_wire("【ワシントン時事】米政府は発表した。（時事）")
    assert wire == ("ワシントン", "Jiji Press", "米政府は発表した。")
    assert split_ja_wire("政府は発表した。") == (None, None, "政府は発表した。")
