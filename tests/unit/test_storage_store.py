"""Spaces and links: creation, resolution, revocation, rotation, isolation, backups, deletion."""

from __future__ import annotations

import threading

import pytest

from storage import keys
from storage.backup import parse_backup
from storage.errors import AccessDenied
from storage.store import Store


def test_owner_key_resolves_to_its_space(store, owner):
    key, access = owner
    found = store.resolve(key)
    assert found is not None and found.space_id == access.space_id and found.role == "owner"
    assert key not in repr(found)


@pytest.mark.parametrize("bad", ["", "nope", "A" * 43, None, 42, "../" * 15, "A" * 4000])
def test_unknown_and_malformed_keys_open_nothing(store, owner, bad):
    assert store.resolve(bad) is None


def test_no_key_is_stored_anywhere_on_disk(store, owner):
    key, access = owner
    _, partner_key = store.add_partner_link(access, "For Sam")
    for path in store.root.rglob("*"):
        if path.is_file():
            blob = path.read_bytes()
            assert key.encode() not in blob and partner_key.encode() not in blob


def test_partner_link_opens_only_the_shared_compartment(store, owner):
    _, access = owner
    store.private(access).insert("journal", {"text": "private"})
    store.shared(access).put("shares", "x", {"invitation": "hello"})
    _, partner_key = store.add_partner_link(access, "For Sam")
    partner = store.resolve(partner_key)
    assert partner.role == "partner" and set(partner.data_keys) == {"shared"}
    with pytest.raises(AccessDenied):
        store.private(partner)
    assert store.shared(partner).get("shares", "x")["invitation"] == "hello"
    with pytest.raises(AccessDenied):
        store.add_partner_link(partner, "sneaky")


def test_revoked_link_stops_working_and_is_listed(store, owner):
    _, access = owner
    link_id, partner_key = store.add_partner_link(access, "For Sam")
    assert store.resolve(partner_key) is not None
    assert store.revoke_link(access, link_id)
    assert store.resolve(partner_key) is None
    assert not store.revoke_link(access, link_id)
    listed = {link["key"]: link for link in store.links(access)}
    assert listed[link_id]["revoked"] and listed[link_id]["label"] == "For Sam"
    assert all("hash" not in link for link in listed.values())


def test_owner_link_rotation(store, owner):
    key, access = owner
    store.private(access).insert("journal", {"text": "kept"})
    new_key, _fresh = store.rotate_owner_key(access)
    assert store.resolve(key) is None
    reopened = store.resolve(new_key)
    assert reopened.space_id == access.space_id
    assert [d["text"] for d in store.private(reopened).all("journal")] == ["kept"]


def test_a_key_for_one_space_cannot_open_another(store):
    _key_a, a = store.create_space()
    _key_b, b = store.create_space()
    store.private(a).insert("journal", {"text": "A's words"})
    forged = type(b)(a.space_id, "owner", b.link_id, b.data_keys)
    with pytest.raises(AccessDenied):
        store.private(forged)
    assert store.private(b).all("journal") == []


def test_spaces_survive_a_new_process(store, owner, tmp_path):
    key, access = owner
    store.private(access).put("quiz", "progress", {"answers": {"q1": 2}})
    again = Store(store.root)
    assert again.private(again.resolve(key)).get("quiz", "progress")["answers"] == {"q1": 2}


def test_delete_removes_space_and_every_link(store, owner):
    key, access = owner
    _, partner_key = store.add_partner_link(access, "p")
    store.delete_space(access)
    assert store.resolve(key) is None and store.resolve(partner_key) is None
    assert list(store.spaces_dir.glob(f"{access.space_id}*")) == []
    assert store.count_spaces() == 0


def test_backup_round_trip_keeps_this_spaces_links(store, owner):
    key, access = owner
    store.private(access).insert("journal", {"text": "línea ✓ <b>bold</b>"})
    store.shared(access).put("replies", "r1", {"note": "ok"})
    _link_id, partner_key = store.add_partner_link(access, "p")
    raw = store.export_backup(access)
    assert key.encode() not in raw and partner_key.encode() not in raw and b'"links"' not in raw
    _other_key, other = store.create_space()
    store.restore_backup(other, parse_backup(raw))
    assert [d["text"] for d in store.private(other).all("journal")] == ["línea ✓ <b>bold</b>"]
    assert store.shared(other).get("replies", "r1")["note"] == "ok"
    assert [link["role"] for link in store.links(other)] == ["owner"]
    assert store.resolve(partner_key).space_id == access.space_id


def test_many_threads_many_spaces_nothing_lost(store):
    spaces = [store.create_space()[1] for _ in range(6)]

    def work(n: int) -> None:
        for i in range(15):
            access = spaces[(n + i) % len(spaces)]
            store.private(access).insert("log", {"n": n, "i": i})

    pool = [threading.Thread(target=work, args=(n,)) for n in range(12)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    total = sum(len(store.private(a).all("log")) for a in spaces)
    assert total == 12 * 15


def test_local_owner_key_is_stable(store):
    first = store.local_owner_key()
    assert keys.looks_like_key(first)
    assert store.local_owner_key() == first
    assert store.count_spaces() == 1
