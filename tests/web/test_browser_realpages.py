"""A front page built from real single-article pages (the Zyte DEV pages) in headless Chromium:
every story on it is one of the pages' own articles, never a reader comment, a teaser from a
related rail or an undated fragment shown with the fetch time as its date.

Writes the screenshot to ``$STORYLINE_SCREENSHOTS`` (default: the test's tmp dir).
"""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storyline.config import Settings
from storyline.export import iter_records
from storyline.web.server import background_server, create_app
from tests.conftest import ensure_chromium, shared_path
from tests.web.test_browser import ARGS, CHROMIUM

pytestmark = pytest.mark.browser
FETCHED = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
PAGES = 16  # the first pages of the DEV set by file name: enough for a full front page, quick to ingest


def test_front_page_from_real_pages_shows_only_their_own_articles(tmp_path):
    reason = ensure_chromium()
    if reason:
        pytest.skip(reason)
    sync_api = pytest.importorskip("playwright.sync_api")
    from storyline.cli.ingest_cmds import run_ingest

    folder = shared_path("eval", "article_extraction_zyte")
    files = sorted((folder / "html").glob("*.html.gz"))[:PAGES]
    store, _summary = run_ingest(str(tmp_path / "real.db"), [str(f) for f in files], fetched_at=FETCHED, quiet=True)
    rows = list(iter_records(store, "articles"))
    per_page: dict[str, int] = {}
    for row in rows:
        per_page[Path(str(row["source"])).name] = per_page.get(Path(str(row["source"])).name, 0) + 1
        published = row.get("published")
        assert published is None or not str(published).startswith(FETCHED.date().isoformat()), row.get("title")
    assert sum(v == 1 for v in per_page.values()) >= len(files) - 1  # one article per real page
    titles = {re.sub(r"\s+", " ", str(r.get("title") or "")).strip() for r in rows}

    shots = Path(os.environ.get("STORYLINE_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    app = create_app(store, Settings(secret_key="browser-secret"))
    with background_server(app) as base, sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 2000})
        page.goto(base + "/")
        page.screenshot(path=str(shots / "front_realpages.png"), full_page=True)
        shown = [re.sub(r"\s+", " ", t).strip() for t in page.locator("main a[href^='/stories/']").all_inner_texts()]
        browser.close()
    shown = [t for t in shown if t]
    assert shown, "the front page shows no story"
    for text in shown:
        # every story headline is one of the pages' own article titles (no comment, teaser or fragment)
        assert any(text == t or text in t or t in text for t in titles if t), text
        assert not re.match(r"^(\w+ \d{1,2}, \d{4} at|by |posted |read more)", text, re.IGNORECASE), text
    store.close()
