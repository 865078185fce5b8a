"""Atomic writes leave either the old or the new file, and never a temp file behind."""

from __future__ import annotations

import pytest

from storage import atomic


def test_write_replaces_content(tmp_path):
    target = tmp_path / "f.db"
    atomic.write_bytes(target, b"one")
    atomic.write_bytes(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["f.db"]


def test_failed_write_keeps_old_file_and_cleans_temp(tmp_path, monkeypatch):
    target = tmp_path / "f.db"
    atomic.write_bytes(target, b"old")

    def boom(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", boom)
    with pytest.raises(OSError):
        atomic.write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.db"]
