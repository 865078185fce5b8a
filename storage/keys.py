"""Link keys and the compartment keys they wrap.

A link key is ``secrets.token_urlsafe(32)`` (256 bits). The server stores ``sha256(key)`` to find
the link and compares it in constant time; it never stores the key. Compartment keys are random
AES-256 keys, wrapped (AES-GCM) under a key derived from the link key with HKDF, so only someone
holding the link can unwrap them."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import secrets

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_BYTES = 32
_KEY_SHAPE = re.compile(r"^[A-Za-z0-9_-]{43}$")


def new_key() -> str:
    """Return a fresh URL-safe 256-bit link key."""
    return secrets.token_urlsafe(KEY_BYTES)


def looks_like_key(value: object) -> bool:
    """True when ``value`` has the exact shape of a link key (checked before any disk access)."""
    return isinstance(value, str) and bool(_KEY_SHAPE.match(value))


def hash_key(key: str) -> str:
    """The SHA-256 hex digest under which a link is stored."""
    return hashlib.sha256(key.encode("ascii")).hexdigest()


def hashes_match(stored: str, key: str) -> bool:
    """Compare a stored hash with a presented key in constant time."""
    return hmac.compare_digest(stored.encode("ascii"), hash_key(key).encode("ascii"))


def new_data_key() -> bytes:
    """A random AES-256 key for one compartment."""
    return AESGCM.generate_key(bit_length=256)


def _wrapping_key(link_key: str, context: str) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=b"open-door/link-wrap/v1",
        info=context.encode("utf-8"),
    ).derive(link_key.encode("ascii"))


def wrap(data_key: bytes, link_key: str, context: str) -> str:
    """Encrypt ``data_key`` under ``link_key``; ``context`` binds it to one link and compartment."""
    nonce = os.urandom(12)
    sealed = AESGCM(_wrapping_key(link_key, context)).encrypt(nonce, data_key, context.encode())
    return base64.b64encode(nonce + sealed).decode("ascii")


def unwrap(wrapped: str, link_key: str, context: str) -> bytes | None:
    """Recover a compartment key, or None if the link key or context does not fit."""
    try:
        raw = base64.b64decode(wrapped, validate=True)
        aead = AESGCM(_wrapping_key(link_key, context))
        return aead.decrypt(raw[:12], raw[12:], context.encode())
    except Exception:  # any failure means "this key does not open it"
        return None


def seal_key(data_key: bytes, wrapping_key: bytes, context: str) -> str:
    """Encrypt ``data_key`` under another random key (not a link key), bound to ``context``."""
    nonce = os.urandom(12)
    sealed = AESGCM(wrapping_key).encrypt(nonce, data_key, context.encode())
    return base64.b64encode(nonce + sealed).decode("ascii")


def open_key(wrapped: object, wrapping_key: bytes, context: str) -> bytes | None:
    """Recover a key sealed by :func:`seal_key`, or None when it does not fit."""
    try:
        raw = base64.b64decode(str(wrapped), validate=True)
        return AESGCM(wrapping_key).decrypt(raw[:12], raw[12:], context.encode())
    except Exception:  # any failure means "this key does not open it"
        return None
