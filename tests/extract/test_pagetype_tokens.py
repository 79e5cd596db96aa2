"""The template tokens of a page and the token model over them (:mod:`storyline.extract.pagetype_tokens`)."""

from __future__ import annotations

import json

import numpy as np

from storyline.extract.html_meta import load_tree
from storyline.extract.pagetype_tokens import MIN_SITES, TokenModel, fit_token_model, page_tokens


def test_tokens_name_the_template_the_labels_and_the_url_sections_not_the_slug():
    html = ("<html class='js-loaded'><head><meta property='og:type' content='website'>"
            "<meta property='article:section' content='World'>"
            "<link rel='canonical' href='https://news.example/category/world-affairs/page/2/'>"
            "<script type='application/ld+json'>{\"@type\": \"CollectionPage\"}</script></head>"
            "<body class='archive category-world paged'><div id='mainContent' class='post-list'>"
            "<a href='/x'>Read more</a><button>Load more stories</button>"
            "<a href='/y'>A headline long enough to be no label at all</a></div></body></html>")
    toks = page_tokens(load_tree(html))
    assert {"b:archive", "b:category", "b:world", "b:paged", "b:loaded"}  # 3-20 letters <= toks
    assert {"c:main", "c:content", "c:post", "c:list"} <= toks  # camelCase and hyphens split
    assert {"a:read more", "a:load more stories"} <= toks
    assert not any(t.startswith("a:a headline") for t in toks)
    assert {"m:og:type", "og:website", "m:article:section", "ld:collectionpage"} <= toks
    assert {"u:category", "u:world", "u:affairs", "u:page"} <= toks
    toks = page_tokens(load_tree("<html><body><p>x</p></body></html>"),
                       "https://news.example/2025/05/river-barrier-opens-two-years-early")
    assert not any(t.startswith("u:") and t[2:] in ("river", "barrier", "opens") for t in toks)


def test_token_model_keeps_tokens_of_many_sites_and_gives_sklearns_probabilities():
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(0)
    kinds = ["article", "listing", "product"]
    marks = {"article": "b:single", "listing": "b:archive", "product": "c:price"}
    sets, types, sites = [], [], []
    for i in range(90):
        kind = kinds[i % 3]
        toks = {marks[kind], f"c:site{i % 30}"} | {f"c:noise{j}" for j in rng.choice(6, 2, replace=False)}
        sets.append(toks)
        types.append(kind)
        sites.append(f"site{i % 30}")
    model = fit_token_model(sets, types, sites, c=1.0)
    assert not any(t.startswith("c:site") for t in model.weights)  # each on 1 site < MIN_SITES
    assert MIN_SITES > 1 and "b:archive" in model.weights
    model = TokenModel.from_dict(model.to_dict())
    p = model.predict_proba({"b:archive", "c:noise1"})
    assert model.classes[int(np.argmax(p))] == "listing" and abs(sum(p) - 1) < 1e-9
    vocab = sorted(model.weights)
    x = np.array([[float(t in s) for t in vocab] for s in sets])
    coef = np.array([model.weights[t] for t in vocab]).T
    ref = LogisticRegression()
    ref.classes_, ref.coef_, ref.intercept_ = np.array(model.classes), coef, np.array(model.intercept)
    want = ref.predict_proba(x)
    got = np.array([model.predict_proba(s) for s in sets])
    assert np.abs(want - got).max() < 1e-9
    assert model.features({"c:price"})["tok_product"] > 0.5


def test_the_page_type_reads_the_shipped_token_model_probabilities():
    from storyline.extract import pagetype

    tree = load_tree("<html><body class='single single-post'><article><h1>Flood barrier opens early</h1>"
                     "<p>The river authority said on Monday that the barrier is finished.</p></article></body></html>")
    f = pagetype.features_of_page(tree, "The river authority said on Monday that the barrier is finished.")
    probs = {k: v for k, v in f.items() if k.startswith("tok_")}
    assert set(probs) == {f"tok_{c}" for c in json.loads(pagetype.MODEL.read_text())["tokens"]["classes"]}
    assert abs(sum(probs.values()) - 1) < 1e-9
