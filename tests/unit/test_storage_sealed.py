"""The sealed file format: nothing unauthenticated is read, and the read cache never goes stale."""

from __future__ import annotations

import json
import os

import pytest

from storage import keys
from storage.files import FileBackend
from storage.sealed import SealedStorage, UnreadableFile, seal, unseal
from tests.support.compartments import file_compartment

KEY = keys.new_data_key()
AAD = b"space/shared"


@pytest.mark.parametrize(
    "raw",
    [
        b"{}",
        json.dumps({"shares": {"1": {"key": "x", "invitation": "forged"}}}).encode(),
        json.dumps({"_meta": {"1": {"schema": 2}}, "settings": {}}).encode(),
    ],
)
def test_plain_json_is_refused(raw):
    with pytest.raises(UnreadableFile):
        unseal(raw, KEY, AAD)


def test_a_sealed_document_round_trips_and_binds_its_key_and_place():
    raw = seal({"t": {"1": {"x": 1}}}, KEY, AAD)
    assert unseal(raw, KEY, AAD) == {"t": {"1": {"x": 1}}}
    with pytest.raises(UnreadableFile):
        unseal(raw, keys.new_data_key(), AAD)
    with pytest.raises(UnreadableFile):
        unseal(raw, KEY, b"other/shared")


class _CoarseFilesystem:
    """Pretends to be a file system with 1-second timestamps that reuses inode numbers.

    ``os.stat`` of the watched file always answers the inode, size and mtime it had when armed,
    which is what two same-sized writes within one second look like there.
    """

    def __init__(self, monkeypatch, path):
        real = os.stat
        frozen = real(path)

        def stat(target, *args, **kwargs):
            got = real(target, *args, **kwargs)
            if os.fspath(target) != os.fspath(path):
                return got
            fields = list(got)
            fields[1], fields[6] = frozen.st_ino, frozen.st_size  # st_ino, st_size
            fields[8] = int(frozen.st_mtime)  # st_mtime (whole seconds)
            result = os.stat_result(fields, {"st_mtime_ns": frozen.st_mtime_ns})
            return result

        monkeypatch.setattr(os, "stat", stat)


def test_the_read_cache_sees_every_write_on_a_coarse_timestamp_filesystem(tmp_path, monkeypatch):
    path = tmp_path / "s.shared.db"
    first = file_compartment(path, "shared", KEY, AAD)  # stands in for one server process
    second = file_compartment(path, "shared", KEY, AAD)  # ... and another one
    first.put("replies", "r", {"note": "aaaa"})
    assert second.get("replies", "r")["note"] == "aaaa"  # the second one caches it
    _CoarseFilesystem(monkeypatch, path)
    first.put("replies", "r", {"note": "bbbb"})  # same size, same second, same inode
    assert os.stat(path).st_mtime_ns == os.stat(path).st_mtime_ns  # the fake is in place
    assert second.get("replies", "r")["note"] == "bbbb"
    version = second.version()
    second.put("replies", "r", {"note": "cccc"})
    assert first.get("replies", "r")["note"] == "cccc"
    assert second.version() != version, "version() must change with every write"
    # A write by one, then a read-modify-write by the other: nothing acknowledged is reverted.
    first.put("replies", "a", {"note": "1"})
    second.put("replies", "b", {"note": "2"})
    assert {d["key"] for d in first.all("replies")} == {"r", "a", "b"}


def test_version_changes_with_every_write_even_of_identical_bytes(tmp_path):
    path = tmp_path / "s.shared.db"
    storage = SealedStorage(FileBackend(path.parent), path.name, KEY, AAD)
    seen = set()
    for _ in range(5):
        storage.write({"t": {}})
        seen.add(storage.identity())
    assert len(seen) == 5 and None not in seen
