"""Who may use single-user local mode, decided from settings and the request (pure)."""

from __future__ import annotations

from collections.abc import Mapping

LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}
# Any of these means a proxy stands between the browser and the server: not a local visit.
FORWARDING_HEADERS = ("x-forwarded-for", "x-forwarded-host", "forwarded", "x-real-ip")


def host_name(host_header: str) -> str:
    """The host part of a Host header, without port, lower-cased."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host.split("]")[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def local_mode_applies(setting: str, headers: Mapping[str, str]) -> bool:
    """Whether this visit uses the single local space instead of a private link.

    ``on`` and ``off`` are explicit. ``auto`` (the default) applies only to a browser on the same
    machine talking to the server directly: a loopback Host and no proxy headers. A deployment
    behind any proxy therefore never falls into local mode by accident.
    """
    if setting == "on":
        return True
    if setting != "auto":
        return False
    lowered = {k.lower(): v for k, v in headers.items()}
    if any(name in lowered for name in FORWARDING_HEADERS):
        return False
    return host_name(lowered.get("host", "")) in LOOPBACK_HOSTS
