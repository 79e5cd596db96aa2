"""The guarded client: transition addresses refused, address pinned at connection, one overall deadline."""

from __future__ import annotations

import socket
import threading
import time

import httpx
import pytest

from storyline.errors import BlockedError, FetchError
from storyline.ingest.guarded import GuardedBackend, deadline, guarded_client
from storyline.ingest.http import Fetcher
from storyline.ingest.netguard import check_url, is_public_address


@pytest.mark.parametrize("address", [
    "2002:7f00:1::",  # 6to4 of 127.0.0.1
    "2002:a00:1::1",  # 6to4 of 10.0.0.1
    "2002:a9fe:a9fe::",  # 6to4 of 169.254.169.254
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo, client 192.0.2.45
    "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
    "64:ff9b::a9fe:a9fe",  # NAT64 of the metadata address
    "64:ff9b:1::a00:1",  # local-use NAT64
    "::127.0.0.1",  # IPv4-compatible
    "::ffff:10.1.2.3",  # IPv4-mapped
    "169.254.169.254", "fd00:ec2::254", "168.63.129.16", "100.100.100.200",  # metadata services
])
def test_transition_and_metadata_addresses_are_not_public(address):
    assert not is_public_address(address)


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:4700::1", "2002:5db8:d70e::", "64:ff9b::5db8:d70e"])
def test_public_addresses_and_their_transition_forms_pass(address):
    assert is_public_address(address)


def test_6to4_literal_refused_by_fetcher_guard(settings):
    with pytest.raises(BlockedError) as info:
        check_url("http://[2002:7f00:1::]/", settings)
    assert info.value.kind == "blocked-address"


def test_rebinding_name_is_checked_again_at_connection(settings, local_server):
    """First answer public (passes the pre-check), second answer loopback: the connection is refused."""
    local_server.serve("/secret", "internal")
    answers = iter([["93.184.215.14"], ["127.0.0.1"]])
    fetcher = Fetcher(settings, resolver=lambda host: next(answers))
    fetcher.settings.respect_robots = False
    with pytest.raises(BlockedError) as info:
        fetcher.fetch(f"http://rebind.example:{local_server.port}/secret")
    assert info.value.kind == "blocked-address"
    assert local_server.hits("/secret") == 0


def test_connection_uses_the_checked_address(make_settings, local_server):
    """The socket goes to the address that was checked (the resolver is asked once per connection)."""
    local_server.serve("/ok", "<html><body><p>fine</p></body></html>")
    asked: list[str] = []

    def resolver(host):
        asked.append(host)
        return ["127.0.0.1"]

    settings = make_settings(allowed_hosts="pinned.example", respect_robots=False)
    page = Fetcher(settings, resolver=resolver).fetch(f"http://pinned.example:{local_server.port}/ok")
    assert page.status == 200 and b"fine" in page.content
    assert asked == ["pinned.example"]  # the pre-check is skipped for allowed hosts; one lookup, pinned
    assert GuardedBackend(settings, resolver).pin("pinned.example") == "127.0.0.1"


@pytest.fixture
def trickler():
    """A raw server on 127.0.0.1 that sends one response header line per second, forever."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)
    stop = threading.Event()

    def handle(conn):
        with conn:
            try:
                conn.recv(65536)
                conn.sendall(b"HTTP/1.1 200 OK\r\n")
                for i in range(60):
                    if stop.wait(1.0):
                        return
                    conn.sendall(f"X-Line-{i}: {i}\r\n".encode())
            except OSError:
                return

    def serve():
        while not stop.is_set():
            try:
                conn, _ = srv.accept()
            except OSError:
                return
            threading.Thread(target=handle, args=(conn,), daemon=True).start()

    threading.Thread(target=serve, daemon=True).start()
    yield f"http://127.0.0.1:{srv.getsockname()[1]}/"
    stop.set()
    srv.close()


def test_slow_header_lines_cut_at_overall_deadline(trickler, make_settings):
    settings = make_settings(allowed_hosts="127.0.0.1", respect_robots=False, fetch_timeout=2.5)
    start = time.monotonic()
    with pytest.raises(FetchError) as info:
        Fetcher(settings).fetch(trickler)
    took = time.monotonic() - start
    assert info.value.kind == "timeout"
    # each line arrives within the per-read timeout, so only the deadline stops it; without it: 60 s
    assert took < 2.5 + 5.0  # slack for a loaded machine


def test_deadline_applies_to_a_plain_guarded_client(trickler, make_settings):
    settings = make_settings(allowed_hosts="127.0.0.1")
    start = time.monotonic()
    with guarded_client(settings, timeout=5.0) as client, pytest.raises(httpx.TimeoutException), deadline(1.5):
        client.get(trickler)
    assert time.monotonic() - start < 1.5 + 5.0  # the server would go on for 60 s


def test_guarded_client_refuses_loopback_without_allowance(settings, local_server):
    local_server.serve("/x", "no")
    with guarded_client(settings) as client, pytest.raises(BlockedError):
        client.get(local_server.url("/x"))
    assert local_server.hits("/x") == 0
