"""Integer parameters are bounded (422/404, never 500), the connection survives, and a property-based run
over every operation of /openapi.json never gets a 500."""

from __future__ import annotations

import socket
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from storyline.web.server import background_server

BIG = "99999999999999999999999"
OVERFLOWING = [
    f"/api/v1/articles/{BIG}", f"/api/v1/stories/{BIG}", f"/api/v1/entities/{BIG}",
    f"/api/v1/articles?offset={BIG}", f"/api/v1/articles?story_id={BIG}", f"/api/v1/stories?entity_id={BIG}",
    f"/api/v1/events?entity_id={BIG}", f"/api/v1/search?q=x&entity={BIG}", "/api/v1/articles?since=99999999d",
    "/api/v1/stories?since=99999999d", "/api/v1/tags?since=99999999d", f"/api/v1/articles/-{BIG}",
    f"/articles/{BIG}", f"/stories/{BIG}", f"/entities/{BIG}", f"/entities/1?offset={BIG}",
    f"/search?q=x&offset={BIG}", f"/search?q=x&entity={BIG}", f"/tags/x?offset={BIG}",
    f"/stories/{BIG}.atom", f"/entities/{BIG}.atom", f"/saved/{BIG}.atom", f"/search.atom?q=x&entity={BIG}",
]


def test_impossible_dates_in_a_question_are_no_period(client):
    for q in ("What happened in 2026-00?", "Who met on February 31, 2026?", "talks in 2026-13"):
        assert client.get("/api/v1/ask", params={"q": q}).status_code < 500


@pytest.mark.parametrize("path", OVERFLOWING)
def test_out_of_range_integers_are_422(client, path):
    resp = client.get(path)
    assert resp.status_code == 422, (path, resp.status_code, resp.text[:200])


@pytest.mark.parametrize("path", [f"/stories/{2**63 - 1}", f"/api/v1/articles/{2**63 - 1}"])
def test_in_range_but_absurd_values_are_answered(client, path):
    assert client.get(path).status_code < 500


@pytest.mark.parametrize("path", ["/search?q=x&since=99999999d", "/api/v1/search?q=x&since=99999999d"])
def test_a_span_past_a_century_is_a_clear_error(client, path):
    resp = client.get(path)
    assert resp.status_code in (400, 422) and "99999999d" in resp.text


def _get(sock: socket.socket, path: str) -> tuple[int, bytes]:
    """One HTTP/1.1 request on an open socket; the whole response read by its Content-Length."""
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n".encode())
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("server closed the connection")
        data += chunk
    head, body = data.split(b"\r\n\r\n", 1)
    length = next(
        int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")
    )
    while len(body) < length:
        body += sock.recv(65536)
    return int(head.split()[1]), head


def test_keep_alive_connection_survives_an_overflow(app):
    with background_server(app) as base:
        port = int(base.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            assert _get(sock, f"/api/v1/articles/{BIG}")[0] == 422
            assert _get(sock, "/api/v1/articles?since=99999999d")[0] == 422
            status, head = _get(sock, "/api/v1/articles?limit=1")  # the same socket still answers
            assert status == 200 and b"connection: close" not in head.lower()


# ---------------------------------------------------------------- property-based run over /openapi.json


def _value(schema: dict) -> st.SearchStrategy:
    """Values for one parameter: in its schema's range and, on purpose, outside it."""
    if "anyOf" in schema:
        return st.one_of([_value(s) for s in schema["anyOf"] if s.get("type") != "null"] or [st.none()])
    kind = schema.get("type")
    if kind == "integer":
        low, high = schema.get("minimum", -(2**70)), schema.get("maximum", 2**70)
        return st.one_of(
            st.integers(low, high), st.integers(-(2**80), 2**80), st.sampled_from([0, -1, 2**63, 2**64, 10**30])
        )
    if kind == "boolean":
        return st.sampled_from(["true", "false", "1", "maybe"])
    return st.one_of(
        st.text(st.characters(codec="utf-8"), min_size=schema.get("minLength", 0), max_size=30),
        st.sampled_from(
            [
                "99999999d",
                "-5d",
                "2026-13-40",
                "1e309",
                "NaN",
                "' OR 1=1 --",
                "%00",
                "#x",
                "..",
                "*",
                '"unclosed',
                "a" * 300,
            ]
        ),
    )


def _operations(spec: dict) -> list[tuple[str, str, list[dict]]]:
    return [
        (method.upper(), path, op.get("parameters", []))
        for path, ops in spec["paths"].items()
        for method, op in ops.items()
    ]


def test_no_operation_of_the_openapi_spec_answers_500(client):
    spec = client.get("/openapi.json").json()
    base = spec.get("servers", [{"url": ""}])[0]["url"]
    operations = _operations(spec)
    assert len(operations) >= 10

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(st.data())
    def run(data):
        method, path, params = data.draw(st.sampled_from(operations))
        query, url = {}, path
        for p in params:
            if p["in"] == "path" or p.get("required") or data.draw(st.booleans()):
                value = data.draw(_value(p.get("schema", {})))
                if p["in"] == "path":
                    url = url.replace("{" + p["name"] + "}", quote(str(value), safe="") or "x")
                elif p["in"] == "query" and value is not None:
                    query[p["name"]] = str(value)
        try:
            resp = client.request(method, base + url, params=query)
        except (httpx.InvalidURL, UnicodeError):  # the client cannot send it at all: no server answer to judge
            reject()
        assert resp.status_code < 500, (method, url, query, resp.status_code, resp.text[:300])

    for _ in range(len(operations) // 3 + 1):  # ~25 examples per round; enough rounds to reach every operation
        run()
