"""Spaces and links on the data folder: what only files do (layout, set-aside copies, read-only and
full disks, format upgrades, the registry). What every backend does is in ``tests/contract``."""

from __future__ import annotations

import errno
import os
import threading

import pytest

from storage import keys
from storage.backup import parse_backup
from storage.errors import AccessDenied, DiskFull, StorageError, StorageUnavailable
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


def test_local_owner_key_is_stable(store):
    first = store.local_owner_key()
    assert keys.looks_like_key(first)
    assert store.local_owner_key() == first
    assert store.count_spaces() == 1


# ---- issue 13: rotation re-keys, set-aside files never strand links, all-or-nothing writes ------


def _link_file(store: Store, key: str):
    return store.links_dir / f"{keys.hash_key(key)}.json"


def _files_of(store: Store, space_id: str) -> list[str]:
    """Every file under the data folder that names the space or is a link file to it."""
    found = []
    for path in store.root.rglob("*"):
        if not path.is_file():
            continue
        if space_id in path.name or (
            path.parent == store.links_dir and space_id.encode() in path.read_bytes()
        ):
            found.append(str(path.relative_to(store.root)))
    return found


def test_rotation_rekeys_so_the_old_key_and_its_old_link_file_open_nothing_new(store, owner):
    key, access = owner
    store.private(access).insert("journal", {"text": "before"})
    old_link = _link_file(store, key).read_bytes()
    new_key, fresh = store.rotate_owner_key(access)
    store.private(fresh).insert("journal", {"text": "written after the rotation"})
    store.shared(fresh).put("shares", "x", {"invitation": "after"})
    assert fresh.data_keys["private"] != access.data_keys["private"]
    assert fresh.data_keys["shared"] != access.data_keys["shared"]
    # The attacker kept the old key and a copy of its link file, and puts the file back.
    _link_file(store, key).write_bytes(old_link)
    for where in (store, Store(store.root)):  # this process, and a fresh one with no registry
        stale = where.resolve(key)
        if stale is not None:
            with pytest.raises(AccessDenied):
                where.private(stale).all("journal")
            with pytest.raises(AccessDenied):
                where.shared(stale).all("shares")
    # ... and the old data keys cannot decrypt the files written after the rotation at all.
    from storage.sealed import UnreadableFile, unseal

    for name in ("private", "shared"):
        raw = (store.spaces_dir / f"{access.space_id}.{name}.db").read_bytes()
        with pytest.raises(UnreadableFile):
            unseal(raw, access.data_keys[name], f"{access.space_id}/{name}".encode())
    # The stale key set nothing aside: the owner's data is whole.
    again = Store(store.root)
    texts = [d["text"] for d in again.private(again.resolve(new_key)).all("journal")]
    assert texts == ["before", "written after the rotation"]
    assert not list(store.spaces_dir.glob("*.corrupt-*"))


def test_partner_links_keep_working_after_rotations(store, owner):
    _, access = owner
    link_id, partner_key = store.add_partner_link(access, "For Sam")
    current = access
    for round_ in range(3):
        _, current = store.rotate_owner_key(current)
        store.shared(current).put("shares", link_id, {"invitation": f"round {round_}"})
        for where in (store, Store(store.root)):
            partner = where.resolve(partner_key)
            assert partner is not None and partner.role == "partner"
            assert where.shared(partner).get("shares", link_id)["invitation"] == f"round {round_}"
    listed = {link["key"]: link for link in store.links(current)}
    assert listed[link_id]["label"] == "For Sam" and not listed[link_id]["revoked"]
    assert (
        sum(1 for link in listed.values() if link["role"] == "owner" and not link["revoked"]) == 1
    )


def _legacy_space(root):
    """A space exactly as the code before issue 13 wrote it: ODX1 files, links in private."""
    import json
    import os
    import secrets

    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    def seal_v1(document, data_key, aad):
        nonce = os.urandom(12)
        plain = json.dumps(document, separators=(",", ":")).encode()
        return b"ODX1" + nonce + AESGCM(data_key).encrypt(nonce, plain, aad)

    space_id = secrets.token_hex(16)
    private_key, shared_key = keys.new_data_key(), keys.new_data_key()
    owner_key, partner_key = keys.new_key(), keys.new_key()
    owner_id, partner_id = secrets.token_hex(8), secrets.token_hex(8)
    (root / "spaces").mkdir(parents=True, exist_ok=True)
    (root / "links").mkdir(parents=True, exist_ok=True)

    def link_file(key, link_id, role, data_keys):
        wrapped = {n: keys.wrap(k, key, f"{space_id}/{link_id}/{n}") for n, k in data_keys.items()}
        record = {"hash": keys.hash_key(key), "space": space_id, "link": link_id, "role": role}
        record |= {"wrapped": wrapped, "created": "2025-01-01T00:00:00+00:00"}
        (root / "links" / f"{keys.hash_key(key)}.json").write_text(json.dumps(record))

    link_file(owner_key, owner_id, "owner", {"private": private_key, "shared": shared_key})
    link_file(partner_key, partner_id, "partner", {"shared": shared_key})
    meta = {"_meta": {"1": {"schema": 2, "compartment": None, "created": "2025-01-01"}}}
    links = {
        "1": {"key": owner_id, "role": "owner", "label": "Your link", "created": "2025-01-01",
              "revoked": None, "hash": keys.hash_key(owner_key)},
        "2": {"key": partner_id, "role": "partner", "label": "For Sam", "created": "2025-01-02",
              "revoked": None, "hash": keys.hash_key(partner_key)},
    }  # fmt: skip
    private = meta | {"links": links, "journal": {"1": {"text": "old words"}}}
    shared = meta | {"shares": {"1": {"key": partner_id, "invitation": "old invite"}}}
    spaces = root / "spaces"
    (spaces / f"{space_id}.private.db").write_bytes(
        seal_v1(private, private_key, f"{space_id}/private".encode())
    )
    (spaces / f"{space_id}.shared.db").write_bytes(
        seal_v1(shared, shared_key, f"{space_id}/shared".encode())
    )
    return space_id, owner_key, partner_key, partner_id


def test_a_space_made_by_the_previous_version_still_opens_lists_and_rotates(tmp_path):
    _space_id, owner_key, partner_key, partner_id = _legacy_space(tmp_path / "data")
    store = Store(tmp_path / "data")
    access = store.resolve(owner_key)
    assert [d["text"] for d in store.private(access).all("journal")] == ["old words"]
    listed = {link["key"]: link for link in store.links(access)}
    assert listed[partner_id]["label"] == "For Sam"
    partner = store.resolve(partner_key)
    assert store.shared(partner).get("shares", partner_id)["invitation"] == "old invite"
    assert store.revoke_link(access, partner_id) and store.resolve(partner_key) is None
    new_key, _fresh = store.rotate_owner_key(access)
    assert store.resolve(owner_key) is None
    again = Store(tmp_path / "data")
    assert [d["text"] for d in again.private(again.resolve(new_key)).all("journal")] == [
        "old words"
    ]
    assert not list((tmp_path / "data" / "spaces").glob("*.corrupt-*"))


def test_a_previous_version_partner_link_is_switched_off_by_a_rotation_and_says_so(tmp_path):
    """A link file from before K_link cannot be re-wrapped (the server never had its key)."""
    _space_id, owner_key, partner_key, partner_id = _legacy_space(tmp_path / "data")
    store = Store(tmp_path / "data")
    access = store.resolve(owner_key)
    _, fresh = store.rotate_owner_key(access)
    assert store.resolve(partner_key) is None
    listed = {link["key"]: link for link in store.links(fresh)}
    assert listed[partner_id]["revoked"] and listed[partner_id]["label"] == "For Sam"


DAMAGE = ["garbage", "newer_schema"]


def _damage_private(store: Store, access, how: str) -> None:
    from storage.schema import SCHEMA_VERSION
    from storage.sealed import seal

    path = store.spaces_dir / f"{access.space_id}.private.db"
    if how == "garbage":
        path.write_bytes(b"ODX1 not a real file any more")
    else:
        doc = {"_meta": {"1": {"schema": SCHEMA_VERSION + 1, "compartment": "private"}}}
        path.write_bytes(
            seal(doc, access.data_keys["private"], f"{access.space_id}/private".encode())
        )
    store.private(access).all("journal")  # the next use sets it aside
    assert store.private(access).recovered_at is not None
    assert list(store.spaces_dir.glob(f"{access.space_id}.private.db.corrupt-*"))


@pytest.mark.parametrize("how", DAMAGE)
def test_links_are_listed_after_the_private_file_is_set_aside(store, owner, how):
    _, access = owner
    link_id, _ = store.add_partner_link(access, "For Sam")
    _damage_private(store, access, how)
    listed = {link["key"]: link for link in store.links(access)}
    assert listed[link_id]["label"] == "For Sam" and listed[link_id]["role"] == "partner"
    assert [link["role"] for link in listed.values()].count("owner") == 1


@pytest.mark.parametrize("how", DAMAGE)
def test_rotation_shuts_the_old_key_out_after_the_private_file_is_set_aside(store, owner, how):
    key, access = owner
    _, partner_key = store.add_partner_link(access, "For Sam")
    _damage_private(store, access, how)
    new_key, _fresh = store.rotate_owner_key(access)
    assert store.resolve(key) is None and Store(store.root).resolve(key) is None
    assert store.resolve(new_key) is not None
    assert store.resolve(partner_key) is not None  # partner links survive it too


@pytest.mark.parametrize("how", DAMAGE)
def test_revoke_works_after_the_private_file_is_set_aside(store, owner, how):
    _, access = owner
    link_id, partner_key = store.add_partner_link(access, "For Sam")
    _damage_private(store, access, how)
    assert store.revoke_link(access, link_id)
    assert store.resolve(partner_key) is None and Store(store.root).resolve(partner_key) is None
    assert {link["key"]: link for link in store.links(access)}[link_id]["revoked"]


@pytest.mark.parametrize("how", DAMAGE)
def test_delete_leaves_no_file_of_the_space_after_a_set_aside(store, owner, how):
    key, access = owner
    _, partner_key = store.add_partner_link(access, "For Sam")
    _keep_key, keep = store.create_space()  # another space, which must stay whole
    _damage_private(store, access, how)
    assert _files_of(store, access.space_id)
    store.delete_space(access)
    assert _files_of(store, access.space_id) == []
    assert store.resolve(key) is None and store.resolve(partner_key) is None
    assert store.count_spaces() == 1 and store.private(keep).all("journal") == []


def test_links_survive_a_damaged_link_index_with_a_neutral_label(store, owner):
    _key, access = owner
    link_id, partner_key = store.add_partner_link(access, "For Sam")
    for path in store.spaces_dir.glob(f"{access.space_id}.*"):
        if path.name.endswith(".db") and "private" not in path.name and "shared" not in path.name:
            path.write_bytes(b"ODX1 broken index")
    listed = {link["key"]: link for link in Store(store.root).links(access)}
    assert listed[link_id]["role"] == "partner" and listed[link_id]["label"]
    assert store.revoke_link(access, link_id) and store.resolve(partner_key) is None
    store.delete_space(access)
    assert _files_of(store, access.space_id) == []


# ---- faults: nothing half made, calm errors, reading without write access -----------------------


@pytest.fixture
def fail_write(monkeypatch):
    """``fail_write(n, code)``: the n-th file write from now on raises ``OSError(code)``."""
    import storage.atomic as atomic

    real = atomic.tempfile.mkstemp

    def arm(n: int, code: int):
        calls = {"n": 0}

        def mkstemp(*args, **kwargs):
            calls["n"] += 1
            if calls["n"] == n:
                raise OSError(code, os.strerror(code))
            return real(*args, **kwargs)

        monkeypatch.setattr(atomic.tempfile, "mkstemp", mkstemp)
        return calls

    yield arm
    monkeypatch.setattr(atomic.tempfile, "mkstemp", real)


def _disk(store: Store) -> dict[str, bytes]:
    """Every file's bytes, except the empty lock files any read may create."""
    return {
        str(p.relative_to(store.root)): p.read_bytes()
        for p in store.root.rglob("*")
        if p.is_file() and not p.name.endswith(".lock")
    }


def test_a_restore_that_fails_halfway_changes_nothing(store, owner, fail_write):
    _, access = owner
    store.private(access).insert("journal", {"text": "mine"})
    store.shared(access).put("replies", "r", {"note": "theirs"})
    _, other = store.create_space()
    store.private(other).insert("journal", {"text": "from the backup"})
    store.shared(other).put("replies", "r", {"note": "backup reply"})
    backup = parse_backup(store.export_backup(other))
    before = _disk(store)
    fail_write(2, errno.ENOSPC)
    with pytest.raises(StorageError) as caught:
        store.restore_backup(access, backup)
    assert "disk" in caught.value.message.lower() or "storage" in caught.value.message.lower()
    assert _disk(store) == before
    again = Store(store.root)
    assert [d["text"] for d in store.private(access).all("journal")] == ["mine"]
    assert again.shared(access).get("replies", "r")["note"] == "theirs"


@pytest.mark.parametrize("step", [1, 2, 3, 4])
@pytest.mark.parametrize(
    "operation", ["create_space", "add_partner_link", "rotate_owner_key", "revoke_link"]
)
def test_link_operations_on_a_full_disk_fail_calmly_and_make_nothing_half(
    store, owner, fail_write, operation, step
):
    key, access = owner
    link_id, partner_key = store.add_partner_link(access, "For Sam")
    store.private(access).insert("journal", {"text": "kept"})
    before = _disk(store)
    listed = store.links(access)
    calls = fail_write(step, errno.ENOSPC)
    args = {
        "create_space": (),
        "add_partner_link": (access, "Another"),
        "rotate_owner_key": (access,),
        "revoke_link": (access, link_id),
    }[operation]
    try:
        getattr(store, operation)(*args)
    except StorageError as exc:
        assert isinstance(exc, DiskFull) and exc.message == StorageUnavailable.message
        assert _disk(store) == before, "a failed operation left something behind"
        assert store.links(access) == listed
        assert store.resolve(key) is not None and store.resolve(partner_key) is not None
        assert [d["text"] for d in store.private(access).all("journal")] == ["kept"]
    else:
        assert calls["n"] < step, "the operation wrote fewer files than this step: nothing failed"


def _read_only(monkeypatch):
    """Make the file system refuse every change with EROFS, as a read-only mount does."""
    write_flags = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

    def refuse(*_args, **_kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    real_open = os.open

    def open_(path, flags, *args, **kwargs):
        if flags & write_flags:
            refuse()
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_)
    for name in ("replace", "rename", "unlink", "remove", "mkdir", "link", "utime", "chmod"):
        monkeypatch.setattr(os, name, refuse)


def test_a_read_only_data_folder_still_shows_the_data(store, owner, monkeypatch):
    key, access = owner
    link_id, partner_key = store.add_partner_link(access, "For Sam")
    store.private(access).insert("journal", {"text": "still here"})
    store.shared(access).put("shares", link_id, {"invitation": "hello"})
    for lock in store.root.rglob("*.lock"):
        lock.unlink()  # a folder copied or mounted read-only has no lock files
    _read_only(monkeypatch)
    fresh = Store(store.root)
    owner_access = fresh.resolve(key)
    assert [d["text"] for d in fresh.private(owner_access).all("journal")] == ["still here"]
    assert fresh.shared(fresh.resolve(partner_key)).get("shares", link_id)["invitation"] == "hello"
    assert {link["key"] for link in fresh.links(owner_access)} >= {link_id}
    with pytest.raises(StorageUnavailable):
        fresh.private(owner_access).insert("journal", {"text": "cannot be saved"})


@pytest.mark.parametrize("fresh_process", [False, True])
@pytest.mark.parametrize("name", ["private", "shared"])
def test_a_forged_plain_json_file_is_set_aside_and_never_sealed_as_genuine(
    store, owner, name, fresh_process
):
    import json

    _, access = owner
    link_id, partner_key = store.add_partner_link(access, "For Sam")
    store.shared(access).put("shares", link_id, {"invitation": "the real one"})
    path = store.spaces_dir / f"{access.space_id}.{name}.db"
    forged = {
        "_meta": {"1": {"schema": 2, "compartment": name}},
        "shares": {"1": {"key": link_id, "invitation": "FORGED invitation"}},
        "safety": {"1": {"key": "mode", "on": False}},
    }
    path.write_text(json.dumps(forged))
    where = Store(store.root) if fresh_process else store
    if name == "shared":
        compartment = where.shared(where.resolve(partner_key))
    else:
        compartment = where.private(where.resolve(owner[0]))
    assert compartment.get("shares", link_id) is None  # the forged invitation is never shown
    assert compartment.get("safety", "mode") is None
    assert compartment.recovered_at is not None
    compartment.put("other", "x", {"n": 1})  # the next write seals a fresh file, not the fake
    assert b"FORGED" not in path.read_bytes() and path.read_bytes().startswith(b"ODX2")
    aside = list(store.spaces_dir.glob(f"{access.space_id}.{name}.db.corrupt-*"))
    assert len(aside) == 1 and b"FORGED" in aside[0].read_bytes()


# ---- the registry of open compartments is bounded ----------------------------------------------


def test_the_registry_stays_bounded_under_waves_of_new_spaces(store):
    from storage import store as store_module

    peak = 0
    opened = []
    for _wave in range(6):
        for _ in range(50):
            _, access = store.create_space()
            store.private(access).insert("journal", {"text": "x" * 200})
            store.shared(access).all("shares")
            opened.append(access)
            peak = max(peak, len(store._open))
    assert len(opened) == 300
    assert peak <= store_module.MAX_OPEN
    # Every space still opens after its compartments were dropped.
    assert all(len(store.private(a).all("journal")) == 1 for a in opened[:5])


def test_idle_compartments_are_dropped(store, owner, monkeypatch):
    from storage import store as store_module

    _, access = owner
    store.private(access).insert("journal", {"text": "x"})
    assert store._open
    clock = store_module.time.monotonic() + store_module.IDLE_SECONDS + 1
    monkeypatch.setattr(store_module.time, "monotonic", lambda: clock)
    store.sweep()
    assert not store._open
    assert [d["text"] for d in store.private(access).all("journal")] == ["x"]


def test_evicting_a_compartment_another_thread_is_using_loses_nothing(store, monkeypatch):
    from storage import store as store_module

    monkeypatch.setattr(store_module, "MAX_OPEN", 2)  # constant eviction pressure
    spaces = [store.create_space()[1] for _ in range(5)]
    errors = []

    def work(n: int) -> None:
        try:
            for i in range(20):
                access = spaces[(n + i) % len(spaces)]
                compartment = store.private(access)  # may be evicted before, during, after use
                compartment.insert("log", {"n": n, "i": i})
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    pool = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    assert errors == []
    assert len(store._open) <= 2
    fresh = Store(store.root)
    docs = [d for a in spaces for d in fresh.private(a).all("log")]
    assert len(docs) == 8 * 20 and len({(d["n"], d["i"]) for d in docs}) == 8 * 20


def test_a_rotation_in_another_process_is_followed_and_shuts_its_old_sessions_out(store, owner):
    key, access = owner
    link_id, partner_key = store.add_partner_link(access, "For Sam")
    other = Store(store.root)  # a second server process on the same data folder
    old_here = other.resolve(key)
    other.private(old_here).insert("journal", {"text": "before"})
    other.shared(other.resolve(partner_key)).put("shares", link_id, {"invitation": "v1"})
    new_key, fresh = store.rotate_owner_key(access)
    store.shared(fresh).put("shares", link_id, {"invitation": "v2"})
    with pytest.raises(AccessDenied):  # the old session in the other process reads nothing
        other.private(old_here).all("journal")
    new_here = other.resolve(new_key)
    assert [d["text"] for d in other.private(new_here).all("journal")] == ["before"]
    assert other.shared(other.resolve(partner_key)).get("shares", link_id)["invitation"] == "v2"
    other.private(new_here).insert("journal", {"text": "after"})
    assert [d["text"] for d in store.private(fresh).all("journal")] == ["before", "after"]


def test_a_deleted_space_is_never_brought_back_as_empty_files(store, owner):
    _, access = owner
    store.private(access).insert("journal", {"text": "x"})
    store.delete_space(access)
    for where in (store, Store(store.root)):
        with pytest.raises(AccessDenied):
            where.private(access).all("journal")
        with pytest.raises(AccessDenied):
            where.export_backup(access)
    assert _files_of(store, access.space_id) == []


def test_an_access_replaced_by_a_rotation_changes_nothing_afterwards(store, owner):
    _, access = owner
    link_id, partner_key = store.add_partner_link(access, "For Sam")
    other = store.create_space()[1]
    backup = parse_backup(store.export_backup(other))
    _, fresh = store.rotate_owner_key(access)
    for attempt in (
        lambda: store.add_partner_link(access, "late"),
        lambda: store.revoke_link(access, link_id),
        lambda: store.rotate_owner_key(access),
        lambda: store.restore_backup(access, backup),
        lambda: store.delete_space(access),
        lambda: store.links(access),
    ):
        with pytest.raises(AccessDenied):
            attempt()
    assert store.resolve(partner_key) is not None
    assert [link["label"] for link in store.links(fresh) if link["role"] == "partner"] == [
        "For Sam"
    ]


def test_a_previous_version_partner_link_opened_since_follows_the_rotation(tmp_path):
    _space_id, owner_key, partner_key, partner_id = _legacy_space(tmp_path / "data")
    store = Store(tmp_path / "data")
    assert store.resolve(partner_key) is not None  # the partner opens it once after the upgrade
    _, fresh = store.rotate_owner_key(store.resolve(owner_key))
    store.shared(fresh).put("shares", partner_id, {"invitation": "after the rotation"})
    for where in (store, Store(tmp_path / "data")):
        partner = where.resolve(partner_key)
        assert where.shared(partner).get("shares", partner_id)["invitation"] == "after the rotation"
    _, again = store.rotate_owner_key(fresh)  # and the one after that, from the owner's copy
    assert store.shared(store.resolve(partner_key)).get("shares", partner_id) is not None
    assert not {link["key"]: link for link in store.links(again)}[partner_id]["revoked"]


def test_a_partner_link_file_left_behind_by_a_cut_rotation_is_repaired_by_the_next(store, owner):
    """A kill among a rotation's last renames can leave a partner's file on the old keys."""
    _, access = owner
    link_id, partner_key = store.add_partner_link(access, "For Sam")
    before = _link_file(store, partner_key).read_bytes()
    _, fresh = store.rotate_owner_key(access)
    _link_file(store, partner_key).write_bytes(before)  # as if its rename never happened
    with pytest.raises(AccessDenied):
        store.shared(store.resolve(partner_key)).all("shares")
    _, again = store.rotate_owner_key(fresh)
    store.shared(again).put("shares", link_id, {"invitation": "mended"})
    partner = Store(store.root).resolve(partner_key)
    assert Store(store.root).shared(partner).get("shares", link_id)["invitation"] == "mended"


def test_the_link_list_holds_no_key_material(store, owner):
    _, access = owner
    store.add_partner_link(access, "For Sam")
    for link in store.links(access):
        assert set(link) == {"key", "role", "label", "created", "revoked"}


def test_only_the_local_owner_key_counts_as_the_local_space(tmp_path):
    store = Store(tmp_path)
    other, _ = store.create_space()
    assert not store.is_local_key(other), "no local space yet"
    local = store.local_owner_key()
    assert store.is_local_key(local)
    assert not store.is_local_key(other)
    assert not store.is_local_key(local[:-1] + ("A" if local[-1] != "A" else "B"))


@pytest.mark.parametrize("fault", [errno.EIO, errno.EMFILE, errno.EACCES])
def test_a_link_file_that_cannot_be_read_now_is_not_a_dead_link(store, owner, monkeypatch, fault):
    """A disk fault while reading a live link says "can't reach your space right now", never
    "this link doesn't open anything": the user must not believe their space is gone."""
    key, access = owner
    other = Store(store.backend.root)  # a process that has not seen this key lately
    real_read = other.backend.read

    def failing(name):
        if name.startswith("links/"):
            raise OSError(fault, os.strerror(fault))
        return real_read(name)

    monkeypatch.setattr(other.backend, "read", failing)
    with pytest.raises(StorageUnavailable):
        other.resolve(key)
    monkeypatch.setattr(other.backend, "read", real_read)
    assert other.resolve(key).space_id == access.space_id
