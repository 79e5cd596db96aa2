"""Latency of the AI layer on the bundled sample corpus: answers (``ask``) and story summaries.

The sample corpus (``storyline/data/samples``, fictional, Nov 2026) is ingested into a fresh SQLite
store (feed entries read from the feed itself, no network). Each question is asked ``--rounds``
times and each story with two or more articles is summarised as often; p50/p95 are over all
calls. The first call of the process (model-free, but sklearn/FTS warm-up and the LSA index fit)
is reported separately as "cold". Writes an "## AI" section into BENCHMARKS.md.

    python bench/bench_ai.py
    python bench/bench_ai.py --rounds 5
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.report import write_section
from storyline.ai import ask, build_briefing, render_html, summarize_story
from storyline.config import Settings
from storyline.pipeline import Pipeline
from storyline.store import open_store

QUESTIONS = [
    "Who is Japan's foreign minister?",
    "Who is South Korea's defense minister?",
    "When did Aoyagi Kenta meet Han Ji-won?",
    "Which outlets reported China's rare-earth export licences?",
    "Which outlets reported the Foreign Ministry reorganization?",
    "What tariff will the U.S. apply to Japanese auto parts?",
    "How much will Japan spend to subsidize advanced chip packaging?",
    "What did Japan and the EU agree on quantum technology?",
    "Why is South Korea consulting Japan and the U.S.?",
    "What are the new space security guidelines about?",
]
NOW = datetime.fromisoformat("2026-11-23T06:00:00+00:00")


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def timed(fn, *args, **kw) -> tuple[float, object]:
    t = time.perf_counter()
    out = fn(*args, **kw)
    return (time.perf_counter() - t) * 1000, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "bench_ai.db"))
        Pipeline(store, Settings(fetch_feed_entries=False)).ingest([str(ROOT / "storyline" / "data" / "samples")])
        settings = Settings(llm_endpoint="")
        cold, _ = timed(ask, store, QUESTIONS[-1], settings=settings)  # retrieval: fits the LSA index
        answers, kinds, cited = [], {}, 0
        for _ in range(args.rounds):
            for q in QUESTIONS:
                ms, res = timed(ask, store, q, settings=settings)
                answers.append(ms)
                kinds[q] = res["mode"] + "/" + res["kind"]
                cited += bool(res["citations"])
        stories = [s["id"] for s in store.list_stories(limit=200) if s["article_count"] >= 2]
        summaries = [timed(summarize_story, store, sid)[0] for _ in range(args.rounds) for sid in stories]
        brief_ms, b = timed(build_briefing, store, since=NOW - timedelta(days=7), now=NOW)
        html_ms, _ = timed(render_html, b)
        n_articles = store.count_articles()
        store.close()
    lines = [
        (
            f"Sample corpus: {n_articles} articles, {len(stories)} multi-article stories; {len(QUESTIONS)} questions x "
            f"{args.rounds} rounds; offline (extractive, TF-IDF+LSA dense part, no model). `python bench/bench_ai.py`"
        ),
        "",
        "| operation | calls | p50 ms | p95 ms |",
        "|---|---:|---:|---:|",
        f"| ask (answer + citations) | {len(answers)} | {statistics.median(answers):.1f} | {pct(answers, 0.95):.1f} |",
        f"| story summary | {len(summaries)} | {statistics.median(summaries):.1f} | {pct(summaries, 0.95):.1f} |",
        f"| briefing data (7 days, 3 charts) | 1 | {brief_ms:.0f} | — |",
        f"| briefing HTML render | 1 | {html_ms:.0f} | — |",
        "",
        (
            f"Cold first retrieval question (LSA index fit, sklearn imports): {cold:.0f} ms. Answers with at least one "
            "citation: "
            f"{cited}/{len(answers)}."
        ),
        "",
        "| question | answered from |",
        "|---|---|",
        *[f"| {q} | {kinds[q]} |" for q in QUESTIONS],
    ]
    body = "\n".join(lines)
    print(body)
    write_section("AI", body)


if __name__ == "__main__":
    main()
