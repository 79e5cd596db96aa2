"""The analyst's daily reader in headless Chromium (Debian's /usr/bin/chromium via Playwright; never
`playwright install`): every page type loads with no console error, the river pages, the ranked
front page says why each story is there."""

from __future__ import annotations

import re

import pytest

from storyline.config import Settings
from storyline.web.server import background_server, create_app
from tests.web.corpus import add
from tests.web.test_browser import browser  # noqa: F401 - the shared Chromium fixture (module scope)

pytestmark = pytest.mark.browser


@pytest.fixture
def site(store, ids):
    with background_server(create_app(store, Settings(secret_key="reader-secret"))) as base:
        yield base


@pytest.fixture
def page(browser):  # noqa: F811 - the imported fixture, requested by name
    context = browser.new_context()
    pg = context.new_page()
    pg.errors = []
    pg.on("console", lambda m: pg.errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(f"pageerror: {e}"))
    yield pg
    context.close()


def test_every_page_type_loads_without_console_errors(page, site, ids):
    paths = ["/", "/stories", "/stories?sort=newest", f"/stories/{ids['s1']}", f"/articles/{ids['a1']}",
             "/tags", "/tags/RareEarths", "/entities", f"/entities/{ids['country:JPN']}", "/search?q=Japan",
             "/search?q=zzzznothing", "/sources", "/status", "/login", "/register", "/briefing?since=7d", "/ask",
             "/favicon.ico"]
    for path in paths:
        page.goto(site + path)
        page.wait_for_load_state("load")
        assert not page.errors, (path, page.errors)
    resp = page.goto(site + "/no/such/page")  # the error page: only its own 404 status is reported
    assert resp.status == 404 and page.locator("h1").count() == 1
    assert [e for e in page.errors if "status of 404" not in e] == [] and len(page.errors) <= 1
    page.goto(site + "/")
    title = page.locator("time").first.get_attribute("title")
    # app.js replaced the server's "2026-11-22 21:00 UTC" with the reader's locale ("Dec 4, 2026, 07:29 PM UTC")
    assert title and not re.match(r"\d{4}-\d{2}-\d{2} ", title), title


def test_river_pages_and_filters(page, site, store, ids):
    for i in range(25):
        sid = store.create_story(f"Filler story {i} about port fees")
        add(store, f"Port fees story {i}", f"Port fees rose again in city {i}, officials said on the day.",
            outlet=f"Outlet {i % 4}", hours_ago=30 + i, story_id=sid)
    page.goto(site + "/stories")
    assert page.locator(".reason").first.inner_text().startswith("Why it's here:")
    first_page = page.locator("ol.river > li").count()
    assert first_page == 20
    page.get_by_role("link", name="Next →").click()
    page.wait_for_url("**offset=20**")
    assert 1 <= page.locator("ol.river > li").count() <= 20
    assert "21–" in page.locator("nav.pager").inner_text()
    page.goto(site + "/stories")
    page.select_option("select[name=sort]", "newest")
    page.fill("input[name=tag]", "RareEarths")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**sort=newest**")
    titles = page.locator("ol.river h2").all_inner_texts()
    assert titles == ["Rare-earth export licences tighten"]
    page.goto(site + "/stories?since=notadate")
    assert "is not a date" in page.get_by_role("alert").first.inner_text()  # said above the list
    assert not page.errors


def _register(page, base: str, name: str = "reader") -> None:
    page.goto(f"{base}/register")
    page.get_by_label("Username").fill(name)
    page.get_by_label("Password").fill("long password 1")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(f"{base}/me")


def test_keyboard_triage_star_mark_read_and_help(page, site, ids):
    _register(page, site)
    page.goto(site + "/tags/RareEarths")
    items = page.locator("[data-article]")
    assert items.count() >= 2
    page.keyboard.press("?")
    assert page.get_by_role("dialog").is_visible()
    assert "star or unstar" in page.get_by_role("dialog").inner_text()
    page.keyboard.press("Escape")
    assert not page.get_by_role("dialog").is_visible()
    page.keyboard.press("j")
    first = items.nth(0)
    assert "is-selected" in first.get_attribute("class")
    page.keyboard.press("s")
    expect = pytest.importorskip("playwright.sync_api").expect  # waits without eval (the CSP forbids it)
    expect(first.locator("button.mark-star")).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("j")
    assert "is-selected" in items.nth(1).get_attribute("class")
    page.get_by_role("button", name="Mark all read").click()
    expect(page.locator("[data-article].is-read")).to_have_count(items.count())
    page.reload()  # the marks are stored, not only drawn
    expect(page.locator("[data-article].is-read")).to_have_count(items.count())
    assert items.nth(0).locator("button.mark-star").get_attribute("aria-pressed") == "true"
    page.keyboard.press("j")
    page.keyboard.press("o")
    page.wait_for_url("**/articles/**")
    page.goto(site + "/me/starred")
    assert page.locator("[data-article]").count() == 1
    assert not page.errors, page.errors


def test_story_summary_and_briefing_window(page, site, ids):
    page.goto(f"{site}/stories/{ids['s1']}")
    page.wait_for_selector(".summary-sentences li")
    assert page.locator(".summary-sentences li").count() >= 1
    assert page.locator(".summary-sentences a.cite").first.get_attribute("href").startswith("/articles/")
    page.goto(f"{site}/articles/{ids['a1']}")
    page.wait_for_selector(".summary-slot .summary-sentences li")
    page.goto(f"{site}/briefing")
    assert page.locator("select[name=since]").input_value() == "24h"
    page.select_option("select[name=since]", "7d")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**since=7d**")
    assert page.locator("select[name=since]").input_value() == "7d"
    assert "Rare-earth" in page.content() or "rare-earth" in page.content()
    page.get_by_role("link", name="← Earlier window").click()
    page.wait_for_url("**now=**")
    assert page.get_by_role("link", name="Later window →").is_visible()
    assert not page.errors, page.errors


def test_search_with_not_and_a_phrase(page, site, ids):
    page.goto(site + "/search")
    page.fill("#q", 'rare NOT "export licences"')
    page.locator("#main").get_by_role("button", name="Search").click()
    page.wait_for_url("**q=rare**")
    expect = pytest.importorskip("playwright.sync_api").expect
    expect(page.locator("ol.results > li")).to_have_count(1)
    assert "stockpile" in page.locator("ol.results").inner_text()
    page.fill("#q", "rare -stockpile")
    page.select_option("#sort", "date")
    page.locator("#main").get_by_role("button", name="Search").click()
    page.wait_for_url("**stockpile**")  # the new results, not the previous page's
    expect(page.locator("ol.results > li")).to_have_count(1)
    assert "licences" in page.locator("ol.results").inner_text()
    page.goto(site + "/search?q=-China")
    assert "Add a word to look for" in page.get_by_role("alert").first.inner_text()
    assert not page.errors, page.errors


OPML = (b'<?xml version="1.0"?><opml version="2.0"><body><outline text="A" xmlUrl="https://a.example/feed.xml"/>'
        b'<outline text="B" xmlUrl="https://b.example/rss"/></body></opml>')


def test_admin_adds_a_feed_and_imports_opml(page, site, store):
    _register(page, site, "editor")
    store.update_user(store.get_user_by_name("editor")["id"], is_admin=True)
    page.goto(site + "/sources")
    add_form = page.locator("form[action='/sources/subscribe']")
    add_form.locator("input[name=url]").fill("https://wire.example/rss.xml")
    add_form.locator("input[name=minutes]").fill("15")
    add_form.get_by_role("button", name="Subscribe").click()
    page.wait_for_url(re.compile(r".*/sources\?msg=.*"))
    assert "Subscribed to https://wire.example/rss.xml" in page.locator("[role=status]").inner_text()
    assert page.locator("#subscriptions table").get_by_text("https://wire.example/rss.xml").count() == 1
    import_form = page.locator("form[action='/sources/import']")
    import_form.locator("input[name=file]").set_input_files(
        files=[{"name": "feeds.opml", "mimeType": "text/xml", "buffer": OPML}])
    import_form.get_by_role("button", name="Import OPML").click()
    page.wait_for_load_state("load")
    assert "Imported 2 new" in page.locator("[role=status]").inner_text()
    assert {s["url"] for s in store.list_subscriptions()} == {
        "https://wire.example/rss.xml", "https://a.example/feed.xml", "https://b.example/rss"}
    page.locator("#subscriptions tr", has_text="b.example").get_by_role("button", name="pause").click()
    page.wait_for_load_state("load")
    assert store.get_subscription("https://b.example/rss")["paused"]
    assert not page.errors, page.errors
