"""A learned trim of the body's own lines on WCXB: fitted on tune, reported on check.

``python -m evals.wcxb_trim [--check]`` takes the rows of :mod:`evals.wcxb_blocks` (same
cache), gives every page the body the first decision gives (:func:`storyline.extract.body_blocks.refine`
with the shipped thresholds; on tune with out-of-fold probabilities of trees fitted with the same
site-grouped folds, so the second step learns from bodies like those it meets on unseen sites), and
turns each line that body holds into a row of :func:`evals.wcxb_trim_rows.trim_rows`. A line's label is
:func:`aligned_labels` (the gold holds it at its place). Trees
(``fit_trees``) are fitted on the tune lines with site-grouped 5-fold cross-validation; the drop
threshold is chosen on the out-of-fold probabilities. The score is the judge's: word F1 of the body
as the article keeps it (:func:`storyline.extract.html_article.build_article`'s lead and credit
splits applied). Printed: tune first while choosing (oracle trim = drop exactly the non-gold lines;
errors by kind), then, with ``--check``, the check fold once with trees refitted on all tune lines.

Measured 2026-12-06, not shipped. Tune (356 article pages, 35,410 body lines after the first
decision, 6,604 not gold): body F1 0.9507; an oracle trim of exactly the non-gold lines 0.9749
(+0.024), of the non-gold runs at the body's ends only 0.9627 (+0.012). Non-gold body words (by
the first labels) are mostly long lines between the body's first and last gold line (18k of 48k
words; three fifths of the oracle's gain is on 15 pages whose body is mostly another part of the
page), then lines above and below the story (bylines, captions, newsletter and share prompts,
author bios; about 8k each).
The trees: out-of-fold line AUC 0.67 with the labels of ``evals.wcxb_blocks`` (a short line such
as "Share" counts as gold whenever its words stand anywhere in the gold text), 0.80 with
:func:`aligned_labels` (the first decision's probability alone, first labels: 0.73). Best on tune out of fold:
drop paragraphs below 0.35 anywhere, 0.9507 -> 0.9521 (+0.0014; at the first/last 3 paragraphs
only +0.0012, first/last 1 +0.0008). What it drops (tune, out of fold, non-gold words by the
aligned labels): short lines above the story 70% of 3.5k words, below it 52% of 3.0k, share prompts
below it 48%, author bios 33%, short lines inside the story 18% of 9.1k; long lines hardly (below
the story 10% of 14.8k, inside it 1% of 14.5k, above it 5% of 4.6k), captions 4-13%; gold words
dropped: under 0.5% of 650k. CHECK, reported once (354 pages): 0.9438 -> 0.9441 (+0.0002;
oracle 0.9577), for about 6 ms/page of CPU (features) plus the trees: too little to ship. Tried on
tune and dropped: body-wide features (share of the body's words in lines of the line's kind and
depth, the body's agreement with trafilatura and the first decision; +0.0007), histogram trees
with per-page word weights (-0.0001 at best), the first labels (-0.0001 at best).
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

import numpy as np

from evals.folds import CHECK, TUNE
from evals.pagecache import cached_page_json
from evals.paths import default_shared_dir
from evals.wcxb import WCXB, jobs, toks, word_f1
from evals.wcxb_blocks import ROWS, collect, fit_trees, site_fold

OOF = Path("/tmp/bodytrim/oof_first.pkl")
DROPS = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)


def page_title(raw: bytes) -> str | None:
    from storyline.extract.decode import decode_bytes
    from storyline.extract.html import _CONTROL
    from storyline.extract.html_meta import load_page, page_metadata

    tree = load_page(_CONTROL.sub("", decode_bytes(raw)[0]))[0]
    return None if tree is None else page_metadata(tree, None).title


def article_body(body: str, title: str | None) -> str:
    """The body as :func:`~storyline.extract.html_article.build_article` keeps it."""
    from storyline.extract.html_article import split_credits
    from storyline.extract.html_body import drop_repeated_paragraphs
    from storyline.extract.html_lead import split_lead

    paragraphs, _sub = split_lead(drop_repeated_paragraphs([p for p in body.split("\n\n") if p.strip()]), title)
    return split_credits("\n\n".join(paragraphs))[1].strip()


def first_stage(pages: dict[str, dict], proba: dict[str, np.ndarray], keep: float, add: float) -> None:
    """Each page's body after the first decision and the lines of each of its paragraphs."""
    from evals.wcxb_trim_rows import trim_rows
    from storyline.extract.body_blocks import refine

    for key, p in pages.items():
        body = p["body"] or ""
        members: list = []
        if body and not p["multi"]:
            probs = [0.0 if barred and q >= add else float(q)
                     for q, barred in zip(proba[key], p.get("barred") or [False] * len(p["x"]))]
            body = refine(body, p["lines"], [f[0] for f in p["x"]], probs, keep=keep, add=add, members=members) or body
        else:
            probs = [0.0] * len(p["x"])
        p["body1"], p["members"], p["p1"] = body, members, probs
        p["trim_idx"], p["trim_x"] = trim_rows(p["lines"], p["x"], probs, members, p["title"])
        p["trim_y"] = [p["y"][i] for i in p["trim_idx"]]


def aligned_labels(p: dict, anchor: int = 8) -> list[bool]:
    """Per body line: whether the gold holds it at its place. A line of ``anchor`` words or more keeps
    the label of ``evals.wcxb_blocks`` (its run in the gold, or 90% of its words); a shorter line
    ("Share", "Photo", a date) counts only when the gold holds it between the gold places of the
    long lines around it (its words alone turn up anywhere in a long text)."""
    gold = f" {' '.join(toks(p['gold']))} "
    keys = [f" {' '.join(toks(p['lines'][i]))} " for i in p["trim_idx"]]
    pos: list = [None] * len(keys)
    cursor = 0
    for k, key in enumerate(keys):
        if len(key.split()) >= anchor:
            at = gold.find(key, cursor)
            at = gold.find(key) if at < 0 else at
            if at >= 0:
                pos[k], cursor = (at, at + len(key)), at + len(key) - 1
    out = []
    for k, key in enumerate(keys):
        if len(key.split()) >= anchor:
            out.append(bool(p["y"][p["trim_idx"][k]]))
            continue
        lo = max((pos[j][1] for j in range(k) if pos[j]), default=0)
        hi = min((pos[j][0] for j in range(k + 1, len(keys)) if pos[j]), default=len(gold))
        out.append(bool(key.strip()) and gold.find(key, max(lo - 2, 0), hi + 2) >= 0)
    return out


def trimmed(p: dict, proba: dict[int, float] | None, drop: float, edge: int = 0) -> str:
    """The first decision's body without the paragraphs the trim doubts; ``edge``, when not 0: only
    among the first and last ``edge`` paragraphs, from the body's ends inwards."""
    from evals.wcxb_trim_rows import trim

    paragraphs = [q for q in p["body1"].split("\n\n") if q.strip()]
    if proba is None or not p["members"] or len(paragraphs) != len(p["members"]):
        return p["body1"]
    words = {i: len(p["lines"][i].split()) for i in p["trim_idx"]}
    if not edge:
        return "\n\n".join(trim(paragraphs, p["members"], proba, words, drop=drop))
    kept = [bool(trim([q], [m], proba, words, drop=drop)) for q, m in zip(paragraphs, p["members"])]
    a, b = 0, len(paragraphs)
    while a < min(edge, b) and not kept[a]:
        a += 1
    while b > a and len(paragraphs) - b < edge and not kept[b - 1]:
        b -= 1
    return "\n\n".join(paragraphs[a:b])


def mean_f1(pages: dict[str, dict], proba: dict[str, dict[int, float]] | None, drop: float, edge: int = 0) -> float:
    return sum(word_f1(article_body(trimmed(p, None if proba is None else proba.get(k), drop, edge), p["title"]),
                       p["gold"]) for k, p in pages.items()) / max(len(pages), 1)


def oof_trim(pages: dict[str, dict], k: int = 5, **fit) -> dict[str, dict[int, float]]:
    keys = [key for key in pages if pages[key]["trim_idx"]]
    folds = {key: site_fold(pages[key]["site"], k) for key in keys}
    out: dict[str, dict[int, float]] = {}
    for f in range(k):
        train = [key for key in keys if folds[key] != f]
        model = fit_trees(np.array([r for key in train for r in full_rows(pages[key])]),
                          np.array([v for key in train for v in pages[key]["trim_y"]]), **fit)
        for key in keys:
            if folds[key] == f:
                q = model.predict_proba(np.array(full_rows(pages[key])))[:, 1]
                out[key] = dict(zip(pages[key]["trim_idx"], q.tolist()))
    return out


def full_rows(p: dict) -> list[list[float]]:
    """The trim rows with the first decision's own features of each line in front."""
    return [p["x"][i] + r for i, r in zip(p["trim_idx"], p["trim_x"])]


def load(shared: Path) -> tuple[dict, dict]:
    from storyline.extract.body_blocks import _model

    gold, todo = jobs(Path(shared) / "eval" / WCXB)
    paths = {key: path for key, path, _u in todo}
    pages = collect(shared)
    for key, p in pages.items():
        p["title"] = cached_page_json(ROWS / "title1", key, paths[key], page_title)
    tune = {k: p for k, p in pages.items() if p["fold"] == TUNE}
    check = {k: p for k, p in pages.items() if p["fold"] == CHECK}
    trees, keep, add = _model()
    if OOF.exists():
        oof = pickle.loads(OOF.read_bytes())
    else:
        from evals.wcxb_blocks import out_of_fold

        oof = out_of_fold(tune)
        OOF.parent.mkdir(parents=True, exist_ok=True)
        OOF.write_bytes(pickle.dumps(oof))
    first_stage(tune, oof, keep, add)
    first_stage(check, {k: trees.positive_proba(p["x"]) for k, p in check.items()}, keep, add)
    return tune, check


def error_kinds(pages: dict[str, dict], proba: dict[str, dict[int, float]], drop: float) -> None:
    """Non-gold body words by place (above the body's first gold line, below its last, between) and
    shape (furniture vocabulary of :mod:`evals.wcxb_trim_rows`, else short or long), with the share
    of them and of gold words the trim drops (line probability below ``drop``)."""
    from evals.wcxb_trim_rows import TRIM_FEATURES

    says = [j for j, f in enumerate(TRIM_FEATURES) if f.startswith("says_") or f in ("stamp", "age", "by_line")]
    kinds: dict[tuple, list[int]] = {}
    for key, p in pages.items():
        ys, m = p["trim_y"], len(p["trim_y"])
        lead = next((k for k in range(m) if ys[k]), m)
        tail = next((k for k in range(m - 1, -1, -1) if ys[k]), -1)
        for k, (i, y, row) in enumerate(zip(p["trim_idx"], ys, p["trim_x"])):
            words = len(p["lines"][i].split())
            if y:
                kind = ("gold", "")
            else:
                tag = next((TRIM_FEATURES[j] for j in says if row[j] > 0), "short" if words < 10 else "long")
                kind = ("lead" if k < lead else "tail" if k > tail else "mid", tag)
            entry = kinds.setdefault(kind, [0, 0])
            entry[0] += words
            entry[1] += words * ((proba.get(key) or {}).get(i, 1.0) < drop)
    for kind, (words, dropped) in sorted(kinds.items(), key=lambda kv: -kv[1][0])[:16]:
        print(f"  {kind[0]:>4} {kind[1]:<16} {words:6d} words, dropped {dropped / max(words, 1):.0%}")


def main(argv: list[str]) -> None:
    import time

    shared = Path(next((a for a in argv if not a.startswith("--")), default_shared_dir()))
    tune, check = load(shared)
    for p in (*tune.values(), *check.values()):
        p["trim_y"] = aligned_labels(p)
    lines = sum(len(p["trim_y"]) for p in tune.values())
    print(f"tune {len(tune)} pages, {lines} body lines ({lines - sum(sum(p['trim_y']) for p in tune.values())} "
          f"not gold)")
    oracle = {k: {i: float(y) for i, y in zip(p["trim_idx"], p["trim_y"])} for k, p in tune.items()}
    base = mean_f1(tune, None, 0.0)
    print(f"tune body F1 after the first decision {base:.4f}; oracle trim {mean_f1(tune, oracle, 0.5):.4f}, "
          f"at the edges only {mean_f1(tune, oracle, 0.5, 1000):.4f}")
    oof = oof_trim(tune)
    grid = {(d, e): mean_f1(tune, oof, d, e) for d in DROPS for e in (0, 1, 3)}
    for (d, e), f in grid.items():
        print(f"  tune oof drop < {d} {'anywhere' if not e else f'first/last {e}'}: {f:.4f} ({f - base:+.4f})")
    drop, edge = max(grid, key=grid.get)
    print(f"chosen on tune: drop < {drop}, edge {edge}; tune errors by kind (out of fold):")
    error_kinds(tune, oof, drop)
    if "--check" in argv:
        model = fit_trees(np.array([r for p in tune.values() for r in full_rows(p)]),
                          np.array([v for p in tune.values() for v in p["trim_y"]]))
        t0 = time.process_time()
        proba = {k: dict(zip(p["trim_idx"], model.predict_proba(np.array(full_rows(p)))[:, 1].tolist()))
                 for k, p in check.items() if p["trim_idx"]}
        took = (time.process_time() - t0) / max(len(check), 1)
        before, after = mean_f1(check, None, 0.0), mean_f1(check, proba, drop, edge)
        oracle = {k: {i: float(y) for i, y in zip(p["trim_idx"], p["trim_y"])} for k, p in check.items()}
        print(f"CHECK body F1 {before:.4f} -> {after:.4f} ({after - before:+.4f}); "
              f"oracle {mean_f1(check, oracle, 0.5):.4f}")
        print(f"tune (out of fold) {base:.4f} -> {grid[(drop, edge)]:.4f} ({grid[(drop, edge)] - base:+.4f}); "
              f"sklearn trees {1000 * took:.1f} ms/page CPU")
    t0 = time.process_time()
    from evals.wcxb_trim_rows import trim_rows

    for p in tune.values():
        trim_rows(p["lines"], p["x"], p["p1"], p["members"], p["title"])
    print(f"trim features {1000 * (time.process_time() - t0) / max(len(tune), 1):.1f} ms/page CPU (tune pages)")


if __name__ == "__main__":
    main(sys.argv[1:])
