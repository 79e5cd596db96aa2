"""Benchmark the stories stage: time per article to assign a story, and memory, with 10k and 100k
(optionally 1M) articles already stored.

Synthetic news-like articles (fixed random seed): a Zipf-distributed general vocabulary plus, per
planted story, its own words and names; stories run 1-3 days and arrive over a year. The stored
articles are loaded with ``StoryIndex.add_existing`` (the rebuild-from-store path, also timed), then
``assign`` is timed on fresh articles. Memory is the growth of the process RSS while building the
index. Also times ``NearDupIndex.add`` and prints B-cubed F1 against the planted stories.

    python bench/bench_stories.py            # 10k and 100k
    python bench/bench_stories.py --max 1000000
    python bench/bench_stories.py --embeddings [--stored N]   # embeddings off vs on, side by side (default 100k)

With ``--embeddings`` the stored and probe articles carry 384-d title+lead vectors (synthetic: a
vector per planted story plus noise, so 100k need not be encoded) and the index runs with
``ClusterParams.with_embeddings()``; the MiniLM encoding cost per article (batches of 64, real
model) and the model's memory are measured apart and added. Writes "## Stories with embeddings".
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
from storyline.stories.cluster import ClusterParams, StoryIndex
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


def _with_vectors(stream, dim: int = 384, seed: int = 11):
    """The stream with a synthetic unit title+lead vector per doc: its story's vector plus noise."""
    rng, base = np.random.default_rng(seed), {}
    for doc, story in stream:
        if story not in base:
            base[story] = rng.standard_normal(dim).astype(np.float32)
        v = base[story] + 0.8 * rng.standard_normal(dim).astype(np.float32)
        doc.embedding = v / np.linalg.norm(v)
        yield doc, story


def bench(stored: int, probe: int = 1000, prune_days: float | None = None, dense: bool = False,
          links: bool = False) -> dict:
    """Load ``stored`` articles, then time ``assign`` on ``probe`` new ones. With ``prune_days``,
    stories older than that are forgotten every 5,000 articles (memory bounded by the window).
    ``dense``: the docs carry embeddings and the index uses them. ``links``: the learned link model
    with average linkage (``ClusterParams.learned()``, the ``story_links`` setting)."""
    synth = Synth()
    gc.collect()
    rss0 = rss_mb()
    index = StoryIndex(ClusterParams.learned() if links else ClusterParams.with_embeddings() if dense else None)
    spent = 0.0  # only the index's own time, not the synthetic generator's
    stream = synth.stream(stored + probe)  # one timeline: the probe articles come after the stored ones
    if dense:
        stream = _with_vectors(stream)
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
        "embeddings": dense,
        "pruned": f"{prune_days:g} d" if prune_days else "no",
        "assign_ms": assign_ms,
        "rebuild_ms": rebuild_ms,
        "index_mb": rss1 - rss0,
        "stories": len(index.stories),
        "merge_pass_s": merge_s,
        "merges": len(changes),
        "probe_b3_f1": score_clusters(pred, gold)["b3_f1"],
        # the dense state itself (RSS growth of a second run in one process is blurred by freed memory)
        "dense_mb": (
            sum(sys.getsizeof(b) for b in index.doc_embs.values())
            + sum(st.dense.nbytes for st in index.stories.values() if st.dense is not None)
        ) / 2**20,
    }


def bench_dedup(n: int = 2000) -> float:
    synth, index = Synth(seed=3), NearDupIndex()
    docs = [d.body for d, _ in synth.stream(n)]
    t0 = time.perf_counter()
    for i, body in enumerate(docs):
        index.add(i, body)
    return n / (time.perf_counter() - t0)


def encode_cost(n: int = 256) -> dict:
    """MiniLM on the title+lead of ``n`` synthetic articles in batches of 64: ms per article, and
    the RSS the loaded model adds."""
    from storyline.stories.embed import embed_docs, load_embedder

    gc.collect()
    rss0 = rss_mb()
    embedder = load_embedder(True)
    rss1 = rss_mb()
    docs = [d for d, _ in Synth(seed=5).stream(n)]
    embed_docs(embedder, docs[:64])  # warm-up
    for d in docs:
        d.embedding = None
    t0 = time.perf_counter()
    embed_docs(embedder, docs)
    return {"encode_ms": (time.perf_counter() - t0) * 1000 / n, "model_mb": rss1 - rss0}


def main_embeddings(write: bool, stored: int = 100_000) -> None:
    rows = []
    for dense in (False, True):  # side by side in one run
        gc.collect()
        r = bench(stored, dense=dense)
        print(r, flush=True)
        rows.append(r)
    enc = encode_cost()
    print(enc, flush=True)
    off, on = rows
    lines = [
        (
            f"`python bench/bench_stories.py --embeddings --stored {stored}` ({time.strftime('%Y-%m-%d')}): "
            f"{stored:,} stored synthetic articles, 1,000 assigned, embeddings off then on in one run (shared 2-core "
            "machine; "
            "compare the ratios, not the absolute times)."
        ),
        "",
        "| embeddings | assign ms/article (index) | index RSS MB | dense vectors MB | stories in memory | B3 F1 vs "
        "planted |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {'on' if r['embeddings'] else 'off'} | {r['assign_ms']:.2f} | {r['index_mb']:.0f} | "
            f"{r['dense_mb']:.1f} | "
            f"{r['stories']:,} | {r['probe_b3_f1']:.3f} |"
        )
    total = on["assign_ms"] + enc["encode_ms"]
    lines += [
        "",
        (
            f"- index cost with embeddings: x{on['assign_ms'] / off['assign_ms']:.2f} per article; memory added: "
            f"{on['dense_mb']:.1f} MB of dense vectors at {stored:,} stored (float16 title+lead vector per article, "
            "float32 sum per story; pruning to the time window bounds both)."
        ),
        (
            f"- MiniLM title+lead encoding (batches of 64, one process): {enc['encode_ms']:.1f} ms/article; "
            f"the loaded model adds {enc['model_mb']:.0f} MB RSS."
        ),
        (
            f"- story assignment per article with embeddings on: {total:.1f} ms (encoding + index) vs "
            f"{off['assign_ms']:.2f} ms off: x{total / off['assign_ms']:.1f}."
        ),
    ]
    if write:
        write_section(lines, title="Stories with embeddings")


def write_section(lines: list[str], path: Path = ROOT / "BENCHMARKS.md", title: str = "Stories") -> None:
    """Replace (or append) the "## <title>" section, leaving the others alone."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    section = f"## {title}\n\n" + "\n".join(lines) + "\n"
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.DOTALL | re.MULTILINE)
    text = pattern.sub(section + "\n", text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--max", type=int, default=100_000, help="largest stored size (10k, 100k, 1M steps)")
    ap.add_argument("--no-write", action="store_true", help="print only; leave BENCHMARKS.md alone")
    ap.add_argument("--embeddings", action="store_true", help="embeddings off vs on, + encoding")
    ap.add_argument("--stored", type=int, default=100_000, help="stored articles for --embeddings/--links")
    ap.add_argument("--links", action="store_true", help="weighted sum vs learned links (print only)")
    args = ap.parse_args()
    if args.links:
        for links in (False, True):
            print({"links": links, **bench(args.stored, links=links)}, flush=True)
        return
    if args.embeddings:
        main_embeddings(not args.no_write, args.stored)
        return
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
