"""One parametrized fixture runs every contract test against every storage backend.

``storage_place`` is a place to store things (a data folder, one in-memory backend, a PostgreSQL
database) with ways to open it again as another process would (:meth:`Place.store`: a new Store on
a new backend object over the same storage) and, where a real second process can reach it, the
``where`` string a child process opens (:attr:`Place.where`). A new backend only has to be added
to :data:`KINDS` and pass.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from storage.backend import Backend
from storage.files import FileBackend
from storage.memory import MemoryBackend
from storage.store import Access, Store
from tests.support import database

KINDS = ["files", "memory", "postgres"]


@dataclass
class Place:
    """One storage, and how to reach it again."""

    kind: str
    make_backend: object = field(repr=False)  # () -> Backend over the same storage
    where: str | None = None  # what a child process passes to Store(); None: not reachable

    def backend(self) -> Backend:
        """A new backend object over this storage (a stand-in for another process's)."""
        return self.make_backend()  # type: ignore[operator]

    def store(self) -> Store:
        """A new Store (its own registry of open compartments) over this storage."""
        return Store(self.backend())


@pytest.fixture(params=KINDS)
def storage_place(request, tmp_path: Path) -> Iterator[Place]:
    """Every backend in turn."""
    if request.param == "files":
        root = tmp_path / "data"
        first = FileBackend(root)
        first.prepare("spaces", "links")
        yield Place("files", lambda: FileBackend(root), str(root))
    elif request.param == "memory":
        shared = MemoryBackend()  # one memory: every "process" sees the same names
        yield Place("memory", lambda: shared)
    else:
        url = database.url_or_skip()
        from storage.postgres import PostgresBackend

        database.empty(url)  # tests run one at a time: each starts on an empty database
        made: list[PostgresBackend] = []

        def make() -> PostgresBackend:
            made.append(PostgresBackend(url))
            return made[-1]

        yield Place("postgres", make, url)
        for backend in made:
            backend.close()


@pytest.fixture
def store(storage_place: Place) -> Store:
    """A Store over the place."""
    return storage_place.store()


@pytest.fixture
def owner(store: Store) -> tuple[str, Access]:
    """A fresh space: (owner key, owner access)."""
    return store.create_space()
