"""Layout-diverse evaluation: generated pages in many layout families, split BY FAMILY.

:mod:`evals.layouts_check` holds the check families (written first, never tuned on; texts from
the WCXB DEV check fold), :mod:`evals.layouts_tune` the tune families (tune-fold texts). Every
page goes through the production entry point :func:`storyline.extract.extract_page` (a text dump
as ``kind="text"``, HTML as ``kind="html"``). Per split:

* articles exact: a gold article matched by an extracted one whose body starts with the gold
  body's first words, ends with its last words, and whose title is the gold title;
* chrome lines: gold furniture lines (comments, reviews, teasers, embeds, paywall and cookie
  notes, breadcrumbs) found in any body;
* extra articles: extracted articles that match no gold article, per gold article.
"""

from __future__ import annotations

import random
import re
import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from evals.folds import CHECK, TUNE
from evals.layout_kit import Page, TextSource
from evals.layouts_check import FAMILIES as CHECK_FAMILIES
from evals.layouts_tune import FAMILIES as TUNE_FAMILIES
from storyline.extract import extract_page
from storyline.models import FetchedPage

PAGES_PER_FAMILY = 12
FETCHED_AT = datetime(2025, 12, 1, tzinfo=UTC)


def norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


def generate(shared: Path, split: str, per_family: int = PAGES_PER_FAMILY) -> list[Page]:
    """The pages of one split, deterministic (seeded by family name and page number)."""
    families = CHECK_FAMILIES if split == CHECK else TUNE_FAMILIES
    texts = TextSource(shared, split)
    pages = []
    for name, make in families.items():
        for i in range(per_family):
            page = make(random.Random(f"{name}:{i}"), texts)
            page.family, page.split = name, split
            pages.append(page)
    return pages


def extract(page: Page, number: int):
    suffix = "txt" if page.kind == "text" else "html"
    fetched = FetchedPage(source=f"layouts/{page.family}/{number}.{suffix}", content=page.content.encode("utf-8"),
                          fetched_at=FETCHED_AT, kind=page.kind)
    return extract_page(fetched)


def _body_lines(body: str) -> set[str]:
    return {norm(line) for line in re.split(r"\n+", body or "") if line.strip()}


def score_page(page: Page, result) -> dict[str, int]:
    got = list(result.articles)
    used: set[int] = set()
    exact = found = 0
    for want in page.gold.articles:
        start, end = norm(want["starts"])[:60], norm(want["ends"])[-60:]
        for j, art in enumerate(got):
            body = norm(art.body)
            if j in used or not (body.startswith(start) and body.endswith(end)):
                continue
            used.add(j)
            found += 1
            exact += norm(art.title) == norm(want["title"])
            break
    leaks = 0
    bodies = [a.body or "" for a in got]
    lines = set().union(*(_body_lines(b) for b in bodies)) if bodies else set()
    joined = norm(" ".join(bodies))
    for chrome in page.gold.chrome:
        c = norm(chrome)
        leaks += c in lines or (len(c.split()) >= 8 and c in joined)
    return {"gold": len(page.gold.articles), "exact": exact, "found": found, "extra": len(got) - len(used),
            "chrome": leaks}


def eval_layouts(shared: Path, per_family: int = PAGES_PER_FAMILY, splits=(TUNE, CHECK)) -> dict[str, Any]:
    """``{split: {"families": {name: counts}, "total": counts}}``."""
    report: dict[str, Any] = {}
    for split in splits:
        families: dict[str, dict[str, int]] = {}
        for n, page in enumerate(generate(shared, split, per_family)):
            counts = score_page(page, extract(page, n))
            fam = families.setdefault(page.family, {"pages": 0, "gold": 0, "exact": 0, "found": 0, "extra": 0,
                                                    "chrome": 0})
            fam["pages"] += 1
            for k, v in counts.items():
                fam[k] += v
        total = {
            k: sum(f[k] for f in families.values()) for k in ("pages", "gold", "exact", "found", "extra", "chrome")
        }
        report[split] = {"families": families, "total": total}
    return report


def rates(counts: dict[str, int]) -> dict[str, float]:
    gold = max(counts["gold"], 1)
    return {"exact": counts["exact"] / gold, "extra": counts["extra"] / gold, "chrome": counts["chrome"]}


def write_pages(shared: Path, out: Path, per_family: int = 3) -> int:
    """Write generated pages (``.html`` / ``.txt``) and their gold (``gold.json``) to ``out``."""
    import json

    out.mkdir(parents=True, exist_ok=True)
    gold = {}
    n = 0
    for split in (TUNE, CHECK):
        for i, page in enumerate(generate(shared, split, per_family)):
            name = f"{split}-{page.family}-{i}.{'txt' if page.kind == 'text' else 'html'}"
            (out / name).write_text(page.content, encoding="utf-8")
            gold[name] = {
                "family": page.family,
                "split": split,
                "articles": page.gold.articles,
                "chrome": page.gold.chrome,
                "links": page.gold.links,
            }
            n += 1
    (out / "gold.json").write_text(json.dumps(gold, indent=1, ensure_ascii=False), encoding="utf-8")
    return n
