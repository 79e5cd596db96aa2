"""Summaries on story and article pages (cached), briefing controls and navigation, suggested questions."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from storyline.config import Settings
from storyline.web.server import create_app


@pytest.fixture
def ai_client(app):
    with TestClient(app) as c:
        yield c


def test_story_and_article_pages_load_a_cached_summary(ai_client, store, ids):
    html = ai_client.get(f"/stories/{ids['s1']}").text
    assert f'hx-get="/stories/{ids["s1"]}/summary"' in html
    frag = ai_client.get(f"/stories/{ids['s1']}/summary").text
    assert "<ol class=\"summary-sentences\">" in frag and f'href="/articles/{ids["a1"]}"' in frag
    cached = store.get_value(f"summary:story:{ids['s1']}")
    assert cached and cached["summary"]["sentences"]
    store.set_value(f"summary:story:{ids['s1']}", dict(cached, summary=dict(cached["summary"], sentences=[
        dict(cached["summary"]["sentences"][0], sentence="CACHED SENTENCE")])))
    assert "CACHED SENTENCE" in ai_client.get(f"/stories/{ids['s1']}/summary").text  # served from the cache
    art = ai_client.get(f"/articles/{ids['a1']}").text
    assert "No summary yet" not in art and f'hx-get="/articles/{ids["a1"]}/summary"' in art
    assert "summary-sentences" in ai_client.get(f"/articles/{ids['a1']}/summary").text
    assert ai_client.get("/stories/99999/summary").status_code == 404


def test_briefing_controls_and_navigation(ai_client, ids):
    resp = ai_client.get("/briefing?since=7d")
    assert resp.status_code == 200 and "form-action 'self'" in resp.headers["content-security-policy"]
    html = resp.text
    assert '<option value="7d" selected>' in html and 'rel="prev"' in html and 'rel="next"' not in html
    earlier = re.search(r'rel="prev" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    older = ai_client.get(earlier).text
    assert 'rel="next"' in older and "No articles in this window. Try a longer window" in older
    tagged = ai_client.get("/briefing?since=7d&tag=RareEarths").text
    assert 'name="tag" value="RareEarths"' in tagged and "rare-earth" in tagged.lower()
    assert ai_client.get("/briefing?since=soon").status_code == 422


def test_briefing_defaults_to_the_corpus_day_for_older_corpora(store, ids):
    from datetime import UTC, datetime, timedelta

    from tests.web.corpus import add

    old = datetime.now(UTC) - timedelta(days=400)
    with TestClient(create_app(store, Settings(secret_key="k"))) as c:
        for a in store.list_articles(limit=100):
            store.update_article(a["id"], published=old, fetched_at=old)
        add(store, "Archive item", "An archived report from Tokyo on tariffs and ministers.", outlet="X",
            hours_ago=400 * 24)
        html = c.get("/briefing").text
        assert "This corpus is older" in html and "No articles in this window" not in html


def test_ask_suggests_questions_from_the_store(ai_client, ids):
    html = ai_client.get("/ask").text
    assert "Try asking" in html
    links = re.findall(r'<a href="/ask\?q=([^"]+)">', html)
    assert links and any("Japan" in q or "Korea" in q or "Aoyagi" in q for q in links)
