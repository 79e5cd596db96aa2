"""The CLI as a user runs it: ingest with a summary, list, show, search, export, problems."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from tests.pipeline.test_ingest_pipeline import PARAS, write_page

runner = CliRunner(env={"COLUMNS": "250"})


@pytest.fixture
def db(tmp_path):
    write_page(tmp_path / "pages" / "a.html" if (tmp_path / "pages").mkdir() is None else None)
    write_page(tmp_path / "pages" / "b.html", title="Tariff talks stall in Washington",
               paras=["WASHINGTON — Talks on auto tariffs stalled on Thursday, officials said, as both sides "
                      "disputed how much investment Japan had pledged."] + PARAS[1:])
    (tmp_path / "pages" / "junk.html").write_bytes(b"\x00\x01\x02" * 100)
    path = str(tmp_path / "cli.db")
    result = runner.invoke(app, ["ingest", str(tmp_path / "pages"), "--db", path, "--no-enrich",
                                 "--fetched-at", "2025-07-30T18:00:00+09:00"])
    assert result.exit_code == 0, result.output
    assert "Ingest summary" in result.output and "binary: 1" in result.output
    return path


def test_articles_show_search(db):
    out = runner.invoke(app, ["articles", "--db", db, "--json"]).output
    rows = [json.loads(line) for line in out.splitlines()]
    assert {r["title"] for r in rows} == {
        "Japan, South Korea launch minerals dialogue",
        "Tariff talks stall in Washington",
    }
    one = next(r for r in rows if r["title"].startswith("Tariff"))
    shown = runner.invoke(app, ["show", str(one["id"]), "--db", db, "--json"])
    assert json.loads(shown.output)["body"].startswith("Talks on auto tariffs") or "auto tariffs" in shown.output
    res = json.loads(runner.invoke(app, ["search", "tariffs", "--db", db, "--json"]).output)
    assert res["total"] == 1 and "<mark>" in res["hits"][0]["snippet"]
    res = json.loads(
        runner.invoke(
            app,
            [
                "search",
                "ministers",
                "--db",
                db,
                "--json",
                "--outlet",
                "Harbor Ledger",
                "--since",
                "2025-07-01",
                "--until",
                "2025-08-01",
            ],
        ).output
    )
    assert res["total"] == 2
    assert runner.invoke(app, ["show", "999", "--db", db]).exit_code == 1
    assert runner.invoke(app, ["search", "x", "--db", db, "--since", "yesterday-ish"]).exit_code != 0


def test_export_formats(db, tmp_path):
    out = runner.invoke(app, ["export", "--db", db, "--format", "jsonl"]).output
    assert len(out.splitlines()) == 2 and json.loads(out.splitlines()[0])["body"]
    out = runner.invoke(app, ["export", "--db", db, "--format", "csv"]).output
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 2 and json.loads(rows[0]["authors"]) == ["Aiko Tanaka"]
    pq = tmp_path / "a.parquet"
    assert runner.invoke(app, ["export", "--db", db, "--format", "parquet", "--output", str(pq)]).exit_code == 0
    import pyarrow.parquet as pqm

    assert pqm.read_table(pq).num_rows == 2
    assert runner.invoke(app, ["export", "--db", db, "--format", "xml"]).exit_code == 1


def test_problems_and_settings(db):
    rows = [json.loads(line) for line in runner.invoke(app, ["problems", "--db", db, "--json"]).output.splitlines()]
    assert [(r["kind"], r["source"].endswith("junk.html"), r["kept_bytes"]) for r in rows] == [("binary", True, 300)]
    assert "by kind: binary: 1" in runner.invoke(app, ["problems", "--db", db]).output
    assert "per_host_delay" in runner.invoke(app, ["settings"]).output


def test_db_from_environment(db, monkeypatch):
    monkeypatch.setenv("STORYLINE_DB", db)
    out = runner.invoke(app, ["articles", "--json"]).output
    assert len(out.splitlines()) == 2


def test_story_commands_on_the_bundled_samples(tmp_path):
    db = str(tmp_path / "run.db")
    result = runner.invoke(app, ["run", "--no-serve", "--db", db])
    assert result.exit_code == 0, result.output
    assert "errors by kind" in result.output and "none" in result.output
    stories = [
        json.loads(line)
        for line in runner.invoke(app, ["stories", "--db", db, "--json", "--limit", "100"]).output.splitlines()
    ]
    assert stories and all(
        {"id", "title", "articles", "outlets", "events", "first_seen", "updated"} <= set(s) for s in stories
    )
    multi = max(stories, key=lambda s: len(s["articles"]))
    assert len(multi["articles"]) >= 2
    detail = json.loads(runner.invoke(app, ["story", str(multi["id"]), "--db", db, "--json"]).output)
    assert {a["id"] for a in detail["sources"]} | {a["id"] for a in detail["duplicates"]} == set(multi["articles"])
    tl = runner.invoke(app, ["timeline", "--story", str(multi["id"]), "--db", db, "--json"]).output.splitlines()
    whens = [json.loads(line)["when"] for line in tl]
    assert whens == sorted(whens, key=lambda w: (w is None, w or ""))
    assert runner.invoke(app, ["timeline", "--db", db]).exit_code == 1
    out = runner.invoke(app, ["trending", "--db", db, "--window", "3d"]).output
    assert "#" in out
    assert runner.invoke(app, ["related", str(multi["articles"][0]), "--db", db]).exit_code == 0
    assert runner.invoke(app, ["trending", "--db", db, "--window", "soon"]).exit_code != 0


def test_ingest_urls_from_a_local_server(tmp_path):
    import functools
    import http.server
    import threading

    site = tmp_path / "site"
    (site / "private").mkdir(parents=True)
    write_page(site / "a.html")
    write_page(site / "private" / "x.html", title="Hidden")
    (site / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):  # keep the CLI's output clean
            pass

    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    db = str(tmp_path / "u.db")
    try:
        refused = runner.invoke(app, ["ingest", f"{base}/a.html", "--db", db, "--json"])
        assert json.loads(refused.output)["errors"] == {"blocked-address": 1}
        allowed = runner.invoke(
            app,
            ["ingest", f"{base}/a.html", f"{base}/private/x.html", "--db", db, "--json", "--allow-host", "127.0.0.1"],
        )
        summary = json.loads(allowed.output)
        assert summary["articles_new"] == 1 and summary["errors"] == {"robots": 1}
    finally:
        server.shutdown()
    rows = [json.loads(line) for line in runner.invoke(app, ["articles", "--db", db, "--json"]).output.splitlines()]
    assert [r["url"] for r in rows] == [f"{base}/a.html"] and rows[0]["source"] == f"{base}/a.html"
