"""Ask a question of the store; every answer cites the sentences it came from.

1. The question is parsed (:mod:`storyline.ai.qparse`). Role, date and outlet questions are
   answered from the fact tables (:mod:`storyline.ai.answers`).
2. Anything else, or a structured question the facts cannot answer, goes to hybrid retrieval
   (:mod:`storyline.ai.retrieve`) and the answer is built from the best sentences (extractive),
   or, when ``llm_endpoint`` is set, written by the model from the numbered passages and checked
   sentence by sentence (:mod:`storyline.ai.llm`; errors fall back to the extractive answer).

Nothing from quality-flagged articles is ever quoted: the fact reads skip flagged facts, the
retrieval skips flagged articles, and :func:`ask` drops any citation that points at one.
"""

from __future__ import annotations

from storyline.ai import answers
from storyline.ai.llm import generate_answer
from storyline.ai.qparse import parse_question
from storyline.ai.retrieve import retrieve
from storyline.ai.text import is_clean, overlap
from storyline.config import Settings

_STRUCTURED = {"role": answers.answer_role, "person_role": answers.answer_person_role,
               "event_date": answers.answer_event_date, "outlets": answers.answer_outlets}
NO_ANSWER = "No stored article answers this question."


def extractive_answer(passages, max_sentences: int = 3) -> tuple[str, list[dict]]:
    """The best passages, near-duplicates collapsed, as the answer text with one citation each."""
    chosen = []
    for p in passages:
        if all(overlap(p.sentence.words, c.sentence.words) < 0.75 for c in chosen):
            chosen.append(p)
        if len(chosen) >= max_sentences:
            break
    if not chosen:
        return NO_ANSWER, []
    text = " ".join(f"{c.sentence.text} [{i}]" for i, c in enumerate(chosen, start=1))
    return text, [c.sentence.citation() for c in chosen]


def _clean_citations(store, citations: list[dict]) -> list[dict]:
    """Citations from clean articles only, and one per sentence: the same sentence in a re-published
    copy of a wire story is the same source, cited once."""
    ids = sorted({c["article_id"] for c in citations})
    ok = {r["id"] for r in store.get_articles(ids) if is_clean(r)}
    seen: set[str] = set()
    out = []
    for c in citations:
        said = " ".join(c.get("sentence", "").split()).lower()
        if c["article_id"] in ok and said not in seen:
            seen.add(said)
            out.append(c)
    return out


def ask(store, question: str, *, settings: Settings | None = None, client=None) -> dict:
    """``{"answer", "citations": [{"article_id", "sentence", ...}], "kind", "mode", "retrieval"}``."""
    settings = settings or Settings()
    q = parse_question(store, question)
    out = {"question": question, "answer": NO_ANSWER, "citations": [], "kind": q.kind, "mode": "extractive",
           "retrieval": None, "parsed": {"entities": [e["name"] for e in q.entities], "office": q.office,
                                         "period": q.period_text, "topic": q.topic}}
    if q.kind in _STRUCTURED:
        found = _STRUCTURED[q.kind](store, q)
        if found:
            out["answer"], out["citations"] = found
            out["mode"] = "facts"
            out["citations"] = _clean_citations(store, out["citations"])
            return out
        out["kind"] = "general"
    result = retrieve(store, question)
    out["retrieval"] = result.meta()
    out["answer"], out["citations"] = extractive_answer(result.passages)
    if settings.llm_endpoint and result.passages:
        gen = generate_answer(question, result.passages, settings, client=client)
        if gen is not None:
            out["answer"], out["citations"] = gen["answer"], gen["citations"]
            out["mode"] = "generative"
            out["generation"] = {k: v for k, v in gen.items() if k not in {"answer", "citations"}}
        else:
            out["generation"] = {"fallback": "the generative endpoint failed; extractive answer shown"}
    out["citations"] = _clean_citations(store, out["citations"])
    return out
