"""Screenshots of the main pages (front, story, article, tag, entity, search) into docs/screenshots/.

    python bench/screenshots.py --db /tmp/web_dev.db

Uses Debian's /usr/bin/chromium through Playwright (never `playwright install`).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

from storyline.store import open_store
from storyline.web.server import background_server, create_app

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def pick_paths(store) -> dict[str, str]:
    """One busy example of each page, chosen from what the store holds."""
    stories = sorted(store.list_stories(limit=50), key=lambda s: (-s["outlet_count"], -s["article_count"]))
    story = stories[0]["id"] if stories else None
    arts = store.list_articles(story_id=story, limit=1) if story else store.list_articles(limit=1)
    tag = store.tag_counts(limit=1)
    ents = store.list_entities(type="PERSON", limit=1) or store.list_entities(limit=1)
    paths = {"front": "/", "search": "/search?q=rare+earth"}
    if story:
        paths["story"] = f"/stories/{story}"
    if arts:
        paths["article"] = f"/articles/{arts[0]['id']}"
    if tag:
        paths["tag"] = f"/tags/{tag[0]['tag']}"
    if ents:
        paths["entity"] = f"/entities/{ents[0]['id']}"
    paths.update({"river": "/stories", "briefing": "/briefing?since=7d", "sources": "/sources"})
    return paths


WAIT_FOR = {"story": ".summary-sentences li", "article": ".summary-slot .summary-sentences li"}  # loaded after the page


def _charts(page, base: str, target: Path) -> None:
    """The briefing's charts (all of them, one image), cut from the full page."""
    page.goto(base + "/briefing?since=7d")
    page.wait_for_load_state("networkidle")
    frame = page.frame_locator("iframe").first if page.locator("iframe").count() else None
    charts = (frame or page).locator("div.chart")
    if charts.count() == 0:
        print("briefing-charts: no charts on /briefing?since=7d")
        return
    boxes = [charts.nth(i).bounding_box() for i in range(charts.count())]
    top, bottom = min(b["y"] for b in boxes), max(b["y"] + b["height"] for b in boxes)
    left, right = min(b["x"] for b in boxes), max(b["x"] + b["width"] for b in boxes)
    page.screenshot(path=str(target), full_page=True,
                    clip={"x": left, "y": top, "width": right - left, "height": bottom - top})
    print(f"briefing-charts -> {target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default="/tmp/web_dev.db")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument(
        "--mobile", action="store_true", help="also a 390 px wide front page (front-mobile.png)"
    )
    parser.add_argument("--only", default="", help="comma-separated page names (front,story,...): only these")
    parser.add_argument("--suffix", default="", help="appended to file names: front-seeds.png")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    store = open_store(args.db)
    with background_server(create_app(store)) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": args.width, "height": 900})
        only = {n for n in args.only.split(",") if n}
        for name, path in pick_paths(store).items():
            if only and name not in only:
                continue
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            if name in WAIT_FOR:
                page.wait_for_selector(WAIT_FOR[name], timeout=30000)
            target = OUT / f"{name}{args.suffix}.png"
            page.screenshot(path=str(target), full_page=False)
            print(f"{name}: {path} -> {target}")
        if not only or "briefing-charts" in only:
            _charts(page, base, OUT / f"briefing-charts{args.suffix}.png")
        if args.mobile:
            page.set_viewport_size({"width": 390, "height": 844})
            page.goto(base + "/")
            page.screenshot(path=str(OUT / "front-mobile.png"))
        browser.close()
    store.close()


if __name__ == "__main__":
    main()
