"""Link keys: shape, hashing, constant-time comparison, and wrapping compartment keys."""

from __future__ import annotations

import pytest

from storage import keys


def test_new_keys_are_256_bit_urlsafe_and_unique():
    made = {keys.new_key() for _ in range(200)}
    assert len(made) == 200
    assert all(keys.looks_like_key(k) and len(k) == 43 for k in made)


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "abc",
        "x" * 42,
        "x" * 44,
        "a" * 42 + "=",
        "a" * 42 + "/",
        12345,
        b"a" * 43,
        "ä" * 43,
        "../../../etc/passwd",
    ],
)
def test_malformed_keys_are_refused_by_shape(value):
    assert not keys.looks_like_key(value)


def test_hash_is_sha256_hex_and_compares():
    key = keys.new_key()
    digest = keys.hash_key(key)
    assert len(digest) == 64 and int(digest, 16) >= 0
    assert keys.hashes_match(digest, key)
    assert not keys.hashes_match(digest, keys.new_key())


def test_wrap_unwraps_only_with_same_key_and_context():
    data_key, link_key = keys.new_data_key(), keys.new_key()
    sealed = keys.wrap(data_key, link_key, "space/link/private")
    assert keys.unwrap(sealed, link_key, "space/link/private") == data_key
    assert keys.unwrap(sealed, keys.new_key(), "space/link/private") is None
    assert keys.unwrap(sealed, link_key, "space/link/shared") is None
    assert keys.unwrap("not base64!", link_key, "space/link/private") is None
    assert link_key not in sealed
