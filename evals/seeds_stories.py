"""Story clustering on the seed pages, through the real pipeline, against gold/seeds.json.

The seeds are ingested into a temporary store exactly as a user would ingest them (extract,
enrich, duplicates, incremental story assignment). Gold article ids are ``<page prefix>#<index>``
("000#1" = second article of the page whose file name starts with 000); our articles map to them
by source file and position on the page. Must show: exactly the gold's multi-article stories,
every other article on its own.
"""

from __future__ import annotations

import json
import tempfile
from datetime import datetime
from pathlib import Path

from storyline.config import Settings
from storyline.pipeline import Pipeline
from storyline.store import open_store


def score_seed_stories(seeds_dir: str | Path, gold_path: str | Path, fetched_at: datetime | None = None) -> dict:
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "seeds.db"))
        Pipeline(store, Settings()).ingest([str(seeds_dir)], fetched_at=fetched_at)
        ours: dict[str, int] = {}
        for row in store.iter_articles():
            ours[f"{Path(row['source']).name[:3]}#{row['position']}"] = row["story_id"]
        store.close()
    gold_groups = [sorted(s["members"]) for s in gold["stories"]]
    in_gold_story = {m for g in gold_groups for m in g}
    by_story: dict[int, list[str]] = {}
    for art, sid in ours.items():
        by_story.setdefault(sid, []).append(art)
    our_groups = sorted(sorted(m) for m in by_story.values() if len(m) > 1)
    found = [g for g in gold_groups if g in our_groups]
    extra = [g for g in our_groups if g not in gold_groups]
    singles_ok = sum(1 for art, sid in ours.items() if art not in in_gold_story and len(by_story[sid]) == 1)
    singles_total = sum(1 for art in ours if art not in in_gold_story)
    return {
        "gold_stories": gold_groups, "our_multi_article_stories": our_groups, "found": len(found),
        "total": len(gold_groups), "extra_groups": extra, "singletons_ok": singles_ok,
        "singletons_total": singles_total, "articles": len(ours),
        "exact": len(found) == len(gold_groups) and not extra,
    }


def format_story_report(result: dict) -> str:
    lines = [f"stories: {result['found']}/{result['total']} gold multi-article stories found exactly; "
             f"{result['singletons_ok']}/{result['singletons_total']} other articles on their own; "
             f"{'EXACT' if result['exact'] else 'not exact'}"]
    for group in result["our_multi_article_stories"]:
        mark = "ok " if group in result["gold_stories"] else "XX "
        lines.append(f"  {mark}{', '.join(group)}")
    for group in result["gold_stories"]:
        if group not in result["our_multi_article_stories"]:
            lines.append(f"  missed {', '.join(group)}")
    return "\n".join(lines)
