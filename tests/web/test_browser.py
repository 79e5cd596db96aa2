"""Browser flows in headless Chromium (Debian's /usr/bin/chromium via Playwright; never `playwright install`).

Run with the rest of tests/web; skipped with a reason when Chromium is absent and cannot be installed.
"""

from __future__ import annotations

import pytest

from storyline.config import Settings
from storyline.models import Article, Enrichment
from storyline.web.server import background_server, create_app
from tests.conftest import ensure_chromium
from tests.web.corpus import JPN, add

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
XSS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    '<a href="javascript:alert(1)">click</a>',
]


@pytest.fixture(scope="module")
def browser():
    reason = ensure_chromium()
    if reason:
        pytest.skip(reason)
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def site(store, ids):
    with background_server(create_app(store, Settings(secret_key="browser-secret"))) as base:
        yield base


@pytest.fixture
def page(browser):
    context = browser.new_context()
    pg = context.new_page()
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()


def register(page, base: str, name: str = "reader") -> None:
    page.goto(f"{base}/register")
    page.get_by_label("Username").fill(name)
    page.get_by_label("Password").fill("long password 1")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(f"{base}/me")


def test_front_story_tag_pages(page, site, ids):
    page.goto(site + "/")
    assert page.get_by_role("heading", name="Top stories").is_visible()
    time = page.locator("time").first
    assert "ago" in time.inner_text() and time.get_attribute("title")  # localised by app.js
    page.get_by_role("link", name="Japan and South Korea foreign ministers meet in Seoul").first.click()
    page.wait_for_url(f"{site}/stories/{ids['s1']}")
    assert page.get_by_role("heading", name="Sources side by side").is_visible()
    assert page.locator(".source-card").count() == 2
    page.locator("a.tag", has_text="#JapanSouthKoreaRelations").first.click()
    page.wait_for_url(f"{site}/tags/JapanSouthKoreaRelations")
    assert "Latest news with #JapanSouthKoreaRelations" in page.locator("h1").inner_text()


def test_search_with_facet(page, site):
    page.goto(site + "/search?q=Seoul")
    assert "2 results" in page.locator("[role=status]").inner_text()
    page.locator(".facets a", has_text="Pacific Wire").click()
    page.wait_for_load_state()
    assert "1 result " in page.locator("[role=status]").inner_text()
    assert page.locator(".results mark").first.inner_text() == "Seoul"


def test_live_search_with_htmx(page, site):
    page.goto(site + "/search")
    page.locator("#q").fill("stockpile")
    page.wait_for_selector(".results .headline")
    assert "Japan weighs rare-earth stockpile" in page.locator(".results").inner_text()


def test_register_and_comment(page, site, ids):
    register(page, site)
    page.goto(f"{site}/articles/{ids['a1']}")
    page.get_by_label("Add a comment").fill("A useful read, see https://example.org/more")
    page.get_by_role("button", name="Post comment").click()
    page.wait_for_selector(".comment-body a")
    link = page.locator(".comment-body a").first
    assert (
        link.get_attribute("rel") == "nofollow noopener"
        and link.get_attribute("href") == "https://example.org/more"
    )
    assert page.get_by_label("Add a comment").input_value() == ""  # form reset after the HTMX post


def test_follow_hashtag_then_match_after_ingest(page, site, store):
    register(page, site)
    page.goto(f"{site}/tags/RareEarths")
    page.get_by_role("button", name="Follow").click()
    page.wait_for_url(f"{site}/tags/RareEarths")
    assert page.get_by_role("button", name="Following ✓ (unfollow)").is_visible()
    add(
        store,
        "Japan and Australia sign rare-earth pact",
        "Japan and Australia signed a pact.",
        outlet="Pacific Wire",
        hours_ago=0.1,
        ents=[JPN],
        tags=["RareEarths"],
    )
    page.goto(f"{site}/me")
    match = page.locator(".match").first
    assert "Japan and Australia sign rare-earth pact" in match.inner_text()
    assert "matched tag #RareEarths" in match.inner_text()


def test_xss_payloads_never_run(page, site, store, ids):
    for i, payload in enumerate(XSS):
        aid, _ = store.upsert_article(
            Article(
                body=f"Body {payload} text {i}", source=f"x{i}.html", title=f"T{i} {payload}", outlet=payload
            ),
            None,
        )
        store.save_enrichment(aid, Enrichment(hashtags=["XssTest"]))
    register(page, site, "attacker")
    for payload in XSS:
        page.goto(f"{site}/articles/{ids['a2']}")
        page.get_by_label("Add a comment").fill(payload)
        page.get_by_role("button", name="Post comment").click()
        page.wait_for_load_state("networkidle")
    for path in (
        f"/articles/{ids['a2']}",
        "/tags/XssTest",
        "/search?q=Body",
        "/",
        "/sources",
        f"/articles/{aid}",
    ):
        page.goto(site + path)
        page.wait_for_load_state("networkidle")
        assert page.locator("script:not([src])").count() == 0, path
        assert page.locator("script").count() == 2, path  # htmx + app.js only
        assert page.locator("img, svg, iframe").count() == 0, path
        assert page.locator("a[href^='javascript']").count() == 0, path
        assert page.locator("[onerror], [onload]").count() == 0, path
    assert page.dialogs == []
    assert "<script>alert(1)</script>" in page.content() or "&lt;script&gt;" in page.content()
