"""Benchmark Japanese enrichment against English, side by side in one run: parse speed of GiNZA
(``ja_ginza``) vs the English spaCy pipeline, and ``enrich_many`` per article, on the bilingual
gold's texts (evals/data/bilingual/gold.jsonl: the same happenings in both languages). Also the
one-time load of each pipeline and the disk size the Japanese packages add to the environment.

    python bench/bench_japanese.py            # writes the "Japanese" section of BENCHMARKS.md
"""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.report import write_section
from evals.bilingual import read_gold
from storyline.enrich import enrich_many
from storyline.enrich.ja_pipeline import get_ja_nlp
from storyline.enrich.nlp import get_nlp
from storyline.models import Article

JA_PACKAGES = ("ja_ginza", "ginza", "sudachipy", "sudachidict_core", "pykakasi", "jaconv", "plac", "deprecated")


def _dir_mb(name: str) -> float:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.origin:
        return 0.0
    base = Path(spec.origin).parent if spec.origin.endswith("__init__.py") else Path(spec.origin)
    files = base.rglob("*") if base.is_dir() else [base]
    return sum(f.stat().st_size for f in files if f.is_file()) / 1e6


def _timed(fn, *args):
    start = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - start


def _parse_all(nlp, texts: list[str]) -> list:
    return list(nlp.pipe(texts, batch_size=16))


def main() -> None:
    gold = read_gold()
    ja = [r for r in gold if r["language"] == "ja"]
    en = [r for r in gold if r["language"] == "en"]
    _, en_load = _timed(get_nlp)
    _, ja_load = _timed(get_ja_nlp)
    rounds = 3
    rows = []
    for lang, recs, nlp in (("ja", ja, get_ja_nlp()), ("en", en, get_nlp())):
        texts = [r["body"] for r in recs]
        chars = sum(len(t) for t in texts)
        list(nlp.pipe(texts[:4]))  # warm
        best = min(_timed(_parse_all, nlp, texts)[1] for _ in range(rounds))
        arts = [Article(body=r["body"], source=r["id"], title=r["title"], language=lang) for r in recs]
        enrich = min(_timed(enrich_many, arts)[1] for _ in range(rounds))
        rows.append((lang, len(texts), chars, best, enrich))
    (_, n_ja, c_ja, p_ja, e_ja), (_, n_en, c_en, p_en, e_en) = rows
    size = {p: _dir_mb(p) for p in JA_PACKAGES}

    def row(name, n, chars, parse, enrich, load):
        return (f"| {name} | {n} | {chars:,} | {1000 * parse / n:.1f} | {chars / parse:,.0f} | "
                f"{1000 * enrich / n:.1f} | {load:.1f} |")

    parse_ratio, enrich_ratio = p_ja / n_ja / (p_en / n_en), e_ja / n_ja / (e_en / n_en)
    body = f"""`python bench/bench_japanese.py`: the bilingual gold's {n_ja} Japanese and {n_en} English texts (the
same happenings in both languages), best of {rounds} runs, one process, measured side by side.

| | articles | characters | parse (nlp.pipe) ms/article | parse chars/s | enrich_many ms/article | pipeline load s |
|---|---|---|---|---|---|---|
{row("Japanese (GiNZA `ja_ginza`)", n_ja, c_ja, p_ja, e_ja, ja_load)}
{row(f"English (`{get_nlp().meta.get('name', 'en')}`)", n_en, c_en, p_en, e_en, en_load)}

Ratio Japanese / English per article: parse {parse_ratio:.2f}x, enrich {enrich_ratio:.2f}x.
The Japanese pipeline is loaded only when a Japanese article comes.

Install size added by the Japanese packages (`ja-ginza` and its dependencies, `pykakasi`): {sum(size.values()):.0f} MB
({", ".join(f"{k} {v:.0f}" for k, v in size.items() if v >= 1)} MB); the SudachiPy core dictionary is most of it.
"""
    write_section("Japanese", body)
    print(body)


if __name__ == "__main__":
    main()
