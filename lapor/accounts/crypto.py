"""Encryption at rest for identity numbers (NIK).

The NIK is stored twice: Fernet ciphertext (random IV, authenticated) for showing it
to the few who may read it, and a keyed HMAC-SHA256 for "is this NIK already
registered" lookups. A plain SHA-256 would not do: the NIK space (region, birth date,
serial) is small enough to enumerate, so the hash must need a secret.

Both keys are derived from ``settings.FIELD_ENCRYPTION_KEY``, with different labels so
that the hash key is not the encryption key.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def _secret() -> bytes:
    key = settings.FIELD_ENCRYPTION_KEY
    if not key:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY is empty.")
    return key.encode()


@lru_cache(maxsize=4)
def _fernet(secret: bytes) -> Fernet:
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(secret).digest()))


def _hash_key(secret: bytes) -> bytes:
    return hashlib.sha256(b"lapor.nik-hash:" + secret).digest()


def field_encrypt(value: str) -> str:
    return _fernet(_secret()).encrypt(value.encode()).decode("ascii")


def field_decrypt(token: str) -> str:
    """Raises ``cryptography.fernet.InvalidToken`` when the key changed: loud on purpose."""
    return _fernet(_secret()).decrypt(token.encode("ascii")).decode()


def nik_hash(nik: str) -> str:
    return hmac.new(_hash_key(_secret()), nik.encode(), hashlib.sha256).hexdigest()
