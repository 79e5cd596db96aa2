"""Which URLs we may fetch: http/https only, and never a private or local address by default.

The check runs *before* any connection: the host name is resolved and every address it
resolves to must be globally routable (not private, loopback, link-local, multicast, reserved,
shared/CGNAT, unspecified). ``allow_private_addresses`` or a host listed in ``allowed_hosts``
lifts the address rule (tests use ``allowed_hosts="127.0.0.1"``).

IPv6 forms that carry an IPv4 address (IPv4-mapped, 6to4 ``2002::/16``, Teredo ``2001::/32``,
NAT64 ``64:ff9b::/96`` and ``64:ff9b:1::/48``, IPv4-compatible ``::a.b.c.d``) are judged by the
IPv4 address inside them, and cloud metadata addresses are refused even where they are routable.
This check runs before a request is sent; ``ingest.guarded`` repeats it on the address the
socket actually connects to (so DNS rebinding between the two gains nothing).
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


# Instance metadata services: AWS/GCP/Azure/OpenStack link-local, Azure wire server, Alibaba, AWS IPv6, Oracle.
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "168.63.129.16", "100.100.100.200", "fd00:ec2::254", "192.0.0.192")
)
NAT64_WELL_KNOWN = ipaddress.ip_network("64:ff9b::/96")  # RFC 6052: the IPv4 address is the last 32 bits
NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")  # RFC 8215 local-use: site-specific mapping, refused


def embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 transition address leads to (empty for a plain IPv6 address)."""
    if ip.ipv4_mapped is not None:
        return [ip.ipv4_mapped]
    if ip.sixtofour is not None:
        return [ip.sixtofour]
    if ip.teredo is not None:
        return list(ip.teredo)  # (server, client): both must be public
    if ip in NAT64_LOCAL:
        return [ipaddress.IPv4Address(0)]  # where it leads is site policy: treat as unspecified
    if ip in NAT64_WELL_KNOWN or (int(ip) >> 32 == 0 and int(ip) > 0xFFFF):
        return [ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)]  # NAT64 or IPv4-compatible ::a.b.c.d
    return []


def is_public_address(address: str) -> bool:
    """True only for globally routable unicast addresses; IPv6 forms carrying IPv4 judged by that IPv4."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
    if ip in METADATA_ADDRESSES:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        inner = embedded_ipv4(ip)
        if inner:
            return all(is_public_address(str(v4)) for v4 in inner)
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_unspecified)


def check_url(url: str, settings: Settings, resolver: Resolver = resolve_host) -> None:
    """Raise :class:`BlockedError` unless ``url`` is http(s) and its host may be fetched."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError as exc:  # "Invalid IPv6 URL", a bracketed host that is no address, a bad port
        raise BlockedError(f"{url}: not a valid URL ({exc})", source=url, kind="bad-url") from exc
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise BlockedError(
            f"{url}: scheme {parts.scheme or '(none)'!r} is not fetched; only http and https are",
            source=url, kind="blocked-scheme",
        )
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


def addresses_for(host: str, resolver: Resolver = resolve_host) -> list[str]:
    """An IP literal as itself, otherwise what ``resolver`` returns (OSError/UnicodeError pass through)."""
    try:
        return [str(ipaddress.ip_address(host.strip("[]")))]
    except ValueError:
        return list(resolver(host))


def _addresses(url: str, host: str, resolver: Resolver) -> list[str]:
    try:
        addresses = addresses_for(host, resolver)
    except (OSError, UnicodeError) as exc:
        raise FetchError(f"{url}: cannot resolve host {host} ({exc})", source=url, kind="connect-error") from exc
    if not addresses:
        raise FetchError(f"{url}: host {host} has no address", source=url, kind="connect-error")
    return addresses
