"""Which URLs we may fetch: http/https only, and never a private or local address by default.

The check runs *before* any connection: the host name is resolved and every address it
resolves to must be globally routable (not private, loopback, link-local, multicast, reserved,
shared/CGNAT, unspecified). ``allow_private_addresses`` or a host listed in ``allowed_hosts``
lifts the address rule (tests use ``allowed_hosts="127.0.0.1"``).

Known limit: the name is resolved again by the HTTP client when it connects, so a DNS server
that answers differently the second time (DNS rebinding) is not caught here.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from urllib.parse import urlsplit

from storyline.config import Settings
from storyline.errors import BlockedError, FetchError

Resolver = Callable[[str], list[str]]
ALLOWED_SCHEMES = ("http", "https")


def resolve_host(host: str) -> list[str]:
    """All IP addresses ``host`` resolves to (IPv4 and IPv6), as strings."""
    infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    return sorted({info[4][0] for info in infos})


def is_public_address(address: str) -> bool:
    """True only for globally routable unicast addresses (IPv4-mapped IPv6 unwrapped)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_unspecified)


def check_url(url: str, settings: Settings, resolver: Resolver = resolve_host) -> None:
    """Raise :class:`BlockedError` unless ``url`` is http(s) and its host may be fetched."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise BlockedError(
            f"{url}: scheme {parts.scheme or '(none)'!r} is not fetched; only http and https are",
            source=url, kind="blocked-scheme",
        )
    host = (parts.hostname or "").lower()
    if not host:
        raise BlockedError(f"{url}: no host in URL", source=url, kind="blocked-scheme")
    if settings.allow_private_addresses or host in settings.allowed_host_set:
        return
    for address in _addresses(url, host, resolver):
        if not is_public_address(address):
            raise BlockedError(
                f"{url}: host {host} resolves to non-public address {address}; refused "
                "(set allow_private_addresses or add the host to allowed_hosts to fetch it)",
                source=url, kind="blocked-address",
            )


def _addresses(url: str, host: str, resolver: Resolver) -> list[str]:
    try:
        return [str(ipaddress.ip_address(host.strip("[]")))]
    except ValueError:
        pass
    try:
        addresses = resolver(host)
    except (OSError, UnicodeError) as exc:
        raise FetchError(f"{url}: cannot resolve host {host} ({exc})", source=url, kind="connect-error") from exc
    if not addresses:
        raise FetchError(f"{url}: host {host} has no address", source=url, kind="connect-error")
    return addresses
