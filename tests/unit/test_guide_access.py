"""Local mode's decision, as a table: only a direct connection from this machine opens it."""

from __future__ import annotations

import pytest

from guide.access import host_name, local_mode_applies, peer_is_this_machine

LOCAL = {"host": "localhost:8501", "origin": "http://localhost:8501"}


@pytest.mark.parametrize(
    ("setting", "peer", "headers", "expected"),
    [
        # A browser on this machine, as the README's run command serves it.
        ("auto", "127.0.0.1", LOCAL, True),
        ("auto", "::1", {"host": "[::1]:8501", "origin": "http://[::1]:8501"}, True),
        ("auto", "::ffff:127.0.0.1", {"host": "127.0.0.1:8501"}, True),
        ("auto", "127.0.0.1", {"Host": "LOCALHOST"}, True),
        # Another machine (or a relay dialling from another address) with every header forged.
        ("auto", "192.168.1.23", LOCAL, False),
        ("auto", "127.0.0.2", LOCAL, False),
        ("auto", "10.0.0.5", LOCAL | {"x-forwarded-for": "127.0.0.1"}, False),
        ("auto", "fe80::1", LOCAL, False),
        # A proxy on this machine says so in its headers: not a local visit.
        ("auto", "127.0.0.1", LOCAL | {"x-forwarded-for": "192.168.1.23"}, False),
        ("auto", "127.0.0.1", LOCAL | {"X-Forwarded-Host": "localhost"}, False),
        ("auto", "127.0.0.1", LOCAL | {"forwarded": "for=127.0.0.1"}, False),
        ("auto", "127.0.0.1", LOCAL | {"x-real-ip": "127.0.0.1"}, False),
        ("auto", "127.0.0.1", LOCAL | {"via": "1.1 nginx"}, False),
        ("auto", "127.0.0.1", LOCAL | {"x-original-forwarded-for": "1.2.3.4"}, False),
        # A page elsewhere reaching this machine's server (DNS rebinding, a link, a frame).
        ("auto", "127.0.0.1", {"host": "evil.example:8501"}, False),
        ("auto", "127.0.0.1", {"host": "localhost", "origin": "http://evil.example"}, False),
        ("auto", "127.0.0.1", {"host": "localhost", "origin": "null"}, False),
        # Unknown facts take the safe side.
        ("auto", None, LOCAL, False),
        ("auto", "", LOCAL, False),
        ("auto", "not an address", LOCAL, False),
        ("auto", "127.0.0.1", {}, False),
        # The explicit settings.
        ("on", None, {}, True),
        ("on", "192.168.1.23", {"x-forwarded-for": "1.2.3.4"}, True),
        ("off", "127.0.0.1", LOCAL, False),
        ("maybe", "127.0.0.1", LOCAL, False),
    ],
)
def test_local_mode_applies(setting, peer, headers, expected) -> None:
    assert local_mode_applies(setting, peer, headers) is expected


@pytest.mark.parametrize(
    ("peer", "expected"),
    [
        ("127.0.0.1", True),
        ("::1", True),
        ("[::1]", True),
        ("::ffff:127.0.0.1", True),
        ("127.0.0.2", False),
        ("127.1.2.3", False),
        ("0.0.0.0", False),
        ("::", False),
        ("::ffff:192.168.0.1", False),
        ("localhost", False),  # a name is not an address: whoever wrote it could write anything
        (None, False),
    ],
)
def test_peer_is_this_machine(peer, expected) -> None:
    assert peer_is_this_machine(peer) is expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("localhost:8501", "localhost"),
        ("[::1]:8501", "[::1]"),
        ("::1", "::1"),
        (" Example ", "example"),
    ],
)
def test_host_name(header, expected) -> None:
    assert host_name(header) == expected
