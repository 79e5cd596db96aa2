"""Fetcher against a real server on 127.0.0.1, plus address checks that never send traffic."""

from __future__ import annotations

from datetime import UTC

import httpx
import pytest

from storyline.errors import BlockedError, FetchError, TooLargeError
from storyline.ingest import iter_inputs
from storyline.ingest.http import Fetcher
from storyline.ingest.netguard import check_url, is_public_address

PAGE = "<html><head><title>Budget vote</title></head><body><p>Parliament passed the budget.</p></body></html>"


@pytest.fixture
def local(make_settings):
    """Settings that allow the test server's host (and nothing else private)."""
    return make_settings(allowed_hosts="127.0.0.1")


def test_fetch_page_keeps_bytes_status_and_charset(local_server, local_client, local):
    url = local_server.serve("/news/budget", PAGE.encode("iso-8859-1"), Content_Type="text/html; charset=ISO-8859-1")
    page = Fetcher(local, local_client).fetch(url)
    assert page.content == PAGE.encode("iso-8859-1")
    assert (page.status, page.encoding, page.kind, page.url) == (200, "iso-8859-1", "html", url)
    assert page.fetched_at.tzinfo is not None
    sent_headers = local_server.requests[-1][1]
    assert sent_headers["user-agent"] == local.user_agent


def test_robots_txt_disallowed_path_is_refused_and_cached(local_server, local_client, local):
    local_server.serve("/robots.txt", "User-agent: *\nDisallow: /private/\n", Content_Type="text/plain")
    local_server.serve("/private/memo", PAGE)
    open_url = local_server.serve("/public/story", PAGE)
    fetcher = Fetcher(local, local_client)
    with pytest.raises(BlockedError) as info:
        fetcher.fetch(local_server.url("/private/memo"))
    assert info.value.kind == "robots"
    assert fetcher.fetch(open_url).status == 200
    assert local_server.hits("/private/memo") == 0
    assert local_server.hits("/robots.txt") == 1  # cached per host


def test_robots_ignored_when_setting_off(local_server, local_client, make_settings):
    local_server.serve("/robots.txt", "User-agent: *\nDisallow: /\n", Content_Type="text/plain")
    url = local_server.serve("/a", PAGE)
    fetcher = Fetcher(make_settings(allowed_hosts="127.0.0.1", respect_robots=False), local_client)
    assert fetcher.fetch(url).status == 200


def test_redirects_followed_to_final_url(local_server, local_client, local):
    local_server.serve("/old", "", status=301, Location="/mid")
    local_server.serve("/mid", "", status=302, Location=local_server.url("/new"))
    final = local_server.serve("/new", PAGE)
    page = Fetcher(local, local_client).fetch(local_server.url("/old"))
    assert page.url == final and page.content == PAGE.encode()
    assert page.source == local_server.url("/old")


def test_redirect_loop_and_cap(local_server, local_client, make_settings):
    local_server.serve("/loop-a", "", status=302, Location="/loop-b")
    local_server.serve("/loop-b", "", status=302, Location="/loop-a")
    for i in range(5):
        local_server.serve(f"/hop{i}", "", status=302, Location=f"/hop{i + 1}")
    local_server.serve("/hop5", PAGE)
    settings = make_settings(allowed_hosts="127.0.0.1", max_redirects=3)
    fetcher = Fetcher(settings, local_client)
    for start in ("/loop-a", "/hop0"):
        with pytest.raises(FetchError) as info:
            fetcher.fetch(local_server.url(start))
        assert info.value.kind == "too-many-redirects"
    assert local_server.hits("/hop4") == 0  # gave up after 3 redirects


def test_redirect_to_private_address_is_rechecked(local_server, local_client, local):
    local_server.serve("/jump", "", status=302, Location="http://10.0.0.1/admin")
    with pytest.raises(BlockedError) as info:
        Fetcher(local, local_client).fetch(local_server.url("/jump"))
    assert info.value.kind == "blocked-address"


def test_slow_endpoint_times_out(local_server, local_client, make_settings):
    local_server.routes["/slow"] = local_server.slow(1.5)
    fetcher = Fetcher(make_settings(allowed_hosts="127.0.0.1", fetch_timeout=0.2, respect_robots=False), local_client)
    with pytest.raises(FetchError) as info:
        fetcher.fetch(local_server.url("/slow"))
    assert info.value.kind == "timeout"


def _endless(local_server, total: int):
    def route(h):
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Connection", "close")
        h.end_headers()
        chunk = b"<p>" + b"x" * 65_530 + b"</p>"
        sent = 0
        try:
            while sent < total:
                h.wfile.write(chunk)
                sent += len(chunk)
        except OSError:
            pass
        local_server.sent["/huge"] = sent

    return route


def test_huge_streaming_response_stops_at_cap(local_server, local_client, make_settings):
    total = 48_000_000
    local_server.routes["/huge"] = _endless(local_server, total)
    settings = make_settings(allowed_hosts="127.0.0.1", respect_robots=False, max_page_bytes=200_000)
    with pytest.raises(TooLargeError) as info:
        Fetcher(settings, local_client).fetch(local_server.url("/huge"))
    assert info.value.kind == "too-large"


def test_declared_length_over_cap_refused_before_reading(local_server, local_client, make_settings):
    url = local_server.serve("/big", b"y" * 5000)
    settings = make_settings(allowed_hosts="127.0.0.1", respect_robots=False, max_page_bytes=1000)
    with pytest.raises(TooLargeError):
        Fetcher(settings, local_client).fetch(url)


def test_conditional_get_returns_304_page(local_server, local_client, local):
    def route(h):
        if h.headers.get("If-None-Match") == '"v7"':
            local_server.send(h, 304, ETag='"v7"')
        else:
            local_server.send(h, 200, PAGE.encode(), Content_Type="text/html", ETag='"v7"')

    local_server.routes["/cond"] = route
    fetcher = Fetcher(local, local_client)
    first = fetcher.fetch(local_server.url("/cond"))
    assert first.status == 200 and first.headers["etag"] == '"v7"'
    again = fetcher.fetch(local_server.url("/cond"), etag='"v7"', last_modified="Mon, 01 Sep 2025 00:00:00 GMT")
    assert again.status == 304 and again.content == b""
    assert local_server.requests[-1][1]["if-modified-since"] == "Mon, 01 Sep 2025 00:00:00 GMT"


def test_http_error_keeps_body(local_server, local_client, local):
    with pytest.raises(FetchError) as info:
        Fetcher(local, local_client).fetch(local_server.url("/missing"))
    assert info.value.kind == "http-error" and b"not here" in info.value.content


def test_loopback_refused_unless_allowed(local_server, local_client, settings):
    url = local_server.serve("/page", PAGE)
    with pytest.raises(BlockedError) as info:
        Fetcher(settings, local_client).fetch(url)
    assert info.value.kind == "blocked-address"
    assert local_server.requests == []  # refused before connecting


def _no_traffic_client() -> httpx.Client:
    def handler(request):
        raise AssertionError(f"traffic sent to {request.url}")

    return httpx.Client(transport=httpx.MockTransport(handler))


@pytest.mark.parametrize("url", [
    "http://10.0.0.1/", "http://169.254.169.254/latest/meta-data", "http://[::1]:8080/", "http://192.168.1.20/x",
    "http://[::ffff:127.0.0.1]/", "http://0.0.0.0/", "http://100.64.0.1/", "http://[fe80::1]/",
])
def test_non_global_addresses_refused_without_traffic(url, settings):
    fetcher = Fetcher(settings, _no_traffic_client(), resolver=lambda host: pytest.fail("resolved " + host))
    with pytest.raises(BlockedError) as info:
        fetcher.fetch(url)
    assert info.value.kind == "blocked-address"


def test_hostname_checked_on_every_resolved_address(settings):
    names = {"mixed.example": ["93.184.215.14", "10.9.8.7"], "good.example": ["93.184.215.14", "2606:2800::1"]}
    with pytest.raises(BlockedError):
        check_url("https://mixed.example/a", settings, resolver=names.__getitem__)
    check_url("https://good.example/a", settings, resolver=names.__getitem__)  # no error
    assert is_public_address("8.8.8.8") and not is_public_address("fc00::1")


def test_unresolvable_host_is_connect_error(settings):
    def resolver(host):
        raise OSError("Name or service not known")

    with pytest.raises(FetchError) as info:
        Fetcher(settings, _no_traffic_client(), resolver=resolver).fetch("https://no-such-host.invalid/")
    assert info.value.kind == "connect-error"


@pytest.mark.parametrize("url", ["ftp://example.org/file", "file:///etc/passwd", "gopher://x/"])
def test_other_schemes_refused(url, settings):
    with pytest.raises(BlockedError) as info:
        Fetcher(settings, _no_traffic_client()).fetch(url)
    assert info.value.kind == "blocked-scheme"


def test_per_host_delay_uses_injected_clock(make_settings):
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds):
        slept.append(seconds)
        now[0] += seconds

    client = httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(200, html=PAGE)))
    settings = make_settings(per_host_delay=2.0, respect_robots=False)
    fetcher = Fetcher(settings, client, clock=lambda: now[0], sleep=sleep, resolver=lambda h: ["93.184.215.14"])
    fetcher.fetch("https://a.example/1")
    now[0] += 0.5
    fetcher.fetch("https://a.example/2")  # 0.5 s after the first: waits 1.5 s more
    fetcher.fetch("https://b.example/1")  # another host: no wait
    assert slept == [pytest.approx(1.5)]


def test_iter_inputs_reports_url_problems_and_continues(local_server, local_client, local):
    good = local_server.serve("/ok", PAGE)
    records = list(iter_inputs([local_server.url("/missing"), "ftp://x.example/a", good], local, client=local_client))
    assert [r.kind for r in records] == ["http-error", "blocked-scheme", "html"]
    assert records[0].source == local_server.url("/missing") and "404" in records[0].message
    assert records[2].content == PAGE.encode()


def test_url_kinds_follow_content_and_fetched_at_override(local_server, local_client, local):
    from datetime import datetime

    when = datetime(2025, 1, 2, 3, 4, tzinfo=UTC)
    dump = local_server.serve("/dump", "Talks resume\n2 hours ago\nNegotiators met again.", Content_Type="text/plain")
    page = local_server.serve("/page", PAGE, Content_Type="application/octet-stream")
    image = local_server.serve("/logo", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", Content_Type="image/png")
    records = list(iter_inputs([dump, page, image], local, client=local_client, fetched_at=when))
    assert [r.kind for r in records] == ["text", "html", "unsupported"]
    assert records[0].fetched_at == when and records[0].url == dump
    assert "PNG" in records[2].message
