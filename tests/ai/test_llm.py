"""Generative mode against a local stand-in for an OpenAI-compatible server on 127.0.0.1: cited,
supported sentences are kept, an unsupported one is dropped, failures fall back to extractive."""

from __future__ import annotations

import json
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from storyline.ai.ask import ask
from storyline.ai.llm import check_output, supported
from storyline.config import Settings


@contextmanager
def stand_in(reply, status: int = 200):
    """A chat-completions server; ``reply(messages) -> str``. Records the requests it got."""
    seen: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            seen.append({"path": self.path, "body": body})
            if status != 200:
                self.send_response(status)
                self.end_headers()
                return
            out = {"id": "x", "object": "chat.completion", "model": body["model"],
                   "choices": [{"index": 0, "message": {"role": "assistant", "content": reply(body["messages"])},
                                "finish_reason": "stop"}]}
            data = json.dumps(out).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()


def _passages(messages) -> list[str]:
    user = messages[-1]["content"]
    return [line.split("] ", 1)[1] for line in user.splitlines() if line.startswith("[")]


def _canned(messages) -> str:
    """Two sentences copied from passages 1 and 2, and one invented claim citing passage 1."""
    p = _passages(messages)
    return (f"{p[0]} [1] {p[1] if len(p) > 1 else p[0]} [{2 if len(p) > 1 else 1}] "
            "The ministers also signed a secret uranium deal worth 900 billion dollars in Paris. [1]")


def test_generative_answer_keeps_supported_and_drops_unsupported(seeds_store):
    question = "What did NATO and Japan agree on?"
    with stand_in(_canned) as (url, seen):
        result = ask(seeds_store, question, settings=Settings(llm_endpoint=url, llm_model="stand-in"))
    assert seen and seen[0]["path"] == "/v1/chat/completions" and seen[0]["body"]["model"] == "stand-in"
    prompt = seen[0]["body"]["messages"][-1]["content"]
    assert question in prompt and "[1]" in prompt
    assert result["mode"] == "generative"
    assert "uranium" not in result["answer"]
    assert any("uranium" in d for d in result["generation"]["dropped"])
    assert result["citations"]
    for c in result["citations"]:
        assert c["sentence"] in seeds_store.get_article(c["article_id"])["body"]
        assert c["sentence"] in prompt  # the model saw only the retrieved passages


def test_endpoint_errors_fall_back_to_extractive(seeds_store):
    with stand_in(_canned, status=500) as (url, _):
        result = ask(seeds_store, "What did NATO and Japan agree on?", settings=Settings(llm_endpoint=url))
    assert result["mode"] == "extractive" and "fallback" in result["generation"]
    assert result["citations"]
    dead = ask(seeds_store, "What did NATO and Japan agree on?", settings=Settings(llm_endpoint="http://127.0.0.1:9"))
    assert dead["mode"] == "extractive" and dead["citations"]


def test_offline_by_default(seeds_store):
    assert Settings(llm_endpoint="").llm_endpoint == ""
    result = ask(seeds_store, "What did NATO and Japan agree on?", settings=Settings(llm_endpoint=""))
    assert result["mode"] == "extractive" and "generation" not in result


def test_support_check():
    passage = "Japan and NATO agreed Tuesday to closely collaborate to address security challenges."
    assert supported("Japan and NATO agreed to collaborate on security challenges [1].", [passage])
    assert not supported("Japan and NATO agreed to spend 5 percent on defence [1].", [passage])
    assert not supported("Iran signed an oil pact with Brazil [1].", [passage])

    class P:
        def __init__(self, text):
            self.sentence = type("S", (), {"text": text})()

    kept, dropped = check_output("Japan and NATO agreed to collaborate [1]. Uncited claim about Japan and NATO.",
                                 [P(passage)])
    assert len(kept) == 1 and kept[0][1] == [1] and dropped == ["Uncited claim about Japan and NATO."]
