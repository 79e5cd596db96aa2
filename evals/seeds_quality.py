"""Score quality flags on the seed pages against the hand-made gold (``shared/gold/seeds.json``).

Each seed page goes through the text-dump extractor; each gold article is paired with the
extracted article whose title (else body start) matches it; ``quality.assess`` flags the
extracted body. Per flag we count true/false positives and misses over gold articles, so a
clean real article flagged by mistake costs precision, a missed template costs recall. A gold
article with no extracted partner counts as missing (its gold flags become misses).

``score_seed_quality(seeds_dir, gold_path) -> {"articles": n, "matched": m, "per_flag": {flag: {tp, fp, fn, P, R, F1}},
"exact": share of matched articles whose flag set equals gold, "rows": [...]}``.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from evals.seeds import extract_seed
from storyline.enrich.quality import assess
from storyline.models import Article, normalize_text

FLAGS = ("unfilled_placeholder", "machine_generated_filler", "mostly_chrome", "near_empty")


def _pair(gold_article: dict, extracted: list[Article], used: set[int]) -> Article | None:
    """The extracted article matching a gold one: same title, else the body contains its start."""
    title = normalize_text(gold_article.get("title") or "")
    starts = [normalize_text(gold_article.get(k) or "") for k in ("starts", "alt_starts")]
    for i, art in enumerate(extracted):
        if i not in used and title and normalize_text(art.title or "") == title:
            used.add(i)
            return art
    for i, art in enumerate(extracted):
        body = normalize_text(art.body)
        if i not in used and any(s and s in body for s in starts):
            used.add(i)
            return art
    return None


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"tp": tp, "fp": fp, "fn": fn, "P": round(p, 3), "R": round(r, 3),
            "F1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def score_seed_quality(seeds_dir: str | Path, gold_path: str | Path) -> dict:
    """Compare ``quality.assess`` flags on extracted seed articles with the gold ``quality_flags``."""
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    counts = {flag: [0, 0, 0] for flag in FLAGS}
    rows, matched, exact = [], 0, 0
    for name, page in gold["pages"].items():
        path = Path(seeds_dir) / name
        result = extract_seed(path, datetime.now(UTC))
        used: set[int] = set()
        for g in page["articles"]:
            want = set(g.get("quality_flags", []))
            art = _pair(g, result.articles, used)
            got: set[str] = set()
            evidence: dict[str, str] = {}
            if art is not None:
                matched += 1
                flags, evidence = assess(art)
                got = set(flags)
                exact += got == want
            for flag in FLAGS:
                c = counts[flag]
                c[0] += flag in got and flag in want
                c[1] += flag in got and flag not in want
                c[2] += flag in want and flag not in got
            rows.append({"page": name, "title": g.get("title"), "matched": art is not None,
                         "gold": sorted(want), "ours": sorted(got), "evidence": evidence})
    return {
        "articles": len(rows),
        "matched": matched,
        "exact": round(exact / matched, 3) if matched else 0.0,
        "per_flag": {flag: _prf(*c) for flag, c in counts.items()},
        "rows": rows,
    }
