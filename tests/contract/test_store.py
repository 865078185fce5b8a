"""The Store/Compartment contract on every backend: documents as plain dicts, transactions,
threads and "processes" (two Stores), damaged and foreign data, backups, links, deletion."""

from __future__ import annotations

import threading

import pytest

from storage import keys
from storage.backup import parse_backup
from storage.errors import AccessDenied, StorageError
from storage.sealed import seal


def test_documents_round_trip_as_plain_dicts(store, owner):
    _, access = owner
    private = store.private(access)
    private.put("ratings", "w1", {"value": "kept", "nested": {"list": [1, 2.5, None, "ü ✓"]}})
    private.put("ratings", "w1", {"value": "replaced"})  # same key: replaced, never duplicated
    first = private.insert("journal", {"text": "one", "day": "2026-03-01"})
    second = private.insert("journal", {"text": "two", "day": "2026-03-02"})
    assert private.update("journal", first, {"text": "uno", "_id": 999})
    assert not private.update("journal", 12345, {"text": "nobody"})
    private.remove("journal", second)
    private.remove("journal", second)  # removing twice is fine
    assert private.get("ratings", "w1") == {"value": "replaced", "key": "w1", "_id": 1}
    assert private.get("ratings", "missing") is None
    assert private.all("journal") == [{"text": "uno", "day": "2026-03-01", "_id": first}]
    assert [d["_id"] for d in private.find("journal", "day", ["2026-03-01", "x"])] == [first]
    got = private.get("ratings", "w1")
    got["value"] = "changed by the caller"
    assert private.get("ratings", "w1")["value"] == "replaced", "documents handed out are copies"
    again = store.__class__(store.backend).private(access)  # a new registry reads it back
    assert again.all("journal") == private.all("journal")


def test_a_value_that_cannot_be_stored_is_refused_calmly(store, owner):
    _, access = owner
    with pytest.raises(StorageError):
        store.private(access).put("things", "k", {"v": float("nan")})
    assert store.private(access).get("things", "k") is None


def test_a_transaction_is_all_or_nothing(store, owner):
    _, access = owner
    private = store.private(access)
    private.insert("cycles", {"n": 1, "active": True})
    with private.transaction() as txn:
        for doc in txn.all("cycles"):
            txn.update("cycles", doc["_id"], {"active": False})
        new_id = txn.insert("cycles", {"n": 2, "active": True})
        txn.put("settings", "active", {"cycle": new_id})
    assert [(d["n"], d["active"]) for d in private.all("cycles")] == [(1, False), (2, True)]
    before = private.all("cycles")
    with pytest.raises(RuntimeError), private.transaction() as txn:
        txn.insert("cycles", {"n": 3})
        txn.remove("cycles", before[0]["_id"])
        raise RuntimeError("stopped halfway")
    assert private.all("cycles") == before
    assert store.__class__(store.backend).private(access).all("cycles") == before


def test_threads_and_two_stores_lose_nothing(storage_place, store, owner):
    key, access = owner
    other = storage_place.store()  # a second "process" over the same storage
    threads, each = 6, 15

    def work(n: int) -> None:
        where = store if n % 2 else other
        space = where.resolve(key)
        for i in range(each):
            where.private(space).insert("log", {"n": n, "i": i})
            where.shared(space).put("latest", f"t{n}", {"i": i})

    pool = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    fresh = storage_place.store()
    docs = fresh.private(access).all("log")
    assert {(d["n"], d["i"]) for d in docs} == {(n, i) for n in range(threads) for i in range(each)}
    assert len({d["_id"] for d in docs}) == len(docs) == threads * each
    assert sorted(d["i"] for d in fresh.shared(access).all("latest")) == [each - 1] * threads


def test_a_reader_sees_the_latest_write_of_another_store(storage_place, store, owner):
    key, access = owner
    other = storage_place.store()
    assert other.private(other.resolve(key)).get("notes", "n") is None  # cached empty
    for text in ("first", "second", "third"):
        store.private(access).put("notes", "n", {"text": text})
        assert other.private(other.resolve(key)).get("notes", "n")["text"] == text


def test_an_operation_decided_on_a_copy_another_store_replaced_is_done_again(
    storage_place, store, owner
):
    key, access = owner
    mine = store.private(access)
    doc_id = mine.insert("journal", {"text": "one"})
    assert mine.all("journal")  # this store now holds a copy
    theirs = storage_place.store()
    theirs.private(theirs.resolve(key)).remove("journal", doc_id)
    assert not mine.update("journal", doc_id, {"text": "edited"}), "it is gone: nothing to edit"
    new_id = theirs.private(theirs.resolve(key)).insert("journal", {"text": "two"})
    assert mine.update("journal", new_id, {"text": "two, edited"})
    mine.remove("journal", new_id)
    assert storage_place.store().private(access).all("journal") == []


def test_damaged_bytes_are_set_aside_and_the_space_starts_afresh(storage_place, store, owner):
    _, access = owner
    store.private(access).insert("journal", {"text": "lost to damage"})
    name = store.private(access).stored_as
    backend = storage_place.backend()
    backend.write({name: b"\x00 not sealed at all"})
    fresh = storage_place.store()
    private = fresh.private(access)
    assert private.all("journal") == [] and private.recovered_at
    aside = [n for n in backend.names(name) if n != name]
    assert len(aside) == 1 and backend.read(aside[0]).data == b"\x00 not sealed at all"
    assert [link["role"] for link in fresh.links(access)] == ["owner"]  # links survive


def test_a_document_sealed_under_another_key_is_refused_and_left_alone(storage_place, store, owner):
    _, access = owner
    name = store.shared(access).stored_as
    foreign = seal({"_meta": {}}, keys.new_data_key(), f"{access.space_id}/shared".encode())
    backend = storage_place.backend()
    backend.write({name: foreign})
    with pytest.raises(AccessDenied):
        storage_place.store().shared(access).all("replies")
    assert backend.read(name).data == foreign
    assert backend.names(name) == [name], "not set aside: a stale key is not damage"


def test_a_key_for_one_space_cannot_open_another(store):
    _, a = store.create_space()
    _, b = store.create_space()
    store.private(a).insert("journal", {"text": "A's words"})
    forged = type(b)(a.space_id, "owner", b.link_id, b.data_keys)
    with pytest.raises(AccessDenied):
        store.private(forged)
    assert store.private(b).all("journal") == []


def test_backup_and_restore_keep_each_spaces_links(store, owner):
    key, access = owner
    store.private(access).insert("journal", {"text": "línea ✓ <b>bold</b>"})
    store.shared(access).put("replies", "r1", {"note": "ok"})
    _, partner_key = store.add_partner_link(access, "p")
    raw = store.export_backup(access)
    assert key.encode() not in raw and partner_key.encode() not in raw
    _, other = store.create_space()
    store.restore_backup(other, parse_backup(raw))
    assert [d["text"] for d in store.private(other).all("journal")] == ["línea ✓ <b>bold</b>"]
    assert store.shared(other).get("replies", "r1")["note"] == "ok"
    assert [link["role"] for link in store.links(other)] == ["owner"]
    assert store.resolve(partner_key).space_id == access.space_id


def test_a_partner_link_opens_only_shared_and_revocation_stops_it(storage_place, store, owner):
    _, access = owner
    store.shared(access).put("shares", "x", {"invitation": "hello"})
    link_id, partner_key = store.add_partner_link(access, "For Sam")
    partner = storage_place.store().resolve(partner_key)
    assert partner.role == "partner"
    with pytest.raises(AccessDenied):
        store.private(partner)
    assert store.shared(partner).get("shares", "x")["invitation"] == "hello"
    assert store.revoke_link(access, link_id)
    assert store.resolve(partner_key) is None
    assert storage_place.store().resolve(partner_key) is None
    assert not store.revoke_link(access, link_id)
    listed = {link["key"]: link for link in store.links(access)}
    assert listed[link_id]["revoked"] and listed[link_id]["label"] == "For Sam"


def test_rotation_rekeys_and_keeps_partner_links(storage_place, store, owner):
    key, access = owner
    store.private(access).insert("journal", {"text": "kept"})
    _, partner_key = store.add_partner_link(access, "p")
    backend = storage_place.backend()
    old_private = backend.read(store.private(access).stored_as).data
    new_key, _fresh = store.rotate_owner_key(access)
    for where in (store, storage_place.store()):
        assert where.resolve(key) is None
        reopened = where.resolve(new_key)
        assert [d["text"] for d in where.private(reopened).all("journal")] == ["kept"]
        assert where.shared(where.resolve(partner_key)).all("shares") == []
    assert backend.read(store.private(store.resolve(new_key)).stored_as).data != old_private
    with pytest.raises(AccessDenied):  # an access from before the rotation changes nothing
        store.private(access).insert("journal", {"text": "after"})


def test_delete_leaves_nothing_of_the_space(storage_place, store, owner):
    key, access = owner
    _, partner_key = store.add_partner_link(access, "p")
    _, keep = store.create_space()
    store.private(access).insert("journal", {"text": "gone"})
    store.delete_space(access)
    assert store.resolve(key) is None and store.resolve(partner_key) is None
    backend = storage_place.backend()
    assert backend.names(f"spaces/{access.space_id}") == []
    leftover = [
        n for n in backend.names("links/") if access.space_id.encode() in backend.read(n).data
    ]
    assert leftover == []
    with pytest.raises(AccessDenied):
        store.private(access).insert("journal", {"text": "back from the dead"})
    assert storage_place.store().count_spaces() == 1 and store.private(keep).all("journal") == []


def test_no_key_is_stored_anywhere(storage_place, store, owner):
    key, access = owner
    _, partner_key = store.add_partner_link(access, "For Sam")
    backend = storage_place.backend()
    for name in backend.names("spaces/") + backend.names("links/"):
        data = backend.read(name).data
        assert key.encode() not in data and partner_key.encode() not in data
