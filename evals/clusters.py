"""Score story clustering against gold document clusters (e.g. ECB+ sub-topics).

``cluster_jsonl(path)`` runs our incremental :class:`StoryIndex` from scratch over a JSONL file of
documents (``doc_id``, ``text``, optional ``title``/``published``) in a fixed, label-blind order;
``baseline_records`` runs TF-IDF + agglomerative clustering with a distance threshold on the same
documents; ``score_clusters(pred, gold)`` gives B-cubed precision/recall/F1 and pairwise
precision/recall/F1.
"""

from __future__ import annotations

import json
import random
import re
from collections import defaultdict
from datetime import datetime
from pathlib import Path

from storyline.stories.cluster import ClusterParams, StoryIndex
from storyline.stories.doc import StoryDoc
from storyline.stories.embed import embed_docs, load_embedder


def read_docs(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _published(value) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


_URLISH = re.compile(r"https?\s?:|www\s?\.|\.\s?(?:com|org|net|html?)\b")
_DATEISH = re.compile(r"\b(?:19|20)\d\d\b|\b\d{1,2}\s?:\s?\d\d\b")


def infer_title(text: str) -> str | None:
    """A plain-text document's headline: among its first three lines, the first that is not an
    address or a date line, has 3-20 words and no closing sentence punctuation."""
    for line in (text or "").splitlines()[:3]:
        line = line.strip()
        n = len(line.split())
        if not line or _URLISH.search(line) or _DATEISH.search(line) or not 3 <= n <= 20:
            continue
        if line[-1] in ".!?\"'`":
            return None
        return line
    return None


def to_story_doc(i: int, rec: dict, *, infer_titles: bool = False, embedding=None) -> StoryDoc:
    title = rec.get("title") or (infer_title(rec.get("text") or "") if infer_titles else None)
    return StoryDoc(
        article_id=i,
        title=title,
        body=rec.get("text") or rec.get("body") or "",
        outlet=rec.get("outlet"),
        published=_published(rec.get("published")),
        entity_keys=set(rec.get("entity_keys") or []),
        event_keys=set(rec.get("event_keys") or []),
        embedding=embedding,
    )


def arrival_order(recs: list[dict], seed: int = 13) -> list[int]:
    """Indices in time order when dates are known, else a seeded shuffle (never label order)."""
    order = list(range(len(recs)))
    random.Random(seed).shuffle(order)
    times = [_published(r.get("published")) for r in recs]
    return sorted(order, key=lambda i: (times[i] is None, times[i].timestamp() if times[i] else 0.0))


def cluster_records(
    recs: list[dict],
    params: ClusterParams | None = None,
    *,
    passes: bool = True,
    infer_titles: bool = False,
    embeddings: dict | None = None,
) -> dict[str, int]:
    """{doc_id: story_id}: every record through ``StoryIndex.assign`` in arrival order, then the
    merge pass (``passes``). ``infer_titles`` takes a headline from the text's first lines when
    a record has no ``title``; ``embeddings`` ({doc_id: unit vector}) adds the dense signal."""
    index = assign_records(recs, params, infer_titles=infer_titles, embeddings=embeddings)
    if passes:  # the repair the pipeline runs after each batch (here: one batch)
        index.merge_pass()
    return stories_of(recs, index)


def assign_records(
    recs: list[dict], params: ClusterParams | None = None, *, infer_titles: bool = False,
    embeddings: dict | None = None,
) -> StoryIndex:
    """The index after every record went through ``StoryIndex.assign`` in arrival order (no merge
    pass yet): :func:`cluster_records` without its last step."""
    index = StoryIndex(params)
    embeddings = embeddings or {}
    order = arrival_order(recs)
    docs = {i: to_story_doc(i, recs[i], infer_titles=infer_titles, embedding=embeddings.get(recs[i]["doc_id"]))
            for i in order}
    for i in order:
        index.assign(docs[i])
    return index


def stories_of(recs: list[dict], index: StoryIndex) -> dict[str, int]:
    """{doc_id: story_id} of records placed by :func:`assign_records`."""
    return {recs[aid]["doc_id"]: sid for aid, sid in index.story_of.items()}


def embed_records(recs: list[dict], enabled: bool) -> dict | None:
    """{doc_id: title+lead embedding} through the production embedder (``None`` when not enabled)."""
    embedder = load_embedder(enabled)
    if embedder is None:
        return None
    docs = [to_story_doc(i, r, infer_titles=True) for i, r in enumerate(recs)]
    embed_docs(embedder, docs)
    return {r["doc_id"]: d.embedding for r, d in zip(recs, docs, strict=True)}


def cluster_jsonl(path: str | Path, params: ClusterParams | None = None) -> dict[str, int]:
    """{doc_id: story_id} from our incremental clustering over the file's documents."""
    return cluster_records(read_docs(path), params)


def baseline_records(recs: list[dict], distance_threshold: float = 0.8) -> dict[str, int]:
    """TF-IDF (sublinear) + average-link agglomerative clustering on cosine distance."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [f"{r.get('title') or ''}\n{r.get('text') or ''}" for r in recs]
    from sklearn.metrics.pairwise import cosine_distances

    x = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=1).fit_transform(texts)
    model = AgglomerativeClustering(
        n_clusters=None, distance_threshold=distance_threshold, metric="precomputed", linkage="average"
    )
    labels = model.fit_predict(cosine_distances(x))
    return {r["doc_id"]: int(lab) for r, lab in zip(recs, labels)}


def score_clusters(pred: dict, gold: dict) -> dict[str, float]:
    """B-cubed P/R/F1 and pairwise P/R/F1 of ``pred`` against ``gold`` over gold's keys."""
    keys = sorted(gold)
    g_sets: dict = defaultdict(set)
    p_sets: dict = defaultdict(set)
    for k in keys:
        g_sets[gold[k]].add(k)
        p_sets[("p", pred.get(k, ("missing", k)))].add(k)
    pk = {k: ("p", pred.get(k, ("missing", k))) for k in keys}
    bp = sum(len(g_sets[gold[k]] & p_sets[pk[k]]) / len(p_sets[pk[k]]) for k in keys) / len(keys)
    br = sum(len(g_sets[gold[k]] & p_sets[pk[k]]) / len(g_sets[gold[k]]) for k in keys) / len(keys)

    def pairs(groups) -> int:
        return sum(len(s) * (len(s) - 1) // 2 for s in groups)

    inter: dict = defaultdict(int)
    for k in keys:
        inter[(gold[k], pk[k])] += 1
    tp = sum(n * (n - 1) // 2 for n in inter.values())
    gp, pp = pairs(g_sets.values()), pairs(p_sets.values())
    pw_p, pw_r = tp / (pp or 1), tp / (gp or 1)
    return {
        "b3_precision": bp,
        "b3_recall": br,
        "b3_f1": _f1(bp, br),
        "pairwise_precision": pw_p,
        "pairwise_recall": pw_r,
        "pairwise_f1": _f1(pw_p, pw_r),
        "clusters_gold": len(g_sets),
        "clusters_pred": len(p_sets),
    }


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0
