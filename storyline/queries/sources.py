"""Outlets with counts, and the ingest status page (runs, problems by kind)."""

from __future__ import annotations


def sources_page(store) -> dict:
    return {"outlets": store.outlets(), "total_articles": store.count_articles()}


def status_page(store) -> dict:
    return {
        "runs": store.list_runs(limit=20),
        "problems_by_kind": sorted(store.count_problems_by_kind().items(), key=lambda kv: -kv[1]),
        "problems": store.list_problems(limit=30),
        "articles": store.count_articles(),
        "stories": store.count_stories(),
    }
