"""One compartment file: migrations, damaged and forged files set aside, ODX1, threads on one file.

Documents, transactions and two writers on one document, on every backend: ``tests/contract``.
"""

from __future__ import annotations

import json
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storage import keys
from storage.errors import AccessDenied, StorageUnavailable
from storage.schema import SCHEMA_VERSION
from storage.sealed import seal
from tests.support.compartments import file_compartment

KEY = keys.new_data_key()
AAD = b"space/private"


def make(tmp_path, data_key=KEY):
    return file_compartment(tmp_path / "s.private.db", "private", data_key, AAD)


def test_new_file_is_encrypted_and_versioned(tmp_path):
    comp = make(tmp_path)
    comp.insert("journal", {"text": "a secret sentence"})
    raw = (tmp_path / "s.private.db").read_bytes()
    assert raw.startswith(b"ODX2") and b"secret" not in raw
    with comp.transaction() as txn:
        meta = txn.all("_meta")[0]
    assert meta["schema"] == SCHEMA_VERSION and meta["compartment"] == "private"


def test_plain_json_file_is_set_aside_never_read_or_sealed_as_genuine(tmp_path):
    """Every file this code writes is sealed: a plain one is a forgery (or pre-encryption)."""
    path = tmp_path / "s.private.db"
    forged = json.dumps({"journal": {"1": {"text": "planted words"}}}).encode()
    path.write_bytes(forged)
    comp = make(tmp_path)
    assert comp.all("journal") == [] and comp.recovered_at is not None
    assert [p.read_bytes() for p in tmp_path.glob("s.private.db.corrupt-*")] == [forged]
    comp.insert("journal", {"text": "mine"})
    assert b"planted" not in path.read_bytes()
    assert [d["text"] for d in make(tmp_path).all("journal")] == ["mine"]


def test_plain_json_put_in_place_while_open_is_set_aside(tmp_path):
    comp = make(tmp_path)
    comp.insert("journal", {"text": "mine"})
    (tmp_path / "s.private.db").write_text(json.dumps({"journal": {"1": {"text": "planted"}}}))
    assert comp.all("journal") == [] and comp.recovered_at is not None
    comp.insert("journal", {"text": "next"})
    assert b"planted" not in (tmp_path / "s.private.db").read_bytes()


CORRUPT = {
    "empty": b"",
    "truncated_json": b'{"journal": {"1": {"te',
    "garbage": bytes(range(256)),
    "json_list": b"[1, 2, 3]",
    "table_not_mapping": b'{"journal": [1, 2]}',
    "nan": b'{"journal": {"1": {"x": NaN}}}',
    "truncated_cipher": b"ODX1" + b"\x00" * 20,
    "other_space": seal({"journal": {}}, KEY, b"another/private"),
    "from_the_future": json.dumps({"_meta": {"1": {"schema": SCHEMA_VERSION + 5}}}).encode(),
    "sealed_from_the_future": seal({"_meta": {"1": {"schema": SCHEMA_VERSION + 5}}}, KEY, AAD),
    "plain_valid_document": json.dumps({"journal": {"1": {"text": "x"}}}).encode(),
}


@pytest.mark.parametrize("shape", sorted(CORRUPT))
def test_unreadable_file_is_set_aside_never_deleted(tmp_path, shape):
    path = tmp_path / "s.private.db"
    path.write_bytes(CORRUPT[shape])
    comp = make(tmp_path)
    assert comp.recovered_at is not None
    aside = list(tmp_path.glob("s.private.db.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == CORRUPT[shape]
    comp.insert("journal", {"text": "fresh start"})
    assert [d["text"] for d in comp.all("journal")] == ["fresh start"]


def test_a_file_sealed_under_another_key_is_refused_and_left_alone(tmp_path):
    """A stale key (an old link file put back after a rotation) is not damage: nothing moves."""
    path = tmp_path / "s.private.db"
    theirs = seal({"journal": {"1": {"text": "the current data"}}}, keys.new_data_key(), AAD)
    path.write_bytes(theirs)
    with pytest.raises(AccessDenied):
        make(tmp_path)
    assert path.read_bytes() == theirs and not list(tmp_path.glob("*.corrupt-*"))


def test_a_legacy_odx1_file_is_read_and_rewritten_in_the_current_format(tmp_path):
    import os

    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(12)
    plain = json.dumps({"journal": {"1": {"text": "old"}}}).encode()
    path = tmp_path / "s.private.db"
    path.write_bytes(b"ODX1" + nonce + AESGCM(KEY).encrypt(nonce, plain, AAD))
    comp = make(tmp_path)
    assert comp.all("journal") == [{"text": "old", "_id": 1}] and comp.recovered_at is None
    assert path.read_bytes().startswith(b"ODX2")


def test_file_broken_while_open_is_set_aside_on_next_use(tmp_path):
    comp = make(tmp_path)
    comp.insert("journal", {"text": "x"})
    (tmp_path / "s.private.db").write_bytes(b"\x00broken")
    assert comp.all("journal") == []
    assert comp.recovered_at is not None


def test_write_failure_raises_calm_error_and_keeps_old_data(tmp_path, monkeypatch):
    comp = make(tmp_path)
    comp.insert("journal", {"text": "kept"})
    import storage.atomic as atomic

    def full(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", full)
    with pytest.raises(StorageUnavailable) as caught:
        comp.insert("journal", {"text": "lost?"})
    assert "still on this page" in caught.value.message
    monkeypatch.undo()
    assert [d["text"] for d in comp.all("journal")] == ["kept"]


def test_eight_threads_on_one_compartment_lose_nothing(tmp_path):
    comp = make(tmp_path)
    per_thread, threads = 25, 8

    def work(n: int) -> None:
        for i in range(per_thread):
            comp.insert("journal", {"thread": n, "i": i})
            comp.put("latest", f"t{n}", {"i": i})

    pool = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    docs = comp.all("journal")
    assert len(docs) == per_thread * threads
    assert len({d["_id"] for d in docs}) == len(docs)
    assert {(d["thread"], d["i"]) for d in docs} == {
        (n, i) for n in range(threads) for i in range(per_thread)
    }
    assert sorted(d["i"] for d in comp.all("latest")) == [per_thread - 1] * threads


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=50),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(
    max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(
    docs=st.lists(
        st.dictionaries(
            st.text(min_size=1, max_size=10).filter(lambda k: k not in ("_id", "key")),
            json_values,
            max_size=5,
        ),
        max_size=6,
    )
)
def test_round_trip_through_disk(tmp_path, docs):
    path = tmp_path / "rt.private.db"
    path.unlink(missing_ok=True)
    comp = file_compartment(path, "private", KEY, AAD)
    comp.replace_table("things", docs)
    reopened = file_compartment(path, "private", KEY, AAD)
    assert [{k: v for k, v in d.items() if k != "_id"} for d in reopened.all("things")] == docs
