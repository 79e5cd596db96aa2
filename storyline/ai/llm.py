"""Optional generative answers through an OpenAI-compatible endpoint (``llm_endpoint``).

The prompt carries only the retrieved passages, numbered ``[1]..[n]``; the model is told to
cite them. Its output is then checked sentence by sentence: a sentence is kept only if it cites
at least one passage (``[n]`` markers) and its content words are supported by the cited passages
(most of its content words, numbers included, appear in them). Unsupported sentences are dropped
and reported in ``dropped``. Any HTTP error, timeout or malformed reply returns ``None`` so the
caller falls back to the extractive answer.
"""

from __future__ import annotations

import re

import httpx

from storyline.config import Settings
from storyline.text.sentences import split_spans
from storyline.text.tokens import content_words

SUPPORT = 0.6
_MARK = re.compile(r"\[(\d+)\]")
_AFTER_STOP = re.compile(r"([.!?])\s*((?:\[\d+\]\s*)+)")
SYSTEM = ("You answer questions about news using ONLY the numbered passages given. After every sentence, "
          "cite the passages it comes from as [n]. If the passages do not answer the question, say so.")


def build_messages(question: str, passages) -> list[dict]:
    numbered = "\n".join(f"[{i}] {p.sentence.text}" for i, p in enumerate(passages, start=1))
    return [{"role": "system", "content": SYSTEM},
            {"role": "user", "content": f"Passages:\n{numbered}\n\nQuestion: {question}"}]


def supported(sentence: str, cited: list[str]) -> bool:
    """Most of the sentence's content words (and all its numbers) appear in the cited passages."""
    words = set(content_words(_MARK.sub(" ", sentence)))
    if not words or not cited:
        return False
    source = set(content_words(" ".join(cited)))
    numbers = {w for w in words if any(ch.isdigit() for ch in w)}
    return numbers <= source and len(words & source) / len(words) >= SUPPORT


def check_output(text: str, passages) -> tuple[list[tuple[str, list[int]]], list[str]]:
    """Split the model's text into (sentence, passage numbers) kept, and sentences dropped."""
    kept, dropped = [], []
    # "claim. [1] Next" -> "claim [1]. Next": markers after the full stop belong to that sentence
    text = _AFTER_STOP.sub(lambda m: " " + m.group(2).strip() + m.group(1) + " ", text)
    for _s, _e, sent in split_spans(text):
        nums = [int(n) for n in _MARK.findall(sent) if 1 <= int(n) <= len(passages)]
        cited = [passages[n - 1].sentence.text for n in nums]
        if nums and supported(sent, cited):
            kept.append((sent, nums))
        else:
            dropped.append(sent)
    return kept, dropped


def complete(messages: list[dict], settings: Settings, client: httpx.Client | None = None,
             timeout: float = 30.0) -> str:
    """POST {endpoint}/v1/chat/completions; the first choice's message content."""
    url = settings.llm_endpoint.rstrip("/") + "/v1/chat/completions"
    payload = {"model": settings.llm_model, "messages": messages, "temperature": 0}
    own = client is None
    client = client or httpx.Client(timeout=timeout)
    try:
        resp = client.post(url, json=payload)
        resp.raise_for_status()
        return resp.json()["choices"][0]["message"]["content"]
    finally:
        if own:
            client.close()


def generate_answer(question: str, passages, settings: Settings, *, client: httpx.Client | None = None,
                    timeout: float = 30.0) -> dict | None:
    """Generated, checked answer with citations, or ``None`` (error, timeout, nothing supported)."""
    try:
        text = complete(build_messages(question, passages), settings, client, timeout)
    except (httpx.HTTPError, KeyError, IndexError, TypeError, ValueError):
        return None
    kept, dropped = check_output(str(text), passages)
    if not kept:
        return None
    used = sorted({n for _, nums in kept for n in nums})
    renumber = {old: new for new, old in enumerate(used, start=1)}
    answer = " ".join(_MARK.sub(lambda m: f"[{renumber.get(int(m.group(1)), '?')}]", s) for s, _ in kept)
    return {"answer": answer, "citations": [passages[n - 1].sentence.citation() for n in used],
            "dropped": dropped, "model": settings.llm_model, "passages": len(passages)}
