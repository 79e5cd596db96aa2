"""Scoring our extraction of the sample pages against the hand-made seeds gold.

``score_seed_extraction(seeds_dir, gold_path)`` extracts every page the gold names (plain-text
dumps go through the production entry point :func:`storyline.extract.extract_page`), matches our articles to
the gold ones by order and title/lead similarity, and checks every field the gold states:
article count, title (a gold ``null`` title is matched by any inferred title), outlet,
relative age, published time, wire, authors, dateline, subtitle, category, facts table, body
start (or ``alt_starts`` with the photo caption split off) and end, no chrome line inside a
body, and headline-only items kept as links. Ages are compared as text, so the fetch time only
matters for resolving them (the file's mtime unless given).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from storyline.extract import extract_page
from storyline.models import Article, ExtractResult, FetchedPage, normalize_text


def _n(text: str | None) -> str:
    return normalize_text(text or "").strip(" .")


def _similar(a: str | None, b: str | None) -> float:
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, _n(a), _n(b)).ratio()


def extract_seed(path: Path, fetched_at: datetime | None) -> ExtractResult:
    """One seed dump through the production entry point :func:`storyline.extract.extract_page`."""
    when = fetched_at or datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    return extract_page(FetchedPage(source=str(path), content=path.read_bytes(), fetched_at=when, kind="text"))


def _match(gold: list[dict], ours: list[Article]) -> list[Article | None]:
    """For each gold article, our article that best matches it (order breaks ties)."""
    taken: set[int] = set()
    matches: list[Article | None] = []
    for g in gold:
        best, best_score = None, 0.55
        for j, a in enumerate(ours):
            if j in taken:
                continue
            title = (
                _similar(g.get("title"), a.title) if g.get("title") else (0.6 if a.title_inferred else 0.0)
            )
            lead = max(
                _similar(s, a.body[: len(s or "") + 20]) for s in (g.get("starts"), g.get("alt_starts"))
            )
            score = max(title, lead) - 0.01 * abs(j - len(matches))
            if score > best_score:
                best, best_score = j, score
        if best is not None:
            taken.add(best)
        matches.append(ours[best] if best is not None else None)
    return matches


def _published_ok(gold: str | None, ours: Article) -> bool:
    if gold is None:
        return ours.published is None or ours.extra.get("published_precision") == "relative"
    if ours.published is None:
        return False
    if len(gold) == 10:  # a date only
        return ours.published.date().isoformat() == gold
    return ours.published == datetime.fromisoformat(gold)


def _checks(g: dict, a: Article) -> dict[str, bool]:
    """Field name -> passed, for every field the gold article states."""
    body = _n(a.body)
    starts = [s for s in (g.get("starts"), g.get("alt_starts")) if s]
    started = next((s for s in starts if body.startswith(_n(s))), None)
    out: dict[str, bool] = {"starts": started is not None}
    if "title" in g:
        out["title"] = (
            a.title_inferred
            if g["title"] is None
            else (not a.title_inferred and _similar(g["title"], a.title) >= 0.9)
        )
    for key, value in (
        ("outlet", a.outlet),
        ("relative", a.relative_age),
        ("wire", a.wire),
        ("dateline", a.dateline),
        ("subtitle", a.subtitle),
    ):
        gkey = key
        if gkey in g:
            out[key] = _n(g[gkey]) == _n(value) if g[gkey] is not None else value is None
    if "published" in g:
        out["published"] = _published_ok(g["published"], a)
    if "authors" in g:
        out["authors"] = sorted(map(_n, g["authors"])) == sorted(map(_n, a.authors))
    if "category" in g:
        out["category"] = _n(g["category"]) in map(_n, a.categories)
    if "facts_table" in g:
        ours = [[_n(c) for c in row] for row in a.extra.get("facts_table", [])]
        out["facts_table"] = ours == [[_n(c) for c in row] for row in g["facts_table"]]
    if "ends" in g:
        out["ends"] = body.endswith(_n(g["ends"]))
    if g.get("photo_caption") and started and g.get("alt_starts") == started:
        out["photo_caption"] = _n(a.photo_caption) == _n(g["photo_caption"])
    return out


def _score_page(name: str, page: dict, result: Any, totals: dict, failures: list) -> None:
    def record(field: str, ok: bool, detail: str) -> None:
        passed, total = totals.setdefault(field, [0, 0])
        totals[field] = [passed + ok, total + 1]
        if not ok:
            failures.append(f"{name} {detail}: {field}")

    gold = page.get("articles", [])
    ours = result.articles
    record("article_count", len(ours) == len(gold), f"found {len(ours)} articles, gold {len(gold)}")
    for i, (g, a) in enumerate(zip(gold, _match(gold, ours))):
        record("found", a is not None, f"#{i} {g.get('title') or g.get('starts')!r}")
        if a is None:
            continue
        for field, ok in _checks(g, a).items():
            value = {
                "relative": a.relative_age,
                "published": a.published,
                "starts": a.body[:60],
                "ends": a.body[-60:],
            }.get(field, getattr(a, field, None) if hasattr(a, field) else a.extra.get(field))
            record(field, ok, f"#{i} (ours: {value!r})")
    bodies = [_n(a.body) for a in ours]
    for line in page.get("chrome", []):
        record("no_chrome_in_body", not any(_n(line) in b for b in bodies), f"chrome {line!r} inside a body")
    titles = {_n(link.title) for link in result.links}
    for link in page.get("headline_links", []):
        record("headline_links", _n(link) in titles, f"link {link[:50]!r} not captured")


def score_seed_extraction(
    seeds_dir: str | Path, gold_path: str | Path, fetched_at: datetime | None = None
) -> dict:
    """Totals, per-field figures and named failures of our extraction against the seeds gold."""
    seeds_dir, gold = Path(seeds_dir), json.loads(Path(gold_path).read_text(encoding="utf-8"))
    totals: dict[str, list[int]] = {}
    failures: list[str] = []
    articles_found = 0
    for name, page in gold.get("pages", {}).items():
        path = seeds_dir / name
        if not path.is_file():
            failures.append(f"{name}: page missing from {seeds_dir}")
            continue
        try:
            result = extract_seed(path, fetched_at)
        except Exception as exc:  # noqa: BLE001 - a crash on one page is a scored failure, not the end
            failures.append(f"{name}: extraction crashed: {exc!r}")
            result = ExtractResult(outcome="crash", message=str(exc))
        articles_found += len(result.articles)
        _score_page(name, page, result, totals, failures)
    passed = sum(p for p, _ in totals.values())
    checks = sum(t for _, t in totals.values())
    expected = sum(len(p.get("articles", [])) for p in gold.get("pages", {}).values())
    return {
        "pages": len(gold.get("pages", {})),
        "articles_expected": expected,
        "articles_found": articles_found,
        "passed": passed,
        "checks": checks,
        "score": passed / checks if checks else 0.0,
        "per_field": totals,
        "failures": failures,
    }


def format_seed_report(result: dict) -> str:
    """A short plain-text report: the score, per-field figures, then each failure."""
    head = (
        f"seeds extraction: {result['passed']}/{result['checks']} checks passed ({result['score']:.1%}); "
        f"articles {result['articles_found']} found / {result['articles_expected']} in gold"
    )
    lines = [head]
    for field, (passed, total) in sorted(result["per_field"].items()):
        lines.append(f"  {field:<18} {passed}/{total}")
    if result["failures"]:
        lines.append("failures:")
        lines.extend(f"  - {f}" for f in result["failures"])
    return "\n".join(lines)


if __name__ == "__main__":  # python -m evals.seeds [SEEDS_DIR GOLD_JSON]
    import sys

    from evals.paths import default_shared_dir

    shared = default_shared_dir()
    args = sys.argv[1:] or [str(shared / "seeds"), str(shared / "gold" / "seeds.json")]
    print(format_seed_report(score_seed_extraction(args[0], args[1])))
