"""The backend promises (``storage.backend``): bytes by name, versions, all-or-nothing writes with
compare-and-swap, listing, delete, set-aside, and locks that exclude each other."""

from __future__ import annotations

import threading
import time

import pytest

from storage.backend import Backend, Conflict

A, B = "spaces/a.private.db", "spaces/a.shared.db"


def test_it_is_a_backend(storage_place):
    assert isinstance(storage_place.backend(), Backend)


def test_bytes_round_trip_with_a_version_that_changes_with_every_write(storage_place):
    backend = storage_place.backend()
    assert backend.read(A) is None and backend.version(A) is None
    seen = set()
    for data in (b"ODX2" + b"x" * 40, b"ODX2" + b"y" * 40, b"\x00\xffbinary"):
        versions = backend.write({A: data})
        blob = backend.read(A)
        assert blob.data == data and blob.version == versions[A] == backend.version(A)
        seen.add(blob.version)
    assert len(seen) == 3
    assert storage_place.backend().read(A).data == b"\x00\xffbinary"  # another "process" sees it


def test_a_write_with_a_stale_expect_writes_nothing_at_all(storage_place):
    backend = storage_place.backend()
    first = backend.write(
        {A: b"ODX2-one-aaaaaaaaaaaaaaaaaaaa", B: b"ODX2-one-bbbbbbbbbbbbbbbbbbbb"}
    )
    backend.write({B: b"ODX2-two-bbbbbbbbbbbbbbbbbbbb"})  # someone else writes B
    with pytest.raises(Conflict):
        backend.write(
            {A: b"ODX2-three-aaaaaaaaaaaaaaaaaa", B: b"ODX2-three-bbbbbbbbbbbbbbbbbb"},
            expect={A: first[A], B: first[B]},
        )
    assert backend.read(A).data == b"ODX2-one-aaaaaaaaaaaaaaaaaaaa"
    assert backend.read(B).data == b"ODX2-two-bbbbbbbbbbbbbbbbbbbb"
    with pytest.raises(Conflict):  # None means "not stored yet"
        backend.write({A: b"ODX2-four"}, expect={A: None})
    now = backend.write({A: b"ODX2-five-aaaaaaaaaaaaaaaaaaa"}, expect={A: backend.version(A)})
    assert backend.read(A).version == now[A]


def test_writes_and_removes_are_one_change(storage_place):
    backend = storage_place.backend()
    backend.write({"links/one.json": b'{"a": 1}', "links/two.json": b'{"b": 2}'})
    backend.write({"links/three.json": b'{"c": 3}'}, removes=["links/one.json", "links/gone.json"])
    assert backend.names("links/") == ["links/three.json", "links/two.json"]
    assert backend.read("links/one.json") is None


def test_names_by_prefix_and_delete(storage_place):
    backend = storage_place.backend()
    backend.write({A: b"ODX2 a", B: b"ODX2 b", "spaces/b.private.db": b"ODX2 c", "k": b"key"})
    assert backend.names("spaces/a.") == [A, B]
    assert backend.names("nothing/") == []
    backend.delete([A, "spaces/never.db"])
    assert backend.names("spaces/") == [B, "spaces/b.private.db"]
    assert backend.read("k").data == b"key"


def test_set_aside_keeps_the_bytes_under_a_new_name(storage_place):
    backend = storage_place.backend()
    backend.write({A: b"damaged bytes"})
    aside = backend.set_aside(A)
    assert backend.read(A) is None
    assert aside.startswith(A) and backend.read(aside).data == b"damaged bytes"
    assert aside in backend.names("spaces/a.")


def test_two_lock_handles_exclude_each_other(storage_place):
    one = storage_place.backend()
    # Across "processes" (two backend objects) where the backend's locks reach that far; within
    # one process always (a database relies on the version check across processes).
    other = storage_place.backend() if one.locks_processes else one
    first, second = one.lock(A), other.lock(A)
    inside: list[str] = []

    def hold(handle, tag: str) -> None:
        with handle:
            inside.append(f"{tag} in")
            time.sleep(0.05)
            inside.append(f"{tag} out")

    with first, first:  # a handle is re-entrant
        other = threading.Thread(target=hold, args=(second, "b"))
        other.start()
        time.sleep(0.05)
        assert inside == []  # b waits while a holds
    other.join()
    assert inside == ["b in", "b out"]
