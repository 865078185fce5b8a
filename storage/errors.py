"""Errors the storage layer raises, each carrying a calm sentence a page can show as it is.

These are the only exceptions :class:`storage.store.Store` and
:class:`storage.compartment.Compartment` let out, whatever the backend.

A class's own sentence is looked up in the reader's language each time it is read
(:func:`content.messages.t`), on the class (``StorageUnavailable.message``) as on an error, so an
error raised in one run and shown in another speaks the language of the run that shows it. A
sentence given when raising is shown as given (the raiser words it); the exception's own text
(``str(exc)``, for logs) stays English.
"""

from __future__ import annotations

import errno
from collections.abc import Callable

from content import language
from content.messages import t

__all__ = [
    "AccessDenied",
    "BackupError",
    "Contended",
    "DiskFull",
    "StorageError",
    "StorageUnavailable",
    "calm",
]

_OWN = "_own_message"  # where an error keeps a sentence given when it was raised


class _Calm:
    """A class's calm sentence, in this run's language each time it is read.

    ``words`` returns the sentence through :func:`~content.messages.t`, written there as a literal
    so the message extractor finds it. Read on an error raised with a sentence of its own, it is
    that sentence.
    """

    def __init__(self, words: Callable[[], str]) -> None:
        self.words = words

    def __get__(self, error: object, owner: type | None = None) -> str:
        own = vars(error).get(_OWN) if isinstance(error, StorageError) else None
        return own if own else self.words()

    def __set__(self, error: StorageError, value: str) -> None:
        vars(error)[_OWN] = value


class StorageError(Exception):
    """Base class: ``message`` is safe to show to a user (no paths, keys or internals)."""

    message = _Calm(
        lambda: t(
            "Something went wrong while saving. Nothing you typed was lost; please try again."
        )
    )

    def __init__(self, message: str | None = None) -> None:
        if message:
            self.message = message
        with language.speaking(language.SOURCE):  # the exception's own text is for logs
            super().__init__(self.message)


class StorageUnavailable(StorageError):
    """Storage cannot be reached or written (disk full, read-only folder, database away)."""

    message = _Calm(
        lambda: t(
            "We couldn't save just now because the app's storage is unavailable. What you typed "
            "is still on this page; please try again in a moment, or download a backup from My "
            "data."
        )
    )


class Contended(StorageUnavailable):
    """A write kept meeting other processes' writes to the same space and was given up.

    Nothing was stored; it says what every unavailable-storage error says ("try again in a
    moment" is exactly right).
    """


class AccessDenied(StorageError):
    """A compartment was asked for without the key that opens it."""

    message = _Calm(lambda: t("This link doesn't open anything."))


class BackupError(StorageError):
    """A backup file could not be accepted; ``message`` says what is wrong with it."""


class DiskFull(StorageUnavailable):
    """The data folder's disk is full (``ENOSPC``).

    It says what every unavailable-storage error says (pages match on that sentence, and "try
    again in a moment" holds once space is freed); the type lets a page or a log tell it apart.
    """


def calm(exc: OSError) -> StorageUnavailable:
    """The calm error a page shows for an ``OSError`` from the data folder."""
    return DiskFull() if exc.errno == errno.ENOSPC else StorageUnavailable()
