"""Score officials' and officers' roles on real news pages against a hand-labelled gold.

The gold (``evals/data/roles/gold.json``) lists the roles stated on DEV news pages of
``../shared/eval`` (Zyte, trafilatura, htmldate and WCXB sets) and on the DEV Wikinews articles of MEANTIME
(``meantime:<file stem>``): person, office, organisation, status and an evidence sentence. Each
page goes through the product's own path (``extract_page``, then ``enrich_many``; a MEANTIME
article, which comes as tokens, is detokenised into an ``Article`` and only enriched); a predicted
role matches a gold one of the same page when the person's surname agrees and the offices agree
after normalisation (:func:`office_form`). Precision counts every predicted role on the gold pages.

Pages are dealt to ``k`` folds by a hash of their id. Fold 0 is the tuning fold (the one read
while writing title rules); the other folds are the check: their mean is the figure to quote. A text whose gold
roles are marked ``tuning_only`` (the 500N-KPCrowd news texts, ``kpcrowd:<id>``, and the TempEval-3 platinum news
texts, ``tempeval:<file stem>``, added to give the rules more tuning material) is always in fold 0, so the check folds
stay as they were; so is every text of the gold's ``texts_without_roles`` (tuning texts read the same way that state
no role in scope: sports reports, film news, blog pages), which count only for precision.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

from storyline.enrich import enrich_many
from storyline.extract import extract_page
from storyline.models import Article, FetchedPage

GOLD_PATH = Path(__file__).parent / "data" / "roles" / "gold.json"
_FETCHED_AT = datetime(2026, 1, 1, tzinfo=UTC)
_SYNONYMS = {
    "chief executive officer": "ceo",
    "chief executive": "ceo",
    "chairwoman": "chairman",
    "chair": "chairman",
    "co-founder": "founder",
    "cofounder": "founder",
    "spokeswoman": "spokesman",
    "spokesperson": "spokesman",
    "co-ceo": "ceo",
    "premier": "premier",
    "congressman": "representative",
    "congresswoman": "representative",
    "rep.": "representative",
    "sen.": "senator",
    "gov.": "governor",
    "executive chairman": "chairman",
    "president of the senate": "senate president",
    "u.s. attorney": "attorney",
    "united states attorney": "attorney",
    "inspector-general of police": "inspector general of police",
    "member of parliament": "mp",
}


def office_form(office: str) -> str:
    """Lower-cased office with synonyms and hyphenated spellings folded: "Chief Executive Officer" -> "ceo",
    "Co-Founder" -> "founder", "Secretary-General" -> "secretary general", "Vice-President" -> "vice president"."""
    t = " ".join(office.lower().replace("-in-", " in ").split())
    t = re.sub(r"\b(secretary|director|governor|attorney|surgeon|inspector)-general\b", r"\1 general", t)
    t = re.sub(r"\bvice-(?=\w)", "vice ", t)  # "Vice-President" is "Vice President"
    for long, short in sorted(_SYNONYMS.items(), key=lambda kv: -len(kv[0])):
        t = re.sub(rf"(?<![\w-]){re.escape(long)}(?![\w-])", short, t)
    return t.strip()


def offices_match(gold: str, pred: str) -> bool:
    """Same office: equal forms, or one form is the other's tail ("Interior Minister" vs "Minister" is not)."""
    g, p = office_form(gold), office_form(pred)
    return g == p or (len(p.split()) > 1 and (g.endswith(" " + p) or p.endswith(" " + g)))


def _surname(name: str) -> str:
    words = [w for w in re.sub(r"\b(Jr|Sr)\.?", "", name).replace(",", " ").split() if w[:1].isalpha()]
    return words[-1].lower() if words else ""


def fold_of(doc: str, k: int) -> int:
    return int(hashlib.md5(doc.encode("utf-8")).hexdigest(), 16) % k


_MEANTIME = "wikinews_meantime_timeline"


def detokenize(sentences: list[list[str]]) -> list[str]:
    """MEANTIME sentences from their tokens: "GM 's CEO , Rick" -> "GM's CEO, Rick"; `` x '' -> "x".

    Quote marks are paired over the whole article (a quotation often runs over several sentences).
    """
    out, inside = [], False
    for tokens in sentences:
        words: list[str] = []
        glue = False  # the next token joins the previous one (after an opening quote)
        for tok in tokens:
            if tok in ('"', "``", "''"):
                opening = tok == "``" or (tok == '"' and not inside)
                inside = opening
                if opening:
                    words.append('"')
                    glue = True
                    continue
                if words:
                    words[-1] += '"'
                else:
                    words.append('"')
                continue
            if glue and words:
                words[-1] += tok
            else:
                words.append(tok)
            glue = False
        t = " ".join(words)
        t = re.sub(r" ([.,;:!?%)\]])", r"\1", t)
        t = re.sub(r"([(\[$]) ", r"\1", t)
        t = re.sub(r" (['’](?:s|re|ve|ll|d|m)|n't)\b", r"\1", t)
        out.append(re.sub(r"\b([A-Z]|I)' (?=[A-Za-z])", r"\1'", t))  # "O' Leary", "I' ll"
    return out


def meantime_sentences(shared: Path, stem: str) -> list[str]:
    """The sentences of one MEANTIME article (0 = headline, 1 = date line), detokenised."""
    from lxml import etree

    path = next((shared / "eval" / _MEANTIME).glob(f"corpus_*/meantime_xml/{glob_escape(stem)}.xml.gz"))
    root = etree.fromstring(gzip.decompress(path.read_bytes()))
    sents: dict[int, list[str]] = defaultdict(list)
    for tok in root.iter("token"):
        sents[int(tok.get("sentence"))].append(tok.text or "")
    return detokenize([sents[i] for i in sorted(sents)])


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def _meantime_article(shared: Path, stem: str) -> Article:
    sents = meantime_sentences(shared, stem)
    return Article(body="\n".join(sents[2:]), source=f"meantime:{stem}", title=sents[0], fetched_at=_FETCHED_AT)


def _ecbplus_article(shared: Path, doc_id: str) -> Article:
    """An ECB+ news text (tokens joined by spaces, one sentence a line; an ``ecbplus`` text opens with its URL),
    detokenised; its first sentence is the headline."""
    path = shared / "eval" / "ecbplus_story_clusters" / "docs.jsonl"
    row = next(r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if r["doc_id"] == doc_id)
    lines = [ln for ln in row["text"].split("\n") if ln.strip()]
    if row["subtopic"] == "ecbplus" and lines and lines[0].replace(" ", "").startswith("http"):
        lines = lines[1:]
    sents = detokenize([ln.split() for ln in lines])
    return Article(body="\n".join(sents[1:]), source=f"ecbplus:{doc_id}", title=sents[0], fetched_at=_FETCHED_AT)


def _kpcrowd_article(shared: Path, doc_id: str) -> Article:
    """A 500N-KPCrowd news text (plain text, its first line the headline; quotes come doubled, CSV-style)."""
    path = shared / "eval" / "keyphrases_500N_KPCrowd" / "docs.jsonl"
    row = next(r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if r["id"] == doc_id)
    title, _, body = row["text"].replace('""', '"').partition("\n")
    return Article(body=body.strip(), source=f"kpcrowd:{doc_id}", title=title.strip(), fetched_at=_FETCHED_AT)


def _tempeval_article(shared: Path, stem: str) -> Article:
    """A TempEval-3 platinum news text (the system input file: its TITLE and its TEXT, TimeML tags dropped)."""
    raw = (shared / "eval" / "tempeval3_platinum" / "input" / f"{stem}.tml.TE3input").read_text(encoding="utf-8")
    title = re.search(r"<TITLE>(.*?)</TITLE>", raw, re.S)
    text = re.sub(r"<[^>]+>", "", re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S).group(1))
    return Article(body=text.strip(), source=f"tempeval:{stem}", title=title.group(1).strip() if title else "",
                   fetched_at=_FETCHED_AT)


_TEXT_SETS = {"meantime": _meantime_article, "ecbplus": _ecbplus_article, "kpcrowd": _kpcrowd_article,
              "tempeval": _tempeval_article}


def _page(shared: Path, doc: str) -> FetchedPage:
    dataset, _, key = doc.partition(":")
    base = shared / "eval"
    url = None
    if dataset == "zyte":
        path = base / "article_extraction_zyte" / "html" / f"{key}.html.gz"
    elif dataset == "trafilatura":
        meta = json.loads((base / "trafilatura_eval_en" / "evaldata.json").read_text(encoding="utf-8"))[key]
        path = base / "trafilatura_eval_en" / meta["html_path"]
    elif dataset == "htmldate":  # news pages of htmldate_pubdate, by file name
        path = base / "htmldate_pubdate" / "html" / f"{key}.gz"
    else:
        path = base / "wcxb" / "html" / f"{key}.html.gz"
    raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return FetchedPage(source=str(path), content=raw, fetched_at=_FETCHED_AT, url=url)


def predict(shared: Path, docs: list[str]) -> dict[str, list]:
    """The product's roles for each gold page: extract, then enrich."""
    articles = {}
    for doc in docs:
        dataset, _, key = doc.partition(":")
        if dataset in _TEXT_SETS:
            articles[doc] = _TEXT_SETS[dataset](shared, key)
            continue
        result = extract_page(_page(shared, doc))
        if result.articles:
            articles[doc] = result.articles[0]
    enriched = enrich_many(list(articles.values()))
    return {doc: list(e.roles or []) for doc, e in zip(articles, enriched)} | {d: [] for d in docs if d not in articles}


def match(gold: list[dict], pred: list) -> tuple[int, list[dict], list]:
    """(true positives, missed gold roles, spurious predicted roles) on one page."""
    left = list(pred)
    missed = []
    for g in gold:
        hit = next(
            (p for p in left if _surname(p.person) == _surname(g["person"]) and offices_match(g["office"], p.office)),
            None,
        )
        if hit is None:
            missed.append(g)
        else:
            left.remove(hit)
    return len(gold) - len(missed), missed, left


def eval_roles(shared: Path, k: int = 5, gold_path: Path = GOLD_PATH, check_only: bool = False) -> dict:
    """Per-fold precision and recall; the check figure is the mean over folds 1..k-1.

    ``check_only`` leaves fold 0 (the tuning fold and its tuning-only texts) unread: the check mean is the same
    and the run parses only the check folds' texts (the floor test).
    """
    data = json.loads(gold_path.read_text(encoding="utf-8"))
    gold = data["roles"]
    by_doc: dict[str, list[dict]] = defaultdict(list)
    tuning_only = set()
    for g in gold:
        by_doc[g["doc"]].append(g)
        if g.get("tuning_only"):
            tuning_only.add(g["doc"])
    for doc in data.get("texts_without_roles", []):  # read, no role in scope: every predicted role is spurious
        by_doc.setdefault(doc, [])
        tuning_only.add(doc)
    if check_only:
        by_doc = {doc: roles for doc, roles in by_doc.items() if doc not in tuning_only and fold_of(doc, k) != 0}
    pred = predict(shared, sorted(by_doc))
    folds = [{"fold": f, "tp": 0, "gold": 0, "pred": 0, "docs": 0} for f in range(k)]
    errors = []
    for doc, roles in by_doc.items():
        tp, missed, spurious = match(roles, pred[doc])
        fold = 0 if doc in tuning_only else fold_of(doc, k)
        row = folds[fold]
        row["tp"] += tp
        row["gold"] += len(roles)
        row["pred"] += tp + len(spurious)
        row["docs"] += 1
        errors.append(
            {
                "doc": doc,
                "fold": fold,
                "missed": [(m["person"], m["office"]) for m in missed],
                "spurious": [(p.person, p.office, p.organization) for p in spurious],
            }
        )
    for row in folds:
        row["recall"] = row["tp"] / (row["gold"] or 1)
        row["precision"] = row["tp"] / (row["pred"] or 1)
    check = folds[1:]
    mean = {m: sum(r[m] for r in check) / len(check) for m in ("precision", "recall")}
    return {
        "folds": folds,
        "check_mean": mean,
        "tuning_fold": folds[0],
        "errors": errors,
        "roles": len(gold),
        "pages": len(by_doc),
    }
