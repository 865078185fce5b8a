"""The database going away and coming back: calm errors, nothing half-written, and the same Store
working again by itself (PostgreSQL only; a real server behind a gate that can be shut)."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest

from storage.errors import StorageUnavailable
from storage.postgres import PostgresBackend
from storage.store import Store
from tests.support import database
from tests.support.gate import Gate


@pytest.fixture
def gated():
    url = database.url_or_skip()
    database.empty(url)
    parts = urlsplit(url)
    gate = Gate(parts.hostname or "127.0.0.1", parts.port or 5432)
    backend = PostgresBackend(gate.url_for(url))
    yield gate, Store(backend)
    backend.close()
    gate.stop()


def test_a_database_away_is_calm_and_the_store_recovers_by_itself(gated):
    gate, store = gated
    key, access = store.create_space()
    store.private(access).put("notes", "n", {"text": "before"})
    elsewhere_key, _ = Store(PostgresBackend(database.url_or_skip())).create_space()
    gate.close()
    started = time.monotonic()
    for attempt in (
        lambda: store.private(access).put("notes", "n", {"text": "while away"}),
        lambda: store.private(access).insert("journal", {"text": "while away"}),
        lambda: store.create_space(),
        lambda: store.resolve(elsewhere_key),  # a key this process has not seen lately
    ):
        with pytest.raises(StorageUnavailable) as caught:
            attempt()
        assert caught.value.message == StorageUnavailable.message
    assert time.monotonic() - started < 30, "every failure is bounded by the timeouts"
    # What this process read a moment ago still reads (so a page draws, with the words typed in
    # it), and nothing written while away shows in it.
    assert store.resolve(key) == access
    assert store.private(access).get("notes", "n")["text"] == "before"
    assert store.private(access).all("journal") == []
    gate.open()
    reopened = store.resolve(key)
    assert reopened is not None, "a database away never makes a link look dead afterwards"
    private = store.private(reopened)
    assert private.get("notes", "n")["text"] == "before"  # the write while away left nothing
    private.put("notes", "n", {"text": "after"})
    assert (
        Store(PostgresBackend(database.url_or_skip())).private(access).get("notes", "n")["text"]
        == "after"
    )


def test_a_connection_cut_between_saves_is_retried_without_a_word(gated):
    gate, store = gated
    _, access = store.create_space()
    private = store.private(access)
    for n in range(5):
        gate.close()  # every pooled connection dies (as when a server restarts)
        gate.open()
        private.insert("journal", {"n": n})
    assert [d["n"] for d in private.all("journal")] == [0, 1, 2, 3, 4]


def test_while_away_a_revoked_or_replaced_link_opens_nothing_even_from_memory(gated):
    gate, store = gated
    key, access = store.create_space()
    link_id, partner_key = store.add_partner_link(access, "p")
    assert store.resolve(partner_key) is not None
    store.revoke_link(access, link_id)
    new_key, _ = store.rotate_owner_key(access)
    gate.close()
    for old in (key, partner_key):
        with pytest.raises(StorageUnavailable):
            store.resolve(old)  # not served from what it opened before
    assert store.resolve(new_key) is not None
