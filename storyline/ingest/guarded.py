"""An HTTP client that checks the address it actually connects to, under one overall deadline.

``guarded_client(settings)`` is an ``httpx.Client`` whose connections are opened by
:class:`GuardedBackend`: the host name is resolved once, every address must pass
``netguard.is_public_address`` (unless the settings allow private addresses or list the host),
and the socket is connected to that checked address, so a DNS server answering differently
between the check and the connection (DNS rebinding) gains nothing: the pinned address is
the one used. TLS still verifies the certificate against the host *name*.

``deadline(seconds)`` bounds everything a request does inside it (connect, TLS, request, every
header line and body chunk): each socket operation gets at most the time left, so a server
trickling one header line per second is cut when the deadline passes, not after
``timeout × lines``. Fetches (``ingest.http``) and webhook deliveries (``queries.watch``) both
go through this client.
"""

from __future__ import annotations

import contextlib
import contextvars
import time
from collections.abc import Iterable, Iterator
from typing import Any

import httpcore
import httpx

from storyline.config import Settings
from storyline.errors import BlockedError
from storyline.ingest.netguard import Resolver, addresses_for, is_public_address, resolve_host

_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("storyline_fetch_deadline", default=None)


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Every socket operation inside the block ends by ``seconds`` from now (nested: the earlier wins)."""
    end = time.monotonic() + seconds
    outer = _DEADLINE.get()
    token = _DEADLINE.set(end if outer is None else min(outer, end))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def _bounded(timeout: float | None, exc: type[Exception]) -> float | None:
    """``timeout`` cut to the time left before the deadline; raises ``exc`` once it has passed."""
    end = _DEADLINE.get()
    if end is None:
        return timeout
    left = end - time.monotonic()
    if left <= 0:
        raise exc("overall deadline passed")
    return left if timeout is None else min(timeout, left)


class DeadlineStream(httpcore.NetworkStream):
    """A network stream whose reads and writes never outlast the current deadline."""

    def __init__(self, inner: httpcore.NetworkStream):
        self.inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.inner.read(max_bytes, _bounded(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.inner.write(buffer, _bounded(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self.inner.close()

    def start_tls(self, ssl_context, server_hostname: str | None = None, timeout: float | None = None):
        return DeadlineStream(
            self.inner.start_tls(ssl_context, server_hostname, _bounded(timeout, httpcore.ConnectTimeout))
        )

    def get_extra_info(self, info: str) -> Any:
        return self.inner.get_extra_info(info)


class GuardedBackend(httpcore.NetworkBackend):
    """Resolve, check and pin: connect only to an address that passed the guard."""

    def __init__(self, settings: Settings, resolver: Resolver = resolve_host):
        self.settings, self.resolver = settings, resolver
        self._sync = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        address = self.pin(host)
        stream = self._sync.connect_tcp(
            address, port, _bounded(timeout, httpcore.ConnectTimeout), local_address, socket_options
        )
        return DeadlineStream(stream)

    def pin(self, host: str) -> str:
        """The one address to connect to for ``host``; refuses when any resolved address is not public."""
        host = host.strip("[]").lower()
        try:
            addresses = addresses_for(host, self.resolver)
        except (OSError, UnicodeError) as exc:
            raise httpcore.ConnectError(f"cannot resolve host {host} ({exc})") from exc
        if not addresses:
            raise httpcore.ConnectError(f"host {host} has no address")
        if not (self.settings.allow_private_addresses or host in self.settings.allowed_host_set):
            for address in addresses:
                if not is_public_address(address):
                    raise BlockedError(
                        f"host {host} resolves to non-public address {address} at connection time; refused",
                        source=host, kind="blocked-address",
                    )
        return addresses[0]

    def connect_unix_socket(self, path: str, timeout=None, socket_options=None):  # pragma: no cover
        raise BlockedError(f"unix socket {path}: not fetched", source=path, kind="blocked-scheme")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class GuardedTransport(httpx.HTTPTransport):
    """``httpx.HTTPTransport`` whose connection pool opens sockets through :class:`GuardedBackend`."""

    def __init__(self, settings: Settings, resolver: Resolver = resolve_host):
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=20,
            max_keepalive_connections=10,
            keepalive_expiry=5.0,
            network_backend=GuardedBackend(settings, resolver),
        )


def guarded_client(settings: Settings, resolver: Resolver = resolve_host, **kwargs: Any) -> httpx.Client:
    """An ``httpx.Client`` that never connects to a refused address; no proxies from the environment."""
    return httpx.Client(
        transport=GuardedTransport(settings, resolver), trust_env=False, follow_redirects=False, **kwargs
    )
