"""Select real news sentences to hand-label with PLOVER types (``evals/data/plover_real``, issue 19 point 1).

Sentences come from the bodies of DEV news documents that are not PLOVER gold (``shared/eval``: ECB+ story
clusters, 500N-KPCrowd, KPTimes, Wikinews MEANTIME, the Zyte and trafilatura article sets, a random part of
WCXB), split by the product's spaCy pipeline and filtered to plain sentences (8-45 tokens, a capital letter first,
final punctuation, no URL, at most 3 per document). Three strata, each a seeded random sample:

* ``trigger``: the product's trigger lexicon fires on the sentence (:func:`event_types.sentence_plover` is not
  ``None``): what the product would type as an event mention;
* ``random``: sentences where no trigger fires;
* ``keyword``: sentences with a word of a short list written from the CAMEO/PLOVER codebook labels for the types
  rare in news (AID, CONCEDE, COOPERATE, INVESTIGATE, MOBILIZE, SANCTION), and not already drawn.

The output (``candidates.jsonl``) holds only the text, its source and stratum: not the lexicon's type, so the
labeller stays blind to what the system predicts.

Round 2 (``--round 2``, ``candidates2.jsonl``): round 1 drew two thirds non-events (WCXB is mostly product and
how-to pages), so a second draw takes only the news sources (no WCXB), up to 6 sentences a document, the
``trigger`` and ``keyword`` strata only, leaving out every round-1 sentence.

Round 3 (``--round 3``, ``candidates3.jsonl``): rounds 1-2 held under 8 sentences each of SANCTION, RETREAT,
MOBILIZE and THREATEN, so a third draw takes from the news sources (up to 12 a document, leaving out rounds 1-2)
only the ``rare`` stratum: sentences with a word of a second codebook list for those types and CONSULT/CONCEDE.
"""

from __future__ import annotations

import glob
import gzip
import json
import random
import re
from pathlib import Path

from evals.paths import default_shared_dir
from storyline.enrich import event_types as et
from storyline.enrich.nlp import get_nlp

EVAL = default_shared_dir() / "eval"
OUT = Path(__file__).resolve().parent / "data" / "plover_real"
KEYWORDS = re.compile(r"\b(aid|donat\w*|relief|humanitarian|assistance|asylum|peacekeep\w*|concession\w*|eas(e|ed|ing)"
                      r"|lift(ed|s)?|reform\w*|cooperat\w*|joint|partnership|extradit\w*|investigat\w*|probe\w*"
                      r"|inquiry|inspect\w*|troops|deploy\w*|mobili[sz]\w*|alert|reinforcement\w*|sanction\w*"
                      r"|embargo\w*|expel\w*|sever\w*|suspend\w*|boycott\w*)\b", re.I)
SIZES = {"trigger": 480, "random": 120, "keyword": 160}
SIZES2 = {"trigger": 330, "random": 0, "keyword": 120}
RARE = re.compile(r"\b(threat\w*|warn\w*|ultimatum|withdr\w*|releas(e|ed)|freed|ceasefire|cease-fire|truce|surrender\w*"
                  r"|resign\w*|pull(ed)? out|sanction\w*|embargo\w*|expel\w*|recall\w*|cut ties|suspend\w*|troops"
                  r"|deploy\w*|alert|mobili[sz]\w*|reinforce\w*|talks|met with|visit\w*|negotiat\w*|lift(ed)?"
                  r"|eas(e|ed)|conce\w*|back(ed)? down)\b", re.I)
SIZES3 = {"rare": 400}


def _docs(news_only: bool = False) -> list[tuple[str, str, str]]:
    """(source, doc id, text) of every DEV news body used."""
    out = []
    for line in (EVAL / "ecbplus_story_clusters" / "docs.jsonl").open(encoding="utf-8"):
        r = json.loads(line)
        out.append(("ecbplus", r["doc_id"], "\n".join(r["text"].split("\n")[2:])))  # skip URL and headline
    for line in (EVAL / "keyphrases_500N_KPCrowd" / "docs.jsonl").open(encoding="utf-8"):
        r = json.loads(line)
        out.append(("kpcrowd", str(r["id"]), r["text"]))
    for line in (EVAL / "kptimes_sample" / "train_sample.jsonl").open(encoding="utf-8"):
        r = json.loads(line)
        out.append(("kptimes", str(r["id"]), r["abstract"]))
    for path in sorted(glob.glob(str(EVAL / "wikinews_meantime_timeline" / "corpus_*" / "trackA_timeml_input" / "*"))):
        xml = gzip.open(path, "rt", encoding="utf-8").read()
        sents = re.findall(r"<s id=\"\d+\">(.*?)</s>", xml)[2:]
        out.append(("meantime", Path(path).name.split(".")[0], " ".join(sents)))
    for key, r in sorted(json.loads((EVAL / "article_extraction_zyte" / "ground-truth.json").read_text()).items()):
        out.append(("zyte", key, r.get("articleBody") or ""))
    for key, r in sorted(json.loads((EVAL / "trafilatura_eval_en" / "evaldata.json").read_text()).items()):
        out.append(("trafilatura", key, " ".join(r.get("with") or [])))
    wcxb = sorted(json.loads((EVAL / "wcxb" / "ground-truth.json").read_text()).items())
    random.Random(7).shuffle(wcxb)
    for key, r in ([] if news_only else wcxb[:300]):
        out.append(("wcxb", key, r.get("main_content") or ""))
    return out


def _clean(text: str) -> str:
    text = re.sub(r"\s+([,.;:!?'%)])", r"\1", text.replace(" 's", "'s").replace("( ", "("))
    return re.sub(r"\s+", " ", text.replace("``", '"').replace("''", '"')).strip()


def _plain(sent) -> bool:
    text = sent.text.strip()
    return (8 <= len(sent) <= 45 and text[:1].isupper() and text[-1:] in '.!?"' and "http" not in text
            and "www." not in text and sum(t.is_alpha for t in sent) >= 0.7 * len(sent))


def select(seed: int = 19, rnd: int = 1, exclude: frozenset[str] = frozenset()) -> list[dict]:
    gold = {r["text"].strip() for r in json.loads((EVAL / "plover_events" / "PLOVER_GSR_CAMEO.json").read_text())
            if isinstance(r.get("text"), str)}
    docs = _docs(news_only=rnd >= 2)
    per_doc, sizes = {1: (3, SIZES), 2: (6, SIZES2), 3: (12, SIZES3)}[rnd]
    nlp = get_nlp()
    pool: dict[str, list[dict]] = {"trigger": [], "random": [], "keyword": [], "rare": []}
    seen = set()
    rng = random.Random(seed)
    for (source, doc_id, _), doc in zip(docs, nlp.pipe([_clean(t)[:20000] for *_, t in docs], batch_size=16)):
        sents = [s for s in doc.sents if _plain(s) and s.text.strip() not in gold]
        rng.shuffle(sents)
        for sent in sents[:per_doc]:
            text = sent.text.strip()
            if text.lower() in seen or text in exclude:
                continue
            seen.add(text.lower())
            row = {"text": text, "source": source, "doc": doc_id}
            fires = et.sentence_plover(sent) is not None
            pool["trigger" if fires else "random"].append(row)
            if KEYWORDS.search(text):
                pool["keyword"].append(row)
            if RARE.search(text):
                pool["rare"].append(row)
    out, taken = [], set()
    for stratum in sizes:
        rows = [r for r in pool[stratum] if r["text"] not in taken]
        random.Random(seed).shuffle(rows)
        for r in rows[:sizes[stratum]]:
            taken.add(r["text"])
            out.append({**r, "stratum": stratum})
    random.Random(seed + 1).shuffle(out)  # strata mixed in labelling order
    first = {1: 0, 2: 1000, 3: 2000}[rnd]
    return [{"id": f"R{first + i:04d}", **r} for i, r in enumerate(out)]


if __name__ == "__main__":
    import sys

    OUT.mkdir(parents=True, exist_ok=True)
    rnd = int(sys.argv[2]) if sys.argv[1:2] == ["--round"] else 1
    names = {1: "candidates.jsonl", 2: "candidates2.jsonl", 3: "candidates3.jsonl"}
    done = frozenset(json.loads(line)["text"] for r in range(1, rnd)
                     for line in (OUT / names[r]).open(encoding="utf-8"))
    rows = select(rnd=rnd, exclude=done)
    with (OUT / names[rnd]).open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(len(rows), {s: sum(r["stratum"] == s for r in rows) for s in ("trigger", "random", "keyword", "rare")})
