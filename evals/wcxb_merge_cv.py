"""Can a learned merge of several main-text extractors beat our WCXB bodies? Tune fold only.

``python -m evals.wcxb_merge_cv [--dom]`` takes the WCXB DEV article pages of the *tune* fold, our body
for each (the production extractor, cached by :mod:`evals.pagecache`) and five other opinions
(trafilatura default, ``favor_precision``, ``favor_recall``, readability, jusText with an English
stop list; cached under ``$STORYLINE_EVAL_CACHE/wcxb-candidates``), and measures out of fold (5
folds of the tune pages, :func:`evals.folds.kfold_of`) a learned merge, the paragraph adder below.
A second one, document choice, was measured once with a throw-away script (not kept):

* **document choice**: a gradient-boosted classifier over agreement features (lengths, how much
  of one text the other holds, how well each agrees with the remaining opinions, how much of the
  alternative's extra text the others support) says when an alternative beats our body by more
  than 0.02 F1; the page takes the most probable alternative above a threshold.
* **paragraph adder**: every paragraph of the recall-mode, readability and jusText texts that our
  body lacks is a row (which opinions hold it, length, word length, sentence end, capitals,
  digits, position); a classifier fitted on "at least 80 % of its words are in the gold text"
  adds those above a threshold to our body (scored as a bag of words, as the benchmark does).

Measured 2026-12-06 on the 356 tune pages: our body F1 0.9421; trafilatura 0.9380, its precision
mode 0.9175, recall mode 0.9306, readability 0.8021, jusText 0.8449; the oracle that picks the
best of the six texts per page 0.9638. Document choice gained -0.004 to +0.003 over thresholds
(nothing dependable). The paragraph adder gains +0.0030 / +0.0036 / +0.0031 / +0.0001 at
thresholds 0.8 / 0.85 / 0.9 / 0.95 (about +0.0015 without jusText); the element features of
:func:`dom_index` (link density, chrome or content class names around it, depth, heading) add
nothing (+0.0038 at 0.85), and dropping our own paragraphs below a second threshold only loses
(0.2: -0.003). None of it was shipped: +0.004 on tune costs three extra extractions per page
(about twice the extraction CPU) and is far from the +0.01 over trafilatura that WCXB issue 18
asks for. Most of the oracle's headroom is on pages whose gold is a part of the page's text (a
buying guide's introduction only, code blocks left out) or where every extractor misses the body.
"""

from __future__ import annotations

import gzip
import math
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from evals.folds import TUNE, fold_of, kfold_of
from evals.pagecache import cache_root, cached_page_json, run_pages
from evals.paths import default_shared_dir
from evals.wcxb import WCXB, jobs, toks, word_f1

OPINIONS = ("traf", "prec", "rec", "read", "justext")
ADDERS = ("rec", "read", "justext")  # the opinions whose extra paragraphs may be added
_SENTENCE_END = re.compile(r"[.!?:][\"'”’)]?$")


def candidates(raw: bytes) -> dict[str, str | None]:
    """The other extractors' texts of one page (one paragraph a line)."""
    import justext

    from storyline.extract.decode import decode_bytes
    from storyline.extract.html_body import _trafilatura, readability_text
    from storyline.extract.html_meta import load_tree

    text, _encoding = decode_bytes(raw)
    tree = load_tree(text)
    out: dict[str, str | None] = {
        "traf": _trafilatura(text, None),
        "prec": _trafilatura(text, None, favor_precision=True),
        "rec": _trafilatura(text, None, favor_recall=True),
        "read": readability_text(text, tree) if tree is not None else None,
    }
    try:
        paragraphs = justext.justext(raw, justext.get_stoplist("English"))
        out["justext"] = "\n".join(p.text for p in paragraphs if not p.is_boilerplate) or None
    except Exception:  # noqa: BLE001 - jusText fails on some markup: the opinion is then absent
        out["justext"] = None
    return out


def _cached_candidates(key: str, path: str) -> dict[str, str | None]:
    import trafilatura

    return cached_page_json(cache_root() / "wcxb-candidates" / trafilatura.__version__, key, path, candidates)


def _norm(text: str | None) -> str:
    return " ".join(toks(text))


_BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "dd", "dt", "blockquote", "pre", "div", "span", "a")
_CHROME_HINT = re.compile(r"comment|related|share|social|footer|sidebar|\bnav|menu|widget|promo|newsletter|subscri|"
                          r"breadcrumb|\bad[s_-]|banner|popup|modal|cookie|recommend|trending|popular", re.IGNORECASE)
_CONTENT_HINT = re.compile(r"article|content|entry|post|story|body|main|\btext", re.IGNORECASE)
NO_DOM = [-1.0, -1.0, -1.0, -1.0, -1.0]


def dom_index(tree) -> dict[str, list[float]]:
    """Normalised text of each block element -> [link density, chrome hint, content hint (class or id
    of it or an ancestor within 6 levels), depth / 30, is a heading]: the first element per text."""
    index: dict[str, list[float]] = {}
    if tree is None:
        return index
    for el in tree.iter(*_BLOCKS):
        key = _norm(el.text_content())
        if not key or key in index:
            continue
        words = len(key.split())
        linked = sum(len(toks(a.text_content())) for a in el.iter("a"))
        hints, node, depth = [], el, 0
        while node is not None:
            if depth < 6:
                hints.append(f"{node.get('class') or ''} {node.get('id') or ''}")
            node, depth = node.getparent(), depth + 1
        names = " ".join(hints)
        index[key] = [
            min(linked / words, 1.0),
            float(bool(_CHROME_HINT.search(names))),
            float(bool(_CONTENT_HINT.search(names))),
            depth / 30,
            float(el.tag in ("h1", "h2", "h3", "h4", "h5", "h6")),
        ]
    return index


def paragraph_rows(
    ours: str, opinions: dict[str, str | None], dom: dict[str, list[float]] | None = None
) -> list[tuple[bool, list[float], str]]:
    """``(is_ours, features, text)`` for our paragraphs and each other paragraph our body lacks
    (with ``dom``, the :func:`dom_index` features of the element holding the paragraph's text)."""
    norms = {name: _norm(text) for name, text in opinions.items()}
    mine = [p for p in ours.split("\n\n") if toks(p)]
    whole, seen = _norm(ours), {_norm(p) for p in mine}
    items = [(True, p, i / max(1, len(mine))) for i, p in enumerate(mine)]
    for name in ADDERS:
        lines = [p for p in (opinions.get(name) or "").split("\n") if toks(p)]
        for i, p in enumerate(lines):
            key = _norm(p)
            if key not in seen and key not in whole:
                seen.add(key)
                items.append((False, p, i / max(1, len(lines))))
    rows = []
    for is_ours, p, position in items:
        words, key = toks(p), _norm(p)
        raw_words = p.split()
        rows.append(
            (
                is_ours,
                [
                    float(is_ours),
                    *(float(key in norms.get(n, "")) for n in ("rec", "read", "justext", "prec")),
                    math.log1p(len(words)),
                    float(np.mean([len(w) for w in words])),
                    float(bool(_SENTENCE_END.search(p.strip()))),
                    sum(w[:1].isupper() for w in raw_words) / max(1, len(raw_words)),
                    sum(w.isdigit() for w in words) / len(words),
                    position,
                    len(p) / len(words),
                    *((dom.get(key, NO_DOM)) if dom is not None else []),
                ],
                p,
            )
        )
    return rows


def _bag_f1(bag: Counter, gold: Counter) -> float:
    n_pred, n_gold = sum(bag.values()), sum(gold.values())
    if not n_gold:
        return float(not n_pred)
    return 2 * sum((bag & gold).values()) / (n_pred + n_gold) if n_pred else 0.0


def adder_cv(
    pages: dict[str, tuple], thresholds=(0.8, 0.85, 0.9, 0.95), label_share: float = 0.8, folds: int = 5, drops=(0.0,)
) -> dict:
    """Out-of-fold mean F1 gain of adding the paragraphs a classifier trusts, per threshold (with
    ``drops``, also of dropping our paragraphs below a second threshold: ``{(add, drop): gain}``).
    A page is ``(ours, opinions, gold)`` or ``(ours, opinions, gold, dom)``."""
    from sklearn.ensemble import GradientBoostingClassifier

    keys, x, y, is_ours, bags = [], [], [], [], []
    gold_bags = {}
    for key, (ours, opinions, gold, *dom) in pages.items():
        gold_bags[key] = Counter(toks(gold))
        for mine, features, text in paragraph_rows(ours, opinions, dom[0] if dom else None):
            words = toks(text)
            keys.append(key)
            x.append(features)
            y.append(sum(w in gold_bags[key] for w in words) / len(words) >= label_share)
            is_ours.append(mine)
            bags.append(Counter(words))
    x_arr, y_arr = np.array(x), np.array(y)
    fold = np.array([kfold_of(k, folds) for k in keys])
    proba = np.zeros(len(x))
    for i in range(folds):
        train, test = fold != i, fold == i
        if len(set(y_arr[train])) < 2 or not test.any():
            continue
        model = GradientBoostingClassifier(
            n_estimators=150, max_depth=3, learning_rate=0.05, subsample=0.8, min_samples_leaf=10, random_state=0
        ).fit(x_arr[train], y_arr[train])
        proba[test] = model.predict_proba(x_arr[test])[:, 1]
    by_page: dict[str, list[int]] = {}
    for j, key in enumerate(keys):
        by_page.setdefault(key, []).append(j)
    gains: dict = {}
    for tau in thresholds:
        for drop in drops:
            total = 0.0
            for key, rows in by_page.items():
                before = sum((bags[j] for j in rows if is_ours[j]), Counter())
                after = sum((bags[j] for j in rows if (proba[j] >= drop if is_ours[j] else proba[j] >= tau)), Counter())
                total += _bag_f1(after, gold_bags[key]) - _bag_f1(before, gold_bags[key])
            gains[tau if drops == (0.0,) else (tau, drop)] = total / max(len(pages), 1)
    return gains


def tune_pages(shared: Path, workers: int = 1) -> dict[str, tuple[str, dict, str]]:
    """``{key: (our body, other opinions, gold main text)}`` for the tune fold's article pages."""
    gold, todo = jobs(Path(shared) / "eval" / WCXB)
    todo = [job for job in todo if fold_of(job[0]) == TUNE and gold[job[0]]["page_type"] == "article"]
    ours = run_pages(WCXB, todo, workers)
    out = {}
    for key, path, _url in todo:
        arts = sorted(ours[key].get("articles", []), key=lambda a: a.get("position") or 0)
        out[key] = (
            (arts[0].get("body") or "") if arts else "",
            _cached_candidates(key, path),
            gold[key]["main_content"],
        )
    return out


def main(argv: list[str]) -> None:
    flags = [a for a in argv if a.startswith("--")]
    argv = [a for a in argv if not a.startswith("--")]
    shared = Path(argv[0]) if argv else default_shared_dir()
    pages = tune_pages(shared)
    n = len(pages)
    print(f"tune article pages {n}: ours F1 {sum(word_f1(o, g) for o, _c, g in pages.values()) / n:.4f}")
    for name in OPINIONS:
        print(f"  {name}: {sum(word_f1(c.get(name), g) for _o, c, g in pages.values()) / n:.4f}")
    oracle = sum(max([word_f1(o, g)] + [word_f1(c.get(m), g) for m in OPINIONS]) for o, c, g in pages.values()) / n
    print(f"  oracle (best text per page): {oracle:.4f}")
    for tau, gain in adder_cv(pages).items():
        print(f"paragraph adder, threshold {tau}: out-of-fold gain {gain:+.4f}")
    if "--dom" in flags:
        from storyline.extract.decode import decode_bytes
        from storyline.extract.html_meta import load_tree

        folder = Path(shared) / "eval" / WCXB / "html"
        with_dom = {}
        for key, (ours, opinions, gold) in pages.items():
            with gzip.open(folder / f"{key}.html.gz") as fh:
                with_dom[key] = (ours, opinions, gold, dom_index(load_tree(decode_bytes(fh.read())[0])))
        for (tau, drop), gain in adder_cv(with_dom, drops=(0.0, 0.1, 0.2)).items():
            print(f"with element features, add >= {tau}, drop ours < {drop}: out-of-fold gain {gain:+.4f}")


if __name__ == "__main__":
    main(sys.argv[1:])
