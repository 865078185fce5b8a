"""Shared fixtures: a Store on a temp data folder, and an owner's access to a fresh space."""

from __future__ import annotations

import pytest

from storage.store import Access, Store


@pytest.fixture
def store(tmp_path) -> Store:
    """A Store on an empty temp data folder."""
    return Store(tmp_path / "data")


@pytest.fixture
def owner(store: Store) -> tuple[str, Access]:
    """A fresh space: (owner key, owner access)."""
    return store.create_space()
