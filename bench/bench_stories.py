"""Benchmark the stories stage: time per article to assign a story, and memory, with 10k and 100k
(optionally 1M) articles already stored.

Synthetic news-like articles (fixed random seed): a Zipf-distributed general vocabulary plus, per
planted story, its own words and names; stories run 1-3 days and arrive over a year. The stored
articles are loaded with ``StoryIndex.add_existing`` (the rebuild-from-store path, also timed), then
``assign`` is timed on fresh articles. Memory is the growth of the process RSS while building the
index. Also times ``NearDupIndex.add`` and prints B-cubed F1 against the planted stories.

    python bench/bench_stories.py            # 10k and 100k
    python bench/bench_stories.py --max 1000000
"""

from __future__ import annotations

import argparse
import gc
import re
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from evals.clusters import score_clusters
from storyline.stories.cluster import StoryIndex
from storyline.stories.dedup import NearDupIndex
from storyline.stories.doc import StoryDoc

START = datetime(2025, 1, 1, tzinfo=UTC)


def _word(i: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    s = ""
    i += 26 * 26
    while i:
        i, r = divmod(i, 26)
        s += letters[r]
    return s


class Synth:
    """Stream of synthetic articles with planted story labels (deterministic).

    Each story belongs to one of ``topics`` kinds (think "earthquake", "summit") and takes most
    of its own words from that kind's pool, so stories of one kind that run at the same time
    look alike, as in ECB+; only their names and a few words of their own tell them apart.
    """

    def __init__(self, seed: int = 7, vocab: int = 30_000, days: int = 365, topics: int = 20):
        self.rng = np.random.default_rng(seed)
        self.vocab = [_word(i) for i in range(vocab)]
        ranks = np.arange(1, vocab + 1)
        self.p = 1.0 / ranks**1.05
        self.p /= self.p.sum()
        self.days = days
        self.topics = [self.rng.choice(vocab, 40, replace=False, p=self.p) for _ in range(topics)]

    def stream(self, n: int):
        rng, made, aid = self.rng, 0, 0
        per_day = max(1.0, n / self.days)
        story = 0
        while made < n:
            size = int(min(20, rng.geometric(0.35)))
            kind = self.topics[int(rng.integers(len(self.topics)))]
            own = rng.choice(len(self.vocab), 8, replace=False, p=self.p)
            words = np.concatenate([rng.choice(kind, 17, replace=False), own])
            names = [_word(len(self.vocab) + int(x)).capitalize() for x in rng.integers(0, 10**6, 3)]
            start = START + timedelta(days=made / per_day)
            for _ in range(min(size, n - made)):
                yield self._doc(aid, story, words, names, start + timedelta(hours=float(rng.uniform(0, 48))))
                aid, made = aid + 1, made + 1
            story += 1

    def _doc(self, aid, story, words, names, when):
        rng = self.rng
        general = rng.choice(len(self.vocab), 140, p=self.p)
        own = rng.choice(words, 60)
        toks = [self.vocab[i] for i in np.concatenate([general, own])]
        rng.shuffle(toks)
        toks[::9] = [names[j % 3] for j in range(len(toks[::9]))]
        title = " ".join([names[0]] + [self.vocab[i] for i in rng.choice(words, 6)])
        body = ". ".join(" ".join(toks[i : i + 20]).capitalize() for i in range(0, len(toks), 20)) + "."
        return StoryDoc(aid, title, body, None, when, when), story


def rss_mb() -> float:
    text = Path("/proc/self/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", text).group(1)) / 1024


def bench(stored: int, probe: int = 1000, prune_days: float | None = None) -> dict:
    """Load ``stored`` articles, then time ``assign`` on ``probe`` new ones. With ``prune_days``,
    stories older than that are forgotten every 5,000 articles (memory bounded by the window)."""
    synth = Synth()
    gc.collect()
    rss0 = rss_mb()
    index = StoryIndex()
    spent = 0.0  # only the index's own time, not the synthetic generator's
    stream = synth.stream(stored + probe)  # one timeline: the probe articles come after the stored ones
    for _, (doc, story) in zip(range(stored), stream):
        t0 = time.perf_counter()
        index.add_existing(doc, story + 1)
        if prune_days and doc.article_id % 5000 == 4999:
            index.prune(doc.published - timedelta(days=prune_days))
        spent += time.perf_counter() - t0
    rebuild_ms = spent * 1000 / stored
    rss1 = rss_mb()
    gold, pred, spent = {}, {}, 0.0
    for doc, story in stream:
        t0 = time.perf_counter()
        pred[doc.article_id], _ = index.assign(doc)
        spent += time.perf_counter() - t0
        gold[doc.article_id] = story
    assign_ms = spent * 1000 / probe
    t0 = time.perf_counter()
    changes = index.merge_pass()
    merge_s = time.perf_counter() - t0
    return {
        "stored": stored,
        "pruned": f"{prune_days:g} d" if prune_days else "no",
        "assign_ms": assign_ms,
        "rebuild_ms": rebuild_ms,
        "index_mb": rss1 - rss0,
        "stories": len(index.stories),
        "merge_pass_s": merge_s,
        "merges": len(changes),
        "probe_b3_f1": score_clusters(pred, gold)["b3_f1"],
    }


def bench_dedup(n: int = 2000) -> float:
    synth, index = Synth(seed=3), NearDupIndex()
    docs = [d.body for d, _ in synth.stream(n)]
    t0 = time.perf_counter()
    for i, body in enumerate(docs):
        index.add(i, body)
    return n / (time.perf_counter() - t0)


def write_section(lines: list[str], path: Path = ROOT / "BENCHMARKS.md") -> None:
    """Replace (or append) the "## Stories" section, leaving the others alone."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    section = "## Stories\n\n" + "\n".join(lines) + "\n"
    pattern = re.compile(r"^## Stories\n.*?(?=^## |\Z)", re.DOTALL | re.MULTILINE)
    text = pattern.sub(section + "\n", text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--max", type=int, default=100_000, help="largest stored size (10k, 100k, 1M steps)")
    ap.add_argument("--no-write", action="store_true", help="print only; leave BENCHMARKS.md alone")
    args = ap.parse_args()
    sizes = [s for s in (10_000, 100_000, 1_000_000) if s <= args.max]
    rows = []
    runs = [(size, None) for size in sizes] + [(sizes[-1], 30.0)]
    for size, prune_days in runs:
        gc.collect()
        r = bench(size, prune_days=prune_days)
        print(r, flush=True)
        rows.append(r)
    dedup_rate = bench_dedup()
    print(f"NearDupIndex.add: {dedup_rate:.0f} docs/s")
    lines = [
        (
            f"`python bench/bench_stories.py` ({time.strftime('%Y-%m-%d')}, synthetic 200-word "
            "articles, seed 7; "
            "shared 2-core machine, expect 20-40 % noise)."
        ),
        "",
        (
            "| stored articles | pruned to window | assign ms/article | rebuild (add_existing) ms/article | "
            "index RSS MB | stories in memory | merge_pass s | B3 F1 vs planted |"
        ),
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['stored']:,} | {r['pruned']} | {r['assign_ms']:.2f} | {r['rebuild_ms']:.2f} | "
            f"{r['index_mb']:.0f} | {r['stories']:,} | {r['merge_pass_s']:.2f} | {r['probe_b3_f1']:.3f} |"
        )
    lines += [
        "",
        f"NearDupIndex.add (MinHash 128 perm, 5-word shingles, numpy): {dedup_rate:.0f} docs/s.",
        "",
        (
            "Memory is the process RSS growth while loading the index. The B3 column is a sanity check on "
            "easy synthetic stories; clustering quality is measured on ECB+ (`storyline eval clusters`)."
        ),
    ]
    if not args.no_write:
        write_section(lines)


if __name__ == "__main__":
    main()
