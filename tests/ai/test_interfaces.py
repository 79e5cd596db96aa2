"""The CLI commands and the web router (JSON API, Ask page, briefing page) over the same functions."""

from __future__ import annotations

import json

from fastapi import FastAPI
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from storyline.cli import app as cli_app
from storyline.config import Settings
from tests.ai.conftest import SAMPLES_NOW


def _client(store) -> TestClient:
    from storyline.api import create_api
    from storyline.web.ai_routes import router
    from storyline.web.render import make_templates

    app = FastAPI()
    app.state.store = store
    app.state.settings = Settings(llm_endpoint="")
    app.state.templates = make_templates()
    app.include_router(router)
    app.mount("/api/v1", create_api(store, Settings(llm_endpoint="")))
    return TestClient(app)


def test_cli_ask_json(seeds_store):
    out = CliRunner().invoke(
        cli_app, ["ask", "When did Cho Hyun meet Iwaya?", "--format", "json", "--db", seeds_store.db]
    )
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert "July 29, 2025" in data["answer"]
    assert data["citations"] and {"article_id", "sentence"} <= set(data["citations"][0])


def test_cli_brief_writes_html(samples_store, tmp_path):
    out = CliRunner().invoke(
        cli_app,
        [
            "brief",
            "--since",
            "7d",
            "--now",
            SAMPLES_NOW,
            "--output",
            str(tmp_path),
            "--no-pdf",
            "--db",
            samples_store.db,
        ],
    )
    assert out.exit_code == 0, out.output
    pages = list(tmp_path.glob("briefing-*.html"))
    assert len(pages) == 1 and "<svg" in pages[0].read_text(encoding="utf-8")


def test_cli_summarize_story(seeds_store):
    story = max(seeds_store.list_stories(limit=50), key=lambda s: s["article_count"])
    out = CliRunner().invoke(
        cli_app, ["summarize", "--story", str(story["id"]), "--format", "json", "--db", seeds_store.db]
    )
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["sentences"] and all(s["article_id"] in data["article_ids"] for s in data["sentences"])


def test_api_ask_get_and_post(seeds_store):
    client = _client(seeds_store)
    got = client.get("/api/v1/ask", params={"q": "Who was Japan's foreign minister in October 2025?"}).json()
    assert "Toshimitsu Motegi" in got["answer"] and got["citations"]
    posted = client.post("/api/v1/ask", json={"question": "When did Cho Hyun meet Iwaya?"}).json()
    assert "July 29, 2025" in posted["answer"]
    assert client.get("/api/v1/ask", params={"q": "When did Cho Hyun meet Iwaya?"}).json()["answer"] == posted["answer"]
    blank = client.get("/api/v1/ask", params={"q": " "})
    assert blank.status_code == 422 and set(blank.json()["error"]) == {"code", "message", "detail"}


def test_ask_page_and_briefing_page(samples_store):
    client = _client(samples_store)
    page = client.get("/ask", params={"q": "Which outlets reported the Foreign Ministry reorganization?"})
    assert page.status_code == 200 and "Sources" in page.text and "/articles/" in page.text
    brief = client.get("/briefing", params={"since": "7d", "now": SAMPLES_NOW})
    assert brief.status_code == 200 and brief.text.count("<svg") == 3
    assert "script-src" not in brief.headers["content-security-policy"]
    assert client.get("/briefing", params={"since": "soon"}).status_code == 422
