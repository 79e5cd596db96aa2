"""Briefings on the bundled sample corpus: non-empty sections, inline charts, a self-contained
page, a PDF from headless Chromium, nothing from flagged articles."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from storyline.ai.briefing import build_briefing, parse_since, render_html, write_briefing
from tests.ai.conftest import SAMPLES_NOW

NOW = datetime.fromisoformat(SAMPLES_NOW)


@pytest.fixture(scope="module")
def briefing(samples_store):
    return build_briefing(samples_store, since=NOW - timedelta(days=7), now=NOW)


def test_briefing_has_every_section(briefing, samples_store):
    assert briefing.article_count > 5
    assert len(briefing.stories) >= 3
    for st in briefing.stories:
        assert st["summary"].sentences and st["sources"]
        for s in st["summary"].sentences:
            body = samples_store.get_article(s.sentence.article_id)["body"]
            assert body[s.sentence.start:s.sentence.end] == s.sentence.text
    assert briefing.events and all(e["citations"] for e in briefing.events)
    assert briefing.trending
    assert set(briefing.charts) == {"Top entities", "Mentions over time", "Entity network"}
    # the top story is covered by more outlets than the last one listed
    assert briefing.stories[0]["outlets"] >= briefing.stories[-1]["outlets"]


def test_html_is_self_contained(briefing):
    html = render_html(briefing)
    assert html.count("<svg") == 3
    assert "<script" not in html.lower()
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert "<link" not in html.lower() and "<style>" in html


def test_nothing_from_flagged_articles(briefing, samples_store):
    html = render_html(briefing)
    flagged = [r for r in samples_store.iter_articles() if r["quality_flags"]]
    assert flagged
    for row in flagged:
        assert (row["title"] or "") not in html
        for sentence in re.split(r"(?<=[.!?])\s+", row["body"]):
            if len(sentence) > 50:
                assert sentence not in html


def test_filters_narrow_the_window(samples_store, briefing):
    tag = briefing.trending[0]["tag"]
    narrow = build_briefing(samples_store, since=NOW - timedelta(days=7), now=NOW, tag=tag, with_charts=False)
    assert 0 < narrow.article_count < briefing.article_count
    empty = build_briefing(samples_store, since=NOW - timedelta(days=7), now=NOW - timedelta(days=6, hours=23))
    assert empty.article_count == 0 and "No articles" in render_html(empty)


def test_parse_since_is_relative_to_now():
    assert parse_since("24h", NOW) == NOW - timedelta(hours=24)
    assert parse_since("2w", NOW) == NOW - timedelta(weeks=2)
    assert parse_since("2026-11-20", NOW).day == 20
    with pytest.raises(ValueError):
        parse_since("yesterday-ish", NOW)


def test_pdf_printed_by_chromium(briefing, tmp_path):
    from tests.conftest import ensure_chromium

    reason = ensure_chromium()
    if reason:
        pytest.skip(reason)
    result = write_briefing(briefing, tmp_path)
    assert Path(result["html"]).read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert result["note"] is None and Path(result["pdf"]).read_bytes()[:5] == b"%PDF-"


def test_no_chromium_still_writes_html(briefing, tmp_path, monkeypatch):
    import storyline.ai.briefing as mod

    monkeypatch.setattr(mod, "CHROMIUM", str(tmp_path / "missing-chromium"))
    monkeypatch.setattr(mod.shutil, "which", lambda name: None)
    result = write_briefing(briefing, tmp_path)
    assert Path(result["html"]).exists() and result["pdf"] is None and "Chromium" in result["note"]
