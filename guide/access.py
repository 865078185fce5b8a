"""Who may use single-user local mode, decided from settings and the connection (pure).

Every header of a request is written by the client: a partner on the same Wi-Fi can send
``Host: localhost``, a loopback ``Origin`` and ``X-Forwarded-For: 127.0.0.1`` as easily as anything
else. The one fact a client elsewhere cannot forge is the TCP peer address of its connection, so
``auto`` starts there and lets the headers only say *no*: any sign of a proxy, or a Host or Origin
that is not this machine, keeps local mode off. Where a fact is missing, the answer is no.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from urllib.parse import urlsplit

LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}
# The peer addresses of a browser on this machine. Not the whole of 127.0.0.0/8: a relay can dial
# from 127.0.0.2 on behalf of another machine, and a browser opening localhost never does.
LOCAL_PEERS = {ipaddress.ip_address("127.0.0.1"), ipaddress.ip_address("::1")}
# Any of these means a proxy stands between the browser and the server: not a local visit.
FORWARDING_HEADERS = (
    "forwarded",
    "via",
    "x-real-ip",
    "x-client-ip",
    "true-client-ip",
    "cf-connecting-ip",
    "fastly-client-ip",
    "x-cluster-client-ip",
)
FORWARDING_PREFIXES = ("x-forwarded-", "x-original-")


def host_name(host_header: str) -> str:
    """The host part of a Host header, without port, lower-cased."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host.split("]")[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def peer_is_this_machine(peer: str | None) -> bool:
    """True only for the loopback peers a local browser has (IPv4-mapped IPv6 included)."""
    if not peer:
        return False
    try:
        address = ipaddress.ip_address(peer.strip().strip("[]").split("%")[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address in LOCAL_PEERS


def _origin_is_this_machine(origin: str) -> bool:
    try:
        parts = urlsplit(origin.strip())
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and (parts.hostname or "") in LOOPBACK_HOSTS


def local_mode_applies(setting: str, peer: str | None, headers: Mapping[str, str]) -> bool:
    """Whether this visit uses the single local space instead of a private link.

    ``on`` and ``off`` are explicit. ``auto`` (the default) applies only to a browser on this
    machine talking to the server directly: the connection's peer is 127.0.0.1 or ::1, no header
    says a proxy passed it on, and Host (and Origin, where the browser sent one) name this machine.
    A deployment, a visitor from another address and anything unknown therefore get a private space.
    """
    if setting == "on":
        return True
    if setting != "auto" or not peer_is_this_machine(peer):
        return False
    lowered = {k.lower(): v for k, v in headers.items()}
    if any(name in FORWARDING_HEADERS or name.startswith(FORWARDING_PREFIXES) for name in lowered):
        return False
    if "origin" in lowered and not _origin_is_this_machine(lowered["origin"]):
        return False
    return host_name(lowered.get("host", "")) in LOOPBACK_HOSTS
