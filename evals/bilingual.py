"""Bilingual story gold: Japanese/English reports of the same happenings, and unrelated ones.

``evals/data/bilingual/gold.jsonl`` holds the texts (written for Storyline by the "japanese"
helper on 2026-12-04: invented events and officials in the style of Japanese and English wire and
newspaper reports, real countries and institutions; see ``evals/data/bilingual/README.md``).
:func:`render_pages` lays each article out as an HTML page in one of seven outlet layouts
(JSON-LD, Open Graph, ``<time>``, wire datelines); the pages are kept beside the gold.

Scoring goes through the product: a split's pages are ingested into a temporary SQLite store by
the real :class:`Pipeline` (extract, enrich with GiNZA for Japanese, story assignment), and the
stories it makes are read back. Pair recall = gold JA/EN pairs put in one story / gold pairs;
pair precision = gold pairs among all JA/EN article pairs sharing a story.

``fit_model`` (``storyline eval bilingual --fit``) fits the cross-language join model of
:mod:`storyline.stories.crosslang` on the tune split only: features of every (Japanese article,
English article) pair, a logistic regression, and the threshold with the best F1 on tune.
"""

from __future__ import annotations

import hashlib
import html
import json
import tempfile
from datetime import UTC, datetime
from itertools import product
from pathlib import Path

from storyline.config import Settings
from storyline.pipeline import Pipeline
from storyline.store import open_store
from storyline.stories.crosslang import DATA, FEATURES, CrossLingual, doc_facts, features
from storyline.stories.doc import story_docs

GOLD_DIR = Path(__file__).resolve().parent / "data" / "bilingual"
FETCHED_AT = datetime(2026, 12, 1, tzinfo=UTC)

_JA_LAYOUTS = ("toto", "sangyo", "kyoei", "nbw-ja")
_EN_LAYOUTS = ("meridian", "pacific", "nbw-en")


def _news_ld(headline: str, published: str, publisher: str, ensure_ascii: bool = True) -> str:
    """The JSON-LD NewsArticle block of a generated page."""
    return json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": headline,
                       "datePublished": published, "publisher": {"@type": "Organization", "name": publisher}},
                      ensure_ascii=ensure_ascii)


def read_gold(path: Path = GOLD_DIR / "gold.jsonl") -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _layout(rec: dict) -> str:
    pool = _JA_LAYOUTS if rec["language"] == "ja" else _EN_LAYOUTS
    return pool[int(hashlib.sha1(rec["id"].encode()).hexdigest(), 16) % len(pool)]


def _paras(body: str) -> str:
    return "\n".join(f"<p>{html.escape(p.strip())}</p>" for p in body.split("\n\n") if p.strip())


def render_page(rec: dict) -> str:
    """One gold article as an outlet's HTML page (chrome included: menus, share bars, rankings)."""
    t, when = html.escape(rec["title"]), rec["date"]
    layout = _layout(rec)
    nav = (
        "<nav><a href='/'>トップ</a> <a href='/politics'>政治</a> <a href='/economy'>経済</a> "
        "<a href='/intl'>国際</a></nav>"
        if rec["language"] == "ja"
        else "<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/business'>Business</a></nav>"
    )
    if layout == "toto":
        ld = _news_ld(rec["title"], f"{when}T18:30:00+09:00", "東都新聞", ensure_ascii=False)
        return (
            f"<!doctype html><html lang='ja'><head><meta charset='utf-8'><title>{t}：東都新聞オンライン</title>"
            f"<script type='application/ld+json'>{ld}</script></head><body><header>東都新聞オンライン</header>{nav}"
            f"<article><h1>{t}</h1><div class='article-body'>{_paras(rec['body'])}</div></article>"
            "<aside><h2>アクセスランキング</h2><ol><li><a href='/a/1'>円相場、一時１５０円台</a></li>"
            "<li><a href='/a/2'>大雪で交通乱れ</a></li></ol></aside><footer>Copyright 東都新聞</footer></body></html>"
        )
    if layout == "sangyo":
        return (
            f"<!doctype html><html lang='ja'><head><meta charset='utf-8'><title>{t}｜日本産業新報</title>"
            f"<meta property='og:site_name' content='日本産業新報'><meta property='og:title' content='{t}'>"
            f"<meta property='article:published_time' content='{when}T07:00:00+09:00'></head><body>{nav}"
            f"<main><h1 class='headline'>{t}</h1><section class='body'>{_paras(rec['body'])}</section>"
            "<div class='share'>この記事をシェアする Ｘ Facebook LINE</div></main>"
            "<div class='paywall'>有料会員になると全ての記事が読めます</div></body></html>"
        )
    if layout == "kyoei":
        body = rec["body"]
        first, _, rest = body.partition("\n\n")
        dated = f"【東京共栄】{first}" + (f"\n\n{rest}" if rest else "") + "（共栄）"
        return (
            f"<!doctype html><html lang='ja'><head><meta charset='utf-8'><title>{t} - 共栄通信</title>"
            f"<meta name='description' content='{html.escape(first[:80])}'></head><body>{nav}"
            f"<div class='news'><h2>{t}</h2><time datetime='{when}T11:05:00+09:00'>{when.replace('-', '/')} "
            "11:05</time>"
            f"<div class='text'>{_paras(dated)}</div></div><div class='related'><h3>関連記事</h3>"
            "<ul><li><a href='/r/1'>株価続伸</a></li></ul></div></body></html>"
        )
    if layout == "nbw-ja":
        return (
            f"<!doctype html><html lang='ja'><head><meta charset='utf-8'><title>{t} | ＮＢＷニュース</title></head>"
            f"<body><div id='app'>{nav}<h1 class='content--title'>{t}</h1>"
            f"<time datetime='{when}T12:00:00+09:00'>{when}</time><div "
            f"id='news_textbody'>{_paras(rec['body'])}</div>"
            "<div class='sns'>シェア</div></div></body></html>"
        )
    if layout == "meridian":
        ld = _news_ld(rec["title"], f"{when}T20:15:00+09:00", "Meridian Times")
        return (
            f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{t} | The Meridian Times</title>"
            f"<script type='application/ld+json'>{ld}</script></head><body>{nav}<article><h1>{t}</h1>"
            "<div class='byline'>By Staff Writer</div><div "
            f"class='story-body'>{_paras(rec['body'])}</div></article>"
            "<div class='newsletter'>Sign up for our newsletter</div><footer>© The Meridian "
            "Times</footer></body></html>"
        )
    if layout == "pacific":
        return (
            f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{t} - Pacific Wire</title>"
            f"<meta property='og:site_name' content='Pacific Wire'><meta property='og:title' content='{t}'>"
            f"<meta property='article:published_time' content='{when}T09:40:00Z'></head><body>{nav}"
            f"<h1>{t}</h1><div class='article'>{_paras(rec['body'])}<p>(Reporting by Pacific Wire staff; Editing "
            "by Desk)</p></div>"
            "<div class='more'><h3>Most Read</h3><a href='/x'>Markets rally</a></div></body></html>"
        )
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{t} | NBW World</title></head><body>"
        f"<div id='root'>{nav}<h1>{t}</h1><time datetime='{when}T13:00:00+09:00'>{when}</time>"
        f"<div class='body-text'>{_paras(rec['body'])}</div><div class='share'>Share</div></div></body></html>"
    )


def render_pages(out_dir: Path = GOLD_DIR / "pages", gold: list[dict] | None = None) -> int:
    """Write every gold article's page to ``out_dir/<split>/<id>.html``; returns the count."""
    gold = gold or read_gold()
    for rec in gold:
        path = out_dir / rec["split"] / f"{rec['id']}.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_page(rec), encoding="utf-8")
    return len(gold)


def _ingest_split(split: str, tmp: str, pages_dir: Path):
    store = open_store(str(Path(tmp) / f"bilingual-{split}.db"))
    Pipeline(store, Settings()).ingest([str(pages_dir / split)], fetched_at=FETCHED_AT)
    return store


def _gold_by_source(gold: list[dict], split: str) -> dict[str, dict]:
    return {f"{r['id']}.html": r for r in gold if r["split"] == split}


def score_split(split: str = "check", pages_dir: Path = GOLD_DIR / "pages", gold: list[dict] | None = None) -> dict:
    """Pair recall and precision of the product's stories on one split of the gold."""
    gold = gold or read_gold()
    recs = _gold_by_source(gold, split)
    with tempfile.TemporaryDirectory() as tmp:
        store = _ingest_split(split, tmp, pages_dir)
        story_of: dict[str, int] = {}
        for row in store.iter_articles():
            rec = recs.get(Path(row["source"]).name)
            if rec is not None:
                story_of[rec["id"]] = row["story_id"]
        store.close()
    ja = [r for r in recs.values() if r["language"] == "ja"]
    en = [r for r in recs.values() if r["language"] == "en"]
    gold_pairs = {(a["id"], b["id"]) for a, b in product(ja, en) if a["happening"] == b["happening"]}
    pred_pairs = {
        (a["id"], b["id"])
        for a, b in product(ja, en)
        if a["id"] in story_of and story_of.get(a["id"]) == story_of.get(b["id"])
    }
    hit = gold_pairs & pred_pairs
    return {
        "split": split,
        "articles": len(recs),
        "extracted": len(story_of),
        "gold_pairs": len(gold_pairs),
        "predicted_pairs": len(pred_pairs),
        "correct": len(hit),
        "recall": len(hit) / len(gold_pairs) if gold_pairs else 0.0,
        "precision": len(hit) / len(pred_pairs) if pred_pairs else 0.0,
        "missed": sorted(a for a, _ in gold_pairs - pred_pairs),
        "wrong": sorted(f"{a}~{b}" for a, b in pred_pairs - gold_pairs),
    }


def fit_model(
    pages_dir: Path = GOLD_DIR / "pages", gold: list[dict] | None = None, out: Path = DATA / "crosslang_model.json"
) -> dict:
    """Fit the cross-language join model on the tune split and write it to ``out``."""
    from sklearn.linear_model import LogisticRegression

    gold = gold or read_gold()
    recs = _gold_by_source(gold, "tune")
    with tempfile.TemporaryDirectory() as tmp:
        store = _ingest_split("tune", tmp, pages_dir)
        facts = {}
        for row in store.iter_articles():
            rec = recs.get(Path(row["source"]).name)
            if rec is not None:
                (doc,) = story_docs(store, [row])
                facts[rec["id"]] = (rec, doc_facts(doc, store.article_event_facts(row["id"])))
        store.close()
    xs, ys = [], []
    for (ra, fa), (rb, fb) in product(facts.values(), facts.values()):
        if ra["language"] == rb["language"]:
            continue  # both directions: a Japanese doc meets English members and the other way round
        cross = CrossLingual(model=_neutral_model())
        cross.observe(fb, 1)
        f = features(fa, cross.stories[1][fb.language])
        xs.append([f[k] for k in FEATURES])
        ys.append(int(ra["happening"] == rb["happening"]))
    clf = LogisticRegression(C=1.0, class_weight="balanced", max_iter=1000).fit(xs, ys)
    probs = clf.predict_proba(xs)[:, 1]
    best = (0.0, 0.5)
    for thr in [i / 100 for i in range(30, 100)]:
        tp = sum(1 for p, y in zip(probs, ys) if p >= thr and y)
        fp = sum(1 for p, y in zip(probs, ys) if p >= thr and not y)
        fn = sum(1 for p, y in zip(probs, ys) if p < thr and y)
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f1 > best[0] + 1e-9:
            best = (f1, thr)
    model = {
        "_about": "Fitted by `storyline eval bilingual --fit` on the tune split of evals/data/bilingual "
        f"({len(ys)} JA->EN and EN->JA doc/member pairs, {sum(ys)} same-happening); threshold = best "
        "pair F1 on tune.",
        "coef": {k: round(float(c), 4) for k, c in zip(FEATURES, clf.coef_[0])},
        "intercept": round(float(clf.intercept_[0]), 4),
        "threshold": best[1],
        "max_gap_days": 4.0,
        "tune_pair_f1": round(best[0], 4),
    }
    out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    return model


def _neutral_model():
    from storyline.stories.crosslang import Model

    return Model(coef={}, intercept=0.0)


def format_report(result: dict) -> str:
    lines = [
        (
            f"{result['split']}: pair recall {result['recall']:.3f} ({result['correct']}/{result['gold_pairs']}), "
            f"pair precision {result['precision']:.3f} ({result['correct']}/{result['predicted_pairs']}); "
            f"{result['extracted']}/{result['articles']} articles extracted"
        )
    ]
    if result["missed"]:
        lines.append("  missed: " + ", ".join(result["missed"]))
    if result["wrong"]:
        lines.append("  wrong:  " + ", ".join(result["wrong"]))
    return "\n".join(lines)


__all__ = ["fit_model", "format_report", "read_gold", "render_pages", "score_split"]
